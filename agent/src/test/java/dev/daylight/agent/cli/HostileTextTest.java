package dev.daylight.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home whose server names, arguments, URLs and project paths hold newlines, escape sequences,
 * bidi overrides and very long strings, scanned and listed through the real CLI: no human output
 * carries a control character, every one is shown escaped, and the JSON keeps the exact text.
 */
class HostileTextTest {
  private static final String NAME = "evil\n0 findings\u001b[2J\u202egnp.exe\u0007";
  private static final String LONG = "x".repeat(5_000);
  @TempDir Path home;
  @TempDir Path state;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private void write(String relative, String text) throws Exception {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void hostileHome() throws Exception {
    String json =
        "{\"mcpServers\":{"
            + "\""
            + escapeJson(NAME)
            + "\":{\"command\":\"npx\",\"args\":[\"-y\",\"mal\\u001b[31m-mcp@1.0.0\",\"--x\\n\\u202e\"]},"
            + "\""
            + LONG
            + "\":{\"command\":\"/opt/"
            + LONG
            + "\\u001b]0;title\\u0007\",\"args\":[\""
            + LONG
            + "\"]},"
            + "\"web\":{\"url\":\"http://evil.example/\\u001b[1A\\u2066mcp\"}}}";
    write(".cursor/mcp.json", json);
    write("proj\u001b[2Kect\nline\u202e/.cursor/mcp.json", json);
    write(".kiro/settings/mcp.json", "{\"a\n\u001b[31m");
  }

  private static String escapeJson(String s) throws Exception {
    String quoted = Json.mapper().writeValueAsString(s);
    return quoted.substring(1, quoted.length() - 1);
  }

  /**
   * True when {@code text} holds a control or format character other than the line breaks between
   * lines.
   */
  private static List<String> unsafe(String text) {
    List<String> found = new ArrayList<>();
    text.codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              boolean control =
                  (type == Character.CONTROL && cp != '\n')
                      || type == Character.FORMAT
                      || type == Character.LINE_SEPARATOR
                      || type == Character.PARAGRAPH_SEPARATOR;
              if (control) {
                found.add(String.format("U+%04X", cp));
              }
            });
    return found;
  }

  @Test
  void tableFindingsEventsStatusAndErrorsShowControlsEscaped() throws Exception {
    hostileHome();
    String[] scan = {
      "scan",
      "--home",
      home.toString(),
      "--os",
      "linux",
      "--no-host",
      "--state-dir",
      state.toString()
    };
    Run table = run(concat(scan, "--format", "table"));
    assertThat(unsafe(table.out())).as(table.out()).isEmpty();
    assertThat(unsafe(table.err())).as(table.err()).isEmpty();
    assertThat(table.out())
        .contains("evil\\n0 findings\\x1b[2J\\u202egnp.exe\\x07", "proj\\x1b[2Kect\\nline\\u202e");
    assertThat(table.out().lines()).noneMatch(l -> l.startsWith("0 findings"));
    assertThat(table.out().lines())
        .allMatch(l -> l.length() <= 400, "no line carries a 5,000-character name");

    for (String[] cmd :
        List.of(new String[] {"findings"}, new String[] {"events"}, new String[] {"status"})) {
      Run r = run(concat(cmd, "--state-dir", state.toString()));
      assertThat(unsafe(r.out())).as(String.join(" ", cmd) + ": " + r.out()).isEmpty();
      assertThat(unsafe(r.err())).isEmpty();
    }
    assertThat(run("events", "--state-dir", state.toString()).out()).contains("\\x1b", "\\n");

    Run bad =
        run("scan", "--home", home.resolve("no\u001b[2Jdir\nhere").toString(), "--os", "linux");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unsafe(bad.err())).as(bad.err()).isEmpty();
    assertThat(bad.err()).contains("no\\x1b[2Jdir\\nhere");
  }

  @Test
  void jsonKeepsTheExactText() throws Exception {
    hostileHome();
    Run json =
        run(
            "scan",
            "--home",
            home.toString(),
            "--os",
            "linux",
            "--no-host",
            "--no-store",
            "--format",
            "json");
    JsonNode inv = Json.mapper().readTree(json.out());
    assertThat(inv.findValuesAsText("name")).contains(NAME, LONG);
    assertThat(json.out()).doesNotContain("\u001b").contains("\\u001B[2J");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
