package dev.daylight.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package identity is pure: the agent and the collector call it with strings, never with I/O. */
class IdentityArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.daylight.identity");

  @Test
  void identityDoesNoIoAndKnowsNoOtherModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.sql..",
            "dev.daylight.agent..",
            "dev.daylight.collector..",
            "dev.daylight.protocol..",
            "dev.daylight.ui..")
        .because("versions and package URLs are compared the same way wherever they are read")
        .check(classes);
  }
}
