// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, randomId, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('posts', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const p = {};

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.digital = await create(srv, 'units', { name: 'Digital and ICT', kind: 'department', parent_id: u.corporate.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  const postRow = (id) => srv.sqlRows(`SELECT * FROM posts WHERE id = '${id}'`)[0];
  const responsibilities = ['Budget and medium-term financial strategy', 'Council tax and business rates', 'Procurement'];

  it('creates a post whose responsibilities list round-trips in order', async () => {
    const res = await srv.admin('POST', '/api/v1/posts', {
      body: { unit_id: u.council.id, label: 'Cabinet Member for Finance and Resources', role: 'Cabinet member', portfolio: 'Finance and Resources', responsibilities },
    });
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/posts/${res.json.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual(res.json.responsibilities, responsibilities);
    assert.equal(res.json.unit_id, u.council.id);
    assert.equal(res.json.label, 'Cabinet Member for Finance and Resources');
    assert.equal(res.json.role, 'Cabinet member');
    assert.equal(res.json.portfolio, 'Finance and Resources');
    assert.equal(res.json.archived_at, null);
    assert.equal(res.json.version, 1);
    assert.match(res.json.created_at, ISO_TS_RE);
    assert.deepEqual(JSON.parse(postRow(res.json.id).responsibilities), responsibilities);
    assert.deepEqual(auditRows(srv.dbPath, res.json.id).map((a) => [a.entity, a.action]), [['post', 'create']]);
    p.cabinet = res.json;

    const get = await srv.admin('GET', `/api/v1/posts/${p.cabinet.id}`);
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('etag'), 'W/"1"');
    assert.deepEqual(get.json, p.cabinet);
  });

  it('defaults role, portfolio and responsibilities to empty', async () => {
    p.head = await create(srv, 'posts', { unit_id: u.digital.id, label: 'Head of Digital and ICT' });
    assert.equal(p.head.role, '');
    assert.equal(p.head.portfolio, '');
    assert.deepEqual(p.head.responsibilities, []);
  });

  it('filters by label with name=, and by within=', async () => {
    const byName = await srv.admin('GET', '/api/v1/posts?name=CABINET');
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.json.items.map((x) => x.id), [p.cabinet.id]);
    const within = await srv.admin('GET', `/api/v1/posts?within=${u.corporate.id}`);
    assert.deepEqual(within.json.items.map((x) => x.id), [p.head.id]);
    const all = await srv.admin('GET', '/api/v1/posts?limit=1');
    assert.equal(all.json.items.length, 1);
    assert.match(all.json.next_cursor ?? '', /\S/, `a non-empty next_cursor: ${all.text}`);
  });

  it('refuses a missing label, a unit that does not exist and a responsibilities list of numbers', async () => {
    const before = srv.counts();
    assertProblem(await srv.admin('POST', '/api/v1/posts', { body: { unit_id: u.council.id } }), 422, { fields: ['label'] });
    assertProblem(await srv.admin('POST', '/api/v1/posts', { body: { unit_id: randomId(), label: 'Ghost' } }), 422, { fields: ['unit_id'] });
    assertProblem(await srv.admin('POST', '/api/v1/posts', { body: { unit_id: u.council.id, label: 'Numbers', responsibilities: [1, 2] } }), 422, {
      fields: ['responsibilities'],
    });
    assert.deepEqual(srv.counts(), before);
  });

  it('replaces the responsibilities list with PATCH and bumps the version', async () => {
    const next = [...responsibilities, 'Property and assets'];
    const res = await srv.admin('PATCH', `/api/v1/posts/${p.cabinet.id}`, { headers: { 'if-match': 'W/"1"' }, body: { responsibilities: next } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.responsibilities, next);
    assert.equal(res.json.version, 2);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    const audit = auditRows(srv.dbPath, p.cabinet.id);
    assert.deepEqual(audit.map((a) => a.action), ['create', 'update']);
    assert.deepEqual(audit[1].before.responsibilities, responsibilities);
    assert.deepEqual(audit[1].after.responsibilities, next);
    p.cabinet = res.json;
  });

  it('refuses a stale version with 409 and a missing one with 428, changing nothing', async () => {
    const rowBefore = postRow(p.cabinet.id);
    assertProblem(await srv.admin('PATCH', `/api/v1/posts/${p.cabinet.id}`, { headers: { 'if-match': 'W/"1"' }, body: { label: 'Leader' } }), 409);
    assertProblem(await srv.admin('PATCH', `/api/v1/posts/${p.cabinet.id}`, { body: { label: 'Leader' } }), 428);
    assert.deepEqual(postRow(p.cabinet.id), rowBefore);
  });

  it('archives a post', async () => {
    const res = await srv.admin('POST', `/api/v1/posts/${p.head.id}/archive`, { body: { version: 1 } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.archived_at, ISO_TS_RE);
    const live = await srv.admin('GET', '/api/v1/posts');
    assert.deepEqual(live.json.items.map((x) => x.id), [p.cabinet.id]);
    const all = await srv.admin('GET', '/api/v1/posts?include_archived=true');
    assert.equal(all.json.items.length, 2);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
