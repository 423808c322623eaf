package dev.daylight.agent.intel;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Passes whole lines through once each, so importing the same export twice does not double the
 * stored snapshot. Remembers a 64-bit hash per line, not the line.
 */
final class DedupingLines extends FilterOutputStream {
  private final Set<Long> seen = new HashSet<>();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  DedupingLines(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (line.size() == 0 && len > 0 && b[off + len - 1] == '\n') {
      // The usual call: exactly one whole line.
      if (seen.add(CompactIndex.hash(b, off, off + len) ^ len)) {
        out.write(b, off, len);
      }
      return;
    }
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void flushLine() throws IOException {
    byte[] bytes = line.toByteArray();
    line.reset();
    if (seen.add(CompactIndex.hash(bytes, 0, bytes.length) ^ bytes.length)) {
      out.write(bytes);
    }
  }
}
