package dev.daylight.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The protocol is shared by agent and collector: records and their JSON form, never I/O. */
class ProtocolArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.daylight.protocol");

  @Test
  void protocolDoesNoIo() {
    // IOException is allowed: Jackson's deserializer contract declares it; it reads nothing.
    noClasses()
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "java.io..", "java.nio.file..", "java.net..", "java.sql..")
                .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(IOException.class))))
        .because(
            "the protocol holds records only; files, sockets and databases belong to agent and collector")
        .check(classes);
  }

  @Test
  void protocolDependsOnNoOtherDaylightModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.daylight.agent..", "dev.daylight.collector..", "dev.daylight.ui..")
        .check(classes);
  }
}
