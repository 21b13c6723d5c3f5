#!/usr/bin/env bash
# The engine alone (no network, no Raft): JMH throughput of single-threaded commands on 1M keys,
# then heap bytes per key against redis-server's used_memory on the same data.
#   deploy/engine-bench.sh [jmh|memory|all] [extra JMH arguments, e.g. -p workload=get]
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
