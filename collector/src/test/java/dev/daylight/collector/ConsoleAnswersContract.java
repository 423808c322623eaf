package dev.daylight.collector;

import static dev.daylight.collector.Fixtures.ADMIN;
import static dev.daylight.collector.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Capability;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Host;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Release;
import dev.daylight.protocol.Report;
import dev.daylight.protocol.ReportKind;
import dev.daylight.protocol.SchemaVersion;
import dev.daylight.protocol.Severity;
import dev.daylight.protocol.UsageDay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's and the admin API's read answers byte for byte (field names and order, nulls,
 * numbers), against a seeded collector, compared with {@code console-answers.txt}. Only what
 * changes from run to run is replaced: ids by names, instants by {@code <time>}, cursors by their
 * decoded keys. {@code -Dconsole.answers.update=true} rewrites the file, for a deliberate change of
 * the wire. Run once per storage backend: both answer the same bytes.
 */
abstract class ConsoleAnswersContract {
  private static final Path GOLDEN = Path.of("src/test/resources/console-answers.txt");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INSTANT =
      Pattern.compile("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z\"");
  private static final Pattern NEXT = Pattern.compile("\"next\":\"([A-Za-z0-9_-]+)\"");

  @TempDir Path tmp;
  Collector collector;
  Http http;
  final Map<String, String> names = new LinkedHashMap<>();
  final StringBuilder unset = new StringBuilder();

  abstract String dbSpec(Path tmp) throws Exception;

