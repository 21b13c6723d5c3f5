#!/usr/bin/env bash
# Same run, same machine, alternating: redis-server (appendonly yes, appendfsync always) versus
# the Memstone 3-node demo cluster, with redis-benchmark. Prints a Markdown table for BENCHMARKS.md.
#   deploy/benchmark.sh [rounds] [log-payloads: rocksdb|segmented]
# SHARDS=N (default 1: one Raft group, as these figures were first taken) sets the demo's shards;
# deploy/shards-bench.sh compares 1 and 3 shards with cluster clients.
# Needs: redis-server, redis-benchmark (Debian's redis-server, redis-tools); a built jar (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
payloads=${2:-rocksdb}
redis_port=${REDIS_PORT:-16379}
memstone_port=${MEMSTONE_PORT:-26379}
n=${N:-200000}
shards=${SHARDS:-1}
work=$(mktemp -d /tmp/memstone-bench.XXXXXX)
redis_pid=""; demo_pid=""
cleanup() {
  # Every step runs even if one fails (wait returns the killed process' status).
  for pid in $demo_pid $redis_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

for port in "$redis_port" "$memstone_port"; do
  if redis-cli -p "$port" ping >/dev/null 2>&1; then echo "port $port is in use" >&2; exit 1; fi
done
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" \
  --appendonly yes --appendfsync always --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
  kill -0 "$redis_pid" 2>/dev/null || { echo "redis-server did not start:" >&2; cat "$work/redis.log" >&2; exit 1; }
  sleep 0.2
done
./memstone demo --base-port "$memstone_port" --data "$work/memstone" --log-payloads "$payloads" --shards "$shards" >"$work/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 1 120); do grep -q "Cluster ready" "$work/demo.log" && break; sleep 1; done
grep -q "Cluster ready" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }

# Fresh JVMs spend their first minute compiling: warm Memstone up before anything is measured.
redis-benchmark -p "$memstone_port" -t set,get,incr,mset -n 300000 -c 50 -P 16 >/dev/null 2>&1
redis-benchmark -p "$memstone_port" -t set,get -n 50000 -c 50 >/dev/null 2>&1

# name | Memstone gateway (0: node 1, the preferred leader; 1: node 2, a follower) | redis-benchmark options
cases=("c=50|0|-c 50 -n $n" "c=50 P=16|0|-c 50 -P 16 -n $n" "c=1|0|-c 1 -n $((n / 10))"
       "c=50 via a follower|1|-c 50 -n $((n / 2))")
results="$work/results.csv"
for round in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name gateway opts <<<"$c"
    for target in redis memstone; do
      port=$redis_port; [ "$target" = memstone ] && port=$((memstone_port + gateway))
      # shellcheck disable=SC2086
      redis-benchmark -p "$port" -t set,get $opts --csv 2>/dev/null | tail -n +2 | tr -d '"' |
        while IFS=, read -r test rps avg min p50 p95 p99 max; do
          echo "$round,$name,$target,$test,$rps,$p50,$p99"
        done >>"$results"
    done
  done
done

echo "| case | test | redis aof-always ops/s | p50 / p99 ms | memstone ($payloads) ops/s | p50 / p99 ms | ratio |"
echo "|---|---|---|---|---|---|---|"
awk -F, '
  { key=$2 "|" $4; rps[key,$3]+=$5; p50[key,$3]+=$6; p99[key,$3]+=$7; cnt[key,$3]++; keys[key]=1 }
  END {
    for (k in keys) {
      split(k, a, "|");
      r=rps[k,"redis"]/cnt[k,"redis"]; m=rps[k,"memstone"]/cnt[k,"memstone"];
      printf "| %s | %s | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.2fx |\n", a[1], a[2], r,
        p50[k,"redis"]/cnt[k,"redis"], p99[k,"redis"]/cnt[k,"redis"], m,
        p50[k,"memstone"]/cnt[k,"memstone"], p99[k,"memstone"]/cnt[k,"memstone"], m/r
    }
  }' "$results" | sort
