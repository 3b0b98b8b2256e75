#!/usr/bin/env bash
# Regenerates results/: runs every scenario in scenarios/ (or those named) in simulation.
# Usage: ./run-experiments.sh [--quick] [scenario-name-or-file ...]
#   --quick   short durations (at most 10 simulated minutes) and one replication: a pipeline check
# Needs only the .NET SDK (no Docker). Exits non-zero if any experiment fails.
set -euo pipefail
cd "$(dirname "$0")"

quick=0
names=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $a (see --help)" >&2; exit 2 ;;
    *) names+=("$a") ;;
  esac
done

if [ ${#names[@]} -eq 0 ]; then
  files=(scenarios/*.yaml)
else
  files=()
  for n in "${names[@]}"; do
    if [ -f "$n" ]; then files+=("$n"); elif [ -f "scenarios/$n.yaml" ]; then files+=("scenarios/$n.yaml")
    else echo "no scenario '$n' (looked for $n and scenarios/$n.yaml)" >&2; exit 2; fi
  done
fi

echo "== building (Release)"
dotnet build src/Faas.Cli -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli=(dotnet src/Faas.Cli/bin/Release/net10.0/faas-sim.dll)

extra=()
if [ $quick -eq 1 ]; then extra=(--max-duration 10m --replications 1); fi

"${cli[@]}" validate "${files[@]}" >/dev/null

failed=()
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  name=$(basename "$f" .yaml)
  echo "== [$i/${#files[@]}] $name"
  if ! "${cli[@]}" run "$f" --out "results/$name" "${extra[@]}"; then
    failed+=("$name")
  fi
done

if [ ${#names[@]} -eq 0 ]; then
  echo "== lambda-validation (keep-alive vs 20 AWS Lambda measurements)"
  lv=()
  if [ $quick -eq 1 ]; then lv=(--calls 20000 --replications 2); fi
  if ! "${cli[@]}" lambda-validation --out results/lambda-validation "${lv[@]}" | tail -2; then
    failed+=("lambda-validation")
  fi
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "== done: results/ ($(ls -d results/*/ | wc -l) experiment folders)"
