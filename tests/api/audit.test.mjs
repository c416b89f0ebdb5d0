// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('the audit trail', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const requestIds = {};

  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.cleanup();
  });

  // The audit entries for one record, through the API.
  const entries = async (entity, id) => {
    const res = await srv.admin('GET', `/api/v1/audit?entity=${entity}&id=${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  };

  it('records a create with actor admin, no before, the record after and the request id', async () => {
    const res = await srv.admin('POST', '/api/v1/units', { body: { name: 'Northmoor Borough Council', kind: 'council' } });
    assert.equal(res.status, 201, res.text);
    u.council = res.json;
    requestIds.create = res.headers.get('x-request-id');
    assert.ok(requestIds.create, 'the response carries X-Request-Id');

    const rows = auditRows(srv.dbPath, u.council.id);
    assert.equal(rows.length, 1);
    const [a] = rows;
    assert.match(a.id, ID_RE);
    assert.match(a.at, ISO_TS_RE);
    assert.equal(a.actor, 'admin');
    assert.equal(a.entity, 'unit');
    assert.equal(a.entity_id, u.council.id);
    assert.equal(a.action, 'create');
    assert.equal(a.before, null);
    assert.equal(a.after.name, 'Northmoor Borough Council');
    assert.equal(a.after.version, 1);
    assert.equal(a.request_id, requestIds.create);

    const [e] = await entries('unit', u.council.id);
    assert.deepEqual(
      { id: e.id, at: e.at, actor: e.actor, entity: e.entity, entity_id: e.entity_id, action: e.action, before: e.before, request_id: e.request_id },
      { id: a.id, at: a.at, actor: 'admin', entity: 'unit', entity_id: u.council.id, action: 'create', before: null, request_id: requestIds.create },
    );
    assert.deepEqual(e.after, a.after);
  });

  it('records an update with the record before and after, under the request id the client sent', async () => {
    const res = await srv.admin('PATCH', `/api/v1/units/${u.council.id}`, {
      headers: { 'if-match': 'W/"1"', 'x-request-id': 'audit-test-update-1' },
      body: { description: 'The whole council.' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('x-request-id'), 'audit-test-update-1');
    const rows = auditRows(srv.dbPath, u.council.id);
    assert.equal(rows.length, 2);
    const a = rows[1];
    assert.equal(a.action, 'update');
    assert.equal(a.actor, 'admin');
    assert.equal(a.request_id, 'audit-test-update-1');
    assert.equal(a.before.description, '');
    assert.equal(a.before.version, 1);
    assert.equal(a.after.description, 'The whole council.');
    assert.equal(a.after.version, 2);
  });

  it('records an archive', async () => {
    u.team = await create(srv, 'units', { name: 'Electoral Services', kind: 'team', parent_id: u.council.id });
    const res = await srv.admin('POST', `/api/v1/units/${u.team.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(res.status, 200, res.text);
    const rows = auditRows(srv.dbPath, u.team.id);
    assert.deepEqual(rows.map((r) => r.action), ['create', 'archive']);
    assert.equal(rows[1].before.archived_at, null);
    assert.equal(rows[1].after.archived_at, res.json.archived_at);
    assert.equal(rows[1].request_id, res.headers.get('x-request-id'));
  });

  it('records people, posts and memberships under their own entity names', async () => {
    const person = await srv.admin('POST', '/api/v1/people', { body: { name: 'Sam Okafor', kind: 'officer', unit_id: u.council.id } });
    const post = await srv.admin('POST', '/api/v1/posts', { body: { unit_id: u.council.id, label: 'Returning Officer' } });
    assert.equal(person.status, 201);
    assert.equal(post.status, 201);
    const membership = await srv.admin('POST', '/api/v1/memberships', {
      body: { person_id: person.json.id, unit_id: u.council.id, post_id: post.json.id, role: 'Returning Officer' },
    });
    assert.equal(membership.status, 201, membership.text);
    for (const [res, entity] of [
      [person, 'person'],
      [post, 'post'],
      [membership, 'membership'],
    ]) {
      const rows = auditRows(srv.dbPath, res.json.id);
      assert.equal(rows.length, 1, entity);
      assert.equal(rows[0].entity, entity);
      assert.equal(rows[0].action, 'create');
      assert.equal(rows[0].actor, 'admin');
      assert.equal(rows[0].request_id, res.headers.get('x-request-id'));
      assert.equal(rows[0].after.id, res.json.id);
      const api = await entries(entity, res.json.id);
      assert.equal(api.length, 1);
    }
  });

  it('writes no audit entry for a write that fails', async () => {
    const before = Number(srv.sql('SELECT count(*) FROM audit_log'));
    assertProblem(await srv.admin('PATCH', `/api/v1/units/${u.council.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Stale' } }), 409);
    assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: '', kind: 'council' } }), 422, { fields: ['name'] });
    assert.equal(Number(srv.sql('SELECT count(*) FROM audit_log')), before);
  });

  it('pages through the whole trail with limit=2, oldest first', async () => {
    const total = Number(srv.sql('SELECT count(*) FROM audit_log'));
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 50; i++) {
      const res = await srv.admin('GET', `/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.items.map((x) => x.id));
      cursor = res.json.next_cursor;
      if (cursor === null) break;
    }
    assert.equal(cursor, null);
    assert.equal(seen.length, total);
    assert.deepEqual(seen, [...seen].sort(), 'oldest first');
  });

  it('refuses a bad limit with 422 naming limit', async () => {
    assertProblem(await srv.admin('GET', '/api/v1/audit?limit=500'), 422, { fields: ['limit'] });
  });

  it('answers an anonymous reader with 401 and WWW-Authenticate: Bearer', async () => {
    const res = await srv.api('GET', '/api/v1/audit');
    assertProblem(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
