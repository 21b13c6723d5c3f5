#!/usr/bin/env bash
# Issue 14's write-path benchmark: Memstone's 3-node demo cluster against redis-server
# (appendonly yes, appendfsync always) in one run on one machine, for each shard count of
# SHARDS_LIST, through a leader's gateway and through a follower's gateway. Prints a Markdown
# table for BENCHMARKS.md ("Write path (issue 14)").
#   deploy/writepath-bench.sh
# Tests (redis-benchmark, random keys -r 1000000, CSV parsed):
#   SET c=50 | SET c=50 -P16 | SET c=1 (ops/s and p50 ms) | GET c=50
#   --pipe: PIPE_KEYS SET commands generated as RESP, sent with redis-cli --pipe, timed: keys/s.
# Alternating: redis-server is measured before and after all the Memstone runs (a fresh server
# and AOF each time); both figures are printed and ratios are Memstone / their mean. Within one
# Memstone cluster, each test runs through the leader, then the follower, before the next test.
# Memstone clients ("client" column):
#   1 shard:  "leader"   = plain client on the gateway of the node leading shard-0 (INFO raft);
#             "follower" = plain client on another node's gateway, which forwards every command
#                          to the leader.
#   N>1 shards (every node leads one shard):
#             "leader"   = redis-benchmark --cluster (each key sent to its shard's leader); for
#                          --pipe, the keys are split by hash slot (CLUSTER SLOTS) and one
#                          redis-cli --pipe per leader runs at once, timed until all are done;
#             "follower" = plain client on node 1's gateway: it leads a 1/N of the keys and
#                          forwards the rest to their leaders.
#   (redis-benchmark --cluster with c=1 has one connection, to one master: one shard's keys.)
# Environment:
#   N (200000)          requests per redis-benchmark run at c=50
#   N_C1 (N/10)         requests of the SET c=1 runs
#   PIPE_KEYS (1000000) keys of the --pipe test
#   WARMUP (100000)     pipelined SET+GET sent to a fresh demo cluster before measuring
#   SHARDS_LIST ("1 3") shard counts of the demo cluster, one fresh cluster each
#   BASE_PORT (26379)   Memstone gateways on BASE_PORT..+2 (Raft +1000, admin +2000, metrics +3000)
#   REDIS_PORT (16379)  redis-server's port
#   BUILDS ("current=node/target/memstone.jar")  Memstone builds to measure in this one run, as
#                       LABEL=JAR[+DEMO-OPTION...] words (e.g. "before=/tmp/before/memstone.jar current=node/target/memstone.jar",
#                       or "flush=node/target/memstone.jar+--jvm-option=-Draft.server.log.async-flush.enabled=true"
#                       for a variant of one build: "+" separates demo options, which hold no spaces;
#                       build an old jar in a detached worktree: git worktree add --detach /tmp/old REV &&
#                       (cd /tmp/old && mvn -q -pl node -am package -DskipTests))
# Only 127.0.0.1 is used. Only the processes this script starts are stopped (by PID), and its
# temporary directory is removed, on exit or Ctrl-C.
# Needs: redis-server, redis-benchmark, redis-cli, python3; a built jar (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-200000}
n_c1=${N_C1:-$((n / 10))}
pipe_keys=${PIPE_KEYS:-1000000}
warmup=${WARMUP:-100000}
shards_list=${SHARDS_LIST:-1 3}
base=${BASE_PORT:-26379}
redis_port=${REDIS_PORT:-16379}
builds=${BUILDS:-current=node/target/memstone.jar}
command="N=$n N_C1=$n_c1 PIPE_KEYS=$pipe_keys WARMUP=$warmup SHARDS_LIST=\"$shards_list\" BASE_PORT=$base REDIS_PORT=$redis_port BUILDS=\"$builds\" deploy/writepath-bench.sh"

work=$(mktemp -d /tmp/memstone-writepath-bench.XXXXXX)
. deploy/processes.sh
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Stops one process this script started and forgets it.
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}
# Forgets a process that has ended (waited for), so cleanup does not signal its reused PID.
forget() {
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]+"${kept[@]}"}")
}
log() { echo "[$(date -u +%T)] $*" >&2; }

