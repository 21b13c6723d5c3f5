#!/usr/bin/env bash
# Issue 16's Pub/Sub benchmark: PUBLISH throughput with 1, 10 and 100 subscribers, Memstone's
# 3-node demo cluster against redis-server in one run on one machine. Prints a Markdown table
# for BENCHMARKS.md ("Pub/Sub (issue 16)"). Run it on a quiet machine:
#   deploy/pubsub-bench.sh
# Each row: SUBS subscribers (redis-cli SUBSCRIBE, output to files) on one channel, then
# redis-benchmark PUBLISH (c=50, pipelined -P 16, SIZE-byte payload) through one gateway.
#   redis-server: every subscriber on the one server.
#   memstone:     subscribers spread round-robin over the three gateways, publisher on node 1,
#                 so two thirds of the deliveries cross the node-to-node bus.
# Columns: PUBLISH ops/s (redis-benchmark), and whether every subscriber received every
# message (delivered/expected, counted from redis-cli's output once it stops growing).
# Environment:
#   N (200000)          PUBLISH requests per run
#   SIZE (64)           payload bytes
#   SUBS_LIST ("1 10 100")
#   BASE_PORT (26379)   Memstone gateways on BASE_PORT..+2 (Raft +1000, admin +2000, metrics +3000)
#   REDIS_PORT (16379)  redis-server's port
#   JAR (node/target/memstone.jar)
# Only 127.0.0.1 is used. Only the processes this script starts are stopped (by PID), and its
# temporary directory is removed, on exit or Ctrl-C.
# Needs: redis-server, redis-benchmark, redis-cli; a built jar (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-200000}
size=${SIZE:-64}
subs_list=${SUBS_LIST:-1 10 100}
base=${BASE_PORT:-26379}
redis_port=${REDIS_PORT:-16379}
jar=${JAR:-node/target/memstone.jar}
command="N=$n SIZE=$size SUBS_LIST=\"$subs_list\" BASE_PORT=$base REDIS_PORT=$redis_port JAR=$jar deploy/pubsub-bench.sh"

work=$(mktemp -d /tmp/memstone-pubsub-bench.XXXXXX)
. deploy/processes.sh
cleanup_on_exit "$work"
log() { echo "[$(date -u +%T)] $*" >&2; }

require_free_ports "$redis_port" $(demo_ports "$base")
[ -f "$jar" ] || { echo "$jar not found (build first: mvn -q package -DskipTests)" >&2; exit 1; }
header=$(bench_header "$command")

# Waits until a port answers PING (up to 180 s).
await_ping() {
  for _ in $(seq 1 180); do
    redis-cli -p "$1" ping >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "nothing answers on port $1" >&2; exit 1
}

# One run: $1 label, $2 subscriber count, $3 publisher port, then the subscribers' ports (cycled).
# Prints "ops/s delivered/expected".
run() {
  local label=$1 subs=$2 pub_port=$3; shift 3
  local ports=("$@") sub_pids=() i channel="bench-$label-$subs"
  for i in $(seq 0 $((subs - 1))); do
    redis-cli -p "${ports[$((i % ${#ports[@]}))]}" SUBSCRIBE "$channel" >"$work/sub-$i" 2>&1 &
    sub_pids+=($!); pids+=($!)
  done
  # Every subscriber counted (PUBSUB NUMSUB is cluster-wide on Memstone).
  for _ in $(seq 1 120); do
    [ "$(redis-cli -p "$pub_port" pubsub numsub "$channel" | tail -1)" = "$subs" ] && break
    sleep 0.5
  done
  local ops
  ops=$(redis-benchmark -p "$pub_port" -n "$n" -c 50 -P 16 -d "$size" --csv PUBLISH "$channel" "$(head -c "$size" /dev/zero | tr '\0' x)" \
    | awk -F'","' 'NR == 2 { gsub(/"/, "", $2); print $2 }')
  # Deliveries end when the output files stop growing (3 lines per message, after 3 for the confirmation).
  local before=-1 now=0
  while [ "$now" != "$before" ]; do
    before=$now
    sleep 2
    now=$(cat "$work"/sub-* | wc -l)
  done
  local delivered=$(( (now / 3) - subs )) expected=$((n * subs))
  for p in "${sub_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -f "$work"/sub-*
  echo "$ops $delivered/$expected"
}

log "redis-server on $redis_port"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
await_ping "$redis_port"

log "memstone demo cluster on $base..$((base + 2))"
# shellcheck disable=SC2086
java ${MEMSTONE_JAVA_OPTS:-} -jar "$jar" demo --base-port "$base" --data "$work/demo" >"$work/demo.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do grep -q "Cluster ready" "$work/demo.log" && break; sleep 1; done
grep -q "Cluster ready" "$work/demo.log" || { echo "demo did not start:" >&2; cat "$work/demo.log" >&2; exit 1; }
log "memstone warm-up"
run warmup 3 "$base" "$base" $((base + 1)) $((base + 2)) >/dev/null

echo "$header"
echo
echo "| subscribers | redis-server PUBLISH/s | delivered | memstone PUBLISH/s | delivered | memstone / redis |"
echo "|---:|---:|---:|---:|---:|---:|"
for subs in $subs_list; do
  log "$subs subscribers: redis-server"
  read -r r_ops r_del < <(run redis "$subs" "$redis_port" "$redis_port")
  log "$subs subscribers: memstone"
  read -r m_ops m_del < <(run memstone "$subs" "$base" "$base" $((base + 1)) $((base + 2)))
  ratio=$(awk -v a="$m_ops" -v b="$r_ops" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "nan" }')
  echo "| $subs | $r_ops | $r_del | $m_ops | $m_del | $ratio |"
done
