package dev.daylight.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.daylight.collector.ApiException;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Request bodies with a size cap that also holds after gzip inflation; JSON responses. */
final class HttpIo {
  private static final int SCRATCH_KEPT = 256 * 1024;

  /**
   * 2 KiB/s (16 kbit/s, a poor mobile link) after 20 s: an agent's gzipped report of some hundred
   * kilobytes still arrives on such a link (a refused one is sent again, and would be refused
   * again), while a body trickled a byte at a time is refused within half a minute.
   */
  private static final long MIN_BYTES_PER_SECOND = 2 * 1024;

  private static final long RATE_GRACE_NANOS = 20_000_000_000L;

  /** How long a refused body is read to be dropped before the 413 goes out anyway. */
  private static final long DRAIN_NANOS = 5_000_000_000L;

  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  private HttpIo() {}

  static byte[] body(Request request, int cap) throws IOException {
    if (request.getLength() > cap) {
      if (request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
        // The client waits to be asked for the body: refused before it sends a byte.
        throw new ApiException(413, "body over " + cap + " bytes");
      }
      try (InputStream raw = Content.Source.asInputStream(request)) {
        throw tooLarge(raw, cap, 2L * cap);
      }
    }
    String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
    boolean gzip = false;
    if (encoding != null) {
      switch (encoding.trim().toLowerCase(Locale.ROOT)) {
        case "gzip" -> gzip = true;
        case "identity" -> {}
        default -> throw new ApiException(415, "unsupported content encoding");
      }
    }
    byte[] wire;
    try (InputStream raw = Content.Source.asInputStream(request)) {
      wire = readCapped(raw, cap);
    } catch (IOException | UncheckedIOException e) {
      // The client went away mid-body or sent a broken chunked body: its fault, not ours.
      throw ApiException.badRequest("request body could not be read");
    }
    if (!gzip) {
      return wire;
    }
    // Inflating from memory, into this thread's scratch buffer (the wire bytes are a copy).
    try {
      return Gunzip.inflate(wire, SCRATCH.get(), cap);
    } catch (Gunzip.TooLarge e) {
      throw new ApiException(413, "body over " + cap + " bytes");
    } catch (Gunzip.BadGzip e) {
      throw ApiException.badRequest("body is not valid gzip");
    }
  }

  /**
   * Reads all of {@code in} into a per-thread scratch buffer and returns an exact copy; past {@code
   * cap} bytes it stops with 413. Two fresh 8 KB buffers per request were a fifth of the time spent
   * reading bodies.
   */
  private static byte[] readCapped(InputStream in, int cap) throws IOException {
    byte[] buf = SCRATCH.get();
    int n = 0;
    long start = System.nanoTime();
    for (int r; (r = in.read(buf, n, buf.length - n)) > 0; ) {
      n += r;
      if (n > cap) {
        throw tooLarge(in, cap, cap);
      }
      tooSlow(n, System.nanoTime() - start);
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, cap + 1L));
        if (buf.length <= SCRATCH_KEPT) {
          SCRATCH.set(buf);
        }
      }
    }
    return Arrays.copyOf(buf, n);
  }

  /**
   * Refuses a body that, past its first {@link #RATE_GRACE_NANOS}, has come slower than {@link
   * #MIN_BYTES_PER_SECOND} on average. Each read waits at most the connection's idle timeout, so a
   * client trickling a byte now and then would otherwise hold a request thread for as long as it
   * likes (and {@code /api/v1/enroll} is open to anyone). Jetty's MinimumDataRateHandler measures
   * all requests' bytes together, not this one's.
   */
  private static void tooSlow(long bytes, long elapsedNanos) {
    if (elapsedNanos > RATE_GRACE_NANOS
        && bytes < MIN_BYTES_PER_SECOND * (elapsedNanos / 1_000_000_000.0)) {
      throw new ApiException(408, "request body arrives too slowly");
    }
  }

  /**
   * The 413 for a body over {@code cap}, after reading and dropping up to {@code drop} more of its
   * bytes (a body's whole read stays within twice the cap): a client still sending the body reads
   * the answer only if the connection is not closed on bytes it has not read, which the kernel
   * answers with a reset. A longer body is refused unread.
   */
  private static ApiException tooLarge(InputStream in, int cap, long drop) {
    byte[] buf = SCRATCH.get();
    long left = drop;
    // Dropped within the time a fair client needs: a body trickled in would hold the thread.
    long deadline = System.nanoTime() + DRAIN_NANOS;
    try {
      for (int r;
          left > 0
              && System.nanoTime() - deadline < 0
              && (r = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
        left -= r;
      }
    } catch (IOException e) {
      // A client that stalls or goes away while sending it: the answer is still the 413.
    }
    return new ApiException(413, "body over " + cap + " bytes");
  }

  static <T> T json(byte[] body, Class<T> type) {
    return json(body, b -> Json.mapper().readValue(b, type));
  }

  /** How a body becomes a value; Jackson's exceptions become 400s. */
  interface Parser<T> {
    T parse(byte[] body) throws IOException;
  }

  static <T> T json(byte[] body, Parser<T> parser) {
    NulEscapes.replace(body);
    try {
      T value = parser.parse(body);
      if (value == null) {
        throw ApiException.badRequest("empty body");
      }
      return value;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending token, which may be a secret sent unquoted: say
      // where, not what.
      var at = e.getLocation();
      throw ApiException.badRequest(
          "malformed or invalid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.badRequest("malformed or invalid JSON");
    }
  }

  static void sendJson(Response response, int status, Object value, Callback callback) {
    byte[] bytes;
    try {
      bytes = Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    send(response, status, "application/json", bytes, callback);
  }

  static void send(Response response, int status, String type, byte[] bytes, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  static String bearer(Request request) {
    String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }
}
