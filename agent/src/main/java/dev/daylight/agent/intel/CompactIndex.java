package dev.daylight.agent.intel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An open-addressing hash index over compact intel lines held in one byte array. Per line it keeps
 * a 64-bit key hash and an offset (12 bytes in a half-full table), not a Java object, so a million
 * records cost the bytes of their lines plus about 24 MB, and a lookup is a few array reads.
 */
final class CompactIndex {
  private final byte[] blob;
  private final int length;
  private final int size;
  private final long[] hashes;
  private final int[] offsets; // offset + 1; 0 marks an empty slot
  private final int mask;

  private CompactIndex(byte[] blob, int length, int size, long[] lineHashes, int[] lineOffsets) {
    this.blob = blob;
    this.length = length;
    this.size = size;
    int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
    this.hashes = new long[capacity];
    this.offsets = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = (int) lineHashes[i] & mask;
      while (offsets[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      hashes[slot] = lineHashes[i];
      offsets[slot] = lineOffsets[i] + 1;
    }
  }

  int size() {
    return size;
  }

  /** Every line filed under (ecosystem, normalised name), in no particular order. */
  List<String> lookup(String ecosystem, String normalisedName) {
    byte[] key = (ecosystem + '\t' + normalisedName + '\t').getBytes(StandardCharsets.UTF_8);
    long h = hash(key, 0, key.length - 1);
    List<String> out = new ArrayList<>(2);
    int slot = (int) h & mask;
    while (offsets[slot] != 0) {
      int off = offsets[slot] - 1;
      if (hashes[slot] == h && Arrays.equals(blob, off, off + key.length, key, 0, key.length)) {
        out.add(lineAt(off));
      }
      slot = (slot + 1) & mask;
    }
    return out;
  }

  /** Writes every record line in load order, without comment lines. */
  void writeLines(OutputStream out) throws IOException {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (blob[i] == '\n') {
        if (i > start && blob[start] != '#') {
          out.write(blob, start, i - start + 1);
        }
        start = i + 1;
      }
    }
  }

  private String lineAt(int off) {
    int end = off;
    while (end < length && blob[end] != '\n') {
      end++;
    }
    return new String(blob, off, end - off, StandardCharsets.UTF_8);
  }

  /** FNV-1a over the key bytes, then a murmur3 finaliser so the low bits spread well. */
  static long hash(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h ^= b[i] & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Collects lines; only lines with at least two tabs (a key) are indexed. */
  static final class Builder {
    private byte[] blob = new byte[1 << 16];
    private int length;
    private long[] lineHashes = new long[1024];
    private int[] lineOffsets = new int[1024];
    private int lines;

    int lines() {
      return lines;
    }

    /** Grows the buffer once to fit {@code bytes} more, instead of doubling on the way. */
    void reserve(long bytes) {
      if (bytes > 0 && bytes < Integer.MAX_VALUE - 16 - length) {
        ensure((int) bytes + 1);
      }
    }

    void addLine(String line) {
      byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, blob, length, bytes.length);
      int start = length;
      length += bytes.length;
      indexLine(start, length - 1);
    }

    /** Appends a whole compact stream; comment ({@code #}) and blank lines are skipped. */
    void addCompact(InputStream in) throws IOException {
      int start = length;
      byte[] chunk = new byte[1 << 16];
      int n;
      while ((n = in.read(chunk)) > 0) {
        ensure(n + 1);
        System.arraycopy(chunk, 0, blob, length, n);
        length += n;
      }
      if (length > start && blob[length - 1] != '\n') {
        ensure(1);
        blob[length++] = '\n';
      }
      int lineStart = start;
      for (int i = start; i < length; i++) {
        if (blob[i] == '\n') {
          indexLine(lineStart, i);
          lineStart = i + 1;
        }
      }
    }

    private void indexLine(int start, int end) {
      if (end == start || blob[start] == '#') {
        return;
      }
      int tabs = 0;
      int keyEnd = -1;
      for (int i = start; i < end; i++) {
        if (blob[i] == '\t' && ++tabs == 2) {
          keyEnd = i;
          break;
        }
      }
      if (keyEnd < 0) {
        return;
      }
      if (lines == lineHashes.length) {
        lineHashes = Arrays.copyOf(lineHashes, lines * 2);
        lineOffsets = Arrays.copyOf(lineOffsets, lines * 2);
      }
      lineHashes[lines] = hash(blob, start, keyEnd);
      lineOffsets[lines] = start;
      lines++;
    }

    private void ensure(int extra) {
      long needed = (long) length + extra;
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("intel snapshot larger than 2 GB");
      }
      if (needed > blob.length) {
        long grown = length == 0 ? needed : Math.max(needed, blob.length * 2L);
        blob = Arrays.copyOf(blob, (int) Math.min(Integer.MAX_VALUE - 16, grown));
      }
    }

    /** Builds the index; the builder is empty afterwards, so it holds no second copy. */
    CompactIndex build() {
      byte[] exact = length == blob.length ? blob : Arrays.copyOf(blob, length);
      CompactIndex index = new CompactIndex(exact, length, lines, lineHashes, lineOffsets);
      blob = new byte[1 << 16];
      length = 0;
      lineHashes = new long[1024];
      lineOffsets = new int[1024];
      lines = 0;
      return index;
    }
  }
}
