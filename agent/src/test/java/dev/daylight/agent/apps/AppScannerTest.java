package dev.daylight.agent.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppScannerTest {
  @TempDir Path home;
  @TempDir Path outside;

  private static void write(Path f, String text) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private Map<String, Client> scan(Os os) {
    return AppScanner.scan(ScanContext.forHome(home, os)).stream()
        .collect(Collectors.toMap(Client::id, c -> c));
  }

  @Test
  void macAppBundlesWithTheirInfoPlistVersion() throws IOException {
    write(
        home.resolve("Applications/Claude.app/Contents/Info.plist"),
        "<plist><dict><key>CFBundleVersion</key><string>1234</string>\n"
            + "<key>CFBundleShortVersionString</key>\n  <string>0.12.28</string></dict></plist>");
    Files.createDirectories(home.resolve("Applications/Ollama.app"));
    Map<String, Client> c = scan(Os.MACOS);
    assertThat(c.get("claude-desktop").version()).isEqualTo("0.12.28");
    assertThat(c.get("claude-desktop").kind()).isEqualTo("app");
    assertThat(c.get("claude-desktop").evidence())
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo("app"));
    assertThat(c.get("ollama").version()).isNull();
  }

  @Test
  void editorExtensionsFromExtensionsJsonOrFolders() throws IOException {
    write(
        home.resolve(".vscode/extensions/extensions.json"),
        "[{\"identifier\":{\"id\":\"GitHub.copilot\"},\"version\":\"1.300.0\"},"
            + "{\"identifier\":{\"id\":\"ms-python.python\"},\"version\":\"2025.1.0\"}]");
    Files.createDirectories(home.resolve(".cursor/extensions/saoudrizwan.claude-dev-3.17.0"));
    Files.createDirectories(home.resolve(".cursor/extensions/esbenp.prettier-vscode-11.0.0"));
    Map<String, Client> c = scan(Os.LINUX);
    assertThat(c.keySet())
        .containsExactlyInAnyOrder(
            "vscode-ext:github.copilot", "cursor-ext:saoudrizwan.claude-dev");
    assertThat(c.get("cursor-ext:saoudrizwan.claude-dev").name()).isEqualTo("Cline (Cursor)");
    assertThat(c.get("cursor-ext:saoudrizwan.claude-dev").version()).isEqualTo("3.17.0");
    assertThat(c.get("vscode-ext:github.copilot").kind()).isEqualTo("extension");
  }

  @Test
  void linuxDesktopEntriesFlatpaksJetbrainsPluginsAndClis() throws IOException {
    write(
        home.resolve(".local/share/applications/cursor.desktop"), "[Desktop Entry]\nName=Cursor\n");
    Files.createDirectories(home.resolve(".local/share/flatpak/app/dev.zed.Zed/current"));
    Files.createDirectories(home.resolve(".local/share/JetBrains/IntelliJIdea2025.2/ml-llm/lib"));
    write(home.resolve(".local/bin/claude"), "#!/bin/sh\n");
    write(home.resolve(".local/bin/not-an-ai-tool"), "#!/bin/sh\n");
    Map<String, Client> c = scan(Os.LINUX);
    assertThat(c.keySet())
        .containsExactlyInAnyOrder("cursor", "zed", "jetbrains-plugin:ml-llm", "claude-code");
    assertThat(c.get("claude-code").evidence())
        .extracting(Evidence::text)
        .containsExactly("claude on PATH");
    assertThat(c.get("jetbrains-plugin:ml-llm").evidence().get(0).text())
        .contains("IntelliJIdea2025.2");
  }

  @Test
  void windowsPerUserInstallsAndAppDataJetbrains() throws IOException {
    write(
        home.resolve("AppData/Local/Programs/cursor/resources/app/package.json"),
        "{\"version\":\"1.7.2\"}");
    Files.createDirectories(
        home.resolve("AppData/Roaming/JetBrains/PyCharm2025.1/plugins/github-copilot-intellij"));
    write(home.resolve("AppData/Roaming/npm/codex.cmd"), "@echo off\n");
    Map<String, Client> c = scan(Os.WINDOWS);
    assertThat(c.get("cursor").version()).isEqualTo("1.7.2");
    assertThat(c).containsKeys("jetbrains-plugin:github-copilot-intellij", "codex");
  }

  @Test
  void modelRuntimesListTheirModels() throws IOException {
    write(
        home.resolve(".ollama/models/manifests/registry.ollama.ai/library/llama3.2/latest"), "{}");
    write(home.resolve(".ollama/models/manifests/registry.ollama.ai/someone/coder/7b"), "{}");
    Files.createDirectories(home.resolve(".lmstudio/models/lmstudio-community/Qwen2.5-7B-GGUF"));
    Map<String, Client> c = scan(Os.LINUX);
    assertThat(c.get("ollama").kind()).isEqualTo("model-runtime");
    assertThat(c.get("ollama").evidence().get(0).text())
        .isEqualTo("models: llama3.2:latest, someone/coder:7b");
    assertThat(c.get("lm-studio").evidence().get(0).text())
        .isEqualTo("models: lmstudio-community/Qwen2.5-7B-GGUF");
  }

  @Test
  void aModelFolderLinkedOutOfTheHomeShowsTheRuntimeButNoNames() throws IOException {
    // Another account's (or root's) folders: their names must not become this account's evidence.
    write(outside.resolve("acme-secret-project/plans/v1"), "{}");
    Files.createDirectories(home.resolve(".lmstudio"));
    Files.createSymbolicLink(home.resolve(".lmstudio/models"), outside);
    write(
        home.resolve(".ollama/models/manifests/registry.ollama.ai/library/llama3.2/latest"), "{}");
    Files.createSymbolicLink(
        home.resolve(".ollama/models/manifests/registry.ollama.ai/other"), outside);

    Map<String, Client> c = scan(Os.LINUX);

    assertThat(c.get("lm-studio").evidence().get(0).text()).isEqualTo("model folder");
    assertThat(c.get("ollama").evidence().get(0).text()).isEqualTo("models: llama3.2:latest");
  }

  @Test
  void aModelFolderWithManyEntriesGivesAtMostTwentyNames() throws IOException {
    for (int i = 0; i < 30; i++) {
      Files.createDirectories(home.resolve(".lmstudio/models/pub" + i + "/model"));
    }

    String text = scan(Os.LINUX).get("lm-studio").evidence().get(0).text();

    assertThat(text.split(", ")).hasSize(20);
  }

  @Test
  void appsThatKeepMcpInTheirOwnDatabaseAreFoundByTheirDataFolder() throws IOException {
    Files.createDirectories(home.resolve("Library/Application Support/CherryStudio/IndexedDB"));
    Files.createDirectories(home.resolve("Library/Application Support/com.raycast.macos"));
    Files.createDirectories(home.resolve(".warp"));
    Map<String, Client> mac = scan(Os.MACOS);
    assertThat(mac).containsKeys("cherry-studio", "raycast", "warp");
    assertThat(mac.get("cherry-studio").evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).endsWith("CherryStudio");
              assertThat(e.text()).contains("own database");
            });
    Files.createDirectories(home.resolve("AppData/Roaming/Msty"));
    assertThat(scan(Os.WINDOWS)).containsKeys("msty", "warp").doesNotContainKey("raycast");
  }

  @Test
  void anEmptyHomeHasNoApps() {
    assertThat(scan(Os.MACOS)).isEmpty();
    assertThat(scan(Os.WINDOWS)).isEmpty();
  }

  @Test
  void parsersForRegistryOutputAndAddresses() {
    String reg =
        "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{abc}\r\n"
            + "    DisplayName    REG_SZ    Cursor (User)\r\n    DisplayVersion    REG_SZ    1.7.2\r\n"
            + "    InstallLocation    REG_SZ    C:\\Users\\d\\AppData\\Local\\Programs\\cursor\\\r\n\r\n"
            + "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Other\r\n"
            + "    NoName    REG_DWORD    0x1\r\n";
    assertThat(AppParsers.regQuery(reg))
        .containsExactly(
            new AppParsers.UninstallEntry(
                "Cursor (User)", "1.7.2", "C:\\Users\\d\\AppData\\Local\\Programs\\cursor\\"));
    assertThat(HostProbe.address(new byte[4], 11434)).isEqualTo("0.0.0.0:11434");
    assertThat(HostProbe.address(new byte[] {127, 0, 0, 1}, 1234)).isEqualTo("127.0.0.1:1234");
    assertThat(HostProbe.address(new byte[16], 1234)).isEqualTo("[::]:1234");
  }

  @Test
  void appsMergeIntoDiscoveredClientsById() {
    Client discovered =
        new Client(
            "cursor",
            "Cursor",
            "app",
            null,
            List.of(Evidence.file("/h/.cursor/mcp.json", null, "config")),
            null);
    Client app =
        new Client(
            "cursor",
            "Cursor",
            "app",
            "1.7.2",
            List.of(new Evidence("app", "/Applications/Cursor.app", null, "Cursor.app")),
            null);
    assertThat(AppsStage.merge(List.of(discovered), List.of(app)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.version()).isEqualTo("1.7.2");
              assertThat(c.evidence()).hasSize(2);
            });
  }
}
