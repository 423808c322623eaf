package dev.daylight.collector.http;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.Cursor;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request on its way through its route: path variables, query, body, the caller, the clock. */
final class Call {
  static final int BODY_CAP = 4 * 1024 * 1024;

  final Request request;
  final Response response;
  final Callback callback;

  /** When the request arrived, in epoch milliseconds (the services' clock). */
  final long now;

  private final Map<String, String> vars;
  private final String node;
  private Fields query;

  Call(
      Request request,
      Response response,
      Callback callback,
      long now,
      Map<String, String> vars,
      String node) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.now = now;
    this.vars = vars;
    this.node = node;
  }

  /** The path variable {@code name} of the route's template. */
  String var(String name) {
    return noNul(name, vars.get(name));
  }

  /** The enrolled node that called (routes with {@link Access#NODE} only). */
  String node() {
    return node;
  }

  String param(String name) {
    if (query == null) {
      query = Request.extractQueryParameters(request);
    }
    return noNul(name, query.getValue(name));
  }

  /** PostgreSQL refuses NUL in text: a NUL in a search or an id is refused here, not there. */
  private static String noNul(String name, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw ApiException.badRequest(name + " must not contain NUL");
    }
    return value;
  }

  long longParam(String name, long fallback) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a number");
    }
  }

  /** The page size asked for, within the lists' bounds. */
  int limit() {
    return (int) Math.min(Math.max(longParam("limit", Cursor.DEFAULT_LIMIT), 1), Cursor.MAX_LIMIT);
  }

  String cursor() {
    return param("cursor");
  }

  /** The named query parameters that are present and not blank. */
  Map<String, String> filter(String... names) {
    Map<String, String> out = new HashMap<>();
    for (String k : names) {
      String v = param(k);
      if (v != null && !v.isBlank()) {
        out.put(k, v);
      }
    }
    return out;
  }

  /** The JSON body as {@code type}; too large or not JSON is a 4xx before anything is written. */
  <T> T body(Class<T> type) throws java.io.IOException {
    return body(type, BODY_CAP);
  }

  /** As {@link #body(Class)}, with a smaller cap for a route that anyone may call. */
  <T> T body(Class<T> type, int cap) throws java.io.IOException {
    return HttpIo.json(HttpIo.body(request, cap), type);
  }

  <T> T body(HttpIo.Parser<T> parser) throws java.io.IOException {
    return HttpIo.json(HttpIo.body(request, BODY_CAP), parser);
  }

  int json(int status, Object body) {
    HttpIo.sendJson(response, status, body, callback);
    return status;
  }

  int ok(Object body) {
    return json(200, body);
  }
}
