// SPDX-License-Identifier: AGPL-3.0-or-later
// Risks through the API (issue 11, items 4, 5 and 7): reviews as the score history, the next
// review date following the frequency, overdue reviews against their owners; escalation to
// the register above and de-escalation, kept as history on both registers; formal acceptance
// of a risk above appetite, lapsing when the current score rises and when its date passes;
// the heat map's counts; and the movement report between two dates as the audit committee
// reads it. Bad input is a 422 naming the field, with nothing stored; each write is audited.
//
// Dates are fixed in the past (the tests were written in December 2026), so that a review
// dated "before the risk existed" and a lapsed acceptance are so whenever the tests run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, lastLine, backend, ID_RE } from './harness.mjs';

const today = () => {
  // The date on the UK's wall clock, as the server counts it.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
};
const TABLES = ['risks', 'risk_reviews', 'risk_escalations', 'risk_acceptances', 'audit_log'];

describe(`risks: reviews, escalation, acceptance, heat map and movement (${backend})`, { timeout: 180000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const g = {};
  const r = {};
  const tokens = {};

  const rowCounts = () => Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));
  const auditActions = (id) => auditRows(srv.dbPath, id).map((a) => a.action);
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const errorOf = (res, field) => res.json.errors.find((e) => e.field === field)?.message;
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const riskOf = async (id) => {
    const res = await srv.admin('GET', `/api/v1/risks/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  async function addUser(username, role, { unit, person } = {}) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    if (person) args.push('--person', person);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }
  async function newRisk(body) {
    return create(srv, 'risks', {
      category: 'financial', inherent_likelihood: 5, inherent_impact: 5, current_likelihood: 3, current_impact: 4,
      identified_on: '2025-04-01', review_frequency_months: 3, ...body,
    });
  }
  async function review(risk, body, status = 201) {
    const res = await srv.admin('POST', `/api/v1/risks/${risk.id}/reviews`, { body });
    assert.equal(res.status, status, res.text);
    return res.json;
  }

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.place = await create(srv, 'units', { name: 'Place', kind: 'directorate', parent_id: u.council.id });
    p.hollis = await create(srv, 'people', { name: 'Martin Hollis', kind: 'officer' });
    p.cannon = await create(srv, 'people', { name: 'Neville Cannon', kind: 'officer' });
    g.corporate = await create(srv, 'risk-registers', { name: 'Corporate Risk Register', kind: 'corporate', unit_id: u.council.id });
    g.support = await create(srv, 'risk-registers', { name: 'Corporate Support Risk Register', kind: 'directorate', unit_id: u.corporate.id, parent_id: g.corporate.id });
    g.place = await create(srv, 'risk-registers', { name: 'Place Risk Register', kind: 'directorate', unit_id: u.place.id, parent_id: g.corporate.id });
    await create(srv, 'risk-appetites', { category: 'financial', max_score: 12 });
    await create(srv, 'risk-appetites', { category: 'operational', max_score: 12 });
    r.budget = await newRisk({ register_id: g.support.id, reference: 'CS01', title: 'The budget reduction is not delivered', owner_person_id: p.hollis.id });
    r.ict = await newRisk({ register_id: g.support.id, reference: 'CS05', title: 'ICT systems fail', category: 'operational', inherent_likelihood: 4, inherent_impact: 5, owner_person_id: p.cannon.id, identified_on: '2025-05-01' });
    tokens.support = await addUser('support', 'editor', { unit: u.corporate.id, person: p.hollis.id });
    tokens.place = await addUser('place', 'editor', { unit: u.place.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('reviews', () => {
    it('starts a risk\'s score history with the assessment it was made with', async () => {
      const res = await srv.admin('GET', `/api/v1/risks/${r.budget.id}/reviews`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((v) => [v.reviewed_on, v.current_likelihood, v.current_impact]), [['2025-04-01', 3, 4]]);
    });

    it('records a review: 201, Location, the stored row, the risk\'s new score and next review date, both audited', async () => {
      const before = await riskOf(r.budget.id);
      const res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, {
        body: {
          reviewed_on: '2025-06-30', current_likelihood: 4, current_impact: 4, commentary: 'The pay award has widened the gap.',
          controls: [{ description: 'Budget monitoring each month', effectiveness: 'partly effective' }],
          actions: [{ title: 'Bring forward the savings proposals', progress: 'behind' }],
        },
      });
      assert.equal(res.status, 201, res.text);
      const v = res.json;
      assert.match(v.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/risk-reviews/${v.id}`);
      assert.deepEqual(
        [v.risk_id, v.reviewed_on, v.current_likelihood, v.current_impact, v.next_review_on, v.controls, v.actions],
        [r.budget.id, '2025-06-30', 4, 4, '2025-09-30', [{ description: 'Budget monitoring each month', effectiveness: 'partly effective' }], [{ title: 'Bring forward the savings proposals', progress: 'behind', note: '' }]],
      );
      assert.deepEqual(srv.sqlRows(`SELECT reviewed_on, current_likelihood, current_impact, commentary FROM risk_reviews WHERE id = '${v.id}'`), [
        { reviewed_on: '2025-06-30', current_likelihood: 4, current_impact: 4, commentary: 'The pay award has widened the gap.' },
      ]);
      const after = await riskOf(r.budget.id);
      assert.deepEqual([after.current_likelihood, after.current_impact, after.next_review_on, after.version], [4, 4, '2025-09-30', before.version + 1]);
      assert.deepEqual(auditActions(v.id), ['create']);
      assert.equal(auditActions(r.budget.id).at(-1), 'review');
      const got = await srv.admin('GET', `/api/v1/risk-reviews/${v.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.json.commentary, 'The pay award has widened the gap.');
    });

    it('refuses a review dated before the risk existed, after today or before the last review, a likelihood of 6 and a missing impact, naming each field; nothing stored', async () => {
      const counts = rowCounts();
      let res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2025-03-31', current_likelihood: 3, current_impact: 3 } });
      assertProblem(res, 422, { fields: ['reviewed_on'] });
      assert.equal(errorOf(res, 'reviewed_on'), "The review's date cannot be before the risk was identified, on 1 April 2025");
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2099-01-01', current_likelihood: 3, current_impact: 3 } });
      assertProblem(res, 422, { fields: ['reviewed_on'] });
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2025-05-01', current_likelihood: 3, current_impact: 3 } });
      assert.equal(errorOf(res, 'reviewed_on'), 'The last review was on 30 June 2025; a review cannot be dated before it');
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2025-09-30', current_likelihood: 6 } });
      assertProblem(res, 422, { fields: ['current_likelihood', 'current_impact'] });
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2025-09-30', current_likelihood: 3, current_impact: 3, controls: [{ description: '', effectiveness: 'magic' }] } });
      assertProblem(res, 422, { fields: ['controls[0].description', 'controls[0].effectiveness'] });
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/reviews`, { body: { reviewed_on: '2025-09-30', current_likelihood: 3, current_impact: 3, colour: 'red' } });
      assertProblem(res, 422, { fields: ['colour'] });
      assert.deepEqual(rowCounts(), counts);
    });

    it('moves the next review date when the review frequency changes: the last review plus the new months', async () => {
      const risk = await riskOf(r.budget.id);
      const res = await srv.admin('PATCH', `/api/v1/risks/${r.budget.id}`, { headers: ifMatch(risk), body: { review_frequency_months: 6 } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.review_frequency_months, res.json.next_review_on], [6, '2025-12-30']);
    });

    it('lists overdue reviews against their owners, most overdue first', async () => {
      const res = await srv.admin('GET', '/api/v1/risk-reviews/overdue');
      assert.equal(res.status, 200, res.text);
      const rows = res.json.items.map((i) => [i.risk.reference, i.days_overdue > 0]);
      assert.deepEqual(rows.map((x) => x[0]).sort(), ['CS01', 'CS05']);
      assert.ok(rows.every((x) => x[1]));
      const mine = await srv.admin('GET', `/api/v1/risk-reviews/overdue?owner_person_id=${p.cannon.id}`);
      assert.deepEqual(mine.json.items.map((i) => i.risk.reference), ['CS05']);
      assertProblem(await srv.api('GET', '/api/v1/risk-reviews/overdue'), 401);
    });
  });

  describe('escalation', () => {
    it('moves a risk up to the register above, keeping the move as history on both registers', async () => {
      const risk = await riskOf(r.budget.id);
      const res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, {
        headers: ifMatch(risk),
        body: { direction: 'up', reason: 'The gap threatens the medium-term financial strategy.', moved_on: '2025-07-15' },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(
        [res.json.from_register_id, res.json.to_register_id, res.json.direction, res.json.moved_on],
        [g.support.id, g.corporate.id, 'up', '2025-07-15'],
      );
      const moved = await riskOf(r.budget.id);
      assert.equal(moved.register_id, g.corporate.id);
      assert.deepEqual(srv.sqlRows(`SELECT direction, from_register_id, to_register_id FROM risk_escalations WHERE risk_id = '${r.budget.id}'`), [
        { direction: 'up', from_register_id: g.support.id, to_register_id: g.corporate.id },
      ]);
      assert.equal(auditActions(r.budget.id).at(-1), 'escalate');
      assert.deepEqual(auditActions(res.json.id), ['create']);
      const history = await srv.admin('GET', `/api/v1/risks/${r.budget.id}/escalations`);
      assert.deepEqual(history.json.items.map((e) => e.direction), ['up']);
    });

    it('refuses a stale version (409), a register with nothing above it, and a de-escalation to a register not below; nothing moves', async () => {
      const counts = rowCounts();
      const risk = await riskOf(r.budget.id);
      let res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, { headers: { 'if-match': `W/"${risk.version - 1}"` }, body: { direction: 'up', reason: 'x' } });
      assertProblem(res, 409);
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, { headers: ifMatch(risk), body: { direction: 'up', reason: 'Again' } });
      assertProblem(res, 422, { fields: ['direction'] });
      assert.equal(errorOf(res, 'direction'), 'The Corporate Risk Register has no register above it to escalate to');
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, { headers: ifMatch(risk), body: { direction: 'down', register_id: g.corporate.id, reason: 'x' } });
      assertProblem(res, 422, { fields: ['register_id'] });
      res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, { headers: ifMatch(risk), body: { direction: 'sideways' } });
      assertProblem(res, 422, { fields: ['direction', 'reason'] });
      assert.deepEqual(rowCounts(), counts);
      assert.equal((await riskOf(r.budget.id)).register_id, g.corporate.id);
    });

    it('de-escalates it again to a register below', async () => {
      const risk = await riskOf(r.budget.id);
      const res = await srv.admin('POST', `/api/v1/risks/${r.budget.id}/escalation`, {
        headers: ifMatch(risk),
        body: { direction: 'down', register_id: g.support.id, reason: 'Savings secured; the directorate can manage it.', moved_on: '2025-11-01' },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal((await riskOf(r.budget.id)).register_id, g.support.id);
      const history = await srv.admin('GET', `/api/v1/risks/${r.budget.id}/escalations`);
      assert.deepEqual(history.json.items.map((e) => [e.direction, e.moved_on]), [['up', '2025-07-15'], ['down', '2025-11-01']]);
      assert.equal(auditActions(r.budget.id).at(-1), 'de-escalate');
    });

    it('answers 404 to an editor of another unit, as for a risk that is not there', async () => {
      const risk = await riskOf(r.ict.id);
      const res = await as('place')('POST', `/api/v1/risks/${r.ict.id}/escalation`, { headers: ifMatch(risk), body: { direction: 'up', reason: 'x' } });
      assertProblem(res, 404);
    });
  });

  describe('acceptance', () => {
    it('refuses to accept a risk within appetite (409), naming the appetite', async () => {
      const risk = await riskOf(r.ict.id); // 3 × 4 = 12, appetite 12
      const res = await srv.admin('POST', `/api/v1/risks/${r.ict.id}/acceptance`, { headers: ifMatch(risk), body: { reason: 'x', until: '2099-01-01' } });
      assertProblem(res, 409);
    });

    it('accepts a risk above appetite until a date: 201, the stored row, audited; it lapses when the date passes', async () => {
      await review(r.ict, { reviewed_on: '2025-06-01', current_likelihood: 4, current_impact: 4 });
      let risk = await riskOf(r.ict.id);
      const res = await srv.admin('POST', `/api/v1/risks/${r.ict.id}/acceptance`, {
        headers: ifMatch(risk),
        body: { reason: 'Unsupported servers cannot be replaced until the new contract starts.', accepted_on: '2025-06-02', until: '2025-09-30' },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([res.json.accepted_score, res.json.appetite, res.json.until, res.json.lapsed_on], [16, 12, '2025-09-30', null]);
      assert.deepEqual(auditActions(res.json.id), ['create']);
      // Its date has passed: lapsed, and listed to be asked again.
      const due = await srv.admin('GET', '/api/v1/risk-acceptances/due');
      assert.equal(due.status, 200, due.text);
      const row = due.json.items.find((a) => a.risk_id === r.ict.id);
      assert.equal(row.state, 'lapsed');
      risk = await riskOf(r.ict.id);
      assert.equal(risk.acceptance.state, 'lapsed');
    });

    it('lapses an acceptance in force when the current score rises, recording when and why', async () => {
      let risk = await riskOf(r.ict.id);
      const until = `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`.replace('-02-29', '-02-28');
      let res = await srv.admin('POST', `/api/v1/risks/${r.ict.id}/acceptance`, { headers: ifMatch(risk), body: { reason: 'Accepted again until the contract starts.', until } });
      assert.equal(res.status, 201, res.text);
      const accepted = res.json;
      risk = await riskOf(r.ict.id);
      assert.equal(risk.acceptance.state, 'active');
      await review(r.ict, { current_likelihood: 5, current_impact: 4 });
      const lapsed = srv.sqlRows(`SELECT lapsed_on, lapse_reason FROM risk_acceptances WHERE id = '${accepted.id}'`)[0];
      assert.equal(lapsed.lapsed_on, today());
      assert.match(lapsed.lapse_reason, /16.*20/);
      assert.equal((await riskOf(r.ict.id)).acceptance.state, 'lapsed');
      // The earlier acceptance was withdrawn (archived) when this one was made.
      assert.equal(Number(srv.sql(`SELECT count(*) FROM risk_acceptances WHERE risk_id = '${r.ict.id}' AND archived_at IS NOT NULL`)), 1);
      res = await srv.admin('POST', `/api/v1/risks/${r.ict.id}/acceptance`, { headers: ifMatch(await riskOf(r.ict.id)), body: { reason: '', until: '2025-01-01' } });
      assertProblem(res, 422, { fields: ['reason', 'until'] });
    });
  });

  describe('the heat map and the movement report', () => {
    it('counts open risks per cell of the current, inherent and target views', async () => {
      let res = await srv.admin('GET', `/api/v1/risk-heat-map?register_id=${g.support.id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.total, 2);
      const cell = (h, l, i) => h.cells.find((c) => c.likelihood === l && c.impact === i);
      assert.equal(res.json.cells.length, 25);
      assert.deepEqual([cell(res.json, 5, 4).count, cell(res.json, 4, 4).count, cell(res.json, 5, 4).band], [1, 1, 'High']);
      res = await srv.admin('GET', `/api/v1/risk-heat-map?view=inherent&register_id=${g.support.id}`);
      assert.deepEqual([cell(res.json, 5, 5).count, cell(res.json, 4, 5).count], [1, 1]);
      assertProblem(await srv.admin('GET', '/api/v1/risk-heat-map?view=sideways'), 422, { fields: ['view'] });
    });

    it('reports what rose, appeared and was escalated between two dates', async () => {
      const res = await srv.admin('GET', '/api/v1/risk-movement?from=2025-05-15&to=2025-08-31');
      assert.equal(res.status, 200, res.text);
      const refs = (section) => res.json[section].map((x) => x.reference);
      assert.deepEqual(refs('escalated'), ['CS01']);
      assert.deepEqual(refs('rose'), ['CS05']);
      assert.deepEqual(res.json.rose[0].before.score, 12);
      assert.deepEqual(res.json.rose[0].after.score, 16);
      const early = await srv.admin('GET', '/api/v1/risk-movement?from=2025-04-15&to=2025-05-10');
      assert.deepEqual(early.json.appeared.map((x) => x.reference), ['CS05']);
      assertProblem(await srv.admin('GET', '/api/v1/risk-movement?from=2025-09-01&to=2025-08-01'), 422, { fields: ['to'] });
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
