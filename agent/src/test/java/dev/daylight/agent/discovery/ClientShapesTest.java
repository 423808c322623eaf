package dev.daylight.agent.discovery;

import static dev.daylight.agent.discovery.FakeHome.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.Approval;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Scope;
import dev.daylight.protocol.Transport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per client shape, on fixture text written where that client keeps it. */
class ClientShapesTest {
  @TempDir Path tmp;

  private FakeHome home(Os os) {
    return new FakeHome(tmp, os);
  }

  @Test
  void claudeDesktopOnWindowsReadsRoamingAndTheMsixPath() {
    FakeHome h = home(Os.WINDOWS);
    h.write(
        "AppData/Roaming/Claude/claude_desktop_config.json",
        "{\"mcpServers\":{\"old\":{\"command\":\"npx\",\"args\":[\"-y\",\"old-mcp\"]}}}");
    h.write(
        "AppData/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json",
        "{\"preferences\":{},\"mcpServers\":{\"msix\":{\"command\":\"cmd\",\"args\":[\"/c\",\"npx\",\"-y\",\"msix-mcp@1.0.0\"]}}}");
    List<McpServer> s = h.servers("claude-desktop");
    assertThat(s).extracting(McpServer::name).containsExactlyInAnyOrder("old", "msix");
    assertThat(named(s, "msix").pkg().purl()).isEqualTo("pkg:npm/msix-mcp@1.0.0");
  }

  @Test
  void claudeDesktopMcpbExtensionManifestIsAnExtensionServer() {
    FakeHome h = home(Os.MACOS);
    h.write(
        "Library/Application Support/Claude/Claude Extensions/ant.dir.fs/manifest.json",
        """
        {"name": "filesystem", "version": "0.1.0",
         "server": {"type": "node", "entry_point": "server/index.js",
           "mcp_config": {"command": "node", "args": ["${__dirname}/server/index.js"], "env": {"ROOT": "/"}}}}
        """);
    McpServer s = h.servers("claude-desktop").get(0);
    assertThat(s.scope()).isEqualTo(Scope.EXTENSION);
    assertThat(s.name()).isEqualTo("filesystem");
    assertThat(s.args()).containsExactly("${__dirname}/server/index.js");
    assertThat(s.line()).isEqualTo(3);
  }

  @Test
  void claudeDesktopBundlesWithOnlyATypeAndEntryPointRunWhatTheAppWouldRun() {
    FakeHome h = home(Os.WINDOWS);
    String ext = "AppData/Roaming/Claude/Claude Extensions/";
    h.write(
        ext + "local.hello-uv/manifest.json",
        """
        {"manifest_version": "0.3", "name": "hello-uv", "version": "1.0.0",
         "server": {"type": "uv", "entry_point": "src/server.py"}}
        """);
    h.write(
        ext + "local.hello-node/manifest.json",
        """
        {"name": "hello-node", "server": {"type": "node", "entry_point": "server/index.js"}}
        """);
    h.write(
        ext + "local.hello-py/manifest.json",
        """
        {"name": "hello-py", "server": {"type": "python", "entry_point": "server/main.py"}}
        """);
    h.write(
        ext + "local.hello-bin/manifest.json",
        """
        {"name": "hello-bin", "server": {"type": "binary", "entry_point": "bin/server.exe"}}
        """);
    h.write(
        ext + "local.unknown/manifest.json",
        """
        {"name": "unknown", "server": {"type": "wasm", "entry_point": "x.wasm"}}
        """);
    List<McpServer> s = h.servers("claude-desktop");
    assertThat(s)
        .extracting(McpServer::name)
        .containsExactlyInAnyOrder("hello-uv", "hello-node", "hello-py", "hello-bin");
    McpServer uv = named(s, "hello-uv");
    assertThat(uv.command()).isEqualTo("uv");
    assertThat(uv.args()).containsExactly("run", "--directory", "${__dirname}", "src/server.py");
    assertThat(uv.scope()).isEqualTo(Scope.EXTENSION);
    assertThat(uv.pkg().ecosystem())
        .as("the bundle's own code, no registry name")
        .isEqualTo("local");
    assertThat(uv.line()).isEqualTo(2);
    McpServer node = named(s, "hello-node");
    assertThat(node.command()).isEqualTo("node");
    assertThat(node.args()).containsExactly("${__dirname}/server/index.js");
    assertThat(node.pkg().name()).isEqualTo("${__dirname}/server/index.js");
    assertThat(named(s, "hello-py").args()).containsExactly("${__dirname}/server/main.py");
    assertThat(named(s, "hello-bin").command()).isEqualTo("${__dirname}/bin/server.exe");
    assertThat(named(s, "hello-bin").args()).isEmpty();
  }

