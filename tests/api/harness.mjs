// SPDX-License-Identifier: AGPL-3.0-or-later
// Starts a real `civic` server on a throw-away database for one test file, and gives the
// tests small helpers for calling it, running the CLI and looking inside the SQLite file.
//
//   const srv = await startServer();
//   const res = await srv.api('POST', '/api/v1/units', { token: srv.token, body: {...} });
//   ...
//   const { code } = await srv.stop();   // SIGTERM, then waits for the exit
//
// The binary is $CIVIC_BIN, or build/civic under the repository root.

import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { assertConforms } from './openapi-check.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const civicBin = process.env.CIVIC_BIN
  ? path.resolve(process.env.CIVIC_BIN)
  : path.join(repoRoot, 'build', 'civic');

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'Northmoor-admin-password-2025';

// A lower-case UUIDv7 pattern: the shape of every id Civic issues.
export const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ISO_TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// An id with the right shape that Civic never issued.
export function randomId() {
  const hex = randomUUID().replaceAll('-', '').split('');
  hex[12] = '7';
  hex[16] = '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// Runs the CLI; resolves with {code, signal, stdout, stderr} (it never rejects on a non-zero exit).
export function runCli(args, { input, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    if (!existsSync(civicBin)) {
      reject(new Error(`The civic binary is not at ${civicBin}: build it, or set CIVIC_BIN`));
      return;
    }
    const child = spawn(civicBin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a CLI that does not read stdin may close it early
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

// Returns r, or throws with the command's output when it did not exit 0.
export function mustSucceed(what, r) {
  if (r.code !== 0) {
    throw new Error(`${what} exited ${r.code ?? r.signal}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return r;
}

// The backend the tests run against: SQLite files by default; PostgreSQL when
// CIVIC_TEST_PG (a server URL without a database, postgres://user@host:port) or
// CIVIC_TEST_PG_FILE (a file holding one, written by tests/pg/cluster.sh) is set.
export const pgServer = process.env.CIVIC_TEST_PG
  ?? (process.env.CIVIC_TEST_PG_FILE ? readFileSync(process.env.CIVIC_TEST_PG_FILE, 'utf8').trim() : null);
export const backend = pgServer ? 'postgres' : 'sqlite';

const isPg = (db) => db.startsWith('postgres://') || db.startsWith('postgresql://');

function psql(db, query) {
  return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', db, '-c', query], { encoding: 'utf8' }).trim();
}

// A fresh database for one server: a file in dir, or a new database on the PostgreSQL server.
export function newDatabase(dir) {
  if (!pgServer) return path.join(dir, 'civic.db');
  const name = `civic_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  psql(`${pgServer}/postgres`, `CREATE DATABASE ${name}`);
  return `${pgServer}/${name}`;
}

export function dropDatabase(db) {
  if (!isPg(db)) return;
  const name = db.slice(db.lastIndexOf('/') + 1);
  psql(`${pgServer}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// SQL on the server's database: sqlite3 (WAL lets it read while the server runs) or psql.
// Rows come back one a line, columns separated by '|', as both tools print them.
export function sql(dbPath, query) {
  if (isPg(dbPath)) return psql(dbPath, query);
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, query], { encoding: 'utf8' }).trim();
}

// Rows as objects. Booleans come back as 0/1 from either backend.
export function sqlRows(dbPath, query) {
  if (isPg(dbPath)) {
    const out = psql(dbPath, `SELECT coalesce(json_agg(t), '[]'::json) FROM (${query}) t`);
    return JSON.parse(out).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])));
  }
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', '-json', dbPath, query], { encoding: 'utf8' }).trim();
  return out === '' ? [] : JSON.parse(out);
}

export const TABLES = ['units', 'people', 'posts', 'memberships', 'audit_log'];

// Row counts of the register's tables and the audit trail.
export function counts(dbPath) {
  const out = {};
  for (const t of TABLES) out[t] = Number(sql(dbPath, `SELECT count(*) FROM ${t}`));
  return out;
}

let currentServer = null;

// Calls the server. path is a path on the server ("/api/v1/units") or a full URL.
// body is sent as JSON; rawBody (string or Buffer) is sent as it is. contentType defaults to
// application/json whenever there is a body. Redirects are not followed.
// Every answer is checked against docs/openapi.json (openapi-check.mjs): an answer the
// document does not describe fails the test that received it.
export async function api(method, urlPath, opts = {}) {
  const { token, body, headers = {}, rawBody, contentType, server = currentServer, cookie } = opts;
  const url = /^https?:/.test(urlPath) ? urlPath : `${server.url}${urlPath}`;
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookie) h.cookie = cookie;
  let payload;
  if (rawBody !== undefined) payload = rawBody;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined || contentType) {
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = contentType ?? 'application/json';
  }
  const res = await fetch(url, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  const answer = { status: res.status, headers: res.headers, text, json: parseJson(res.headers.get('content-type'), text) };
  assertConforms(method, url, answer);
  return answer;
}

function parseJson(type, text) {
  if (!type || !/json/.test(type) || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// A request over a bare TCP socket, for one a server may answer before it has read the body
// (a 413 for an oversized body) and then close: fetch and node:http report such an early
// answer as a network error (EPIPE, ECONNRESET). Whatever the server sent before closing is
// parsed as the answer; the socket errors that follow the close are ignored.
// chunked: send the body with Transfer-Encoding: chunked instead of Content-Length.
export function rawRequest(method, urlPath, { headers = {}, body, chunked = false, server = currentServer } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, server.url);
    const chunks = [];
    const socket = net.connect(Number(url.port), url.hostname);
    let payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
    const head = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, 'connection: close'];
    head.push(chunked ? 'transfer-encoding: chunked' : `content-length: ${payload.length}`);
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'content-length') head.push(`${k}: ${v}`);
    socket.on('connect', () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      // Sends the body in pieces, stopping once the server has answered or gone.
      const pump = () => {
        while (payload.length && !socket.destroyed && chunks.length === 0) {
          const piece = payload.subarray(0, 64 * 1024);
          payload = payload.subarray(piece.length);
          const last = chunked && payload.length === 0 ? '0\r\n\r\n' : '';
          const data = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from(`\r\n${last}`)]) : piece;
          if (!socket.write(data)) return socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {}); // EPIPE / ECONNRESET after the answer
    socket.on('close', () => {
      try {
        const answer = parseAnswer(Buffer.concat(chunks));
        assertConforms(method, url.href, answer);
        resolve(answer);
      } catch (e) {
        reject(e);
      }
    });
  });
}

// Sends exactly these bytes (a string is sent as latin1, one byte a character, so '\0' is a
// NUL byte) on a new connection, and resolves with the answer once the server closes it:
// {status, headers, text, json, raw, closed}. If the server has not closed it after waitMs,
// the client does, and closed is false. With end, the client half-closes after sending, as
// a client that stops in the middle of a request. For requests no HTTP client would send.
export function rawExchange(bytes, { end = false, waitMs = 10000, server = currentServer } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const chunks = [];
    let closedByServer = true;
    const socket = net.connect(Number(url.port), url.hostname);
    const timer = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, waitMs);
    socket.on('connect', () => {
      socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
      if (end) socket.end();
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {}); // ECONNRESET after the answer
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve({ ...parseAnswer(Buffer.concat(chunks)), closed: closedByServer });
      } catch (e) {
        reject(e);
      }
    });
  });
}

// One HTTP answer from the bytes a server sent before it closed the connection.
function parseAnswer(bytes) {
  const raw = bytes.toString('utf8');
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no HTTP answer before the connection closed (received ${JSON.stringify(raw.slice(0, 200))})`);
  const [statusLine, ...headerLines] = raw.slice(0, split).split('\r\n');
  const h = new Headers();
  for (const line of headerLines) {
    const i = line.indexOf(':');
    if (i > 0) h.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  let text = raw.slice(split + 4);
  if (/chunked/i.test(h.get('transfer-encoding') ?? '')) text = dechunk(text);
  else if (h.get('content-length')) text = Buffer.from(text).subarray(0, Number(h.get('content-length'))).toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers: h, text, json: parseJson(h.get('content-type'), text), raw };
}

function dechunk(text) {
  let out = '';
  let rest = text;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) return out;
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}

// Asserts an RFC 9457 problem answer with the status given, and (when given) that `errors`
// names each of the fields.
export function assertProblem(res, status, { fields = [], detail } = {}) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, 'content-type');
  const p = res.json;
  assert.ok(p && typeof p === 'object', `a JSON problem body, got: ${res.text.slice(0, 300)}`);
  assert.equal(typeof p.type, 'string', 'problem.type');
  assert.ok(p.type.length > 0, 'problem.type not empty');
  assert.equal(typeof p.title, 'string', 'problem.title');
  assert.equal(p.status, status, 'problem.status');
  assert.equal(typeof p.detail, 'string', 'problem.detail');
  assert.ok(p.detail.length > 0, 'problem.detail not empty');
  assert.equal(typeof p.instance, 'string', 'problem.instance');
  assert.equal(typeof p.request_id, 'string', 'problem.request_id');
  assert.equal(p.request_id, res.headers.get('x-request-id'), 'problem.request_id is the X-Request-Id');
  if (detail) assert.match(p.detail, detail);
  for (const f of fields) {
    assert.ok(Array.isArray(p.errors), `problem.errors is a list naming ${f}: ${res.text}`);
    assert.ok(
      p.errors.some((e) => e.field === f && typeof e.message === 'string' && e.message.length > 0),
      `problem.errors names ${f}: ${JSON.stringify(p.errors)}`,
    );
  }
  return p;
}

// Starts `civic serve` on a database that is ready; resolves once it says where it serves.
export async function spawnServe(dbPath, extraArgs = []) {
  const child = spawn(civicBin, ['serve', '--db', dbPath, '--bind', '127.0.0.1', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const fail = (e) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`civic serve did not say where it serves within 10 s\nstdout:\n${stdout}\nstderr:\n${stderr}`)), 10000);
    const look = () => {
      const m = /Civic is serving on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/+$/, ''));
      }
    };
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      look();
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`civic serve exited ${code ?? signal} before serving\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });

  let stopped = null;
  // SIGTERM, then the exit: {code, signal}. Kills it after 15 s.
  const stop = () => {
    if (!stopped) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      stopped = Promise.race([
        exited,
        new Promise((resolve) =>
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve({ code: null, signal: 'SIGKILL (did not stop within 15 s)' });
          }, 15000).unref(),
        ),
      ]);
    }
    return stopped;
  };
  return { child, exited, url, stop, output: () => ({ stdout, stderr }) };
}

// Starts a server on a new database with one administrator and their API token.
export async function startServer() {
  const dir = await mkdtemp(path.join(tmpdir(), 'civic-api-'));
  const dbPath = newDatabase(dir);
  const cli = (args, opts) => runCli(args, opts);

  mustSucceed('civic init', await cli(['init', '--db', dbPath]));
  mustSucceed(
    'civic user add',
    await cli(
      ['user', 'add', '--db', dbPath, '--username', ADMIN_USERNAME, '--name', 'Ada Admin', '--role', 'administrator', '--password-stdin'],
      { input: `${ADMIN_PASSWORD}\n` },
    ),
  );
  const token = lastLine(mustSucceed('civic token create', await cli(['token', 'create', '--db', dbPath, '--user', ADMIN_USERNAME])).stdout);

  const { child, exited, url, output, stop } = await spawnServe(dbPath);
  const server = {
    url,
    token,
    dbPath,
    dir,
    child,
    exited,
    cli,
    output,
    api: (method, p, opts = {}) => api(method, p, { server, ...opts }),
    // The same as the administrator.
    admin: (method, p, opts = {}) => api(method, p, { server, token, ...opts }),
    rawRequest: (method, p, opts = {}) => rawRequest(method, p, { server, ...opts }),
    rawExchange: (bytes, opts = {}) => rawExchange(bytes, { server, ...opts }),
    sql: (q) => sql(dbPath, q),
    sqlRows: (q) => sqlRows(dbPath, q),
    counts: () => counts(dbPath),
    // Adds a user with a role (over a unit named exactly, or the council; linked to a person
    // when given) and returns their API token; fails the test if the command line refuses.
    async addUser(username, role, { unit, person } = {}) {
      const args = ['user', 'add', '--db', dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
      if (unit) args.push('--unit', unit);
      if (person) args.push('--person', person);
      mustSucceed(`civic user add ${username}`, await cli(args, { input: 'a-long-enough-password-1\n' }));
      return lastLine(mustSucceed(`civic token create ${username}`, await cli(['token', 'create', '--db', dbPath, '--user', username])).stdout);
    },
    stop,
    // Stops the server if it still runs and removes the temporary directory.
    async cleanup() {
      await server.stop();
      if (!process.env.CIVIC_KEEP_TMP) {
        await rm(dir, { recursive: true, force: true });
        dropDatabase(dbPath);
      }
    },
  };
  currentServer = server;
  return server;
}

export function lastLine(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

// The audit rows for one record, oldest first, with before/after parsed.
export function auditRows(dbPath, entityId) {
  return sqlRows(dbPath, `SELECT * FROM audit_log WHERE entity_id = '${entityId}' ORDER BY id`).map((r) => ({
    ...r,
    before: r.before_json == null ? null : JSON.parse(r.before_json),
    after: r.after_json == null ? null : JSON.parse(r.after_json),
  }));
}

// Creates a record as the administrator and returns its body; fails the test unless 201.
export async function create(server, collection, body) {
  const res = await server.admin('POST', `/api/v1/${collection}`, { body });
  assert.equal(res.status, 201, `POST /api/v1/${collection} ${JSON.stringify(body)} → ${res.status} ${res.text}`);
  return res.json;
}

// The standard last test of a file: SIGTERM stops the server with exit code 0.
export async function assertStopsCleanly(server) {
  const { code, signal } = await server.stop();
  assert.equal(signal, null, `the server was ended by ${signal}\nstderr:\n${server.output().stderr.slice(-2000)}`);
  assert.equal(code, 0, `the server exited ${code}\nstderr:\n${server.output().stderr.slice(-2000)}`);
}
