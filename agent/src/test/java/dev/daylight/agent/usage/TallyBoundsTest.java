package dev.daylight.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.store.UsageBucket;
import org.junit.jupiter.api.Test;

/** A record file's names are clipped and its buckets bounded, whatever the file holds. */
class TallyBoundsTest {
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
