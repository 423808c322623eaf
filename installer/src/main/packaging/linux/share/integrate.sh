#!/bin/sh
# Wires the installed program into the system and out again. The .deb and .rpm maintainer scripts
# both call it, so the two packages behave alike. jpackage of JDK 17 installs only /opt/daylight,
# so the unit files, autostart entry and command links are copied from here.
#   integrate.sh install [upgrade]   copy units and links, enable and start the machine service
#   integrate.sh stop                stop the service (before an upgrade replaces the program)
#   integrate.sh remove              stop and disable the service, remove what install added
# DAYLIGHT_NO_START=1 installs without enabling or starting anything (image builds, tests).
# From the environment, on a first install: DAYLIGHT_COLLECTOR, DAYLIGHT_ENROLL_SECRET, and for a
# collector with a company-CA certificate DAYLIGHT_CA_FILE (PEM) or DAYLIGHT_PIN (SHA-256 of its
# public key); DAYLIGHT_ENROLL_WAIT (seconds, default 30) is how long to wait for the enrollment.
# It says what it did on stdout, and whether the started agent enrolled.
set -e
APP=/opt/daylight
SHARE=$APP/lib/integration
UNIT=/usr/lib/systemd/system/daylight-agent.service
USER_UNIT=/usr/lib/systemd/user/daylight-agent.service
AUTOSTART=/etc/xdg/autostart/daylight-tray.desktop
CONF_DIR=/etc/daylight
STATE_DIR=/var/lib/daylight

say() { echo "daylight: $*"; }

systemd_running() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

# The enrollment secret must be readable by root (the agent) only.
write_config() {
  mkdir -p "$CONF_DIR"
  chmod 0755 "$CONF_DIR"
  if [ ! -e "$CONF_DIR/agent.conf" ] && [ -n "${DAYLIGHT_COLLECTOR:-}" ]; then
    (umask 077
     # printf, not echo: dash's echo would expand backslashes in a secret.
     { printf '%s\n' "# written by the package installer from DAYLIGHT_COLLECTOR and DAYLIGHT_ENROLL_SECRET"
       printf 'collector = %s\n' "$DAYLIGHT_COLLECTOR"
       [ -z "${DAYLIGHT_ENROLL_SECRET:-}" ] || printf 'enroll_secret = %s\n' "$DAYLIGHT_ENROLL_SECRET"
       [ -z "${DAYLIGHT_CA_FILE:-}" ] || printf 'ca_file = %s\n' "$DAYLIGHT_CA_FILE"
       [ -z "${DAYLIGHT_PIN:-}" ] || printf 'pin = %s\n' "$DAYLIGHT_PIN"
     } > "$CONF_DIR/agent.conf")
    say "wrote $CONF_DIR/agent.conf (collector $(printf '%s' "$DAYLIGHT_COLLECTOR" | sed 's|//[^/@]*@|//<redacted>@|'))"
  elif [ -e "$CONF_DIR/agent.conf" ]; then
    say "kept the existing $CONF_DIR/agent.conf"
  else
    say "no collector configured (set DAYLIGHT_COLLECTOR and DAYLIGHT_ENROLL_SECRET, or write $CONF_DIR/agent.conf):" \
      "the agent keeps its history locally until it is enrolled"
  fi
  if [ -e "$CONF_DIR/agent.conf" ]; then
    chown root:root "$CONF_DIR/agent.conf"
    chmod 0600 "$CONF_DIR/agent.conf"
  fi
  install -m 0644 "$SHARE/agent.conf.example" "$CONF_DIR/agent.conf.example"
}

install_files() {
  install -D -m 0644 "$SHARE/daylight-agent.service" "$UNIT"
  install -D -m 0644 "$SHARE/daylight-agent.user.service" "$USER_UNIT"
  ln -sf "$APP/bin/daylight" /usr/bin/daylight
  if [ -x "$APP/bin/daylight-tray" ]; then
    ln -sf "$APP/bin/daylight-tray" /usr/bin/daylight-tray
    install -D -m 0644 "$SHARE/daylight-tray.desktop" "$AUTOSTART"
  fi
  install_docs
  mkdir -p "$STATE_DIR"
  chmod 0711 "$STATE_DIR"
  write_config
  say "installed $APP, the command /usr/bin/daylight and the service unit $UNIT"
}

# After the first start: whether the agent enrolled with the collector, and if not, why (the
# agent records its last attempt in the state folder; `daylight status` shows the same).
report_enrollment() {
  [ -e "$CONF_DIR/agent.conf" ] || return 0
  waited=0
  limit=${DAYLIGHT_ENROLL_WAIT:-30}
  while [ "$waited" -lt "$limit" ]; do
    if [ -e "$STATE_DIR/collector.json" ]; then
      say "the agent enrolled with the collector"
      return 0
    fi
    if grep -q '^state=failed' "$STATE_DIR/enrollment.properties" 2>/dev/null; then
      say "ENROLLMENT FAILED: $(sed -n 's/^reason=//p' "$STATE_DIR/enrollment.properties" | sed 's/\\\(.\)/\1/g')"
      say "the agent keeps trying; fix /etc/daylight/agent.conf, then see: daylight status, journalctl -u daylight-agent"
      return 0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "the agent has not enrolled yet after ${limit}s; see: daylight status, journalctl -u daylight-agent"
}

