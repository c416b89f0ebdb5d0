// SPDX-License-Identifier: AGPL-3.0-or-later
// The links table under /api/v1/links: made by whoever may change the record a link starts
// from and see the one it points to; listed from or to one record; shown only to readers who
// may see both ends; archived, never deleted.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, lastLine, randomId, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('links', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const tokens = {};
  const it_ = {}; // items by short name
  const l = {}; // links by short name

  async function addUser(username, role, unitId) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unitId) args.push('--unit', unitId);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const linkCount = () => Number(srv.sql('SELECT count(*) FROM links'));
  const auditCount = () => Number(srv.sql('SELECT count(*) FROM audit_log'));

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.ceo = await create(srv, 'units', { name: "Chief Executive's Office", kind: 'service', parent_id: u.council.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    const ceoPlan = await create(srv, 'plans', { unit_id: u.ceo.id, kind: 'service', title: 'Service plan', period: '1999/00' });
    const childrenPlan = await create(srv, 'plans', { unit_id: u.children.id, kind: 'directorate', title: 'Children and Families plan', period: '1999/00' });
    const item = async (p, body) => (await srv.admin('POST', `/api/v1/plans/${p.id}/items`, { body })).json;
    it_.indicators = await item(ceoPlan, { ref: '3.10', kind: 'activity', title: 'Co-ordinate collection of performance indicators' });
    it_.report = await item(ceoPlan, { ref: '3.11', kind: 'activity', title: 'Publish the annual performance plan' });
    it_.fostering = await item(childrenPlan, { ref: '2.1', kind: 'activity', title: 'Recruit twenty more foster carers' });
    tokens.ceoEditor = await addUser('ceo-editor', 'editor', u.ceo.id);
    tokens.childrenViewer = await addUser('children-viewer', 'viewer', u.children.id);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('makes a link with Location, ETag W/"1", every field and an audit entry', async () => {
    const res = await srv.admin('POST', '/api/v1/links', {
      body: { from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: it_.indicators.id, kind: 'depends_on', note: 'The plan reports the indicators.' },
    });
    assert.equal(res.status, 201, res.text);
    l.depends = res.json;
    assert.match(l.depends.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/links/${l.depends.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    const { id, created_at, updated_at, ...rest } = l.depends;
    assert.deepEqual(rest, {
      from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: it_.indicators.id,
      kind: 'depends_on', note: 'The plan reports the indicators.', archived_at: null, version: 1,
    });
    assert.match(created_at, ISO_TS_RE);
    assert.equal(updated_at, created_at);
    assert.deepEqual(srv.sqlRows(`SELECT from_type, from_id, to_type, to_id, kind FROM links WHERE id = '${id}'`), [
      { from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: it_.indicators.id, kind: 'depends_on' },
    ]);
    assert.deepEqual(auditRows(srv.dbPath, id).map((a) => [a.entity, a.action]), [['link', 'create']]);
    const one = await srv.admin('GET', `/api/v1/links/${id}`);
    assert.equal(one.status, 200);
    assert.equal(one.headers.get('etag'), 'W/"1"');
    assert.deepEqual(one.json, l.depends);
  });

  it('lists the links of one record both ways, and filters by kind', async () => {
    l.relates = await create(srv, 'links', { from_type: 'plan_item', from_id: it_.indicators.id, to_type: 'plan_item', to_id: it_.fostering.id, kind: 'relates_to' });
    const both = await srv.admin('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.indicators.id}`);
    assert.equal(both.status, 200, both.text);
    assert.deepEqual(both.json.items.map((x) => x.id), [l.depends.id, l.relates.id]);
    assert.equal(both.json.next_cursor, null);
    const depends = await srv.admin('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.indicators.id}&kind=depends_on`);
    assert.deepEqual(depends.json.items.map((x) => x.id), [l.depends.id]);
    assert.deepEqual((await srv.admin('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.fostering.id}`)).json.items.map((x) => x.id), [l.relates.id]);
  });

  it('pages through the links a link at a time', async () => {
    const first = await srv.admin('GET', '/api/v1/links?limit=1');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json.items.map((x) => x.id), [l.depends.id]);
    assert.notEqual(first.json.next_cursor, null);
    const second = await srv.admin('GET', `/api/v1/links?limit=1&cursor=${first.json.next_cursor}`);
    assert.deepEqual(second.json.items.map((x) => x.id), [l.relates.id]);
  });

  it('shows a link only to a reader who may see both of its ends', async () => {
    // The viewer of Children and Families sees the fostering item but not the Chief
    // Executive's Office's draft plan.
    assertProblem(await as('childrenViewer')('GET', `/api/v1/links/${l.relates.id}`), 404);
    const listed = await as('childrenViewer')('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.fostering.id}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.json.items, []);
    const item = await as('childrenViewer')('GET', `/api/v1/plan-items/${it_.fostering.id}`);
    assert.equal(item.status, 200, item.text);
    assert.deepEqual(item.json.links, []);
    // Anonymous visitors see neither draft plan, so no link at all.
    assert.deepEqual((await srv.api('GET', '/api/v1/links')).json.items, []);
  });

  it('lets an editor link from a record they may change, but not from one they may only see', async () => {
    const ok = await as('ceoEditor')('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.indicators.id, to_type: 'plan_item', to_id: it_.report.id, kind: 'contributes_to' } });
    assert.equal(ok.status, 201, ok.text);
    l.contributes = ok.json;
    const links = linkCount();
    const audit = auditCount();
    const refused = await as('ceoEditor')('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.fostering.id, to_type: 'plan_item', to_id: it_.report.id, kind: 'relates_to' } });
    assertProblem(refused, 422, { fields: ['from_id'] });
    assert.equal(linkCount(), links);
    assert.equal(auditCount(), audit);
  });

  it('refuses a link to or from a record that does not exist, naming the field, and stores nothing', async () => {
    const links = linkCount();
    const audit = auditCount();
    assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: randomId(), kind: 'depends_on' } }), 422, { fields: ['to_id'] });
    assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: randomId(), to_type: 'plan_item', to_id: it_.report.id, kind: 'depends_on' } }), 422, { fields: ['from_id'] });
    assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: it_.indicators.id } }), 422, { fields: ['kind'] });
    assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.report.id, to_type: 'plan_item', to_id: it_.indicators.id, kind: 'answers', version: 1 } }), 422, { fields: ['version'] });
    assert.equal(linkCount(), links);
    assert.equal(auditCount(), audit);
  });

  it('refuses a dependency that would go round in a circle, directly or through another item, and stores nothing', async () => {
    // 3.11 depends on 3.10 (the first test). 3.10 on 3.11 would be a circle; so would 3.10 on
    // 2.1 once 2.1 depends on 3.11.
    const links = linkCount();
    const audit = auditCount();
    const back = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.indicators.id, to_type: 'plan_item', to_id: it_.report.id, kind: 'depends_on' } });
    assertProblem(back, 422, { fields: ['to_id'] });
    assert.equal(back.json.errors[0].message, 'This plan item already depends, directly or through others, on the one it would be needed by: dependencies cannot go round in a circle');
    const chain = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.fostering.id, to_type: 'plan_item', to_id: it_.report.id, kind: 'depends_on' } });
    assert.equal(chain.status, 201, chain.text);
    assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.indicators.id, to_type: 'plan_item', to_id: it_.fostering.id, kind: 'depends_on' } }), 422, { fields: ['to_id'] });
    // Another kind of link the other way is no circle of dependencies.
    const relates = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: it_.indicators.id, to_type: 'plan_item', to_id: it_.report.id, kind: 'relates_to' } });
    assert.equal(relates.status, 201, relates.text);
    assert.equal(linkCount(), links + 2);
    assert.equal(auditCount(), audit + 2);
    for (const made of [chain.json, relates.json]) {
      const archived = await srv.admin('POST', `/api/v1/links/${made.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      assert.equal(archived.status, 200, archived.text);
    }
  });

  it('refuses entity_id without entity_type, and a type or kind it does not know', async () => {
    assertProblem(await srv.admin('GET', `/api/v1/links?entity_id=${it_.report.id}`), 422, { fields: ['entity_type'] });
    assertProblem(await srv.admin('GET', `/api/v1/links?entity_type=spaceship&entity_id=${it_.report.id}`), 422, { fields: ['entity_type'] });
    assertProblem(await srv.admin('GET', '/api/v1/links?kind=adores'), 422, { fields: ['kind'] });
    assertProblem(await srv.admin('GET', '/api/v1/links?entity_type=plan_item&entity_id=12'), 422, { fields: ['entity_id'] });
    assertProblem(await srv.admin('GET', '/api/v1/links/not-an-id'), 404);
    assertProblem(await srv.admin('GET', `/api/v1/links/${randomId()}`), 404);
  });

  it('archives a link: kept, left out of lists and of the item, and refused when stale or without a version', async () => {
    assertProblem(await srv.admin('POST', `/api/v1/links/${l.depends.id}/archive`), 428);
    assertProblem(await srv.admin('POST', `/api/v1/links/${l.depends.id}/archive`, { headers: { 'if-match': 'W/"2"' } }), 409);
    const res = await srv.admin('POST', `/api/v1/links/${l.depends.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.archived_at, ISO_TS_RE);
    assert.equal(res.json.version, 2);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.deepEqual(auditRows(srv.dbPath, l.depends.id).map((a) => a.action), ['create', 'archive']);
    const live = await srv.admin('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.report.id}`);
    assert.ok(!live.json.items.some((x) => x.id === l.depends.id));
    const all = await srv.admin('GET', `/api/v1/links?entity_type=plan_item&entity_id=${it_.report.id}&include_archived=true`);
    assert.ok(all.json.items.some((x) => x.id === l.depends.id));
    const item = await srv.admin('GET', `/api/v1/plan-items/${it_.report.id}`);
    assert.ok(!item.json.links.some((x) => x.link.id === l.depends.id));
    assert.equal(Number(srv.sql(`SELECT count(*) FROM links WHERE id = '${l.depends.id}'`)), 1, 'archived, not deleted');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
