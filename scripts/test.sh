#!/usr/bin/env bash
# The test command (README): sets up what the tests need on a fresh machine, then runs them all.
#  0. shellcheck over every script and a first-run check of the set-up scripts (stubbed tools)
#  1. a Docker engine (installs Debian's docker.io and starts dockerd if needed)
#  2. the runtime images faas-runtime-python / faas-runtime-node (rebuilt only when inputs change)
#     and the one-node Slurm cluster for the sharded-sweep tests (scripts/slurm-up.sh; FAAS_SKIP_SLURM=1
#     skips starting it, and then the Slurm tests fail rather than pass unchecked)
#  3. dotnet test over the whole solution, then the experiment pipeline in --quick mode
#     (every scenario, charts and report, into a scratch folder)
# Prints one closing line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# 0. The scripts themselves: shellcheck over every script, then the set-up scripts'
#    first-run branches against stubs (scripts/check-first-run.sh, a few seconds).
if ! command -v shellcheck >/dev/null 2>&1; then
  echo "== installing shellcheck (apt)" >&2
  apt_log=$(mktemp)
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck; } >"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; echo "could not install shellcheck" >&2; exit 1; }
  rm -f "$apt_log"
fi
echo "== shellcheck scripts/*.sh run-experiments.sh .ci/run"
shellcheck scripts/*.sh run-experiments.sh .ci/run
echo "== first-run check of the set-up scripts"
scripts/check-first-run.sh

if [ "${FAAS_SKIP_DOCKER:-0}" != "1" ]; then
  scripts/docker-up.sh
  scripts/build-runtime-images.sh
fi
if [ "${FAAS_SKIP_SLURM:-0}" != "1" ]; then
  scripts/slurm-up.sh
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Faas.Sim.sln -c Release -nologo 2>&1 | tee "$log" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

if [ $status -eq 0 ]; then
  # Every scenario, charts and report, in a scratch folder (results/ keeps the full runs).
  quick=$(mktemp -d)
  trap 'rm -f "$log"; rm -rf "$quick"' EXIT
  echo "== pipeline check: ./run-experiments.sh --quick --out $quick"
  ./run-experiments.sh --quick --out "$quick" || status=$?
  if [ $status -eq 0 ]; then
    pngs=$(find "$quick" -name '*.png' | wc -l)
    if [ ! -s "$quick/REPORT.md" ] || [ ! -s "$quick/REPORT.html" ] || [ "$pngs" -eq 0 ]; then
      echo "pipeline check: missing REPORT.md, REPORT.html or charts in $quick" >&2; status=1
    else
      echo "pipeline check: $pngs PNG charts, REPORT.md and REPORT.html written"
    fi
  fi
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit $status
