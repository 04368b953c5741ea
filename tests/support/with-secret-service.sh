#!/usr/bin/env bash
# Runs a command against a private, real Secret Service (gnome-keyring on its own D-Bus session
# bus), so keychain tests never touch the developer's own keyring:
#   with-secret-service.sh <command> [args...]
# Inside the command, DBUS_SESSION_BUS_ADDRESS points at the private bus, the "login" keyring
# exists, is the default collection and is unlocked (test password), and HOME/XDG_* point at a
# throw-away folder. Everything is removed afterwards. Exits with the command's exit code, or 77
# (CTest's "skipped") when dbus-run-session or gnome-keyring-daemon is not installed.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [[ "${GATEHOUSE_IN_SECRET_SERVICE:-}" != 1 ]]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-secret-service: $tool is not installed (Debian: dbus, gnome-keyring); skipping" >&2
      exit 77
    fi
  done
  root=$(mktemp -d "${TMPDIR:-/tmp}/gh-secret-service.XXXXXX")
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/home" "$root/data" "$root/config" "$root/runtime"
  chmod 700 "$root/runtime"
  # Re-enter this script inside a private session bus; dbus-run-session ends the bus (and the
  # keyring daemon it activated) when the command returns.
  rc=0
  HOME="$root/home" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" \
    XDG_RUNTIME_DIR="$root/runtime" GATEHOUSE_IN_SECRET_SERVICE=1 \
    dbus-run-session -- "$0" "$@" || rc=$?
  exit "$rc"
fi

# Inside the private bus: start the daemon with the secrets component and create/unlock the
# "login" keyring with a test password (read from stdin).
unset DISPLAY WAYLAND_DISPLAY
eval "$(printf '%s' 'gatehouse-test-keyring' |
  gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
# --unlock daemonises; wait until the Secret Service answers on the bus.
for _ in $(seq 1 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
exec "$@"
