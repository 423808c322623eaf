package dev.daylight.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The collector's dependency rules from the design, as tests. */
class CollectorArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.daylight.collector");

  @Test
  void collectorNeverDependsOnTheAgentOrTheTray() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.daylight.agent..", "dev.daylight.ui..")
        .because("protocol <- collector is the only edge; agents and collector meet on the wire")
        .check(classes);
  }

  @Test
  void nothingPrintsToStdout() {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .because(
            "the collector is a service: it logs through SLF4J, structured (the load generator,"
                + " which prints, is the bench module)")
        .check(classes);
  }

  @Test
  void storageStaysBelowTheHttpLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.daylight.collector.store..",
            "dev.daylight.collector.ingest..",
            "dev.daylight.collector.fleet..",
            "dev.daylight.collector.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.daylight.collector.http..", "org.eclipse.jetty..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.daylight.collector.(*)..").should().beFreeOfCycles().check(classes);
  }
}
