#!/usr/bin/env bash
# Issue 7's durability figures on ~1 GB of data, with redis-server's RDB save and load of the
# same data in the same run:
#   1. redis-server: load the data (redis-cli --pipe), SAVE (time, dump.rdb size), restart, time to PONG.
#   2. a 3-node Memstone cluster (SHARDS groups, each replicated on all three nodes, so every node
#      holds the whole data set): load the same data, then writes go on (redis-benchmark SETs over
#      the loaded keys) so snapshots of the whole data set are taken: their write time, size and
#      longest engine lock hold (node log), and a probe's SET latency inside and outside snapshots.
#   3. kill -9 node 3, restart it: time until its gateway answers (snapshots loaded) and until
#      every group on it has applied the commit index it had at the kill (log replayed).
#   deploy/restart-bench.sh
# Environment: KEYS (default 5000000), SHARDS (3, the default cluster), VALUE_BYTES (100), HEAP per node JVM (4g), JAVA_GC (GC
# options for the nodes, default: the memstone launcher's), SNAPSHOT_EVERY (entries, 2000),
# PROBE_SECONDS (60), BENCH_CLIENTS (redis-benchmark's connections writing beside the probe, 4:
# enough to keep snapshots coming, few enough that the probe measures snapshots, not queueing), REDIS_PORT (17379), MEMSTONE_PORT (27379).
# Needs a built jar (mvn -q package -DskipTests), redis-server, redis-cli, redis-benchmark, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
keys=${KEYS:-5000000}
value_bytes=${VALUE_BYTES:-100}
heap=${HEAP:-4g}
shards=${SHARDS:-3}
snapshot_every=${SNAPSHOT_EVERY:-2000}
probe_seconds=${PROBE_SECONDS:-60}
bench_clients=${BENCH_CLIENTS:-4}
redis_port=${REDIS_PORT:-17379}
base=${MEMSTONE_PORT:-27379}
work=$(mktemp -d /tmp/memstone-restart-bench.XXXXXX)
. deploy/processes.sh
cleanup() {
  stop_started
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
say() { echo "$*" | tee -a "$work/report.txt" >&2; }

# The data as RESP: SETs of keys "key:%012d" (redis-benchmark's __rand_int__ format, so its SETs
# overwrite them) to values of VALUE_BYTES pseudo-random hex digits. One key per command: the
# keys of an MSET must share a hash slot in cluster mode.
generate() {
  python3 - "$keys" "$value_bytes" <<'EOF'
import random, sys
keys, size = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(7)
out = sys.stdout.buffer
for start in range(0, keys, 1000):
    parts = []
    for i in range(start, min(keys, start + 1000)):
        k = b"key:%012d" % i
        v = rnd.randbytes((size + 1) // 2).hex()[:size].encode()
        parts.append(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
    out.write(b"".join(parts))
EOF
}

info_field() { redis-cli -p "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'; }

await_pong() {
  until [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ]; do sleep 0.05; done
}

say "$(date -u +%FT%TZ) keys=$keys value_bytes=$value_bytes shards=$shards heap=$heap gc='${JAVA_GC:-launcher default}' snapshot_every=$snapshot_every bench_clients=$bench_clients load: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- redis-server ---
mkdir -p "$work/redis"
redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis" --save "" --appendonly no \
    --daemonize no >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
}
redis
await_pong "$redis_port"
t=$(now); generate | redis-cli -p "$redis_port" --pipe | tail -1 >"$work/pipe.txt"
say "redis: loaded in $(since "$t") s ($(cat "$work/pipe.txt"))"
say "redis: used_memory $(info_field "$redis_port" memory used_memory) B, dbsize $(redis-cli -p "$redis_port" dbsize)"
t=$(now); redis-cli -p "$redis_port" save >/dev/null; say "redis: SAVE $(since "$t") s, dump.rdb $(stat -c %s "$work/redis/dump.rdb") B"
redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
wait "$redis_pid" || true
t=$(now); redis; await_pong "$redis_port"
say "redis: restart to PONG $(since "$t") s ($(grep -o 'DB loaded from disk: [0-9.]* seconds' "$work/redis.log" | tail -1))"
redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
wait "$redis_pid" || true

# --- Memstone: three nodes on 127.0.0.1, node i's gateway on base+i-1 ---
node_pids=()
zones=("" a b c)
config() {
  local i=$1
  {
    echo "node.id=n$i"
    echo "data-dir=$work/n$i"
    echo "shards=$shards"
    echo "snapshot.every-entries=$snapshot_every"
    for j in 1 2 3; do
      echo "peer.n$j.zone=zone-${zones[j]}"
      echo "peer.n$j.host=127.0.0.1"
      echo "peer.n$j.resp-port=$((base + j - 1))"
      echo "peer.n$j.raft-port=$((base + 1000 + j - 1))"
      echo "peer.n$j.admin-port=$((base + 2000 + j - 1))"
    done
  } >"$work/n$i.properties"
}
start_node() {
  local i=$1
  MEMSTONE_JAVA_OPTS="-Xmx$heap ${JAVA_GC:-} -Djava.io.tmpdir=$work" ./memstone node --config "$work/n$i.properties" \
    >>"$work/n$i.log" 2>&1 &
  node_pids[$i]=$!
  pids+=("$!")
}
for i in 1 2 3; do config "$i"; start_node "$i"; done
port() { echo $((base + $1 - 1)); }
until redis-cli -p "$(port 1)" cluster info 2>/dev/null | grep -q 'cluster_state:ok' &&
      redis-cli -p "$(port 1)" set ready 1 2>/dev/null | grep -q OK; do sleep 0.2; done

t=$(now); generate | redis-cli -p "$(port 1)" --pipe | tail -1 >"$work/pipe.txt"
say "memstone: loaded in $(since "$t") s ($(cat "$work/pipe.txt")), dbsize $(redis-cli -p "$(port 1)" dbsize)"

# Writes over the loaded keys keep snapshots coming; the probe times single SETs meanwhile.
redis-benchmark -p "$(port 1)" -t set -c "$bench_clients" -n 100000000 -r "$keys" -d "$value_bytes" -q >/dev/null 2>&1 &
bench_pid=$!
pids+=("$bench_pid")
python3 - "$(port 1)" "$probe_seconds" >"$work/probe.csv" <<'EOF'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rb")
end = time.time() + float(sys.argv[2])
i = 0
while time.time() < end:
    key = b"probe:%d" % (i % 1000)
    started = time.time()
    s.sendall(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$1\r\nx\r\n" % (len(key), key))
    reply = f.readline()
    print("%.6f,%.6f" % (started, time.time() - started))
    i += 1
EOF
kill "$bench_pid"; wait "$bench_pid" 2>/dev/null || true
sleep 2
# Snapshot intervals on node 1 (all its groups): end time from the log line, start = end - its duration.
{ grep 'written:' "$work/n1.log" || true; } | sed -E 's/^([0-9T:.-]+) .*written: ([0-9]+) keys, ([0-9]+) bytes, ([0-9]+) ms, engine lock held at most ([0-9]+) .*/\1 \2 \3 \4 \5/' |
  while read -r ts k b ms hold; do
    echo "$(date -d "$ts" +%s.%N),$ms,$k,$b,$hold"
  done >"$work/snapshots.csv"
say "memstone: snapshots on node 1 (keys, bytes, write ms, longest lock hold µs):"
awk -F, '{ printf "  %s keys, %s B, %s ms, %s µs\n", $3, $4, $2, $5 }' "$work/snapshots.csv" | tee -a "$work/report.txt" >&2
python3 - "$work/probe.csv" "$work/snapshots.csv" <<'EOF' | tee -a "$work/report.txt" >&2
import sys
probes = [tuple(map(float, l.split(","))) for l in open(sys.argv[1])]
spans = []
for l in open(sys.argv[2]):
    end, ms = map(float, l.split(",")[:2])
    spans.append((end - ms / 1000, end))
inside = sorted(lat for t, lat in probes if any(a <= t <= b for a, b in spans))
outside = sorted(lat for t, lat in probes if not any(a <= t <= b for a, b in spans))
for name, xs in (("during a snapshot", inside), ("no snapshot", outside)):
    if xs:
        print("memstone: probe SET %s: %d writes, p50 %.2f ms, p99 %.2f ms, max %.1f ms" % (
            name, len(xs), 1e3 * xs[len(xs) // 2], 1e3 * xs[int(len(xs) * 0.99)], 1e3 * xs[-1]))
EOF

# --- restart node 3 after kill -9 ---
# Per group on node 3: "group commit" pairs from INFO raft's raft_group_<name>:...,commit=N,applied=M lines.
group_indexes() {
  redis-cli -p "$(port 3)" info raft | tr -d '\r' | sed -nE "s/^raft_group_([^:]+):.*,commit=([0-9]+),applied=([0-9]+)$/\1 \2 \3/p"
}
group_indexes | awk '{ print $1, $2 }' >"$work/targets.txt"
snapshots=$(find "$work/n3" -name 'snapshot.*_*' ! -name '*.md5' ! -name '*.writing' | wc -l)
kill -9 "${node_pids[3]}"; wait "${node_pids[3]}" 2>/dev/null || true
t=$(now); start_node 3
until [ "$(redis-cli -p "$(port 3)" ping 2>/dev/null)" = PONG ]; do sleep 0.05; done
up=$(since "$t")
caught_up() {
  group_indexes >"$work/now.txt" 2>/dev/null || return 1
  awk 'NR == FNR { target[$1] = $2; next } { applied[$1] = $3 }
       END { for (g in target) if (!(g in applied) || applied[g] < target[g]) exit 1 }' "$work/targets.txt" "$work/now.txt"
}
until caught_up; do sleep 0.05; done
say "memstone: node 3 restarted: gateway up after $up s, every group applied its commit index at the kill ($(tr '\n' ' ' <"$work/targets.txt")) after $(since "$t") s; $snapshots snapshot files on disk at the kill"
grep -h 'loaded snapshot' "$work/n3.log" | tail -n "$shards" | tee -a "$work/report.txt" >&2
echo
cat "$work/report.txt"
