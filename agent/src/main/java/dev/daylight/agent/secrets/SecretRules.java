package dev.daylight.agent.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The word lists and value patterns of {@code secret-patterns.json}, compiled once. */
final class SecretRules {
  private static final SecretRules BUILT_IN = load();

  private final List<String> keySubstrings;
  private final List<String> keyWords;
  private final List<String> secretFlags;
  private final List<String> credentialFlags;
  private final List<String> attachedSecretFlags;
  private final Pattern attachedValue;
  private final List<String> connectionKeys;
  private final List<Pattern> valuePatterns;
  private final Pattern opaqueToken;
  private final Pattern references;

  private SecretRules(JsonNode json) {
    keySubstrings = strings(json.path("keySubstrings"));
    keyWords = strings(json.path("keyWords"));
    secretFlags = strings(json.path("secretFlags"));
    credentialFlags = strings(json.path("credentialFlags"));
    attachedSecretFlags = strings(json.path("attachedSecretFlags"));
    attachedValue = Pattern.compile(json.path("attachedValue").asText());
    connectionKeys = strings(json.path("connectionKeys"));
    valuePatterns = strings(json.path("valuePatterns")).stream().map(Pattern::compile).toList();
    opaqueToken = Pattern.compile(json.path("opaqueToken").asText());
    references = Pattern.compile(String.join("|", strings(json.path("references"))));
  }

  static SecretRules builtIn() {
    return BUILT_IN;
  }

  private static SecretRules load() {
    try (InputStream in = SecretRules.class.getResourceAsStream("secret-patterns.json")) {
      if (in == null) {
        throw new IllegalStateException("secret-patterns.json is missing");
      }
      return new SecretRules(JsonTrees.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /** A key (env name, header name, query parameter, flag) that names a secret. */
  boolean secretKey(String key) {
    if (key == null || key.isBlank()) {
      return false;
    }
    String squashed = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (String s : keySubstrings) {
      if (squashed.contains(s)) {
        return true;
      }
    }
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    for (String word : spaced.split("[^a-z0-9]+")) {
      if (keyWords.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A short flag that takes a password in common tools ({@code -p}), unless its value is a port.
   */
  boolean secretFlag(String flag) {
    return secretFlags.contains(flag);
  }

  /** A flag whose value is {@code USER:PASSWORD} (curl's {@code -u}). */
  boolean credentialFlag(String flag) {
    return credentialFlags.contains(flag);
  }

  /**
   * The password in a word that carries it attached to its flag ({@code -pVALUE}), or null; the
   * caller still checks it is not a port or a path.
   */
  String attachedSecret(String word) {
    for (String flag : attachedSecretFlags) {
      if (word.startsWith(flag) && word.indexOf('=') < 0) {
        String rest = word.substring(flag.length());
        if (attachedValue.matcher(rest).matches()) {
          return rest;
        }
      }
    }
    return null;
  }

  /** A key of a {@code KEY=VALUE;...} connection string that names a secret. */
  boolean connectionKey(String key) {
    return secretKey(key)
        || connectionKeys.contains(key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
  }

  /** A value that holds a known token shape or, as a whole, looks random. */
  boolean secretValue(String value) {
    return value != null
        && (firstSecretSpan(value) != null || opaqueToken.matcher(value).matches());
  }

  /** Start and end of the first known token shape inside {@code value}, or null. */
  int[] firstSecretSpan(String value) {
    for (Pattern p : valuePatterns) {
      Matcher m = p.matcher(value);
      if (m.find()) {
        return new int[] {m.start(), m.end()};
      }
    }
    return null;
  }

  boolean opaque(String value) {
    return opaqueToken.matcher(value).matches();
  }

  /**
   * True when nothing literal remains once the client's substitutions and a scheme word are taken
   * out.
   */
  boolean reference(String value) {
    if (value == null || value.isBlank()) {
      return true;
    }
    if (!references.matcher(value).find()) {
      return false;
    }
    String rest = references.matcher(value).replaceAll("");
    rest = rest.replaceFirst("(?i)^\\s*(bearer|basic|token)\\s*", "").trim();
    return rest.isEmpty();
  }
}
