#!/usr/bin/env bash
# Bring up a real one-node Slurm cluster on this machine (controller + compute
# node on localhost), for Faas.Sim's Slurm integration tests.
#
# Idempotent: installs slurm-wlm + munge only when missing, writes
# /etc/slurm/slurm.conf only when absent or previously written by this script,
# starts munged / slurmctld / slurmd only when not running, and leaves an
# already running cluster alone. Ends with one summary line on stdout.
#
# Must run as root. See docs/slurm-test-cluster.md.
#
# Environment knobs:
#   SLURM_UP_TIMEOUT   seconds to wait for the node to become usable (default 60)
#   SLURM_UP_QUIET=1   send progress messages to /dev/null (summary still printed)
set -euo pipefail

readonly CONF=/etc/slurm/slurm.conf
readonly CONF_MARKER='# Managed by Faas.Sim scripts/slurm-up.sh'
readonly STATE_DIR=/run/faas-slurm          # records which daemons we started
readonly LOG_DIR=/var/log/slurm
readonly CTLD_PID=/run/slurmctld.pid
readonly SLURMD_PID=/run/slurmd.pid
readonly TIMEOUT="${SLURM_UP_TIMEOUT:-60}"

start_ts=$(date +%s.%N)
actions=()

log() {
    if [[ "${SLURM_UP_QUIET:-0}" != 1 ]]; then
        echo "slurm-up: $*" >&2
    fi
}
die() { echo "slurm-up: ERROR: $*" >&2; exit 1; }
elapsed() { awk -v s="$start_ts" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

[[ $EUID -eq 0 ]] || die "must run as root"

# --- 1. packages --------------------------------------------------------------
missing=0
for cmd in slurmctld slurmd sbatch squeue sinfo scontrol munged munge; do
    command -v "$cmd" >/dev/null 2>&1 || missing=1
done
if [[ $missing -eq 1 ]]; then
    log "installing slurm-wlm and munge (apt)"
    export DEBIAN_FRONTEND=noninteractive
    # needrestart (if present) must not prompt or restart services mid-install.
    export NEEDRESTART_SUSPEND=1
    # Lock timeout: another process (e.g. a parallel provisioning script) may
    # hold the dpkg lock; wait for it instead of failing immediately.
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    # --no-install-recommends skips slurm-wlm-plugins (hdf5, rrd, influxdb,
    # ipmi, rsmi, jwt, mysql + their -dev packages): not needed; ~12-15 s instead of ~50 s here.
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        slurm-wlm munge >/dev/null
    actions+=("installed")
fi

host=$(hostname -s)
[[ -n "$host" ]] || die "empty short hostname"

# --- 2. munge -----------------------------------------------------------------
install -d -o munge -g munge -m 0700 /etc/munge
install -d -o munge -g munge -m 0700 /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
# /run/munge normally comes from systemd-tmpfiles; without systemd it is absent.
install -d -o munge -g munge -m 0755 /run/munge
install -d -m 0755 "$STATE_DIR"

if [[ ! -s /etc/munge/munge.key ]]; then
    log "creating /etc/munge/munge.key"
    if command -v mungekey >/dev/null 2>&1; then
        mungekey --create --keyfile=/etc/munge/munge.key --force
    else
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
    actions+=("munge-key")
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key

if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    log "munged already running"
else
    log "starting munged"
    # munged refuses (or warns) when run as root; run it as its own user, as
    # the Debian init script does. It daemonizes itself.
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 1 50); do
        munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
        sleep 0.1
    done
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || die "munged did not come up (see /var/log/munge/munged.log)"
    cat /run/munge/munged.pid >"$STATE_DIR/munged.started" 2>/dev/null || echo unknown >"$STATE_DIR/munged.started"
    actions+=("munged-started")
fi

