// SPDX-License-Identifier: AGPL-3.0-or-later
// While PostgreSQL is down, Civic answers 503 problem JSON quickly instead of hanging, writes
// nothing, and keeps serving what needs no database; when PostgreSQL returns, it recovers
// without a restart.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { api, repoRoot, runCli, spawnServe, sql, lastLine, ADMIN_PASSWORD } from '../api/harness.mjs';

const cluster = (cmd, state) => execFileSync(path.join(repoRoot, 'tests/pg/cluster.sh'), [cmd, state], { encoding: 'utf8' });

describe('a PostgreSQL outage', { timeout: 90000 }, () => {
  let dir;
  let state;
  let db;
  let server;
  let token;
  let council;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-outage-'));
    state = path.join(dir, 'pg');
    cluster('start', state);
    const url = (await readFile(path.join(state, 'url'), 'utf8')).trim();
    execFileSync('psql', ['-X', '-q', `${url}/postgres`, '-c', 'CREATE DATABASE civic']);
    db = `${url}/civic`;
    assert.equal((await runCli(['init', '--db', db])).code, 0);
    assert.equal((await runCli(['user', 'add', '--db', db, '--username', 'admin', '--name', 'Ada Admin',
      '--role', 'administrator', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` })).code, 0);
    token = lastLine((await runCli(['token', 'create', '--db', db, '--user', 'admin'])).stdout);
    server = await spawnServe(db);
    council = (await api('POST', `${server.url}/api/v1/units`, { token, body: { name: 'Northmoor Borough Council', kind: 'council' } })).json;
  });

  after(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    try { cluster('stop', state); } catch { /* already gone */ }
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 problem JSON within seconds while PostgreSQL is down, and writes nothing', async () => {
    cluster('pause', state);
    const started = Date.now();
    const read = await api('GET', `${server.url}/api/v1/units/${council.id}`, { token });
    assert.equal(read.status, 503, read.text);
    assert.equal(read.headers.get('content-type'), 'application/problem+json');
    assert.equal(read.json.type, '/problems/unavailable');
    assert.equal(read.headers.get('retry-after'), '5');
    const write = await api('POST', `${server.url}/api/v1/units`, { token, body: { name: 'Lost Team', kind: 'team', parent_id: council.id } });
    assert.equal(write.status, 503, write.text);
    const ready = await api('GET', `${server.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.ok(Date.now() - started < 20000, `the answers took ${Date.now() - started} ms`);
    // What needs no database still answers.
    assert.equal((await api('GET', `${server.url}/healthz`)).status, 200);
  });

  it('recovers when PostgreSQL returns, without a restart', async () => {
    cluster('resume', state);
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i += 1) {
      status = (await api('GET', `${server.url}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(status, 200);
    const read = await api('GET', `${server.url}/api/v1/units/${council.id}`, { token });
    assert.equal(read.status, 200, read.text);
    const write = await api('POST', `${server.url}/api/v1/units`, { token, body: { name: 'Found Team', kind: 'team', parent_id: council.id } });
    assert.equal(write.status, 201, write.text);
    assert.equal(sql(db, "SELECT string_agg(name, ',' ORDER BY name) FROM units WHERE kind = 'team'"), 'Found Team');
  });

  it('stops with exit code 0', async () => {
    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
  });
});
