package dev.daylight.agent.fingerprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads one source file's tokens and reports the indicators of {@link IndicatorRules}: imports,
 * calls, token sequences, destinations, credential paths, mail recipients and obfuscation. It keeps
 * a small window of recent tokens, never the whole token list, so a 20 MB bundle costs one pass and
 * little memory.
 */
final class CodeReader implements Lexer.Sink {
  private static final int WINDOW = 32;
  private static final java.util.regex.Pattern WRITE_MODE =
      java.util.regex.Pattern.compile("[rbt+]*[wax][rbt+]*");
  private static final int MAX_PER_FILE = 400;
  private static final int MAX_SEEN = 200_000;
  private static final java.util.regex.Pattern TOOL_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*([_-][A-Za-z0-9]+)+");

  private final IndicatorRules rules;
  private final Lexer.Lang lang;
  private final String file;
  private final char[] src;
  private final List<IndicatorRules.Entry> entries;
  private final Map<String, List<Object[]>> sequences;
  private final Destinations destinations;
  private final Snippets snippets;

  private final byte[] kinds = new byte[WINDOW];
  private final String[] texts = new String[WINDOW];
  private final int[] lines = new int[WINDOW];
  private final int[] positions = new int[WINDOW];
  private long count;

  private final Set<String> imports = new HashSet<>();

  /** Python {@code from m import x as y} and {@code import m as y}: y to m.x / m. */
  private final Map<String, String> aliases = new HashMap<>();

  private final Set<String> decodedNames = new HashSet<>();
  private final Set<String> seenStrings = new HashSet<>();

  /** {@code name: "x"} pairs: declared tools when the file also speaks of an input schema. */
  private final List<Object[]> toolNames = new ArrayList<>();

  private boolean sawSchema;
  private boolean pythonToolNext;
  private final List<Watch> watches = new ArrayList<>();

  /** Calls whose entry needs an import; judged at the end, as bundles may import late. */
  private final List<Pending> pending = new ArrayList<>();

  private final Map<String, Indicator> found = new LinkedHashMap<>();
  private final Map<String, Integer> importLines = new LinkedHashMap<>();
  private final PythonImports pyImports = new PythonImports();

  private int hexIdentifiers;
  private int firstHexLine;
  private int arrayRun;
  private int maxArrayRun;
  private int arrayLine;
  private long lastPush = -100;
  private long lastShift = -100;
  private boolean rotation;

  private record Pending(
      IndicatorRules.Entry entry, String subkind, String name, int line, int pos) {}

  private final class Watch {
    final IndicatorRules.Entry entry;
    final String value;
    final int line;
    final int pos;
    final boolean needsImport;
    int depth = 1;
    int left = 24;
    boolean decoded;
    boolean outside;
    boolean writeMode;

    Watch(IndicatorRules.Entry entry, String value, int line, int pos, boolean needsImport) {
      this.entry = entry;
      this.value = value;
      this.line = line;
      this.pos = pos;
      this.needsImport = needsImport;
    }
  }

  CodeReader(IndicatorRules rules, Lexer.Lang lang, String file, char[] src) {
    this.rules = rules;
    this.lang = lang;
    this.file = file;
    this.src = src;
    this.entries = rules.entries(lang);
    this.sequences = IndicatorRules.sequencesByLast(entries);
    this.destinations = new Destinations(rules);
    this.snippets = new Snippets(src);
  }

  static List<Indicator> read(IndicatorRules rules, Lexer.Lang lang, String file, char[] src) {
    CodeReader r = new CodeReader(rules, lang, file, src);
    Lexer.lex(src, lang, r);
    return r.finish();
  }

  @Override
  public void token(byte kind, String text, int length, int line, int pos) {
    int at = (int) (count % WINDOW);
    kinds[at] = kind;
    texts[at] = text;
    lines[at] = line;
    positions[at] = pos;
    count++;
    watch(kind, text);
    if (lang == Lexer.Lang.PYTHON) {
      pyImports.token(kind, text, line);
    }
    switch (kind) {
      case Lexer.STRING -> string(text, length, line, pos);
      case Lexer.IDENT -> ident(text, line);
      default -> punct(text, line, pos);
    }
    List<Object[]> seqs = sequences.get(text);
    if (seqs != null) {
      for (Object[] s : seqs) {
        sequence((IndicatorRules.Entry) s[0], (String[]) s[1], (String) s[2]);
      }
    }
  }

