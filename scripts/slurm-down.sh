#!/usr/bin/env bash
# Stop the one-node Slurm test cluster daemons that scripts/slurm-up.sh started
# (recorded under /run/faas-slurm/). Daemons it did not start are left alone.
# Job/node state in /var/spool/slurmctld is kept, so the next slurm-up.sh
# recovers it (jobs that were running are lost/requeued by Slurm as usual).
#
# Usage: slurm-down.sh [--keep-munge]
#   --keep-munge   leave munged running even if slurm-up.sh started it
set -euo pipefail

readonly STATE_DIR=/run/faas-slurm
keep_munge=0
for arg in "$@"; do
    case "$arg" in
        --keep-munge) keep_munge=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "slurm-down: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

[[ $EUID -eq 0 ]] || { echo "slurm-down: ERROR: must run as root" >&2; exit 1; }

stopped=()
skipped=()

# stop_daemon NAME: stop the process whose pid slurm-up.sh recorded, if that
# pid is still a NAME process. SIGTERM, wait up to 30 s, then SIGKILL.
stop_daemon() {
    local name=$1 marker="$STATE_DIR/$1.started" pid
    [[ -f "$marker" ]] || { skipped+=("$name"); return 0; }
    pid=$(cat "$marker")
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$name" ]]; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 300); do
            [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$name" ]] || break
            # a zombie (not yet reaped by PID 1) has exited already
            [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && break
            sleep 0.1
        done
        if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$name" ]] \
            && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; then
            echo "slurm-down: $name ($pid) ignored SIGTERM for 30 s; killing" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        stopped+=("$name")
    else
        skipped+=("$name(gone)")
    fi
    rm -f "$marker"
}

# Order: compute node, controller, then authentication.
stop_daemon slurmd
stop_daemon slurmctld
if [[ $keep_munge -eq 0 ]]; then
    stop_daemon munged
fi

s=$(IFS=,; echo "${stopped[*]:-none}")
k=$(IFS=,; echo "${skipped[*]:-none}")
echo "slurm-down: stopped=${s} not-started-by-us=${k}"
