#!/usr/bin/env bash
# Starts throw-away PostgreSQL 15 and MariaDB servers for the integration tests and prints the
# environment the tests read, ready for eval:
#
#   eval "$(tests/support/start-test-databases.sh)"      # start (or reuse) and export
#   tests/support/start-test-databases.sh stop            # shut down and delete everything
#   tests/support/start-test-databases.sh status          # exit 0 when both are running
#
# Runs as root on Debian 12 (packages postgresql-15 and mariadb-server). Both servers listen on
# 127.0.0.1 only, keep all their files in one temporary directory and never touch the system
# clusters. Progress goes to stderr so that stdout carries only the export lines.
set -euo pipefail

PG_PORT="${GATEHOUSE_TEST_PG_PORT:-55432}"
MY_PORT="${GATEHOUSE_TEST_MY_PORT:-53306}"
STATE_FILE="${GATEHOUSE_TEST_DB_STATE:-/tmp/gatehouse-test-databases.state}"
DB_NAME=gatehouse_test
SYSTEM_DB_NAME=gatehouse_system_test
DB_USER=gatehouse
DB_PASSWORD=gatehouse

log() { echo "start-test-databases: $*" >&2; }
die() {
    log "error: $*"
    exit 1
}

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

print_exports() {
    echo "export GATEHOUSE_TEST_PGSQL=postgresql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${DB_NAME}"
    echo "export GATEHOUSE_TEST_PGSQL_SYSTEM=postgresql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${SYSTEM_DB_NAME}"
    echo "export GATEHOUSE_TEST_MYSQL=mysql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${MY_PORT}/${DB_NAME}"
}

# Reads BASE_DIR, PG_DATA, PG_SOCKET_DIR, MY_DATA, MY_SOCKET, MY_PID_FILE from the state file.
load_state() {
    [[ -f "$STATE_FILE" ]] || return 1
    # The state file is ours and holds only KEY='value' lines; parse it instead of sourcing it.
    local key value
    while IFS='=' read -r key value; do
        value="${value#\'}"
        value="${value%\'}"
        case "$key" in
        BASE_DIR) BASE_DIR="$value" ;;
        PG_DATA) PG_DATA="$value" ;;
        PG_SOCKET_DIR) PG_SOCKET_DIR="$value" ;;
        MY_DATA) MY_DATA="$value" ;;
        MY_SOCKET) MY_SOCKET="$value" ;;
        MY_PID_FILE) MY_PID_FILE="$value" ;;
        esac
    done <"$STATE_FILE"
    [[ -n "${BASE_DIR:-}" ]]
}

pg_running() {
    [[ -n "${PG_DATA:-}" && -f "$PG_DATA/postmaster.pid" ]] || return 1
    local pid
    pid="$(head -n1 "$PG_DATA/postmaster.pid")"
    kill -0 "$pid" 2>/dev/null && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
}

my_running() {
    [[ -n "${MY_PID_FILE:-}" && -f "$MY_PID_FILE" ]] || return 1
    kill -0 "$(cat "$MY_PID_FILE")" 2>/dev/null &&
        mariadb-admin --no-defaults --socket="$MY_SOCKET" -uroot ping >/dev/null 2>&1
}

stop_all() {
    if ! load_state; then
        log "nothing to stop"
        return 0
    fi
    if [[ -n "${PG_DATA:-}" && -f "$PG_DATA/postmaster.pid" ]]; then
        log "stopping PostgreSQL"
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ -n "${MY_PID_FILE:-}" && -f "$MY_PID_FILE" ]]; then
        log "stopping MariaDB"
        local pid
        pid="$(cat "$MY_PID_FILE")"
        mariadb-admin --no-defaults --socket="$MY_SOCKET" -uroot shutdown >/dev/null 2>&1 ||
            kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    # Only ever delete the directory this script created.
    if [[ -n "${BASE_DIR:-}" && "$BASE_DIR" == /tmp/gatehouse-testdb.* && -d "$BASE_DIR" ]]; then
        rm -rf -- "$BASE_DIR"
    fi
    rm -f -- "$STATE_FILE"
}

wait_for() {
    local what="$1"
    shift
    for _ in $(seq 1 300); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    die "$what did not become ready in 30 s (logs in $BASE_DIR)"
}

