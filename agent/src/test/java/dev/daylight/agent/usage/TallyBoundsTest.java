package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.agent.store.UsageBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record file's names are clipped and its buckets bounded, and a home's record files are bounded
 * in number, whatever the home holds.
 */
class TallyBoundsTest {
  @TempDir Path dir;

  @Test
  void aHomeOfMillionsOfRecordFilesGivesAtMostTheBound() throws Exception {
    Path projects = Files.createDirectories(dir.resolve(".claude/projects/-home-ann-p"));
    for (int i = 0; i <= UsageSources.MAX_FILES; i++) {
      Files.createFile(projects.resolve(i + ".jsonl"));
    }

    List<UsageSources.Located> found =
        UsageSources.locate(UsageSources.bundled(), ScanContext.forHome(dir, Os.LINUX), null);

    assertThat(found).hasSize(UsageSources.MAX_FILES);
  }

  private static final long AT = 1_795_172_400_000L;

  @Test
  void aFileOfMadeUpNamesGivesAtMostTheBoundAndTheRestIsCountedAsSkipped() {
    Tally t = new Tally("claude-code-jsonl");
    int extra = 25;
    for (int i = 0; i < Tally.MAX_BUCKETS + extra; i++) {
      t.call("claude-code", "github", "tool" + i, "/p", AT, 0);
    }
    // A call of a bucket already kept still counts.
    t.call("claude-code", "github", "tool0", "/p", AT, 1);

    assertThat(t.buckets()).hasSize(Tally.MAX_BUCKETS);
    assertThat(t.dropped()).isEqualTo(extra);
    assertThat(t.calls()).isEqualTo(Tally.MAX_BUCKETS + 1L);
  }

  @Test
  void longNamesAreClippedSoEachBucketStaysSmall() {
    Tally t = new Tally("claude-code-jsonl");
    String huge = "x".repeat(1_000_000);
    t.call("claude-code", huge, huge, huge, AT, 0);
    t.call("claude-code", huge + "y", huge, huge, AT, 0);

    UsageBucket b = t.buckets().get(0);
    assertThat(t.buckets()).hasSize(1);
    assertThat(b.server()).hasSize(Tally.MAX_NAME);
    assertThat(b.tool()).hasSize(Tally.MAX_NAME);
    assertThat(b.project()).hasSize(Tally.MAX_NAME);
    assertThat(b.calls()).isEqualTo(2);
  }
}
