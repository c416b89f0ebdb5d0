// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans refuse what does not make sense, each with a 422 naming the field: an unknown
// parent, a ref the plan already has, an item under its own descendant, a due date before
// the start, a link to a record that does not exist, a period Civic cannot read, a kind it
// does not know. Nothing is stored and the audit trail does not change.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, randomId } from './harness.mjs';

// Every table the register and the plans module write, with the audit trail.
const TABLES = ['units', 'people', 'posts', 'memberships', 'plans', 'plan_versions', 'plan_items', 'plan_measures', 'plan_updates', 'reviews', 'review_findings', 'links', 'audit_log'];

describe('plans: bad input', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  let plan;
  const items = {};

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.ceo = await create(srv, 'units', { name: "Chief Executive's Office", kind: 'service', parent_id: u.council.id });
    plan = await create(srv, 'plans', { unit_id: u.ceo.id, kind: 'service', title: 'Service plan', period: '1999/00' });
    const add = async (body) => {
      const res = await srv.admin('POST', `/api/v1/plans/${plan.id}/items`, { body });
      assert.equal(res.status, 201, res.text);
      items[body.ref] = res.json;
    };
    await add({ ref: '3', kind: 'objective', title: 'Performance management' });
    await add({ ref: '3.1', kind: 'activity', parent_id: items['3'].id, title: 'Complete the first Best Value reviews' });
    await add({ ref: '3.1.1', kind: 'task', parent_id: items['3.1'].id, title: 'Agree the review programme' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  // The row count of every table, the items and the plan as they stand: one query each, so
  // that the requests of a test follow each other closely.
  const counts = () => Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));
  const stored = () =>
    srv.sql(`SELECT row FROM (SELECT id || '|' || coalesce(parent_id, '') || '|' || ref || '|' || version AS row FROM plan_items UNION ALL SELECT title || '|' || version FROM plans WHERE id = '${plan.id}') t ORDER BY row`);

  // Runs fn, then asserts that no table changed (rows, items and plan as they were, the audit
  // trail) and that the server still answers.
  async function storesNothing(fn) {
    const before = counts();
    const rows = stored();
    await fn();
    assert.deepEqual(counts(), before, 'no rows and no audit entries were added');
    assert.equal(stored(), rows, 'no item and not the plan changed');
    assert.equal((await srv.api('GET', '/healthz')).status, 200);
  }
  const newItem = (body) => srv.admin('POST', `/api/v1/plans/${plan.id}/items`, { body });
  const changeItem = (ref, body) => srv.admin('PATCH', `/api/v1/plan-items/${items[ref].id}`, { headers: { 'if-match': `W/"${items[ref].version}"` }, body });

  it('refuses an item under a parent that does not exist, naming parent_id', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.2', kind: 'activity', title: 'Orphan', parent_id: randomId() }), 422, { fields: ['parent_id'] });
      assertProblem(await changeItem('3.1', { parent_id: randomId() }), 422, { fields: ['parent_id'] });
    });
  });

  it('refuses an item under a parent in another plan, naming parent_id', async () => {
    const other = await create(srv, 'plans', { unit_id: u.ceo.id, kind: 'project', title: 'Another plan', period: '1999/00' });
    const elsewhere = (await srv.admin('POST', `/api/v1/plans/${other.id}/items`, { body: { ref: '1', kind: 'task', title: 'Elsewhere' } })).json;
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.2', kind: 'activity', title: 'Astray', parent_id: elsewhere.id }), 422, { fields: ['parent_id'] });
    });
  });

  it('refuses a ref the plan already has, naming ref', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.1', kind: 'activity', title: 'A second 3.1' }), 422, { fields: ['ref'] });
      assertProblem(await changeItem('3.1.1', { ref: '3' }), 422, { fields: ['ref'] });
    });
  });

  it('refuses to put an item under itself or one of its own descendants, naming parent_id', async () => {
    await storesNothing(async () => {
      assertProblem(await changeItem('3', { parent_id: items['3.1.1'].id }), 422, { fields: ['parent_id'] });
      assertProblem(await changeItem('3', { parent_id: items['3'].id }), 422, { fields: ['parent_id'] });
    });
  });

  it('refuses a due date before the start, naming due_date', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.2', kind: 'activity', title: 'Backwards', start_date: '1999-09-01', due_date: '1999-06-30' }), 422, { fields: ['due_date'] });
      assertProblem(await changeItem('3.1', { start_date: '2000-04-01', due_date: '2000-03-31' }), 422, { fields: ['due_date'] });
    });
  });

  it('refuses a date that is not a date, naming it', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.2', kind: 'activity', title: 'Soon', due_date: '31/03/2000' }), 422, { fields: ['due_date'] });
    });
  });

  it('refuses a link to a record that does not exist, naming to_id, and one from a record that does not exist, naming from_id', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: items['3.1'].id, to_type: 'plan_item', to_id: randomId(), kind: 'depends_on' } }), 422, { fields: ['to_id'] });
      assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: randomId(), to_type: 'plan_item', to_id: items['3.1'].id, kind: 'depends_on' } }), 422, { fields: ['from_id'] });
      assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: items['3.1'].id, to_type: 'spaceship', to_id: items['3'].id, kind: 'depends_on' } }), 422, { fields: ['to_type'] });
      assertProblem(await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: items['3.1'].id, to_type: 'plan_item', to_id: items['3'].id, kind: 'adores' } }), 422, { fields: ['kind'] });
    });
  });

  it('refuses a period Civic cannot read, naming period', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/plans', { body: { unit_id: u.ceo.id, kind: 'service', title: 'Someday plan', period: 'the year after next' } }), 422, { fields: ['period'] });
      assertProblem(await srv.admin('PATCH', `/api/v1/plans/${plan.id}`, { headers: { 'if-match': 'W/"1"' }, body: { period: '1999/00 Q5' } }), 422, { fields: ['period'] });
      assertProblem(await srv.admin('POST', `/api/v1/plan-items/${items['3.1'].id}/updates`, { body: { period: 'Q5 1999/00', status: 'on track', percent_complete: 10 } }), 422, { fields: ['period'] });
      assertProblem(await srv.admin('GET', `/api/v1/plans/${plan.id}/updates-missing?period=whenever`), 422, { fields: ['period'] });
    });
  });

  it('refuses a kind or status Civic does not know, naming it', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/plans', { body: { unit_id: u.ceo.id, kind: 'manifesto', title: 'Manifesto', period: '1999/00' } }), 422, { fields: ['kind'] });
      assertProblem(await newItem({ ref: '3.2', kind: 'wish', title: 'A wish' }), 422, { fields: ['kind'] });
      assertProblem(await changeItem('3.1', { status: 'nearly there' }), 422, { fields: ['status'] });
      assertProblem(await srv.admin('POST', `/api/v1/plan-items/${items['3.1'].id}/measures`, { body: { kind: 'vibes', title: 'Feels better' } }), 422, { fields: ['kind'] });
      assertProblem(await srv.admin('POST', '/api/v1/reviews', { body: { unit_id: u.council.id, kind: 'horoscope', title: 'Stars', status: 'planned' } }), 422, { fields: ['kind'] });
      assertProblem(await srv.admin('GET', '/api/v1/plans?kind=manifesto'), 422, { fields: ['kind'] });
      assertProblem(await srv.admin('GET', '/api/v1/plan-items?due=yesterday'), 422, { fields: ['due'] });
      assertProblem(await srv.admin('GET', '/api/v1/plan-items?theme=astrology'), 422, { fields: ['theme'] });
    });
  });

  it('refuses a percentage outside 0 to 100 and a theme outside the Best Value themes, naming each', async () => {
    await storesNothing(async () => {
      assertProblem(await changeItem('3.1', { percent_complete: 140 }), 422, { fields: ['percent_complete'] });
      assertProblem(await changeItem('3.1', { themes: ['astrology'] }), 422, { fields: ['themes'] });
    });
  });

  it('takes the plan, item or review from the address, and refuses it in the body', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ plan_id: plan.id, ref: '3.2', kind: 'activity', title: 'Here' }), 422, { fields: ['plan_id'] });
      assertProblem(await changeItem('3.1', { plan_id: plan.id }), 422, { fields: ['plan_id'] });
      assertProblem(await srv.admin('POST', `/api/v1/plan-items/${items['3.1'].id}/measures`, { body: { item_id: items['3.1'].id, title: 'Measure' } }), 422, { fields: ['item_id'] });
      assertProblem(await srv.admin('POST', `/api/v1/plan-items/${items['3.1'].id}/updates`, { body: { item_id: items['3.1'].id, period: '1999/00 Q1', status: 'on track' } }), 422, { fields: ['item_id'] });
    });
  });

  it('answers 404 to an id in a collection\'s address that Civic could not have issued, or that names nothing', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/plans/not-an-id/items', { body: { ref: '1', kind: 'task', title: 'Nowhere' } }), 404);
      assertProblem(await srv.admin('GET', '/api/v1/plans/not-an-id/items'), 404);
      assertProblem(await srv.admin('GET', '/api/v1/plan-items/12345/measures'), 404);
      assertProblem(await srv.admin('GET', '/api/v1/reviews/xyz/findings'), 404);
      assertProblem(await srv.admin('GET', `/api/v1/plans/${randomId()}/items`), 404);
      assertProblem(await srv.admin('GET', `/api/v1/plans/${randomId()}/tree`), 404);
      assertProblem(await srv.admin('GET', '/api/v1/plans/not-an-id/tree'), 404);
      assertProblem(await srv.admin('GET', `/api/v1/plan-items/${randomId()}`), 404);
    });
  });

  it('refuses approval without a version (428), with a stale one (409), and without a body (422), changing nothing', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', `/api/v1/plans/${plan.id}/approval`, { body: { approved_by_unit_id: u.council.id, approved_on: '1999-04-20' } }), 428);
      assertProblem(await srv.admin('POST', `/api/v1/plans/${plan.id}/approval`, { headers: { 'if-match': 'W/"9"' }, body: { approved_by_unit_id: u.council.id, approved_on: '1999-04-20' } }), 409);
      assertProblem(await srv.admin('POST', `/api/v1/plans/${plan.id}/approval`, { headers: { 'if-match': 'W/"1"' }, body: { approved_by_unit_id: randomId(), approved_on: '1999-04-20' } }), 422, { fields: ['approved_by_unit_id'] });
      assertProblem(await srv.admin('POST', `/api/v1/plans/${plan.id}/approval`, { headers: { 'if-match': 'W/"1"' }, body: { approved_by_unit_id: u.council.id, approved_on: 'April 1999' } }), 422, { fields: ['approved_on'] });
    });
  });

  it('refuses a version on a create, and a change with nothing in it', async () => {
    await storesNothing(async () => {
      assertProblem(await newItem({ ref: '3.2', kind: 'activity', title: 'Versioned', version: 1 }), 422, { fields: ['version'] });
      assertProblem(await changeItem('3.1', {}), 422);
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
