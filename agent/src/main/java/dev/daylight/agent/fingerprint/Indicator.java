package dev.daylight.agent.fingerprint;

/**
 * One thing a package's code or manifest can do or reach, where it was seen.
 *
 * @param kind {@code destination}, {@code install-script}, {@code exec}, {@code dynamic-code},
 *     {@code network}, {@code listener}, {@code secret-access}, {@code fs-write}, {@code
 *     dependency}, {@code obfuscation}
 * @param subkind the finer kind: {@code url}, {@code mail-recipient}, {@code chat-webhook}, {@code
 *     postinstall}, {@code decoded-payload}, {@code env-bulk}, {@code lookalike}, ...
 * @param value what identifies it across versions: a host, an address, a module, a hook's text
 * @param file path relative to the package root, with {@code /} separators
 * @param line 1-based line
 * @param text the line around it, cut and with secrets redacted
 */
public record Indicator(
    String kind, String subkind, String value, String file, int line, String text) {
  /** Two versions share an indicator when kind, subkind and value agree; where it sits may move. */
  public String identity() {
    return kind + "|" + subkind + "|" + value;
  }
}
