package dev.daylight.agent.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cursor's own MCP logs (its {@code anysphere.cursor-mcp} extension writes one output channel per
 * server, {@code exthost/anysphere.cursor-mcp/MCP user-NAME.log}): a call is {@code TIME [info]
 * Handling CallTool action for tool 'NAME'} (newer builds add {@code with toolCallId: ...}); {@code
 * TIME [error] Error calling tool 'NAME':} marks the last call of that tool failed. The log prints
 * no JSON-RPC, so only these lines are read; lines with arguments (debug level) are never looked
 * at.
 */
final class CursorLogLines implements Parser.Lines {
  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?) \\[(\\w+)\\] "
              + "(Handling CallTool action for tool|Error calling tool) '([^']{1,256})'");

  @Override
  public void line(byte[] buf, int len, Reading r) throws IOException {
    Matcher m = LINE.matcher(new String(buf, 0, len, StandardCharsets.UTF_8));
    if (!m.find()) {
      return;
    }
    if (r.fileServer == null) {
      throw new IOException("log names no server");
    }
    String tool = m.group(4);
    String pending = r.fileServer + "#" + tool;
    if (m.group(3).startsWith("Handling")) {
      r.call(r.fileServer, tool, Times.logTime(m.group(1)), false, pending);
    } else {
      r.result(pending, true);
    }
  }
}
