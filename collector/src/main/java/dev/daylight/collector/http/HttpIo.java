package dev.daylight.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.daylight.collector.ApiException;
import dev.daylight.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Request bodies with a size cap that also holds after gzip inflation; JSON responses. */
final class HttpIo {
  private HttpIo() {}

  static byte[] body(Request request, int cap) throws IOException {
    long declared = request.getLength();
    if (declared > cap) {
      throw new ApiException(413, "body over " + cap + " bytes");
    }
    String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
    boolean gzip = false;
    if (encoding != null) {
      switch (encoding.trim().toLowerCase(Locale.ROOT)) {
        case "gzip" -> gzip = true;
        case "identity" -> { }
        default -> throw new ApiException(415, "unsupported content encoding");
      }
    }
    InputStream raw = Content.Source.asInputStream(request);
    try (InputStream src = gzip ? new GZIPInputStream(raw) : raw) {
      return readCapped(src, cap);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw ApiException.badRequest("body is not valid gzip");
    }
  }

  private static byte[] readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 8192));
    byte[] buf = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > cap) {
        throw new ApiException(413, "body over " + cap + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  static <T> T json(byte[] body, Class<T> type) {
    try {
      T value = Json.mapper().readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("empty body");
      }
      return value;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending token, which may be a secret sent unquoted: say where, not what.
      var at = e.getLocation();
      throw ApiException.badRequest("malformed or invalid JSON"
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

  static void sendText(Response response, int status, String type, String text, Callback callback) {
    send(response, status, type, text.getBytes(StandardCharsets.UTF_8), callback);
  }

  static String bearer(Request request) {
    String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }
}
