package dev.daylight.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MCP traffic logs that print each JSON-RPC message on one line: Claude Desktop's {@code
 * mcp-server-NAME.log} ({@code TIME [info] [NAME] Message from client: {...}}, or the newer summary
 * {@code Message from client: method="tools/call" id=5 params}) and VS Code's {@code
 * mcpServer.ID.log} ({@code TIME [info] [Client Says] {...}}, newer {@code [editor -> server]
 * {...}}). A {@code tools/call} request is a call; a response with {@code error} or {@code
 * result.isError} marks it failed.
 */
final class RpcLogLines implements Parser.Lines {
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\S+(?: \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)?) \\[\\w+\\] (?:\\[([^\\]]+)\\] )?"
              + "(Message from client: |Message from server: |\\[Client Says\\] |\\[Server Says\\] "
              + "|\\[editor -> server\\] |\\[server -> editor\\] )");
  private static final Pattern SUMMARY_ID = Pattern.compile("\\bid=(\\S+)");
  private static final String UNKNOWN_TOOL = "(unnamed)";

  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    String text = new String(buf, 0, len, StandardCharsets.UTF_8);
    Matcher m = LINE.matcher(text);
    if (!m.find()) {
      return;
    }
    String server = m.group(2) != null && !m.group(2).contains(" -> ") ? m.group(2) : r.fileServer;
    if (server == null) {
      throw new IOException("log line names no server");
    }
    boolean toServer =
        m.group(3).contains("client")
            || m.group(3).contains("Client")
            || m.group(3).contains("-> server");
    String payload = text.substring(m.end()).trim();
    if (payload.startsWith("{")) {
      byte[] json = payload.getBytes(StandardCharsets.UTF_8);
      JsonNode msg = Trees.object(json, json.length);
      String id = msg.path("id").isMissingNode() ? null : server + "#" + msg.path("id").asText();
      if (toServer && "tools/call".equals(Trees.text(msg, "method"))) {
        String tool = Trees.text(msg.path("params"), "name");
        r.call(server, tool != null ? tool : UNKNOWN_TOOL, Times.logTime(m.group(1)), false, id);
      } else if (!toServer && id != null) {
        r.result(id, msg.has("error") || msg.path("result").path("isError").asBoolean(false));
      }
    } else {
      Matcher idm = SUMMARY_ID.matcher(payload);
      String id = idm.find() ? server + "#" + idm.group(1) : null;
      if (toServer && payload.startsWith("method=\"tools/call\"")) {
        r.call(server, UNKNOWN_TOOL, Times.logTime(m.group(1)), false, id);
      } else if (!toServer && id != null) {
        r.result(id, payload.matches(".*\\bid=\\S+ error\\b.*"));
      }
    }
  }
}
