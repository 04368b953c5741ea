#!/bin/bash
# The `install` test: builds the DEB from this build tree, installs it into a scratch root and
# runs what it installed.
#
# Why a scratch root and not `dpkg -i`: the test must run as any user on any developer machine
# without changing it. `dpkg -x` unpacks exactly the files `dpkg -i` would; the maintainer
# scripts' real work is in /usr/share/gatehouse/gatehouse-setup.sh, which the test runs with
# GATEHOUSE_ROOT pointing at the scratch root (the systemctl calls around it only run where
# systemd is PID 1). The installed gatehoused then serves from the scratch root's
# /var/lib/gatehouse with the packaged /etc/gatehouse/gatehouse.ini.
#
# Usage: install-deb.sh <build-dir> <expected-version> [<console built: 1|0>]
# Exit 77 (skipped) only when dpkg-deb is missing and GATEHOUSE_TEST_REQUIRE_DATABASES is unset.
set -euo pipefail
build=$1
version=$2
with_console=${3:-1}

fail() { echo "FAIL: $*" >&2; exit 1; }
if ! command -v dpkg-deb >/dev/null || ! command -v cpack >/dev/null; then
    [ -n "${GATEHOUSE_TEST_REQUIRE_DATABASES:-}" ] && fail "dpkg-deb or cpack is missing"
    echo "SKIP: dpkg-deb or cpack is missing"
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-install.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack -G DEB"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/pkg/*.deb)
echo "built $(basename "$deb")"

echo "== control data"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = gatehouse ] || fail "package name is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "version '$(field Version)' != project version '$version'"
depends=$(field Depends)
echo "Depends: $depends"
# dpkg-shlibdeps found the shared libraries; the hand-written run-time plugins are there too.
deps="libqt6core6 libqt6network6 libqt6sql6 libsodium libqt6sql6-sqlite libssl3"
[ "$with_console" = 1 ] && deps="$deps libqt6widgets6 libqt6svg6"
for dep in $deps; do
    [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep"
done
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "$script missing or not executable"
    sh -n "$work/control/$script" || fail "$script has a syntax error"
done
grep -q 'try-restart' "$work/control/postinst" || fail "postinst does not restart on upgrade"
grep -q 'enable gatehoused' "$work/control/postinst" || fail "postinst does not enable the service"
if grep -v '^[[:space:]]*#' "$work/control/postinst" | grep -q 'systemctl start'; then fail "postinst starts the service on install"; fi
if grep -Eq 'rm -r[f]* .*/var/lib/gatehouse' "$work/control/postrm"; then fail "postrm deletes the data"; fi

echo "== unpack into a scratch root"
root="$work/root"
dpkg -x "$deb" "$root"
files="usr/bin/gatehoused usr/lib/systemd/system/gatehoused.service usr/lib/sysusers.d/gatehouse.conf
    usr/share/gatehouse/gatehouse.ini usr/share/gatehouse/gatehouse.ini.example
    usr/share/gatehouse/gatehouse-setup.sh usr/share/doc/gatehouse/README.md"
if [ "$with_console" = 1 ]; then
    files="$files usr/bin/gatehouse usr/share/applications/gatehouse.desktop
        usr/share/icons/hicolor/scalable/apps/gatehouse.svg"
    for size in 16 24 32 48 64 128 256 512; do
        files="$files usr/share/icons/hicolor/${size}x${size}/apps/gatehouse.png"
    done
fi
for f in $files; do
    [ -e "$root/$f" ] || fail "$f is not in the package"
done
unit="$root/usr/lib/systemd/system/gatehoused.service"
for line in 'User=gatehouse' 'StateDirectory=gatehouse' 'ProtectSystem=strict' 'NoNewPrivileges=yes' \
    'Environment=GATEHOUSE_DATA_DIR=/var/lib/gatehouse' 'ExecStart=/usr/bin/gatehoused serve'; do
    grep -qx "$line" "$unit" || fail "unit lacks '$line'"
done
if command -v systemd-analyze >/dev/null; then
    # Checks the unit's syntax; the binary it names lives in the scratch root, not on this host.
    out=$(systemd-analyze verify --man=no "$unit" 2>&1 | grep -v 'is not executable' | grep -v '^$' || true)
    [ -z "$out" ] || fail "systemd-analyze verify: $out"
fi
if [ "$with_console" = 1 ]; then
    desktop="$root/usr/share/applications/gatehouse.desktop"
    if command -v desktop-file-validate >/dev/null; then
        out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop entry invalid: $out"
        [ -z "$out" ] || fail "desktop entry: $out"
    fi
    grep -q '^Icon=gatehouse$' "$desktop" || fail "desktop entry icon"
    grep -q '^Exec=gatehouse$' "$desktop" || fail "desktop entry command"
    # The rendered icons are real PNGs of their nominal size.
    png="$root/usr/share/icons/hicolor/48x48/apps/gatehouse.png"
    [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "48x48 icon is not a PNG"
    [ "$(od -An -tu1 -j16 -N8 "$png" | tr -s ' ' | sed 's/^ //')" = "0 0 0 48 0 0 0 48" ] || fail "48x48 icon has the wrong size"
fi

echo "== maintainer logic (gatehouse-setup.sh on the scratch root)"
GATEHOUSE_ROOT="$root" sh "$root/usr/share/gatehouse/gatehouse-setup.sh"
[ -f "$root/etc/gatehouse/gatehouse.ini" ] || fail "setup did not create /etc/gatehouse/gatehouse.ini"
[ "$(stat -c %a "$root/var/lib/gatehouse")" = 700 ] || fail "/var/lib/gatehouse is not 0700"
# A second run (an upgrade) keeps the admin's settings.
echo "; edited by the admin" >>"$root/etc/gatehouse/gatehouse.ini"
GATEHOUSE_ROOT="$root" sh "$root/usr/share/gatehouse/gatehouse-setup.sh"
grep -q 'edited by the admin' "$root/etc/gatehouse/gatehouse.ini" || fail "setup overwrote the settings"

echo "== run the installed gatehoused"
bin="$root/usr/bin/gatehoused"
out=$("$bin" --version)
echo "$out"
[[ "$out" == *"$version"* ]] || fail "--version printed '$out'"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export GATEHOUSE_DATA_DIR="$root/var/lib/gatehouse" GATEHOUSE_CONFIG="$root/etc/gatehouse/gatehouse.ini"
"$bin" serve --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
body=""
for _ in $(seq 1 150); do
    if body=$(curl --noproxy "*" -fsS "http://127.0.0.1:$port/api/v2/system/environment" 2>/dev/null); then break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "gatehoused exited"; }
    sleep 0.2
done
[ -n "$body" ] || { cat "$work/server.log"; fail "no answer from /api/v2/system/environment"; }
echo "environment: $body"
[[ "$body" == *"\"version\":\"$version\""* ]] || fail "environment does not report version $version"
[ -f "$root/var/lib/gatehouse/system.db" ] || fail "no system database in the packaged data folder"
grep -q 'demo = false' "$root/etc/gatehouse/gatehouse.ini" || fail "packaged config changed"
echo "PASS"
