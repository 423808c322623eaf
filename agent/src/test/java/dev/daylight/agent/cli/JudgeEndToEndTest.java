package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed incident through the real CLI: a fake Linux home whose Cursor config launches {@code npx
 * -y postmark-mcp} while the npx cache holds 1.0.16, next to the official scoped package, a
 * typosquat, a package whose only advisory was withdrawn (imported with {@code intel import}) and
 * one covered by a record given with {@code --intel}.
 */
class JudgeEndToEndTest {
  @TempDir Path home;
  @TempDir Path state;
  @TempDir Path extra;
  String out;
  String err;

  private static final String CURSOR =
      """
      {
        "mcpServers": {
          "postmark": {
            "command": "npx",
            "args": ["-y", "postmark-mcp"]
          },
          "postmark-official": {
            "command": "npx",
            "args": ["-y", "@activecampaign/postmark-mcp@1.0.3"]
          },
          "github": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-githb@2025.4.8"]
          },
          "mail-helper": {
            "command": "npx",
            "args": ["-y", "mail-helper-mcp@1.2.0"]
          },
          "calendar": {
            "command": "npx",
            "args": ["-y", "calendar-sync-mcp@2.0.0"]
          }
        }
      }
      """;

  @BeforeEach
  void layOutTheHome() throws IOException {
    write(home.resolve(".cursor/mcp.json"), CURSOR);
    npxCache("1a2b", "postmark-mcp", "1.0.15");
    npxCache("3c4d", "postmark-mcp", "1.0.16");
    npxCache("5e6f", "@activecampaign/postmark-mcp", "1.0.3");
    write(
        extra.resolve("withdrawn/MAL-2099-0001.json"),
        record("MAL-2099-0001", "mail-helper-mcp", ", \"withdrawn\": \"2099-01-02T00:00:00Z\""));
    write(
        extra.resolve("live/MAL-2099-0002.json"), record("MAL-2099-0002", "calendar-sync-mcp", ""));
  }

  @Test
  void exactlyTheExpectedFindingsComeOutAndFailOnHighExitsOne() throws Exception {
    assertThat(run("intel", "import", extra.resolve("withdrawn").toString())).isZero();
    assertThat(out).contains("1 records (1 withdrawn");

    int code = scan("--no-store", "--intel", extra.resolve("live").toString(), "--fail-on", "high");
    assertThat(err).doesNotContain("Exception");
    assertThat(code).isEqualTo(ExitCodes.FINDINGS);
    JsonNode inv = Json.mapper().readTree(out);
    Map<String, String> servers = new TreeMap<>();
    inv.path("servers").forEach(s -> servers.put(s.path("id").asText(), s.path("name").asText()));

    List<String> got = new ArrayList<>();
    inv.path("findings")
        .forEach(
            f ->
                got.add(
                    f.path("severity").asText()
                        + " "
                        + f.path("rule").asText()
                        + " "
                        + servers.get(f.path("serverId").asText())
                        + " "
                        + f.path("advisory").asText("-")));
    assertThat(got)
        .containsExactlyInAnyOrder(
            "critical malicious-package postmark MAL-2025-47604",
            "critical malicious-package calendar MAL-2099-0002",
            "high typosquat postmark -",
            "high typosquat github -",
            "medium unpinned-package postmark -");

    JsonNode seed = find(inv, "malicious-package", "MAL-2025-47604");
    assertThat(seed.path("title").asText())
        .contains("postmark-mcp@1.0.16", "cursor", "\"postmark\"");
    assertThat(seed.path("purl").asText()).isEqualTo("pkg:npm/postmark-mcp");
    assertThat(seed.path("evidence").path("file").asText())
        .isEqualTo(home.resolve(".cursor/mcp.json").toString());
    assertThat(seed.path("evidence").path("line").asInt()).isEqualTo(3);
    assertThat(seed.path("remediation").asText())
        .contains("remove the \"postmark\" entry", "rotate");

    JsonNode postmark = server(inv, "postmark");
    assertThat(postmark.path("package").path("version").asText()).isEqualTo("1.0.16");
    assertThat(postmark.path("package").path("versionSource").asText()).isEqualTo("cache");
    assertThat(inv.path("packages")).hasSize(3);
  }

