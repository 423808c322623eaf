package dev.daylight.agent.usage;

import java.nio.charset.StandardCharsets;

/**
 * The record formats the ledger reads, by their catalog id. An append-only format is read from
 * where the last pass stopped; a rewritten one ({@link #wholeFile}) is read again whole when it
 * changes and replaces what it gave before.
 */
enum Format {
  CLAUDE_CODE("claude-code-jsonl", false, "mcp__", "\"is_error\":true"),
  CLAUDE_DESKTOP_LOG(
      "claude-desktop-mcp-log", false, "tools/call", "isError\":true", "\"error\"", " error"),
  CODEX_ROLLOUT("codex-rollout", false, "\"function_call", "session_meta", "turn_context"),
  GEMINI_CHAT("gemini-chat", false, "toolCalls"),
  CLINE_UI_MESSAGES("cline-ui-messages", true),
  VSCODE_MCP_LOG("vscode-mcp-log", false, "tools/call", "isError\":true", "\"error\""),
  CURSOR_MCP_LOG("cursor-mcp-log", false, "CallTool action for tool", "Error calling tool"),
  GOOSE_SESSION("goose-session-jsonl", true, "toolRequest", "toolResponse", "working_dir"),
  GOOSE_DB("goose-sessions-db", false),
  OPENCODE_DB("opencode-db", false),
  GEMINI_CHAT_JSON("gemini-chat-json", true),
  GUARD_SPOOL("daylight-guard-spool", false, "\"tool\"");

  final String id;
  final boolean wholeFile;

  /** A line holding none of these cannot matter to the ledger and is not parsed. */
  final byte[][] needles;

  Format(String id, boolean wholeFile, String... needles) {
    this.id = id;
    this.wholeFile = wholeFile;
    this.needles = new byte[needles.length][];
    for (int i = 0; i < needles.length; i++) {
      this.needles[i] = needles[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  static Format of(String id) {
    for (Format f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown usage record format '" + id + "'");
  }

  /** A SQLite store: read through its rows, its journal beside it counting as part of it. */
  boolean database() {
    return switch (this) {
      case GOOSE_DB, OPENCODE_DB -> true;
      case CLAUDE_CODE,
          CLAUDE_DESKTOP_LOG,
          CODEX_ROLLOUT,
          GEMINI_CHAT,
          CLINE_UI_MESSAGES,
          VSCODE_MCP_LOG,
          CURSOR_MCP_LOG,
          GOOSE_SESSION,
          GEMINI_CHAT_JSON,
          GUARD_SPOOL ->
          false;
    };
  }

  Parser parser() {
    return switch (this) {
      case CLAUDE_CODE -> new ClaudeCodeLines();
      case CLAUDE_DESKTOP_LOG, VSCODE_MCP_LOG -> new RpcLogLines();
      case CURSOR_MCP_LOG -> new CursorLogLines();
      case CODEX_ROLLOUT -> new CodexLines();
      case GEMINI_CHAT -> new GeminiLines();
      case CLINE_UI_MESSAGES -> new ClineMessages();
      case GOOSE_SESSION -> new GooseLines();
      case GOOSE_DB -> new GooseDb();
      case OPENCODE_DB -> new OpencodeDb();
      case GEMINI_CHAT_JSON -> new GeminiJson();
      case GUARD_SPOOL -> new GuardSpoolLines();
    };
  }
}
