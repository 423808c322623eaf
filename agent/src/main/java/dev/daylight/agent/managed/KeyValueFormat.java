package dev.daylight.agent.managed;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code key = value} lines, as admins write {@code agent.conf} and as the MSI's IniFile writes it:
 * {@code #} and {@code ;} comment lines and {@code [section]} headers are skipped, keys are
 * lower-cased, values trimmed and unquoted. The first occurrence of a key wins.
 */
final class KeyValueFormat {
  private KeyValueFormat() {}

  static Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    for (String raw : body.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      values.putIfAbsent(key, unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
