package dev.daylight.agent.assess;

import dev.daylight.protocol.Severity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Which rules run and how severe they are. A config file is a properties file:
 *
 * <pre>
 * disable = typosquat, config-error
 * severity.unpinned-package = low
 * approval.classes = email-send, payments
 * </pre>
 *
 * @param approvalClasses the capability classes a server needs an approval for on this machine
 *     (unless the fleet's policy names its own list), or null when the file names none (the
 *     built-in default applies); the approval stage checks the ids
 */
public record RuleConfig(
    Set<String> disabled, Map<String, Severity> severities, List<String> approvalClasses) {
  public RuleConfig {
    disabled = Set.copyOf(disabled);
    severities = Map.copyOf(severities);
    approvalClasses = approvalClasses == null ? null : List.copyOf(approvalClasses);
  }

  public RuleConfig(Set<String> disabled, Map<String, Severity> severities) {
    this(disabled, severities, null);
  }

  public static RuleConfig defaults() {
    return new RuleConfig(Set.of(), Map.of());
  }

  public static RuleConfig load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    Set<String> off = new HashSet<>();
    Map<String, Severity> sev = new HashMap<>();
    List<String> approval = null;
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.equals("disable")) {
        Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(off::add);
      } else if (key.startsWith("severity.")) {
        sev.put(key.substring("severity.".length()), Severity.parse(value));
      } else if (key.equals("approval.classes")) {
        approval = Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
      } else {
        throw new IOException(
            file
                + ": unknown setting '"
                + key
                + "' (expected disable, severity.RULE or approval.classes)");
      }
    }
    return new RuleConfig(off, sev, approval);
  }

  public RuleConfig withDisabled(Iterable<String> more) {
    Set<String> off = new HashSet<>(disabled);
    more.forEach(off::add);
    return new RuleConfig(off, severities, approvalClasses);
  }

  public boolean enabled(String ruleId) {
    return !disabled.contains(ruleId);
  }
}
