// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans through the API: a service plan with items in a tree, measures and progress updates,
// the roll-up beside each item's own status, expected progress, the overdue and due-soon
// lists, updates missing, approval and the next draft version, versions compared, links both
// ways, reviews and their findings, and who sees what.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, lastLine, ID_RE } from './harness.mjs';

// Every table the plans module writes, with the audit trail.
const PLAN_TABLES = ['plans', 'plan_versions', 'plan_items', 'plan_measures', 'plan_updates', 'reviews', 'review_findings', 'links', 'audit_log'];

// A date n days from today (UTC), as YYYY-MM-DD.
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
// "1 April 2025", as GOV.UK writes a date.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const written = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

describe('plans', { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const people = {};
  const tokens = {};
  let plan; // the Chief Executive's Office service plan
  const items = {}; // its items, by ref

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
  // The row count of each table, in one query.
  const planCounts = () => Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${PLAN_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));

  // Adds an item to the plan as the administrator and keeps it by its ref.
  async function addItem(body, target = plan) {
    const res = await srv.admin('POST', `/api/v1/plans/${target.id}/items`, { body });
    assert.equal(res.status, 201, `${body.ref}: ${res.text}`);
    items[body.ref] = res.json;
    return res.json;
  }
  // Changes an item as the administrator, with its current version.
  async function changeItem(ref, body) {
    const res = await srv.admin('PATCH', `/api/v1/plan-items/${items[ref].id}`, { headers: { 'if-match': `W/"${items[ref].version}"` }, body });
    assert.equal(res.status, 200, `${ref}: ${res.text}`);
    items[ref] = res.json;
    return res.json;
  }
  const currentPlan = async () => (await srv.admin('GET', `/api/v1/plans/${plan.id}`)).json;
  const refsOf = (list) => list.map((x) => x.ref);

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.cabinet = await create(srv, 'units', { name: 'Cabinet', kind: 'body', parent_id: u.council.id });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.ceo = await create(srv, 'units', { name: "Chief Executive's Office", kind: 'service', parent_id: u.corporate.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: u.ceo.id, published: true });
    people.lee = await create(srv, 'people', { name: 'Lee Marsh', kind: 'officer', unit_id: u.children.id, published: true });
    tokens.childrenViewer = await addUser('children-viewer', 'viewer', u.children.id);
    tokens.childrenEditor = await addUser('children-editor', 'editor', u.children.id);
    tokens.ceoEditor = await addUser('ceo-editor', 'editor', u.ceo.id);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('creates a draft service plan with Location, ETag W/"1", the period written as Civic writes it, and an audit entry', async () => {
    const res = await srv.admin('POST', '/api/v1/plans', {
      body: { unit_id: u.ceo.id, kind: 'service', title: "Chief Executive's Office service plan 1999/2000", period: '1999/2000', rollup: 'worst' },
    });
    assert.equal(res.status, 201, res.text);
    plan = res.json;
    assert.match(plan.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/plans/${plan.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual(
      { unit_id: plan.unit_id, kind: plan.kind, period: plan.period, status: plan.status, rollup: plan.rollup, plan_version: plan.plan_version, approved_by_unit_id: plan.approved_by_unit_id, approved_on: plan.approved_on, archived_at: plan.archived_at, version: plan.version },
      { unit_id: u.ceo.id, kind: 'service', period: '1999/00', status: 'draft', rollup: 'worst', plan_version: 1, approved_by_unit_id: null, approved_on: null, archived_at: null, version: 1 },
    );
    const row = srv.sqlRows(`SELECT unit_id, kind, period, status, plan_version FROM plans WHERE id = '${plan.id}'`)[0];
    assert.deepEqual(row, { unit_id: u.ceo.id, kind: 'service', period: '1999/00', status: 'draft', plan_version: 1 });
    assert.deepEqual(auditRows(srv.dbPath, plan.id).map((a) => [a.entity, a.action]), [['plan', 'create']]);
  });

  it('adds items in a tree, each at /api/v1/plan-items/{id}, and shows the tree in natural order of refs', async () => {
    const objective1 = await addItem({ ref: '1', kind: 'objective', title: 'Promoting community leadership and partnership working' });
    const objective3 = await addItem({ ref: '3', kind: 'objective', title: 'Performance management' });
    const res = await srv.admin('POST', `/api/v1/plans/${plan.id}/items`, {
      body: { ref: '3.10', kind: 'activity', parent_id: objective3.id, title: 'Co-ordinate collection of statutory and local performance indicators', lead_person_id: people.sam.id, themes: ['governance'] },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('location'), `/api/v1/plan-items/${res.json.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    items['3.10'] = res.json;
    assert.deepEqual(
      { plan_id: res.json.plan_id, parent_id: res.json.parent_id, ref: res.json.ref, status: res.json.status, percent_complete: res.json.percent_complete, themes: res.json.themes, supporting_unit_ids: res.json.supporting_unit_ids, weight: res.json.weight, lead_person_id: res.json.lead_person_id, version: res.json.version },
      { plan_id: plan.id, parent_id: objective3.id, ref: '3.10', status: 'not started', percent_complete: 0, themes: ['governance'], supporting_unit_ids: [], weight: 1, lead_person_id: people.sam.id, version: 1 },
    );
    await addItem({ ref: '3.9', kind: 'activity', parent_id: objective3.id, title: 'Participate in appropriate learning networks' });
    await addItem({ ref: '3.2', kind: 'activity', parent_id: objective3.id, title: 'Co-ordinate and support 1999/2000 programme of service reviews' });
    await addItem({ ref: '1.1', kind: 'activity', parent_id: objective1.id, title: 'Ensure the continued success of the annual MK2020 conference', lead_person_id: people.sam.id });
    assert.equal(Number(srv.sql(`SELECT count(*) FROM plan_items WHERE plan_id = '${plan.id}'`)), 6);

    const tree = await srv.admin('GET', `/api/v1/plans/${plan.id}/tree`);
    assert.equal(tree.status, 200, tree.text);
    assert.equal(tree.json.plan.id, plan.id);
    assert.equal(tree.json.unit_name, "Chief Executive's Office");
    assert.deepEqual(tree.json.items.map((i) => [i.ref, i.depth]), [['1', 0], ['1.1', 1], ['3', 0], ['3.2', 1], ['3.9', 1], ['3.10', 1]]);
    const shown = tree.json.items.find((i) => i.ref === '3.10');
    assert.equal(shown.lead_name, 'Sam Okafor');
    assert.equal(shown.plan_title, plan.title);

    const list = await srv.admin('GET', `/api/v1/plans/${plan.id}/items`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.next_cursor, undefined, 'a plan\'s items are not paged');
    assert.deepEqual(refsOf(list.json.items).sort(), ['1', '1.1', '3', '3.10', '3.2', '3.9']);
  });

  it('adds a measure to an item and changes it, and the item shows its measures', async () => {
    const res = await srv.admin('POST', `/api/v1/plan-items/${items['3.10'].id}/measures`, {
      body: { kind: 'qualitative', title: 'Indicators collected and published on time', timing: 'June 1999' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('location'), `/api/v1/plan-measures/${res.json.id}`);
    assert.deepEqual(
      { item_id: res.json.item_id, kind: res.json.kind, achieved: res.json.achieved, achieved_on: res.json.achieved_on, version: res.json.version },
      { item_id: items['3.10'].id, kind: 'qualitative', achieved: false, achieved_on: null, version: 1 },
    );
    const changed = await srv.admin('PATCH', `/api/v1/plan-measures/${res.json.id}`, {
      headers: { 'if-match': 'W/"1"' },
      body: { achieved: true, achieved_on: '1999-06-30', evidence: 'Published in the June performance report.' },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.headers.get('etag'), 'W/"2"');
    assert.deepEqual([changed.json.achieved, changed.json.achieved_on], [true, '1999-06-30']);
    assert.deepEqual(srv.sqlRows(`SELECT achieved, achieved_on FROM plan_measures WHERE id = '${res.json.id}'`), [{ achieved: 1, achieved_on: '1999-06-30' }]);

    const list = await srv.admin('GET', `/api/v1/plan-items/${items['3.10'].id}/measures`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((m) => m.id), [res.json.id]);
    const item = await srv.admin('GET', `/api/v1/plan-items/${items['3.10'].id}`);
    assert.deepEqual(item.json.measures.map((m) => [m.id, m.achieved]), [[res.json.id, true]]);
    // Without dates of its own, the item is due when its measure is, and started with the plan.
    assert.deepEqual(
      [item.json.due_date, item.json.progress.start_date, item.json.progress.due_date, item.json.progress.dates_from],
      [null, '1999-04-01', '1999-06-30', 'Due by its latest measure; started with the plan\'s period.'],
    );
  });

  it('takes progress updates: the latest sets the item\'s status and percent, and every one is kept', async () => {
    const path = `/api/v1/plan-items/${items['3.10'].id}/updates`;
    const q1 = await srv.admin('POST', path, { body: { period: '1999/00 Q1', status: 'on track', percent_complete: 20, commentary: 'First quarter\'s indicators collected.', author_person_id: people.sam.id } });
    assert.equal(q1.status, 201, q1.text);
    assert.equal(q1.headers.get('location'), `/api/v1/plan-updates/${q1.json.id}`);
    assert.equal(q1.json.entered_by, 'Ada Admin');
    const q2 = await srv.admin('POST', path, { body: { period: 'Q2 1999/00', status: 'at risk', percent_complete: 35, commentary: 'Two services are late with their returns.' } });
    assert.equal(q2.status, 201, q2.text);
    assert.equal(q2.json.period, '1999/00 Q2', 'the period as Civic writes it');

    const item = await srv.admin('GET', `/api/v1/plan-items/${items['3.10'].id}`);
    assert.equal(item.status, 200);
    assert.deepEqual([item.json.status, item.json.percent_complete], ['at risk', 35]);
    assert.equal(item.json.latest_update.id, q2.json.id);
    assert.equal(item.headers.get('etag'), `W/"${item.json.version}"`);
    items['3.10'] = item.json;
    const history = await srv.admin('GET', path);
    assert.deepEqual(history.json.items.map((x) => [x.period, x.status, x.percent_complete]), [['1999/00 Q1', 'on track', 20], ['1999/00 Q2', 'at risk', 35]]);
    const one = await srv.admin('GET', `/api/v1/plan-updates/${q1.json.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.json, q1.json);
    // Updates are kept as they were written.
    const patch = await srv.admin('PATCH', `/api/v1/plan-updates/${q1.json.id}`, { headers: { 'if-match': 'W/"1"' }, body: { percent_complete: 90 } });
    assertProblem(patch, 405);
  });

  it('shows the status rolled up from the children beside the item\'s own, by the plan\'s rule, with how', async () => {
    await changeItem('3.2', { status: 'on track' });
    await changeItem('3.9', { status: 'on track' });
    // 3.10 is at risk from its latest update.
    const objective = async () => (await srv.admin('GET', `/api/v1/plans/${plan.id}/tree`)).json.items.find((i) => i.ref === '3');

    let shown = await objective();
    assert.equal(shown.status, 'not started', 'the item\'s own status stays as it is');
    assert.deepEqual(shown.rollup, { status: 'at risk', explanation: 'Worst of 3 sub-items: 1 at risk, 2 on track.' });

    const setRule = async (rollup) => {
      const p = await currentPlan();
      const res = await srv.admin('PATCH', `/api/v1/plans/${plan.id}`, { headers: { 'if-match': `W/"${p.version}"` }, body: { rollup } });
      assert.equal(res.status, 200, res.text);
    };
    await setRule('majority');
    shown = await objective();
    assert.deepEqual(shown.rollup, { status: 'on track', explanation: 'Most of 3 sub-items are on track (2): 1 at risk, 2 on track.' });

    await setRule('weighted');
    assert.equal((await objective()).rollup.status, 'on track', '(2 + 2 + 1) / 3 is 1.67');
    await changeItem('3.10', { weight: 4 });
    shown = await objective();
    assert.deepEqual(shown.rollup, {
      status: 'at risk',
      explanation: 'Weighted score 1.33 of 3 from 3 sub-items (complete 3, on track 2, at risk 1, off track 0, each times its weight): 1 at risk, 2 on track. On track from 1.5, at risk from 0.75.',
    });
    const leaf = (await srv.admin('GET', `/api/v1/plan-items/${items['3.9'].id}`)).json;
    assert.deepEqual(leaf.rollup, { status: '', explanation: '' }, 'an item without children has nothing to roll up');
    await setRule('worst');
  });

  it('says an item 40% through its time and 10% complete is behind, and why', async () => {
    // 41 days of 101, counting the first and the last: 40%.
    await changeItem('1.1', { start_date: day(-40), due_date: day(60), status: 'on track', percent_complete: 10 });
    const res = await srv.admin('GET', `/api/v1/plan-items/${items['1.1'].id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.progress.expected_percent, 40);
    assert.equal(res.json.progress.behind, true);
    assert.equal(res.json.progress.overdue, false);
    assert.equal(res.json.progress.due_soon, false);
    assert.equal(
      res.json.progress.explanation,
      `40% of its time from ${written(day(-40))} to ${written(day(60))} has passed and it is 10% complete: behind by 30 points (more than 10 points behind counts as behind).`,
    );

    const behind = await srv.admin('GET', `/api/v1/plan-items?lead_person_id=${people.sam.id}&due=behind`);
    assert.equal(behind.status, 200, behind.text);
    // 3.10 is due when its measure is, in June 1999, and has not got far.
    assert.deepEqual(refsOf(behind.json.items), ['1.1', '3.10']);
    // At 45% it is within ten points of 40%.
    await changeItem('1.1', { percent_complete: 45 });
    const now = await srv.admin('GET', `/api/v1/plan-items/${items['1.1'].id}`);
    assert.equal(now.json.progress.behind, false);
    assert.deepEqual(refsOf((await srv.admin('GET', `/api/v1/plan-items?lead_person_id=${people.sam.id}&due=behind`)).json.items), ['3.10']);
  });

  it('lists a person\'s overdue actions and a unit\'s due soon, leaving out finished ones', async () => {
    await addItem({ ref: '1.2', kind: 'activity', parent_id: items['1'].id, title: 'Run a seminar on partnership working for councillors', lead_person_id: people.sam.id, start_date: day(-100), due_date: day(-1), status: 'on track' });
    await addItem({ ref: '1.3', kind: 'activity', parent_id: items['1'].id, title: 'Co-ordinate the council\'s involvement in regional issues', lead_unit_id: u.ceo.id, start_date: day(-20), due_date: day(10) });
    await addItem({ ref: '1.4', kind: 'activity', parent_id: items['1'].id, title: 'Provide corporate co-ordination for parish links', lead_person_id: people.sam.id, lead_unit_id: u.ceo.id, due_date: day(-5), status: 'complete', percent_complete: 100 });

    const overdue = await srv.admin('GET', `/api/v1/plan-items?lead_person_id=${people.sam.id}&due=overdue`);
    assert.equal(overdue.status, 200, overdue.text);
    assert.deepEqual(refsOf(overdue.json.items), ['1.2', '3.10']);
    assert.equal(overdue.json.items[0].progress.overdue, true);
    const soon = await srv.admin('GET', `/api/v1/plan-items?lead_unit_id=${u.ceo.id}&due=due_soon`);
    assert.equal(soon.status, 200, soon.text);
    assert.deepEqual(refsOf(soon.json.items), ['1.3']);
    assert.equal(soon.json.items[0].progress.due_soon, true);
    // The plan's own list filters the same way.
    assert.deepEqual(refsOf((await srv.admin('GET', `/api/v1/plans/${plan.id}/items?due=overdue`)).json.items), ['1.2', '3.10']);
    // Another officer has no actions here.
    assert.deepEqual((await srv.admin('GET', `/api/v1/plan-items?lead_person_id=${people.lee.id}`)).json.items, []);
    // All of Sam's actions, in any state.
    assert.deepEqual(refsOf((await srv.admin('GET', `/api/v1/plan-items?lead_person_id=${people.sam.id}`)).json.items).sort(), ['1.1', '1.2', '1.4', '3.10']);
  });

  it('lists the items with a lead officer and no update for a period, leaving out finished ones', async () => {
    const res = await srv.admin('GET', `/api/v1/plans/${plan.id}/updates-missing?period=${encodeURIComponent('1999/00 Q2')}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.period, '1999/00 Q2');
    // Sam leads 1.1, 1.2, 1.4 and 3.10: 3.10 has its update for the quarter and 1.4 is
    // complete. The items without a lead officer report to no one.
    const refs = refsOf(res.json.items);
    assert.deepEqual(refs, ['1.1', '1.2']);
    // Any way of writing the quarter reads the same.
    const again = await srv.admin('GET', `/api/v1/plans/${plan.id}/updates-missing?period=${encodeURIComponent('Q2 1999/00')}`);
    assert.deepEqual(refsOf(again.json.items), refs);
    // For the first quarter, 3.10 has its update too.
    const q1 = await srv.admin('GET', `/api/v1/plans/${plan.id}/updates-missing?period=${encodeURIComponent('1999/00 Q1')}`);
    assert.deepEqual(refsOf(q1.json.items), ['1.1', '1.2']);
  });

  it('approves the plan: status approved, version 1 frozen, and anyone may read it', async () => {
    const current = await currentPlan();
    const before = planCounts();
    const res = await srv.admin('POST', `/api/v1/plans/${plan.id}/approval`, {
      headers: { 'if-match': `W/"${current.version}"` },
      body: { approved_by_unit_id: u.cabinet.id, approved_on: '1999-04-20' },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      { status: res.json.status, plan_version: res.json.plan_version, approved_by_unit_id: res.json.approved_by_unit_id, approved_on: res.json.approved_on, version: res.json.version },
      { status: 'approved', plan_version: 1, approved_by_unit_id: u.cabinet.id, approved_on: '1999-04-20', version: current.version + 1 },
    );
    assert.equal(res.headers.get('etag'), `W/"${current.version + 1}"`);
    const after = planCounts();
    assert.deepEqual(after, { ...before, plan_versions: before.plan_versions + 1, audit_log: before.audit_log + 1 });
    assert.deepEqual(auditRows(srv.dbPath, plan.id).at(-1).action, 'approve');

    const versions = await srv.admin('GET', `/api/v1/plans/${plan.id}/versions`);
    assert.equal(versions.status, 200, versions.text);
    assert.deepEqual(versions.json.items.map((v) => [v.plan_id, v.number, v.approved_by_unit_id, v.approved_on]), [[plan.id, 1, u.cabinet.id, '1999-04-20']]);
    // The frozen version is the plan's export on the day.
    const snapshot = JSON.parse(srv.sql(`SELECT snapshot FROM plan_versions WHERE plan_id = '${plan.id}'`));
    assert.equal(snapshot.plan.status, 'approved');
    assert.deepEqual(snapshot.items.map((i) => i.ref), ['1', '1.1', '1.2', '1.3', '1.4', '3', '3.2', '3.9', '3.10']);

    // A published plan: anyone may read it, its tree and its items.
    const anonymous = await srv.api('GET', `/api/v1/plans/${plan.id}`);
    assert.equal(anonymous.status, 200);
    assert.equal((await srv.api('GET', `/api/v1/plans/${plan.id}/tree`)).status, 200);
    assert.equal((await srv.api('GET', `/api/v1/plan-items/${items['3.10'].id}`)).status, 200);
    assert.equal((await as('childrenViewer')('GET', `/api/v1/plans/${plan.id}`)).status, 200);
  });

  it('shows anonymous visitors approved plans only', async () => {
    const draft = await create(srv, 'plans', { unit_id: u.corporate.id, kind: 'directorate', title: 'Corporate Support directorate plan', period: '1999/00' });
    const list = await srv.api('GET', '/api/v1/plans');
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((p) => p.id), [plan.id]);
    assertProblem(await srv.api('GET', `/api/v1/plans/${draft.id}`), 404);
    assertProblem(await srv.api('GET', `/api/v1/plans/${draft.id}/tree`), 404);
    // The administrator sees both; ?status= filters.
    assert.deepEqual((await srv.admin('GET', '/api/v1/plans')).json.items.map((p) => p.id), [plan.id, draft.id]);
    assert.deepEqual((await srv.admin('GET', '/api/v1/plans?status=draft')).json.items.map((p) => p.id), [draft.id]);
    assert.deepEqual((await srv.admin('GET', `/api/v1/plans?unit_id=${u.ceo.id}`)).json.items.map((p) => p.id), [plan.id]);
  });

  it('starts a new draft version when an approved plan changes, and keeps version 1 as approved', async () => {
    await changeItem('3.9', { title: 'Take part in the Best Value learning networks' });
    await addItem({ ref: '3.11', kind: 'activity', parent_id: items['3'].id, title: 'Publish the annual performance plan' });
    const now = await currentPlan();
    assert.deepEqual([now.plan_version, now.status, now.approved_by_unit_id, now.approved_on], [2, 'draft', null, null]);
    assert.deepEqual(auditRows(srv.dbPath, plan.id).map((a) => a.action).slice(-2), ['approve', 'new version']);
    const versions = await srv.admin('GET', `/api/v1/plans/${plan.id}/versions`);
    assert.deepEqual(versions.json.items.map((v) => v.number), [1]);
    // Not published now: an anonymous visitor no longer sees it.
    assertProblem(await srv.api('GET', `/api/v1/plans/${plan.id}`), 404);
  });

  it('compares version 1 with the plan as it stands, item by item', async () => {
    const res = await srv.admin('GET', `/api/v1/plans/${plan.id}/compare?from=1&to=current`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.from, '1');
    assert.equal(res.json.to, 'current');
    // The plan itself: approved by Cabinet as version 1, a draft (not yet approved) now.
    assert.deepEqual(
      res.json.plan_fields.map((f) => [f.name, f.before, f.after]).sort(),
      [['approved_by', 'Cabinet', null], ['approved_on', '1999-04-20', null], ['status', 'approved', 'draft']],
    );
    const byRef = Object.fromEntries(res.json.items.map((i) => [i.ref, i]));
    assert.deepEqual(Object.keys(byRef).sort(), ['3.11', '3.9']);
    assert.equal(byRef['3.11'].change, 'added');
    assert.equal(byRef['3.9'].change, 'changed');
    assert.deepEqual(byRef['3.9'].fields.find((f) => f.name === 'title'), {
      name: 'title',
      before: 'Participate in appropriate learning networks',
      after: 'Take part in the Best Value learning networks',
    });
    // to defaults to current; a version compared with itself has no differences.
    const same = await srv.admin('GET', `/api/v1/plans/${plan.id}/compare?from=1&to=1`);
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.json.items, []);
    const byDefault = await srv.admin('GET', `/api/v1/plans/${plan.id}/compare?from=1`);
    assert.deepEqual(byDefault.json.items.map((i) => i.ref).sort(), ['3.11', '3.9']);
    assertProblem(await srv.admin('GET', `/api/v1/plans/${plan.id}/compare?from=7`), 422, { fields: ['from'] });
    assertProblem(await srv.admin('GET', `/api/v1/plans/${plan.id}/compare`), 422, { fields: ['from'] });
  });

  it('links two items and shows the link from both ends', async () => {
    const res = await srv.admin('POST', '/api/v1/links', {
      body: { from_type: 'plan_item', from_id: items['1.1'].id, to_type: 'plan_item', to_id: items['3.10'].id, kind: 'depends_on', note: 'Needs the indicators first.' },
    });
    assert.equal(res.status, 201, res.text);
    const link = res.json;
    const from = (await srv.admin('GET', `/api/v1/plan-items/${items['1.1'].id}`)).json;
    assert.deepEqual(from.links.map((l) => [l.link.id, l.outgoing, l.other.type, l.other.id]), [[link.id, true, 'plan_item', items['3.10'].id]]);
    assert.match(from.links[0].other.label, /^3\.10 /);
    assert.equal(from.links[0].other.href, `/plan-items/${items['3.10'].id}`);
    const to = (await srv.admin('GET', `/api/v1/plan-items/${items['3.10'].id}`)).json;
    assert.deepEqual(to.links.map((l) => [l.link.id, l.outgoing, l.other.id]), [[link.id, false, items['1.1'].id]]);
    // Lists and trees leave the links out; the item on its own carries them.
    const inTree = (await srv.admin('GET', `/api/v1/plans/${plan.id}/tree`)).json.items.find((i) => i.ref === '1.1');
    assert.equal(inTree.links, undefined);
  });

  it('does not show a link to a record the reader may not see', async () => {
    const childrenPlan = await create(srv, 'plans', { unit_id: u.children.id, kind: 'directorate', title: 'Children and Families plan', period: '1999/00' });
    const fostering = await addItem({ ref: '2.1', kind: 'activity', title: 'Recruit twenty more foster carers', lead_person_id: people.lee.id }, childrenPlan);
    const link = await create(srv, 'links', { from_type: 'plan_item', from_id: fostering.id, to_type: 'plan_item', to_id: items['1.1'].id, kind: 'relates_to' });
    // The administrator sees the link; a viewer of Children and Families may not see the
    // Chief Executive's Office's draft plan, so the link is not shown to them.
    assert.deepEqual((await srv.admin('GET', `/api/v1/plan-items/${fostering.id}`)).json.links.map((l) => l.link.id), [link.id]);
    const theirs = await as('childrenViewer')('GET', `/api/v1/plan-items/${fostering.id}`);
    assert.equal(theirs.status, 200, theirs.text);
    assert.deepEqual(theirs.json.links, []);
    assertProblem(await as('childrenViewer')('GET', `/api/v1/links/${link.id}`), 404);
    const listed = await as('childrenViewer')('GET', `/api/v1/links?entity_type=plan_item&entity_id=${fostering.id}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.json.items, []);
  });

  it('refuses a link to a record that does not exist with 422 naming to_id, storing nothing', async () => {
    const before = planCounts();
    const res = await srv.admin('POST', '/api/v1/links', {
      body: { from_type: 'plan_item', from_id: items['1.1'].id, to_type: 'plan_item', to_id: '01927c3e-9b20-7b2c-8d3e-4f5a6b7c8d99', kind: 'depends_on' },
    });
    assertProblem(res, 422, { fields: ['to_id'] });
    assert.deepEqual(planCounts(), before);
  });

  it('records a review with findings, and an item that answers a finding', async () => {
    const review = await srv.admin('POST', '/api/v1/reviews', {
      body: { unit_id: u.council.id, kind: 'peer challenge', title: 'Corporate Peer Challenge', reviewer: 'Local Government Association', status: 'reported', start_date: '2019-01-14', end_date: '2019-01-17', reported_on: '2019-03-01', programme: 'LGA peer challenges' },
    });
    assert.equal(review.status, 201, review.text);
    assert.equal(review.headers.get('location'), `/api/v1/reviews/${review.json.id}`);
    const finding = await srv.admin('POST', `/api/v1/reviews/${review.json.id}/findings`, {
      body: { ref: 'R1', kind: 'recommendation', text: 'Build effective performance management across the council.' },
    });
    assert.equal(finding.status, 201, finding.text);
    assert.equal(finding.headers.get('location'), `/api/v1/review-findings/${finding.json.id}`);
    assert.deepEqual([finding.json.review_id, finding.json.status], [review.json.id, 'open']);
    assert.deepEqual((await srv.admin('GET', `/api/v1/reviews/${review.json.id}/findings`)).json.items.map((f) => f.id), [finding.json.id]);

    const answers = await create(srv, 'links', { from_type: 'plan_item', from_id: items['3'].id, to_type: 'review_finding', to_id: finding.json.id, kind: 'answers' });
    const item = (await srv.admin('GET', `/api/v1/plan-items/${items['3'].id}`)).json;
    assert.deepEqual(item.links.map((l) => [l.link.kind, l.outgoing, l.other.type, l.other.id]), [['answers', true, 'review_finding', finding.json.id]]);
    const fromFinding = await srv.admin('GET', `/api/v1/links?entity_type=review_finding&entity_id=${finding.json.id}`);
    assert.deepEqual(fromFinding.json.items.map((l) => l.id), [answers.id]);

    const changed = await srv.admin('PATCH', `/api/v1/review-findings/${finding.json.id}`, { headers: { 'if-match': 'W/"1"' }, body: { status: 'in progress' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.status, 'in progress');
    const listed = await srv.admin('GET', `/api/v1/reviews?kind=${encodeURIComponent('peer challenge')}&programme=${encodeURIComponent('LGA peer challenges')}`);
    assert.deepEqual(listed.json.items.map((r) => r.id), [review.json.id]);
    assert.deepEqual((await srv.admin('GET', '/api/v1/reviews?status=planned')).json.items, []);
  });

  it('makes an improvement plan from the Best Value themes, with an area for each finding of a review', async () => {
    const review = await create(srv, 'reviews', { unit_id: u.council.id, kind: 'external audit', title: 'Annual audit letter', status: 'reported' });
    const finding = (await srv.admin('POST', `/api/v1/reviews/${review.id}/findings`, { body: { ref: 'F1', kind: 'finding', text: 'The medium-term financial plan is not balanced.' } })).json;
    const res = await srv.admin('POST', '/api/v1/plans/from-framework', {
      body: { unit_id: u.council.id, title: 'Improvement plan', period: '2025-28', review_id: review.id },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('location'), `/api/v1/plans/${res.json.id}`);
    assert.equal(res.json.kind, 'improvement');
    const tree = (await srv.admin('GET', `/api/v1/plans/${res.json.id}/tree`)).json;
    const themes = tree.items.filter((i) => i.depth === 0);
    assert.deepEqual(refsOf(themes), ['Theme 1', 'Theme 2', 'Theme 3', 'Theme 4', 'Theme 5', 'Theme 6', 'Theme 7']);
    const areas = tree.items.filter((i) => i.depth === 1);
    assert.equal(areas.length, 1);
    assert.equal(areas[0].parent_id, themes[6].id, 'under continuous improvement');
    const area = (await srv.admin('GET', `/api/v1/plan-items/${areas[0].id}`)).json;
    assert.deepEqual(area.links.map((l) => [l.link.kind, l.other.id]), [['answers', finding.id]]);
    // Everything under a theme, across plans.
    const governance = await srv.admin('GET', `/api/v1/plan-items?theme=governance`);
    assert.ok(refsOf(governance.json.items).includes('3.10'));
  });

  it('exports a plan as one JSON document', async () => {
    const res = await srv.admin('GET', `/api/v1/plans/${plan.id}/export`);
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.json.plan, 'object');
    assert.ok(Array.isArray(res.json.items));
  });

  it('does not show a draft plan to a viewer of another unit (404), nor let an editor of another unit change it', async () => {
    assertProblem(await as('childrenViewer')('GET', `/api/v1/plans/${plan.id}`), 404);
    assertProblem(await as('childrenViewer')('GET', `/api/v1/plan-items/${items['1.1'].id}`), 404);
    assert.ok(!(await as('childrenViewer')('GET', '/api/v1/plans')).json.items.some((p) => p.id === plan.id));
    const before = planCounts();
    const rows = srv.sql(`SELECT title || '|' || version FROM plan_items WHERE plan_id = '${plan.id}' ORDER BY id`);
    const current = await currentPlan();
    assertProblem(await as('childrenEditor')('PATCH', `/api/v1/plans/${plan.id}`, { headers: { 'if-match': `W/"${current.version}"` }, body: { title: 'Taken over' } }), 404);
    assertProblem(await as('childrenEditor')('PATCH', `/api/v1/plan-items/${items['1.1'].id}`, { headers: { 'if-match': `W/"${items['1.1'].version}"` }, body: { title: 'Taken over' } }), 404);
    assertProblem(await as('childrenEditor')('POST', `/api/v1/plans/${plan.id}/archive`, { headers: { 'if-match': `W/"${current.version}"` } }), 404);
    assert.deepEqual(planCounts(), before);
    assert.equal(srv.sql(`SELECT title || '|' || version FROM plan_items WHERE plan_id = '${plan.id}' ORDER BY id`), rows);
    // The plan's own editor may.
    const ok = await as('ceoEditor')('PATCH', `/api/v1/plan-items/${items['1.1'].id}`, { headers: { 'if-match': `W/"${items['1.1'].version}"` }, body: { notes: 'Venue booked.' } });
    assert.equal(ok.status, 200, ok.text);
    items['1.1'] = ok.json;
  });

  it('archives an item, leaving it out of the plan\'s lists', async () => {
    const res = await srv.admin('POST', `/api/v1/plan-items/${items['3.11'].id}/archive`, { headers: { 'if-match': `W/"${items['3.11'].version}"` } });
    assert.equal(res.status, 200, res.text);
    assert.notEqual(res.json.archived_at, null);
    const refs = refsOf((await srv.admin('GET', `/api/v1/plans/${plan.id}/items`)).json.items);
    assert.ok(!refs.includes('3.11'));
    assert.deepEqual(auditRows(srv.dbPath, items['3.11'].id).map((a) => a.action), ['create', 'archive']);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
