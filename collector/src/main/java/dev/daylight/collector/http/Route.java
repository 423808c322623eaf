package dev.daylight.collector.http;

import java.util.List;
import java.util.Map;

/**
 * One route of the collector: method, path template and who may call it, with what answers it.
 * Templates are literal segments and {@code {name}} segments, each matching one non-empty segment.
 */
record Route(String method, String template, Access access, Handler handler) {

  /** Answers one call; returns the status it sent. */
  @FunctionalInterface
  interface Handler {
    int answer(Call call) throws Exception;
  }

  static Route get(String template, Access access, Handler handler) {
    return new Route("GET", template, access, handler);
  }

  static Route post(String template, Access access, Handler handler) {
    return new Route("POST", template, access, handler);
  }

  static Route put(String template, Access access, Handler handler) {
    return new Route("PUT", template, access, handler);
  }

  /**
   * The template's path variables bound to {@code path}'s segments, or null when it does not match.
   */
  Map<String, String> match(List<String> segments) {
    List<String> parts = Router.segments(template);
    if (parts.size() != segments.size()) {
      return null;
    }
    Map<String, String> vars = Map.of();
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      String s = segments.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        if (s.isEmpty()) {
          return null;
        }
        vars = vars.isEmpty() ? new java.util.HashMap<>() : vars;
        vars.put(p.substring(1, p.length() - 1), s);
      } else if (!p.equals(s)) {
        return null;
      }
    }
    return vars;
  }
}
