package dev.daylight.agent.intel;

import java.util.List;

/**
 * One OSV record as findings show it.
 *
 * @param severity the database's own rating ({@code CRITICAL}, {@code HIGH}, {@code MODERATE},
 *     {@code LOW}) or null when the record has none
 */
public record Advisory(
    String id, String modified, String summary, List<String> aliases, String severity) {
  public Advisory {
    aliases = List.copyOf(aliases);
  }

  /** Records of the OpenSSF Malicious Packages repository carry the {@code MAL-} prefix. */
  public boolean malicious() {
    return id.startsWith("MAL-");
  }
}
