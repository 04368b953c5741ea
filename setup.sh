#!/usr/bin/env bash
# Gatehouse developer entry point (Debian 12, run as root or with sudo available).
#   ./setup.sh run    install what is missing, build, start gatehoused on its defaults
#   ./setup.sh test   install what is missing (incl. database servers), build, run every test
#   ./setup.sh build  install build dependencies and build only
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
BUILD_DIR=${GATEHOUSE_BUILD_DIR:-$ROOT/build}

BUILD_PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libgl-dev nlohmann-json3-dev libspdlog-dev
  libsodium-dev qtkeychain-qt6-dev libsqlite3-dev)
# TLS: libssl-dev for the certificate generator (libcrypto); libssl3 is what Qt's OpenSSL TLS
# backend plugin (qt6/plugins/tls/libqopensslbackend.so, shipped in libqt6network6) loads.
BUILD_PACKAGES+=(libssl-dev libssl3)
# LDAP / Active Directory sign-in (engine/services/ldap): OpenLDAP's client library.
BUILD_PACKAGES+=(libldap-dev)
# The console: Qt Charts (dashboard), Qt Svg (icons) and the Linguist tools (translations).
BUILD_PACKAGES+=(qt6-charts-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev)
# Scripted services and event scripts (engine/services/script): Qt's JavaScript engine
# (QJSEngine, in Qt Qml), with its private headers for the script memory limit.
BUILD_PACKAGES+=(qt6-declarative-dev qt6-declarative-private-dev)
# Installers (cmake/Packaging.cmake): dpkg-shlibdeps and file for the DEB, rpmbuild for the RPM.
BUILD_PACKAGES+=(dpkg-dev file rpm)
TEST_PACKAGES=(postgresql mariadb-server sqlite3 procps)
# A real Secret Service for the keychain tests (tests/support/with-secret-service.sh).
TEST_PACKAGES+=(dbus dbus-bin gnome-keyring)
# A real OpenLDAP server for the LDAP sign-in tests (tests/support/LdapTestServer), and its tools.
TEST_PACKAGES+=(slapd ldap-utils)
# Console screenshots under a virtual X server (tests/ui/screenshots.sh).
TEST_PACKAGES+=(xvfb xauth)
# The install test (tests/install): curl for the health check, systemd-analyze and
# desktop-file-validate to check the unit and the desktop entry.
TEST_PACKAGES+=(curl python3 systemd desktop-file-utils)
# The mock LLM provider (tests/support/mock-llm) and the `openai` npm interop tests (tests/interop).
# Debian's nodejs and npm, unless a Node.js with npm is already installed (NodeSource's nodejs
# package bundles npm and conflicts with Debian's).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  TEST_PACKAGES+=(nodejs npm)
fi

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "==> installing: ${missing[*]}"
    as_root apt-get update -qq
    # Services are started by the test script on private ports, never by the package.
    as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  install_packages "${BUILD_PACKAGES[@]}"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

case "${1:-}" in
  run)
    build
    shift
    exec "$BUILD_DIR/app/gatehoused" "$@"
    ;;
  test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build
    # The official `openai` client for the interop tests, pinned by tests/interop/package-lock.json.
    (cd "$ROOT/tests/interop" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
    # The test OpenID provider (oidc-provider, pinned by tests/support/oidc-idp/package-lock.json).
    (cd "$ROOT/tests/support/oidc-idp" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
    trap 'bash "$ROOT/tests/support/start-test-databases.sh" stop >/dev/null 2>&1 || true' EXIT
    eval "$(bash "$ROOT/tests/support/start-test-databases.sh")"
    export GATEHOUSE_TEST_REQUIRE_DATABASES=1
    cd "$BUILD_DIR"
    ctest --output-on-failure --timeout 900
    ;;
  build)
    build
    ;;
  *)
    echo "usage: $0 run|test|build" >&2
    exit 2
    ;;
esac
