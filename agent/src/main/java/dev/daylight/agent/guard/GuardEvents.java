package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.platform.Accounts;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.ChangeType;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the calls the hook refused ({@code deny}) or would have refused ({@code audit}) from the
 * spool into the store as {@code guard-call} events, which the reports carry to the collector.
 * Allowed calls stay in the spool (the tool-use ledger reads them). The spool offset read so far is
 * a store setting, so each line is sent once.
 */
public final class GuardEvents {
  public static final ChangeType TYPE = ChangeType.GUARD_CALL;
  static final String OFFSET = "guard.spool.offset";
  private static final Logger log = LoggerFactory.getLogger(GuardEvents.class);

  private GuardEvents() {}

  /** The spool of this agent's own user; returns how many events were added. */
  public static int collect(Path stateDir, Store store) {
    return collect(stateDir, OFFSET, null, store, null);
  }

  /**
   * For the machine-wide agent: each account's hook writes the spool in that account's own state
   * folder (the hook runs as the user); each is read from its own offset.
   */
  public static int collectAllUsers(Store store, Layout machine) {
    int n = 0;
    for (Accounts.Account a : Accounts.onThisMachine(machine)) {
      Layout home = machine.forHome(a.home());
      n += collect(home.stateDir(), OFFSET + "." + a.name(), a.name(), store, FileAccess.of(home));
    }
    return n;
  }

  /**
   * Never throws: the spool is the hook's, not ours, and a bad one must not stop a delivery. An
   * account's spool ({@code access} non-null) is read as that account could read it, so its calls
   * are its own, not those of a spool its link leads to.
   */
  static int collect(
      Path spoolStateDir, String offsetKey, String osUser, Store store, FileAccess access) {
    try {
      long from = store.setting(offsetKey).map(Long::parseLong).orElse(0L);
      Spool.Page page =
          access == null
              ? Spool.from(spoolStateDir, from)
              : Spool.from(spoolStateDir, from, access);
      List<ChangeEvent> events = new ArrayList<>();
      for (Spool.Call c : page.calls()) {
        if (c.decision().equals("deny") || c.decision().equals("audit")) {
          events.add(event(c, osUser));
        }
      }
      store.appendEvents(events);
      store.putSetting(offsetKey, Long.toString(page.end()));
      return events.size();
    } catch (IOException | RuntimeException e) {
      log.warn("guard spool {} not read: {}", Spool.file(spoolStateDir), e.toString());
      return 0;
    }
  }

  static ChangeEvent event(Spool.Call c, String osUser) {
    Instant at;
    try {
      at = Instant.parse(c.ts());
    } catch (DateTimeParseException e) {
      at = Instant.now();
    }
    ObjectNode after = Json.mapper().createObjectNode();
    after.put("client", c.client());
    after.put("server", c.server());
    after.put("tool", c.tool());
    after.put("project", c.project());
    after.put("decision", c.decision());
    after.put("reason", c.reason());
    if (osUser != null) {
      after.put("osUser", osUser);
    }
    String verb = c.decision().equals("deny") ? "blocked" : "would block (audit)";
    return new ChangeEvent(
        UUID.randomUUID().toString(),
        TYPE,
        at,
        null,
        null,
        null,
        null,
        c.decision() + ": " + c.client() + " " + c.server() + " " + c.tool() + " " + verb,
        null,
        after);
  }
}
