#!/bin/sh
# Daylight's guard hook, run by an AI client before each MCP tool call (Claude Code and Codex
# PreToolUse, Cursor beforeMCPExecution, Gemini CLI BeforeTool, Windsurf pre_mcp_tool_use, Copilot
# CLI preToolUse). It reads the client's JSON on stdin and the
# decision file the Daylight agent wrote, answers allow or deny, and appends one line (no
# arguments, no results) to the user's spool. Nothing it reads is ever executed: the input only
# ever reaches awk as data. Written by `daylight guard install`; @OS@ is filled in then.
client=unknown
state=
machine=
fallback=audit
while [ $# -gt 1 ]; do
  case $1 in
    --client) client=$2 ;;
    --state) state=$2 ;;
    --machine) machine=$2 ;;
    --mode) fallback=$2 ;;
  esac
  shift 2
done
if [ -n "$state" ]; then
  :
elif [ -n "$DAYLIGHT_STATE_DIR" ]; then
  state=$DAYLIGHT_STATE_DIR
elif [ "@OS@" = macos ]; then
  state="$HOME/Library/Application Support/Daylight"
else
  state="${XDG_DATA_HOME:-$HOME/.local/share}/daylight"
fi
if [ -n "$machine" ]; then
  # The machine-wide hook reads only the agent's file for this account, never one in the user's
  # own state folder: anything there (say "mode off") could have been put there by the user.
  who=${USER:-$LOGNAME}
  case $who in '' | .* | *[!A-Za-z0-9._-]*) who=.unknown ;; esac
  decisions="$machine/$who.tsv"
else
  decisions="$state/guard/decisions.tsv"
fi
[ -d "$state/guard" ] || mkdir -p "$state/guard" 2>/dev/null
spool="$state/guard/spool.jsonl"
[ -w "$state/guard" ] || spool=
# A spool awk could not open would stop it after the answer and turn a Windsurf refusal (exit 2)
# into a pass; such a spool is skipped instead.
if [ -d "$spool" ] || { [ -e "$spool" ] && [ ! -w "$spool" ]; }; then spool=; fi
here=${0%/*}
# Any failure of awk (exit 2 on a runtime error) becomes 1: clients treat exit 2 as a refusal, and
# a hook that breaks must not block a call. A refusal is an answer on stdout with exit 0, except
# for Windsurf, which reads refusals only from exit 2 (awk says so with 3, the reason on stderr).
awk -v client="$client" -v decisions="$decisions" -v spool="$spool" -v fallback="$fallback" \
  -f "$here/guard-hook.awk"
rc=$?
[ "$rc" -eq 0 ] && exit 0
[ "$rc" -eq 3 ] && [ "$client" = windsurf ] && exit 2
exit 1
