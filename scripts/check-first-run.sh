#!/usr/bin/env bash
# The set-up scripts' first-run path, checked in seconds on any machine.
#
# A machine that already has debootstrap, docker.io and the images never takes
# the branches a fresh machine takes, so CI stays green while a new user's
# first `./scripts/test.sh` fails (it did: a log line on stdout became part of
# a tarball path). This script runs those branches for real against a scratch
# cache folder and a PATH on which the slow or system-wide tools are stubs:
#
#   apt-get      "installs" a stub debootstrap / dockerd into the stub folder
#   debootstrap  writes a tiny root filesystem
#   dockerd      records its flags and makes the stub engine answer
#   docker       a stub engine: info, version, image inspect, import (fails,
#                like the real one, when the tarball path does not exist), build, rmi
#
# Every other command is the machine's own. Checked:
#   1. docker-up.sh with no dockerd: installs docker.io, starts dockerd with
#      --bridge=none --iptables=false, waits until it answers;
#   2. build-runtime-images.sh with no debootstrap, an empty cache and no image:
#      installs debootstrap, bootstraps and caches both rootfs tarballs, imports
#      and builds both images;
#   3. the same again: both images up to date, nothing rebuilt;
#   4. images gone but tarballs cached: imported from the cache, no debootstrap;
#   5. the check itself can fail: a copy of build-runtime-images.sh whose log()
#      writes to stdout (the original bug) must fail step 2.
#
# Usage: scripts/check-first-run.sh      (root; about 10 s; exit 0 = all held)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"

say()  { echo "[check-first-run] $*" >&2; }
fail() { echo "[check-first-run] FAIL: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || fail "must run as root (the scripts under test refuse otherwise)"

scratch="$(mktemp -d /tmp/faas-first-run.XXXXXX)"
stub_pids=()
cleanup() {
  local p
  for p in "${stub_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# --- a PATH with the machine's tools minus the ones under test --------------
stubs="$scratch/stubs"   # stubs that exist from the start, and what apt-get "installs"
farm="$scratch/bin"      # links to every other command on the real PATH
mkdir -p "$stubs" "$farm"
hidden=" apt-get debootstrap docker dockerd "
IFS=: read -r -a path_dirs <<<"$PATH"
for d in "${path_dirs[@]}"; do
  [[ -d "$d" ]] || continue
  for f in "$d"/*; do
    n="${f##*/}"
    [[ -x "$f" && ! -d "$f" ]] || continue
    [[ "$hidden" == *" $n "* ]] && continue
    [[ -e "$farm/$n" ]] || ln -s "$f" "$farm/$n"
  done
done
test_path="$stubs:$farm"

state="$scratch/engine"   # the stub engine's images and flags
mkdir -p "$state/images"
export FAKE_STATE="$state" FAKE_STUBS="$stubs"

cat >"$stubs/apt-get" <<'STUB'
#!/usr/bin/env bash
# stub apt-get: logs its call; "install" puts stub tools on PATH
echo "apt-get $*" >>"$FAKE_STATE/apt.log"
[[ "$1" == install || " $* " == *" install "* ]] || exit 0
for pkg in "$@"; do
  case "$pkg" in
    debootstrap) cp "$FAKE_STATE/../tools/debootstrap" "$FAKE_STUBS/debootstrap" ;;
    docker.io)   cp "$FAKE_STATE/../tools/dockerd" "$FAKE_STUBS/dockerd"
                 [[ -e "$FAKE_STUBS/docker" ]] || cp "$FAKE_STATE/../tools/docker" "$FAKE_STUBS/docker" ;;
  esac
done
STUB

