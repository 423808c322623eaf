package dev.daylight.ui.tray;

import dev.daylight.agent.guard.Spool;
import dev.daylight.protocol.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the calls the guard hook refused, reading the hook's spool: one message per client,
 * server and tool, ever ("Daylight blocked postmark send_email: trust suspended"), remembered in
 * the same ledger as the findings. Calls only recorded in audit mode are not announced.
 */
public final class GuardBlockNotices {
  private static final Logger LOG = LoggerFactory.getLogger(GuardBlockNotices.class);

  private final Path stateDir;
  private final NotifiedLedger ledger;
  private final Consumer<Notification> notifier;
  private final BooleanSupplier paused;
  private long offset;

  public GuardBlockNotices(
      Path stateDir,
      NotifiedLedger ledger,
      Consumer<Notification> notifier,
      BooleanSupplier paused) {
    this.stateDir = stateDir;
    this.ledger = ledger;
    this.notifier = notifier;
    this.paused = paused;
  }

  /** Reads what the hook appended since the last poll; cheap when nothing was. */
  public void poll() {
    Spool.Page page;
    try {
      page = Spool.from(stateDir, offset);
    } catch (IOException e) {
      LOG.debug("guard spool not readable: {}", e.toString());
      return;
    }
    offset = page.end();
    for (Spool.Call c : page.calls()) {
      if (!c.decision().equals("deny")) {
        continue;
      }
      String id = "guard:" + c.client() + ":" + c.server() + ":" + c.tool();
      if (ledger.contains(id)) {
        continue;
      }
      Set<String> ids = new LinkedHashSet<>(Set.of(id));
      ledger.addAll(ids);
      if (!paused.getAsBoolean()) {
        notifier.accept(
            new Notification(
                id,
                Severity.HIGH,
                "Daylight blocked a tool call",
                "Daylight blocked "
                    + c.server()
                    + " "
                    + c.tool()
                    + ": "
                    + why(c.reason())
                    + " ("
                    + c.client()
                    + ")."));
      }
    }
  }

  /** The few words a desktop message has room for; the full reason went to the assistant. */
  static String why(String reason) {
    if (reason.contains("known-malicious")) {
      return "known-malicious package";
    }
    if (reason.contains("suspended")) {
      return "trust suspended";
    }
    if (reason.contains("denied")) {
      return "denied by policy";
    }
    if (reason.contains("no decision file")) {
      return "Daylight has not scanned yet";
    }
    return "needs approval";
  }
}
