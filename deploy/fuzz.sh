#!/usr/bin/env bash
# The command fuzzer (issue 13) for a long run: statemachine's CommandFuzzTest with many commands,
# every engine command with arguments generated from its Redis spec, against redis-server and a
# second replica. mvn verify runs the same test briefly (seed 13, 20,000 commands).
#   deploy/fuzz.sh [ITERATIONS] [SEED] [SECONDS]
# ITERATIONS defaults to 1,000,000, SEED to one drawn now (printed, and in any failure message:
# rerun with the same SEED and ITERATIONS), SECONDS (a bound on the whole run) to 3600.
# Needs a JDK 17, Maven and redis-server (Debian's redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-1000000}
seed=${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
seconds=${3:-3600}
echo "fuzz: $iterations commands, seed $seed, at most $seconds s"
mvn -B -q -pl statemachine -am test -Dtest=CommandFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.iterations="$iterations" -Dfuzz.seed="$seed" -Dfuzz.seconds="$seconds"