# The class-data archive of the agent's own classes, made here because it must match the installed
# jars and runtime: one training scan through bin/daylight-train (bin/daylight's class path and
# options, then a dump of the classes it loaded) of a small generated home as this machine, so it runs what the service's
# scans run: host probes, the store, intel matches, every config format. bin/daylight and the
# service's scan children map it; a failed training only leaves scans without it.
ARCHIVE=$APP/lib/app/daylight.jsa
train_archive() {
  [ -x "$APP/bin/daylight-train" ] || return 0
  rm -f "$ARCHIVE"
  work=$(mktemp -d)
  home=$work/home
  mkdir -p "$home/.cursor" "$home/.codex" "$home/.continue" "$home/code/p/.vscode"
  printf '{"mcpServers":{"a":{"command":"npx","args":["-y","a@1.0.0"],"env":{"T":"x"}},"pm":{"command":"npx","args":["postmark-mcp@1.0.16"]}}}' >"$home/.cursor/mcp.json"
  printf '{"mcpServers":{"r":{"type":"http","url":"https://r.example/mcp?key=x","headers":{"Authorization":"Bearer x"}}},"projects":{"%s/code/p":{"enabledMcpjsonServers":["p"],"mcpServers":{}}}}' "$home" >"$home/.claude.json"
  printf '{"mcpServers":{"p":{"command":"uvx","args":["--from","git+https://e.example/p","p"]}}}' >"$home/code/p/.mcp.json"
  printf '{"servers":{"v":{"command":"docker","args":["run","-i","--rm","e/v"]}}}' >"$home/code/p/.vscode/mcp.json"
  printf 'mcpServers:\n  - name: b\n    command: uvx\n    args: [b==1.0]\n' >"$home/.continue/config.yaml"
  printf '[mcp_servers.c]\ncommand = "docker"\nargs = ["run", "-i", "c/d:1"]\n' >"$home/.codex/config.toml"
  # The home stands in for this account's (so the scan is of "this machine", with host probes and
  # the store); the second scan of the same store takes the change-tracking path too.
  for run in 1 2; do
    [ "$run" = 1 ] || printf '{"mcpServers":{"a":{"command":"npx","args":["-y","a@1.0.1"]}}}' >"$home/.cursor/mcp.json"
    if [ "$run" = 2 ]; then
      JAVA_TOOL_OPTIONS="-Duser.home=$home" DAYLIGHT_STATE_DIR="$work/state" \
        "$APP/bin/daylight-train" scan --format json >/dev/null 2>&1 || true
    else
      JAVA_TOOL_OPTIONS="-Duser.home=$home" DAYLIGHT_STATE_DIR="$work/state" \
        "$APP/bin/daylight" scan --format json >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$work"
  if [ -s "$ARCHIVE" ]; then
    chmod 0644 "$ARCHIVE"
    say "made the class-data archive $ARCHIVE (faster scans)"
  else
    rm -f "$ARCHIVE"
    say "could not make the class-data archive: scans run without it"
  fi
}

# Man pages and the bash completion, generated from the CLI's own model at packaging time.
install_docs() {
  for page in "$SHARE"/man/man1/*.1; do
    [ -e "$page" ] && install -D -m 0644 "$page" "/usr/share/man/man1/$(basename "$page")"
  done
  if [ -e "$SHARE/completion/daylight" ]; then
    install -D -m 0644 "$SHARE/completion/daylight" /usr/share/bash-completion/completions/daylight
  fi
  return 0
}

remove_files() {
  rm -f "$ARCHIVE"
  rm -f "$UNIT" "$USER_UNIT" "$AUTOSTART" "$CONF_DIR/agent.conf.example" /usr/share/bash-completion/completions/daylight
  for page in "$SHARE"/man/man1/*.1; do
    [ -e "$page" ] && rm -f "/usr/share/man/man1/$(basename "$page")"
  done
  for link in /usr/bin/daylight /usr/bin/daylight-tray; do
    if [ -L "$link" ]; then rm -f "$link"; fi
  done
}

case "${1:-}" in
  install)
    install_files
    train_archive
    if systemd_running && [ "${DAYLIGHT_NO_START:-0}" != 1 ]; then
      systemctl daemon-reload || true
      if [ "${2:-}" = upgrade ]; then
        systemctl try-restart daylight-agent.service || true
      else
        if systemctl enable --now daylight-agent.service; then
          say "enabled and started daylight-agent.service"
          report_enrollment
        else
          say "could not start daylight-agent.service; see: systemctl status daylight-agent"
        fi
      fi
    elif [ "${DAYLIGHT_NO_START:-0}" = 1 ]; then
      say "DAYLIGHT_NO_START=1: the agent service was not enabled or started"
    else
      say "systemd is not running on this machine: the agent was NOT started and will not start at boot."
      say "Start it with this machine's init system as root:" \
        "DAYLIGHT_STATE_DIR=$STATE_DIR $APP/bin/daylight-agentd run --all-users"
    fi
    ;;
  stop)
    if systemd_running; then systemctl stop daylight-agent.service || true; fi
    ;;
  remove)
    # The hooks the agent put into the AI clients' machine-wide settings (when the fleet asked for
    # them) go first: they name a script under $STATE_DIR that a purge deletes.
    "$APP/bin/daylight" guard uninstall --managed --state-dir "$STATE_DIR" >/dev/null 2>&1 || true
    if systemd_running; then
      systemctl disable --now daylight-agent.service || true
      systemctl --global disable daylight-agent.service >/dev/null 2>&1 || true
    fi
    remove_files
    if systemd_running; then systemctl daemon-reload || true; fi
    ;;
  *)
    echo "usage: integrate.sh install [upgrade] | stop | remove" >&2
    exit 2
    ;;
esac
