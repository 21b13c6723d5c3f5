#!/usr/bin/env bash
# SET/GET throughput of the 3-node demo cluster with 1 shard versus 3 shards on the same nodes,
# with `redis-benchmark --cluster` (keys spread over all slots, each sent to its shard's leader)
# and with a plain client of one gateway; redis-server (appendfsync always) in the same run.
#   deploy/shards-bench.sh [requests]
# Needs: redis-server, redis-benchmark (Debian's redis-server, redis-tools); a built jar (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
port=${BASE_PORT:-26379}
work=$(mktemp -d /tmp/memstone-shards-bench.XXXXXX)
pid=""
stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}
trap 'stop; rm -rf "$work"' EXIT

# prints "SET rps p50 p99" and "GET rps p50 p99" for one redis-benchmark run
bench() {
  redis-benchmark "$@" -t set,get -n "$n" -c 50 -r 1000000 --csv 2>/dev/null | tail -n +2 | tr -d '"' |
    awk -F, '{ printf "%s %.0f %.2f %.2f\n", $1, $2, $5, $7 }'
}

redis-server --port "$port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly yes --appendfsync always \
  --daemonize no >"$work/redis.log" 2>&1 &
pid=$!
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
bench -p "$port" | sed 's/^/redis-server plain /' >>"$work/results"
stop

for shards in 1 3; do
  ./memstone demo --base-port "$port" --data "$work/demo-$shards" --shards "$shards" >"$work/demo-$shards.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "Cluster ready" "$work/demo-$shards.log" && break; sleep 1; done
  grep -q "Cluster ready" "$work/demo-$shards.log" || { cat "$work/demo-$shards.log"; exit 1; }
  # Fresh JVMs spend their first minute compiling: warm up before measuring.
  redis-benchmark --cluster -p "$port" -t set,get -n 100000 -c 50 -r 1000000 >/dev/null 2>&1 || true
  bench --cluster -p "$port" | sed "s/^/memstone-$shards-shard cluster /" >>"$work/results"
  bench -p "$port" | sed "s/^/memstone-$shards-shard plain /" >>"$work/results"
  stop
done

echo "| target | client | test | ops/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
awk '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$work/results"
