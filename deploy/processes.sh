# Sourced by the benchmark scripts: a script appends the PID of every process it starts to
# `pids`, and `stop_started` stops those, and only those, when it exits.
pids=()
stop_started() {
  # Every step runs even if one fails (wait returns the killed process' status).
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# Stops the started processes and removes the directory $1 when the script exits, is
# interrupted or terminated.
cleanup_on_exit() {
  cleanup_dir=$1
  trap 'stop_started; rm -rf "$cleanup_dir"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Exits unless every port given is free on 127.0.0.1 (nothing accepts a connection there).
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
  done
}

# The ports a demo cluster at base port $1 takes: gateways $1..+2, and 1000, 2000, 3000 above
# them (Raft, admin, metrics).
demo_ports() {
  local o i
  for o in 0 1000 2000 3000; do for i in 0 1 2; do echo $(($1 + o + i)); done; done
}

# The line above a benchmark's table: when, on what machine and load, at which commit, how run ($1).
bench_header() {
  echo "$(date -u +'%F %T UTC') | nproc $(nproc) | $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) | commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (dirty)') | load $(cut -d' ' -f1-3 /proc/loadavg) | \`$1\`"
}
