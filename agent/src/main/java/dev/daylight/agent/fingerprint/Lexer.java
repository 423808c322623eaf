package dev.daylight.agent.fingerprint;

/**
 * Splits JavaScript/TypeScript or Python source into identifiers, string literals and single
 * punctuation characters, with 1-based lines, skipping comments. It does not parse, so it never
 * fails on syntax it does not know (TypeScript, JSX, a newer language version, a minified bundle);
 * a quoted string ends at its line's end, so a misread regular expression cannot swallow a file. No
 * parser library is used for the same reason: the ones for Java reject TypeScript and Python alike,
 * and a reader of untrusted packages must read everything it is given.
 */
final class Lexer {
  enum Lang {
    JS,
    PYTHON
  }

  static final byte IDENT = 1;
  static final byte STRING = 2;
  static final byte PUNCT = 3;

  /** Longest string text handed on; longer literals keep their full length in {@code length}. */
  static final int MAX_TEXT = 2048;

  /** Punctuation tokens share these strings instead of allocating one per character. */
  private static final String[] ASCII = new String[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = String.valueOf(c).intern();
    }
  }

  interface Sink {
    /** {@code pos} is the token's offset in the source, for the evidence snippet. */
    void token(byte kind, String text, int length, int line, int pos);
  }

  private final char[] s;
  private final int n;
  private final Lang lang;
  private final Sink sink;
  private int i;
  private int line = 1;

  /** Kind and text of the previous token, to tell a JS regular expression from a division. */
  private byte prevKind;

  private String prevText = "";

  private Lexer(char[] s, Lang lang, Sink sink) {
    this.s = s;
    this.n = s.length;
    this.lang = lang;
    this.sink = sink;
  }

  static void lex(char[] source, Lang lang, Sink sink) {
    new Lexer(source, lang, sink).run();
  }

  private void run() {
    while (i < n) {
      char c = s[i];
      if (c == '\n') {
        line++;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (lang == Lang.PYTHON && c == '#') {
        skipToLineEnd();
      } else if (lang == Lang.JS && c == '/' && i + 1 < n && s[i + 1] == '/') {
        skipToLineEnd();
      } else if (lang == Lang.JS && c == '/' && i + 1 < n && s[i + 1] == '*') {
        blockComment();
      } else if (lang == Lang.JS && c == '/' && regexAllowed()) {
        regex();
      } else if (c == '"' || c == '\'' || (c == '`' && lang == Lang.JS)) {
        string(i, i);
      } else if (identStart(c)) {
        ident();
      } else if (c >= '0' && c <= '9') {
        number();
      } else {
        emit(PUNCT, c < 128 ? ASCII[c] : String.valueOf(c), 1, i);
        i++;
      }
    }
  }

  private void skipToLineEnd() {
    while (i < n && s[i] != '\n') {
      i++;
    }
  }

  private void blockComment() {
    i += 2;
    while (i < n && !(s[i] == '*' && i + 1 < n && s[i + 1] == '/')) {
      if (s[i] == '\n') {
        line++;
      }
      i++;
    }
    i = Math.min(n, i + 2);
  }

  private boolean regexAllowed() {
    if (prevKind == 0) {
      return true;
    }
    if (prevKind == PUNCT) {
      char p = prevText.charAt(0);
      return p != ')' && p != ']' && p != '}';
    }
    if (prevKind == IDENT) {
      return switch (prevText) {
        case "return",
            "typeof",
            "case",
            "do",
            "else",
            "in",
            "of",
            "new",
            "delete",
            "void",
            "throw",
            "instanceof",
            "yield",
            "await" ->
            true;
        default -> false;
      };
    }
    return false;
  }

  private void regex() {
    int start = i++;
    boolean inClass = false;
    while (i < n && s[i] != '\n') {
      char c = s[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        i++;
        break;
      }
      i++;
    }
    while (i < n && Character.isLetter(s[i])) {
      i++;
    }
    prevKind = STRING;
    prevText = "";
    if (i <= start) {
      i = start + 1;
    }
  }

  /**
   * A quoted literal from {@code quoteAt}; {@code tokenAt} includes a Python prefix such as {@code
   * rb}.
   */
  private void string(int tokenAt, int quoteAt) {
    char q = s[quoteAt];
    boolean triple =
        lang == Lang.PYTHON && quoteAt + 2 < n && s[quoteAt + 1] == q && s[quoteAt + 2] == q;
    int startLine = line;
    i = quoteAt + (triple ? 3 : 1);
    int from = i;
    int to;
    int depth = 0;
    while (true) {
      if (i >= n) {
        to = n;
        break;
      }
      char c = s[i];
      if (c == '\\') {
        if (i + 1 < n && s[i + 1] == '\n') {
          line++;
        }
        i += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple && q != '`') {
          to = i;
          break;
        }
        line++;
      }
      if (q == '`') {
        if (c == '$' && i + 1 < n && s[i + 1] == '{') {
          depth++;
          i += 2;
          continue;
        }
        if (depth > 0 && c == '{') {
          depth++;
        } else if (depth > 0 && c == '}') {
          depth--;
        } else if (depth == 0 && c == '`') {
          to = i++;
          break;
        }
      } else if (c == q && (!triple || (i + 2 < n && s[i + 1] == q && s[i + 2] == q))) {
        to = i;
        i += triple ? 3 : 1;
        break;
      }
      i++;
    }
    int len = Math.max(0, Math.min(to, n) - from);
    String text = new String(s, from, Math.min(len, MAX_TEXT));
    sink.token(STRING, text, len, startLine, tokenAt);
    prevKind = STRING;
    prevText = "";
  }

  private void ident() {
    int start = i;
    while (i < n && identPart(s[i])) {
      i++;
    }
    if (lang == Lang.PYTHON
        && i - start <= 2
        && i < n
        && (s[i] == '"' || s[i] == '\'')
        && prefix(start, i)) {
      string(start, i);
      return;
    }
    emit(IDENT, new String(s, start, i - start), i - start, start);
  }

  private boolean prefix(int from, int to) {
    for (int k = from; k < to; k++) {
      if ("rRbBuUfF".indexOf(s[k]) < 0) {
        return false;
      }
    }
    return true;
  }

  private void number() {
    while (i < n && (identPart(s[i]) || s[i] == '.')) {
      i++;
    }
    prevKind = IDENT;
    prevText = "0";
  }

  private void emit(byte kind, String text, int length, int pos) {
    sink.token(kind, text, length, line, pos);
    prevKind = kind;
    prevText = text;
  }

  private static boolean identStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean identPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
