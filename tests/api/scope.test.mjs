// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, item 2: every record a write names is in the caller's scope. A write may only name
// records the caller may see and, where it changes them, write; anything else answers exactly
// as a record that does not exist. Only an administrator may put a unit at the top of the
// tree or make it a council. Each field of each write that names another record is tried by
// an editor in scope and out of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, lastLine, randomId } from './harness.mjs';

describe('the scope rule for every record a write names', { timeout: 120000 }, () => {
  let srv;
  let editor; // an editor of Corporate Support and everything under it
  const u = {};
  const p = {};
  const posts = {};
  const m = {};

  async function addUser(username, role, unitId) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unitId) args.push('--unit', unitId);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }

  const as = (token) => (method, path, opts = {}) => srv.api(method, path, { token, ...opts });
  const ed = (method, path, opts) => as(editor)(method, path, opts);

  // The answer to a write that names a record out of scope is the answer to one that names
  // a record that does not exist: the same status, detail and field errors.
  function assertSameAnswer(outOfScope, missing, status, field) {
    const a = assertProblem(outOfScope, status, { fields: field ? [field] : [] });
    const b = assertProblem(missing, status, { fields: field ? [field] : [] });
    assert.equal(a.detail, b.detail);
    assert.equal(a.title, b.title);
    assert.deepEqual(a.errors, b.errors);
  }

  async function etagOf(path) {
    return (await srv.admin('GET', path)).headers.get('etag');
  }

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.ict = await create(srv, 'units', { name: 'ICT', kind: 'service', parent_id: u.corporate.id });
    u.policy = await create(srv, 'units', { name: 'Policy', kind: 'service', parent_id: u.corporate.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    u.fostering = await create(srv, 'units', { name: 'Fostering', kind: 'service', parent_id: u.children.id });
    u.closed = await create(srv, 'units', { name: 'Closed Team', kind: 'team', parent_id: u.corporate.id });
    const closedTag = await etagOf(`/api/v1/units/${u.closed.id}`);
    assert.equal((await srv.admin('POST', `/api/v1/units/${u.closed.id}/archive`, { headers: { 'if-match': closedTag } })).status, 200);

    p.inside = await create(srv, 'people', { name: 'Ian Inside', kind: 'officer', unit_id: u.ict.id });
    p.hidden = await create(srv, 'people', { name: 'Hana Hidden', kind: 'officer', unit_id: u.fostering.id, published: false });
    p.councillor = await create(srv, 'people', { name: 'Priya Shah', kind: 'councillor', unit_id: u.council.id });
    posts.ict = await create(srv, 'posts', { unit_id: u.ict.id, label: 'Head of ICT' });
    posts.fostering = await create(srv, 'posts', { unit_id: u.fostering.id, label: 'Head of Fostering' });
    m.inside = await create(srv, 'memberships', { person_id: p.inside.id, unit_id: u.ict.id, role: 'Member' });
    m.outside = await create(srv, 'memberships', { person_id: p.hidden.id, unit_id: u.fostering.id, role: 'Member' });

    editor = await addUser('corporate.editor', 'editor', u.corporate.id);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses an editor who PATCHes their own unit to the top of the tree as a council, and leaves the tree as it was', async () => {
    const before = srv.counts();
    const res = await ed('PATCH', `/api/v1/units/${u.corporate.id}`, {
      headers: { 'if-match': await etagOf(`/api/v1/units/${u.corporate.id}`) },
      body: { parent_id: null, kind: 'council' },
    });
    const problem = assertProblem(res, 422, { fields: ['parent_id', 'kind'] });
    assert.equal(problem.errors.find((e) => e.field === 'parent_id').message, 'Only an administrator can move a unit to the top of the tree');
    assert.equal(problem.errors.find((e) => e.field === 'kind').message, 'Only an administrator can make a unit a council');
    assert.deepEqual(srv.counts(), before);
    assert.equal(srv.sql(`SELECT parent_id || '|' || kind FROM units WHERE id = '${u.corporate.id}'`), `${u.council.id}|directorate`);
  });

  it('refuses an editor who adds a council, at the top or under their unit', async () => {
    assertProblem(await ed('POST', '/api/v1/units', { body: { name: 'Rival Council', kind: 'council' } }), 422, { fields: ['parent_id'] });
    const under = assertProblem(await ed('POST', '/api/v1/units', { body: { name: 'Parish Council', kind: 'council', parent_id: u.ict.id } }), 422, {
      fields: ['kind'],
    });
    assert.equal(under.errors[0].message, 'Only an administrator can make a unit a council');
  });

  it('lets an administrator move a unit to the top of the tree as a council, and back', async () => {
    const unit = await create(srv, 'units', { name: 'Shared Services Board', kind: 'body', parent_id: u.council.id });
    const top = await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: null, kind: 'council' } });
    assert.equal(top.status, 200, top.text);
    assert.equal(top.json.parent_id, null);
    assert.equal(top.json.kind, 'council');
    const back = await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"2"' }, body: { parent_id: u.council.id, kind: 'body' } });
    assert.equal(back.status, 200, back.text);
  });

  describe('units: parent_id', () => {
    it('lets an editor add a unit under a unit in their scope', async () => {
      const res = await ed('POST', '/api/v1/units', { body: { name: 'Service Desk', kind: 'team', parent_id: u.ict.id } });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.parent_id, u.ict.id);
    });

    it('answers a parent out of scope, or archived, on a create as one that does not exist', async () => {
      const body = (parent) => ({ body: { name: 'Service Desk', kind: 'team', parent_id: parent } });
      const missing = await ed('POST', '/api/v1/units', body(randomId()));
      assertSameAnswer(await ed('POST', '/api/v1/units', body(u.fostering.id)), missing, 422, 'parent_id');
      assertSameAnswer(await ed('POST', '/api/v1/units', body(u.closed.id)), missing, 422, 'parent_id');
    });

    it('lets an editor move a unit within their scope', async () => {
      const team = await create(srv, 'units', { name: 'Web Team', kind: 'team', parent_id: u.ict.id });
      const res = await ed('PATCH', `/api/v1/units/${team.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: u.policy.id } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.parent_id, u.policy.id);
    });

    it('answers a move under a unit out of scope as a move under one that does not exist, and moves nothing', async () => {
      const team = await create(srv, 'units', { name: 'Print Team', kind: 'team', parent_id: u.ict.id });
      const patch = (parent) => ed('PATCH', `/api/v1/units/${team.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: parent } });
      assertSameAnswer(await patch(u.fostering.id), await patch(randomId()), 422, 'parent_id');
      assert.equal(srv.sql(`SELECT parent_id FROM units WHERE id = '${team.id}'`), u.ict.id);
    });

    it('answers a change to a unit out of scope as a change to one that does not exist', async () => {
      const patch = (id) => ed('PATCH', `/api/v1/units/${id}`, { headers: { 'if-match': 'W/"1"' }, body: { description: 'Taken over' } });
      assertSameAnswer(await patch(u.fostering.id), await patch(randomId()), 404);
      const archive = (id) => ed('POST', `/api/v1/units/${id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      assertSameAnswer(await archive(u.fostering.id), await archive(randomId()), 404);
    });
  });

  describe('people: unit_id', () => {
    it('lets an editor add a person to a unit in their scope', async () => {
      const res = await ed('POST', '/api/v1/people', { body: { name: 'Nia New', kind: 'officer', unit_id: u.policy.id } });
      assert.equal(res.status, 201, res.text);
    });

    it('answers a unit out of scope, or archived, as one that does not exist', async () => {
      const body = (unit) => ({ body: { name: 'Nia New', kind: 'officer', unit_id: unit } });
      const missing = await ed('POST', '/api/v1/people', body(randomId()));
      assertSameAnswer(await ed('POST', '/api/v1/people', body(u.fostering.id)), missing, 422, 'unit_id');
      assertSameAnswer(await ed('POST', '/api/v1/people', body(u.closed.id)), missing, 422, 'unit_id');
    });

    it('refuses an editor a person with no unit, which only a council-wide editor may add', async () => {
      const res = assertProblem(await ed('POST', '/api/v1/people', { body: { name: 'Nobody Anywhere', kind: 'officer' } }), 422, { fields: ['unit_id'] });
      assert.equal(res.errors[0].message, 'Choose the unit this person belongs to');
    });

    it('answers a move of a person to a unit out of scope as a move to one that does not exist', async () => {
      const patch = (unit) =>
        ed('PATCH', `/api/v1/people/${p.inside.id}`, { headers: { 'if-match': 'W/"1"' }, body: { unit_id: unit } });
      assertSameAnswer(await patch(u.fostering.id), await patch(randomId()), 422, 'unit_id');
      assert.equal(srv.sql(`SELECT unit_id FROM people WHERE id = '${p.inside.id}'`), u.ict.id);
    });

    it('answers a change to a person out of scope as a change to one that does not exist', async () => {
      const patch = (id) => ed('PATCH', `/api/v1/people/${id}`, { headers: { 'if-match': 'W/"1"' }, body: { summary: 'Moved' } });
      assertSameAnswer(await patch(p.hidden.id), await patch(randomId()), 404);
    });
  });

  describe('posts: unit_id', () => {
    it('lets an editor add a post to a unit in their scope', async () => {
      const res = await ed('POST', '/api/v1/posts', { body: { unit_id: u.policy.id, label: 'Policy Officer' } });
      assert.equal(res.status, 201, res.text);
    });

    it('answers a unit out of scope, or archived, as one that does not exist', async () => {
      const body = (unit) => ({ body: { unit_id: unit, label: 'Policy Officer' } });
      const missing = await ed('POST', '/api/v1/posts', body(randomId()));
      assertSameAnswer(await ed('POST', '/api/v1/posts', body(u.fostering.id)), missing, 422, 'unit_id');
      assertSameAnswer(await ed('POST', '/api/v1/posts', body(u.closed.id)), missing, 422, 'unit_id');
    });

    it('answers a move of a post out of scope as a move to a unit that does not exist', async () => {
      const patch = (unit) => ed('PATCH', `/api/v1/posts/${posts.ict.id}`, { headers: { 'if-match': 'W/"1"' }, body: { unit_id: unit } });
      assertSameAnswer(await patch(u.fostering.id), await patch(randomId()), 422, 'unit_id');
    });

    it('answers a change to a post out of scope as a change to one that does not exist', async () => {
      const patch = (id) => ed('PATCH', `/api/v1/posts/${id}`, { headers: { 'if-match': 'W/"1"' }, body: { portfolio: 'Taken' } });
      assertSameAnswer(await patch(posts.fostering.id), await patch(randomId()), 404);
    });
  });

  describe('memberships: person_id, unit_id and post_id', () => {
    const body = (over) => ({ body: { person_id: p.inside.id, unit_id: u.ict.id, role: 'Member', ...over } });

    it('lets an editor add a membership in their scope for a person in scope, or a published person from anywhere', async () => {
      const inside = await ed('POST', '/api/v1/memberships', body({ post_id: posts.ict.id }));
      assert.equal(inside.status, 201, inside.text);
      const councillor = await ed('POST', '/api/v1/memberships', body({ person_id: p.councillor.id }));
      assert.equal(councillor.status, 201, councillor.text);
    });

    it('answers an unpublished person out of scope as a person who does not exist, and writes nothing', async () => {
      const before = srv.counts();
      assertSameAnswer(
        await ed('POST', '/api/v1/memberships', body({ person_id: p.hidden.id })),
        await ed('POST', '/api/v1/memberships', body({ person_id: randomId() })),
        422,
        'person_id',
      );
      assert.deepEqual(srv.counts(), before);
    });

    it('answers a unit out of scope as one that does not exist', async () => {
      assertSameAnswer(
        await ed('POST', '/api/v1/memberships', body({ unit_id: u.fostering.id, person_id: p.councillor.id })),
        await ed('POST', '/api/v1/memberships', body({ unit_id: randomId(), person_id: p.councillor.id })),
        422,
        'unit_id',
      );
    });

    it('refuses a post of another unit, and answers an archived post as one that does not exist', async () => {
      const other = assertProblem(await ed('POST', '/api/v1/memberships', body({ post_id: posts.fostering.id })), 422, { fields: ['post_id'] });
      assert.equal(other.errors[0].message, 'Choose a post that belongs to the same unit or body');
      const old = await create(srv, 'posts', { unit_id: u.ict.id, label: 'Old Post' });
      assert.equal((await srv.admin('POST', `/api/v1/posts/${old.id}/archive`, { headers: { 'if-match': 'W/"1"' } })).status, 200);
      assertSameAnswer(
        await ed('POST', '/api/v1/memberships', body({ post_id: old.id })),
        await ed('POST', '/api/v1/memberships', body({ post_id: randomId() })),
        422,
        'post_id',
      );
    });

    it('answers a change of person or unit to one out of scope as one that does not exist', async () => {
      const patch = (over) => ed('PATCH', `/api/v1/memberships/${m.inside.id}`, { headers: { 'if-match': 'W/"1"' }, body: over });
      assertSameAnswer(await patch({ person_id: p.hidden.id }), await patch({ person_id: randomId() }), 422, 'person_id');
      assertSameAnswer(await patch({ unit_id: u.fostering.id }), await patch({ unit_id: randomId() }), 422, 'unit_id');
      assert.equal(srv.sql(`SELECT person_id || '|' || unit_id FROM memberships WHERE id = '${m.inside.id}'`), `${p.inside.id}|${u.ict.id}`);
    });

    it('answers a change to a membership out of scope as a change to one that does not exist', async () => {
      const patch = (id) => ed('PATCH', `/api/v1/memberships/${id}`, { headers: { 'if-match': 'W/"1"' }, body: { role: 'Chair' } });
      assertSameAnswer(await patch(m.outside.id), await patch(randomId()), 404);
    });
  });

  describe('calendar days', () => {
    it('answers an editor who adds a closure day with 403, as for any council-wide change', async () => {
      assertProblem(await ed('POST', '/api/v1/calendar/days', { body: { date: '2031-03-03', name: 'Council offices closed', change: 'add' } }), 403);
    });

    it('answers an editor who archives a day that exists exactly as one who names a day that does not', async () => {
      const day = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2031-03-10', name: 'Council offices closed', change: 'add' } });
      assert.equal(day.status, 201, day.text);
      const archive = (id) => ed('POST', `/api/v1/calendar/days/${id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      assertSameAnswer(await archive(day.json.id), await archive(randomId()), 403);
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