# --- 3. slurm.conf ------------------------------------------------------------
# PID 1 here (a container/VM init) may reap orphans late, so a stopped daemon
# can linger as a zombie with the same name: never count state 'Z' as running.
pid_alive() { # pidfile comm
    local pid
    [[ -r "$1" ]] || return 1
    pid=$(cat "$1" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2" ]] || return 1
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}
live_proc() { # comm: any non-zombie process with exactly this name?
    ps -eo stat=,comm= | awk -v n="$1" '$2 == n && $1 !~ /^Z/ { f = 1 } END { exit !f }'
}
ctld_running() { pid_alive "$CTLD_PID" slurmctld || live_proc slurmctld; }
slurmd_running() { pid_alive "$SLURMD_PID" slurmd || live_proc slurmd; }

cpus=$(nproc)
# RealMemory: a bit under the machine's memory (90 % of MemTotal), rounded
# down to whole GiB. slurmctld drains a node whose configured RealMemory is
# above what slurmd detects (MemTotal), so this is always safe; it is not based
# on *free* memory because that swings by GBs with other workloads (a parallel
# test run took MemAvailable from 23 GiB to 2.5 GiB) and would make the file,
# and the node definition, change from run to run. With CR_Core memory is not
# a scheduled resource anyway.
total_kib=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
mem_mib=$(( total_kib * 9 / 10 / 1024 ))      # 90 % in MiB
if (( mem_mib >= 1024 )); then
    mem_mib=$(( mem_mib / 1024 * 1024 ))          # whole GiB
fi

render_conf() {
    cat <<EOF
$CONF_MARKER -- regenerated while this line is present.
# Remove this line to keep local edits; the script then leaves the file alone.
ClusterName=faas
SlurmctldHost=${host}(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=${CTLD_PID}
SlurmdPidFile=${SLURMD_PID}
SlurmctldLogFile=${LOG_DIR}/slurmctld.log
SlurmdLogFile=${LOG_DIR}/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
# No cgroups: plain process tracking, no task binding/confinement.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
# No accounting daemon: sacct does not work; finished jobs stay visible to
# 'scontrol show job' / 'squeue' for MinJobAge seconds.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=3600
SchedulerType=sched/backfill
# Default batch_sched_delay=3 s makes each sbatch wait up to 3 s before it is
# scheduled; 0 cuts a trivial job's submit->done time from ~3 s to <1 s.
SchedulerParameters=batch_sched_delay=0
# A job whose dependency can never be satisfied (e.g. afterok on a failed job)
# is cancelled instead of pending forever, so pollers terminate. In 22.05 this
# belongs to DependencyParameters; under SchedulerParameters it is ignored.
DependencyParameters=kill_invalid_depend
# Allocate per core so several (array) jobs share the node.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Don't silently re-run batch jobs whose node "failed" (e.g. daemons killed at
# the end of a session): they end NODE_FAIL instead of running again later.
JobRequeue=0
SlurmdTimeout=300
InactiveLimit=0
KillWait=30
Waittime=0
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem_mib} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

install -d -m 0755 /etc/slurm
conf_state=kept
if [[ -f "$CONF" ]] && ! head -n 1 "$CONF" | grep -qF "$CONF_MARKER"; then
    conf_state=foreign
    log "$CONF was not written by this script; leaving it alone"
elif [[ -f "$CONF" ]] && diff -q <(render_conf) "$CONF" >/dev/null; then
    conf_state=kept
elif ctld_running || slurmd_running; then
    # Never rewrite the config under a running cluster ("leave it alone").
    conf_state=kept-running
    log "$CONF would change, but the cluster is running; not touching it (run slurm-down.sh first)"
else
    tmp=$(mktemp "$CONF.XXXXXX")
    render_conf >"$tmp"
    chmod 0644 "$tmp"
    mv -f "$tmp" "$CONF"
    conf_state=written
    actions+=("conf-written")
fi

# --- 4. daemons ---------------------------------------------------------------
install -d -m 0755 /var/spool/slurmctld /var/spool/slurmd "$LOG_DIR"

if ctld_running; then
    log "slurmctld already running"
else
    log "starting slurmctld"
    /usr/sbin/slurmctld   # daemonizes; state is recovered from StateSaveLocation
    for _ in $(seq 1 100); do pid_alive "$CTLD_PID" slurmctld && break; sleep 0.1; done
    pid_alive "$CTLD_PID" slurmctld || die "slurmctld did not start (see $LOG_DIR/slurmctld.log)"
    cat "$CTLD_PID" >"$STATE_DIR/slurmctld.started"
    actions+=("slurmctld-started")
fi

# The controller must answer RPCs before anything below uses squeue/sinfo.
deadline=$(( $(date +%s) + TIMEOUT ))
until scontrol ping 2>/dev/null | grep -q 'is UP'; do
    (( $(date +%s) < deadline )) || die "slurmctld not answering after ${TIMEOUT}s (see $LOG_DIR/slurmctld.log)"
    sleep 0.2
done

node=$host
if [[ $conf_state == foreign ]]; then
    node=$(sinfo -h -N -o %N 2>/dev/null | head -n 1 || true)
    [[ -n "$node" ]] || node=$host
fi

if slurmd_running; then
    log "slurmd already running"
else
    # Ghost jobs: if slurmd and every slurmstepd are gone (daemons killed, e.g.
    # at the end of a session, or the machine restarted), no job can still be
    # running here, but slurmctld's saved state may call some RUNNING; Slurm
    # then keeps them -- and their CPUs -- forever. Mark the node DOWN first:
    # that ends those jobs as NODE_FAIL (JobRequeue=0: not re-run); the wait
    # loop below resumes the node. Surviving steps (slurmd alone crashed) are
    # re-attached by slurmd as usual, so then nothing is done.
    if ! live_proc slurmstepd; then
        ghosts=$(squeue -h -w "$node" -t RUNNING,COMPLETING,CONFIGURING,SUSPENDED -o %i 2>/dev/null | paste -sd, || true)
        if [[ -n "$ghosts" ]]; then
            log "jobs $ghosts are RUNNING in saved state but have no process; failing them"
            scontrol update nodename="$node" state=down \
                reason="slurm-up: no slurmd/slurmstepd left; failing stale jobs" || true
            actions+=("failed-stale-jobs:${ghosts//,/+}")
        fi
    fi
    log "starting slurmd"
    /usr/sbin/slurmd
    for _ in $(seq 1 100); do pid_alive "$SLURMD_PID" slurmd && break; sleep 0.1; done
    pid_alive "$SLURMD_PID" slurmd || die "slurmd did not start (see $LOG_DIR/slurmd.log)"
    cat "$SLURMD_PID" >"$STATE_DIR/slurmd.started"
    actions+=("slurmd-started")
fi

# --- 5. wait for the node -----------------------------------------------------
deadline=$(( $(date +%s) + TIMEOUT ))
state=unknown
resumed=0
while :; do
    state=$(sinfo -h -N -n "$node" -o %T 2>/dev/null | head -n 1 || true)
    case "$state" in
        idle|mixed|allocated|completing) break ;;
        down|drained|draining|drain|fail|failing)
            # Responding but administratively down (e.g. stale state from an
            # earlier run, 'Node unexpectedly rebooted'): put it back.
            if (( resumed < 3 )); then
                log "node $node is $state; resuming"
                scontrol update nodename="$node" state=resume 2>/dev/null || true
                resumed=$(( resumed + 1 ))
                (( resumed == 1 )) && actions+=("node-resumed")
            fi ;;
    esac
    if (( $(date +%s) >= deadline )); then
        sinfo -N -l >&2 || true
        die "node $node not usable after ${TIMEOUT}s (state '${state:-none}'); see $LOG_DIR/"
    fi
    sleep 0.5
done

if (( ${#actions[@]} == 0 )); then actions=("nothing-to-do"); fi
summary=$(IFS=,; echo "${actions[*]}")
echo "slurm-up: ok in $(elapsed)s: ${summary}; node=${node} state=${state} cpus=${cpus} mem=${mem_mib}MiB conf=${conf_state}"
