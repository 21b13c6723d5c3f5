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
