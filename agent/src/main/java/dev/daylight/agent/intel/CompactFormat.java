package dev.daylight.agent.intel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Daylight's compact intel form: one line per (record, affected package), tab-separated, so a
 * million-record snapshot is one byte array the index points into.
 *
 * <pre>ecosystem  name  id  modified  status  severity  aliases  spec  summary</pre>
 *
 * {@code status} is empty, or {@code W} for a withdrawn record (a tombstone that hides an older
 * copy of the same id). {@code spec} is {@code |}-separated parts: {@code SEMVER:i=1.0.16,f=2.0.0},
 * {@code ECOSYSTEM:...}, {@code V:1.0,1.1}. Versions escape {@code % | , tab newline} as {@code
 * %XX}. The ecosystem and normalised name come first so the key is the line's prefix.
 */
final class CompactFormat {
  static final String HEADER = "# daylight-osv-compact 1";
  static final int FIELDS = 9;
  private static final int SUMMARY_MAX = 300;

  private CompactFormat() {}

  record Entry(
      String ecosystem, String name, Advisory advisory, boolean withdrawn, AffectedSpec spec) {}

  /** The lines of one record: one per affected package with an ecosystem and a name. */
  static List<String> encode(OsvRecord r) {
    List<String> lines = new ArrayList<>();
    if (r.id() == null) {
      return lines;
    }
    for (OsvRecord.Affected a : r.affected()) {
      if (a.pkg() == null || a.pkg().ecosystem() == null || a.pkg().name() == null) {
        continue;
      }
      String eco = Ecosystems.canonical(a.pkg().ecosystem());
      String[] f = {
        eco,
        Ecosystems.normaliseName(eco, a.pkg().name()),
        r.id(),
        nz(r.modified()),
        r.isWithdrawn() ? "W" : "",
        r.severity() == null ? "" : r.severity().toUpperCase(Locale.ROOT),
        String.join(",", r.aliases()),
        encodeSpec(AffectedSpec.of(a)),
        ""
      };
      String summary = summary(r.summary());
      // MAL records mostly carry the stock summary; it is rebuilt on decode, saving a third of a
      // line.
      f[8] = summary.equals(stockSummary(r.id(), f[0], f[1])) ? "" : summary;
      for (int i = 0; i < f.length - 1; i++) {
        f[i] = f[i].replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
      }
      lines.add(String.join("\t", f));
    }
    return lines;
  }

  static Entry decode(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < FIELDS) {
      throw new IllegalArgumentException("compact intel line has " + f.length + " fields");
    }
    List<String> aliases = f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split(","));
    String summary = f[8].isEmpty() ? stockSummary(f[2], f[0], f[1]) : f[8];
    Advisory adv = new Advisory(f[2], f[3], summary, aliases, f[5].isEmpty() ? null : f[5]);
    return new Entry(f[0], f[1], adv, f[4].equals("W"), decodeSpec(f[7]));
  }

  static String encodeSpec(AffectedSpec spec) {
    List<String> parts = new ArrayList<>();
    for (AffectedSpec.Range r : spec.ranges()) {
      StringBuilder b = new StringBuilder(r.semver() ? "SEMVER:" : "ECOSYSTEM:");
      for (int i = 0; i < r.events().size(); i++) {
        AffectedSpec.Event e = r.events().get(i);
        b.append(i == 0 ? "" : ",").append(e.kind().code).append('=').append(escape(e.version()));
      }
      parts.add(b.toString());
    }
    if (!spec.versions().isEmpty()) {
      parts.add(
          "V:" + String.join(",", spec.versions().stream().map(CompactFormat::escape).toList()));
    }
    return String.join("|", parts);
  }

  static AffectedSpec decodeSpec(String text) {
    List<AffectedSpec.Range> ranges = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    for (String part : text.isEmpty() ? new String[0] : text.split("\\|")) {
      int colon = part.indexOf(':');
      String type = part.substring(0, colon);
      String body = part.substring(colon + 1);
      if (type.equals("V")) {
        for (String v : body.split(",")) {
          versions.add(unescape(v));
        }
        continue;
      }
      List<AffectedSpec.Event> events = new ArrayList<>();
      for (String ev : body.split(",")) {
        events.add(
            new AffectedSpec.Event(AffectedSpec.Kind.of(ev.charAt(0)), unescape(ev.substring(2))));
      }
      ranges.add(new AffectedSpec.Range(type.equals("SEMVER"), events));
    }
    return new AffectedSpec(ranges, versions);
  }

  /** The summary the Malicious Packages repository gives its records; null for other ids. */
  private static String stockSummary(String id, String ecosystem, String name) {
    return id.startsWith("MAL-") ? "Malicious code in " + name + " (" + ecosystem + ")" : null;
  }

  private static String summary(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= SUMMARY_MAX ? one : one.substring(0, SUMMARY_MAX - 1) + "…";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String escape(String v) {
    StringBuilder b = new StringBuilder(v.length());
    for (char c : v.toCharArray()) {
      if (c == '%' || c == '|' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
        b.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String v) {
    if (v.indexOf('%') < 0) {
      return v;
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '%' && i + 2 < v.length()) {
        b.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
