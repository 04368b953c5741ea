#!/bin/sh
# Shared by the DEB and RPM maintainer scripts (installed as
# /usr/share/gatehouse/gatehouse-setup.sh): creates the `gatehouse` system user, the data and
# config folders and the config file. Idempotent; never touches existing data or settings.
# ROOT (default empty) prefixes every path, so the install test can run it on a scratch root.
set -e
ROOT="${GATEHOUSE_ROOT:-}"
DATA_DIR="$ROOT/var/lib/gatehouse"
CONF_DIR="$ROOT/etc/gatehouse"
TEMPLATE="$ROOT/usr/share/gatehouse/gatehouse.ini"

create_user() {
    [ -n "$ROOT" ] && return 0 # a scratch root has no user database of its own
    getent passwd gatehouse >/dev/null 2>&1 && return 0
    if command -v systemd-sysusers >/dev/null 2>&1 && [ -f /usr/lib/sysusers.d/gatehouse.conf ]; then
        systemd-sysusers /usr/lib/sysusers.d/gatehouse.conf && return 0
    fi
    nologin=/usr/sbin/nologin
    [ -x "$nologin" ] || nologin=/sbin/nologin
    useradd --system --user-group --home-dir /var/lib/gatehouse --no-create-home \
        --shell "$nologin" --comment "Gatehouse AI data gateway" gatehouse
}

owner() {
    # chown only when the user exists (always, except on a scratch root).
    if getent passwd gatehouse >/dev/null 2>&1 && [ -z "$ROOT" ]; then
        chown "$@"
    fi
}

create_user
mkdir -p "$DATA_DIR" "$CONF_DIR"
chmod 0700 "$DATA_DIR"
owner gatehouse:gatehouse "$DATA_DIR"
if [ ! -e "$CONF_DIR/gatehouse.ini" ]; then
    cp "$TEMPLATE" "$CONF_DIR/gatehouse.ini"
fi
# The service saves settings changed in the console here (atomic rename: the folder too).
chmod 0770 "$CONF_DIR"
chmod 0660 "$CONF_DIR/gatehouse.ini"
owner root:gatehouse "$CONF_DIR" "$CONF_DIR/gatehouse.ini"
