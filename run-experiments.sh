#!/usr/bin/env bash
# Regenerates results/: runs every scenario in scenarios/ (or those named) in simulation, draws the
# charts (PNG + SVG) and writes results/REPORT.md and results/REPORT.html (a verdict per seed claim).
# Usage: ./run-experiments.sh [--quick] [--out DIR] [-j N] [scenario-name-or-file ...]
#   --quick    pipeline check: at most 10 simulated minutes and 2 replications per experiment
#   --out DIR  results root (default: results)
#   -j N       runs in parallel per experiment (default: all cores; results do not depend on it)
# Needs only the .NET SDK (no Docker). Exits non-zero if any experiment, chart or the report fails.
set -euo pipefail
cd "$(dirname "$0")"

quick=0
out=results
workers=()
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) [ $# -ge 2 ] || { echo "--out needs a folder" >&2; exit 2; }; out="$2"; shift ;;
    -j|--workers) [ $# -ge 2 ] || { echo "$1 needs a number" >&2; exit 2; }; workers=(--workers "$2"); shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    *) names+=("$1") ;;
  esac
  shift
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

start=$SECONDS
echo "== building (Release)"
dotnet build src/Faas.Cli -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli=(dotnet src/Faas.Cli/bin/Release/net10.0/faas-sim.dll)

extra=("${workers[@]}")
if [ $quick -eq 1 ]; then extra+=(--max-duration 10m --replications 2); fi

# Bad input stops everything before any output (exit 2).
"${cli[@]}" validate "${files[@]}" >/dev/null

mkdir -p "$out"
if [ ${#names[@]} -eq 0 ]; then
  # A full run regenerates the whole root: drop experiment folders whose scenario is gone.
  for d in "$out"/*/; do
    [ -d "$d" ] || continue
    n=$(basename "$d")
    if [ ! -f "scenarios/$n.yaml" ] && { [ -f "$d/manifest.json" ] || [ -f "$d/summary.csv" ]; }; then
      echo "== removing $d (no scenarios/$n.yaml)"; rm -rf "$d"
    fi
  done
fi

failed=()
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  name=$(basename "$f" .yaml)
  t0=$SECONDS
  echo "== [$i/${#files[@]}] $name"
  if "${cli[@]}" run "$f" --out "$out/$name" "${extra[@]}" >"$out/.$name.log"; then
    # The per-model table; a sweep's has a row per point and model, so only its head is shown.
    if [ "$(wc -l <"$out/.$name.log")" -le 12 ]; then cat "$out/.$name.log"
    else head -n 8 "$out/.$name.log"; echo "   ... ($(($(wc -l <"$out/.$name.log") - 3)) rows: see $out/$name/summary_ci.csv)"; tail -n 1 "$out/.$name.log"; fi
    rm -f "$out/.$name.log"
  else
    cat "$out/.$name.log"; rm -f "$out/.$name.log"
    failed+=("$name"); continue
  fi
  if ! "${cli[@]}" plot "$out/$name"; then failed+=("$name (charts)"); fi
  echo "   $((SECONDS - t0)) s"
done

if [ ${#names[@]} -eq 0 ]; then
  echo "== lambda-validation (keep-alive vs 20 AWS Lambda measurements)"
  lv=()
  if [ $quick -eq 1 ]; then lv=(--calls 20000 --replications 2); fi
  if ! "${cli[@]}" lambda-validation --out "$out/lambda-validation" "${lv[@]}" | tail -2; then
    failed+=("lambda-validation")
  fi
fi

echo "== report"
if ! "${cli[@]}" report "$out"; then failed+=("report"); fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "== done in $((SECONDS - start)) s: $out/REPORT.md, $out/REPORT.html ($(find "$out" -mindepth 2 -maxdepth 2 -name summary.csv | wc -l) experiment folders)"
