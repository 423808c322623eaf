package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another account's record file is checked once and then opened by the real path the checks were
 * made on, never through a link: a link its owner puts there between the check and the open (to a
 * file only root may read) is not followed.
 */
class RecordFileLinksTest {
  private static final String CALL =
      "{\"cwd\":\"/home/ann/src\",\"type\":\"assistant\",\"message\":{\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"mcp__github__create_issue\","
          + "\"input\":{}}]},\"timestamp\":\"2026-11-21T09:01:00.000Z\"}\n";

  @TempDir Path dir;

  @Test
  void aFileUnderALinkedFolderOfTheHomeIsAllowedByItsRealPath() throws Exception {
    Path home = Files.createDirectories(dir.resolve("ann"));
    Path real = Files.createDirectories(home.resolve("elsewhere/projects"));
    Files.writeString(real.resolve("a.jsonl"), CALL);
    Files.createDirectories(home.resolve(".claude"));
    Files.createSymbolicLink(home.resolve(".claude/projects"), real);
    Path outside = Files.createDirectories(dir.resolve("root-only"));
    Files.writeString(outside.resolve("b.jsonl"), CALL);
    Files.createSymbolicLink(home.resolve(".codex"), outside);
    FileAccess access = FileAccess.of(ScanContext.forHome(home, Os.LINUX).layout());

    assertThat(access.check(home.resolve(".claude/projects/a.jsonl")))
        .isEqualTo(new FileAccess.Allowed(real.resolve("a.jsonl").toRealPath()));
    assertThat(access.check(home.resolve(".codex/b.jsonl")))
        .isEqualTo(new FileAccess.Refused("a linked folder leads outside the home"));
    assertThat(access.check(home.resolve(".claude/none.jsonl")))
        .isInstanceOf(FileAccess.Refused.class);
  }

  @Test
  void aLinkInThePlaceOfTheCheckedFileIsNotFollowed() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.jsonl"), CALL);
    Path swapped = Files.createSymbolicLink(dir.resolve("swapped.jsonl"), secret);
    UsageSources.Source claude =
        UsageSources.bundled().stream()
            .filter(s -> s.client().equals("claude-code"))
            .findFirst()
            .orElseThrow();
    UsageSources.Located located = new UsageSources.Located(claude, swapped, "ann");
    FileReads.Work work =
        new FileReads.Work(
            located, swapped, null, "key:x", Files.size(secret), 0L, Set.of("github"));

    List<Object> results = FileReads.readAll(List.of(work));

    assertThat(results).hasSize(1);
    assertThat(results.get(0)).isInstanceOf(String.class);

    FileReads.Work direct =
        new FileReads.Work(
            located, secret, null, "key:y", Files.size(secret), 0L, Set.of("github"));
    assertThat(FileReads.readAll(List.of(direct)).get(0)).isInstanceOf(FileReads.FileRead.class);
  }
}
