package dev.daylight.agent.text;

/**
 * The one sanitiser for text meant for people and for plain-text logs: every character that could
 * move the cursor, end a line, recolour or reorder what follows (C0 and C1 controls, DEL, Unicode
 * line and paragraph separators, bidi overrides and isolates, zero-width and other format
 * characters, lone surrogates) is written as a visible escape: {@code \n}, {@code \r}, {@code \t},
 * {@code \x1b}, {@code \u202e}. A config file can then neither forge nor hide a line of the output.
 * JSON output is never passed through here: its own escaping keeps it exact.
 *
 * <p>A backslash is kept as it is, so applying this twice changes nothing (a scan child's log line
 * is sanitised in the child and again in the resident's log); what matters is that no control
 * character gets through, not that the escape can be undone.
 */
public final class Visible {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Visible() {}

  /** {@code text} with every control or format character made visible; null stays null. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !escaped(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!escaped(cp)) {
        sb.appendCodePoint(cp);
      } else {
        for (char c : Character.toChars(cp)) {
          escape(sb, c);
        }
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /**
   * {@link #of} of the value's string form ({@code "null"} for null, as string concatenation says).
   */
  public static String of(Object value) {
    return of(String.valueOf(value));
  }

  /** {@link #of}, then cut to {@code max} characters with an ellipsis when longer. */
  public static String clip(String text, int max) {
    String v = of(text);
    if (v == null || v.length() <= max) {
      return v;
    }
    return max <= 1 ? "…".substring(0, Math.max(0, max)) : v.substring(0, max - 1) + "…";
  }

  /**
   * {@link #of} for each line of a multi-line text (a stack trace): its own line breaks and the
   * tabs that indent a line (a trace's frames) stay.
   */
  public static String lines(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    int from = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      int end = nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      line(sb, text.substring(from, end)).append(text, end, nl + 1);
      from = nl + 1;
    }
    return line(sb, text.substring(from)).toString();
  }

  private static StringBuilder line(StringBuilder sb, String line) {
    int indent = 0;
    while (indent < line.length() && line.charAt(indent) == '\t') {
      indent++;
    }
    return sb.append(line, 0, indent).append(of(line.substring(indent)));
  }

  /**
   * Controls, line/paragraph separators, format characters (bidi, zero-width) and lone surrogates.
   */
  private static boolean escaped(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }

  private static void escape(StringBuilder sb, char c) {
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      default -> {
        if (c <= 0xff) {
          sb.append("\\x");
          hex(sb, c, 2);
        } else {
          sb.append("\\u");
          hex(sb, c, 4);
        }
      }
    }
  }

  private static void hex(StringBuilder sb, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(value >> shift) & 0xf]);
    }
  }
}
