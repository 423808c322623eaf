#!/bin/sh
# Removes Daylight from a Mac (macOS packages have no uninstaller):
#   sudo /Applications/daylight.app/Contents/app/integration/uninstall.sh [--purge]
# History, node key and logs stay unless --purge is given.
set -e
[ "$(id -u)" = 0 ] || { echo "uninstall.sh: run it with sudo" >&2; exit 2; }
# The hooks the agent put into the AI clients' machine-wide settings (when the fleet asked for them).
/Applications/daylight.app/Contents/MacOS/daylight guard uninstall --managed \
  --state-dir "/Library/Application Support/Daylight/state" >/dev/null 2>&1 || true
launchctl bootout system/dev.daylight.agent 2>/dev/null || true
for uid in $(ps -axo uid= -o comm= | awk '/daylight-tray/ {print $1}' | sort -u); do
  launchctl bootout "gui/$uid/dev.daylight.tray" 2>/dev/null || true
done
rm -f /Library/LaunchDaemons/dev.daylight.agent.plist /Library/LaunchAgents/dev.daylight.tray.plist
rm -f /usr/local/bin/daylight
if [ "${1:-}" = --purge ]; then
  rm -rf "/Library/Application Support/Daylight" /Library/Logs/Daylight
fi
pkgutil --forget dev.daylight.agent >/dev/null 2>&1 || true
rm -rf /Applications/daylight.app
