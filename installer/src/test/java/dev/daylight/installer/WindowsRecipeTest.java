package dev.daylight.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The MSI's WiX template and the agent's scheduled task, checked as far as Linux can. */
class WindowsRecipeTest {
  private static final Path WIN = UnitFilesTest.PACKAGING.resolve("windows");

  @Test
  void msiTakesCollectorAndSecretAsPublicPropertiesAndHidesTheSecret() {
    Document wxs = Xml.parse(WIN.resolve("resources/main.wxs"));
    Map<String, Element> props =
        Xml.all(wxs, "Property").stream()
            .collect(Collectors.toMap(p -> p.getAttribute("Id"), p -> p));
    assertThat(props.get("DAYLIGHT_COLLECTOR").getAttribute("Secure")).isEqualTo("yes");
    assertThat(props.get("DAYLIGHT_ENROLL_SECRET").getAttribute("Secure")).isEqualTo("yes");
    assertThat(props.get("DAYLIGHT_ENROLL_SECRET").getAttribute("Hidden")).isEqualTo("yes");
    assertThat(props.get("MsiHiddenProperties").getAttribute("Value"))
        .contains("DAYLIGHT_ENROLL_SECRET");
  }

  @Test
  void msiWritesAgentConfInAFolderOnlySystemAndAdministratorsRead() {
    Document wxs = Xml.parse(WIN.resolve("resources/main.wxs"));
    Map<String, String> ini =
        Xml.all(wxs, "IniFile").stream()
            .peek(e -> assertThat(e.getAttribute("Name")).isEqualTo("agent.conf"))
            .peek(e -> assertThat(e.getAttribute("Directory")).isEqualTo("DaylightDataDir"))
            .collect(Collectors.toMap(e -> e.getAttribute("Key"), e -> e.getAttribute("Value")));
    assertThat(ini)
        .containsEntry("collector", "[DAYLIGHT_COLLECTOR]")
        .containsEntry("enroll_secret", "[DAYLIGHT_ENROLL_SECRET]")
        .containsEntry("ca_file", "[DAYLIGHT_CA_FILE]")
        .containsEntry("pin", "[DAYLIGHT_PIN]");
    List<String> refs =
        Xml.all(wxs, "ComponentRef").stream().map(e -> e.getAttribute("Id")).toList();
    assertThat(refs).contains("DaylightAgentConfCa", "DaylightAgentConfPin");
    List<Element> acl = Xml.all(wxs, "PermissionEx");
    assertThat(acl)
        .singleElement()
        .extracting(e -> e.getAttribute("Sddl"))
        .isEqualTo("D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)");
    Element data =
        Xml.all(wxs, "Directory").stream()
            .filter(d -> d.getAttribute("Id").equals("DaylightDataDir"))
            .findFirst()
            .orElseThrow();
    assertThat(((Element) data.getParentNode()).getAttribute("Id"))
        .isEqualTo("CommonAppDataFolder");
  }

  @Test
  void msiRegistersTheAgentTaskOnInstallAndDeletesItOnUninstall() {
    Document wxs = Xml.parse(WIN.resolve("resources/main.wxs"));
    Map<String, String> actions =
        Xml.all(wxs, "CustomAction").stream()
            .filter(a -> a.hasAttribute("ExeCommand"))
            .peek(
                a ->
                    assertThat(a.getAttribute("Impersonate"))
                        .as("runs as LocalSystem")
                        .isEqualTo("no"))
            .collect(
                Collectors.toMap(a -> a.getAttribute("Id"), a -> a.getAttribute("ExeCommand")));
    assertThat(actions.get("DaylightRegisterTask"))
        .contains(
            "/Create /F /TN \"Daylight\\Agent\" /XML \"[INSTALLDIR]app\\integration\\daylight-agent-task.xml\"");
    assertThat(actions.get("DaylightDeleteTask")).contains("/Delete /F /TN \"Daylight\\Agent\"");
    Map<String, String> conditions =
        Xml.all(wxs, "Custom").stream()
            .collect(
                Collectors.toMap(c -> c.getAttribute("Action"), c -> c.getTextContent().trim()));
    assertThat(conditions)
        .containsEntry("DaylightRegisterTask", "NOT REMOVE=\"ALL\"")
        .containsEntry("DaylightDeleteTask", "REMOVE=\"ALL\"");
    // jpackage's own wiring must survive the override, or candle fails.
    assertThat(Xml.all(wxs, "ComponentGroupRef"))
        .extracting(e -> e.getAttribute("Id"))
        .contains("Files", "Shortcuts", "FileAssociations");
    assertThat(Files.exists(WIN.resolve("share/daylight-agent-task.xml"))).isTrue();
  }

  @Test
  void taskRunsTheAgentForAllUsersAsLocalSystemAtBoot() {
    Document task = Xml.parse(WIN.resolve("share/daylight-agent-task.xml"));
    Element root = task.getDocumentElement();
    assertThat(root.getNamespaceURI())
        .isEqualTo("http://schemas.microsoft.com/windows/2004/02/mit/task");
    assertThat(Xml.all(task, "BootTrigger")).hasSize(1);
    assertThat(Xml.all(task, "UserId"))
        .singleElement()
        .extracting(Element::getTextContent)
        .isEqualTo("S-1-5-18");
    assertThat(Xml.all(task, "Command"))
        .singleElement()
        .extracting(Element::getTextContent)
        .isEqualTo("\"%ProgramFiles%\\daylight\\daylight-agentd.exe\"");
    assertThat(Xml.all(task, "Arguments"))
        .singleElement()
        .extracting(Element::getTextContent)
        .isEqualTo("run --all-users --state-dir \"%ProgramData%\\Daylight\\state\"");
    assertThat(Xml.all(task, "ExecutionTimeLimit"))
        .singleElement()
        .extracting(Element::getTextContent)
        .isEqualTo("PT0S");
  }
}