  @Test
  void claudeCodeReadsTopLevelAndPerProjectServersAndTheProjectsMcpJson() {
    FakeHome h = home(Os.LINUX);
    Path proj = tmp.resolve("deep/a/b/c/d/e/f/proj");
    h.write(
        ".claude.json",
        """
        {
          "mcpServers": {"top": {"type": "stdio", "command": "uvx", "args": ["top-mcp==1.0"]}},
          "projects": {
            "%s": {
              "mcpServers": {"local": {"type": "http", "url": "https://local.example/mcp"}}
            }
          }
        }
        """
            .formatted(proj));
    h.write(
        "deep/a/b/c/d/e/f/proj/.mcp.json",
        "{\"mcpServers\":{\"shared\":{\"command\":\"npx\",\"args\":[\"shared-mcp\"]}}}");
    List<McpServer> s = h.servers("claude-code");
    assertThat(named(s, "top").scope()).isEqualTo(Scope.USER);
    assertThat(named(s, "local").scope()).isEqualTo(Scope.PROJECT);
    assertThat(named(s, "local").transport()).isEqualTo(Transport.HTTP);
    assertThat(named(s, "local").line()).isEqualTo(5);
    assertThat(named(s, "shared").scope())
        .as("found through the project registry, below walk depth")
        .isEqualTo(Scope.PROJECT);
  }

  @Test
  void claudeCodeProjectServersRunOnlyOnceApprovedAndARefusalWinsOverEveryApproval() {
    FakeHome h = home(Os.LINUX);
    Path proj = tmp.resolve("code/app");
    h.write(
        "code/app/.mcp.json",
        """
        {"mcpServers":{"asked":{"command":"a"},"ok1":{"command":"b"},"ok2":{"command":"c"},
          "no1":{"command":"d"},"no2":{"command":"e"},"both":{"command":"f"}}}""");
    h.write(
        ".claude.json",
        "{\"projects\":{\""
            + proj
            + "\":{\"enabledMcpjsonServers\":[\"ok1\",\"both\"],"
            + "\"disabledMcpjsonServers\":[\"no1\"],\"mcpServers\":{\"mine\":{\"command\":\"g\"}}}}}");
    h.write(
        "code/app/.claude/settings.local.json",
        "{\"enabledMcpjsonServers\":[\"ok2\"],\"disabledMcpjsonServers\":[\"no2\",\"both\"]}");
    List<McpServer> s = h.servers("claude-code");
    assertThat(named(s, "asked").approval())
        .as("never asked: Claude Code will ask first")
        .isEqualTo(Approval.PENDING);
    assertThat(named(s, "asked").enabled()).isFalse();
    for (String ok : List.of("ok1", "ok2")) {
      assertThat(named(s, ok).approval()).as(ok).isEqualTo(Approval.APPROVED);
      assertThat(named(s, ok).enabled()).as(ok).isTrue();
    }
    for (String no : List.of("no1", "no2", "both")) {
      assertThat(named(s, no).approval()).as(no).isEqualTo(Approval.REFUSED);
      assertThat(named(s, no).enabled()).as(no).isFalse();
    }
    assertThat(named(s, "mine").approval())
        .as("the user's own local-scope server needs no approval")
        .isNull();
    assertThat(named(s, "mine").enabled()).isTrue();
  }

