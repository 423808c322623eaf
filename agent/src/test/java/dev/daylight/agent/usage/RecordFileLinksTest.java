package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.testing.Requires;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another account's record file is checked once and then opened as it was checked, never through a
 * link: a link its owner puts in the file's place or a folder's between the check and the open (to
 * a file only root may read, or another account's records) is not followed.
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

    // Another account's file, checked, then a link in its place; and the scan's own file.
    // An I/O refusal of the open (ELOOP), not any failure (a NullPointerException would pass too).
    assertThat(read(swapped, new FileAccess.Allowed(swapped)))
        .isIn("FileSystemException", "IOException");
    assertThat(read(swapped, null)).isIn("FileSystemException", "IOException");
    assertThat(read(secret, new FileAccess.Allowed(secret))).isInstanceOf(FileReads.FileRead.class);
  }

  @Test
  void aFolderOnTheCheckedPathSwappedForALinkFailsTheOpen() throws Exception {
    Path projects = Files.createDirectories(dir.resolve("ann/.claude/projects"));
    Path checked = Files.writeString(projects.resolve("a.jsonl"), CALL);
    FileAccess.Allowed allowed = new FileAccess.Allowed(checked.toRealPath());
    try (FileChannel ch = FileAccess.open(allowed)) {
      assertThat(ch.size()).isEqualTo(CALL.length());
    }
    // The owner renames the folder away and links another account's records in its place.
    Path other = Files.createDirectories(dir.resolve("bob/.claude/projects"));
    Files.writeString(other.resolve("a.jsonl"), CALL + CALL);
    Files.move(projects, dir.resolve("ann/.claude/moved"));
    Files.createSymbolicLink(projects, other);

    assertThatThrownBy(() -> FileAccess.open(allowed).close()).isInstanceOf(IOException.class);
    assertThat(read(projects.resolve("a.jsonl"), allowed))
        .isIn("FileSystemException", "IOException", "NotDirectoryException");
  }

  /**
   * A FIFO put in a checked file's place blocks the open until someone writes to it: that file is
   * left unread within the batch's time and the other files of the batch are read.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFileThatHoldsItsReaderIsLeftUnreadAndTheRestIsRead() throws Exception {
    Path fifo = dir.resolve("held.jsonl");
    Path mkfifo = Requires.onPath("mkfifo", "mkfifo not found: apt-get install coreutils");
    assertThat(new ProcessBuilder(mkfifo.toString(), fifo.toString()).start().waitFor()).isZero();
    Path plain = Files.writeString(dir.resolve("plain.jsonl"), CALL);

    List<Object> results =
        FileReads.readAll(
            List.of(
                work(fifo, new FileAccess.Allowed(fifo)),
                work(plain, new FileAccess.Allowed(plain))),
            Duration.ofSeconds(2));

    assertThat(results.get(0)).isEqualTo("not read within 2 s");
    assertThat(results.get(1)).isInstanceOf(FileReads.FileRead.class);
    // Opened alone, it fails within the read time instead of holding its caller; so does a FIFO
    // in the place of a folder on the checked path.
    assertThatThrownBy(() -> FileAccess.open(new FileAccess.Allowed(fifo)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not open within");
    assertThatThrownBy(() -> FileAccess.open(new FileAccess.Allowed(fifo.resolve("a.jsonl"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not open within");
  }

  /** What FileReads makes of one claude-code record file, as checked or as the scan's own. */
  private static Object read(Path file, FileAccess.Allowed checked) {
    List<Object> results = FileReads.readAll(List.of(work(file, checked)));
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static FileReads.Work work(Path file, FileAccess.Allowed checked) {
    UsageSources.Source claude =
        UsageSources.bundled().stream()
            .filter(s -> s.client().equals("claude-code"))
            .findFirst()
            .orElseThrow();
    return new FileReads.Work(
        new UsageSources.Located(
            claude,
            file,
            "ann",
            FileAccess.of(ScanContext.forHome(file.getParent(), Os.LINUX).layout())),
        checked,
        null,
        "key:" + file,
        CALL.length(),
        0L,
        Set.of("github"));
  }
}
