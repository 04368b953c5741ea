# Sourced by the benchmark scripts. Expects THREADS, CONNECTIONS, DURATION and DATA (a folder).
# wrk_run id name url [header]: one wrk run, a summary line on stdout, wrk's output in
# $DATA/<id>.txt and the requests per second in $DATA/<id>.rps.
wrk_run() {
  local out
  if [[ -n ${4:-} ]]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$4" "$3")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$3")
  fi
  echo "$out" >"$DATA/$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
  printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$2" "$rps" "$p50" "$p99" "${errors:-no errors}"
  echo "$rps" >"$DATA/$1.rps"
}

# The line that names the build and the machine.
bench_header() {
  echo "gatehoused $("$BIN" --version | awk '{print $2}') on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
}
