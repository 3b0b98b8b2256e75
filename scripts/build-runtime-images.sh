#!/usr/bin/env bash
# Build the local runtime images faas-runtime-python and faas-runtime-node.
#
# No image registry is reachable, so each image is built from scratch:
#   1. debootstrap a minimal Debian rootfs (cached as a tarball),
#   2. `docker import` it as a base image (tag faas-sim-rootfs-<rt>:<rootfs key>),
#   3. `docker build --network none` a thin layer on top: the agent, user faas
#      (uid/gid 10001), USER 10001, ENTRYPOINT = the agent.
# The Debian mirror is the one apt itself uses (read from its sources lists);
# no host name is written in this repository.
#
# An image is skipped when its label faas.sim.inputs-hash equals the sha256 of
# its inputs (this script, the agent source, runtime name, rootfs key).
#
# Usage: scripts/build-runtime-images.sh [python] [node]   (default: both)
# Env:
#   FAAS_SIM_CACHE_DIR   cache for rootfs tarballs (default /var/cache/faas-sim)
#   FAAS_DEBIAN_SUITE    Debian suite (default bookworm)
#   FAAS_DEBIAN_MIRROR   override the mirror read from apt's sources
#   FAAS_FORCE_REBUILD=1 rebuild even when the inputs hash matches
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"
cache_dir="${FAAS_SIM_CACHE_DIR:-/var/cache/faas-sim}"
suite="${FAAS_DEBIAN_SUITE:-bookworm}"
variant="minbase"

# Progress goes to stderr: several functions here return their value on stdout.
log() { echo "[build-runtime-images] $*" >&2; }
die() { echo "[build-runtime-images] error: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root (debootstrap needs it)"
command -v docker >/dev/null 2>&1 || die "docker CLI not found; run scripts/docker-up.sh first"
docker info >/dev/null 2>&1 || die "docker engine not answering; run scripts/docker-up.sh first"

# --- runtime table ----------------------------------------------------------
runtime_packages() {   # Debian packages added to the minbase rootfs
  case "$1" in
    python) echo "python3" ;;
    node)   echo "nodejs" ;;
    *) die "unknown runtime '$1' (expected python or node)" ;;
  esac
}
runtime_agent() {      # agent source, relative to the repo root
  case "$1" in
    python) echo "runtimes/python/agent.py" ;;
    node)   echo "runtimes/node/agent.js" ;;
  esac
}
runtime_entrypoint() { # JSON exec-form entrypoint
  case "$1" in
    python) echo '["/usr/bin/python3", "-u", "/opt/faas/agent.py"]' ;;
    node)   echo '["/usr/bin/node", "/opt/faas/agent.js"]' ;;
  esac
}
runtime_env() {        # extra ENV line content
  case "$1" in
    python) echo 'PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1' ;;
    node)   echo 'NODE_ENV=production' ;;
  esac
}

# --- mirror: the one apt itself uses ----------------------------------------
apt_mirror() {
  if [[ -n "${FAAS_DEBIAN_MIRROR:-}" ]]; then echo "$FAAS_DEBIAN_MIRROR"; return; fi
  local f uri=""
  # deb822 files: a stanza with Types: deb, Suites containing exactly $suite.
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri="$(awk -v suite="$suite" '
      function flush() { if (isdeb && hassuite && uris != "" && found == "") { split(uris, u, " "); found = u[1] } isdeb=0; hassuite=0; uris="" }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:"  { for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1 }
      tolower($1) == "uris:"   { uris = ""; for (i = 2; i <= NF; i++) uris = uris " " $i }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) hassuite = 1 }
      END { flush(); print found }' "$f")"
    [[ -n "$uri" ]] && { echo "$uri"; return; }
  done
  # one-line format: deb [options] URI suite components...
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    uri="$(awk -v suite="$suite" '
      $1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
                    if ($(i + 1) == suite) { print $i; exit } }' "$f")"
    [[ -n "$uri" ]] && { echo "$uri"; return; }
  done
  die "no '$suite' deb source found in apt's sources lists; set FAAS_DEBIAN_MIRROR"
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return
  log "installing debootstrap"
  local apt_log; apt_log="$(mktemp)"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; } >"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "could not install debootstrap"; }
  rm -f "$apt_log"
}

sha() { sha256sum | cut -d' ' -f1; }

