package dev.daylight.agent.secrets;

import dev.daylight.agent.resolve.ShellWords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts one server's values and records a fingerprint for each literal secret it saw, keyed by
 * where it sat: {@code env.NAME}, {@code header.NAME}, {@code arg.N} (0-based index into the
 * server's args), {@code url.query.NAME}, {@code url.fragment.NAME} (a value in the fragment, as
 * OAuth's {@code #access_token=}), {@code url.userinfo}, {@code url.path} (a token in the URL
 * path), {@code command} (a token inside the command). References such as {@code ${env:X}} get no
 * entry: they are not secrets written into the file.
 */
public final class ServerSecrets {
  private static final Pattern URL_IN_TEXT =
      Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"']+");
  private static final Pattern ASSIGNMENT_KEY =
      Pattern.compile("(?:\\$env:)?[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEADER_ARG = Pattern.compile("^([A-Za-z0-9-]+)\\s*:\\s*(.+)$");

  /** {@code a=1&token=x}: a query string passed as one argument. */
  private static final Pattern QUERY_ARG =
      Pattern.compile("^[^=&\\s/]+=[^&\\s]*(?:&[^=&\\s]+=[^&\\s]*)+$");

  /**
   * What an ambiguous short flag such as {@code -p} takes when it is not a password: a port or a
   * port mapping ({@code docker -p 8080:80}), a path, or the next flag.
   */
  private static final Pattern PORTISH =
      Pattern.compile("^(?:[0-9]+(?:[:/][0-9A-Za-z.:/-]*)?|[/~.\\\\].*|[A-Za-z]:[/\\\\].*|-.*)$");

  /**
   * {@code Server=db;User ID=sa;Password=x;}: two or more {@code KEY=VALUE} pairs split by
   * semicolons, as ADO.NET, ODBC and JDBC property strings are written. A key is a name of at most
   * four words and no flags, so a shell line ({@code export A=1; mysql -pX --host=db}) is not one.
   */
  private static final String CONNECTION_KEY =
      "[A-Za-z][A-Za-z0-9_.]*(?: [A-Za-z][A-Za-z0-9_.]*){0,3}";

  private static final Pattern CONNECTION_STRING =
      Pattern.compile(
          "^\\s*" + CONNECTION_KEY + "=[^;]*(?:;\\s*" + CONNECTION_KEY + "=[^;]*)+;?\\s*$");

  /**
   * JSON passed as one argument is parsed only up to this size; larger is left to the other rules.
   */
  private static final int MAX_JSON_ARG = 64 * 1024;

  private static final SecretPaths PATHS = SecretPaths.builtIn();

  private final Redactor redactor;
  private final SecretRules rules;
  private final Map<String, String> fingerprints = new LinkedHashMap<>();

  /** The mark of the last literal secret redacted inside the current arg, or null. */
  private String secretMark;

  ServerSecrets(Redactor redactor, SecretRules rules) {
    this.redactor = redactor;
    this.rules = rules;
  }

  /** Env values never leave; literal secret-looking ones leave a fingerprint. */
  public void env(String name, String value) {
    if (literalSecret(name, value)) {
      fingerprints.put("env." + name, redactor.mark(value));
    }
  }

  /** Header values never leave; literal secret-looking ones leave a fingerprint. */
  public void header(String name, String value) {
    if (literalSecret(name, value)) {
      fingerprints.put("header." + name, redactor.mark(value));
    }
  }

  /** The URL with userinfo and every query and fragment value replaced by marks. */
  public String url(String url) {
    if (url == null) {
      return null;
    }
    String red = redactUrl(url, "url", true);
    // Some services put the key in the path (https://host/mcp/sk-.../sse).
    int[] span = rules.firstSecretSpan(red);
    if (span != null && !red.substring(span[0], span[1]).startsWith("<redacted")) {
      String mark = secret(red.substring(span[0], span[1]));
      fingerprints.put("url.path", mark);
      red = red.substring(0, span[0]) + mark + red.substring(span[1]);
    }
    return red;
  }

  /**
   * Args with token-looking values (and URL userinfo, query and fragment values) replaced by marks.
   */
  public List<String> args(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    boolean nextIsSecret = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      secretMark = null;
      String red = nextIsSecret && !rules.reference(arg) ? secret(arg) : redactArg(arg);
      if (secretMark != null) {
        fingerprints.put("arg." + i, secretMark);
      }
      out.add(red);
      nextIsSecret = takesSecret(arg, i + 1 < args.size() ? args.get(i + 1) : null);
    }
    return out;
  }

  /**
   * Whether {@code next} is the secret value of the flag {@code word}: --token X, --password X; -p
   * X unless X is a port or a port mapping (docker -p 8080:80) or a path; -u USER:PASSWORD.
   */
  private boolean takesSecret(String word, String next) {
    if (!word.startsWith("-") || word.contains("=")) {
      return false;
    }
    if (rules.secretKey(word)) {
      return true;
    }
    if (next == null || PORTISH.matcher(next).matches()) {
      return false;
    }
    return rules.secretFlag(word) || rules.credentialFlag(word) && credentials(next);
  }

  /** {@code USER:PASSWORD}, not a URL. */
  private static boolean credentials(String value) {
    return value.indexOf(':') > 0 && !value.contains("://");
  }

  /** A command string with any embedded token replaced; a command is never a secret as a whole. */
  public String command(String command) {
    if (command == null) {
      return null;
    }
    int[] span = rules.firstSecretSpan(command);
    if (span == null) {
      return command;
    }
    fingerprints.put("command", redactor.mark(command.substring(span[0], span[1])));
    return command.substring(0, span[0])
        + redactor.mark(command.substring(span[0], span[1]))
        + command(command.substring(span[1]));
  }

  public Map<String, String> fingerprints() {
    // In the order they were found: Map.copyOf's order changes from one JVM to the next.
    return Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
  }

  private boolean literalSecret(String name, String value) {
    return value != null
        && !rules.reference(value)
        && (rules.secretKey(name) || rules.secretValue(value));
  }

  private String whole(String value) {
    return redactor.mark(value);
  }

  private String secret(String value) {
    secretMark = redactor.mark(value);
    return secretMark;
  }

  private String redactArg(String arg) {
    if (rules.reference(arg)) {
      return arg;
    }
    // JSON in one argument is judged value by value, before a space could split it into shell
    // words.
    if ((arg.startsWith("{") || arg.startsWith("[")) && arg.length() <= MAX_JSON_ARG) {
      String json = JsonArg.redact(arg, this);
      if (json != null) {
        return json;
      }
    }
    if (CONNECTION_STRING.matcher(arg).matches()) {
      return connectionString(arg);
    }
    if (arg.indexOf(' ') > 0 && !HEADER_ARG.matcher(arg).matches()) {
      return shellLine(arg);
    }
    return redactWord(arg);
  }

  /** Each {@code KEY=VALUE} pair judged by its key; the other values as arguments of their own. */
  private String connectionString(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String sep = "";
    for (String pair : text.split(";", -1)) {
      out.append(sep);
      sep = ";";
      int eq = pair.indexOf('=');
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (eq < 0 || value.isBlank() || rules.reference(value.trim())) {
        out.append(pair);
      } else {
        // A key of several words is judged word by word too: it is text the pattern let through.
        String key = pair.substring(0, eq);
        out.append(key.trim().indexOf(' ') > 0 ? shellLine(key) : key).append('=');
        out.append(rules.connectionKey(key.trim()) ? secret(value) : redactWord(value));
      }
    }
    return out.toString();
  }

  /**
   * A whole shell line in one arg ({@code bash -c "TOKEN=ghp_... docker run ..."}): each word is
   * judged as an arg of its own, so only a secret value is replaced and the rest of the line stays
   * readable. A command substitution ({@code TOKEN="$(op read op://v/i)"}) fetches a secret at run
   * time; it is not one.
   */
  private String shellLine(String line) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    boolean nextIsSecret = false;
    List<ShellWords.Word> words = ShellWords.words(line);
    for (int i = 0; i < words.size(); i++) {
      ShellWords.Word w = words.get(i);
      String raw = line.substring(w.start(), w.end());
      String red;
      if (substitution(w.text())) {
        red = raw;
      } else if (nextIsSecret && !rules.reference(w.text())) {
        red = secret(raw);
      } else {
        red = raw.equals(w.text()) ? redactWord(raw) : redactQuoted(raw, w.text());
      }
      out.append(line, at, w.start()).append(red);
      at = w.end();
      // The same flag rules as for args: mysql -p PW, sshpass -p PW, curl -u USER:PW.
      nextIsSecret = takesSecret(w.text(), i + 1 < words.size() ? words.get(i + 1).text() : null);
    }
    return out.append(line.substring(at)).toString();
  }

  /**
   * A quoted word ({@code KEY="value"}, {@code 'value'}) keeps its quotes; only a secret inside is
   * replaced.
   */
  private String redactQuoted(String raw, String text) {
    int eq = text.indexOf('=');
    if (eq > 0
        && ASSIGNMENT_KEY.matcher(text.substring(0, eq)).matches()
        && substitution(text.substring(eq + 1))) {
      return raw;
    }
    String red = redactWord(text);
    return red.equals(text) ? raw : red;
  }

  private static boolean substitution(String text) {
    int eq = text.indexOf('=');
    String value =
        eq > 0 && ASSIGNMENT_KEY.matcher(text.substring(0, eq)).matches()
            ? text.substring(eq + 1)
            : text;
    return (value.startsWith("$(") && value.endsWith(")"))
        || (value.length() > 1 && value.startsWith("`") && value.endsWith("`"));
  }

  private String redactWord(String arg) {
    if (rules.reference(arg)) {
      return arg;
    }
    if (QUERY_ARG.matcher(arg).matches()) {
      return queryArg(arg);
    }
    if (CONNECTION_STRING.matcher(arg).matches()) {
      return connectionString(arg);
    }
    String attached = rules.attachedSecret(arg);
    if (attached != null && !PORTISH.matcher(attached).matches() && !rules.reference(attached)) {
      return arg.substring(0, arg.length() - attached.length()) + secret(attached);
    }
    int eq = arg.indexOf('=');
    if (eq > 0 && (!arg.contains("://") || arg.indexOf("://") > eq)) {
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      boolean secretKey =
          rules.secretKey(key)
              || (rules.secretFlag(key) || rules.credentialFlag(key) && credentials(value))
                  && !PORTISH.matcher(value).matches();
      if (secretKey && !value.isEmpty() && !rules.reference(value)) {
        return key + "=" + secret(value);
      }
    }
    var header = HEADER_ARG.matcher(arg);
    if (header.matches() && rules.secretKey(header.group(1)) && !rules.reference(header.group(2))) {
      return header.group(1) + ": " + secret(header.group(2));
    }
    // Any scheme, every URL in the arg: database strings (postgresql://user:pw@db) carry passwords.
    var urls = URL_IN_TEXT.matcher(arg);
    StringBuilder rebuilt = new StringBuilder();
    while (urls.find()) {
      urls.appendReplacement(
          rebuilt, Matcher.quoteReplacement(redactUrl(urls.group(), null, false)));
    }
    arg = urls.appendTail(rebuilt).toString();
    int[] span = rules.firstSecretSpan(arg);
    if (span != null && !arg.substring(span[0], span[1]).startsWith("<redacted")) {
      return arg.substring(0, span[0])
          + secret(arg.substring(span[0], span[1]))
          + arg.substring(span[1]);
    }
    return rules.opaque(arg) ? secret(arg) : arg;
  }

  /**
   * A JSON value inside an argument: a secret when its key says so, otherwise judged as an
   * argument.
   */
  String jsonValue(String key, String value) {
    if (key != null && rules.secretKey(key) && !value.isEmpty() && !rules.reference(value)) {
      return secret(value);
    }
    return redactArg(value);
  }

  /** {@code page=2&token=abc}: only the secret values become marks. */
  private String queryArg(String arg) {
    StringBuilder out = new StringBuilder(arg.length());
    for (String pair : arg.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      out.append(out.length() == 0 ? "" : "&")
          .append(name)
          .append('=')
          .append(literalSecret(name, value) ? secret(value) : value);
    }
    return out.toString();
  }

  /**
   * Replaces userinfo, query values and fragment values. Parsed by hand rather than with {@link
   * java.net.URI}, which rejects the {@code ${env:X}} references configs are full of.
   */
  private String redactUrl(String url, String where, boolean record) {
    StringBuilder out = new StringBuilder();
    int schemeEnd = url.indexOf("://");
    String rest = schemeEnd < 0 ? url : url.substring(schemeEnd + 3);
    out.append(schemeEnd < 0 ? "" : url.substring(0, schemeEnd + 3));
    int authorityEnd = indexOfAny(rest, "/?#");
    int at = rest.substring(0, authorityEnd).lastIndexOf('@');
    if (schemeEnd >= 0 && at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      // A token is often the user part alone (https://ghp_...@github.com/): as secret as a
      // password.
      boolean secretInfo =
          colon >= 0
              ? !rules.reference(userInfo.substring(colon + 1))
              : !rules.reference(userInfo) && rules.secretValue(userInfo);
      String mark = secretInfo ? secret(userInfo) : whole(userInfo);
      if (record && secretInfo) {
        fingerprints.put(where + ".userinfo", mark);
      }
      out.append(mark).append('@');
      rest = rest.substring(at + 1);
    }
    int hash = rest.indexOf('#');
    String beforeFragment = hash < 0 ? rest : rest.substring(0, hash);
    int q = beforeFragment.indexOf('?');
    String hostAndPath = q < 0 ? beforeFragment : beforeFragment.substring(0, q);
    int hostEnd = schemeEnd < 0 ? 0 : indexOfAny(hostAndPath, "/");
    out.append(hostAndPath, 0, hostEnd)
        .append(
            PATHS.redact(
                hostAndPath.substring(0, hostEnd),
                hostAndPath.substring(hostEnd),
                rules,
                segment -> {
                  String mark = secret(segment);
                  if (record) {
                    fingerprints.put(where + ".path", mark);
                  }
                  return mark;
                }));
    if (q >= 0) {
      out.append('?');
      params(out, beforeFragment.substring(q + 1), where + ".query.", record);
    }
    if (hash >= 0) {
      out.append('#');
      fragment(out, rest.substring(hash + 1), where, record);
    }
    return out.toString();
  }

  /**
   * OAuth's implicit flow and many web apps carry the token in the fragment ({@code
   * #access_token=...}, {@code #/callback?token=...}): its values are treated like query values. A
   * bare fragment is kept unless it looks random as a whole (a share-link key).
   */
  private void fragment(StringBuilder out, String fragment, String where, boolean record) {
    int q = fragment.indexOf('?');
    if (q >= 0) {
      out.append(fragment, 0, q + 1);
      params(out, fragment.substring(q + 1), where + ".fragment.", record);
    } else if (fragment.indexOf('=') > 0) {
      params(out, fragment, where + ".fragment.", record);
    } else if (rules.opaque(fragment) && !rules.reference(fragment)) {
      String mark = secret(fragment);
      if (record) {
        fingerprints.put(where + ".fragment", mark);
      }
      out.append(mark);
    } else {
      out.append(fragment);
    }
  }

  /**
   * Every {@code name=value} value becomes a mark; only secret-looking ones leave a fingerprint.
   */
  private void params(StringBuilder out, String params, String prefix, boolean record) {
    String sep = "";
    for (String pair : params.split("&", -1)) {
      int eq = pair.indexOf('=');
      out.append(sep);
      sep = "&";
      if (eq < 0 || eq == pair.length() - 1 || rules.reference(pair.substring(eq + 1))) {
        out.append(pair);
        continue;
      }
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      boolean isSecret = literalSecret(name, value);
      String mark = isSecret ? secret(value) : whole(value);
      if (record && isSecret) {
        fingerprints.put(prefix + name, mark);
      }
      out.append(name).append('=').append(mark);
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
