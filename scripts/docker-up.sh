#!/usr/bin/env bash
# Ensure a local Docker engine is installed and answering.
#
# Idempotent: leaves an already running engine alone. Starts dockerd without a
# bridge network and without iptables rules, so no container ever gets a
# private-range address (function containers run with --network none and talk
# to the host through a Unix socket in a bind-mounted directory).
#
# Env:
#   FAAS_DOCKERD_LOG      dockerd log file        (default /var/log/faas-dockerd.log)
#   FAAS_DOCKERD_TIMEOUT  seconds to wait for it  (default 60)
#   FAAS_DOCKERD_PIDFILE  dockerd's pid file      (default /var/run/docker.pid)
#   FAAS_CONTAINERD_PIDFILE  its managed containerd's pid file
#                         (default /var/run/docker/containerd/containerd.pid)
#   (the two pid-file knobs let scripts/check-first-run.sh run this script
#    against stubs beside a real engine)
set -euo pipefail

log_file="${FAAS_DOCKERD_LOG:-/var/log/faas-dockerd.log}"
timeout_s="${FAAS_DOCKERD_TIMEOUT:-60}"
installed=""

die() { echo "docker-up: error: $*" >&2; exit 1; }

if [[ $EUID -ne 0 ]]; then
  die "must run as root (installs packages and starts dockerd)"
fi

if ! command -v dockerd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp)"
  apt-get update -qq >"$apt_log" 2>&1 || { cat "$apt_log" >&2; die "apt-get update failed"; }
  apt-get install -y -qq docker.io >"$apt_log" 2>&1 || { cat "$apt_log" >&2; die "apt-get install docker.io failed"; }
  rm -f "$apt_log"
  command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd not on PATH"
  installed="installed docker.io; "
fi
command -v docker >/dev/null 2>&1 || die "docker CLI not on PATH"

if docker info >/dev/null 2>&1; then
  echo "docker-up: ${installed}engine already running (server $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  exit 0
fi

# Nothing answers. dockerd refuses to start while the pid in its pid file is
# alive, and a just-killed engine can linger a moment as a zombie: so a live
# dockerd there is waited for (it may be starting up), anything else is stale.
pid_file="${FAAS_DOCKERD_PIDFILE:-/var/run/docker.pid}"
dockerd_pid=""
action=""
if [[ -s "$pid_file" ]]; then
  old_pid="$(tr -dc '0-9' <"$pid_file")"
  if [[ -n "$old_pid" && -r "/proc/$old_pid/stat" ]] &&
     [[ "$(cat "/proc/$old_pid/comm" 2>/dev/null)" == dockerd ]] &&
     [[ "$(awk '{print $3}' "/proc/$old_pid/stat" 2>/dev/null)" != Z ]]; then
    dockerd_pid="$old_pid"
    action="waited for dockerd pid $dockerd_pid (was not answering yet)"
  else
    rm -f "$pid_file"
  fi
fi
if [[ -z "$dockerd_pid" ]]; then
  # The managed containerd of a killed engine dies with it (parent-death
  # signal) but not instantly; a new dockerd that sees its pid still alive
  # tries to reuse it and gives up after 15 s. Wait for it to go, and drop its
  # pid file once it is gone or a zombie (a zombie also looks alive to dockerd).
  cd_pid_file="${FAAS_CONTAINERD_PIDFILE:-/var/run/docker/containerd/containerd.pid}"
  if [[ -s "$cd_pid_file" ]]; then
    cd_pid="$(tr -dc '0-9' <"$cd_pid_file")"
    proc_state() { awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true; }
    for _ in $(seq 100); do
      state="$(proc_state "${cd_pid:-0}")"
      [[ -z "$state" || "$state" == Z ]] && break
      sleep 0.1
    done
    state="$(proc_state "${cd_pid:-0}")"
    [[ -z "$state" || "$state" == Z ]] && rm -f "$cd_pid_file"
  fi
  mkdir -p "$(dirname "$log_file")"
  nohup dockerd --bridge=none --iptables=false --pidfile="$pid_file" >>"$log_file" 2>&1 </dev/null &
  dockerd_pid=$!
  action="started dockerd pid $dockerd_pid (--bridge=none --iptables=false, log $log_file)"
fi

deadline=$((SECONDS + timeout_s))
until docker info >/dev/null 2>&1; do
  if ! kill -0 "$dockerd_pid" 2>/dev/null; then
    echo "--- last lines of $log_file ---" >&2
    tail -n 20 "$log_file" >&2 || true
    die "dockerd (pid $dockerd_pid) exited before answering; see $log_file"
  fi
  if (( SECONDS >= deadline )); then
    die "dockerd (pid $dockerd_pid) did not answer 'docker info' within ${timeout_s}s; see $log_file"
  fi
  sleep 0.5
done

echo "docker-up: ${installed}${action}, server $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
