#!/usr/bin/env bash
# Smoke-test one runtime image end to end, with the production security flags.
#
#   scripts/smoke-runtime.sh [python|node]      (default python)
#
# Runs a container of faas-runtime-<rt> exactly as the Docker backend will:
#   --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges
#   --pids-limit 64 --memory 128m --cpus 1 --network none
#   -v <fresh host dir>:/run/faas   --label faas.sim.owner=faas-sim
# then talks to the agent over the Unix socket <dir>/agent.sock and checks:
# readiness, /init, /run, log capture, an error from main, a refused second
# /init, the network isolation (connect to 127.0.0.1 and to a public address must
# fail; only `lo` exists), the read-only root, uid 10001, a zip action in a
# second container, and a prompt `docker stop` (SIGTERM handled by the agent).
# Prints create/start/ready, init and warm-run timings. Exits non-zero on any
# failure. No traffic is ever sent to a private-range address.
#
# Env: FAAS_SMOKE_RUNS  warm /run calls timed (default 20)
set -euo pipefail

rt="${1:-python}"
runs="${FAAS_SMOKE_RUNS:-20}"
image="faas-runtime-$rt"
case "$rt" in python|node) ;; *) echo "usage: $0 [python|node]" >&2; exit 2 ;; esac

log()  { echo "[smoke $rt] $*" >&2; }   # stderr, like every log here: stdout is for values
fail() { echo "[smoke $rt] FAIL: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || fail "must run as root"
docker info >/dev/null 2>&1 || fail "docker engine not answering; run scripts/docker-up.sh"
docker image inspect "$image" >/dev/null 2>&1 || fail "image $image missing; run scripts/build-runtime-images.sh $rt"
missing=()
for tool in curl jq zip; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if (( ${#missing[@]} )); then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } ||
    fail "could not install ${missing[*]}"
fi

# A port something on the host listens on, to show the container's 127.0.0.1
# is its own (refused) and not the host's. Loopback only, never a private range.
host_port="$(ss -ltnH 2>/dev/null | awk '{n=split($4,a,":"); print a[n]}' | grep -E '^[0-9]+$' | head -n1 || true)"
host_port="${host_port:-80}"

containers=()
dirs=()
cleanup() {
  local c d
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  for d in "${dirs[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# new_container NAME -> sets DIR to the host socket dir; container created, not started.
new_container() {
  local name="$1" dir
  dir="$(mktemp -d /tmp/faas-smoke.XXXXXX)" || fail "mktemp failed"
  dirs+=("$dir")
  # The agent runs as uid 10001 and must create its socket in this directory.
  chown 10001:10001 "$dir"
  chmod 0755 "$dir"
  docker create --name "$name" \
    --label faas.sim.owner=faas-sim \
    --read-only --tmpfs /tmp \
    --cap-drop ALL --security-opt no-new-privileges \
    --pids-limit 64 --memory 128m --cpus 1 --network none \
    -v "$dir:/run/faas" \
    "$image" >/dev/null || fail "docker create failed"
  containers+=("$name")
  DIR="$dir"
}

# wait_ready DIR NAME TIMEOUT_S
wait_ready() {
  local sock="$1/agent.sock" name="$2" deadline=$(( $(now_ms) + $3 * 1000 ))
  until [[ -S "$sock" ]] && curl -sf --unix-socket "$sock" http://agent/health >/dev/null 2>&1; do
    if [[ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != "true" ]]; then
      docker logs "$name" >&2 || true
      fail "container $name exited before it was ready"
    fi
    (( $(now_ms) < deadline )) || { docker logs "$name" >&2 || true; fail "agent not ready within $3 s"; }
    sleep 0.01
  done
}

# req SOCK METHOD PATH [BODY] [extra curl args...] -> sets STATUS, BODY, SECS
req() {
  local sock="$1" method="$2" path="$3" data="$4"; shift 4
  local out
  out="$(curl -s --unix-socket "$sock" -X "$method" -H 'Content-Type: application/json' \
         ${data:+--data-binary "$data"} "$@" -w '\n%{http_code} %{time_total}' "http://agent$path")" ||
    fail "$method $path: curl failed"
  BODY="$(sed '$d' <<<"$out")"
  read -r STATUS SECS < <(tail -n1 <<<"$out")
}

expect() { # expect DESCRIPTION JQ-BOOLEAN-EXPR (on $BODY) [STATUS]
  local want_status="${3:-200}"
  [[ "$STATUS" == "$want_status" ]] || fail "$1: HTTP $STATUS (want $want_status): $BODY"
  jq -e "$2" >/dev/null <<<"$BODY" || fail "$1: unexpected body: $BODY"
  log "ok   $1"
}

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

# ---- the test function ------------------------------------------------------
if [[ "$rt" == python ]]; then
  code='import errno, os, socket

def _connect(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect((host, port))
        return "connected"
    except OSError as e:
        return errno.errorcode.get(e.errno, str(e)) if e.errno else type(e).__name__
    finally:
        s.close()

def main(args):
    if not isinstance(args.get("a"), int):
        raise ValueError("a must be a number")
    out = {"sum": args["a"] + args["b"], "uid": os.getuid(), "env": os.environ.get("SMOKE_ENV")}
    if args.get("log"):
        print("smoke-log-line")
    if args.get("probe"):
        out["net"] = {"loopback": _connect("127.0.0.1", args["port"]), "public": _connect("1.1.1.1", 53)}
        out["ifaces"] = sorted(os.listdir("/sys/class/net"))
        try:
            open("/opt/faas/probe", "w").close()
            out["rootfs"] = "writable"
        except OSError as e:
            out["rootfs"] = errno.errorcode.get(e.errno)
        with open("/tmp/probe", "w") as f:
            f.write("x")
        out["tmp"] = "writable"
    return out
'
  zip_files=("__main__.py:from helper import K
def main(args):
    return {\"zip\": K}")
  zip_files+=("helper.py:K = \"from-zip\"")
else
  code='const fs = require("fs");
const net = require("net");

function connect(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(2000, () => { s.destroy(); resolve("ETIMEDOUT"); });
    s.on("connect", () => { s.destroy(); resolve("connected"); });
    s.on("error", (e) => resolve(e.code || String(e)));
  });
}

async function main(args) {
  if (typeof args.a !== "number") throw new Error("a must be a number");
  const out = { sum: args.a + args.b, uid: process.getuid(), env: process.env.SMOKE_ENV };
  if (args.log) console.log("smoke-log-line");
  if (args.probe) {
    out.net = { loopback: await connect("127.0.0.1", args.port), public: await connect("1.1.1.1", 53) };
    out.ifaces = fs.readdirSync("/sys/class/net").sort();
    try { fs.writeFileSync("/opt/faas/probe", "x"); out.rootfs = "writable"; } catch (e) { out.rootfs = e.code; }
    fs.writeFileSync("/tmp/probe", "x");
    out.tmp = "writable";
  }
  return out;
}
'
  zip_files=("package.json:{\"main\": \"lib/entry.js\"}")
  zip_files+=("lib/entry.js:const { K } = require(\"./helper\");
exports.main = async () => ({ zip: K });")
  zip_files+=("lib/helper.js:exports.K = \"from-zip\";")
fi

# ---- container 1: lifecycle, checks, timings --------------------------------
name="faas-smoke-$rt-$$"
t0=$(now_ms)
new_container "$name"; dir="$DIR"
t1=$(now_ms)
docker start "$name" >/dev/null || fail "docker start failed"
t2=$(now_ms)
wait_ready "$dir" "$name" 30
t3=$(now_ms)
sock="$dir/agent.sock"
log "ok   ready: create $((t1 - t0)) ms + start $((t2 - t1)) ms + start-to-ready $((t3 - t2)) ms = $((t3 - t0)) ms"
[[ "$(stat -c %a "$sock")" == 666 ]] || fail "socket mode is $(stat -c %a "$sock"), want 666"
docker logs "$name" 2>&1 | grep -q listening || fail "agent did not print a listening line"
log "ok   socket mode 666, agent said: $(docker logs "$name" 2>&1 | grep listening | head -n1)"

req "$sock" GET /health ""
expect "GET /health" '.ok == true'

req "$sock" POST /run '{"value":{"a":1,"b":2}}'
expect "/run before /init is refused" 'has("error")' 403

init_body="$(jq -cn --arg code "$code" '{value:{name:"smoke",main:"main",code:$code,binary:false,env:{SMOKE_ENV:"yes"}}}')"
req "$sock" POST /init "$init_body"
expect "POST /init" '.ok == true'
init_ms="$(ms "$SECS")"

req "$sock" POST /init "$init_body"
expect "second /init is refused" 'has("error")' 403

req "$sock" POST /run '{"value":{"a":40,"b":2}}'
expect "POST /run returns main(args)" '.sum == 42 and .uid == 10001 and .env == "yes" and (has("_logs") | not)'
first_run_ms="$(ms "$SECS")"

req "$sock" POST /run '{"value":{"a":1,"b":1,"log":true}}' -H 'X-Faas-Capture-Logs: 1'
expect "X-Faas-Capture-Logs: 1 returns _logs" '.sum == 2 and (._logs.stdout | contains("smoke-log-line")) and ._logs.stderr == ""'

req "$sock" POST /run '{"value":{"b":1}}'
expect "an exception in main gives 502 {error}" '(.error | contains("a must be a number"))' 502

req "$sock" POST /run "$(jq -cn --argjson port "$host_port" '{value:{a:0,b:0,probe:true,port:$port}}')"
expect "isolation: uid 10001, only lo, 127.0.0.1:$host_port refused, 1.1.1.1 unreachable, root read-only, /tmp writable" \
  '.uid == 10001 and .ifaces == ["lo"] and .net.loopback == "ECONNREFUSED" and (.net.public == "ENETUNREACH" or .net.public == "EHOSTUNREACH") and .rootfs == "EROFS" and .tmp == "writable"'
log "     probe said: $(jq -c '{net, ifaces, rootfs}' <<<"$BODY")"

times=()
for ((i = 0; i < runs; i++)); do
  req "$sock" POST /run "{\"value\":{\"a\":$i,\"b\":1}}"
  if [[ "$STATUS" != 200 ]] || ! jq -e ".sum == $((i + 1))" >/dev/null <<<"$BODY"; then
    fail "warm run $i: HTTP $STATUS $BODY"
  fi
  times+=("$SECS")
done
run_stats="$(printf '%s\n' "${times[@]}" | sort -g | awk '
  { v[NR] = $1 * 1000; s += v[NR] }
  END { printf "min %.1f / median %.1f / mean %.1f / p95 %.1f / max %.1f ms", v[1], v[int((NR + 1) / 2)], s / NR, v[int(NR * 0.95 + 0.999)], v[NR] }')"
log "ok   $runs warm runs"

mem="$(docker stats --no-stream --format '{{.MemUsage}}' "$name" 2>/dev/null || echo '?')"
pids="$(docker stats --no-stream --format '{{.PIDs}}' "$name" 2>/dev/null || echo '?')"

t4=$(now_ms)
docker stop -t 10 "$name" >/dev/null || fail "docker stop failed"
t5=$(now_ms)
(( t5 - t4 < 5000 )) || fail "docker stop took $((t5 - t4)) ms: agent ignores SIGTERM?"
log "ok   docker stop took $((t5 - t4)) ms (agent exits on SIGTERM)"

# ---- container 2: a zip action ----------------------------------------------
name2="faas-smoke-$rt-zip-$$"
new_container "$name2"; dir2="$DIR"
docker start "$name2" >/dev/null || fail "docker start (zip) failed"
zdir="$(mktemp -d)"; dirs+=("$zdir")
for entry in "${zip_files[@]}"; do
  f="${entry%%:*}"; mkdir -p "$zdir/src/$(dirname "$f")"; printf '%s\n' "${entry#*:}" >"$zdir/src/$f"
done
(cd "$zdir/src" && zip -qr ../action.zip .)
wait_ready "$dir2" "$name2" 30
req "$dir2/agent.sock" POST /init "$(jq -cn --rawfile z <(base64 -w0 "$zdir/action.zip") '{value:{name:"zipped",main:"main",code:$z,binary:true}}')"
expect "zip action: /init with binary:true" '.ok == true'
zip_init_ms="$(ms "$SECS")"
req "$dir2/agent.sock" POST /run '{"value":{}}'
expect "zip action: /run" '.zip == "from-zip"'

echo
log "PASS  image $image ($(docker image inspect "$image" --format '{{ index .Config.Labels "faas.sim.inputs-hash" }}' | cut -c1-12))"
log "timing create+start-to-ready: $((t3 - t0)) ms (create $((t1 - t0)), start $((t2 - t1)), start-to-ready $((t3 - t2)))"
log "timing init: $init_ms ms (text), $zip_init_ms ms (zip); first run: $first_run_ms ms"
log "timing warm run x$runs: $run_stats"
log "container: memory $mem, pids $pids, docker stop $((t5 - t4)) ms"
