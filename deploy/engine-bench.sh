#!/usr/bin/env bash
# The engine alone (no network, no Raft): JMH throughput of single-threaded commands on 1M keys,
# then heap bytes per key against redis-server's used_memory on the same data, then how long
# writes wait while a snapshot of 2M keys is written (stall), then how long a snapshot of 10M keys
# takes to write and to load (load).
#   deploy/engine-bench.sh [jmh|memory|stall|load|all] [extra JMH arguments, e.g. -p workload=get]
# LOAD_KEYS sets the keys of the load part (default 10,000,000); JAVA_GC the collector of the
# stall and load parts (default -XX:+UseG1GC; e.g. JAVA_GC=-XX:+UseZGC).
# Needs a JDK 17 and Maven; the memory part needs redis-server (Debian's redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
shift || true
mkdir -p target
# The reactor (-am) resolves proto from its build, not from a local install; statemachine,
# built last, writes the classpath file last.
mvn -q -pl statemachine -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench.classpath"
cp="statemachine/target/test-classes:statemachine/target/classes:$(cat target/bench.classpath)"
if [[ $what == jmh || $what == all ]]; then
  java -cp "$cp" org.openjdk.jmh.Main io.memstone.bench.EngineBenchmark -rf json -rff target/engine-bench.json "$@"
fi
if [[ $what == memory || $what == all ]]; then
  java -Xmx8g -XX:+UseG1GC -cp "$cp" io.memstone.bench.MemoryFootprint
fi
if [[ $what == stall || $what == all ]]; then
  java -Xmx8g ${JAVA_GC:--XX:+UseG1GC} -cp "$cp" io.memstone.bench.SnapshotStall
fi
if [[ $what == load || $what == all ]]; then
  java -Xmx8g ${JAVA_GC:--XX:+UseG1GC} -cp "$cp" io.memstone.bench.SnapshotLoad "${LOAD_KEYS:-10000000}"
fi
