package dev.daylight.agent.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.protocol.PackageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageResolverTest {
  private static PackageRef ref(String line) {
    List<String> words = ShellWords.split(line);
    return PackageResolver.resolve(words.get(0), words.subList(1, words.size())).pkg().orElse(null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      npx -y @modelcontextprotocol/server-filesystem /tmp   | pkg:npm/%40modelcontextprotocol/server-filesystem | null   | false
      npx -y postmark-mcp@1.0.15                              | pkg:npm/postmark-mcp@1.0.15                      | 1.0.15 | true
      npx --yes @scope/pkg@latest                             | pkg:npm/%40scope/pkg                             | null   | false
      npx @scope/pkg@^1.2.0                                   | pkg:npm/%40scope/pkg                             | null   | false
      npx -p @scope/tools@2.0.0 tools-bin --flag              | pkg:npm/%40scope/tools@2.0.0                     | 2.0.0  | true
      npx --package=left-pad@1.3.0 lp                         | pkg:npm/left-pad@1.3.0                           | 1.3.0  | true
      npx --no-install --registry https://r.example x-mcp     | pkg:npm/x-mcp                                    | null   | false
      bunx @scope/b@0.1.0                                     | pkg:npm/%40scope/b@0.1.0                         | 0.1.0  | true
      pnpx some-mcp                                           | pkg:npm/some-mcp                                 | null   | false
      pnpm dlx some-mcp@3.0.0                                 | pkg:npm/some-mcp@3.0.0                           | 3.0.0  | true
      yarn dlx -q some-mcp                                    | pkg:npm/some-mcp                                 | null   | false
      npm exec -- some-mcp@1.0.0 --port 1                     | pkg:npm/some-mcp@1.0.0                           | 1.0.0  | true
      npm exec --yes --package=@a/b@4.0.0 -- b                | pkg:npm/%40a/b@4.0.0                             | 4.0.0  | true
      uvx mcp-server-git                                      | pkg:pypi/mcp-server-git                          | null   | false
      uvx mcp-server-time==0.6.2                              | pkg:pypi/mcp-server-time@0.6.2                   | 0.6.2  | true
      uvx Mcp_Server.Fetch@1.0                                | pkg:pypi/mcp-server-fetch@1.0                    | 1.0    | true
      uvx --python 3.12 --from mcp-x==2.1 mcp-x-cli --v       | pkg:pypi/mcp-x@2.1                               | 2.1    | true
      uvx mcp-y>=1.0                                          | pkg:pypi/mcp-y                                   | null   | false
      uv tool run pkg==1.2                                    | pkg:pypi/pkg@1.2                                 | 1.2    | true
      uv run --with mcp-z mcp-z                               | pkg:pypi/mcp-z                                   | null   | false
      pipx run pkg==1.2                                       | pkg:pypi/pkg@1.2                                 | 1.2    | true
      pipx run --spec pkg==1.3 cmd                            | pkg:pypi/pkg@1.3                                 | 1.3    | true
      docker run -i --rm mcp/github                           | pkg:docker/mcp/github@latest                     | latest | false
      docker run -i --rm -e GITHUB_TOKEN -v /a:/b --name x mcp/github:1.2 | pkg:docker/mcp/github@1.2       | 1.2    | true
      podman run --rm ghcr.io/github/github-mcp-server:v0.5   | pkg:docker/github/github-mcp-server@v0.5?repository_url=ghcr.io | v0.5 | true
      docker run -i mcp/x@sha256:abcdef                       | pkg:docker/mcp/x@sha256%3Aabcdef                 | sha256:abcdef | true
      docker container run --network=host --rm node          | pkg:docker/node@latest                           | latest | false
      cmd /c npx -y @scope/win@1.0.0                          | pkg:npm/%40scope/win@1.0.0                       | 1.0.0  | true
      sh -c 'npx -y wrapped-mcp'                              | pkg:npm/wrapped-mcp                              | null   | false
      bash -c 'TOKEN="$(op read op://v/gh/token)" docker run -i --rm -e TOKEN ghcr.io/github/github-mcp-server:v0.5' | pkg:docker/github/github-mcp-server@v0.5?repository_url=ghcr.io | v0.5 | true
      bash -lc 'source ~/.env; GITHUB_TOKEN=$(gh auth token) exec npx -y @modelcontextprotocol/server-github' | pkg:npm/%40modelcontextprotocol/server-github | null | false
      sh -c 'cd /srv/app && A=1 B="x y" uvx mcp-server-time==0.6.2' | pkg:pypi/mcp-server-time@0.6.2               | 0.6.2  | true
      powershell -NoProfile -Command "& 'C:/Program Files/nodejs/npx.cmd' -y ps-mcp@2.0.0" | pkg:npm/ps-mcp@2.0.0      | 2.0.0  | true
      pwsh -Command "$env:API_KEY='abc'; npx -y env-mcp"     | pkg:npm/env-mcp                                  | null   | false
      deno run -A npm:deno-mcp@1.0.0                          | pkg:npm/deno-mcp@1.0.0                           | 1.0.0  | true
      """)
  void launchLinesNameTheirPackage(String line, String purl, String version, boolean pinned) {
    PackageRef r = ref(line);
    assertThat(r).isNotNull();
    assertThat(r.purl()).isEqualTo(purl);
    assertThat(r.version()).isEqualTo(version);
    assertThat(r.pinned()).isEqualTo(pinned);
    assertThat(r.versionSource()).isEqualTo(pinned ? "command-pin" : null);
  }

  @Test
  void pythonDashMIsALocalModuleUnlessAnInstalledDistributionProvidesIt(@TempDir Path home)
      throws IOException {
    assertThat(ref("python -m mcp_server_fetch").ecosystem())
        .as("no invented pkg:pypi name")
        .isEqualTo("local");
    assertThat(ref("python -m mcp_server_fetch").name()).isEqualTo("mcp_server_fetch");
    assertThat(ref("py -m my_tools.server").ecosystem()).isEqualTo("local");
    assertThat(ref("/opt/venv/bin/python3.12 -m x").ecosystem()).isEqualTo("local");

    Path venv = home.resolve("code/app/.venv");
    Path site = venv.resolve("lib/python3.12/site-packages");
    write(venv.resolve("bin/python"), "");
    write(
        site.resolve("mcp_server_fetch-2025.4.7.dist-info/METADATA"),
        "Metadata-Version: 2.4\nName: mcp-server-fetch\nVersion: 2025.4.7\n\nlong description\n");
    write(
        site.resolve("mcp_server_fetch-2025.4.7.dist-info/RECORD"),
        "mcp_server_fetch/__init__.py,sha256=x,10\nmcp_server_fetch/server.py,sha256=y,20\n"
            + "mcp_server_fetch-2025.4.7.dist-info/METADATA,,\n");
    write(site.resolve("Odd_Dist-1.0.dist-info/METADATA"), "Name: Odd_Dist\nVersion: 1.0\n");
    write(site.resolve("Odd_Dist-1.0.dist-info/top_level.txt"), "oddmod\n");
    PythonModules modules = PythonModules.on(home, Os.LINUX, false, List.of());
    Path config = home.resolve("code/app");

    PackageRef fetch =
        PackageResolver.resolve(
                venv.resolve("bin/python").toString(),
                List.of("-m", "mcp_server_fetch.server"),
                modules,
                config)
            .pkg()
            .orElseThrow();
    assertThat(fetch.purl()).isEqualTo("pkg:pypi/mcp-server-fetch@2025.4.7");
    assertThat(fetch.version()).isEqualTo("2025.4.7");
    assertThat(fetch.pinned()).isFalse();
    assertThat(fetch.versionSource()).isEqualTo("installed");
    assertThat(
            PackageResolver.resolve(".venv/bin/python", List.of("-m", "oddmod"), modules, config)
                .pkg()
                .orElseThrow()
                .purl())
        .as("a project's venv, relative to the project")
        .isEqualTo("pkg:pypi/odd-dist@1.0");
    assertThat(
            PackageResolver.resolve(
                    ".venv/bin/python", List.of("-m", "unknown_mod"), modules, config)
                .pkg()
                .orElseThrow()
                .ecosystem())
        .isEqualTo("local");
    assertThat(
            PackageResolver.resolve("python", List.of("-m", "mcp_server_fetch"), modules, config)
                .pkg()
                .orElseThrow()
                .ecosystem())
        .as("bare python does not run the project's venv")
        .isEqualTo("local");

    write(
        home.resolve(".local/lib/python3.11/site-packages/user_pkg-0.3.dist-info/METADATA"),
        "Name: user-pkg\nVersion: 0.3\n");
    write(
        home.resolve(".local/lib/python3.11/site-packages/user_pkg-0.3.dist-info/top_level.txt"),
        "user_pkg\n");
    assertThat(
            PackageResolver.resolve(
                    "python3",
                    List.of("-m", "user_pkg"),
                    PythonModules.on(home, Os.LINUX, false, List.of()),
                    null)
                .pkg()
                .orElseThrow()
                .purl())
        .as("the user's site-packages")
        .isEqualTo("pkg:pypi/user-pkg@0.3");
  }

  @Test
  void uvRunPythonDashMLooksInTheProjectsOwnEnvironment(@TempDir Path home) throws IOException {
    Path app = home.resolve("code/app");
    write(app.resolve(".venv/bin/python"), "");
    write(
        app.resolve(".venv/lib/python3.13/site-packages/srv-2.0.dist-info/METADATA"),
        "Name: srv\nVersion: 2.0\n");
    write(
        app.resolve(".venv/lib/python3.13/site-packages/srv-2.0.dist-info/top_level.txt"), "srv\n");
    Path win = home.resolve("code/win");
    write(win.resolve(".venv/Scripts/python.exe"), "");
    write(
        win.resolve(".venv/Lib/site-packages/winsrv-0.1.dist-info/METADATA"),
        "Name: winsrv\nVersion: 0.1\n");
    write(win.resolve(".venv/Lib/site-packages/winsrv-0.1.dist-info/top_level.txt"), "winsrv\n");
    PythonModules modules = PythonModules.on(home, Os.LINUX, false, List.of());
    assertThat(
            PackageResolver.resolve("uv", List.of("run", "python", "-m", "srv"), modules, app)
                .pkg()
                .orElseThrow()
                .purl())
        .isEqualTo("pkg:pypi/srv@2.0");
    assertThat(
            PackageResolver.resolve(
                    "uv",
                    List.of("--directory", app.toString(), "run", "python", "-m", "srv"),
                    modules,
                    home)
                .pkg()
                .orElseThrow()
                .purl())
        .isEqualTo("pkg:pypi/srv@2.0");
    assertThat(
            PackageResolver.resolve("uv", List.of("run", "python", "-m", "winsrv"), modules, win)
                .pkg()
                .orElseThrow()
                .purl())
        .as("a Windows venv: Scripts/python.exe, Lib/site-packages")
        .isEqualTo("pkg:pypi/winsrv@0.1");
    assertThat(
            PackageResolver.resolve("uv", List.of("run", "python", "-m", "srv"), modules, home)
                .pkg()
                .orElseThrow()
                .ecosystem())
        .isEqualTo("local");
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void sourcesThatAreNotRegistryNamesStayOutOfNpmAndPypi() {
    assertThat(ref("npx -y github:acme/tool").purl()).isEqualTo("pkg:github/acme/tool");
    assertThat(ref("npx acme/tool#v1.2.0").ecosystem()).isEqualTo("github");
    assertThat(ref("npx https://example.com/pkg-1.0.0.tgz").ecosystem()).isEqualTo("generic");
    assertThat(ref("uvx --from git+https://github.com/org/repo@abc1234 cli").purl())
        .isEqualTo("pkg:github/org/repo@abc1234");
    assertThat(ref("uvx --from git+https://gitlab.com/org/repo cli").ecosystem())
        .isEqualTo("generic");
  }

  @Test
  void localScriptsAndBinariesAreNamedByPath() {
    PackageRef node = ref("node /home/ann/mcp/index.js");
    assertThat(node.ecosystem()).isEqualTo("local");
    assertThat(node.name()).isEqualTo("/home/ann/mcp/index.js");
    assertThat(ref("/opt/bin/my-mcp --stdio").name()).isEqualTo("/opt/bin/my-mcp");
    assertThat(ref("uv --directory /srv/x run server.py").name()).isEqualTo("/srv/x/server.py");
    assertThat(ref("node -e 1")).isNull();
  }

  @Test
  void aWindowsCommandPathWithSpacesIsOneExecutable() {
    var r =
        PackageResolver.resolve(
            "C:\\Program Files\\nodejs\\npx.cmd", List.of("-y", "win-mcp@2.0.0"));
    assertThat(r.pkg().orElseThrow().purl()).isEqualTo("pkg:npm/win-mcp@2.0.0");
  }

  @Test
  void mcpRemoteRecordsTheProxiedUrl() {
    var r =
        PackageResolver.resolve(
            "npx",
            Arrays.asList(
                "-y", "mcp-remote@0.1.15", "https://mcp.example.com/sse", "--header", "X: y"));
    assertThat(r.pkg().orElseThrow().purl()).isEqualTo("pkg:npm/mcp-remote@0.1.15");
    assertThat(r.proxiedUrl()).contains("https://mcp.example.com/sse");
    assertThat(PackageResolver.resolve("mcp-remote", List.of("https://a.example/mcp")).proxiedUrl())
        .contains("https://a.example/mcp");
  }
}
