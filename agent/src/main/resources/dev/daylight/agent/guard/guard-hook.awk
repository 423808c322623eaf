# The decision half of Daylight's guard hook (see daylight-guard.sh). POSIX awk only: it runs
# before every MCP tool call, and a JVM could not answer within the 30 ms budget.
#
# Input: the client's hook JSON on stdin (untrusted). Only a few string fields are read: top-level
# ones (tool_name, toolName, cwd, command, url, the first of workspace_roots) and those directly
# inside mcp_context (Gemini CLI) and tool_info (Windsurf); everything else, the tool's arguments
# included, is skipped unread. Variables: client, decisions (file), spool (file), fallback (mode
# when the decision file cannot be read).
# Exit: 0 with the answer on stdout; 3 when the answer is a refusal this client only takes as an
# exit code (Windsurf: the wrapper turns it into 2, the reason is on stderr).
# Decision file: tab-separated lines written by the agent, "mode<TAB>M" and
# "S<TAB>client<TAB>hookName<TAB>launch<TAB>url<TAB>verdict<TAB>subject<TAB>reason".

BEGIN {
  MAX = 4194304
  mode = ""
  n = 0
  mine = "S\t" client "\t"
  while ((rc = (getline line < decisions)) > 0) {
    # Other clients' lines are skipped without splitting them: the file holds every client's servers.
    if (index(line, mine) == 1) {
      split(line, f, "\t")
      n++; dname[n] = f[3]; dlaunch[n] = f[4]; durl[n] = f[5]; dverdict[n] = f[6]; dreason[n] = f[8]
    } else if (line ~ /^mode\t/) { mode = substr(line, 6) }
  }
  if (rc < 0 || mode == "") { missing = 1; mode = fallback }
  close(decisions)
  if (mode != "off" && mode != "enforce") mode = "audit"
  size = 0
}

{
  size += length($0) + 1
  # The bound keeps the input's first 4 MB (clients send one line): enforce mode reads names there.
  if (size > MAX) { toolong = 1; buf = buf substr($0, 1, length($0) - (size - MAX)); exit }
  buf = buf $0 "\n"
}

