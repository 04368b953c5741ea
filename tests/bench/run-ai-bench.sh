#!/usr/bin/env bash
# LLM gateway benchmark: gatehoused's OpenAI drop-in in front of the mock provider, against the
# mock directly. Targets (issue 4): added latency p50 <= 1 ms and p99 <= 3 ms at 500 req/s
# non-streaming; >= 3,000 req/s sustained; 1,000 concurrent 2-second streams all complete with
# RSS <= 300 MB and time-to-first-token overhead p99 <= 20 ms.
# Usage: tests/bench/run-ai-bench.sh [duration-seconds=15] [streams=1000]
# Needs a build (./setup.sh build), node (the mock provider and the stream client), wrk (the
# non-streaming load), curl and jq. 1,000 streams start over 1 s (RAMP_MS) and last 2 s each.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15}
STREAMS=${2:-1000}
BIN=${GATEHOUSE_BIN:-build/app/gatehoused}
PORT=${BENCH_PORT:-18090}
for tool in node wrk curl jq; do command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 2; }; done

# PIN=1 keeps the load side (mock provider and client) on CPU 0 and gatehoused on CPU 1, so that
# on a 2-core machine the gateway's added latency is not mostly the three processes' contention.
LOAD_CPU=() GATE_CPU=()
if [[ ${PIN:-} == 1 ]]; then LOAD_CPU=(taskset -c 0) GATE_CPU=(taskset -c 1); fi

DATA=$(mktemp -d)
cleanup() {
  [[ -n ${PID:-} ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n ${MOCK_PID:-} ]] && kill "$MOCK_PID" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

"${LOAD_CPU[@]}" node tests/support/mock-llm/mock-llm.mjs >"$DATA/mock.out" 2>&1 &
MOCK_PID=$!
for _ in $(seq 100); do grep -q MOCK_LLM_PORT "$DATA/mock.out" && break; sleep 0.1; done
MOCK_URL="http://127.0.0.1:$(sed -n 's/^MOCK_LLM_PORT=//p' "$DATA/mock.out")"

GATEHOUSE_ADMIN_EMAIL=bench@example.com GATEHOUSE_ADMIN_PASSWORD=bench-password-1 \
  "${GATE_CPU[@]}" "$BIN" --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level warn --no-demo >"$DATA/daemon.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/status" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT/api/v2"
TOKEN=$(curl -sf -X POST "$BASE/system/admin/session" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | jq -r .session_token)
H="X-DreamFactory-Session-Token: $TOKEN"
SVC=$(curl -sf -H "$H" -X POST "$BASE/system/service" -H 'Content-Type: application/json' -d "{\"resource\":[
  {\"name\":\"bench_ai\",\"type\":\"ai\",\"is_active\":true,\"config\":{\"provider\":\"openai\",
   \"base_url\":\"$MOCK_URL/v1\",\"api_key\":\"mock-key\",\"default_model\":\"gpt-4o-mini\",
   \"input_price_per_1k\":0.00015,\"output_price_per_1k\":0.0006}}]}" | jq -r '.resource[0].id')
curl -sf -H "$H" -X POST "$BASE/system/ai_alias" -H 'Content-Type: application/json' \
  -d "{\"resource\":[{\"alias\":\"bench\",\"service_id\":$SVC,\"model\":\"gpt-4o-mini\"}]}" >/dev/null
ROLE=$(curl -sf -H "$H" -X POST "$BASE/system/role" -H 'Content-Type: application/json' -d "{
  \"resource\":[{\"name\":\"bench_ai\",\"is_active\":true,\"role_service_access_by_role_id\":[
    {\"service_id\":$SVC,\"component\":\"*\",\"verb_mask\":31,\"requestor_mask\":1}]}]}" | jq -r '.resource[0].id')
KEY=$(curl -sf -H "$H" -X POST "$BASE/system/app" -H 'Content-Type: application/json' \
  -d "{\"resource\":[{\"name\":\"bench_ai\",\"is_active\":true,\"role_id\":$ROLE}]}" | jq -r '.resource[0].api_key')
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "$BASE/_ai/v1/chat/completions")" = 200

echo "gatehoused $("$BIN" --version | awk '{print $2}') on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
CPU_BEFORE=$(cpu_ticks)
GATEHOUSE_URL="http://127.0.0.1:$PORT" GATEHOUSE_API_KEY="$KEY" MOCK_LLM_URL="$MOCK_URL" GATEHOUSED_PID=$PID \
  DURATION=$DURATION STREAMS=$STREAMS STREAMS_ONLY=${STREAMS_ONLY:-} "${LOAD_CPU[@]}" node tests/bench/ai/ai-bench.mjs
echo "CPU time of gatehoused over the measured runs: $(( ($(cpu_ticks) - CPU_BEFORE) * 1000 / $(getconf CLK_TCK) )) ms"
echo "peak RSS of gatehoused over the whole run: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
