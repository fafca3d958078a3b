#!/usr/bin/env bash
# Scrapes one service node with Prometheus (Debian's package) while bench/run puts its load on it,
# then takes headless-Chromium screenshots of Prometheus' graph page for the send-to-ack p99,
# deliveries/s and refused sends/s. Refusals come from ops/load/load.js, run beside the benchmark
# (the benchmark itself sends nothing that is refused).
#   ops/screenshots/capture.sh [bench/run arguments, default: --scenarios=fanout,ingest --fanout-sizes=100,1000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
command -v prometheus >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus </dev/null
command -v chromium >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium </dev/null
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="${BENCH_JAR:-target/groupchat.jar}"
PORT="${BENCH_PORT:-18080}" PROM_PORT="${PROM_PORT:-19090}"
WORK="$(mktemp -d)"
export GROUPCHAT_JWT_SECRET="capture-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-0123456789"
GROUPCHAT_JWT_SECRET="$GROUPCHAT_JWT_SECRET" "$JAVA_HOME/bin/java" -jar "$JAR" token prometheus --roles=ops --ttl=P1D > "$WORK/token"
cat > "$WORK/prometheus.yml" <<YML
global: {scrape_interval: 5s, evaluation_interval: 5s}
scrape_configs:
  - job_name: groupchat
    metrics_path: /actuator/prometheus
    authorization: {type: Bearer, credentials_file: $WORK/token}
    static_configs: [{targets: ["127.0.0.1:$PORT"]}]
YML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM=$!
trap 'kill $PROM $LOAD 2>/dev/null || true' EXIT
LOAD=""
START=$(date +%s)
# load.js starts once the benchmark's service answers, and runs for 150 s beside it
( for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
  sleep 20; NODE_PATH="$ROOT/bench/peer/node_modules" node ops/load/load.js "http://127.0.0.1:$PORT" "$GROUPCHAT_JWT_SECRET" 150 >"$WORK/load.log" 2>&1 ) &
LOAD=$!
if [[ $# -eq 0 ]]; then set -- --scenarios=fanout,ingest --fanout-sizes=100,1000; fi
BENCH_OUT="${BENCH_OUT:-$WORK/bench}" bench/run "$@"
END=$(date +%s)
wait "$LOAD" || true
sleep 6
RANGE=$(( (END - START) / 60 + 2 ))m
END_ISO=$(date -u -d "@$((END + 30))" +%Y-%m-%dT%H:%M:%SZ)
shot() {
  local name=$1 expr=$2
  local url="http://127.0.0.1:$PROM_PORT/graph?g0.expr=$(printf %s "$expr" | jq -sRr @uri)&g0.tab=0&g0.stacked=0&g0.range_input=$RANGE&g0.end_input=$END_ISO&g0.moment_input=$END_ISO"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,900 \
    --virtual-time-budget=15000 --screenshot="ops/screenshots/$name.png" "$url" >/dev/null 2>&1
  echo "ops/screenshots/$name.png: $expr"
}
shot send-ack-p99 'histogram_quantile(0.99, sum by (le, transport) (rate(groupchat_send_ack_seconds_bucket[30s])))'
shot deliveries-per-second 'sum(rate(groupchat_deliveries_total[30s]))'
shot refused-sends-per-second 'sum by (reason) (rate(groupchat_sends_refused_total[30s]))'
echo "window: $(date -u -d "@$START" +%H:%M:%S)–$(date -u -d "@$END" +%H:%M:%S) UTC; load.js: $(tail -1 "$WORK/load.log" 2>/dev/null)"