  // --- window access: back(0) is the current token ---

  private String text(int back) {
    return back < count ? texts[(int) ((count - 1 - back) % WINDOW)] : null;
  }

  private byte kind(int back) {
    return back < count ? kinds[(int) ((count - 1 - back) % WINDOW)] : 0;
  }

  private int line(int back) {
    return lines[(int) ((count - 1 - back) % WINDOW)];
  }

  private int pos(int back) {
    return positions[(int) ((count - 1 - back) % WINDOW)];
  }

  private boolean is(int back, byte k, String t) {
    return kind(back) == k && t.equals(text(back));
  }

  private void string(String text, int length, int line, int pos) {
    if (lang == Lexer.Lang.JS) {
      if ((is(1, Lexer.PUNCT, "(")
              && (is(2, Lexer.IDENT, "require") || is(2, Lexer.IDENT, "import")))
          || is(1, Lexer.IDENT, "from")
          || (is(1, Lexer.IDENT, "import") && count > 1)) {
        imported(text, line, pos);
      }
    }
    if (is(1, Lexer.PUNCT, "(")
        && kind(2) == Lexer.IDENT
        && rules.toolCalls.contains(text(2))
        && is(3, Lexer.PUNCT, ".")) {
      add("tool", "declared", text, line, pos);
    } else if (is(1, Lexer.PUNCT, ":")
        && "name".equals(text(2))
        && TOOL_NAME.matcher(text).matches()) {
      toolNames.add(new Object[] {text, line, pos});
    }
    if (rules.toolSchemaWords.contains(text)) {
      sawSchema = true;
    }
    if (is(1, Lexer.PUNCT, ",") && kind(2) == Lexer.STRING) {
      arrayRun++;
      if (arrayRun > maxArrayRun) {
        maxArrayRun = arrayRun;
        arrayLine = line;
      }
    } else {
      arrayRun = 1;
    }
    if (rules.decodeStrings.contains(text)) {
      decoded(line);
    }
    if ("push".equals(text)) {
      lastPush = count;
      rotation |= count - lastShift < 12;
    } else if ("shift".equals(text)) {
      lastShift = count;
      rotation |= count - lastPush < 12;
    }
    if (text.length() > 3 && text.indexOf('@') > 0 && text.length() < 300) {
      recipient(text, line, pos);
    }
    // What a string holds is the same wherever it repeats (bundles repeat most of theirs).
    if (text.length() > 3
        && text.length() < 300
        && (seenStrings.size() > MAX_SEEN || seenStrings.add(text))) {
      destinations.scan(text, (sub, value) -> add("destination", sub, value, line, pos));
      if (rules.mayNameCredentials(text) && rules.anyCredentialPath.matcher(text).find()) {
        for (IndicatorRules.Named c : rules.credentialPaths) {
          if (c.pattern().matcher(text).find()) {
            add("secret-access", "credential-file", c.value(), line, pos);
          }
        }
      }
    }
    if (length >= rules.blobMinLength && blob(text)) {
      add("obfuscation", "encoded-blob", "encoded blob in " + file, line, pos);
    }
  }

  /**
   * A literal after {@code to:}, {@code bcc =}, {@code msg["Bcc"] =} or inside {@code cc: [...]}.
   */
  private void recipient(String text, int line, int pos) {
    Matcher m = Destinations.EMAIL.matcher(text);
    if (!m.find()) {
      return;
    }
    int b = 1;
    while (kind(b) == Lexer.STRING || is(b, Lexer.PUNCT, ",")) {
      b++;
    }
    if (is(b, Lexer.PUNCT, "[") && is(b + 1, Lexer.PUNCT, ":")) {
      b++;
    }
    String key = null;
    if (is(b, Lexer.PUNCT, ":") || (is(b, Lexer.PUNCT, "=") && !is(b + 1, Lexer.PUNCT, "="))) {
      key = text(b + 1);
      if ("]".equals(key) && kind(b + 2) == Lexer.STRING) {
        key = text(b + 2);
      }
    }
    if (key != null && rules.mailRecipientKeys.contains(key.toLowerCase(Locale.ROOT))) {
      do {
        add("destination", "mail-recipient", m.group().toLowerCase(Locale.ROOT), line, pos);
      } while (m.find());
    }
  }