  @Test
  void enableAllApprovesEveryProjectServerExceptRefusedOnesAndALaterFileCanTakeItBack() {
    FakeHome h = home(Os.LINUX);
    h.write(
        "p1/.mcp.json", "{\"mcpServers\":{\"x\":{\"command\":\"a\"},\"y\":{\"command\":\"b\"}}}");
    h.write(
        "p1/.claude/settings.json",
        "{\"enableAllProjectMcpServers\":true,\"disabledMcpjsonServers\":[\"y\"]}");
    h.write("p2/.mcp.json", "{\"mcpServers\":{\"z\":{\"command\":\"c\"}}}");
    h.write("p2/.claude/settings.json", "{\"enableAllProjectMcpServers\":true}");
    h.write("p2/.claude/settings.local.json", "{\"enableAllProjectMcpServers\":false}");
    h.write("p3/.mcp.json", "{\"mcpServers\":{\"w\":{\"command\":\"d\"}}}");
    h.write(".claude/settings.json", "{\"enabledMcpjsonServers\":[\"w\"]}");
    List<McpServer> s = h.servers("claude-code");
    assertThat(named(s, "x").approval()).isEqualTo(Approval.APPROVED);
    assertThat(named(s, "y").approval()).isEqualTo(Approval.REFUSED);
    assertThat(named(s, "z").approval())
        .as("the local file's false wins over the project's true")
        .isEqualTo(Approval.PENDING);
    assertThat(named(s, "w").approval())
        .as("approved in the user's settings")
        .isEqualTo(Approval.APPROVED);
  }

  @Test
  void claudeDesktopExtensionSwitchedOffInItsSettingsIsDisabled() {
    FakeHome h = home(Os.WINDOWS);
    h.write(
        "AppData/Roaming/Claude/Claude Extensions/ant.dir.x/manifest.json",
        "{\"name\":\"x\",\"server\":{\"mcp_config\":{\"command\":\"node\",\"args\":[\"i.js\"]}}}");
    h.write(
        "AppData/Roaming/Claude/Claude Extensions Settings/ant.dir.x.json",
        "{\"isEnabled\": false}");
    assertThat(h.servers("claude-desktop").get(0).enabled()).isFalse();
  }

