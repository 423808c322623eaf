package dev.daylight.collector.http;

import dev.daylight.collector.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console: one static page and its script modules, with hash routes for its pages. The scripts
 * build the page with textContent only and the CSP forbids inline script, so stored strings that
 * look like HTML stay inert.
 */
final class Dashboard {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final Set<String> FILES =
      Set.of(
          "index.html",
          "dashboard.css",
          "clients.json",
          "app.js",
          "ui.js",
          "api.js",
          "paging.js",
          "decide.js",
          "fleet.js",
          "devices.js",
          "policy.js",
          "capabilities.js",
          "capabilities.json");
  private final Map<String, byte[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

  int serve(String path, Response res, Callback cb) {
    String file = path.equals("/") ? "index.html" : path.substring(1);
    if (!FILES.contains(file)) {
      throw ApiException.notFound();
    }
    byte[] bytes = cache.computeIfAbsent(file, Dashboard::load);
    String type =
        file.endsWith(".html")
            ? "text/html; charset=utf-8"
            : file.endsWith(".js")
                ? "text/javascript; charset=utf-8"
                : file.endsWith(".json") ? "application/json" : "text/css; charset=utf-8";
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
