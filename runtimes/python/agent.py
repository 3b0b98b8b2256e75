#!/usr/bin/env python3
"""Faas.Sim in-container agent for Python (OpenWhisk action-proxy compatible).

Serves HTTP/1.1 on a Unix socket at $FAAS_SOCKET (default /run/faas/agent.sock):

  GET  /health  -> 200 {"ok": true}
  POST /init    {"value": {"name", "main", "code", "binary", "env"}}
                -> 200 {"ok": true}; 403 if already initialized; 502 on bad code
  POST /run     {"value": <args>, ...}
                -> 200 <result object>; 502 {"error": ...} if main raises;
                   403 if not initialized

Log capture: when a /run (or /init) request carries `X-Faas-Capture-Logs: 1`,
what the function writes to sys.stdout / sys.stderr during that call is returned
in the body under "_logs": {"stdout": "...", "stderr": "..."} (also on errors);
without the header the body is exactly the function's result and its output
goes to the container's stdout/stderr.

Standard library only. Runs as uid 10001 on a read-only root filesystem: nothing
is written outside /tmp (zip actions are extracted to a fresh dir under /tmp).
"""

import asyncio
import base64
import contextlib
import importlib.util
import inspect
import io
import json
import os
import signal
import socketserver
import sys
import tempfile
import threading
import types
import zipfile
from http.server import BaseHTTPRequestHandler

SOCKET_PATH = os.environ.get("FAAS_SOCKET", "/run/faas/agent.sock")
# Cap on captured output per stream and call, so a chatty function cannot blow
# the response up; the rest is dropped with a marker.
LOG_LIMIT = int(os.environ.get("FAAS_LOG_LIMIT", str(1 << 20)))
MAX_BODY = 64 << 20  # /init with a base64 zip can be large; refuse absurd bodies.


class ActionError(Exception):
    """An error to return to the caller as 502 {"error": message}."""


