package dev.daylight.agent.export;

import dev.daylight.protocol.McpServer;
import java.nio.charset.StandardCharsets;

/** Small renderings several formats share. */
final class Formats {
  private Formats() {}

  /** The launch line as configured; arguments are already redacted where they held secrets. */
  static String commandLine(McpServer s) {
    if (s.command() == null) {
      return s.url();
    }
    return s.args().isEmpty() ? s.command() : s.command() + " " + String.join(" ", s.args());
  }

  /**
   * A URL as a valid IRI reference: the characters RFC 3987 never allows (the {@code <} and {@code
   * >} of a {@code <redacted>} mark, spaces, quotes, braces, controls) percent-encoded.
   */
  static String iri(String url) {
    StringBuilder out = new StringBuilder(url.length() + 16);
    url.codePoints()
        .forEach(
            cp -> {
              if (cp <= 0x20 || Character.isISOControl(cp) || "<>\"{}|\\^`".indexOf(cp) >= 0) {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(String.format("%02X", b & 0xff));
                }
              } else {
                out.appendCodePoint(cp); // non-ASCII letters are allowed in an IRI as they are
              }
            });
    return out.toString();
  }

  static boolean hasCredentials(McpServer s) {
    return !s.envKeys().isEmpty() || !s.headerKeys().isEmpty() || !s.secretFingerprints().isEmpty();
  }
}