END {
  if (mode == "off") { answer("allow", ""); exit 0 }
  partial = toolong || !parse(buf, 0)
  if (partial && mode != "enforce") {
    note = "Daylight: the hook input was not the JSON this client sends; the call was let through"
    if (toolong) note = "Daylight: the hook input was over 4 MB; the call was let through"
    answer("allow", "")
    record("?", "?", "allow", note)
    exit 0
  }
  # Enforce mode never lets a call through unread (the model controls the tool's arguments, so it
  # can make the input too long): the fields before the cut or the fault name the call, if any do.
  if (partial) { split("", v); parse(buf, 1) }
  tool = v["tool_name"] != "" ? v["tool_name"] : v["toolName"]; server = ""
  if (v["mcp_context.server_name"] != "") {
    server = hookname(v["mcp_context.server_name"]); tool = v["mcp_context.tool_name"]
  } else if (v["tool_info.mcp_server_name"] != "") {
    server = hookname(v["tool_info.mcp_server_name"]); tool = v["tool_info.mcp_tool_name"]
  } else if (tool ~ /^mcp__/) {
    rest = substr(tool, 6); i = index(rest, "__")
    if (i > 0) { server = substr(rest, 1, i - 1); tool = substr(rest, i + 2) } else { server = rest }
  } else if (tool ~ /^MCP:/) {
    rest = substr(tool, 5); i = index(rest, ":")
    if (i > 0) { server = substr(rest, 1, i - 1); tool = substr(rest, i + 1) }
  } else if (client == "copilot-cli" || (client == "gemini-cli" && tool ~ /^mcp_/)) {
    # Copilot CLI names MCP tools SERVER-TOOL, Gemini CLI mcp_SERVER_TOOL: the longest known server
    # name that prefixes the tool name wins.
    pre = client == "gemini-cli" ? "mcp_" : ""; sep = client == "gemini-cli" ? "_" : "-"
    for (k = 1; k <= n; k++) {
      if (length(dname[k]) > length(server) && index(tolower(tool), tolower(pre dname[k] sep)) == 1) server = dname[k]
    }
    if (server != "") tool = substr(tool, length(pre server sep) + 1)
  }
  project = v["cwd"] != "" ? v["cwd"] : v["workspace_root"]
  if (partial && server == "" && v["command"] == "" && v["url"] == "" && (tool == "" || client ~ /^(cursor|windsurf)$/)) {
    # Cursor and Windsurf call the hook for MCP tools only: without its server the call is unnamed.
    why = "Daylight: the hook input was not the JSON this client sends and does not say which server is called, so enforce mode refuses the call"
    if (toolong) why = "Daylight: the hook input was over 4 MB and does not say which server is called before that, so enforce mode refuses the call"
    answer("deny", why); record("?", tool == "" ? "?" : tool, "deny", why); exit refused()
  }
  if (server == "" && v["command"] == "" && v["url"] == "") { answer("allow", ""); exit 0 }

  if (missing) {
    if (mode == "enforce") {
      why = "Daylight: no decision file could be read (" decisions "), so in enforce mode MCP calls wait until the Daylight agent has scanned this machine; run `daylight scan` or ask IT"
      answer("deny", why); record(server, tool, "deny", why); exit refused()
    } else {
      answer("allow", "")
      record(server, tool, "allow", "Daylight: no decision file yet (" decisions "); audit mode lets the call through")
    }
    exit 0
  }

  verdict = "allow"; why = ""; rank = 0
  for (k = 1; k <= n; k++) {
    hit = (server != "" && (dname[k] == server || (client ~ /^(copilot|gemini)-cli$/ && tolower(dname[k]) == tolower(server))))
    if (!hit && v["url"] != "" && durl[k] != "") hit = (v["url"] == durl[k] || index(v["url"], durl[k] "?") == 1)
    if (!hit && v["command"] != "" && dlaunch[k] != "") hit = (v["command"] == dlaunch[k] || index(v["command"], dlaunch[k] " ") == 1)
    if (!hit) continue
    if (server == "") server = dname[k]
    r = severity(dverdict[k])
    if (r > rank) { rank = r; verdict = dverdict[k]; why = dreason[k] }
  }
  # An unknown server is named by its program or its URL's origin only: the rest of a launch line
  # or URL may hold a token, and the spool is read back and shown.
  if (server == "") server = v["command"] != "" ? program(v["command"]) : origin(v["url"])
  if (rank == 0 || (verdict == "needs-approval" && mode != "enforce")) {
    answer("allow", ""); record(server, tool, rank == 0 ? "allow" : "audit", why); exit 0
  }
  if (mode == "enforce") { answer("deny", why); record(server, tool, "deny", why); exit refused() }
  else { answer("allow", ""); record(server, tool, "audit", why) }
  exit 0
}

function severity(s) {
  if (s == "malicious") return 4
  if (s == "denied") return 3
  if (s == "suspended") return 2
  if (s == "needs-approval") return 1
  return 0
}

