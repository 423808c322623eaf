package dev.daylight.collector.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip body (RFC 1952) held in memory with one {@link Inflater} per thread. A {@code
 * GZIPInputStream} per request allocates and frees a native zlib stream each time, which was a
 * twentieth of a report's request-thread CPU under load. Every member of a multi-member body is
 * inflated; its CRC-32 and length are checked as the JDK's stream checks them.
 */
final class Gunzip {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final ThreadLocal<Inflater> INFLATER =
      ThreadLocal.withInitial(() -> new Inflater(true));

  /** Thrown for anything that is not valid gzip. */
  static final class BadGzip extends IOException {
    BadGzip(String message) {
      super(message);
    }
  }

  /** Thrown when the inflated body would pass the cap. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("inflated body over the cap");
    }
  }

  private Gunzip() {}

  /** The inflated bytes, written into {@code out} (grown as needed, never past {@code cap}). */
  static byte[] inflate(byte[] in, byte[] out, int cap) throws IOException {
    Inflater inflater = INFLATER.get();
    CRC32 crc = new CRC32();
    int pos = 0;
    int n = 0;
    do {
      pos = header(in, pos);
      inflater.reset();
      inflater.setInput(in, pos, in.length - pos);
      crc.reset();
      int memberStart = n;
      try {
        while (!inflater.finished()) {
          if (n == out.length) {
            if (out.length > cap) {
              throw new TooLarge();
            }
            out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, cap + 1L));
          }
          int got = inflater.inflate(out, n, out.length - n);
          if (got == 0 && !inflater.finished()) {
            // Room was left, so no progress means missing input or a dictionary: never loop.
            throw new BadGzip("truncated");
          }
          n += got;
          if (n > cap) {
            throw new TooLarge();
          }
        }
      } catch (DataFormatException e) {
        throw new BadGzip("corrupt deflate data");
      }
      crc.update(out, memberStart, n - memberStart);
      pos = in.length - inflater.getRemaining();
      if (pos + 8 > in.length) {
        throw new BadGzip("truncated trailer");
      }
      if (le32(in, pos) != (int) crc.getValue() || le32(in, pos + 4) != n - memberStart) {
        throw new BadGzip("checksum or length mismatch");
      }
      pos += 8;
    } while (pos < in.length);
    return Arrays.copyOf(out, n);
  }

  /** Skips a member header and returns where its deflate data starts. */
  private static int header(byte[] in, int pos) throws BadGzip {
    if (pos + 10 > in.length
        || (in[pos] & 0xff) != 0x1f
        || (in[pos + 1] & 0xff) != 0x8b
        || in[pos + 2] != 8) {
      throw new BadGzip("not gzip");
    }
    int flags = in[pos + 3] & 0xff;
    int p = pos + 10;
    if ((flags & FEXTRA) != 0) {
      if (p + 2 > in.length) {
        throw new BadGzip("truncated header");
      }
      p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      p = afterZero(in, p);
    }
    if ((flags & FCOMMENT) != 0) {
      p = afterZero(in, p);
    }
    if ((flags & FHCRC) != 0) {
      p += 2;
    }
    if (p > in.length) {
      throw new BadGzip("truncated header");
    }
    return p;
  }

  private static int afterZero(byte[] in, int p) throws BadGzip {
    while (p < in.length && in[p] != 0) {
      p++;
    }
    if (p >= in.length) {
      throw new BadGzip("truncated header");
    }
    return p + 1;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xff)
        | (b[p + 1] & 0xff) << 8
        | (b[p + 2] & 0xff) << 16
        | (b[p + 3] & 0xff) << 24;
  }
}