# --- rootfs tarball (cached) ------------------------------------------------
# Prints the cached tarball path; builds it when missing.
ensure_rootfs() {
  local rt="$1" key="$2" pkgs="$3" mirror="$4"
  local tarball="$cache_dir/rootfs-$rt-$key.tar"
  if [[ -s "$tarball" ]]; then
    log "$rt: cached rootfs $tarball"
    echo "$tarball"; return
  fi
  ensure_debootstrap
  local work; work="$(mktemp -d "$cache_dir/debootstrap-$rt.XXXXXX")"
  local dlog="$work.log"
  local keyring=()
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
    keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  # debootstrap downloads with wget: hand it apt's proxy, if apt has one.
  local proxy=""
  eval "$(apt-config shell proxy Acquire::http::Proxy)" || true
  log "$rt: debootstrap --variant=$variant --include=$pkgs $suite (mirror from apt sources; log $dlog)"
  local t0=$SECONDS
  if ! http_proxy="${proxy:-${http_proxy:-}}" debootstrap --variant="$variant" --include="$pkgs" \
        "${keyring[@]}" "$suite" "$work/rootfs" "$mirror" >"$dlog" 2>&1; then
    tail -n 30 "$dlog" >&2
    rm -rf "$work"
    die "$rt: debootstrap failed (full log: $dlog)"
  fi
  # Trim what a function container never needs.
  rm -rf "$work/rootfs"/var/cache/apt/archives/*.deb "$work/rootfs"/var/lib/apt/lists/* \
         "$work/rootfs"/usr/share/doc/* "$work/rootfs"/usr/share/man/* "$work/rootfs"/usr/share/info/*
  tar --numeric-owner -C "$work/rootfs" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf "$work" "$dlog"
  log "$rt: rootfs cached as $tarball ($(du -h "$tarball" | cut -f1), $((SECONDS - t0)) s)"
  echo "$tarball"
}

build_one() {
  local rt="$1"
  local name="faas-runtime-$rt"
  local pkgs agent mirror
  pkgs="$(runtime_packages "$rt")"
  agent="$repo_root/$(runtime_agent "$rt")"
  [[ -f "$agent" ]] || die "$rt: agent source $agent not found"
  mirror="$(apt_mirror)"

  # Hash the copy that goes into the image, so an edit mid-build cannot leave
  # an image whose label does not describe its content.
  local ctx; ctx="$(mktemp -d)"
  cleanup_dirs+=("$ctx")
  cp "$agent" "$ctx/"
  local rootfs_key inputs_hash
  rootfs_key="$(printf '%s\n' "$suite" "$variant" "$pkgs" "$mirror" | sha | cut -c1-16)"
  inputs_hash="$( { cat "${BASH_SOURCE[0]}" "$ctx/$(basename "$agent")"; printf '%s\n' "$rt" "$rootfs_key"; } | sha)"

  local current=""
  current="$(docker image inspect "$name" --format '{{ index .Config.Labels "faas.sim.inputs-hash" }}' 2>/dev/null || true)"
  if [[ "$current" == "$inputs_hash" && "${FAAS_FORCE_REBUILD:-0}" != "1" ]]; then
    log "$rt: $name is up to date (inputs-hash ${inputs_hash:0:12}), skipped"
    return
  fi
  local old_id=""
  old_id="$(docker image inspect "$name" --format '{{.Id}}' 2>/dev/null || true)"

  local tarball base="faas-sim-rootfs-$rt:$rootfs_key"
  tarball="$(ensure_rootfs "$rt" "$rootfs_key" "$pkgs" "$mirror")"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    log "$rt: docker import -> $base"
    docker import --message "faas-sim $rt rootfs ($suite $variant +$pkgs)" "$tarball" "$base" >/dev/null ||
      die "$rt: docker import failed"
  fi

  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $base
RUN groupadd --gid 10001 faas \\
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin faas \\
 && mkdir -p /opt/faas /run/faas
COPY $(basename "$agent") /opt/faas/$(basename "$agent")
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    LANG=C.UTF-8 HOME=/tmp FAAS_SOCKET=/run/faas/agent.sock $(runtime_env "$rt")
WORKDIR /tmp
USER 10001:10001
ENTRYPOINT $(runtime_entrypoint "$rt")
DOCKERFILE
  log "$rt: docker build -> $name"
  local blog="$ctx/build.log"
  # Legacy builder: works on a local base image with no network at all.
  if ! DOCKER_BUILDKIT=0 docker build --network none --pull=false -q \
        --label "faas.sim.runtime=$rt" --label "faas.sim.inputs-hash=$inputs_hash" \
        -t "$name" "$ctx" >"$blog" 2>&1; then
    cat "$blog" >&2
    die "$rt: docker build failed"
  fi
  local new_id; new_id="$(docker image inspect "$name" --format '{{.Id}}')"
  if [[ -n "$old_id" && "$old_id" != "$new_id" ]]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true   # kept if a container still uses it
  fi
  log "$rt: built $name ${new_id:7:12} ($(docker image inspect "$name" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'), inputs-hash ${inputs_hash:0:12})"
}

cleanup_dirs=()
trap 'rm -rf "${cleanup_dirs[@]}"' EXIT

runtimes=("$@")
(( ${#runtimes[@]} )) || runtimes=(python node)
for rt in "${runtimes[@]}"; do runtime_packages "$rt" >/dev/null; done

mkdir -p "$cache_dir"
exec 9>"$cache_dir/.build.lock"
flock -w 900 9 || die "another build holds $cache_dir/.build.lock"

for rt in "${runtimes[@]}"; do build_one "$rt"; done
log "done"
