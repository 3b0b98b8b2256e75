#!/usr/bin/env bash
# Install the `faas-sim` command: packs src/Faas.Cli as a .NET tool into artifacts/packages and
# installs (or updates) it as a global tool, so `faas-sim` is the process itself, not `dotnet run`.
#
#   scripts/install-cli.sh                  install/update from this checkout (global tool)
#   scripts/install-cli.sh --tool-path DIR  into DIR instead (DIR/faas-sim; nothing global touched)
#
# The tool lands in ~/.dotnet/tools. When that folder is not on PATH, a link
# /usr/local/bin/faas-sim -> ~/.dotnet/tools/faas-sim is made (as root) so the command works in
# every shell; otherwise the script says which line to add to your shell profile.
# Uninstall: dotnet tool uninstall -g faas-sim (and rm /usr/local/bin/faas-sim if it was linked).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[install-cli] $*" >&2; }
die() { echo "[install-cli] error: $*" >&2; exit 1; }

tool_path=""
while (( $# )); do
  case "$1" in
    --tool-path) (( $# >= 2 )) || die "--tool-path needs a folder"; tool_path="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
feed="$PWD/artifacts/packages"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Faas.Cli/Faas.Cli.csproj | head -n1)"
[[ -n "$version" ]] || die "no <Version> in src/Faas.Cli/Faas.Cli.csproj"

say "dotnet pack src/Faas.Cli -c Release -> $feed"
dotnet pack src/Faas.Cli -c Release -nologo -v q -clp:ErrorsOnly -o "$feed" >&2
[[ -s "$feed/faas-sim.$version.nupkg" ]] || die "pack did not write $feed/faas-sim.$version.nupkg"

# A re-pack of the same version must replace the installed copy: drop NuGet's cached copy of it.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/faas-sim/$version"
if [[ -n "$tool_path" ]]; then
  mkdir -p "$tool_path"
  if [[ -e "$tool_path/faas-sim" ]]; then dotnet tool uninstall faas-sim --tool-path "$tool_path" >/dev/null; fi
  dotnet tool install faas-sim --version "$version" --add-source "$feed" --tool-path "$tool_path" >/dev/null
  say "installed faas-sim $version ($tool_path/faas-sim)"
  exit 0
fi
if dotnet tool list -g | awk 'NR > 2 {print $1}' | grep -qx faas-sim; then
  dotnet tool uninstall -g faas-sim >/dev/null
fi
say "dotnet tool install -g faas-sim --version $version --add-source $feed"
dotnet tool install -g faas-sim --version "$version" --add-source "$feed" >/dev/null

tools="$HOME/.dotnet/tools"
where="$tools/faas-sim"
case ":$PATH:" in
  *":$tools:"*) ;;
  *)
    if [[ $EUID -eq 0 && -d /usr/local/bin ]]; then
      ln -sfn "$where" /usr/local/bin/faas-sim
      where="/usr/local/bin/faas-sim -> $tools/faas-sim"
    else
      say "add ~/.dotnet/tools to PATH: export PATH=\"\$PATH:$tools\""
    fi ;;
esac
say "installed faas-sim $version ($where)"
