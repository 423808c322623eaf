package dev.daylight.agent.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets in URL paths: webhooks whose URL is the credential ({@code secret-paths.json}: Slack,
 * Zapier, Discord, Teams...), and any segment that looks random or holds a known token shape. The
 * host and the segments that only identify (a workspace, a channel, an account) are kept.
 */
final class SecretPaths {
  private static final SecretPaths BUILT_IN = load();

  private record Webhook(Pattern host, Pattern path) {}

  private final List<Webhook> webhooks;

  private SecretPaths(List<Webhook> webhooks) {
    this.webhooks = webhooks;
  }

  static SecretPaths builtIn() {
    return BUILT_IN;
  }

  private static SecretPaths load() {
    try (InputStream in = SecretPaths.class.getResourceAsStream("secret-paths.json")) {
      if (in == null) {
        throw new IllegalStateException("secret-paths.json is missing");
      }
      List<Webhook> hooks = new ArrayList<>();
      for (JsonNode n : JsonTrees.read(in).path("webhooks")) {
        hooks.add(
            new Webhook(
                Pattern.compile(n.path("host").asText(), Pattern.CASE_INSENSITIVE),
                Pattern.compile(n.path("path").asText())));
      }
      return new SecretPaths(List.copyOf(hooks));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code path} (from its leading slash up to the query) with each secret replaced by what {@code
   * secret} returns for it; the same text when nothing in it is secret.
   */
  String redact(String host, String path, SecretRules rules, UnaryOperator<String> secret) {
    String bareHost = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
    for (Webhook w : webhooks) {
      if (w.host().matcher(bareHost).matches()) {
        Matcher m = w.path().matcher(path);
        if (m.matches() && !m.group("secret").isEmpty() && !rules.reference(m.group("secret"))) {
          return path.substring(0, m.start("secret"))
              + secret.apply(m.group("secret"))
              + path.substring(m.end("secret"));
        }
      }
    }
    StringBuilder out = new StringBuilder(path.length());
    int from = 0;
    while (from <= path.length()) {
      int slash = path.indexOf('/', from);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(from, end);
      out.append(
          !segment.isEmpty()
                  && !segment.startsWith("<redacted")
                  && !rules.reference(segment)
                  && (rules.opaque(segment) || rules.firstSecretSpan(segment) != null)
              ? secret.apply(segment)
              : segment);
      if (slash < 0) {
        break;
      }
      out.append('/');
      from = slash + 1;
    }
    return out.toString();
  }
}