  @Test
  void findingIdsAreStableAcrossScansAndRulesSwitchOff() throws Exception {
    scan("--no-store");
    List<String> first = ids(Json.mapper().readTree(out));
    int code = scan("--no-store");
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(ids(Json.mapper().readTree(out))).isEqualTo(first).isNotEmpty();

    code =
        scan(
            "--no-store",
            "--disable-rule",
            "typosquat",
            "--disable-rule",
            "malicious-package",
            "--fail-on",
            "high");
    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode inv = Json.mapper().readTree(out);
    inv.path("findings")
        .forEach(f -> assertThat(f.path("rule").asText()).isEqualTo("unpinned-package"));
    assertThat(
            run(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--no-host",
                "--no-store",
                "--fail-on",
                "severe"))
        .isEqualTo(ExitCodes.USAGE);
    run(
        "scan",
        "--home",
        home.toString(),
        "--os",
        "linux",
        "--format",
        "table",
        "--no-host",
        "--no-store");
    assertThat(out)
        .contains(
            "CRITICAL  malicious-package     Known-malicious package postmark-mcp@1.0.16 (MAL-2025-47604)",
            "          at " + home.resolve(".cursor/mcp.json") + ":3",
            "          fix: Treat this as an incident");
  }

  @Test
  void theSeedCaseOnWindowsAndMacLayoutsFindsTheCacheWhereThoseSystemsKeepIt() throws Exception {
    for (String os : List.of("windows", "macos")) {
      Path h = Files.createDirectories(extra.resolve("home-" + os));
      write(h.resolve(".cursor/mcp.json"), CURSOR);
      Path cache = os.equals("windows") ? h.resolve("AppData/Local/npm-cache") : h.resolve(".npm");
      write(
          cache.resolve("_npx/9f/node_modules/postmark-mcp/package.json"),
          "{\"name\":\"postmark-mcp\",\"version\":\"1.0.17\"}");
      int code =
          run(
              "scan",
              "--home",
              h.toString(),
              "--os",
              os,
              "--format",
              "json",
              "--no-host",
              "--no-store",
              "--fail-on",
              "critical");
      assertThat(code).as(os).isEqualTo(ExitCodes.FINDINGS);
      JsonNode seed = find(Json.mapper().readTree(out), "malicious-package", "MAL-2025-47604");
      assertThat(seed.path("title").asText()).as(os).contains("postmark-mcp@1.0.17");
      assertThat(seed.path("evidence").path("file").asText())
          .as(os)
          .isEqualTo(h.resolve(".cursor/mcp.json").toString());
    }
  }

  private static List<String> ids(JsonNode inv) {
    List<String> ids = new ArrayList<>();
    inv.path("findings").forEach(f -> ids.add(f.path("id").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode inv, String rule, String advisory) {
    for (JsonNode f : inv.path("findings")) {
      if (f.path("rule").asText().equals(rule) && f.path("advisory").asText().equals(advisory)) {
        return f;
      }
    }
    throw new AssertionError("no " + rule + " " + advisory);
  }

  private static JsonNode server(JsonNode inv, String name) {
    for (JsonNode s : inv.path("servers")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no server " + name);
  }

  /** {@code daylight scan} of the test home as JSON, without host probes, plus {@code more}. */
  private int scan(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--home",
                home.toString(),
                "--os",
                "linux",
                "--format",
                "json",
                "--no-host"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state-dir", state.toString()));
    int code = cli.execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return code;
  }

  private void npxCache(String run, String name, String version) throws IOException {
    Path dir = home.resolve(".npm/_npx").resolve(run);
    write(dir.resolve("package.json"), "{\"dependencies\":{\"" + name + "\":\"" + version + "\"}}");
    write(
        dir.resolve("node_modules").resolve(name).resolve("package.json"),
        "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}");
  }

  private static String record(String id, String name, String more) {
    return "{\"schema_version\":\"1.7.4\",\"id\":\""
        + id
        + "\",\"modified\":\"2099-01-01T00:00:00Z\""
        + more
        + ",\"summary\":\"Malicious code in "
        + name
        + " (npm)\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\""
        + name
        + "\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]}";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
