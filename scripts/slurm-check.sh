#!/usr/bin/env bash
# Smoke-test the one-node Slurm cluster brought up by scripts/slurm-up.sh:
#   1. sbatch --test-only on a small script is accepted
#   2. a 4-task array job runs (2 CPUs -> tasks run concurrently) and every
#      task writes its own output
#   3. a job with --dependency=afterok:<array job> runs only after the array
#   4. a failing job ends FAILED and an afterok dependant is cancelled
#      (SchedulerParameters=kill_invalid_depend) instead of pending forever
# Job state is polled with squeue/scontrol only (no accounting, no sacct).
# Prints one 'N passed, N failed' line; exit code 0 iff all passed.
#
# Usage: slurm-check.sh [timeout-seconds per wait, default 60]
set -euo pipefail

TIMEOUT="${1:-60}"
work=$(mktemp -d /tmp/slurm-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

passed=0
failed=0
ok()   { echo "PASS: $*"; passed=$((passed + 1)); }
bad()  { echo "FAIL: $*"; failed=$((failed + 1)); }

# job_state ID -> JobState of a (non-array) job or array task as scontrol
# reports it; finished jobs stay visible for MinJobAge seconds.
job_state() {
    scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1
}

# wait_done ID...: poll squeue until none of the jobs (array tasks included)
# is pending/running/completing. Returns 1 on timeout.
wait_done() {
    local ids deadline
    ids=$(IFS=,; echo "$*")
    deadline=$(( $(date +%s) + TIMEOUT ))
    while squeue -h -j "$ids" -t PENDING,RUNNING,CONFIGURING,COMPLETING,SUSPENDED 2>/dev/null | grep -q .; do
        (( $(date +%s) < deadline )) || return 1
        sleep 0.5
    done
}

t0=$(date +%s.%N)

# 1. --test-only (prints to stderr, exits 0 when the job could be scheduled)
printf '#!/bin/bash\n#SBATCH --ntasks=1\n#SBATCH --time=1\necho small\n' >small.sh
if out=$(sbatch --test-only small.sh 2>&1) && grep -q 'to start at' <<<"$out"; then
    ok "sbatch --test-only: $out"
else
    bad "sbatch --test-only: $out"
fi

# 2. array job
arr=$(sbatch --parsable --array=0-3 --output="$work/arr.%A_%a.out" \
    --wrap "echo \$SLURM_ARRAY_TASK_ID > $work/x.\$SLURM_ARRAY_TASK_ID; date +%s.%N > $work/t.arr.\$SLURM_ARRAY_TASK_ID; sleep 1")
arr=${arr%%;*}
# 3. dependent job, submitted while the array is still pending/running
dep=$(sbatch --parsable --dependency="afterok:$arr" --output="$work/dep.out" \
    --wrap "date +%s.%N > $work/t.dep")
dep=${dep%%;*}

if wait_done "$arr" "$dep"; then
    all=1
    for i in 0 1 2 3; do
        [[ "$(cat "x.$i" 2>/dev/null)" == "$i" ]] || { all=0; bad "array task $i output missing/wrong"; }
        [[ "$(job_state "${arr}_$i")" == COMPLETED ]] || { all=0; bad "array task ${arr}_$i state $(job_state "${arr}_$i")"; }
    done
    (( all )) && ok "array job $arr: 4 tasks COMPLETED, outputs x.0..x.3 correct"

    last_arr=$(cat t.arr.* | sort -n | tail -n 1)
    if [[ -f t.dep ]] && [[ "$(job_state "$dep")" == COMPLETED ]] \
        && awk -v a="$last_arr" -v d="$(cat t.dep)" 'BEGIN { exit !(d > a) }'; then
        ok "dependent job $dep (afterok:$arr) COMPLETED after the array"
    else
        bad "dependent job $dep: state $(job_state "$dep"), files: $(ls)"
    fi
else
    bad "array $arr / dependant $dep did not finish within ${TIMEOUT}s"
    squeue -t all || true
fi

# 4. failure + never-satisfiable dependency
fj=$(sbatch --parsable --output=/dev/null --wrap 'exit 3')
nj=$(sbatch --parsable --output=/dev/null --dependency="afterok:$fj" --wrap 'echo never')
if wait_done "$fj" "$nj"; then
    fs=$(job_state "$fj"); ns=$(job_state "$nj")
    ec=$(scontrol show job "$fj" | sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p')
    if [[ $fs == FAILED && $ec == 3:0 && $ns == CANCELLED ]]; then
        ok "failing job $fj FAILED (ExitCode=$ec); dependant $nj CANCELLED"
    else
        bad "failing job $fj: $fs ExitCode=$ec; dependant $nj: $ns"
    fi
else
    bad "failing job $fj / dependant $nj still queued after ${TIMEOUT}s"
    scancel "$fj" "$nj" 2>/dev/null || true
fi

echo "slurm-check: took $(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')s"
echo "$passed passed, $failed failed"
(( failed == 0 ))
