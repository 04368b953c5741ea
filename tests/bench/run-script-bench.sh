#!/usr/bin/env bash
# Remote HTTP services and scripts: wrk against a fresh gatehoused on loopback.
#   (b)  GET of 10 demo customers with an API key (the record read of run-bench.sh, for scale)
#   (u)  a small JSON answer straight from a local upstream (node's http module)
#   (r)  the same answer through an rws service (egress check, parameter injection, proxying)
#   (rc) the same through an rws service with a GET cache
#   (s)  a scripted service that returns an object (a fresh QJSEngine per run)
#   (sa) a scripted service that reads the 10 customers through platform.api (in-process)
#   (e)  the read of (b) with a pre_process event script on it
# Usage: tests/bench/run-script-bench.sh [duration-seconds=10] [connections=32]
# Needs a build (./setup.sh build), wrk, jq and node. Prints a summary table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/wrk-run.sh
DURATION=${1:-10}
CONNECTIONS=${2:-32}
THREADS=2
BIN=${GATEHOUSE_BIN:-build/app/gatehoused}
PORT=${BENCH_PORT:-18080}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18081}
for tool in wrk jq node; do
  command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

DATA=$(mktemp -d)
cleanup() {
  [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n ${UPID:-} ]] && kill "$UPID" 2>/dev/null && wait "$UPID" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT

# The upstream: ten records of JSON, the size of the customers read.
node -e '
const body = JSON.stringify({items: Array.from({length: 10}, (_, i) =>
  ({id: i + 1, name: "Item " + (i + 1), sku: "SKU-" + (1000 + i), price: 9.5 + i, tags: ["a", "b"]}))});
require("http").createServer((req, res) => {
  res.writeHead(200, {"Content-Type": "application/json", "Content-Length": Buffer.byteLength(body)});
  res.end(body);
}).listen(+process.argv[1], "127.0.0.1");' "$UPSTREAM_PORT" &
UPID=$!

GATEHOUSE_ADMIN_EMAIL=bench@example.com GATEHOUSE_ADMIN_PASSWORD=bench-password-1 \
  "$BIN" --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level warn >"$DATA/daemon.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/status" >/dev/null && break; sleep 0.1; done
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$UPSTREAM_PORT/" >/dev/null && break; sleep 0.1; done

BASE="http://127.0.0.1:$PORT/api/v2"
TOKEN=$(curl -sf -X POST "$BASE/system/admin/session" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | jq -r .session_token)
H="X-DreamFactory-Session-Token: $TOKEN"
post() { curl -sf -H "$H" -X POST "$BASE/$1" -H 'Content-Type: application/json' -d "$2"; }
service() { post system/service "{\"resource\":[$1]}" | jq -r '.resource[0].id'; }

DEMO_ID=$(curl -sf -H "$H" "$BASE/system/service" | jq -r '.resource[] | select(.name=="demo") | .id')
UP_ID=$(service "{\"name\":\"up\",\"type\":\"rws\",\"config\":{\"base_url\":\"http://127.0.0.1:$UPSTREAM_PORT\",
  \"allowed_hosts\":[\"127.0.0.1:$UPSTREAM_PORT\"],\"parameters\":[{\"name\":\"tenant\",\"value\":\"bench\",\"outbound\":true}]}}")
UPC_ID=$(service "{\"name\":\"upc\",\"type\":\"rws\",\"config\":{\"base_url\":\"http://127.0.0.1:$UPSTREAM_PORT\",
  \"allowed_hosts\":[\"127.0.0.1:$UPSTREAM_PORT\"],\"cache_ttl\":60}}")
HELLO_ID=$(service '{"name":"hello","type":"script","config":{"content":
  "return {ok: true, method: event.request.method, at: new Date().toISOString()};"}}')
READ_ID=$(service '{"name":"reader","type":"script","config":{"content":
  "var r = platform.api.get(\"demo/_table/customers\", null, {parameters: {limit: 10}});\nreturn {status_code: r.status_code, content: r.content};"}}')
rule() { echo "{\"service_id\":$1,\"component\":\"$2\",\"verb_mask\":1,\"requestor_mask\":$3}"; }
ROLE_ID=$(post system/role "{\"resource\":[{\"name\":\"bench_reader\",\"is_active\":true,\"role_service_access_by_role_id\":[
  $(rule "$DEMO_ID" '_table/customers/*' 3), $(rule "$UP_ID" '*' 1), $(rule "$UPC_ID" '*' 1),
  $(rule "$HELLO_ID" '*' 1), $(rule "$READ_ID" '*' 1)]}]}" | jq -r '.resource[0].id')
KEY=$(post system/app "{\"resource\":[{\"name\":\"bench\",\"is_active\":true,\"role_id\":$ROLE_ID}]}" \
  | jq -r '.resource[0].api_key')
K="X-DreamFactory-API-Key: $KEY"

# Each scenario answers correctly before it is measured.
RECORDS_URL="$BASE/demo/_table/customers?limit=10"
test "$(curl -sf -H "$K" "$RECORDS_URL" | jq '.resource | length')" = 10
test "$(curl -sf -H "$K" "$BASE/up/items" | jq '.items | length')" = 10
test "$(curl -sf -H "$K" "$BASE/upc/items" | jq '.items | length')" = 10
test "$(curl -sf -H "$K" "$BASE/hello" | jq -r .ok)" = true
test "$(curl -sf -H "$K" "$BASE/reader" | jq '.resource | length')" = 10


bench_header
wrk_run records "(b) GET 10 customers (key)" "$RECORDS_URL" "$K"
wrk_run upstream "(u) upstream directly" "http://127.0.0.1:$UPSTREAM_PORT/items"
wrk_run rws "(r) rws proxy" "$BASE/up/items" "$K"
wrk_run rwscache "(rc) rws proxy, GET cache" "$BASE/upc/items" "$K"
wrk_run script "(s) scripted service" "$BASE/hello" "$K"
wrk_run scriptapi "(sa) script + platform.api read" "$BASE/reader" "$K"
post system/event_script '{"resource":[{"name":"demo._table.customers.get.pre_process",
  "content":"if (event.request.parameters.limit > 100) event.response = {status_code: 400, content: {error: \"too many\"}};"}]}' >/dev/null
test "$(curl -s -o /dev/null -w '%{http_code}' -H "$K" "$BASE/demo/_table/customers?limit=101")" = 400
wrk_run event "(e) (b) with a pre_process script" "$RECORDS_URL" "$K"
echo "peak RSS of gatehoused: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
