package dev.daylight.collector.http;

/**
 * Replaces each JSON escape of U+0000 in a request body with one of U+FFFD, in place, before the
 * body is read. PostgreSQL refuses NUL in text and its escape in jsonb: a config file's key with a
 * NUL in it would fail its report on every retry and hold back every later report of that device.
 * U+FFFD keeps the rest of the string (the name stays recognisable) and, being an escape of the
 * same length, leaves every byte offset as it was (event bodies are sliced from the body by
 * offset). A raw NUL byte is not valid JSON and is refused by the parser.
 */
final class NulEscapes {
  private NulEscapes() {}

  static void replace(byte[] body) {
    int i = 0;
    while (i < body.length) {
      if (body[i] != '\\') {
        i++;
        continue;
      }
      int run = i;
      while (run < body.length && body[run] == '\\') {
        run++;
      }
      // Backslashes pair up as escaped backslashes; only an odd run's last one starts an escape.
      if ((run - i) % 2 == 1 && isNulEscape(body, run)) {
        body[run + 1] = 'F';
        body[run + 2] = 'F';
        body[run + 3] = 'F';
        body[run + 4] = 'D';
      }
      i = run;
    }
  }

  /** {@code u0000} at {@code at} (the escape after its backslash). */
  private static boolean isNulEscape(byte[] b, int at) {
    return at + 4 < b.length
        && b[at] == 'u'
        && b[at + 1] == '0'
        && b[at + 2] == '0'
        && b[at + 3] == '0'
        && b[at + 4] == '0';
  }
}
