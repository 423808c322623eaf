package dev.daylight.ui.servers;

import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.text.Visible;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.Evidence;
import dev.daylight.ui.data.ServerCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * A server's capability classes as a person reads them: a symbol and the agent's words for each
 * class ("✉ Can send email"), then where that was seen. The words come from the agent's class list,
 * so a class added there shows here without a change; the symbols are a resource file.
 */
final class CapabilityWords {
  private static final Properties SYMBOLS = symbols();

  private CapabilityWords() {}

  /** "✉ Can send email"; a class the agent's list does not name shows its id. */
  static String words(String cls) {
    return SYMBOLS.getProperty(cls, SYMBOLS.getProperty("other"))
        + " "
        + Capabilities.label(cls).orElse("Can: " + Visible.of(cls));
  }

  /** The symbols alone, for the table: "✉ ❯". */
  static String symbols(ServerCapabilities c) {
    if (!c.isKnown()) {
      return "?";
    }
    return String.join(
        " ",
        c.found().stream()
            .map(x -> SYMBOLS.getProperty(x.cls(), SYMBOLS.getProperty("other")))
            .toList());
  }

  /** One line per class for the details, or the one line that says why nothing is known. */
  static List<String> lines(ServerCapabilities c) {
    if (!c.isKnown()) {
      return List.of("Capabilities not known: " + Visible.of(c.whyUnknown()));
    }
    if (c.found().isEmpty()) {
      return List.of(
          "No capability to send content out or change things was found in what Daylight read.");
    }
    return c.found().stream().map(x -> words(x.cls()) + evidence(x)).toList();
  }

  /** Where it was seen: " (file index.js:12 — import nodemailer)", a host, or a tool name. */
  static String evidence(Capability c) {
    Evidence e = c.evidence();
    if (e == null) {
      return "";
    }
    String where =
        switch (e.kind() == null ? "" : e.kind()) {
          case "host" -> "host ";
          case "tool-call" -> "a client's record of a tool call: ";
          case "known-package" -> "Daylight's list of known packages: ";
          default -> "";
        };
    String seen =
        HelpDeskReport.evidence(
            new Evidence(e.kind(), Visible.of(e.file()), e.line(), Visible.of(e.text())));
    return "  (" + where + seen + ")";
  }

  private static Properties symbols() {
    Properties p = new Properties();
    try (InputStream in =
        CapabilityWords.class.getResourceAsStream("capability-symbols.properties")) {
      if (in == null) {
        throw new IllegalStateException("capability-symbols.properties is missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
