package dev.daylight.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