start_postgres() {
    PG_DATA="$BASE_DIR/pg/data"
    PG_SOCKET_DIR="$BASE_DIR/pg/socket"
    mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
    chown -R postgres:postgres "$BASE_DIR/pg"
    chmod 700 "$PG_DATA"
    log "initialising PostgreSQL in $PG_DATA"
    # trust only on the private unix socket (used below by the postgres OS user to set up);
    # TCP clients must use a password.
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$BASE_DIR/pg/initdb.log" 2>&1 ||
        die "initdb failed, see $BASE_DIR/pg/initdb.log"
    cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
unix_socket_directories = '${PG_SOCKET_DIR}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$BASE_DIR/pg/server.log" -w -t 30 start \
        >/dev/null || die "PostgreSQL did not start, see $BASE_DIR/pg/server.log"
    wait_for PostgreSQL "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
    runuser -u postgres -- "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" \
        -U postgres -d postgres >/dev/null <<EOF
CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}';
CREATE DATABASE ${DB_NAME} OWNER ${DB_USER};
CREATE DATABASE ${SYSTEM_DB_NAME} OWNER ${DB_USER};
GRANT ALL PRIVILEGES ON DATABASE ${DB_NAME} TO ${DB_USER};
GRANT ALL PRIVILEGES ON DATABASE ${SYSTEM_DB_NAME} TO ${DB_USER};
EOF
    # PostgreSQL 15 no longer lets everyone create in "public"; the database owner owns it.
    for db in "$DB_NAME" "$SYSTEM_DB_NAME"; do
        runuser -u postgres -- "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" \
            -U postgres -d "$db" -c "ALTER SCHEMA public OWNER TO ${DB_USER}" >/dev/null
    done
}

start_mariadb() {
    MY_DATA="$BASE_DIR/mysql/data"
    MY_SOCKET="$BASE_DIR/mysql/mysqld.sock"
    MY_PID_FILE="$BASE_DIR/mysql/mysqld.pid"
    mkdir -p "$MY_DATA"
    chown -R mysql:mysql "$BASE_DIR/mysql"
    log "initialising MariaDB in $MY_DATA"
    # --no-defaults keeps the system my.cnf (socket path, bind address, datadir) out of the way.
    mariadb-install-db --no-defaults --user=mysql --datadir="$MY_DATA" --auth-root-authentication-method=socket \
        --skip-test-db >"$BASE_DIR/mysql/install.log" 2>&1 ||
        die "mariadb-install-db failed, see $BASE_DIR/mysql/install.log"
    # setsid + nohup: the server must outlive this script and the shell that ran it.
    setsid nohup mariadbd --no-defaults --user=mysql --datadir="$MY_DATA" --socket="$MY_SOCKET" \
        --pid-file="$MY_PID_FILE" --port="$MY_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
        --log-error="$BASE_DIR/mysql/server.log" --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
        --max-connections=200 </dev/null >/dev/null 2>&1 &
    wait_for MariaDB mariadb-admin --no-defaults --socket="$MY_SOCKET" -uroot ping
    wait_for "MariaDB pid file" test -s "$MY_PID_FILE"
    mariadb --no-defaults --socket="$MY_SOCKET" -uroot <<EOF
CREATE DATABASE IF NOT EXISTS ${DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}';
CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
GRANT ALL PRIVILEGES ON ${DB_NAME}.* TO '${DB_USER}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON ${DB_NAME}.* TO '${DB_USER}'@'localhost';
FLUSH PRIVILEGES;
EOF
}

write_state() {
    local tmp="$STATE_FILE.tmp.$$"
    {
        echo "BASE_DIR='$BASE_DIR'"
        echo "PG_DATA='$PG_DATA'"
        echo "PG_SOCKET_DIR='$PG_SOCKET_DIR'"
        echo "MY_DATA='$MY_DATA'"
        echo "MY_SOCKET='$MY_SOCKET'"
        echo "MY_PID_FILE='$MY_PID_FILE'"
    } >"$tmp"
    mv -f -- "$tmp" "$STATE_FILE"
}

start_all() {
    [[ "$(id -u)" == 0 ]] || die "must run as root (it starts the servers as the postgres and mysql users)"
    command -v mariadbd >/dev/null || die "mariadbd not found (apt-get install mariadb-server)"
    if load_state; then
        if pg_running && my_running; then
            log "already running (state in $STATE_FILE)"
            print_exports
            return 0
        fi
        log "found a stale or half-running set; restarting"
        stop_all
    fi
    for port in "$PG_PORT" "$MY_PORT"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die "port $port is already in use by something this script did not start"
        fi
    done
    BASE_DIR="$(mktemp -d /tmp/gatehouse-testdb.XXXXXX)"
    # The servers run as postgres and mysql and must be able to reach their subdirectories.
    chmod 755 "$BASE_DIR"
    PG_DATA="" PG_SOCKET_DIR="" MY_DATA="" MY_SOCKET="" MY_PID_FILE=""
    # Record the directory at once so that `stop` can clean up after a failed start.
    write_state
    start_postgres
    write_state
    start_mariadb
    write_state
    log "PostgreSQL on 127.0.0.1:$PG_PORT, MariaDB on 127.0.0.1:$MY_PORT (state in $STATE_FILE)"
    print_exports
}

PG_BIN="$(find_pg_bin)" || die "PostgreSQL server binaries not found (apt-get install postgresql-15)"

case "${1:-start}" in
start) start_all ;;
stop) stop_all ;;
status)
    load_state && pg_running && my_running && {
        log "running"
        exit 0
    }
    log "not running"
    exit 1
    ;;
env | exports) print_exports ;;
*)
    echo "usage: $0 [start|stop|status|env]" >&2
    exit 2
    ;;
esac
