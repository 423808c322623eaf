package dev.daylight.agent.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code indicators.json}, compiled once: what each indicator looks like in code. */
final class IndicatorRules {
  private static final IndicatorRules BUILT_IN = load();

  /** One entry of the js or python list. */
  record Entry(
      String kind,
      String subkind,
      String value,
      Set<String> requires,
      Set<String> plainCalls,
      Set<String> dottedCalls,
      Set<String> imports,
      List<String[]> sequences,
      Set<String> writeMode,
      boolean watch) {}

  record Named(String value, Pattern pattern) {}

  record Webhook(String subkind, Pattern pattern) {}

  final List<Entry> js;
  final List<Entry> python;
  final Set<String> decodeCalls;
  final Set<String> decodeStrings;
  final List<String> outsideMarkers;
  final List<Named> credentialPaths;
  final Pattern anyCredentialPath;
  final List<String> credentialHints;
  final Set<String> mailRecipientKeys;
  final List<Webhook> webhooks;
  final Set<String> ignoredHosts;
  final Set<String> hostTlds;
  final int blobMinLength;
  final Pattern hexIdentifier;
  final int hexIdentifierMin;
  final int stringArrayMin;
  final List<String> dataUriPrefixes;
  final List<String> npmHooks;
  final List<Pattern> downloadAndRun;
  final Set<String> toolCalls;
  final Set<String> toolSchemaWords;

  private IndicatorRules(JsonNode j) {
    JsonNode ob = j.path("obfuscation");
    List<String> packer = strings(ob.path("packer"));
    js = entries(j.path("js"), packer);
    python = entries(j.path("python"), null);
    decodeCalls = Set.copyOf(strings(j.path("decodeCalls")));
    decodeStrings = Set.copyOf(strings(j.path("decodeStrings")));
    outsideMarkers = strings(j.path("outsideMarkers"));
    List<Named> creds = new ArrayList<>();
    j.path("credentialPaths")
        .forEach(
            n ->
                creds.add(
                    new Named(
                        n.path("value").asText(), Pattern.compile(n.path("pattern").asText()))));
    credentialPaths = List.copyOf(creds);
    anyCredentialPath =
        Pattern.compile(
            String.join(
                "|", creds.stream().map(c -> "(?:" + c.pattern().pattern() + ")").toList()));
    credentialHints = strings(j.path("credentialHints"));
    mailRecipientKeys = Set.copyOf(strings(j.path("mailRecipientKeys")));
    List<Webhook> hooks = new ArrayList<>();
    j.path("webhooks")
        .forEach(
            n ->
                hooks.add(
                    new Webhook(
                        n.path("subkind").asText(), Pattern.compile(n.path("pattern").asText()))));
    webhooks = List.copyOf(hooks);
    ignoredHosts = Set.copyOf(strings(j.path("ignoredHosts")));
    hostTlds = Set.copyOf(strings(j.path("hostTlds")));
    blobMinLength = ob.path("blobMinLength").asInt(200);
    hexIdentifier = Pattern.compile(ob.path("hexIdentifier").asText());
    hexIdentifierMin = ob.path("hexIdentifierMin").asInt(20);
    stringArrayMin = ob.path("stringArrayMin").asInt(40);
    dataUriPrefixes = strings(ob.path("dataUriPrefixes"));
    npmHooks = strings(j.path("installHooks").path("npm"));
    downloadAndRun = strings(j.path("downloadAndRun")).stream().map(Pattern::compile).toList();
    toolCalls = Set.copyOf(strings(j.path("toolCalls")));
    toolSchemaWords = Set.copyOf(strings(j.path("toolSchemaWords")));
  }

  static IndicatorRules builtIn() {
    return BUILT_IN;
  }

  List<Entry> entries(Lexer.Lang lang) {
    return lang == Lexer.Lang.JS ? js : python;
  }

  /**
   * Whether {@code text} may name a credential file: the regexes run only when a hint is present.
   */
  boolean mayNameCredentials(String text) {
    for (String hint : credentialHints) {
      if (text.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  boolean downloadsAndRuns(String command) {
    return downloadAndRun.stream().anyMatch(p -> p.matcher(command).find());
  }

  private static List<Entry> entries(JsonNode array, List<String> packer) {
    List<Entry> out = new ArrayList<>();
    for (JsonNode n : array) {
      Set<String> plain = new LinkedHashSet<>();
      Set<String> dotted = new LinkedHashSet<>();
      for (String c : strings(n.path("calls"))) {
        (c.contains(".") ? dotted : plain).add(c);
      }
      List<String[]> seqs = new ArrayList<>();
      n.path("sequences").forEach(s -> seqs.add(strings(s).toArray(String[]::new)));
      out.add(
          new Entry(
              n.path("kind").asText(),
              text(n, "subkind"),
              text(n, "value"),
              Set.copyOf(strings(n.path("requires"))),
              Set.copyOf(plain),
              Set.copyOf(dotted),
              Set.copyOf(strings(n.path("imports"))),
              List.copyOf(seqs),
              Set.copyOf(strings(n.path("writeMode"))),
              n.path("watch").asBoolean(false)));
    }
    if (packer != null && !packer.isEmpty()) {
      out.add(
          new Entry(
              "obfuscation",
              "packer",
              "packed code",
              Set.of(),
              Set.of(),
              Set.of(),
              Set.of(),
              List.<String[]>of(packer.toArray(String[]::new)),
              Set.of(),
              false));
    }
    return List.copyOf(out);
  }

  /**
   * Sequences indexed by their last token text, so each token looks only at those it can end:
   * {entry, tokens, the value a match reports}.
   */
  static Map<String, List<Object[]>> sequencesByLast(List<Entry> entries) {
    Map<String, List<Object[]>> out = new HashMap<>();
    for (Entry e : entries) {
      for (String[] seq : e.sequences()) {
        String last = seq[seq.length - 1];
        String key = seq.length == 1 && last.startsWith("^") ? last.substring(1) : last;
        out.computeIfAbsent(key.startsWith("'") ? key.substring(1) : key, k -> new ArrayList<>())
            .add(new Object[] {e, seq, CodeReader.words(seq)});
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  private static IndicatorRules load() {
    try (InputStream in = IndicatorRules.class.getResourceAsStream("indicators.json")) {
      if (in == null) {
        throw new IllegalStateException("indicators.json is missing");
      }
      return new IndicatorRules(JsonTrees.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
