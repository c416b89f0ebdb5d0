// SPDX-License-Identifier: AGPL-3.0-or-later
// Two civic serve processes on one PostgreSQL database serve the same users: a session made
// on one works on the other, a write on one is read on the other, and a stale version on one
// is refused after a write on the other. Migrations are safe when two servers start at once.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  api, backend, dropDatabase, newDatabase, runCli, spawnServe, sql, lastLine, ADMIN_PASSWORD,
} from '../api/harness.mjs';

describe('two servers on one PostgreSQL database', { skip: backend !== 'postgres' && 'needs CIVIC_TEST_PG', timeout: 60000 }, () => {
  let dir;
  let db;
  let a;
  let b;
  let token;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-two-'));
    db = newDatabase(dir);
    // Both servers start together on a new database: the advisory lock makes them take turns.
    const inits = await Promise.all([runCli(['init', '--db', db]), runCli(['init', '--db', db]), runCli(['init', '--db', db])]);
    for (const r of inits) assert.equal(r.code, 0, r.stderr);
    const added = await runCli(['user', 'add', '--db', db, '--username', 'admin', '--name', 'Ada Admin',
      '--role', 'administrator', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` });
    assert.equal(added.code, 0, added.stderr);
    token = lastLine((await runCli(['token', 'create', '--db', db, '--user', 'admin'])).stdout);
    [a, b] = await Promise.all([spawnServe(db), spawnServe(db)]);
  });

  after(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    if (db) dropDatabase(db);
  });

  it('applied each migration exactly once although three processes started together', () => {
    const versions = sql(db, 'SELECT version FROM schema_migrations ORDER BY version').split('\n');
    assert.deepEqual(versions, [...new Set(versions)]);
    assert.ok(versions.length >= 2);
  });

  it('reads on one server what was written on the other', async () => {
    const created = await api('POST', `${a.url}/api/v1/units`, { token, body: { name: 'Northmoor Borough Council', kind: 'council' } });
    assert.equal(created.status, 201, created.text);
    const read = await api('GET', `${b.url}/api/v1/units/${created.json.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.name, 'Northmoor Borough Council');
    assert.equal(read.headers.get('etag'), 'W/"1"');
  });

  it('refuses a stale version on one server after a write on the other, changing nothing', async () => {
    const unit = (await api('POST', `${a.url}/api/v1/units`, { token, body: { name: 'Corporate Support', kind: 'directorate', parent_id: (await api('GET', `${a.url}/api/v1/units?kind=council`)).json.items[0].id } })).json;
    const first = await api('PATCH', `${a.url}/api/v1/units/${unit.id}`, { token, headers: { 'if-match': 'W/"1"' }, body: { description: 'From server A' } });
    assert.equal(first.status, 200, first.text);
    const stale = await api('PATCH', `${b.url}/api/v1/units/${unit.id}`, { token, headers: { 'if-match': 'W/"1"' }, body: { description: 'From server B' } });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(sql(db, `SELECT description || '|' || version FROM units WHERE id = '${unit.id}'`), 'From server A|2');
  });

  it('honours on one server a session signed in on the other', async () => {
    const page = await fetch(`${a.url}/sign-in`);
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith('civic_csrf='));
    const csrf = csrfCookie.split(';')[0].slice('civic_csrf='.length);
    const form = new URLSearchParams({ csrf_token: csrf, return_to: '/', username: 'admin', password: ADMIN_PASSWORD });
    const signedIn = await fetch(`${a.url}/sign-in`, {
      method: 'POST', redirect: 'manual', body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` },
    });
    assert.equal(signedIn.status, 303);
    const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')).split(';')[0];
    // The audit trail is for administrators only: server B knows who this is.
    const audit = await api('GET', `${b.url}/api/v1/audit?limit=1`, { cookie: session });
    assert.equal(audit.status, 200, audit.text);
    const home = await (await fetch(`${b.url}/`, { headers: { cookie: session } })).text();
    assert.match(home, /Signed in as Ada Admin/);
  });

  it('shows on the other server’s pages a council renamed on one', async () => {
    const council = (await api('GET', `${a.url}/api/v1/units?kind=council`)).json.items[0];
    const renamed = await api('PATCH', `${a.url}/api/v1/units/${council.id}`, { token, headers: { 'if-match': `W/"${council.version}"` }, body: { name: 'Northmoor Unitary Council' } });
    assert.equal(renamed.status, 200, renamed.text);
    const page = await (await fetch(`${b.url}/units`)).text();
    assert.match(page, /<title>Organisation – Northmoor Unitary Council<\/title>/);
  });

  it('counts wrong passwords across both servers', async () => {
    const csrf = 'test-csrf-token-0123456789abcdef';
    const signIn = (server, password) => fetch(`${server.url}/sign-in`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({ csrf_token: csrf, username: 'admin', password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` },
    });
    for (let i = 0; i < 5; i += 1) assert.equal((await signIn(i % 2 ? a : b, `wrong-${i}`)).status, 422);
    assert.equal((await signIn(a, ADMIN_PASSWORD)).status, 429);
    assert.equal((await signIn(b, ADMIN_PASSWORD)).status, 429);
  });

  it('stops both servers with exit code 0', async () => {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    assert.deepEqual(ea, { code: 0, signal: null });
    assert.deepEqual(eb, { code: 0, signal: null });
  });
});
