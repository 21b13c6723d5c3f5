#!/usr/bin/env bash
# Starts or stops a Docker engine by hand, for machines without an init system (CI, sandboxes).
#   .ci/dockerd.sh start    starts dockerd unless an engine answers; waits until it does
#   .ci/dockerd.sh stop     stops the dockerd that `start` started, and undoes what it changed on the host
# The engine leaves the host's firewall and forwarding alone (--iptables=false --ip6tables=false
# --ip-forward=false): the tests' networks are internal, reached from the host over their bridges only.
# What it does change, and `stop` undoes: the docker0 bridge it creates (the tests' own bridges go
# with their networks). Images stay in /var/lib/docker for the next run.
set -euo pipefail
state=${MEMSTONE_DOCKERD_STATE:-/tmp/memstone-dockerd}

start() {
  if docker info >/dev/null 2>&1; then
    echo "dockerd: an engine is running already"
    return 0
  fi
  mkdir -p "$state"
  cat /proc/sys/net/ipv4/ip_forward >"$state/ip_forward"
  if ip link show docker0 >/dev/null 2>&1; then echo yes >"$state/had_docker0"; else echo no >"$state/had_docker0"; fi
  dockerd --iptables=false --ip6tables=false --ip-forward=false >"$state/dockerd.log" 2>&1 &
  echo $! >"$state/pid"
  for _ in $(seq 60); do
    if docker info >/dev/null 2>&1; then
      echo "dockerd: started (pid $(cat "$state/pid"), log $state/dockerd.log)"
      return 0
    fi
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "dockerd: could not start an engine; the Docker tests will be skipped. Its last log lines:" >&2
  tail -5 "$state/dockerd.log" >&2 || true
  stop
  return 1
}

stop() {
  [ -f "$state/pid" ] || return 0
  pid=$(cat "$state/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  if [ "$(cat "$state/had_docker0")" = no ] && ip link show docker0 >/dev/null 2>&1; then ip link delete docker0; fi
  if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != "$(cat "$state/ip_forward")" ]; then
    cat "$state/ip_forward" >/proc/sys/net/ipv4/ip_forward
  fi
  rm -f "$state/pid"
  echo "dockerd: stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