  @Test
  void vscodeMcpJsonSettingsAndProfiles() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".config/Code/User/mcp.json",
        """
        {
          // inputs prompt for secrets at launch
          "inputs": [{"type": "promptString", "id": "tok", "password": true}],
          "servers": {
            "gh": {"type": "http", "url": "https://api.githubcopilot.com/mcp/",
                   "headers": {"Authorization": "Bearer ${input:tok}"}},
          },
        }
        """);
    h.write(
        ".config/Code/User/settings.json",
        "{\"editor.fontSize\": 12, \"mcp\": {\"servers\": {\"legacy\": {\"command\": \"node\", \"args\": [\"/x/s.js\"], \"disabled\": true}}}}");
    h.write(
        ".config/Code/User/profiles/abc123/mcp.json",
        "{\"servers\":{\"prof\":{\"command\":\"npx\",\"args\":[\"p-mcp\"]}}}");
    List<McpServer> s = h.servers("vscode");
    assertThat(s).extracting(McpServer::name).containsExactlyInAnyOrder("gh", "legacy", "prof");
    assertThat(named(s, "gh").headerKeys()).containsExactly("Authorization");
    assertThat(named(s, "gh").secretFingerprints()).isEmpty();
    assertThat(named(s, "legacy").enabled()).isFalse();
  }

  @Test
  void vscodeWorkspaceStorageNamesOpenedProjects() {
    FakeHome h = home(Os.MACOS);
    Path proj = tmp.resolve("x/y/z/q/r/s/t/repo");
    h.write(
        "Library/Application Support/Code/User/workspaceStorage/1f2e/workspace.json",
        "{\"folder\": \"" + proj.toUri() + "\"}");
    h.write(
        "x/y/z/q/r/s/t/repo/.vscode/mcp.json",
        "{\"servers\":{\"ws\":{\"command\":\"npx\",\"args\":[\"ws-mcp\"]}}}");
    assertThat(h.servers("vscode")).extracting(McpServer::name).containsExactly("ws");
  }

  @Test
  void vscodeMultiRootWorkspaceFilesHoldServersInSettings() {
    FakeHome h = home(Os.LINUX);
    Path ws = tmp.resolve("q1/q2/q3/q4/q5/q6/team/all.code-workspace");
    h.write(
        ".config/Code/User/workspaceStorage/9a/workspace.json",
        "{\"workspace\": \"" + ws.toUri() + "\"}");
    h.write(
        "q1/q2/q3/q4/q5/q6/team/all.code-workspace",
        """
        {"folders": [{"path": "a"}], "settings": {"mcp": {"servers": {"wsf": {"command": "npx", "args": ["wsf-mcp"]}}}}}
        """);
    h.write(
        "src/near/x.code-workspace",
        "{\"settings\": {\"mcp.servers\": {\"near\": {\"url\": \"https://n.example/mcp\"}}}}");
    List<McpServer> s = h.servers("vscode");
    assertThat(s).extracting(McpServer::name).containsExactlyInAnyOrder("wsf", "near");
    assertThat(s).allSatisfy(x -> assertThat(x.scope()).isEqualTo(Scope.PROJECT));
  }

  @Test
  void zedContextServersInAllThreeShapesAndExtensionEntries() {
    FakeHome h = home(Os.MACOS);
    h.write(
        ".config/zed/settings.json",
        """
        // Zed settings
        {
          "theme": "One Dark",
          "context_servers": {
            "flat": {"source": "custom", "command": "npx", "args": ["-y", "flat-mcp"], "env": {}},
            "legacy": {"command": {"path": "uvx", "args": ["legacy-mcp"], "env": {"API_TOKEN": "t0ps3cr3t"}}},
            "remote": {"url": "https://zed.example/mcp", "headers": {"Authorization": "Bearer abc"}},
            "mcp-server-github": {"settings": {"github_personal_access_token": "x"}, "enabled": false},
          }
        }
        """);
    List<McpServer> s = h.servers("zed");
    assertThat(named(s, "flat").pkg().purl()).isEqualTo("pkg:npm/flat-mcp");
    assertThat(named(s, "legacy").pkg().purl()).isEqualTo("pkg:pypi/legacy-mcp");
    assertThat(named(s, "legacy").envKeys()).containsExactly("API_TOKEN");
    assertThat(named(s, "legacy").secretFingerprints()).containsKey("env.API_TOKEN");
    assertThat(named(s, "remote").transport()).isEqualTo(Transport.HTTP);
    McpServer ext = named(s, "mcp-server-github");
    assertThat(ext.scope()).isEqualTo(Scope.EXTENSION);
    assertThat(ext.enabled()).isFalse();
    assertThat(named(s, "flat").line()).isEqualTo(5);
  }

  @Test
  void continueYamlListsAndBlockFiles() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".continue/config.yaml",
        """
        name: my assistant
        version: 1.0.0
        mcpServers:
          - name: sqlite
            command: npx
            args: ["-y", "mcp-sqlite@0.2.0", "/tmp/db"]
          - name: web
            type: streamable-http
            url: https://web.example/mcp
        """);
    h.write(
        "code/app/.continue/mcpServers/block.yaml",
        """
        name: Block
        version: 0.0.1
        schema: v1
        mcpServers:
          - name: blocky
            command: uvx
            args: [blocky-mcp]
        """);
    List<McpServer> s = h.servers("continue");
    assertThat(named(s, "sqlite").line()).isEqualTo(4);
    assertThat(named(s, "sqlite").pkg().version()).isEqualTo("0.2.0");
    assertThat(named(s, "web").transport()).isEqualTo(Transport.HTTP);
    assertThat(named(s, "blocky").scope()).isEqualTo(Scope.PROJECT);
  }

  @Test
  void gooseExtensionsIncludingBuiltinsAndDisabled() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".config/goose/config.yaml",
        """
        GOOSE_PROVIDER: openai
        extensions:
          developer:
            enabled: true
            name: developer
            type: builtin
          fetch:
            cmd: uvx
            args: [mcp-server-fetch]
            enabled: false
            envs: {FETCH_KEY: abc}
            env_keys: [OTHER]
            type: stdio
          remote:
            type: sse
            uri: http://localhost:8000/sse
            enabled: true
        """);
    List<McpServer> s = h.servers("goose");
    assertThat(named(s, "developer").transport()).isEqualTo(Transport.BUILTIN);
    assertThat(named(s, "fetch").enabled()).isFalse();
    assertThat(named(s, "fetch").envKeys()).containsExactly("FETCH_KEY", "OTHER");
    assertThat(named(s, "remote").transport()).isEqualTo(Transport.SSE);
    assertThat(named(s, "remote").url()).isEqualTo("http://localhost:8000/sse");
  }

  @Test
  void codexTomlTablesProjectsAndBearerEnv() {
    FakeHome h = home(Os.LINUX);
    Path proj = tmp.resolve("w1/w2/w3/w4/w5/w6/svc");
    h.write(
        ".codex/config.toml",
        """
        model = "o3"

        [mcp_servers.docs]
        command = "npx"
        args = ["-y", "docs-mcp@2.0.0"]
        env = { "DOCS_TOKEN" = "abc" }

        [mcp_servers."off server"]
        command = "uvx"
        args = ["off-mcp"]
        enabled = false

        [mcp_servers.remote]
        url = "https://codex.example/mcp"
        bearer_token_env_var = "CODEX_TOKEN"

        [projects."%s"]
        trust_level = "trusted"
        """
            .formatted(proj));
    h.write(
        "w1/w2/w3/w4/w5/w6/svc/.codex/config.toml", "[mcp_servers.proj]\ncommand = \"proj-bin\"\n");
    List<McpServer> s = h.servers("codex");
    assertThat(named(s, "docs").line()).isEqualTo(3);
    assertThat(named(s, "off server").enabled()).isFalse();
    assertThat(named(s, "off server").line()).isEqualTo(8);
    assertThat(named(s, "remote").headerKeys()).containsExactly("Authorization");
    assertThat(named(s, "remote").transport()).isEqualTo(Transport.HTTP);
    assertThat(named(s, "proj").scope()).isEqualTo(Scope.PROJECT);
  }

  @Test
  void opencodeCommandArraysAndRemotes() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".config/opencode/opencode.json",
        """
        {"$schema": "https://opencode.ai/config.json",
         "mcp": {
           "loc": {"type": "local", "command": ["bunx", "oc-mcp@1.1.1", "--x"], "environment": {"K": "{env:K}"}, "enabled": true},
           "rem": {"type": "remote", "url": "https://oc.example/mcp", "enabled": false}
         }}
        """);
    List<McpServer> s = h.servers("opencode");
    assertThat(named(s, "loc").command()).isEqualTo("bunx");
    assertThat(named(s, "loc").args()).containsExactly("oc-mcp@1.1.1", "--x");
    assertThat(named(s, "loc").pkg().purl()).isEqualTo("pkg:npm/oc-mcp@1.1.1");
    assertThat(named(s, "loc").secretFingerprints()).isEmpty();
    assertThat(named(s, "rem").transport()).isEqualTo(Transport.HTTP);
    assertThat(named(s, "rem").enabled()).isFalse();
  }

  @Test
  void ampDottedKeyGeminiUrlSpellingsAndWindsurfServerUrl() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".config/amp/settings.json",
        "{\"amp.mcpServers\": {\"amp1\": {\"command\": \"npx\", \"args\": [\"amp-mcp\"]}}}");
    h.write(
        ".gemini/settings.json",
        """
        {"mcpServers": {"s": {"url": "https://g.example/sse"}, "h": {"httpUrl": "https://g.example/mcp"}}}
        """);
    h.write(
        ".codeium/windsurf/mcp_config.json",
        "{\"mcpServers\": {\"w\": {\"serverUrl\": \"https://w.example/mcp\"}}}");
    assertThat(h.servers("amp")).extracting(McpServer::name).containsExactly("amp1");
    assertThat(named(h.servers("gemini-cli"), "s").transport()).isEqualTo(Transport.SSE);
    assertThat(named(h.servers("gemini-cli"), "h").transport()).isEqualTo(Transport.HTTP);
    assertThat(named(h.servers("windsurf"), "w").url()).isEqualTo("https://w.example/mcp");
  }

  @Test
  void jetbrainsXmlInBothVersionsAndTheAiMcpJson() {
    FakeHome h = home(Os.WINDOWS);
    h.write(
        "AppData/Roaming/JetBrains/IntelliJIdea2025.2/options/llm.mcpServers.xml",
        """
        <application>
          <component name="McpApplicationServerCommands" modifiable="true">
            <McpServerCommand sourceId="UserConfigurationSource">
              <option name="enabled" value="false" />
              <option name="name" value="old-style" />
              <option name="programPath" value="npx" />
              <option name="arguments" value="-y jb-mcp@1.0.0 --token ghp_abcdefghijklmnopqrstuvwxyz0123456789" />
              <envs><env name="JB_TOKEN" value="s3cr3tvalue" /></envs>
            </McpServerCommand>
          </component>
        </application>
        """);
    h.write(
        "AppData/Roaming/JetBrains/Rider2025.3/options/llm.mcpServers.xml",
        """
        <application>
          <component name="McpApplicationServerCommands" modifiable="true">
            <commands>
              <McpServerConfigurationProperties>
                <option name="command" value="node" />
                <option name="args"><list><option value="C:\\mcp\\bridge.mjs" /></list></option>
                <option name="env"><map><entry key="MCP_URL" value="https://x.example" /></map></option>
                <option name="enabled" value="true" />
                <option name="name" value="new-style" />
              </McpServerConfigurationProperties>
            </commands>
            <urls />
          </component>
        </application>
        """);
    h.write(
        ".ai/mcp/mcp.json",
        "{\"mcpServers\":{\"json-style\":{\"command\":\"uvx\",\"args\":[\"j-mcp\"]}}}");
    List<McpServer> s = h.servers("jetbrains-ai");
    McpServer old = named(s, "old-style");
    assertThat(old.enabled()).isFalse();
    assertThat(old.line()).isEqualTo(5);
    assertThat(old.args()).containsExactly("-y", "jb-mcp@1.0.0", "--token", "<redacted>");
    assertThat(old.envKeys()).containsExactly("JB_TOKEN");
    assertThat(old.pkg().purl()).isEqualTo("pkg:npm/jb-mcp@1.0.0");
    assertThat(named(s, "new-style").args()).containsExactly("C:\\mcp\\bridge.mjs");
    assertThat(named(s, "json-style").pkg().purl()).isEqualTo("pkg:pypi/j-mcp");
  }

  @Test
  void xmlWithAnExternalEntityIsRefusedNotExpanded() {
    FakeHome h = home(Os.LINUX);
    h.write("secret.txt", "TOPSECRET");
    h.write(
        ".config/JetBrains/PyCharm2025.1/options/llm.mcpServers.xml",
        """
        <?xml version="1.0"?>
        <!DOCTYPE a [<!ENTITY x SYSTEM "file://%s/secret.txt">]>
        <application><component name="McpApplicationServerCommands"><McpServerCommand>
        <option name="name" value="&x;" /><option name="programPath" value="npx" /></McpServerCommand></component></application>
        """
            .formatted(tmp));
    Discovery.Result r = h.scan();
    assertThat(r.servers()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("malformed XML"));
  }

  @Test
  void copilotCliKiroClineRooAndVibe() {
    FakeHome h = home(Os.LINUX);
    h.write(
        ".copilot/mcp-config.json",
        "{\"mcpServers\":{\"cp\":{\"type\":\"local\",\"command\":\"npx\",\"args\":[\"cp-mcp\"],\"tools\":[\"*\"]}}}");
    h.write(
        ".kiro/settings/mcp.json",
        "{\"mcpServers\":{\"k\":{\"command\":\"uvx\",\"args\":[\"k-mcp\"],\"disabled\":true,\"autoApprove\":[]}}}");
    h.write(
        ".config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
        "{\"mcpServers\":{\"cl\":{\"command\":\"node\",\"args\":[\"/opt/cl.js\"],\"disabled\":false}}}");
    h.write(
        ".config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json",
        "{\"mcpServers\":{\"roo\":{\"type\":\"streamable-http\",\"url\":\"https://roo.example/mcp\",\"alwaysAllow\":[]}}}");
    h.write(
        ".vibe/config.toml",
        """
        [[mcp_servers]]
        name = "vibe-one"
        transport = "stdio"
        command = "uvx"
        args = ["vibe-mcp"]

        [[mcp_servers]]
        name = "vibe-two"
        transport = "http"
        url = "https://vibe.example/mcp"
        """);
    assertThat(h.servers("copilot-cli")).extracting(McpServer::name).containsExactly("cp");
    assertThat(h.servers("kiro").get(0).enabled()).isFalse();
    assertThat(h.servers("cline").get(0).enabled()).isTrue();
    assertThat(h.servers("roo-code").get(0).transport()).isEqualTo(Transport.HTTP);
    List<McpServer> vibe = h.servers("mistral-vibe");
    assertThat(named(vibe, "vibe-one").line()).isEqualTo(1);
    assertThat(named(vibe, "vibe-two").line()).isEqualTo(7);
    assertThat(named(vibe, "vibe-two").transport()).isEqualTo(Transport.HTTP);
  }
}