  private boolean blob(String text) {
    for (String prefix : rules.dataUriPrefixes) {
      if (text.startsWith(prefix)) {
        return false;
      }
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean hexOnly = true;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
        hexOnly &= c <= 'F';
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
        hexOnly &= c <= 'f';
      } else if (c != '+' && c != '/' && c != '=' && c != '-' && c != '_' && c != '\\'
          && c != 'x') {
        return false;
      }
    }
    return digit && ((upper && lower) || hexOnly);
  }

  private void ident(String text, int line) {
    if (rules.toolSchemaWords.contains(text)) {
      sawSchema = true;
    }
    if (lang == Lexer.Lang.PYTHON) {
      if ("tool".equals(text)
          && (is(1, Lexer.PUNCT, "@") || (is(1, Lexer.PUNCT, ".") && is(3, Lexer.PUNCT, "@")))) {
        pythonToolNext = true;
      } else if (pythonToolNext && is(1, Lexer.IDENT, "def")) {
        add("tool", "declared", text, line, pos(0));
        pythonToolNext = false;
      }
    }
    if (text.startsWith("_0x") && rules.hexIdentifier.matcher(text).matches()) {
      if (hexIdentifiers++ == 0) {
        firstHexLine = line;
      }
    }
    if ("push".equals(text)) {
      lastPush = count;
      rotation |= count - lastShift < 12;
    } else if ("shift".equals(text)) {
      lastShift = count;
      rotation |= count - lastPush < 12;
    }
  }

  private void punct(String text, int line, int pos) {
    if (!"(".equals(text)) {
      return;
    }
    int nameAt =
        kind(1) == Lexer.IDENT ? 1 : is(1, Lexer.PUNCT, ")") && kind(2) == Lexer.IDENT ? 2 : -1;
    if (nameAt < 0) {
      return;
    }
    String name = text(nameAt);
    if (rules.decodeCalls.contains(name)) {
      decoded(line);
    }
    boolean member = is(nameAt + 1, Lexer.PUNCT, ".");
    String dotted =
        member && kind(nameAt + 2) == Lexer.IDENT
            ? resolve(text(nameAt + 2)) + "." + name
            : aliases.getOrDefault(name, null);
    String longer =
        member
                && kind(nameAt + 2) == Lexer.IDENT
                && is(nameAt + 3, Lexer.PUNCT, ".")
                && kind(nameAt + 4) == Lexer.IDENT
            ? resolve(text(nameAt + 4)) + "." + dotted
            : null;
    int callLine = line(nameAt);
    int callPos = pos(nameAt);
    for (IndicatorRules.Entry e : entries) {
      if (e.plainCalls().contains(name)) {
        call(e, name, callLine, callPos, !e.requires().isEmpty());
      } else if (dotted != null && e.dottedCalls().contains(dotted)) {
        call(e, dotted, callLine, callPos, false);
      } else if (longer != null && e.dottedCalls().contains(longer)) {
        call(e, longer, callLine, callPos, false);
      } else if (!member && e.writeMode().contains(name)) {
        call(e, name, callLine, callPos, false);
      }
    }
  }

  private String resolve(String receiver) {
    return aliases.getOrDefault(receiver, receiver);
  }

  private void call(IndicatorRules.Entry e, String value, int line, int pos, boolean needsImport) {
    if (e.watch()) {
      watches.add(new Watch(e, value, line, pos, needsImport));
    } else {
      settle(e, e.subkind() != null ? e.subkind() : "call", value, line, pos, needsImport);
    }
  }

  private void settle(
      IndicatorRules.Entry e,
      String subkind,
      String value,
      int line,
      int pos,
      boolean needsImport) {
    if (needsImport) {
      pending.add(new Pending(e, subkind, value, line, pos));
    } else {
      add(e.kind(), subkind, value, line, pos);
    }
  }

  private void watch(byte kind, String text) {
    if (watches.isEmpty()) {
      return;
    }
    for (int k = watches.size() - 1; k >= 0; k--) {
      Watch w = watches.get(k);
      if (kind == Lexer.PUNCT) {
        if ("(".equals(text)) {
          w.depth++;
        } else if (")".equals(text)) {
          w.depth--;
        }
      } else {
        w.decoded |=
            decodedNames.contains(text)
                || rules.decodeCalls.contains(text)
                || (kind == Lexer.STRING && rules.decodeStrings.contains(text));
        for (String marker : rules.outsideMarkers) {
          if (kind == Lexer.IDENT ? marker.equals(text) : text.contains(marker)) {
            w.outside = true;
            break;
          }
        }
        w.writeMode |= kind == Lexer.STRING && WRITE_MODE.matcher(text).matches();
      }
      // The watch was opened on its call's "(": that token is not an argument.
      if (--w.left <= 0 || w.depth <= 0) {
        watches.remove(k);
        close(w);
      }
    }
  }

  private void close(Watch w) {
    IndicatorRules.Entry e = w.entry;
    String subkind;
    switch (e.kind()) {
      case "fs-write" -> {
        if (!e.writeMode().isEmpty() && !w.writeMode) {
          return;
        }
        subkind = w.outside ? "outside-package" : "write";
      }
      case "exec", "dynamic-code" -> subkind = w.decoded ? "decoded-payload" : "call";
      default -> subkind = e.subkind() != null ? e.subkind() : "call";
    }
    settle(e, subkind, w.value, w.line, w.pos, w.needsImport);
  }

  /** A decode call or encoding name: the name the statement assigns holds decoded data. */
  private void decoded(int line) {
    for (int b = 1; b < Math.min(16, count); b++) {
      if (is(b, Lexer.PUNCT, "=")
          && !is(b + 1, Lexer.PUNCT, "=")
          && !is(b - 1, Lexer.PUNCT, "=")
          && kind(b + 1) == Lexer.IDENT) {
        decodedNames.add(text(b + 1));
        return;
      }
    }
  }

  private void sequence(IndicatorRules.Entry e, String[] seq, String words) {
    int n = seq.length;
    if (count < n) {
      return;
    }
    for (int k = 0; k < n; k++) {
      String want = seq[n - 1 - k];
      if (k == n - 1 && want.startsWith("^")) {
        want = want.substring(1);
      }
      int back = k;
      if (want.equals("*")) {
        continue;
      }
      boolean literal = want.startsWith("'") && want.length() > 1;
      String t = text(back);
      if (literal
          ? kind(back) != Lexer.STRING || !want.substring(1).equals(t)
          : !want.equals(t) || kind(back) == Lexer.STRING) {
        return;
      }
    }
    if (seq[0].startsWith("^") && is(n, Lexer.PUNCT, ".")) {
      return;
    }
    String value = e.value() != null ? e.value() : words;
    int line = line(n - 1);
    int pos = pos(n - 1);
    if (e.watch() && "(".equals(seq[n - 1])) {
      watches.add(new Watch(e, value, line, pos, false));
    } else {
      add(e.kind(), e.subkind() != null ? e.subkind() : "call", value, line, pos);
    }
  }

  static String words(String[] seq) {
    StringBuilder b = new StringBuilder();
    for (String raw : seq) {
      String s = raw.startsWith("^") ? raw.substring(1) : raw;
      if (!s.isEmpty()
          && (Character.isLetterOrDigit(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == '.')) {
        b.append(b.length() == 0 || s.startsWith(".") ? "" : " ").append(s);
      }
    }
    return b.toString();
  }

  void imported(String module, int line, int pos) {
    if (module.isEmpty() || module.length() > 200) {
      return;
    }
    imports.add(module);
    importLines.putIfAbsent(module, line);
    if (!module.startsWith(".") && !module.startsWith("/")) {
      add("import", "module", packageOf(module), line, pos);
    }
  }

  /**
   * The package an import names: {@code @scope/name} or {@code name} for JS (no {@code node:}), the
   * dotted module for Python.
   */
  private String packageOf(String module) {
    if (lang == Lexer.Lang.PYTHON) {
      return module;
    }
    String m = module.startsWith("node:") ? module.substring(5) : module;
    String[] parts = m.split("/");
    return m.startsWith("@") && parts.length > 1 ? parts[0] + "/" + parts[1] : parts[0];
  }

  private void add(String kind, String subkind, String value, int line, int pos) {
    String key = kind + "|" + subkind + "|" + value;
    if (found.size() < MAX_PER_FILE && !found.containsKey(key)) {
      found.put(key, new Indicator(kind, subkind, value, file, line, snippets.around(pos)));
    }
  }

  List<Indicator> finish() {
    pyImports.end();
    for (Watch w : List.copyOf(watches)) {
      close(w);
    }
    watches.clear();
    Set<IndicatorRules.Entry> called = new HashSet<>();
    for (Pending p : pending) {
      String module =
          p.entry().requires().stream().filter(imports::contains).sorted().findFirst().orElse(null);
      if (module != null) {
        called.add(p.entry());
        add(
            p.entry().kind(),
            p.subkind(),
            module.replaceFirst("^node:", "") + "." + p.name(),
            p.line(),
            p.pos());
      }
    }
    for (IndicatorRules.Entry e : entries) {
      for (String m : e.imports()) {
        if (imports.contains(m) && !called.contains(e)) {
          int line = importLines.get(m);
          add(
              e.kind(),
              e.subkind() != null ? e.subkind() : "import",
              m.replaceFirst("^node:", ""),
              line,
              snippets.lineStart(line));
        }
      }
    }
    boolean loader =
        (hexIdentifiers >= rules.hexIdentifierMin
                && (maxArrayRun >= rules.stringArrayMin || rotation))
            || (maxArrayRun >= rules.stringArrayMin && rotation);
    if (loader) {
      int line = maxArrayRun >= rules.stringArrayMin ? arrayLine : firstHexLine;
      add(
          "obfuscation",
          "string-array-loader",
          "string-array loader in " + file,
          line,
          snippets.lineStart(line));
    }
    if (sawSchema) {
      for (Object[] t : toolNames) {
        add("tool", "declared", (String) t[0], (Integer) t[1], (Integer) t[2]);
      }
    }
    // An address that is a mail recipient is reported as that, not also as a plain address.
    found
        .keySet()
        .removeIf(
            k ->
                k.startsWith("destination|email|")
                    && found.containsKey(
                        "destination|mail-recipient|"
                            + k.substring("destination|email|".length())));
    return List.copyOf(found.values());
  }

  /**
   * Python's {@code import a.b as c} and {@code from a import b as c}, read off the token stream.
   */
  private final class PythonImports {
    private int state;
    private int stmtLine;
    private int parens;
    private final StringBuilder module = new StringBuilder();
    private String from;
    private String lastName;
    private boolean asNext;

    void token(byte kind, String text, int line) {
      if (state != 0 && line != stmtLine && parens == 0) {
        end();
      }
      boolean startOfStatement = count == 1 || line(1) != line || is(1, Lexer.PUNCT, ";");
      if (kind == Lexer.IDENT && text.equals("from") && startOfStatement) {
        state = 1;
        stmtLine = line;
        module.setLength(0);
        return;
      }
      if (kind == Lexer.IDENT && text.equals("import") && (state == 1 || startOfStatement)) {
        from = state == 1 ? module.toString() : null;
        if (from != null) {
          imported(from, line, pos(0));
        }
        state = 2;
        stmtLine = line;
        module.setLength(0);
        return;
      }
      if (state == 0) {
        return;
      }
      stmtLine = line;
      if (kind == Lexer.PUNCT && "(".equals(text)) {
        parens++;
      } else if (kind == Lexer.PUNCT && ")".equals(text)) {
        parens--;
      } else if (state == 1) {
        module.append(text);
      } else if (kind == Lexer.IDENT && text.equals("as")) {
        asNext = true;
      } else if (kind == Lexer.PUNCT && ",".equals(text)) {
        name(line);
      } else if (asNext && kind == Lexer.IDENT) {
        alias(text);
        asNext = false;
      } else if (kind == Lexer.IDENT || ".".equals(text)) {
        module.append(text);
        lastName = module.toString();
      }
    }

    private void alias(String as) {
      String target = module.toString();
      aliases.put(as, from != null ? from + "." + target : target);
      imported(from != null ? from + "." + target : target, stmtLine, pos(0));
      module.setLength(0);
      lastName = null;
    }

    private void name(int line) {
      if (lastName != null && !lastName.isEmpty()) {
        if (from != null) {
          aliases.putIfAbsent(lastName, from + "." + lastName);
          imported(from + "." + lastName, line, pos(0));
        } else {
          imported(lastName, line, pos(0));
        }
      }
      module.setLength(0);
      lastName = null;
    }

    private void end() {
      if (state == 2) {
        name(stmtLine);
      }
      state = 0;
      parens = 0;
      asNext = false;
    }
  }
}
