// SPDX-License-Identifier: AGPL-3.0-or-later
// A case's lessons learned become an action in a plan (issue 12): POST
// /api/v1/cases/{id}/lessons-actions makes the plan item through the plans service and links
// it to the case through the links service, in one transaction, each audited; the item's
// blanks are filled from the case (the next free ref in its place, the title naming the case,
// the lessons as its description). A case without lessons, a plan the caller may not change and
// a bad field are refused with nothing written.
//
// Dates are fixed in the past (the tests were written in December 2026).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, backend, ID_RE } from './harness.mjs';

describe(`cases: lessons learned into actions (${backend})`, { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const tokens = {};
  const plan = {};
  const item = {};
  let closed;
  let open;
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const lessons = 'Crews need the assisted-collection list on their tablets';
  const action = (id, body, who = 'handler') => as(who)('POST', `/api/v1/cases/${id}/lessons-actions`, { body });
  const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));
  const counted = () => ['plan_items', 'links', 'audit_log'].map(count);

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'department', parent_id: u.council.id });
    u.planning = await create(srv, 'units', { name: 'Planning', kind: 'department', parent_id: u.council.id });
    p.alice = await create(srv, 'people', { name: 'Alice Handler', kind: 'officer', unit_id: u.customer.id });
    p.carol = await create(srv, 'people', { name: 'Carol Planner', kind: 'officer', unit_id: u.planning.id });
    tokens.handler = await srv.addUser('alice', 'editor', { unit: u.customer.id, person: p.alice.id });
    tokens.viewer = await srv.addUser('customer-viewer', 'viewer', { unit: u.customer.id });
    tokens.outsider = await srv.addUser('carol', 'editor', { unit: u.planning.id, person: p.carol.id });
    const types = {};
    for (const t of (await srv.admin('GET', '/api/v1/case-types')).json.items) types[t.code] = t;

    const newCase = async (subject) => {
      const res = await as('handler')('POST', '/api/v1/cases', {
        body: { case_type_id: types.CMP.id, received_on: '2026-02-02', channel: 'email', requester_kind: 'resident', requester_name: 'Jane Resident', subject, unit_id: u.customer.id, officer_person_id: p.alice.id },
      });
      assert.equal(res.status, 201, res.text);
      return res.json;
    };
    closed = await newCase('Missed assisted collections');
    const closing = await as('handler')('POST', `/api/v1/cases/${closed.id}/closure`, {
      headers: ifMatch(closed),
      body: { closed_on: '2026-02-20', outcome: 'upheld', lessons },
    });
    assert.equal(closing.status, 200, closing.text);
    closed = closing.json;
    open = await newCase('A late bin');

    plan.customer = await create(srv, 'plans', { unit_id: u.customer.id, kind: 'service', title: 'Customer Services plan', period: '2025/26' });
    item.objective = await create(srv, `plans/${plan.customer.id}/items`, { ref: '1', kind: 'objective', title: 'Answer complaints well' });
    item.first = await create(srv, `plans/${plan.customer.id}/items`, { ref: '1.1', kind: 'task', title: 'Train the contact centre', parent_id: item.objective.id });
    plan.planning = await create(srv, 'plans', { unit_id: u.planning.id, kind: 'service', title: 'Planning plan', period: '2025/26' });
    item.planning = await create(srv, `plans/${plan.planning.id}/items`, { ref: '1', kind: 'objective', title: 'Decide on time' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('makes the lessons an action under the chosen item, linked to the case, both audited, the case unchanged', async () => {
    const res = await action(closed.id, { plan_id: plan.customer.id, parent_id: item.objective.id, lead_person_id: p.alice.id, due_date: '2026-06-30' });
    assert.equal(res.status, 201, res.text);
    const { item: made, link } = res.json;
    assert.match(made.id, ID_RE);
    assert.deepEqual(
      [made.plan_id, made.parent_id, made.ref, made.kind, made.title, made.description, made.lead_person_id, made.due_date],
      [plan.customer.id, item.objective.id, '1.2', 'task', `Lessons from ${closed.reference}: Missed assisted collections`, lessons, p.alice.id, '2026-06-30'],
    );
    assert.deepEqual([link.from_type, link.from_id, link.to_type, link.to_id, link.kind], ['plan_item', made.id, 'case', closed.id, 'answers']);
    assert.equal(link.note, `Made from the lessons learned of ${closed.reference}`);
    // Stored as answered.
    assert.equal(srv.sql(`SELECT plan_id || ' ' || parent_id || ' ' || ref || ' ' || kind FROM plan_items WHERE id = '${made.id}'`), `${plan.customer.id} ${item.objective.id} 1.2 task`);
    assert.equal(srv.sql(`SELECT from_type || ' ' || from_id || ' ' || to_type || ' ' || to_id || ' ' || kind FROM links WHERE id = '${link.id}'`), `plan_item ${made.id} case ${closed.id} answers`);
    // Each audited as made by the handler: the item as the plans service audits it, the link as
    // the links service does.
    const itemAudit = auditRows(srv.dbPath, made.id);
    assert.deepEqual(itemAudit.map((a) => [a.entity, a.action, a.after.ref]), [['plan_item', 'create', '1.2']]);
    const linkAudit = auditRows(srv.dbPath, link.id);
    assert.deepEqual(linkAudit.map((a) => [a.entity, a.action, a.after.to_id]), [['link', 'create', closed.id]]);
    assert.deepEqual([itemAudit[0].actor, itemAudit[0].request_id], [linkAudit[0].actor, linkAudit[0].request_id]);
    // The case shows the action among its links, and its version has not moved.
    const now = await as('handler')('GET', `/api/v1/cases/${closed.id}`);
    assert.equal(now.json.version, closed.version);
    assert.deepEqual(now.json.links.map((l) => [l.outgoing, l.other.type, l.other.id, l.other.label]), [[false, 'plan_item', made.id, `1.2 Lessons from ${closed.reference}: Missed assisted collections (Customer Services plan)`]]);
    // And the plan item shows the case.
    const shown = await as('handler')('GET', `/api/v1/plan-items/${made.id}`);
    assert.equal(shown.status, 200, shown.text);
  });

  it('takes the fields given, and numbers an action at the top level after the plan\'s last', async () => {
    const res = await action(closed.id, { plan_id: plan.customer.id, title: 'Put the list on the tablets', description: 'By the summer round.' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.json.item.parent_id, res.json.item.ref, res.json.item.title, res.json.item.description, res.json.item.lead_person_id], [null, '2', 'Put the list on the tablets', 'By the summer round.', null]);
    const given = await action(closed.id, { plan_id: plan.customer.id, parent_id: item.objective.id, ref: '1.9', kind: 'deliverable' });
    assert.equal(given.status, 201, given.text);
    assert.deepEqual([given.json.item.ref, given.json.item.kind], ['1.9', 'deliverable']);
  });

  it('refuses a case without lessons, one the caller may not see, a plan they may not change and bad fields, writing nothing', async () => {
    const before = counted();
    assertProblem(await action(open.id, { plan_id: plan.customer.id }), 409, { detail: /no lessons learned yet/ });
    assertProblem(await action('0197a4e0-0000-7000-8000-000000000000', { plan_id: plan.customer.id }), 404);
    assertProblem(await action('not-an-id', { plan_id: plan.customer.id }), 404);
    // Carol, of Planning, may not see Customer Services' cases.
    assertProblem(await action(closed.id, { plan_id: plan.planning.id }, 'outsider'), 404);
    assertProblem(await action(closed.id, {}), 422, { fields: ['plan_id'] });
    // Planning's draft plan is not one Alice may see; Customer Services' viewer reads its plan
    // but may not add to it.
    assertProblem(await action(closed.id, { plan_id: plan.planning.id }), 422, { fields: ['plan_id'] });
    assertProblem(await action(closed.id, { plan_id: plan.customer.id }, 'viewer'), 403);
    assertProblem(await action(closed.id, { plan_id: plan.customer.id, due_date: 'soon' }), 422, { fields: ['due_date'] });
    assertProblem(await action(closed.id, { plan_id: plan.customer.id, parent_id: item.planning.id }), 422, { fields: ['parent_id'] });
    assertProblem(await action(closed.id, { plan_id: plan.customer.id, ref: '1.1' }), 422, { fields: ['ref'] });
    assertProblem(await action(closed.id, { plan_id: plan.customer.id, kind: 'wish' }), 422, { fields: ['kind'] });
    assertProblem(await action(closed.id, { plan_id: plan.customer.id, colour: 'red' }), 422, { fields: ['colour'] });
    assertProblem(await srv.api('POST', `/api/v1/cases/${closed.id}/lessons-actions`, { body: { plan_id: plan.customer.id } }), 401);
    assert.deepEqual(counted(), before);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