# Reads string fields of a JSON object without a character loop: escapes are masked, the text
# split at quotes, so odd pieces are outside strings and even pieces inside. Top-level fields land
# in v[key]; fields directly inside the objects mcp_context and tool_info in v[parent "." key].
# With partial set, the fields before a cut or a fault are read (an unclosed string is dropped).
function parse(s, partial,    parts, cnt, j, depth, out, key, key2, parent, tmp) {
  gsub(/\\\\/, "\001", s); gsub(/\\"/, "\002", s)
  if (s !~ /^[ \t\r\n]*\{/) return 0
  cnt = split(s, parts, "\"")
  if (cnt % 2 == 0) { if (!partial) return 0; cnt-- }
  depth = 0; key = ""; key2 = ""; parent = ""
  for (j = 2; j <= cnt + 1; j += 2) {
    out = parts[j - 1]
    tmp = out; depth += gsub(/[{[]/, "", tmp)
    tmp = out; depth -= gsub(/[]}]/, "", tmp)
    if (j > cnt) break
    if (depth == 2 && key != "" && out ~ /^[ \t\r\n]*:[ \t\r\n]*\{[ \t\r\n]*$/) parent = (key == "mcp_context" || key == "tool_info") ? key : ""
    else if (depth != 2) parent = ""
    if (depth == 1 && out ~ /[{,][ \t\r\n]*$/) { key = parts[j]; continue }
    if (depth == 1 && key != "" && out ~ /^[ \t\r\n]*:[ \t\r\n]*$/) v[key] = unescape(parts[j])
    else if (depth == 2 && key == "workspace_roots" && out ~ /^[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*$/) v["workspace_root"] = unescape(parts[j])
    else if (depth == 2 && parent != "" && out ~ /[{,][ \t\r\n]*$/) { key2 = parts[j]; continue }
    else if (depth == 2 && parent != "" && key2 != "" && out ~ /^[ \t\r\n]*:[ \t\r\n]*$/) v[parent "." key2] = unescape(parts[j])
    if (depth == 1) key = ""
    key2 = ""
  }
  return depth == 0
}

# The server name as the agent writes it into the decision file (Decisions.hookName).
function hookname(t) {
  gsub(/[^A-Za-z0-9_-]/, "_", t)
  return t
}

function unescape(t) {
  gsub(/\\n|\\r|\\t/, " ", t); gsub(/\\\//, "/", t)
  gsub(/\002/, "\"", t); gsub(/\001/, "\\", t)
  return t
}

function esc(t) {
  gsub(/\\/, "\\\\", t); gsub(/"/, "\\\"", t); gsub(/\t/, "\\t", t); gsub(/\r/, "\\r", t); gsub(/\n/, "\\n", t)
  gsub(/[\001-\037]/, "", t)
  return t
}

function answer(d, why) {
  if (client == "cursor") {
    if (d == "deny") printf "{\"permission\":\"deny\",\"user_message\":\"%s\",\"agent_message\":\"%s\"}\n", esc(why), esc(why)
    else print "{\"permission\":\"allow\"}"
  } else if (d != "deny") {
    # no answer: the client's own permission flow goes on
  } else if (client == "gemini-cli") {
    printf "{\"decision\":\"deny\",\"reason\":\"%s\"}\n", esc(why)
  } else if (client == "copilot-cli") {
    printf "{\"permissionDecision\":\"deny\",\"permissionDecisionReason\":\"%s\"}\n", esc(why)
  } else if (client == "windsurf") {
    printf "%s\n", oneline(why) > "/dev/stderr"
  } else {
    printf "{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":\"deny\",\"permissionDecisionReason\":\"%s\"}}\n", esc(why)
  }
  fflush()
}

# The exit status of a refusal: 3 where the client reads a refusal from the exit code (Windsurf).
function refused() {
  return client == "windsurf" ? 3 : 0
}

function oneline(t) {
  gsub(/[\001-\037]/, " ", t)
  return t
}

# Called after answer(): the answer is out even when the spool cannot be written.
function program(c,  w) { split(c, w, " "); return w[1] }

function origin(u,  o) {
  if (!match(u, /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\/?#]*/)) return "?"
  o = substr(u, RSTART, RLENGTH)
  sub(/\/\/[^@]*@/, "//", o)
  return o
}

function record(srv, tl, d, why) {
  if (spool == "") return
  printf "{\"ts\":\"%s\",\"client\":\"%s\",\"server\":\"%s\",\"tool\":\"%s\",\"project\":\"%s\",\"decision\":\"%s\",\"reason\":\"%s\"}\n", now(), esc(client), esc(srv), esc(tl), esc(project), d, esc(why) >> spool
  close(spool)
}

# UTC ISO-8601 from srand()'s previous seed (the time of day in seconds, per POSIX).
function now(    t, days, secs, z, era, doe, yoe, y, doy, mp, d, m) {
  srand(); t = srand()
  days = int(t / 86400); secs = t - days * 86400
  z = days + 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, int(secs / 3600), int(secs % 3600 / 60), secs % 60)
}