  void start(Path dir) throws Exception {
    collector = Collector.start(Fixtures.loopback(dbSpec(dir), 900));
    http = new Http(collector.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (collector != null) {
      collector.close();
    }
  }

  record Node(String id, String key, Host host) {}

  @Test
  void everyReadAnswerIsTheSameBytes() throws Exception {
    // Lists by capability are in node-id order, and ids are random: a fresh collector until
    // alice's id sorts first keeps the answers in one order (half the tries succeed).
    Node alice;
    Node bob;
    int attempt = 0;
    do {
      stop();
      names.clear();
      start(Files.createDirectories(tmp.resolve("try-" + attempt++)));
      alice = enroll("alice-laptop", "alice");
      bob = enroll("bob-desktop", "bob");
    } while (alice.id().compareTo(bob.id()) > 0 && attempt < 40);
    Node carol = enroll("carol-mac", "carol");
    seed(alice, bob, carol);

    String purl = "pkg:npm/postmark-mcp";
    List<String> paths =
        List.of(
            "/api/v1/overview",
            "/api/v1/devices",
            "/api/v1/devices?limit=1",
            "/api/v1/devices?q=BOB",
            "/api/v1/devices?severity=high",
            "/api/v1/devices/" + alice.id(),
            "/api/v1/devices/" + bob.id(),
            "/api/v1/devices/" + carol.id(),
            "/api/v1/devices/" + alice.id() + "/timeline",
            "/api/v1/devices/" + alice.id() + "/timeline?limit=1",
            "/api/v1/fleet/servers",
            "/api/v1/fleet/servers?limit=1",
            "/api/v1/fleet/servers?q=mail",
            "/api/v1/fleet/servers?capability=email-send",
            "/api/v1/fleet/servers?capability=email-send&limit=1",
            "/api/v1/fleet/packages",
            "/api/v1/fleet/packages?limit=2",
            "/api/v1/fleet/packages?purl=" + purl + "&view=versions",
            "/api/v1/fleet/packages?purl=" + purl,
            "/api/v1/fleet/packages?purl=" + purl + "&limit=1",
            "/api/v1/fleet/packages?purl=" + purl + "@1.0.16",
            "/api/v1/fleet/packages?purl=" + purl + "&range=%3E%3D1.0.16",
            "/api/v1/fleet/packages?purl=" + purl + "&release=high",
            "/api/v1/findings",
            "/api/v1/findings?limit=1",
            "/api/v1/findings?severity=critical",
            "/api/v1/findings?purl=" + purl,
            "/api/v1/guard/calls",
            "/api/v1/guard/calls?node=" + alice.id() + "&decision=deny",
            "/api/v1/admin/enrollments",
            "/api/v1/admin/policy",
            "/api/v1/admin/policy?limit=1",
            "/api/v1/admin/guard",
            "/api/v1/admin/approval-classes");
    StringBuilder actual = new StringBuilder(normalise(unset.toString()));
    for (String path : paths) {
      Http.Answer a = http.get(path, ADMIN);
      assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(200);
      actual.append("GET ").append(normalise(path)).append('\n');
      actual.append(normalise(a.body())).append("\n\n");
    }
    // What this run answered, beside the build's other reports, for a diff when they differ.
    Files.writeString(Path.of("target", getClass().getSimpleName() + ".txt"), actual);
    if (Boolean.getBoolean("console.answers.update")) {
      Files.writeString(GOLDEN, actual);
    }
    assertThat(actual.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  private void seed(Node alice, Node bob, Node carol) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    McpServer postmark =
        withClasses(
            Fixtures.server("cursor", "postmark", "postmark-mcp", "1.0.16"),
            cap("email-send", "/home/alice/node_modules/postmark-mcp/index.js", 136, "bcc: x"),
            cap("http-fetch", "/home/alice/node_modules/postmark-mcp/index.js", 12, "fetch(url)"));
    Finding release =
        new Finding(
            "release-new-destination:1",
            "release-new-destination",
            Severity.CRITICAL,
            "postmark-mcp 1.0.16 adds a literal mail recipient at index.js:7",
            postmark.id(),
            "pkg:npm/postmark-mcp@1.0.16",
            null,
            null,
            "Do not approve",
            new Release(
                "pkg:npm/postmark-mcp",
                "1.0.15",
                "1.0.16",
                "destination",
                "mail-recipient",
                "x@example.test",
                "index.js",
                7));
    Finding unapproved =
        new Finding(
            "uc-1",
            "unapproved-capability",
            Severity.HIGH,
            "Server 'postmark' can send email (email-send) and has no approval",
            postmark.id(),
            "pkg:npm/postmark-mcp@1.0.16",
            null,
            null,
            "approve it or remove it",
            null);
    snapshot(
        alice,
        List.of(
            postmark,
            withClasses(
                Fixtures.serverOf("root", "cursor", "files", "server-filesystem", "1.0.0"),
                cap("filesystem-write", "index.js", 40, "writeFile"))),
        List.of(pkg("left-pad", "1.3.0")),
        List.of(
            release,
            unapproved,
            new Finding(
                "f-low",
                "unpinned",
                Severity.LOW,
                "a low one",
                "cursor:files",
                null,
                null,
                Evidence.file("/home/root/.cursor/mcp.json", 3, "\"files\": {"),
                "pin it",
                null)),
        List.of(
            new UsageDay(
                today, "cursor", "postmark", "send_email", 3, 1, Instant.now().minusSeconds(90))));
    snapshot(
        bob,
        List.of(
            Fixtures.server("claude-code", "mail", "postmark-mcp", "1.0.15"),
            Fixtures.server("claude-code", "notes", "some-notes", null)),
        List.of(
            pkg(
                "postmark-mcp",
                "1.0.15",
                cap("email-send", "/home/bob/node_modules/postmark-mcp/index.js", 120, "send(")),
            pkg("postmark-mcp", "1.0.17")),
        List.of(Fixtures.finding("f-med", Severity.MEDIUM, "a medium one")),
        List.of(
            new UsageDay(
                today, "claude-code", "mail", "send_email", 7, 0, Instant.now().minusSeconds(60))));
    snapshot(carol, List.of(), List.of(), List.of(), null);
    assertThat(
            http.postGzip(
                    "/api/v1/reports",
                    alice.key(),
                    Fixtures.delta(
                        alice.id(),
                        List.of(guardCall("deny", "send_email", 2), guardCall("audit", "list", 1))))
                .status())
        .isEqualTo(200);
    decide("class:email-send", null, "approved");
    decide("pkg:npm/postmark-mcp", "1.0.15", "denied");
    decide("server:notes", null, "approved");
    admin(
        http.put(
            "/api/v1/devices/" + bob.id() + "/owner",
            ADMIN,
            Map.of("owner", "robert", "by", "it-desk")));
    // Before any fleet setting: each machine keeps its own.
    for (String path : List.of("/api/v1/admin/guard", "/api/v1/admin/approval-classes")) {
      Http.Answer a = http.get(path, ADMIN);
      admin(a);
      unset.append("GET ").append(path).append(" (unset)\n").append(a.body()).append("\n\n");
    }
    assertThat(
            http.post(
                    "/api/v1/enroll",
                    null,
                    Map.of("enrollSecret", SECRET, "host", Fixtures.host("bob-desktop", "mallory")))
                .status())
        .isEqualTo(409);
    admin(
        http.put(
            "/api/v1/admin/guard",
            ADMIN,
            Map.of("mode", "enforce", "installHooks", true, "by", "sec")));
    admin(
        http.put(
            "/api/v1/admin/approval-classes",
            ADMIN,
            Map.of("classes", List.of("email-send"), "by", "sec", "reason", "mail leaks")));
    admin(
        http.post(
            "/api/v1/devices/" + carol.id() + "/reenroll",
            ADMIN,
            Map.of("by", "it-desk", "hours", 2)));
  }

  private Node enroll(String hostname, String user) {
    Host host = Fixtures.host(hostname, user);
    Http.Answer a = http.post("/api/v1/enroll", null, Map.of("enrollSecret", SECRET, "host", host));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    String id = a.json().get("nodeId").asText();
    names.put(id, "node:" + hostname);
    return new Node(id, a.json().get("nodeKey").asText(), host);
  }

  private void snapshot(
      Node n,
      List<McpServer> servers,
      List<InstalledPackage> pkgs,
      List<Finding> findings,
      List<UsageDay> usage) {
    Inventory inv =
        Inventory.builder()
            .schemaVersion(SchemaVersion.CURRENT)
            .scanId(UUID.randomUUID().toString())
            .startedAt(Instant.now())
            .finishedAt(Instant.now())
            .host(n.host())
            .servers(servers)
            .packages(pkgs)
            .findings(findings)
            .build();
    Report r =
        new Report(
            SchemaVersion.CURRENT,
            UUID.randomUUID().toString(),
            n.id(),
            Instant.now(),
            ReportKind.SNAPSHOT,
            inv,
            List.of(),
            usage);
    admin(http.postGzip("/api/v1/reports", n.key(), r));
  }

  private void decide(String subject, String version, String decision) {
    Map<String, Object> body =
        new HashMap<>(
            Map.of("subject", subject, "decision", decision, "by", "sec", "reason", "reviewed"));
    if (version != null) {
      body.put("version", version);
    }
    admin(http.post("/api/v1/admin/policy", ADMIN, body));
  }

  /** A guard call {@code secondsAgo}: distinct times keep the newest-first lists in one order. */
  private static ChangeEvent guardCall(String decision, String tool, int secondsAgo) {
    ChangeEvent e = CollectorApiContract.guardCall(decision, tool);
    return new ChangeEvent(
        e.id(),
        e.type(),
        Instant.now().minusSeconds(secondsAgo),
        e.scanId(),
        e.serverId(),
        e.purl(),
        e.findingId(),
        e.summary(),
        e.before(),
        e.after());
  }

  private static void admin(Http.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private static Capability cap(String cls, String file, int line, String text) {
    return new Capability(cls, Evidence.file(file, line, text));
  }

  private static McpServer withClasses(McpServer s, Capability... caps) {
    return s.toBuilder().capabilities(List.of(caps), null).build();
  }

  private static InstalledPackage pkg(String name, String version, Capability... caps) {
    return new InstalledPackage(
        "pkg:npm/" + name + "@" + version,
        "npm",
        name,
        version,
        "npx-cache",
        "/home/u/.npm/_npx/1/node_modules/" + name,
        "ab",
        List.of(caps),
        null);
  }

  /** Node ids by host name, other ids and instants by placeholders, cursors by their keys. */
  private String normalise(String text) {
    Matcher next = NEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (next.find()) {
      String key = new String(Base64.getUrlDecoder().decode(next.group(1)), StandardCharsets.UTF_8);
      next.appendReplacement(
          out, Matcher.quoteReplacement("\"next\":<cursor " + key.replace("\"", "'") + ">"));
    }
    next.appendTail(out);
    String s = out.toString();
    for (var e : names.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    s = UUID_TEXT.matcher(s).replaceAll("<uuid>");
    s = INSTANT.matcher(s).replaceAll("\"<time>\"");
    // Epoch milliseconds in cursors and times of this run.
    return s.replaceAll("\\b1[7-9]\\d{11}\\b", "<millis>");
  }
}
