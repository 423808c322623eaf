package dev.daylight.agent.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams the lines of a file from an offset up to a size through one fixed window: a line longer
 * than {@link #MAX_LINE} is skipped (and counted) without being held, so memory stays bounded
 * whatever the file holds. A last line without its newline is left for the next pass (it may still
 * be being written). Only lines holding one of the format's needles are parsed: the window is
 * searched for the needles (the JDK's vectorised {@code String.indexOf} over a Latin-1 view)
 * instead of every line being looked at.
 */
final class LineReader {
  static final int MAX_LINE = 4 << 20;

  private final byte[] window = new byte[MAX_LINE];
  private final int[] starts = new int[4096];
  long bytesRead;

  /** Reads {@code [from, to)} and returns the offset after the last complete line. */
  long read(FileChannel ch, long from, long to, byte[][] needles, Parser.Lines parser, Reading r)
      throws IOException {
    String[] keys = new String[needles.length];
    for (int i = 0; i < needles.length; i++) {
      keys[i] = new String(needles[i], StandardCharsets.ISO_8859_1);
    }
    long pos = from;
    long consumed = from;
    int len = 0;
    boolean skipping = false;
    while (pos < to) {
      int n =
          ch.read(ByteBuffer.wrap(window, len, (int) Math.min(window.length - len, to - pos)), pos);
      if (n <= 0) {
        break;
      }
      bytesRead += n;
      pos += n;
      len += n;
      int lastNl = lastNewline(len);
      if (lastNl < 0) {
        if (len == window.length) {
          // No line end in a full window: an oversized line, dropped as it streams past.
          if (!skipping) {
            r.skipped++;
          }
          skipping = true;
          len = 0;
        }
        continue;
      }
      int begin = 0;
      if (skipping) {
        begin = indexOfNewline(0, lastNl) + 1;
        skipping = false;
      }
      lines(begin, lastNl + 1, keys, parser, r);
      consumed = pos - (len - lastNl - 1);
      System.arraycopy(window, lastNl + 1, window, 0, len - lastNl - 1);
      len = len - lastNl - 1;
    }
    return consumed;
  }

  /**
   * Parses the lines of {@code window[begin, end)} (complete lines) that hold a needle, in order.
   */
  private void lines(int begin, int end, String[] keys, Parser.Lines parser, Reading r) {
    if (begin >= end) {
      return;
    }
    String view = new String(window, begin, end - begin, StandardCharsets.ISO_8859_1);
    int found = 0;
    int[] at = starts;
    for (String key : keys) {
      for (int i = view.indexOf(key); i >= 0; i = view.indexOf(key, i + key.length())) {
        int lineStart = view.lastIndexOf('\n', i) + 1;
        if (found == at.length) {
          at = Arrays.copyOf(at, at.length * 2);
        }
        at[found++] = lineStart;
        int lineEnd = view.indexOf('\n', i);
        i = lineEnd < 0 ? view.length() : lineEnd;
      }
    }
    if (keys.length == 0) {
      for (int s = 0; s < view.length(); s = view.indexOf('\n', s) + 1) {
        if (found == at.length) {
          at = Arrays.copyOf(at, at.length * 2);
        }
        at[found++] = s;
      }
    }
    Arrays.sort(at, 0, found);
    int previous = -1;
    for (int k = 0; k < found; k++) {
      int s = at[k];
      if (s == previous) {
        continue;
      }
      previous = s;
      int e = view.indexOf('\n', s);
      int lineLen = (e < 0 ? view.length() : e) - s;
      if (lineLen == 0) {
        continue;
      }
      try {
        parser.line(Arrays.copyOfRange(window, begin + s, begin + s + lineLen), lineLen, r);
      } catch (IOException | RuntimeException malformed) {
        r.skipped++;
      }
    }
  }

  private int lastNewline(int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (window[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int indexOfNewline(int from, int to) {
    for (int i = from; i <= to; i++) {
      if (window[i] == '\n') {
        return i;
      }
    }
    return to;
  }
}
