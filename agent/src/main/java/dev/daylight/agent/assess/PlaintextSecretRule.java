package dev.daylight.agent.assess;

import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code plaintext-secret}: one finding per literal secret value discovery fingerprinted ({@code
 * env.NAME}, {@code header.NAME}, {@code arg.N}, {@code url.query.NAME}); references such as {@code
 * ${env:X}} carry no fingerprint and so raise nothing. A value under a key named like a secret is
 * high; one recognised only by its shape (an argument, an odd key) is medium.
 */
final class PlaintextSecretRule implements Rule {
  static final String ID = "plaintext-secret";
  private final List<String> secretWords =
      Resources.lines("secret-key-names.txt").stream()
          .map(w -> w.toLowerCase(Locale.ROOT))
          .toList();

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (McpServer s : inventory.servers()) {
      for (Map.Entry<String, String> e : new TreeMap<>(s.secretFingerprints()).entrySet()) {
        String where = e.getKey();
        String mark =
            e.getValue().startsWith("<redacted") ? e.getValue() : "<redacted:" + e.getValue() + ">";
        out.about(ID, s, where)
            .severity(namedLikeSecret(where) ? Severity.HIGH : Severity.MEDIUM)
            .var("where", where)
            .evidenceText(where + " = " + mark)
            .emit();
      }
    }
  }

  boolean namedLikeSecret(String where) {
    int dot = where.lastIndexOf('.');
    String key = (dot >= 0 ? where.substring(dot + 1) : where).toLowerCase(Locale.ROOT);
    if (where.startsWith("arg.")) {
      return false;
    }
    return secretWords.stream().anyMatch(key::contains);
  }
}
