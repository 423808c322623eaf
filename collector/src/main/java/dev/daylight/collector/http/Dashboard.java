package dev.daylight.collector.http;

import dev.daylight.collector.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The dashboard: one static page and its script. The script builds the page with textContent only
 * and the CSP forbids inline script, so stored strings that look like HTML stay inert.
 */
final class Dashboard {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/dashboard.js", "dashboard.js",
      "/dashboard.css", "dashboard.css");
  private final Map<String, byte[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

  int serve(String path, Response res, Callback cb) {
    String file = FILES.get(path);
    if (file == null) {
      throw ApiException.notFound();
    }
    byte[] bytes = cache.computeIfAbsent(file, Dashboard::load);
    String type = file.endsWith(".html") ? "text/html; charset=utf-8"
        : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    res.getHeaders().put("Content-Security-Policy", CSP);
    res.getHeaders().put("Referrer-Policy", "no-referrer");
    res.getHeaders().put("X-Frame-Options", "DENY");
    HttpIo.send(res, 200, type, bytes, cb);
    return 200;
  }

  private static byte[] load(String file) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing dashboard resource " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
