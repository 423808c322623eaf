package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.UsageBucket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini's {@code .project_root} marker names the project its calls are counted under (stored,
 * reported, shown in the account's view): a marker that links out of the home (to another account's
 * or root's file) is not read, and text that is no absolute path is dropped.
 */
class ProjectMarkerTest {
  private static final String SESSION = ".gemini/tmp/x/chats/session-1.jsonl";
  private static final String MARKER = ".gemini/tmp/x/.project_root";
  private static final String CALL =
      "{\"id\":\"m1\",\"timestamp\":\"2026-11-20T10:30:10.000Z\",\"type\":\"gemini\","
          + "\"content\":\"\",\"toolCalls\":[{\"id\":\"c1\",\"name\":\"mcp_vault_t\","
          + "\"status\":\"success\",\"timestamp\":\"2026-11-20T10:30:11.000Z\"}]}\n";

  /** How the store keeps a call of no known project. */
  private static final String NONE = "";

  @TempDir Path dir;

  @Test
  void aMarkerInTheHomeNamesTheProject() {
    Path home = home();
    UsageHome.write(home.resolve(MARKER), "/home/ann/src/shop\n");

    assertThat(projects(home, "ann")).containsExactly("/home/ann/src/shop");
  }

  @Test
  void aMarkerLinkedToAFileOutsideTheHomeIsNotRead() throws Exception {
    Path home = home();
    // Another account's file (a path-shaped line, so only the link check can keep it out).
    Path other = Files.writeString(dir.resolve("bob-secret"), "/home/bob/hvs.CAESIJ-token\n");
    Files.createSymbolicLink(home.resolve(MARKER), other);

    assertThat(projects(home, "ann")).containsExactly(NONE);
  }

  @Test
  void aMarkerThatIsNoAbsolutePathIsDropped() {
    Path home = home();
    UsageHome.write(home.resolve(MARKER), "hvs.CAESIJ-token-in-clear\n");
    assertThat(projects(home, "ann")).containsExactly(NONE);

    UsageHome.write(home.resolve(MARKER), "/home/ann/src\u001b[2Jshop\n");
    assertThat(projects(home, "ann")).containsExactly(NONE);

    UsageHome.write(home.resolve(MARKER), "/home/ann/src/shop\n/home/ann/other\n");
    assertThat(projects(home, "ann")).containsExactly(NONE);
  }

  @Test
  void onlyAPlausiblePathPasses() {
    assertThat(Projects.path(bytes("/home/ann/src/shop\n"))).isEqualTo("/home/ann/src/shop");
    assertThat(Projects.path(bytes("C:\\Users\\ann\\src\\shop")))
        .isEqualTo("C:\\Users\\ann\\src\\shop");
    assertThat(Projects.path(bytes("\\\\server\\share\\shop")))
        .isEqualTo("\\\\server\\share\\shop");
    assertThat(Projects.path(bytes("postgres://admin:pw@db/x"))).isNull();
    assertThat(Projects.path(bytes("relative/shop"))).isNull();
    assertThat(Projects.path(bytes("/tmp/a\tb"))).isNull();
    assertThat(Projects.path(new byte[] {'/', (byte) 0xff, 'a'})).isNull();
  }

  @Test
  void aMarkerLargerThanAPathIsNotRead() {
    Path home = home();
    UsageHome.write(home.resolve(MARKER), "/" + "a".repeat(Projects.MAX_MARKER + 1));

    assertThat(projects(home, "ann")).containsExactly(NONE);
  }

  private Path home() {
    Path home = dir.resolve("ann");
    UsageHome.write(home.resolve(SESSION), CALL);
    return home;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The projects of the calls an all-users pass over {@code home} stores, fresh each time. */
  private List<String> projects(Path home, String user) {
    Path store = dir.resolve("store-" + System.nanoTime());
    try (Store s = Store.open(store)) {
      Ledger.bundled()
          .update(
              List.of(ScanContext.forHome(home, Os.LINUX).withOsUser(user)),
              s,
              Map.of("gemini-cli", Set.of("vault")),
              dir.resolve("state"));
      List<UsageBucket> b = s.usageSince(Instant.EPOCH);
      assertThat(b).extracting(UsageBucket::server).containsExactly("vault");
      return b.stream().map(UsageBucket::project).toList();
    }
  }
}
