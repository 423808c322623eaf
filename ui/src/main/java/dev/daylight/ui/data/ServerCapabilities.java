package dev.daylight.ui.data;

import dev.daylight.protocol.Capability;
import dev.daylight.protocol.McpServer;
import java.util.List;

/**
 * What a server can do that moves content out or changes things (send email, run commands), each
 * class with its evidence; or, when the agent could not tell, why. Unknown is never shown as
 * "nothing": an empty list means its code was read and showed none.
 *
 * @param found the classes, or null when not known
 * @param whyUnknown why they are not known; null when {@code found} is set
 */
public record ServerCapabilities(List<Capability> found, String whyUnknown) {
  /** What a store written before servers carried capabilities says about them. */
  static final String NOT_CLASSIFIED = "this scan did not classify the server";

  public ServerCapabilities {
    found = found == null ? null : List.copyOf(found);
    if (found == null && (whyUnknown == null || whyUnknown.isBlank())) {
      whyUnknown = NOT_CLASSIFIED;
    }
    if (found != null) {
      whyUnknown = null;
    }
  }

  public static ServerCapabilities of(McpServer s) {
    return new ServerCapabilities(s.capabilities(), s.capabilitiesWhy());
  }

  public static ServerCapabilities known(List<Capability> found) {
    return new ServerCapabilities(found, null);
  }

  public static ServerCapabilities unknown(String why) {
    return new ServerCapabilities(null, why);
  }

  public boolean isKnown() {
    return found != null;
  }
}
