package dev.daylight.agent.fingerprint;

import dev.daylight.agent.secrets.Redactor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence text of an indicator: its line, or 80 characters either side in a long (minified)
 * line, with known token shapes, URL userinfo ({@code postgres://admin:pw@db}), query and fragment
 * values and token-like URL path segments (a chat webhook's secret) replaced by marks.
 */
final class Snippets {
  private static final int SIDE = 80;
  private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'`]+");

  /** No device key: evidence quotes code, its marks need not tell two secrets apart. */
  private static final Redactor URLS = Redactor.withKey(Optional.empty());

  private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&\\s'\"`]+=)[^&\\s'\"`]+");
  private static final Pattern TOKEN_SEGMENT =
      Pattern.compile(
          "(?<=/)(?=[A-Za-z0-9_:-]*[0-9])(?=[A-Za-z0-9_:-]*[A-Za-z])[A-Za-z0-9_:-]{16,}");

  private final char[] src;

  Snippets(char[] src) {
    this.src = src;
  }

  String around(int pos) {
    int p = Math.max(0, Math.min(pos, src.length));
    int start = p;
    while (start > 0 && src[start - 1] != '\n' && p - start < SIDE) {
      start--;
    }
    int end = p;
    while (end < src.length && src[end] != '\n' && end - p < SIDE) {
      end++;
    }
    return redact(new String(src, start, end - start).strip());
  }

  /** Offset of a 1-based line's first character. */
  int lineStart(int line) {
    int l = 1;
    for (int k = 0; k < src.length && l < line; k++) {
      if (src[k] == '\n') {
        l++;
        if (l == line) {
          return k + 1;
        }
      }
    }
    return 0;
  }

  static String redact(String text) {
    // The configs' URL redaction, so a connection string in code loses its password the same way.
    String t =
        URL.matcher(text)
            .replaceAll(m -> Matcher.quoteReplacement(URLS.forServer().url(m.group())));
    t = QUERY_VALUE.matcher(t).replaceAll("$1" + Redactor.PLAIN_MARK);
    t = TOKEN_SEGMENT.matcher(t).replaceAll(Redactor.PLAIN_MARK);
    return Redactor.scrub(t);
  }
}
