#!/usr/bin/env bash
# A/B of two builds on the same machine at the same time: alternates a 3-node demo of each jar,
# warmed up, then redis-benchmark SET at c=50 on one key and on random keys. Tells a code
# regression from a busy machine.
#   deploy/jar-ab.sh OLD_JAR NEW_JAR [rounds] [extra demo args of the new jar, e.g. --shards 1]
# Build an old jar in a detached worktree: git worktree add --detach /tmp/old REV &&
# (cd /tmp/old && mvn -o -q -pl node -am package -DskipTests).
set -euo pipefail
old=$1; new=$2; rounds=${3:-2}; shift $(( $# < 3 ? $# : 3 ))
port=${MEMSTONE_PORT:-46379}
run() {
  local label=$1 jar=$2; shift 2
  local dir pid
  dir=$(mktemp -d /tmp/memstone-ab.XXXXXX)
  java -jar "$jar" demo --base-port "$port" --data "$dir/data" "$@" >"$dir/demo.log" 2>&1 &
  pid=$!
  for _ in $(seq 90); do grep -q 'Cluster ready' "$dir/demo.log" && break; sleep 1; done
  redis-benchmark -p "$port" -t set,get -n 100000 -c 50 -P 16 -q >/dev/null 2>&1
  redis-benchmark -p "$port" -t set -n 20000 -c 50 -q >/dev/null 2>&1
  one=$(redis-benchmark -p "$port" -t set -n 20000 -c 50 --csv 2>/dev/null | tail -1 | cut -d, -f2 | tr -d '"')
  random=$(redis-benchmark -p "$port" -t set -n 20000 -c 50 -r 1000000 --csv 2>/dev/null | tail -1 | cut -d, -f2 | tr -d '"')
  echo "$label one-key=$one random-keys=$random load=$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
for _ in $(seq "$rounds"); do
  run old "$old"
  run new "$new" "$@"
done
