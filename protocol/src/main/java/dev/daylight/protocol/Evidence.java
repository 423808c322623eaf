package dev.daylight.protocol;

/**
 * Where something was seen: a file and line, or another kind of trace.
 *
 * @param kind {@code file}, {@code process}, {@code port}, {@code extension}, {@code app}, {@code
 *     uninstall-entry}, {@code path}; for a capability also {@code host}, {@code tool-call}, {@code
 *     known-package}
 * @param file path of the file, when the evidence is in one
 * @param line 1-based line, or null
 * @param text the offending value or a description, secrets redacted
 */
public record Evidence(String kind, String file, Integer line, String text) {
  public static Evidence file(String file, Integer line, String text) {
    return new Evidence("file", file, line, text);
  }
}
