package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Daylight's guard spool: one line per call the guard hook decided on, {@code {ts, client, server,
 * tool, project, decision, reason}}. A denied call did not run: it counts as a failed call. The
 * reason is not kept.
 */
final class GuardSpoolLines implements Parser.Lines {
  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    JsonNode line = Trees.object(buf, len);
    String server = Trees.text(line, "server");
    String tool = Trees.text(line, "tool");
    if (server == null || tool == null) {
      throw new IOException("guard record without server or tool");
    }
    String client = Trees.text(line, "client");
    r.tally.call(
        client != null ? client : r.client,
        server,
        tool,
        Trees.text(line, "project"),
        Times.iso(Trees.text(line, "ts")),
        "deny".equals(Trees.text(line, "decision")) ? 1 : 0);
  }
}
