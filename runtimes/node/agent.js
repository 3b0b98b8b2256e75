'use strict';
/**
 * Faas.Sim in-container agent for Node.js (OpenWhisk action-proxy compatible).
 *
 * Serves HTTP/1.1 on a Unix socket at $FAAS_SOCKET (default /run/faas/agent.sock):
 *
 *   GET  /health  -> 200 {"ok":true}
 *   POST /init    {"value":{"name","main","code","binary","env"}}
 *                 -> 200 {"ok":true}; 403 if already initialized; 502 on bad code
 *   POST /run     {"value":<args>, ...}
 *                 -> 200 <result object>; 502 {"error":...} if main throws/rejects;
 *                    403 if not initialized
 *
 * Log capture: when a request carries `X-Faas-Capture-Logs: 1`, what the function
 * writes to process.stdout / process.stderr (console.*) during that call is
 * returned in the body under "_logs": {"stdout","stderr"} (also on errors);
 * without the header the body is exactly the function's result.
 *
 * Code: text code is CommonJS; the entry is a top-level function named `main`
 * (or value.main), or module.exports[main], or module.exports itself when it is
 * a function. Binary code is a base64 zip holding package.json (its "main") or
 * index.js; it is extracted under /tmp (the root filesystem is read-only).
 * Node standard library only.
 */

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const Module = require('module');

const SOCKET_PATH = process.env.FAAS_SOCKET || '/run/faas/agent.sock';
/** Cap on captured output per stream and call, so a chatty function cannot blow the response up. */
const LOG_LIMIT = parseInt(process.env.FAAS_LOG_LIMIT || String(1 << 20), 10);
/** /init with a base64 zip can be large; refuse absurd bodies. */
const MAX_BODY = 64 << 20;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

class ActionError extends Error {}

let mainFn = null;
let initialized = false;

function applyEnv(env) {
  if (env == null) return;
  if (typeof env !== 'object' || Array.isArray(env)) throw new ActionError("init: 'env' must be an object");
  for (const [k, v] of Object.entries(env)) process.env[k] = typeof v === 'string' ? v : JSON.stringify(v);
}

function pickEntry(exp, main, declared) {
  if (typeof declared === 'function') return declared;
  if (exp != null && typeof exp[main] === 'function') return exp[main];
  if (typeof exp === 'function') return exp;
  return null;
}

function loadText(code, main, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faas-action-'));
  const filename = path.join(dir, (name && /^[\w.-]+$/.test(name) ? name : 'action') + '.js');
  const m = new Module(filename, module);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(dir);
  // Capture a top-level `function main` that the code did not export (OpenWhisk style).
  const probe = `\n;Object.defineProperty(module, '__faasMain', { value: (typeof ${main} === 'function') ? ${main} : undefined });\n`;
  try {
    m._compile(code + probe, filename);
  } catch (e) {
    throw new ActionError(`init: could not load code: ${errorText(e)}`);
  }
  return pickEntry(m.exports, main, m.__faasMain);
}

