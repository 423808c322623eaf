package dev.daylight.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The tray's structure, as tests: MVVM per feature, and the agent's store read, never the disk. */
class UiArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.daylight.ui");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.daylight.ui.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theTrayNeverParsesAConfigItself() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.daylight.agent.discovery..",
            "dev.daylight.agent.resolve..",
            "dev.daylight.collector..")
        .because("the tray reads the agent's history; scans go through the agent's own pipeline")
        .check(classes);
  }
}
