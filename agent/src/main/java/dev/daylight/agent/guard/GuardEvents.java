package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.ChangeEvent;
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
 * spool into the store as {@value #TYPE} events, which the reports carry to the collector. Allowed
 * calls stay in the spool (the tool-use ledger reads them). The spool offset read so far is a store
 * setting, so each line is sent once.
 */
public final class GuardEvents {
  public static final String TYPE = "guard-call";
  static final String OFFSET = "guard.spool.offset";
  private static final Logger log = LoggerFactory.getLogger(GuardEvents.class);

  private GuardEvents() {}

  /** Returns how many events were added; never throws (the spool is the hook's, not ours). */
  public static int collect(Path stateDir, Store store) {
    try {
      long from = store.setting(OFFSET).map(Long::parseLong).orElse(0L);
      Spool.Page page = Spool.from(stateDir, from);
      List<ChangeEvent> events = new ArrayList<>();
      for (Spool.Call c : page.calls()) {
        if (c.decision().equals("deny") || c.decision().equals("audit")) {
          events.add(event(c));
        }
      }
      store.appendEvents(events);
      store.putSetting(OFFSET, Long.toString(page.end()));
      return events.size();
    } catch (IOException | RuntimeException e) {
      log.warn("guard spool not read: {}", e.toString());
      return 0;
    }
  }

  static ChangeEvent event(Spool.Call c) {
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
    String verb = c.decision().equals("deny") ? "blocked" : "would block (audit)";
    return new ChangeEvent(UUID.randomUUID().toString(), TYPE, at, null, null, null, null,
        c.decision() + ": " + c.client() + " " + c.server() + " " + c.tool() + " " + verb, null, after);
  }
}
