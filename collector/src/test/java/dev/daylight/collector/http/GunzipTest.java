package dev.daylight.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GunzipTest {
  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A member with every optional header field: extra, name, comment, header CRC. */
  private static byte[] fullHeaderMember(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 64];
    int len = d.deflate(buf);
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
    out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
    out.writeBytes("report.json\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[] {0, 0});
    out.write(buf, 0, len);
    int c = (int) crc.getValue();
    out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
    int n = data.length;
    out.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
    return out.toByteArray();
  }

  @Test
  void inflatesWhatTheJdkWritesIncludingSeveralMembersAndOptionalHeaderFields() throws IOException {
    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    Arrays.fill(big, 0, 100_000, (byte) 'x');
    assertThat(Gunzip.inflate(gzip(big), new byte[16], 1 << 20)).isEqualTo(big);
    byte[] a = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] b = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(Gunzip.inflate(concat(gzip(a), gzip(b)), new byte[4], 1000)).isEqualTo(concat(a, b));
    assertThat(Gunzip.inflate(fullHeaderMember(a), new byte[64], 1000)).isEqualTo(a);
    assertThat(Gunzip.inflate(gzip(new byte[0]), new byte[8], 10)).isEmpty();
  }

  @Test
  void refusesCorruptTruncatedForeignAndOversizedBodies() throws IOException {
    byte[] data = "{\"reportId\":\"r\"}".repeat(100).getBytes(StandardCharsets.UTF_8);
    byte[] ok = gzip(data);
    byte[] badCrc = ok.clone();
    badCrc[badCrc.length - 6] ^= 1;
    assertThatThrownBy(() -> Gunzip.inflate(badCrc, new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.BadGzip.class);
    assertThatThrownBy(
            () -> Gunzip.inflate(Arrays.copyOf(ok, ok.length - 12), new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.BadGzip.class);
    assertThatThrownBy(() -> Gunzip.inflate(Arrays.copyOf(ok, 5), new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.BadGzip.class);
    assertThatThrownBy(() -> Gunzip.inflate(data, new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.BadGzip.class);
    assertThatThrownBy(
            () -> Gunzip.inflate(concat(ok, new byte[] {1, 2, 3}), new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.BadGzip.class);
    // a bomb: 10 MB of zeros in a few KB stops at the cap
    byte[] bomb = gzip(new byte[10_000_000]);
    assertThatThrownBy(() -> Gunzip.inflate(bomb, new byte[64], 1 << 20))
        .isInstanceOf(Gunzip.TooLarge.class);
    // and the thread's inflater is fine afterwards
    assertThat(Gunzip.inflate(ok, new byte[64], 1 << 20)).isEqualTo(data);
  }
}