/** Minimal zip reader (stored + deflate, no zip64): enough for action archives. */
function unzipTo(buf, target) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new ActionError('init: binary code is not a valid zip (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const root = path.resolve(target);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new ActionError('init: zip central directory is corrupt');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (csize === 0xffffffff || local === 0xffffffff) throw new ActionError('init: zip64 archives are not supported');
    const dest = path.resolve(root, name);
    if (dest !== root && !dest.startsWith(root + path.sep)) throw new ActionError(`init: zip member escapes the target dir: ${name}`);
    if (name.endsWith('/')) { fs.mkdirSync(dest, { recursive: true }); continue; }
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new ActionError(`init: zip local header missing for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    let data;
    if (method === 0) data = raw;
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else throw new ActionError(`init: zip compression method ${method} of ${name} is not supported`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, data);
  }
}

function loadZip(code, main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faas-action-'));
  try {
    unzipTo(Buffer.from(code, 'base64'), dir);
  } catch (e) {
    if (e instanceof ActionError) throw e;
    throw new ActionError(`init: binary code is not a valid zip: ${errorText(e)}`);
  }
  let entry = 'index.js';
  const pkg = path.join(dir, 'package.json');
  if (fs.existsSync(pkg)) {
    try {
      entry = JSON.parse(fs.readFileSync(pkg, 'utf8')).main || entry;
    } catch (e) {
      throw new ActionError(`init: package.json is not valid JSON: ${errorText(e)}`);
    }
  }
  const file = path.resolve(dir, entry);
  if (!fs.existsSync(file) && !fs.existsSync(file + '.js')) throw new ActionError(`init: zip has no entry file ${entry} (package.json "main" or index.js)`);
  process.chdir(dir);
  let exp;
  try {
    exp = require(file);
  } catch (e) {
    throw new ActionError(`init: could not load ${entry}: ${errorText(e)}`);
  }
  return pickEntry(exp, main, undefined);
}

function init(value) {
  if (value == null || typeof value !== 'object') throw new ActionError("init: 'value' must be an object");
  const main = value.main || 'main';
  if (!IDENTIFIER.test(main)) throw new ActionError(`init: 'main' must be an identifier, got ${JSON.stringify(main)}`);
  if (typeof value.code !== 'string' || value.code === '') throw new ActionError("init: 'code' missing or not a string");
  applyEnv(value.env);
  const fn = value.binary ? loadZip(value.code, main) : loadText(value.code, main, value.name);
  if (typeof fn !== 'function') throw new ActionError(`init: entry function '${main}' not found or not a function`);
  mainFn = fn;
}

async function run(args) {
  let result = await mainFn(args);
  if (result === undefined || result === null) result = {};
  if (typeof result !== 'object' || Array.isArray(result)) {
    throw new ActionError(`the action did not return an object (got ${Array.isArray(result) ? 'array' : typeof result})`);
  }
  return result;
}

function errorText(e) {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  try { return typeof e === 'string' ? e : JSON.stringify(e); } catch (_) { return String(e); }
}

class Capture {
  constructor() { this.chunks = { stdout: [], stderr: [] }; this.saved = null; }
  start() {
    this.saved = { stdout: process.stdout.write, stderr: process.stderr.write };
    for (const name of ['stdout', 'stderr']) {
      const chunks = this.chunks[name];
      process[name].write = (chunk, encoding, cb) => {
        chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
        const done = typeof encoding === 'function' ? encoding : cb;
        if (typeof done === 'function') process.nextTick(done);
        return true;
      };
    }
  }
  stop() {
    if (!this.saved) return;
    process.stdout.write = this.saved.stdout;
    process.stderr.write = this.saved.stderr;
    this.saved = null;
  }
  logs() {
    const cap = (s) => (s.length > LOG_LIMIT ? `${s.slice(0, LOG_LIMIT)}\n[faas: ${s.length - LOG_LIMIT} characters dropped]` : s);
    return { stdout: cap(this.chunks.stdout.join('')), stderr: cap(this.chunks.stderr.join('')) };
  }
}

function send(res, status, obj) {
  let body;
  try {
    body = JSON.stringify(obj);
  } catch (e) {
    status = 502;
    body = JSON.stringify({ error: `the action returned a value that is not JSON-serializable: ${errorText(e)}` });
  }
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': buf.length });
  res.end(buf);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new ActionError('request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw === '') return resolve({});
      let obj;
      try { obj = JSON.parse(raw); } catch (e) { return reject(new ActionError(`request body is not JSON: ${e.message}`)); }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return reject(new ActionError('request body must be a JSON object'));
      resolve(obj);
    });
    req.on('error', reject);
  });
}

/** Calls fn with optional output capture; returns [status, body]. */
async function call(capture, fn) {
  const cap = new Capture();
  if (capture) cap.start();
  let status, obj;
  try {
    obj = await fn();
    status = 200;
  } catch (e) {
    status = 502;
    obj = { error: errorText(e) };
  } finally {
    cap.stop();
  }
  if (capture) obj = Object.assign({}, obj, { _logs: cap.logs() });
  return [status, obj];
}

let queue = Promise.resolve(); // one /init or /run at a time; /health is never queued

async function handle(req, res) {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { ok: true });
  if (req.method !== 'POST' || (req.url !== '/init' && req.url !== '/run')) return send(res, 404, { error: 'not found' });
  let body;
  try {
    body = await readBody(req);
  } catch (e) {
    return send(res, 400, { error: errorText(e) });
  }
  const capture = (req.headers['x-faas-capture-logs'] || '').trim() === '1';
  const job = queue.then(async () => {
    if (req.url === '/init') {
      if (initialized) return [403, { error: 'cannot initialize the action more than once' }];
      const r = await call(capture, async () => { init(body.value); return { ok: true }; });
      if (r[0] === 200) initialized = true;
      return r;
    }
    if (!initialized) return [403, { error: 'cannot run: the action is not initialized' }];
    // OpenWhisk passes activation metadata as top-level keys next to "value".
    for (const [k, v] of Object.entries(body)) if (k !== 'value' && typeof v === 'string') process.env[`__OW_${k.toUpperCase()}`] = v;
    const args = body.value === undefined || body.value === null ? {} : body.value;
    return call(capture, () => run(args));
  });
  queue = job.catch(() => {});
  const [status, obj] = await job;
  send(res, status, obj);
}

function main() {
  // PID 1 gets no default SIGTERM action: exit promptly on `docker stop`.
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  // A stray rejection/exception from action code must not kill the container.
  process.on('unhandledRejection', (e) => process.stderr.write(`faas-agent: unhandled rejection: ${errorText(e)}\n`));
  process.on('uncaughtException', (e) => process.stderr.write(`faas-agent: uncaught exception: ${errorText(e)}\n`));

  const listenFailed = (e) => {
    process.stderr.write(`faas-agent-node: cannot listen on ${SOCKET_PATH}: ${errorText(e)} (the directory must be writable by uid ${process.getuid()})\n`);
    process.exit(1);
  };
  try {
    fs.mkdirSync(path.dirname(SOCKET_PATH), { recursive: true });
    try { fs.unlinkSync(SOCKET_PATH); } catch (e) { if (e.code !== 'ENOENT') throw e; }
  } catch (e) {
    listenFailed(e);
  }
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => { try { send(res, 500, { error: errorText(e) }); } catch (_) { /* gone */ } });
  });
  server.keepAliveTimeout = 0; // the host owns connection lifetime
  const oldMask = process.umask(0o111); // socket created 0666: the host connects whatever its uid
  server.listen(SOCKET_PATH, () => {
    process.umask(oldMask);
    try { fs.chmodSync(SOCKET_PATH, 0o666); } catch (e) { listenFailed(e); }
    process.stdout.write(`faas-agent-node listening on ${SOCKET_PATH} (pid ${process.pid}, uid ${process.getuid()})\n`);
  });
  server.on('error', listenFailed);
}

main();
