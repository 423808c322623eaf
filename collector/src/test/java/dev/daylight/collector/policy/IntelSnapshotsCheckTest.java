package dev.daylight.collector.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.collector.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IntelSnapshotsCheckTest {
  private static final String LINE = "npm\tpostmark-mcp\tMAL-2025-47604\t1.0.16\t\t\t\t2025-09-25";

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void aSnapshotCountsItsRecordLines() throws IOException {
    assertThat(
            IntelSnapshots.check(gzip(IntelSnapshots.HEADER + "\n" + LINE + "\n# note\n" + LINE)))
        .isEqualTo(2);
  }

  @Test
  void aHeaderAloneWouldEmptyTheFleetsIntelAndIsRefused() {
    assertThatThrownBy(() -> IntelSnapshots.check(gzip(IntelSnapshots.HEADER + "\n")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("no intel lines");
  }

  @Test
  void aLineWithoutEndIsRefusedBeforeItCanFillTheHeap() {
    String endless = IntelSnapshots.HEADER + "\n" + "a".repeat(IntelSnapshots.MAX_LINE + 1);
    assertThatThrownBy(() -> IntelSnapshots.check(gzip(endless)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("line 2 is over 64 KiB");
    assertThatThrownBy(() -> IntelSnapshots.check(gzip("x".repeat(IntelSnapshots.MAX_LINE + 1))))
        .isInstanceOf(ApiException.class);
  }
}
