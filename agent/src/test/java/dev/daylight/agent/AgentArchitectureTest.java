package dev.daylight.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.daylight.agent.report.Backoff;
import org.junit.jupiter.api.Test;

/** Rules the agent keeps as it grows; each names the reason it exists. */
class AgentArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.daylight.agent");

  @Test
  void onlyTheCliPrints() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.daylight.agent.cli..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .allowEmptyShould(true)
        .because("stdout belongs to the CLI's output contract; everything else logs through SLF4J")
        .check(classes);
  }

  @Test
  void agentNeverDependsOnTheCollectorOrTheTray() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.daylight.collector..", "dev.daylight.ui..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices()
        .matching("dev.daylight.agent.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a package's role is one sentence (package-info); a cycle makes two packages one")
        .check(classes);
  }

  @Test
  void theResidentLoadsNoScanMachinery() {
    // Backoff is the one piece of the reporter the resident shares: a pure delay schedule.
    noClasses()
        .that()
        .resideInAPackage("dev.daylight.agent.daemon..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "dev.daylight.agent.pipeline..",
                    "dev.daylight.agent.store..",
                    "dev.daylight.agent.report..",
                    "dev.daylight.agent.assess..",
                    "dev.daylight.agent.discovery..",
                    "dev.daylight.agent.intel..",
                    "dev.daylight.agent.child..")
                .and(not(equivalentTo(Backoff.class))))
        .because("the resident agent stays small between scans; each scan runs in a child JVM")
        .check(classes);
  }
}
