package dev.daylight.ui.servers;

import dev.daylight.agent.catalog.Catalog;
import dev.daylight.protocol.Approval;
import dev.daylight.ui.data.ServerRow;
import java.util.Optional;

/**
 * What the person answered where the client asks before starting a server, in words and a glyph,
 * and whether the client's own policy blocks it. A pending server is not running but one click from
 * it, so with findings the words say so.
 */
public final class Approvals {
  private Approvals() {}

  /** The table cell under "Your approval": glyph and word; empty where the client does not ask. */
  public static String cell(Optional<Approval> approval) {
    return approval
        .map(
            a ->
                switch (a) {
                  case APPROVED -> "✔ Approved";
                  case PENDING -> "◷ Waiting";
                  case REFUSED -> "⊘ Refused";
                })
        .orElse("");
  }

  /** Style class for the colour that goes with the words; a risky pending server is red. */
  public static Optional<String> styleClass(ServerRow row) {
    return row.approval()
        .map(
            a ->
                a == Approval.PENDING && !row.findings().isEmpty()
                    ? "approval-pending-risky"
                    : "approval-" + a.wire());
  }

  /**
   * The sentence the details pane shows for a server that is not running because of an answer, or
   * because its client's policy blocks it (the agent's reason names the rule and the file).
   */
  public static Optional<String> explanation(ServerRow row) {
    String client = clientName(row.client());
    if (row.blockedBy().isPresent()) {
      return Optional.of(
          "⊘ Blocked by "
              + client
              + "'s policy, so it is not running: "
              + row.blockedBy().get()
              + ".");
    }
    String findings =
        row.findings().size() == 1 ? "the finding below is" : "the findings below are";
    return row.approval()
        .flatMap(
            a ->
                switch (a) {
                  case APPROVED -> Optional.empty();
                  case PENDING ->
                      Optional.of(
                          "◷ Waiting for your approval in "
                              + client
                              + ". It is not running"
                              + " yet: "
                              + client
                              + " asks you before it starts it."
                              + (row.findings().isEmpty()
                                  ? ""
                                  : " Approving it would run it: do not approve it until "
                                      + findings
                                      + " resolved."));
                  case REFUSED ->
                      Optional.of(
                          "⊘ Refused in "
                              + client
                              + ". It will not start unless you"
                              + " approve it there."
                              + (row.findings().isEmpty()
                                  ? ""
                                  : " Keep it refused while " + findings + " open."));
                });
  }

  /**
   * What a desktop notification about one of the server's findings adds about whether it runs:
   * blocked by the client's policy, refused, or waiting for an answer that would start it. Empty
   * for a server that runs as configured.
   */
  public static Optional<String> notice(ServerRow row) {
    String client = clientName(row.client());
    if (row.blockedBy().isPresent()) {
      return Optional.of("Blocked by " + client + "'s policy, so it is not running.");
    }
    return row.approval()
        .flatMap(
            a ->
                switch (a) {
                  case APPROVED -> Optional.empty();
                  case PENDING ->
                      Optional.of(
                          "Waiting for your approval in "
                              + client
                              + ": it is not running yet, and approving it would start it. Do not approve it.");
                  case REFUSED -> Optional.of("Refused in " + client + ", so it is not running.");
                });
  }

  /** The help desk's line, in the same words. */
  static Optional<String> reportLine(ServerRow row) {
    String client = clientName(row.client());
    if (row.blockedBy().isPresent()) {
      return Optional.of(
          "Blocked by " + client + "'s policy (not running): " + row.blockedBy().get());
    }
    return row.approval()
        .map(
            a ->
                "Approval in "
                    + client
                    + ": "
                    + switch (a) {
                      case APPROVED -> "approved (it runs when the project is open)";
                      case PENDING ->
                          "waiting for the user (not running yet; approving it would run it)";
                      case REFUSED -> "refused (it will not start)";
                    });
  }

  /** The client's own name ("Claude Code"), from the agent's catalog. */
  static String clientName(String clientId) {
    return Catalog.builtIn().client(clientId).map(Catalog.ClientSpec::name).orElse(clientId);
  }
}
