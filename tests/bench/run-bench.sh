#!/usr/bin/env bash
# Gateway benchmark: wrk against a fresh gatehoused on loopback.
#   (a) GET /status
#   (b) GET of 10 demo customers with an API key whose role is a non-admin reader
#   (c) the same read under governance: the role's access row carries a row filter with a
#       lookup, two field-masking rules apply (email partial, ssn redact); the audit trail records
#       every request in (a)-(c) alike. Skipped by builds without /system/field_mask.
# Usage: tests/bench/run-bench.sh [duration-seconds=15] [connections=32]
# Needs a build (./setup.sh build) and wrk (apt-get install wrk). Prints a summary table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/wrk-run.sh
DURATION=${1:-15}
CONNECTIONS=${2:-32}
THREADS=2
BIN=${GATEHOUSE_BIN:-build/app/gatehoused}
PORT=${BENCH_PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is not installed (apt-get install jq)" >&2; exit 2; }

DATA=$(mktemp -d)
cleanup() { [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

GATEHOUSE_ADMIN_EMAIL=bench@example.com GATEHOUSE_ADMIN_PASSWORD=bench-password-1 \
  "$BIN" --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level warn >"$DATA/daemon.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/status" >/dev/null && break; sleep 0.1; done

BASE="http://127.0.0.1:$PORT/api/v2"
TOKEN=$(curl -sf -X POST "$BASE/system/admin/session" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | jq -r .session_token)
H="X-DreamFactory-Session-Token: $TOKEN"
DEMO_ID=$(curl -sf -H "$H" "$BASE/system/service" | jq -r '.resource[] | select(.name=="demo") | .id')
ROLE_ID=$(curl -sf -H "$H" -X POST "$BASE/system/role" -H 'Content-Type: application/json' -d "{
  \"resource\":[{\"name\":\"bench_reader\",\"is_active\":true,\"role_service_access_by_role_id\":[
    {\"service_id\":$DEMO_ID,\"component\":\"_table/customers/*\",\"verb_mask\":1,\"requestor_mask\":1}]}]}" \
  | jq -r '.resource[0].id')
KEY=$(curl -sf -H "$H" -X POST "$BASE/system/app" -H 'Content-Type: application/json' \
  -d "{\"resource\":[{\"name\":\"bench\",\"is_active\":true,\"role_id\":$ROLE_ID}]}" | jq -r '.resource[0].api_key')
RECORDS_URL="$BASE/demo/_table/customers?limit=10"
test "$(curl -s -o /dev/null -w '%{http_code}' -H "X-DreamFactory-API-Key: $KEY" "$RECORDS_URL")" = 200

# (c): a governed role, if this build has field masking.
GOV_KEY=
if [[ $(curl -s -o /dev/null -w '%{http_code}' -H "$H" "$BASE/system/field_mask") == 200 ]]; then
  GOV_ROLE=$(curl -sf -H "$H" -X POST "$BASE/system/role" -H 'Content-Type: application/json' -d "{
    \"resource\":[{\"name\":\"bench_governed\",\"is_active\":true,\"role_service_access_by_role_id\":[
      {\"service_id\":$DEMO_ID,\"component\":\"_table/customers/*\",\"verb_mask\":1,\"requestor_mask\":1,
       \"filters\":[{\"name\":\"status\",\"operator\":\"!=\",\"value\":\"{role.name}\"}],\"filter_op\":\"AND\"}]}]}" \
    | jq -r '.resource[0].id')
  curl -sf -H "$H" -X POST "$BASE/system/field_mask" -H 'Content-Type: application/json' -d "{\"resource\":[
    {\"role_id\":$GOV_ROLE,\"service_id\":$DEMO_ID,\"table_name\":\"customers\",\"field\":\"email\",\"mode\":\"partial\",\"keep\":4},
    {\"role_id\":$GOV_ROLE,\"service_id\":$DEMO_ID,\"table_name\":\"customers\",\"field\":\"ssn\",\"mode\":\"redact\"}]}" >/dev/null
  GOV_KEY=$(curl -sf -H "$H" -X POST "$BASE/system/app" -H 'Content-Type: application/json' \
    -d "{\"resource\":[{\"name\":\"bench_governed\",\"is_active\":true,\"role_id\":$GOV_ROLE}]}" | jq -r '.resource[0].api_key')
  # The governed read really is filtered and masked before it is measured.
  SAMPLE=$(curl -sf -H "X-DreamFactory-API-Key: $GOV_KEY" "$RECORDS_URL")
  test "$(jq '.resource | length' <<<"$SAMPLE")" = 10
  test "$(jq -r '.resource[0].ssn' <<<"$SAMPLE")" = '**********'
  jq -r '.resource[0].email' <<<"$SAMPLE" | grep -q '^\*'
fi


bench_header
curl -s "http://127.0.0.1:$PORT/status" >/dev/null
wrk_run status "(a) GET /status" "http://127.0.0.1:$PORT/status"
wrk_run records "(b) GET 10 customers (key)" "$RECORDS_URL" "X-DreamFactory-API-Key: $KEY"
awk -v a="$(cat "$DATA/status.rps")" -v b="$(cat "$DATA/records.rps")" 'BEGIN { printf "(b)/(a) = %.2f\n", b / a }'
if [[ -n $GOV_KEY ]]; then
  wrk_run governed "(c) same, filter+masks" "$RECORDS_URL" "X-DreamFactory-API-Key: $GOV_KEY"
  awk -v b="$(cat "$DATA/records.rps")" -v c="$(cat "$DATA/governed.rps")" \
    'BEGIN { printf "(c)/(b) = %.2f (governance costs %.1f%% of (b)'"'"'s throughput)\n", c / b, (1 - c / b) * 100 }'
  AUDITED=$(curl -sf -H "$H" "$BASE/system/audit?limit=1&include_count=true" | jq -r '.meta.count // empty')
  [[ -n $AUDITED ]] && echo "audit records written during the run: $AUDITED"
fi
echo "peak RSS of gatehoused: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