mkdir -p "$scratch/tools"
cat >"$scratch/tools/debootstrap" <<'STUB'
#!/usr/bin/env bash
# stub debootstrap [options] SUITE TARGET MIRROR: a tiny root filesystem
echo "debootstrap $*" >>"$FAKE_STATE/debootstrap.log"
args=(); for a in "$@"; do [[ "$a" == --* ]] || args+=("$a"); done
(( ${#args[@]} == 3 )) || { echo "debootstrap stub: expected SUITE TARGET MIRROR, got: $*" >&2; exit 1; }
target="${args[1]}"
mkdir -p "$target/usr/bin" "$target/etc" "$target/var/cache/apt/archives" "$target/usr/share/doc/x"
echo "stub rootfs for ${args[0]}" >"$target/etc/os-release"
STUB

cat >"$scratch/tools/dockerd" <<'STUB'
#!/usr/bin/env bash
# stub dockerd: records its flags, then the stub engine answers until killed
echo "$*" >"$FAKE_STATE/dockerd.args"
for a in "$@"; do [[ "$a" == --pidfile=* ]] && echo $$ >"${a#--pidfile=}"; done
touch "$FAKE_STATE/running"
exec sleep 600
STUB

cat >"$scratch/tools/docker" <<'STUB'
#!/usr/bin/env bash
# stub docker CLI over a folder of image records
img() { printf '%s' "$FAKE_STATE/images/${1//[\/:]/_}"; }
case "$1" in
  info)    [[ -e "$FAKE_STATE/running" ]] ;;
  version) echo "20.10-stub" ;;
  image)
    [[ "$2" == inspect ]] || exit 1
    f="$(img "$3")"; [[ -e "$f" ]] || { echo "Error: No such image: $3" >&2; exit 1; }
    case "$*" in
      *inputs-hash*) sed -n 's/^hash=//p' "$f" ;;
      *.Id*)         sed -n 's/^id=//p' "$f" ;;
      *.Size*)       echo 1000000 ;;
    esac ;;
  import)
    shift; [[ "$1" == --message ]] && shift 2
    tarball="$1" name="$2"
    [[ -s "$tarball" ]] || { echo "open $tarball: no such file or directory" >&2; exit 1; }
    tar -tf "$tarball" | grep -q 'etc/os-release' || { echo "import: $tarball is not a rootfs tarball" >&2; exit 1; }
    printf 'id=sha256:%s\n' "$(sha256sum <"$tarball" | cut -c1-64)" >"$(img "$name")"
    echo "import $name" >>"$FAKE_STATE/docker.log" ;;
  build)
    shift; hash="" name="" ctx=""
    while (( $# )); do
      case "$1" in
        --label) [[ "$2" == faas.sim.inputs-hash=* ]] && hash="${2#*=}"; shift 2 ;;
        -t) name="$2"; shift 2 ;;
        -*) shift ;;
        *) ctx="$1"; shift ;;
      esac
    done
    from="$(sed -n 's/^FROM //p' "$ctx/Dockerfile")"
    [[ -e "$(img "$from")" ]] || { echo "build: base image $from not found" >&2; exit 1; }
    printf 'id=sha256:%s\nhash=%s\n' "$(sha256sum <"$ctx/Dockerfile" | cut -c1-64)" "$hash" >"$(img "$name")"
    echo "build $name" >>"$FAKE_STATE/docker.log" ;;
  rmi) exit 0 ;;
  *) echo "docker stub: unsupported: $*" >&2; exit 1 ;;
