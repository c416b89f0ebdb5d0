// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, randomId, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('memberships and the Popolo export', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const people = {};
  const posts = {};
  const m = {};

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.cabinet = await create(srv, 'units', { name: 'Cabinet', kind: 'body', parent_id: u.council.id });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    people.priya = await create(srv, 'people', {
      name: 'Priya Shah',
      kind: 'councillor',
      honorific_prefix: 'Cllr',
      published: true,
      email: 'cllr.priya.shah@northmoor.gov.uk',
      unit_id: u.council.id,
    });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', published: true, unit_id: u.corporate.id });
    posts.finance = await create(srv, 'posts', { unit_id: u.cabinet.id, label: 'Cabinet Member for Finance and Resources', role: 'Cabinet member' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  const row = (id) => srv.sqlRows(`SELECT * FROM memberships WHERE id = '${id}'`)[0];

  it('creates a membership in a post with start and end dates', async () => {
    const body = { person_id: people.priya.id, unit_id: u.cabinet.id, post_id: posts.finance.id, role: 'Cabinet member', start_date: '2024-05-16', end_date: '2028-05-04' };
    const res = await srv.admin('POST', '/api/v1/memberships', { body });
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/memberships/${res.json.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    for (const [k, v] of Object.entries(body)) assert.equal(res.json[k], v, k);
    assert.equal(res.json.archived_at, null);
    assert.equal(res.json.version, 1);
    assert.match(res.json.created_at, ISO_TS_RE);
    const stored = row(res.json.id);
    assert.equal(stored.start_date, '2024-05-16');
    assert.equal(stored.end_date, '2028-05-04');
    assert.deepEqual(auditRows(srv.dbPath, res.json.id).map((a) => [a.entity, a.action]), [['membership', 'create']]);
    m.finance = res.json;
  });

  it('creates a membership without a post or dates', async () => {
    m.staff = await create(srv, 'memberships', { person_id: people.sam.id, unit_id: u.corporate.id, role: 'Member of staff' });
    assert.equal(m.staff.post_id, null);
    assert.equal(m.staff.start_date, null);
    assert.equal(m.staff.end_date, null);
    const get = await srv.admin('GET', `/api/v1/memberships/${m.staff.id}`);
    assert.equal(get.status, 200);
    assert.deepEqual(get.json, m.staff);
  });

  it('refuses an end_date before the start_date with 422 naming end_date, storing nothing', async () => {
    const before = srv.counts();
    const res = await srv.admin('POST', '/api/v1/memberships', {
      body: { person_id: people.sam.id, unit_id: u.council.id, role: 'Member', start_date: '2025-04-01', end_date: '2025-03-31' },
    });
    assertProblem(res, 422, { fields: ['end_date'] });
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses dates that are not YYYY-MM-DD and a person that does not exist', async () => {
    const before = srv.counts();
    const bad = await srv.admin('POST', '/api/v1/memberships', {
      body: { person_id: people.sam.id, unit_id: u.council.id, role: 'Member', start_date: '01/04/2025' },
    });
    assertProblem(bad, 422, { fields: ['start_date'] });
    const impossible = await srv.admin('POST', '/api/v1/memberships', {
      body: { person_id: people.sam.id, unit_id: u.council.id, role: 'Member', start_date: '2025-02-30' },
    });
    assertProblem(impossible, 422, { fields: ['start_date'] });
    const ghost = await srv.admin('POST', '/api/v1/memberships', { body: { person_id: randomId(), unit_id: u.council.id, role: 'Member' } });
    assertProblem(ghost, 422, { fields: ['person_id'] });
    const missing = await srv.admin('POST', '/api/v1/memberships', { body: { unit_id: u.council.id } });
    assertProblem(missing, 422, { fields: ['person_id', 'role'] });
    assert.deepEqual(srv.counts(), before);
  });

  it('filters by person_id, unit_id, post_id and within', async () => {
    const q = async (query) => (await srv.admin('GET', `/api/v1/memberships?${query}`)).json.items.map((x) => x.id);
    assert.deepEqual(await q(`person_id=${people.priya.id}`), [m.finance.id]);
    assert.deepEqual(await q(`unit_id=${u.corporate.id}`), [m.staff.id]);
    assert.deepEqual(await q(`post_id=${posts.finance.id}`), [m.finance.id]);
    assert.deepEqual((await q(`within=${u.council.id}`)).sort(), [m.finance.id, m.staff.id].sort());
    assert.deepEqual(await q(`within=${u.cabinet.id}`), [m.finance.id]);
  });

  it('refuses a PATCH that would put end_date before start_date, changing nothing', async () => {
    const before = row(m.finance.id);
    const res = await srv.admin('PATCH', `/api/v1/memberships/${m.finance.id}`, { headers: { 'if-match': 'W/"1"' }, body: { end_date: '2020-01-01' } });
    assertProblem(res, 422, { fields: ['end_date'] });
    assert.deepEqual(row(m.finance.id), before);
  });

  it('changes a membership with If-Match', async () => {
    const res = await srv.admin('PATCH', `/api/v1/memberships/${m.finance.id}`, { headers: { 'if-match': 'W/"1"' }, body: { end_date: '2026-05-07' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.end_date, '2026-05-07');
    assert.equal(res.json.version, 2);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.deepEqual(auditRows(srv.dbPath, m.finance.id).map((a) => a.action), ['create', 'update']);
    assertProblem(await srv.admin('PATCH', `/api/v1/memberships/${m.finance.id}`, { body: { role: 'Leader', version: 1 } }), 409);
    assertProblem(await srv.admin('PATCH', `/api/v1/memberships/${m.finance.id}`, { body: { role: 'Leader' } }), 428);
    assert.equal(row(m.finance.id).role, 'Cabinet member');
  });

  it('exports the register in Popolo shape', async () => {
    const res = await srv.admin('GET', '/api/v1/export/popolo');
    assert.equal(res.status, 200, res.text);
    const doc = res.json;
    for (const k of ['persons', 'organizations', 'posts', 'memberships']) assert.ok(Array.isArray(doc[k]), k);
    const org = doc.organizations.find((o) => o.id === u.cabinet.id);
    assert.deepEqual({ name: org.name, classification: org.classification, parent_id: org.parent_id }, { name: 'Cabinet', classification: 'body', parent_id: u.council.id });
    assert.equal(doc.organizations.find((o) => o.id === u.council.id).parent_id, null);
    assert.equal(doc.organizations.length, 3);
    const priya = doc.persons.find((x) => x.id === people.priya.id);
    assert.equal(priya.name, 'Priya Shah');
    assert.equal(priya.honorific_prefix, 'Cllr');
    assert.equal(doc.persons.length, 2);
    const post = doc.posts.find((x) => x.id === posts.finance.id);
    assert.deepEqual(
      { label: post.label, role: post.role, organization_id: post.organization_id },
      { label: 'Cabinet Member for Finance and Resources', role: 'Cabinet member', organization_id: u.cabinet.id },
    );
    const mem = doc.memberships.find((x) => x.id === m.finance.id);
    assert.deepEqual(
      { person_id: mem.person_id, organization_id: mem.organization_id, post_id: mem.post_id, role: mem.role, start_date: mem.start_date, end_date: mem.end_date },
      { person_id: people.priya.id, organization_id: u.cabinet.id, post_id: posts.finance.id, role: 'Cabinet member', start_date: '2024-05-16', end_date: '2026-05-07' },
    );
  });

  it('archives a membership', async () => {
    const res = await srv.admin('POST', `/api/v1/memberships/${m.staff.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.archived_at, ISO_TS_RE);
    const live = await srv.admin('GET', `/api/v1/memberships?person_id=${people.sam.id}`);
    assert.deepEqual(live.json.items, []);
    const all = await srv.admin('GET', `/api/v1/memberships?person_id=${people.sam.id}&include_archived=true`);
    assert.deepEqual(all.json.items.map((x) => x.id), [m.staff.id]);
    assert.deepEqual(auditRows(srv.dbPath, m.staff.id).map((a) => a.action), ['create', 'archive']);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
