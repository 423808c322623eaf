package dev.daylight.agent.release;

import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.agent.fingerprint.Indicator;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Release;
import dev.daylight.protocol.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The release review: what a new package version adds over the one it is compared with. Each
 * indicator of the new fingerprint whose kind, subkind and value the old one lacks is one {@code
 * release-*} finding, as severe as {@code release-rules.properties} says, raised where the release
 * as a whole makes it worse: an install hook that downloads and runs, credentials read in a release
 * that also adds a way out (and the way out itself), are critical; a host under a domain the old
 * version already called is info.
 */
public final class ReleaseReview {
  public static final String NOT_COMPARED = "release-not-compared";
  private static final Properties RULES = load();
  private static final int VALUE_MAX = 160;

  private ReleaseReview() {}

  /** Every rule id of the family, for documentation and rule switches. */
  public static List<String> ruleIds() {
    List<String> ids =
        RULES.stringPropertyNames().stream()
            .filter(k -> k.startsWith("rule."))
            .map(RULES::getProperty)
            .sorted()
            .collect(Collectors.toCollection(ArrayList::new));
    ids.add(NOT_COMPARED);
    return ids;
  }

  /**
   * The findings {@code to} adds over {@code from}, worst first. {@code relativeEvidence}: evidence
   * files relative to the new root (the direct form) instead of real paths.
   */
  public static List<Finding> compare(
      String pkg, Fingerprint from, Fingerprint to, String serverId, boolean relativeEvidence) {
    Set<String> old =
        from.indicators().stream().map(Indicator::identity).collect(Collectors.toSet());
    Map<String, Indicator> added = new LinkedHashMap<>();
    for (Indicator i : to.indicators()) {
      // Kinds without a release rule (imports, declared tools) feed capabilities, not the review.
      if (RULES.getProperty("rule." + i.kind()) != null && !old.contains(i.identity())) {
        added.putIfAbsent(i.identity(), i);
      }
    }
    boolean newWayOut =
        added.values().stream()
            .anyMatch(
                i ->
                    i.kind().equals("network")
                        || (i.kind().equals("destination")
                            && !i.subkind().equals("mail-recipient")));
    boolean newSecretRead = added.values().stream().anyMatch(i -> i.kind().equals("secret-access"));
    Set<String> oldDomains =
        from.indicators().stream()
            .filter(i -> i.kind().equals("destination"))
            .map(i -> domain(i.value()))
            .collect(Collectors.toSet());
    List<Finding> out = new ArrayList<>();
    for (Indicator i : added.values()) {
      Severity s = severity(i, newWayOut, newSecretRead, oldDomains);
      out.add(finding(pkg, from.version(), to, i, s, serverId, relativeEvidence));
    }
    out.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(f -> f.release().file())
            .thenComparing(f -> f.release().line()));
    return out;
  }

  /** A version change whose earlier version has no fingerprint to compare with: say so. */
  public static Finding notCompared(
      String pkg, String from, String to, String why, String serverId) {
    String title =
        name(pkg)
            + " "
            + to
            + " was not compared with "
            + (from == null ? "an earlier version" : from)
            + ": "
            + why;
    return new Finding(
        id(NOT_COMPARED, pkg, to, from == null ? "" : from),
        NOT_COMPARED,
        Severity.MEDIUM,
        title,
        serverId,
        pkg + "@" + to,
        null,
        null,
        "Review "
            + name(pkg)
            + " "
            + to
            + " by hand before approving it (daylight review-release OLD_DIR NEW_DIR"
            + " compares two unpacked versions)",
        new Release(pkg, from, to, "none", "not-compared", why, null, null));
  }

  static Severity severity(
      Indicator i, boolean newWayOut, boolean newSecretRead, Set<String> oldDomains) {
    Severity base = Severity.parse(prop("severity", i));
    return switch (i.kind()) {
      case "install-script" -> Fingerprinter.downloadsAndRuns(i.value()) ? Severity.CRITICAL : base;
      case "secret-access" -> newWayOut ? Severity.CRITICAL : base;
      case "destination" ->
          switch (i.subkind()) {
            case "chat-webhook", "request-catcher", "paste-site" ->
                newSecretRead ? Severity.CRITICAL : base;
            case "url", "host", "email" ->
                oldDomains.contains(domain(i.value())) ? Severity.INFO : base;
            default -> base;
          };
      default -> base;
    };
  }

  private static Finding finding(
      String pkg,
      String fromVersion,
      Fingerprint to,
      Indicator i,
      Severity s,
      String serverId,
      boolean relativeEvidence) {
    String rule = RULES.getProperty("rule." + i.kind());
    if (rule == null) {
      throw new IllegalStateException("release-rules.properties has no rule." + i.kind());
    }
    String value = cut(i.value());
    String title =
        name(pkg)
            + " "
            + to.version()
            + " adds "
            + prop("phrase", i)
            + " "
            + quote(value)
            + " at "
            + i.file()
            + ":"
            + i.line();
    String file = relativeEvidence ? i.file() : to.root() + "/" + i.file();
    String remediation =
        "Do not approve "
            + name(pkg)
            + " "
            + to.version()
            + " until this is explained"
            + (fromVersion == null ? "" : " (it is not in " + fromVersion + ")")
            + "; see: daylight review show "
            + pkg
            + "@"
            + to.version();
    return new Finding(
        id(rule, pkg, to.version(), i.identity()),
        rule,
        s,
        title,
        serverId,
        pkg + "@" + to.version(),
        null,
        Evidence.file(file, i.line(), i.text()),
        remediation,
        new Release(
            pkg, fromVersion, to.version(), i.kind(), i.subkind(), value, i.file(), i.line()));
  }

  private static String prop(String prefix, Indicator i) {
    String v = RULES.getProperty(prefix + "." + i.kind() + "." + i.subkind());
    v = v != null ? v : RULES.getProperty(prefix + "." + i.kind());
    if (v == null) {
      throw new IllegalStateException("release-rules.properties has no " + prefix + "." + i.kind());
    }
    return v;
  }

  /**
   * The registrable part of a host or address: the last two labels (three under a two-letter second
   * level).
   */
  static String domain(String value) {
    String host = value.substring(value.indexOf('@') + 1);
    int slash = host.indexOf('/');
    host = slash >= 0 ? host.substring(0, slash) : host;
    String[] labels = host.split("\\.");
    if (labels.length <= 2) {
      return host;
    }
    int keep =
        labels[labels.length - 2].length() <= 3 && labels[labels.length - 1].length() == 2 ? 3 : 2;
    return String.join(
        ".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
  }

  static String name(String pkg) {
    String p = pkg.replace("%40", "@");
    int slash = p.indexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  private static String quote(String v) {
    return "`" + v + "`";
  }

  private static String cut(String v) {
    return v == null || v.length() <= VALUE_MAX ? v : v.substring(0, VALUE_MAX - 1) + "…";
  }

  /**
   * A version's finding as one server running it carries it: the same finding, its own id (two
   * servers running one version each have theirs, which a review of the version closes together).
   */
  static Finding forServer(Finding f, String serverId) {
    return new Finding(
        id(f.rule(), f.id(), serverId),
        f.rule(),
        f.severity(),
        f.title(),
        serverId,
        f.purl(),
        f.advisory(),
        f.evidence(),
        f.remediation(),
        f.release());
  }

  private static String id(String rule, String... subject) {
    MessageDigest sha = DigestUtils.getSha256Digest();
    for (String part : subject) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    sha.update(rule.getBytes(StandardCharsets.UTF_8));
    return rule + ":" + HexFormat.of().formatHex(sha.digest(), 0, 10);
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = ReleaseReview.class.getResourceAsStream("release-rules.properties")) {
      if (in == null) {
        throw new IllegalStateException("release-rules.properties is missing");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
