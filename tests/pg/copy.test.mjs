// SPDX-License-Identifier: AGPL-3.0-or-later
// civic migrate-db copies a whole council from SQLite to PostgreSQL, all or nothing, and the
// copy answers every API read the same as the original.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  api, backend, dropDatabase, newDatabase, runCli, spawnServe, sql, lastLine, ADMIN_PASSWORD,
} from '../api/harness.mjs';


describe('moving a council from SQLite to PostgreSQL', { skip: backend !== 'postgres' && 'needs CIVIC_TEST_PG', timeout: 90000 }, () => {
  let dir;
  let lite;
  let pg;
  let token;
  let TABLES;  // every table of the schema, read from the source
  const servers = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-copy-'));
    lite = path.join(dir, 'civic.db');
    for (const args of [['init', '--db', lite], ['demo', '--db', lite]]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal((await runCli(['user', 'add', '--db', lite, '--username', 'admin', '--name', 'Ada Admin',
      '--role', 'administrator', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` })).code, 0);
    token = lastLine((await runCli(['token', 'create', '--db', lite, '--user', 'admin'])).stdout);

    // Some history beyond the demo: a new unit, an older unit moved under it (so a row points
    // at a newer row), an edit and an archive.
    const s = await spawnServe(lite);
    const council = (await api('GET', `${s.url}/api/v1/units?kind=council`)).json.items[0];
    const created = await api('POST', `${s.url}/api/v1/units`, { token, body: { name: 'Digital Services', kind: 'department', parent_id: council.id } });
    assert.equal(created.status, 201, created.text);
    const ict = (await api('GET', `${s.url}/api/v1/units?name=ICT&kind=department`)).json.items[0];
    const moved = await api('PATCH', `${s.url}/api/v1/units/${ict.id}`, { token, headers: { 'if-match': `W/"${ict.version}"` }, body: { parent_id: created.json.id } });
    assert.equal(moved.status, 200, moved.text);
    const membership = (await api('GET', `${s.url}/api/v1/memberships?limit=1`)).json.items[0];
    const archived = await api('POST', `${s.url}/api/v1/memberships/${membership.id}/archive`, { token, headers: { 'if-match': `W/"${membership.version}"` } });
    assert.equal(archived.status, 200, archived.text);
    s.child.kill('SIGTERM');
    assert.deepEqual(await s.exited, { code: 0, signal: null });

    pg = newDatabase(dir);
    TABLES = sql(lite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").split('\n');
    assert.ok(TABLES.includes('units') && TABLES.includes('audit_log'));
  });

  after(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    if (pg) dropDatabase(pg);
  });

  it('copies every table and reports the rows per table', async () => {
    const r = await runCli(['migrate-db', '--from', lite, '--to', pg]);
    assert.equal(r.code, 0, r.stderr);
    for (const table of TABLES) {
      const rows = Number(sql(lite, `SELECT count(*) FROM ${table}`));
      assert.equal(Number(sql(pg, `SELECT count(*) FROM ${table}`)), rows, table);
      assert.match(r.stdout, new RegExp(`^${table}\\s+${rows} rows$`, 'm'));
    }
    assert.match(r.stdout, new RegExp(`^Copied \\d+ rows in ${TABLES.length} tables`, 'm'));
  });

  it('answers every API read on the copy the same as on the original', async () => {
    const [a, b] = await Promise.all([spawnServe(lite), spawnServe(pg)]);
    servers.push(a, b);
    const paths = ['/api/v1/export/popolo', '/api/v1/audit?limit=200'];
    for (const collection of ['units', 'people', 'posts', 'memberships']) {
      paths.push(`/api/v1/${collection}?limit=200`, `/api/v1/${collection}?limit=200&include_archived=true`);
      const items = (await api('GET', `${a.url}/api/v1/${collection}?limit=200&include_archived=true`, { token })).json.items;
      assert.ok(items.length > 0, collection);
      for (const item of items) paths.push(`/api/v1/${collection}/${item.id}`);
    }
    const council = (await api('GET', `${a.url}/api/v1/units?kind=council`)).json.items[0];
    paths.push(`/api/v1/units?within=${council.id}&limit=7`, '/api/v1/people?name=cllr&kind=councillor', '/api/v1/units?name=services');
    let compared = 0;
    for (const p of paths) {
      for (const who of [token, undefined]) {
        const [x, y] = await Promise.all([api('GET', `${a.url}${p}`, { token: who }), api('GET', `${b.url}${p}`, { token: who })]);
        const label = `${who ? 'admin' : 'anonymous'} GET ${p}`;
        assert.equal(y.status, x.status, label);
        assert.equal(y.headers.get('etag'), x.headers.get('etag'), label);
        // Each answer has its own request id; everything else must match.
        for (const r of [x, y]) if (r.json && typeof r.json === 'object') delete r.json.request_id;
        assert.deepEqual(y.json, x.json, label);
        compared += 1;
      }
    }
    assert.ok(compared > 300, `compared ${compared} reads`);
    for (const s of [a, b]) {
      s.child.kill('SIGTERM');
      assert.deepEqual(await s.exited, { code: 0, signal: null });
    }
  });

  it('refuses to copy into a database that is not empty, and changes nothing there', async () => {
    const before = TABLES.map((t) => sql(pg, `SELECT count(*) FROM ${t}`));
    const r = await runCli(['migrate-db', '--from', lite, '--to', pg]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nothing was copied\. The target already has \d+ rows in \w+/);
    assert.deepEqual(TABLES.map((t) => sql(pg, `SELECT count(*) FROM ${t}`)), before);
  });

  it('refuses a source that does not exist', async () => {
    const r = await runCli(['migrate-db', '--from', path.join(dir, 'missing.db'), '--to', pg]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /There is no database at/);
  });
});
