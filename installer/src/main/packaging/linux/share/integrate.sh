#!/bin/sh
# Wires the installed program into the system and out again. The .deb and .rpm maintainer scripts
# both call it, so the two packages behave alike. jpackage of JDK 17 installs only /opt/daylight,
# so the unit files, autostart entry and command links are copied from here.
#   integrate.sh install [upgrade]   copy units and links, enable and start the machine service
#   integrate.sh stop                stop the service (before an upgrade replaces the program)
#   integrate.sh remove              stop and disable the service, remove what install added
# DAYLIGHT_NO_START=1 installs without enabling or starting anything (image builds, tests).
set -e
APP=/opt/daylight
SHARE=$APP/lib/integration
UNIT=/usr/lib/systemd/system/daylight-agent.service
USER_UNIT=/usr/lib/systemd/user/daylight-agent.service
AUTOSTART=/etc/xdg/autostart/daylight-tray.desktop
CONF_DIR=/etc/daylight
STATE_DIR=/var/lib/daylight

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
     } > "$CONF_DIR/agent.conf")
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
  mkdir -p "$STATE_DIR"
  chmod 0700 "$STATE_DIR"
  write_config
}

remove_files() {
  rm -f "$UNIT" "$USER_UNIT" "$AUTOSTART" "$CONF_DIR/agent.conf.example"
  for link in /usr/bin/daylight /usr/bin/daylight-tray; do
    if [ -L "$link" ]; then rm -f "$link"; fi
  done
}

case "${1:-}" in
  install)
    install_files
    if systemd_running && [ "${DAYLIGHT_NO_START:-0}" != 1 ]; then
      systemctl daemon-reload || true
      if [ "${2:-}" = upgrade ]; then
        systemctl try-restart daylight-agent.service || true
      else
        systemctl enable --now daylight-agent.service || true
      fi
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
