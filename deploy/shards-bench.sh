#!/usr/bin/env bash
# SET/GET throughput of the 3-node demo cluster with 1 shard versus 3 shards on the same nodes;
# redis-server (appendfsync always) in the same run.
#   deploy/shards-bench.sh [requests]
# Clients: "plain" is one redis-benchmark (c=50) on node 1's gateway; "3 gateways" is one
# redis-benchmark (c=17) on each gateway at once, throughputs added; "cluster" is
# redis-benchmark --cluster (each key sent to its shard's leader), which refuses a cluster of a
# single master, so it runs for 3 shards only.
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

# One redis-benchmark run; prints "TEST rps p50 p99" per test.
bench() {
  # --cluster first lists the masters: keep the CSV rows only
  redis-benchmark "$@" -t set,get -r 1000000 --csv 2>/dev/null | grep -E '^"(SET|GET)"' | tr -d '"' |
    awk -F, '{ printf "%s %.0f %.2f %.2f\n", $1, $2, $5, $7 }'
}

# One redis-benchmark per gateway at once; prints "TEST summed-rps worst-p50 worst-p99" per test.
bench_all_gateways() {
  for i in 0 1 2; do bench -p $((port + i)) -c 17 -n $((n / 3)) >"$work/part-$i" & done
  wait
  cat "$work"/part-* | awk '{ r[$1]+=$2; if ($3>p50[$1]) p50[$1]=$3; if ($4>p99[$1]) p99[$1]=$4 }
    END { for (t in r) printf "%s %.0f %.2f %.2f\n", t, r[t], p50[t], p99[t] }' | sort -r
}

redis-server --port "$port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly yes --appendfsync always \
  --daemonize no >"$work/redis.log" 2>&1 &
pid=$!
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
bench -p "$port" -c 50 -n "$n" | sed 's/^/redis-server plain /' >>"$work/results"
stop

for shards in 1 3; do
  ./memstone demo --base-port "$port" --data "$work/demo-$shards" --shards "$shards" >"$work/demo-$shards.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "Cluster ready" "$work/demo-$shards.log" && break; sleep 1; done
  grep -q "Cluster ready" "$work/demo-$shards.log" || { cat "$work/demo-$shards.log"; exit 1; }
  # Fresh JVMs spend their first minute compiling: warm up before measuring.
  redis-benchmark -p "$port" -t set,get -n 100000 -c 50 -P 16 -r 1000000 >/dev/null 2>&1
  bench -p "$port" -c 50 -n "$n" | sed "s/^/memstone-$shards-shard plain /" >>"$work/results"
  bench_all_gateways | sed "s/^/memstone-$shards-shard 3-gateways /" >>"$work/results"
  if [ "$shards" -gt 1 ]; then
    bench --cluster -p "$port" -c 50 -n "$n" | sed "s/^/memstone-$shards-shard cluster /" >>"$work/results"
  fi
  stop
done

echo "| target | client | test | ops/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
awk '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$work/results"
