#!/usr/bin/env bash
# Identity benchmark: what an identity provider's bearer token costs per request.
#   (b) GET of 10 demo customers with an API key (the app's role)
#   (e) the same read with an OpenID provider's RS256 access token and no API key: the oidc
#       service verifies the signature against its cached JWKS, maps the person's groups to the
#       same role and finds the user already provisioned (no database write per request)
#   (f) the same read with a Gatehouse session token (a local user) and the API key, for
#       comparison with the other per-request credential
# Usage: tests/bench/run-identity-bench.sh [duration-seconds=10] [connections=32]
# Needs a build (./setup.sh build), wrk and jq, Node.js and `npm ci` in tests/support/oidc-idp.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
THREADS=2
BIN=${GATEHOUSE_BIN:-build/app/gatehoused}
PORT=${BENCH_PORT:-18081}
for tool in wrk jq node; do
  command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done
[[ -d tests/support/oidc-idp/node_modules/oidc-provider ]] || {
  echo "run: (cd tests/support/oidc-idp && npm ci)" >&2; exit 2; }

DATA=$(mktemp -d)
cleanup() {
  [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n ${IDP_PID:-} ]] && kill "$IDP_PID" 2>/dev/null && wait "$IDP_PID" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT

node tests/support/oidc-idp/idp.mjs --port 0 >"$DATA/idp.log" 2>&1 &
IDP_PID=$!
for _ in $(seq 100); do grep -q OIDC_IDP_READY "$DATA/idp.log" && break; sleep 0.1; done
ISSUER=$(sed -n 's/.*OIDC_IDP_READY issuer=\([^ ]*\) .*/\1/p' "$DATA/idp.log")
[[ -n $ISSUER ]] || { cat "$DATA/idp.log" >&2; exit 1; }

GATEHOUSE_ADMIN_EMAIL=bench@example.com GATEHOUSE_ADMIN_PASSWORD=bench-password-1 \
  "$BIN" --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level warn >"$DATA/daemon.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/status" >/dev/null && break; sleep 0.1; done

BASE="http://127.0.0.1:$PORT/api/v2"
post() { curl -sf -H "$H" -X POST "$BASE/$1" -H 'Content-Type: application/json' -d "$2"; }
TOKEN=$(curl -sf -X POST "$BASE/system/admin/session" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | jq -r .session_token)
H="X-DreamFactory-Session-Token: $TOKEN"
DEMO_ID=$(curl -sf -H "$H" "$BASE/system/service" | jq -r '.resource[] | select(.name=="demo") | .id')
ROLE_ID=$(post system/role "{\"resource\":[{\"name\":\"bench_reader\",\"is_active\":true,
  \"role_service_access_by_role_id\":[{\"service_id\":$DEMO_ID,\"component\":\"_table/customers/*\",
  \"verb_mask\":1,\"requestor_mask\":1}]}]}" | jq -r '.resource[0].id')
APP=$(post system/app "{\"resource\":[{\"name\":\"bench\",\"is_active\":true,\"role_id\":$ROLE_ID}]}")
KEY=$(jq -r '.resource[0].api_key' <<<"$APP")
APP_ID=$(jq -r '.resource[0].id' <<<"$APP")
post system/service "{\"resource\":[{\"name\":\"sso\",\"type\":\"oidc\",\"config\":{
  \"issuer\":\"$ISSUER\",\"client_id\":\"gatehouse\",\"client_secret\":\"gatehouse-test-secret\",
  \"audience\":\"bench-api\",\"app_id\":$APP_ID,
  \"group_role_map\":[{\"group\":\"analysts\",\"role_id\":$ROLE_ID}]}}]}" >/dev/null
BEARER=$(curl -sf -X POST "$ISSUER/__test/token" -H 'Content-Type: application/json' \
  -d '{"account":"alice","aud":"bench-api","exp":3600}' | jq -r .token)
post system/user "{\"resource\":[{\"email\":\"user@example.com\",\"name\":\"User\",\"password\":\"user-password-1\",
  \"is_active\":true}]}" >/dev/null
SESSION=$(curl -sf -X POST "$BASE/user/session" -H "X-DreamFactory-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"email":"user@example.com","password":"user-password-1"}' | jq -r .session_token)

URL="$BASE/demo/_table/customers?limit=10"
for header in "X-DreamFactory-API-Key: $KEY" "Authorization: Bearer $BEARER"; do
  test "$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$URL")" = 200
done

run() { # name header [header]
  local out args=(-t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  for h in "${@:2}"; do args+=(-H "$h"); done
  out=$(wrk "${args[@]}" "$URL")
  printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(grep -E 'Non-2xx|Socket errors' <<<"$out" || echo 'no errors')"
}

echo "gatehoused $("$BIN" --version | awk '{print $2}') on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per run"
curl -s -o /dev/null "$URL" -H "Authorization: Bearer $BEARER" # warm the JWKS cache and the user
run "(b) API key" "X-DreamFactory-API-Key: $KEY"
run "(e) IdP bearer token (RS256)" "Authorization: Bearer $BEARER"
run "(f) session token + API key" "X-DreamFactory-API-Key: $KEY" "X-DreamFactory-Session-Token: $SESSION"