class Action:
    """The one function this container was initialized with."""

    def __init__(self):
        self.main = None
        self.lock = threading.Lock()  # one /init or /run at a time
        self.initialized = False

    def init(self, value):
        if not isinstance(value, dict):
            raise ActionError("init: 'value' must be an object")
        main_name = value.get("main") or "main"
        code = value.get("code")
        if not isinstance(code, str) or code == "":
            raise ActionError("init: 'code' missing or not a string")
        env = value.get("env") or {}
        if not isinstance(env, dict):
            raise ActionError("init: 'env' must be an object")
        for k, v in env.items():
            os.environ[str(k)] = v if isinstance(v, str) else json.dumps(v)

        if value.get("binary"):
            module = self._load_zip(code, value.get("name"))
        else:
            module = self._load_text(code, value.get("name"))
        fn = getattr(module, main_name, None)
        if not callable(fn):
            raise ActionError("init: entry function '%s' not found or not callable" % main_name)
        self.main = fn

    @staticmethod
    def _load_text(code, name):
        module = types.ModuleType("faas_action")
        module.__file__ = "<%s>" % (name or "action")
        try:
            exec(compile(code, module.__file__, "exec"), module.__dict__)
        except BaseException as e:  # SyntaxError, ImportError, SystemExit...
            raise ActionError("init: could not load code: %s: %s" % (type(e).__name__, e))
        return module

    @staticmethod
    def _load_zip(code, name):
        try:
            data = base64.b64decode(code, validate=False)
        except Exception as e:
            raise ActionError("init: binary code is not valid base64: %s" % e)
        target = tempfile.mkdtemp(prefix="faas-action-", dir="/tmp" if os.path.isdir("/tmp") else None)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for member in zf.namelist():  # refuse path traversal
                    dest = os.path.realpath(os.path.join(target, member))
                    if not dest.startswith(os.path.realpath(target) + os.sep) and dest != os.path.realpath(target):
                        raise ActionError("init: zip member escapes the target dir: %s" % member)
                zf.extractall(target)
        except ActionError:
            raise
        except Exception as e:
            raise ActionError("init: binary code is not a valid zip: %s" % e)
        for entry in ("__main__.py", "main.py"):
            path = os.path.join(target, entry)
            if os.path.isfile(path):
                break
        else:
            raise ActionError("init: zip has neither __main__.py nor main.py at its root")
        sys.path.insert(0, target)
        os.chdir(target)
        try:
            spec = importlib.util.spec_from_file_location("faas_action", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules["faas_action"] = module
            spec.loader.exec_module(module)
        except BaseException as e:
            raise ActionError("init: could not load %s: %s: %s" % (entry, type(e).__name__, e))
        return module

    def run(self, args):
        result = self.main(args)
        if inspect.isawaitable(result):
            result = asyncio.run(_await(result))
        if result is None:
            result = {}
        if not isinstance(result, dict):
            raise ActionError("the action did not return a dictionary (got %s)" % type(result).__name__)
        return result


async def _await(awaitable):
    return await awaitable


class _CappedIO(io.StringIO):
    def text(self):
        s = self.getvalue()
        if len(s) > LOG_LIMIT:
            s = s[:LOG_LIMIT] + "\n[faas: %d characters dropped]" % (len(s) - LOG_LIMIT)
        return s


ACTION = Action()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every response has Content-Length
    server_version = "faas-agent-python/1"

    def log_message(self, fmt, *args):  # quiet: the host logs requests itself
        pass

    def address_string(self):  # Unix sockets have no peer address
        return "unix"

    def _send(self, status, obj, extra=None):
        body = json.dumps(obj if extra is None else dict(obj, **extra), ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            raw = b"".join(chunks)
        else:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise ActionError("request body too large")
            raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        try:
            obj = json.loads(raw)
        except ValueError as e:
            raise ActionError("request body is not JSON: %s" % e)
        if not isinstance(obj, dict):
            raise ActionError("request body must be a JSON object")
        return obj

    def do_GET(self):
        if self.path == "/health":
            self._send(200, {"ok": True})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self):
        if self.path not in ("/init", "/run"):
            self._send(404, {"error": "not found"})
            return
        try:
            body = self._body()
        except ActionError as e:
            self._send(400, {"error": str(e)})
            return
        capture = self.headers.get("X-Faas-Capture-Logs", "").strip() == "1"
        with ACTION.lock:
            if self.path == "/init":
                if ACTION.initialized:
                    self._send(403, {"error": "cannot initialize the action more than once"})
                    return
                status, obj, logs = self._call(capture, lambda: ACTION.init(body.get("value")))
                if status == 200:
                    ACTION.initialized = True
                    obj = {"ok": True}
            else:
                if not ACTION.initialized:
                    self._send(403, {"error": "cannot run: the action is not initialized"})
                    return
                # OpenWhisk passes activation metadata as top-level keys next to
                # "value"; expose them as __OW_<KEY> like its proxies do.
                for k, v in body.items():
                    if k != "value" and isinstance(v, str):
                        os.environ["__OW_" + k.upper()] = v
                args = body.get("value")
                if args is None:
                    args = {}
                status, obj, logs = self._call(capture, lambda: ACTION.run(args))
        try:
            json.dumps(obj)
        except (TypeError, ValueError) as e:
            status, obj = 502, {"error": "the action returned a value that is not JSON-serializable: %s" % e}
        self._send(status, obj, {"_logs": logs} if capture else None)

    @staticmethod
    def _call(capture, fn):
        out, err = _CappedIO(), _CappedIO()
        ctx = contextlib.ExitStack()
        if capture:
            ctx.enter_context(contextlib.redirect_stdout(out))
            ctx.enter_context(contextlib.redirect_stderr(err))
        with ctx:
            try:
                status, obj = 200, fn()
            except ActionError as e:
                status, obj = 502, {"error": str(e)}
            except BaseException as e:  # the function raised (even SystemExit)
                status, obj = 502, {"error": "%s: %s" % (type(e).__name__, e)}
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
        return status, obj, {"stdout": out.text(), "stderr": err.text()}


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True  # /health answers while a /run is busy


def main():
    # PID 1 gets no default SIGTERM action: exit promptly on `docker stop`.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    directory = os.path.dirname(SOCKET_PATH)
    try:
        if directory:
            os.makedirs(directory, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(SOCKET_PATH)
        old_umask = os.umask(0o111)  # socket created 0666: the host connects whatever its uid
        try:
            server = Server(SOCKET_PATH, Handler)
        finally:
            os.umask(old_umask)
        os.chmod(SOCKET_PATH, 0o666)
    except OSError as e:
        print("faas-agent-python: cannot listen on %s: %s (the directory must be writable by uid %d)"
              % (SOCKET_PATH, e, os.getuid()), file=sys.stderr, flush=True)
        sys.exit(1)
    print("faas-agent-python listening on %s (pid %d, uid %d)" % (SOCKET_PATH, os.getpid(), os.getuid()), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
