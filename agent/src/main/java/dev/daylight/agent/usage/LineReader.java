package dev.daylight.agent.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Streams the lines of a file from an offset up to a size, in fixed buffers: a line longer than
 * {@link #MAX_LINE} is skipped (and counted) without being held, so memory stays bounded whatever
 * the file holds. A last line without its newline is left for the next pass (it may still be
 * being written). Lines that contain none of the format's needles are not parsed at all.
 */
final class LineReader {
  static final int MAX_LINE = 4 << 20;
  private static final int CHUNK = 256 << 10;

  private byte[] line = new byte[64 << 10];
  private int len;
  private boolean oversized;
  long bytesRead;

  /** Reads {@code [from, to)} and returns the offset after the last complete line. */
  long read(FileChannel ch, long from, long to, byte[][] needles, Parser.Lines parser, Reading r)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long pos = from;
    long consumed = from;
    len = 0;
    oversized = false;
    while (pos < to) {
      buf.clear();
      buf.limit((int) Math.min(CHUNK, to - pos));
      int n = ch.read(buf, pos);
      if (n <= 0) {
        break;
      }
      bytesRead += n;
      byte[] a = buf.array();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (a[i] == '\n') {
          append(a, start, i - start);
          finishLine(needles, parser, r);
          start = i + 1;
          consumed = pos + i + 1;
        }
      }
      append(a, start, n - start);
      pos += n;
    }
    return consumed;
  }

  private void append(byte[] a, int off, int n) {
    if (oversized || n == 0) {
      return;
    }
    if (len + n > MAX_LINE) {
      oversized = true;
      return;
    }
    if (len + n > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + n, line.length * 2)));
    }
    System.arraycopy(a, off, line, len, n);
    len += n;
  }

  private void finishLine(byte[][] needles, Parser.Lines parser, Reading r) {
    try {
      if (oversized) {
        r.skipped++;
      } else if (len > 0 && contains(line, len, needles)) {
        parser.line(line, len, r);
      }
    } catch (IOException | RuntimeException malformed) {
      r.skipped++;
    } finally {
      len = 0;
      oversized = false;
      if (line.length > (1 << 20)) {
        line = new byte[64 << 10];
      }
    }
  }

  static boolean contains(byte[] hay, int len, byte[][] needles) {
    if (needles.length == 0) {
      return true;
    }
    for (byte[] n : needles) {
      if (indexOf(hay, len, n) >= 0) {
        return true;
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, int len, byte[] n) {
    byte first = n[0];
    int last = len - n.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (hay[i] != first) {
        continue;
      }
      for (int j = 1; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