# The demo's nodes listen on BASE_PORT..+2 and 1000, 2000, 3000 above (Raft, admin, metrics).
for port in "$redis_port" $(for o in 0 1000 2000 3000; do for i in 0 1 2; do echo $((base + o + i)); done; done); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done
# A BUILDS word's jar, and its demo options (one per line).
jar_of() { local spec=${1#*=}; echo "${spec%%+*}"; }
options_of() { local spec=${1#*=}; [ "$spec" = "${spec#*+}" ] || tr '+' '\n' <<<"${spec#*+}"; }
for build in $builds; do
  [ -f "$(jar_of "$build")" ] || { echo "$(jar_of "$build") not found (build first: mvn -q package -DskipTests)" >&2; exit 1; }
done

header="$(date -u +'%F %T UTC') | nproc $(nproc) | $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) | commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (dirty)') | load $(cut -d' ' -f1-3 /proc/loadavg) | \`$command\`"

# The --pipe data: PIPE_KEYS SETs of "key:%012d" (redis-benchmark's -r key format) to "xxx"
# (redis-benchmark's default 3-byte value), as RESP. With --split PORT: one file per shard
# leader (CLUSTER SLOTS of the gateway at PORT, first node of each range), named by its port.
generate() {
  python3 - "$@" <<'EOF'
import socket, sys
keys, out = int(sys.argv[1]), sys.argv[2]
def resp_read(f):
    line = f.readline().rstrip(b"\r\n"); t, rest = line[:1], line[1:]
    if t == b"*": return [resp_read(f) for _ in range(int(rest))]
    if t == b"$":
        if int(rest) < 0: return None
        data = f.read(int(rest) + 2); return data[:-2].decode()
    if t == b":": return int(rest)
    if t == b"-": raise SystemExit("CLUSTER SLOTS: " + rest.decode())
    return rest.decode()
owner = None
if len(sys.argv) > 4 and sys.argv[3] == "--split":
    s = socket.create_connection(("127.0.0.1", int(sys.argv[4])))
    s.sendall(b"*2\r\n$7\r\nCLUSTER\r\n$5\r\nSLOTS\r\n")
    owner = [None] * 16384
    for r in resp_read(s.makefile("rb")):
        for slot in range(r[0], r[1] + 1): owner[slot] = r[2][1]
    s.close()
    if None in owner: raise SystemExit("CLUSTER SLOTS does not cover every slot")
table = []
for i in range(256):
    c = i << 8
    for _ in range(8): c = ((c << 1) ^ 0x1021) if c & 0x8000 else (c << 1)
    table.append(c & 0xFFFF)
def slot(k):
    c = 0
    for b in k: c = ((c << 8) & 0xFFFF) ^ table[((c >> 8) ^ b) & 0xFF]
    return c & 16383
files = {}
def file_for(port):
    if port not in files: files[port] = open("%s.%s" % (out, port), "wb")
    return files[port]
for i in range(keys):
    k = b"key:%012d" % i
    cmd = b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$3\r\nxxx\r\n" % (len(k), k)
    file_for(owner[slot(k)] if owner else "all").write(cmd)
for f in files.values(): f.close()
print(" ".join(str(p) for p in sorted(files, key=str)))
EOF
}

# redis-cli --pipe of files "$prefix.PORT" (one redis-cli per port, all at once); prints keys/s.
pipe() {
  local prefix=$1; shift
  local t0 t1 port ppids=() ok=1
  t0=$(date +%s.%N)
  for port in "$@"; do
    redis-cli -p "$port" --pipe --pipe-timeout 600 <"$prefix.$port" >"$work/pipe-out.$port" 2>&1 &
    ppids+=($!); pids+=($!)
  done
  for p in "${ppids[@]}"; do wait "$p" || ok=0; forget "$p"; done
  t1=$(date +%s.%N)
  local replies errors
  replies=$(cat "$work"/pipe-out.* | sed -n 's/.*errors: \([0-9]*\), replies: \([0-9]*\).*/\2/p' | awk '{ s += $1 } END { print s + 0 }')
  errors=$(cat "$work"/pipe-out.* | sed -n 's/.*errors: \([0-9]*\), replies: .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
  if [ "$ok" != 1 ] || [ "$errors" != 0 ] || [ "$replies" != "$pipe_keys" ]; then
    log "--pipe: errors=$errors replies=$replies of $pipe_keys:"; cat "$work"/pipe-out.* >&2
    echo "nan"
  else
    awk -v k="$pipe_keys" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", k / (b - a) }'
  fi
  rm -f "$work"/pipe-out.*
}

# One redis-benchmark run of one test; prints "rps p50" (--cluster first lists the masters: CSV
# rows only), or "nan nan" if it failed.
bench() {
  local out
  out=$(redis-benchmark "$@" -r 1000000 --csv 2>/dev/null | grep -E '^"(SET|GET)"' | tr -d '"' |
    awk -F, '{ printf "%.0f %.3f\n", $2, $5 }' || true)
  if [ -z "$out" ]; then log "redis-benchmark $* failed"; echo "nan nan"; else echo "$out"; fi
}

# name|redis-benchmark options (without the target's port or --cluster)
cases=("SET c=50|-t set -c 50 -n $n" "SET c=50 -P16|-t set -c 50 -P 16 -n $n"
       "SET c=1|-t set -c 1 -n $n_c1" "GET c=50|-t get -c 50 -n $n")
results="$work/results.csv"   # target,shards,client,test,rps,p50

# run_tests TARGET SHARDS "CLIENT|redis-benchmark target options|pipe file prefix|pipe ports"...
# Each test runs for every client in turn (leader, then follower) before the next test, so both
# see the same drift; --pipe comes last (it adds PIPE_KEYS keys to the data set).
run_tests() {
  local target=$1 shards=$2; shift 2
  local c name opts spec client topts prefix ports rps p50
  for c in "${cases[@]}"; do
    IFS='|' read -r name opts <<<"$c"
    for spec in "$@"; do
      IFS='|' read -r client topts prefix ports <<<"$spec"
      # shellcheck disable=SC2086
      read -r rps p50 < <(bench $topts $opts)
      log "$target $shards $client $name: $rps ops/s, p50 $p50 ms"
      echo "$target,$shards,$client,$name,$rps,$p50" >>"$results"
    done
  done
  for spec in "$@"; do
    IFS='|' read -r client topts prefix ports <<<"$spec"
    # shellcheck disable=SC2086
    rps=$(pipe "$prefix" $ports)
    log "$target $shards $client --pipe: $rps keys/s"
    echo "$target,$shards,$client,--pipe,$rps," >>"$results"
  done
}

measure_redis() {
  local phase=$1
  mkdir -p "$work/redis-$phase"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis-$phase" --save "" \
    --appendonly yes --appendfsync always --daemonize no >"$work/redis-$phase.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "redis-server did not start:" >&2; cat "$work/redis-$phase.log" >&2; exit 1; }
    sleep 0.2
  done
  run_tests "redis-$phase" - "-|-p $redis_port|$work/pipe|$redis_port"
  stop "$pid"
  rm -rf "$work/redis-$phase"
}

# The gateway port of the node leading shard-0 (INFO raft of each gateway).
leader_port() {
  local i
  for i in 0 1 2; do
    if redis-cli -p $((base + i)) info raft 2>/dev/null | tr -d '\r' | grep -qx 'raft_role:leader'; then
      echo $((base + i)); return
    fi
  done
  echo none
}

measure_memstone() {
  local label=${1%%=*} shards=$2 dir="$work/demo-${1%%=*}-$2" jar options
  jar=$(jar_of "$1")
  mapfile -t options < <(options_of "$1")
  : >"$dir.log"
  # shellcheck disable=SC2086
  java ${MEMSTONE_JAVA_OPTS:-} -jar "$jar" demo --base-port "$base" --data "$dir" --shards "$shards" \
    "${options[@]+"${options[@]}"}" >"$dir.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 1 180); do
    grep -q "Cluster ready" "$dir.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  grep -q "Cluster ready" "$dir.log" || { echo "demo ($shards shards) did not start:" >&2; cat "$dir.log" >&2; exit 1; }
  # Fresh JVMs spend their first minute compiling: warm up before measuring.
  # Each client shape compiles its own paths: three JVMs' C2 threads took about a core for
  # minutes after a warm-up of pipelined commands only, in the middle of the c=1 runs.
  log "memstone $shards shards: warm-up ($warmup pipelined SET+GET, then $((warmup / 5)) unpipelined, then $((warmup / 200)) at c=1)"
  redis-benchmark -p "$base" -t set,get -n "$warmup" -c 50 -P 16 -r 1000000 >/dev/null 2>&1 || true
  redis-benchmark -p "$base" -t set,get -n $((warmup / 5)) -c 50 -r 1000000 >/dev/null 2>&1 || true
  redis-benchmark -p "$base" -t set -n $((warmup / 200)) -c 1 -r 1000000 >/dev/null 2>&1 || true
  local leader follower split_ports
  if [ "$shards" = 1 ]; then
    leader=$(leader_port)
    [ "$leader" != none ] || { echo "no gateway reports raft_role:leader" >&2; exit 1; }
    follower=$base; [ "$leader" = "$base" ] && follower=$((base + 1))
    log "memstone 1 shard: leader gateway $leader, follower gateway $follower"
    echo "$label 1,leader gateway $leader (n$((leader - base + 1))), follower gateway $follower (n$((follower - base + 1)))" >>"$work/paths"
    run_tests "memstone:$label" 1 "leader|-p $leader|$work/pipe|$leader" "follower|-p $follower|$work/pipe|$follower"
    local after; after=$(leader_port)
    [ "$after" = "$leader" ] || { log "WARNING: shard-0's leader moved from $leader to $after during the run"; echo "$label 1,WARNING: shard-0's leader moved from gateway $leader to $after during the run" >>"$work/paths"; }
  else
    log "memstone $shards shards: splitting the --pipe keys by slot (CLUSTER SLOTS)"
    split_ports=$(generate "$pipe_keys" "$work/pipe-split" --split "$base")
    echo "$label $shards,leader: redis-benchmark --cluster -p $base; --pipe split to gateways $split_ports; follower: plain client on gateway $base (n1)" >>"$work/paths"
    run_tests "memstone:$label" "$shards" "leader|--cluster -p $base|$work/pipe-split|$split_ports" "follower|-p $base|$work/pipe|$base"
    rm -f "$work"/pipe-split.*
  fi
  stop "$pid"
  rm -rf "$dir"
}

log "generating $pipe_keys SET commands for --pipe"
generate "$pipe_keys" "$work/pipe" >/dev/null
mv "$work/pipe.all" "$work/pipe.$redis_port"
for i in 0 1 2; do ln -s "$work/pipe.$redis_port" "$work/pipe.$((base + i))"; done

measure_redis before
for s in $shards_list; do
  for build in $builds; do measure_memstone "$build" "$s"; done
done
measure_redis after

echo
echo "$header"
echo
# shellcheck disable=SC2086
python3 - "$results" "$work/paths" $builds <<'EOF'
import csv, math, sys
rows = list(csv.reader(open(sys.argv[1])))
paths = [l.rstrip("\n").split(",", 1) for l in open(sys.argv[2])]
def num(s):
    try: v = float(s)
    except ValueError: return math.nan
    return v
redis = {}
for t, _, _, test, rps, p50 in rows:
    if t.startswith("redis-"): redis[(t[6:], test)] = (num(rps), num(p50))
mem = {(t[9:], s, c, test): (num(rps), num(p50)) for t, s, c, test, rps, p50 in rows if t.startswith("memstone:")}
ratio_target = {"SET c=50": 0.5, "SET c=50 -P16": 0.5, "SET c=1": None, "GET c=50": 0.8, "--pipe": 0.3}
tests = ["SET c=50", "SET c=50 -P16", "SET c=1", "SET c=1 p50 ms", "GET c=50", "--pipe"]
def fmt(v, ms=False):
    return "n/a" if math.isnan(v) else ("%.2f" % v if ms else "%.0f" % v)
def yes(ok): return "yes" if ok else "**no**"
print("| shards | build | Memstone client | test | redis before | redis after | Memstone | Memstone/redis (mean) | target | met |")
print("|---|---|---|---|---|---|---|---|---|---|")
for s, b in dict.fromkeys((s, b) for b, s, _, _ in mem):
    for client in ("leader", "follower"):
        for test in tests:
            base = test.replace(" p50 ms", "")
            ms = test.endswith("p50 ms")
            k = 1 if ms else 0
            rb, ra = redis.get(("before", base), (math.nan,) * 2)[k], redis.get(("after", base), (math.nan,) * 2)[k]
            m = mem.get((b, s, client, base), (math.nan,) * 2)[k]
            rmean = (rb + ra) / 2
            ratio = m / rmean if rmean else math.nan
            unit = " (keys/s)" if base == "--pipe" else ("" if ms else " (ops/s)")
            target, met = "", ""
            if client == "leader":
                if ms:
                    target, met = "≤ 1 ms", yes(m <= 1.0) if not math.isnan(m) else "n/a"
                elif ratio_target[base] is not None:
                    target = "≥ %.1f× redis" % ratio_target[base]
                    met = yes(ratio >= ratio_target[base]) if not math.isnan(ratio) else "n/a"
            elif not ms:
                lead = mem.get((b, s, "leader", base), (math.nan,))[0]
                target = "≥ 0.8× leader"
                met = "n/a" if math.isnan(lead) or math.isnan(m) or not lead else "%s (%.2f×)" % (yes(m / lead >= 0.8), m / lead)
            print("| %s | %s | %s | %s%s | %s | %s | %s | %s | %s | %s |" % (
                s, b, client, test, unit, fmt(rb, ms), fmt(ra, ms), fmt(m, ms),
                "n/a" if math.isnan(ratio) else "%.2f×" % ratio, target, met))
print()
print("redis before/after: a fresh redis-server (appendonly yes, appendfsync always) measured before and after all the Memstone runs; the ratio is against their mean.")
for s, text in paths:
    print("- %s shard(s): %s" % (s, text))
print("Builds: " + " ".join(sys.argv[3:]))
EOF