esac
STUB
chmod +x "$stubs/apt-get" "$scratch/tools"/*

count() { { grep -c "$1" "$2" 2>/dev/null || true; } | head -n1; }

# --- 1. docker-up.sh: no dockerd, nothing answering --------------------------
cp "$scratch/tools/docker" "$stubs/docker"   # the CLI is there, the engine is not
out="$(PATH="$test_path" FAAS_DOCKERD_LOG="$scratch/dockerd.log" FAAS_DOCKERD_TIMEOUT=10 \
       FAAS_DOCKERD_PIDFILE="$scratch/docker.pid" FAAS_CONTAINERD_PIDFILE="$scratch/containerd.pid" \
       "$repo_root/scripts/docker-up.sh" 2>"$scratch/docker-up.err")" ||
  { cat "$scratch/docker-up.err" >&2; fail "docker-up.sh failed on a machine without dockerd"; }
[[ -s "$scratch/docker.pid" ]] && stub_pids+=("$(cat "$scratch/docker.pid")")
grep -q 'install.*docker.io' "$state/apt.log" || fail "docker-up.sh did not install docker.io"
args="$(cat "$state/dockerd.args" 2>/dev/null || true)"
[[ " $args " == *" --bridge=none "* && " $args " == *" --iptables=false "* ]] ||
  fail "dockerd started without --bridge=none --iptables=false (args: $args)"
[[ "$out" == *"installed docker.io"*"started dockerd"* ]] || fail "docker-up.sh said: $out"
say "ok   docker-up.sh first run: installed docker.io, started dockerd $args"

# --- 2. build-runtime-images.sh: no debootstrap, empty cache, no image --------
images_first_run() {   # script cache -> exit status; output in $scratch/build.out
  PATH="$test_path" FAAS_SIM_CACHE_DIR="$2" "$1" >"$scratch/build.out" 2>&1
}
cache="$scratch/cache"   # does not exist yet, as on a new machine
images_first_run "$repo_root/scripts/build-runtime-images.sh" "$cache" ||
  { cat "$scratch/build.out" >&2; fail "build-runtime-images.sh failed on its first run"; }
grep -q 'install.*debootstrap' "$state/apt.log" || fail "debootstrap was not installed"
[[ "$(count . "$state/debootstrap.log")" == 2 ]] || fail "expected 2 debootstrap runs, log: $(cat "$state/debootstrap.log")"
[[ "$(find "$cache" -name 'rootfs-*.tar' | wc -l)" == 2 ]] || fail "expected 2 cached rootfs tarballs in $cache"
for rt in python node; do
  docker_img="$state/images/faas-runtime-$rt"
  [[ -e "$docker_img" ]] || fail "image faas-runtime-$rt was not built"
done
say "ok   build-runtime-images.sh first run: debootstrap installed, 2 rootfs cached, 2 images built"

# --- 3. second run: nothing to do ---------------------------------------------
images_first_run "$repo_root/scripts/build-runtime-images.sh" "$cache" ||
  { cat "$scratch/build.out" >&2; fail "build-runtime-images.sh failed on its second run"; }
[[ "$(count 'up to date' "$scratch/build.out")" == 2 ]] || { cat "$scratch/build.out" >&2; fail "second run rebuilt an image"; }
[[ "$(count . "$state/debootstrap.log")" == 2 ]] || fail "second run ran debootstrap again"
say "ok   second run: both images up to date"

# --- 4. images gone, tarballs cached ------------------------------------------
rm -f "$state/images/"*
images_first_run "$repo_root/scripts/build-runtime-images.sh" "$cache" ||
  { cat "$scratch/build.out" >&2; fail "build-runtime-images.sh failed with a cached rootfs and no image"; }
[[ "$(count 'cached rootfs' "$scratch/build.out")" == 2 ]] || { cat "$scratch/build.out" >&2; fail "cached tarballs were not used"; }
[[ "$(count . "$state/debootstrap.log")" == 2 ]] || fail "debootstrap ran although the rootfs was cached"
say "ok   cached rootfs, no image: imported from the cache"

# --- 5. the check sees the original bug ---------------------------------------
mutant="$scratch/mutant"
mkdir -p "$mutant/scripts"
ln -s "$repo_root/runtimes" "$mutant/runtimes"
sed 's|^log() { echo "\(.*\)" >&2; }$|log() { echo "\1"; }|' "$repo_root/scripts/build-runtime-images.sh" \
  >"$mutant/scripts/build-runtime-images.sh"
chmod +x "$mutant/scripts/build-runtime-images.sh"
cmp -s "$mutant/scripts/build-runtime-images.sh" "$repo_root/scripts/build-runtime-images.sh" &&
  fail "could not plant the stdout-log bug (log() changed shape?): update step 5"
rm -f "$stubs/debootstrap" "$state/images/"*
if images_first_run "$mutant/scripts/build-runtime-images.sh" "$scratch/cache-mutant"; then
  fail "a build-runtime-images.sh that logs to stdout passed the first-run check: the check is blind"
fi
grep -q 'no such file or directory' "$scratch/build.out" ||
  { cat "$scratch/build.out" >&2; fail "the planted bug failed, but not as the original did"; }
say "ok   a log() on stdout fails the first run (as on the new machine: $(grep -m1 'no such file' "$scratch/build.out"))"

say "passed: first-run paths of docker-up.sh and build-runtime-images.sh"
