package dev.daylight.agent.assess;

import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.McpServer;
import dev.daylight.protocol.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Builds findings from the rule texts in {@code rules.properties}: fills the templates, applies the
 * configured severity, and derives the stable id from the rule and the subject.
 */
final class FindingFactory {
  private static final int TEXT_MAX = 300;
  private final Properties texts = Resources.properties("rules.properties");
  private final RuleConfig config;
  private final List<Finding> out = new ArrayList<>();

  FindingFactory(RuleConfig config) {
    this.config = config;
  }

  List<Finding> findings() {
    return List.copyOf(out);
  }

  /**
   * Starts a finding of {@code rule} about a server; {@code subject} tells it from its siblings.
   */
  Draft about(String rule, McpServer server, String subject) {
    Draft d = new Draft(rule, server.id() + "|" + subject);
    d.serverId = server.id();
    d.evidence = Evidence.file(server.configPath(), server.line(), null);
    d.var("server", server.name()).var("client", server.client()).var("file", server.configPath());
    return d;
  }

  /** Starts a finding that is not about one server. */
  Draft about(String rule, String subject) {
    return new Draft(rule, subject);
  }

  static String stableId(String rule, String subject) {
    String hex = DigestUtils.sha256Hex((rule + "\n" + subject).getBytes(StandardCharsets.UTF_8));
    return rule + ":" + hex.substring(0, 20);
  }

  static String clip(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX - 1) + "…";
  }

  final class Draft {
    private final String rule;
    private final String subject;
    private final Map<String, String> vars = new HashMap<>();
    private String textKey;
    private Severity severity;
    private String serverId;
    private String purl;
    private String advisory;
    private Evidence evidence;

    private Draft(String rule, String subject) {
      this.rule = rule;
      this.subject = subject;
      this.textKey = rule;
    }

    Draft var(String name, String value) {
      vars.put(name, value == null ? "" : value);
      return this;
    }

    /** Uses another title/remediation pair of the same rule ({@code rule-variant} in the file). */
    Draft texts(String variant) {
      this.textKey = rule + "-" + variant;
      return this;
    }

    Draft severity(Severity s) {
      this.severity = s;
      return this;
    }

    Draft purl(String p) {
      this.purl = p;
      return this;
    }

    Draft advisory(String a) {
      this.advisory = a;
      return var("advisory", a);
    }

    /** The offending value, already redacted by discovery. */
    Draft evidenceText(String text) {
      this.evidence =
          new Evidence(
              evidence == null ? "file" : evidence.kind(),
              evidence == null ? null : evidence.file(),
              evidence == null ? null : evidence.line(),
              clip(text));
      return this;
    }

    Draft evidence(Evidence e) {
      this.evidence = new Evidence(e.kind(), e.file(), e.line(), clip(e.text()));
      return this;
    }

    void emit() {
      if (!config.enabled(rule)) {
        return;
      }
      Severity s =
          config
              .severities()
              .getOrDefault(
                  rule,
                  severity != null
                      ? severity
                      : Severity.parse(texts.getProperty(rule + ".severity")));
      out.add(
          new Finding(
              stableId(rule, subject),
              rule,
              s,
              fill(textKey + ".title"),
              serverId,
              purl,
              advisory,
              evidence,
              fill(textKey + ".remediation"),
              null));
    }

    private String fill(String key) {
      String template = texts.getProperty(key);
      if (template == null) {
        throw new IllegalStateException("rules.properties has no " + key);
      }
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (i < template.length()) {
        int open = template.indexOf('{', i);
        int close = open < 0 ? -1 : template.indexOf('}', open);
        if (open < 0 || close < 0) {
          b.append(template, i, template.length());
          break;
        }
        String name = template.substring(open + 1, close);
        b.append(template, i, open);
        b.append(vars.containsKey(name) ? vars.get(name) : template.substring(open, close + 1));
        i = close + 1;
      }
      return b.toString();
    }
  }
}
