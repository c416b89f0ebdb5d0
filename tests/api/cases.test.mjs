// SPDX-License-Identifier: AGPL-3.0-or-later
// Cases through the API (issue 12): a case is received and numbered per type and year; its
// clock is counted from its events and today's calendar, and every due date says how; the
// clock stops for the requester and for an FOI fee notice; a complaint is acknowledged,
// answered with the Ombudsman's details, extended within the Code's limit, and escalated to
// stage 2 for another officer; an FOI request goes to internal review; a case closes with an
// outcome apart from being resolved, and reopens. A new bank holiday moves every open
// deadline and leaves closed cases as they were. The requester's personal data is refused to
// anyone not handling the case (404), every read of it is audited, the audit trail keeps none
// of it, retention removes it, and a subject-access search finds it all.
//
// Dates are fixed in the past (the tests were written in December 2026), so that due dates
// are the same whenever the tests run; only the statuses of open targets follow today.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, backend, ID_RE } from './harness.mjs';

describe(`cases: the clock, responses, escalation, closure and privacy (${backend})`, { timeout: 180000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const types = {};
  const tokens = {};
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const errorOf = (res, field) => res.json.errors?.find((e) => e.field === field)?.message;
  const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));
  const counted = () => ['cases', 'case_events', 'case_responses', 'audit_log'].map(count);

  async function newCase(body, who = 'handler') {
    const res = await as(who)('POST', '/api/v1/cases', {
      body: { channel: 'email', requester_kind: 'resident', requester_name: 'Jane Resident', requester_contact: 'jane@example.org', unit_id: u.customer.id, officer_person_id: p.alice.id, ...body },
    });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  async function getCase(id, who = 'handler') {
    const res = await as(who)('GET', `/api/v1/cases/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  }
  // A POST on a case at its current version; returns the answer.
  async function post(id, action, body, who = 'handler') {
    const k = await getCase(id, who);
    return as(who)('POST', `/api/v1/cases/${id}/${action}`, { headers: ifMatch(k), body });
  }
  async function ok(id, action, body, who = 'handler') {
    const res = await post(id, action, body, who);
    assert.ok(res.status === 200 || res.status === 201, `${action} ${JSON.stringify(body)} → ${res.status} ${res.text}`);
    return res.json;
  }
  const target = (k, stage, key) => k.clock.stages.find((s) => s.key === stage).targets.find((t) => t.key === key);

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.resources = await create(srv, 'units', { name: 'Resources', kind: 'directorate', parent_id: u.council.id });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'department', parent_id: u.resources.id });
    u.planning = await create(srv, 'units', { name: 'Planning', kind: 'department', parent_id: u.council.id });
    p.alice = await create(srv, 'people', { name: 'Alice Handler', kind: 'officer' });
    p.bob = await create(srv, 'people', { name: 'Bob Reviewer', kind: 'officer' });
    p.carol = await create(srv, 'people', { name: 'Carol Planner', kind: 'officer' });
    p.dee = await create(srv, 'people', { name: 'Dee Ward', kind: 'councillor' });
    tokens.handler = await srv.addUser('alice', 'editor', { unit: u.customer.id, person: p.alice.id });
    tokens.bob = await srv.addUser('bob', 'editor', { unit: u.customer.id, person: p.bob.id });
    tokens.viewer = await srv.addUser('customer-viewer', 'viewer', { unit: u.customer.id });
    tokens.outsider = await srv.addUser('carol', 'editor', { unit: u.planning.id, person: p.carol.id });
    tokens.admin = srv.token;
    for (const t of (await srv.admin('GET', '/api/v1/case-types')).json.items) types[t.code] = t;
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('a new case', () => {
    it('numbers cases per type and year, keeps personal data out of the case and its audit, and shows how its deadline was counted', async () => {
      const first = await newCase({ case_type_id: types.FOI.id, received_on: '2026-11-02', subject: 'Spending on temporary accommodation', description: 'Please send me, Jane Resident of 4 Mill Lane, the spending for 2025/26.' });
      assert.match(first.id, ID_RE);
      assert.equal(first.reference, 'FOI-2026-0001');
      const second = await newCase({ case_type_id: 'foi', received_on: '2026-01-05', subject: 'Pothole claims' });
      assert.equal(second.reference, 'FOI-2026-0002');
      const older = await newCase({ case_type_id: types.FOI.id, received_on: '2025-12-15', subject: 'Parking fines' });
      assert.equal(older.reference, 'FOI-2025-0001');
      for (const key of ['requester_name', 'requester_contact', 'description', 'on_behalf_of', 'requester_person_id']) assert.equal(key in first, false, key);
      const audit = auditRows(srv.dbPath, first.id);
      assert.deepEqual(audit.map((a) => [a.actor, a.action]), [['alice', 'create']]);
      assert.doesNotMatch(audit[0].after_json, /Jane|Mill Lane|jane@example/);
      assert.deepEqual(srv.sqlRows(`SELECT requester_name, requester_contact, stage_key, status FROM cases WHERE id = '${first.id}'`), [
        { requester_name: 'Jane Resident', requester_contact: 'jane@example.org', stage_key: 'response', status: 'open' },
      ]);
      // Received Monday 2 November 2026; St Andrew's Day, Monday 30 November, is a bank
      // holiday in Scotland, so not an FOI working day: the 20th is Tuesday 1 December.
      const k = await getCase(first.id);
      const response = target(k, 'response', 'response');
      assert.deepEqual([response.due, response.counted_from, response.working_days], ['2026-12-01', '2026-11-02', 20]);
      assert.equal(response.explanation[0], 'Counted from receipt on Monday 2 November 2026.');
      assert.ok(response.explanation.some((l) => /St Andrew/.test(l)), response.explanation.join('\n'));
      assert.equal(response.explanation.at(-1), 'Due: Tuesday 1 December 2026.');
      assert.deepEqual([k.type.code, k.stage, k.stage_name, k.unit_name, k.officer_name, k.may_handle], ['FOI', 'response', 'Response', 'Customer Services', 'Alice Handler', true]);
    });

    it('refuses bad fields naming each one, storing nothing', async () => {
      const before = counted();
      let res = await as('handler')('POST', '/api/v1/cases', {
        body: { case_type_id: types.LET.id, received_on: '2099-01-01', channel: 'pigeon', requester_kind: 'resident', subject: '', unit_id: u.planning.id },
      });
      assertProblem(res, 422, { fields: ['received_on', 'channel', 'subject', 'unit_id', 'requester_name'] });
      assert.match(errorOf(res, 'received_on'), /cannot be in the future/);
      assert.match(errorOf(res, 'unit_id'), /whose cases you handle/);
      res = await as('handler')('POST', '/api/v1/cases', { body: { case_type_id: 'NOPE', received_on: '2026-02-30', channel: 'email', requester_kind: 'councillor for a resident', requester_person_id: p.dee.id, subject: 'Bins', unit_id: u.customer.id } });
      assertProblem(res, 422, { fields: ['case_type_id', 'received_on', 'on_behalf_of'] });
      res = await as('handler')('POST', '/api/v1/cases', { body: { case_type_id: types.LET.id, received_on: '2026-02-02', channel: 'email', requester_kind: 'resident', requester_name: 'A', subject: 'B', unit_id: u.customer.id, colour: 'red' } });
      assertProblem(res, 422, { fields: ['colour'] });
      assert.deepEqual(counted(), before);
    });
  });

  describe('privacy', () => {
    let k;
    before(async () => {
      k = await newCase({ case_type_id: types.MEM.id, received_on: '2026-03-02', requester_kind: 'councillor for a resident', requester_person_id: p.dee.id, requester_name: '', on_behalf_of: 'Sam Tenant', subject: 'Damp in a council flat', description: 'Sam Tenant at 9 Hill Road reports damp.' });
    });

    it('shows the requester to those handling the case, auditing each read', async () => {
      const reads = () => auditRows(srv.dbPath, k.id).filter((a) => a.action === 'read').length;
      const res = await as('handler')('GET', `/api/v1/cases/${k.id}/requester`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.requester_person_id, res.json.requester_person_name, res.json.on_behalf_of, res.json.description], [p.dee.id, 'Dee Ward', 'Sam Tenant', 'Sam Tenant at 9 Hill Road reports damp.']);
      assert.equal(reads(), 1);
      assert.equal((await srv.admin('GET', `/api/v1/cases/${k.id}/requester`)).status, 200);
      const audit = auditRows(srv.dbPath, k.id).filter((a) => a.action === 'read');
      assert.deepEqual(audit.map((a) => [a.actor, a.after.read]), [['alice', 'requester'], ['admin', 'requester']]);
    });

    it('refuses the requester (404) to a viewer of the unit and the case itself to an officer outside it, auditing nothing', async () => {
      const before = auditRows(srv.dbPath, k.id).length;
      assertProblem(await as('viewer')('GET', `/api/v1/cases/${k.id}/requester`), 404);
      assertProblem(await as('viewer')('GET', `/api/v1/cases/${k.id}/responses`), 404);
      const seen = await getCase(k.id, 'viewer');
      assert.equal(seen.may_handle, false);
      assert.equal('on_behalf_of' in seen, false);
      assertProblem(await as('outsider')('GET', `/api/v1/cases/${k.id}`), 404);
      assertProblem(await as('outsider')('GET', `/api/v1/cases/${k.id}/requester`), 404);
      assert.equal((await as('outsider')('GET', '/api/v1/cases')).json.items.some((c) => c.id === k.id), false);
      assertProblem(await as('viewer')('POST', `/api/v1/cases/${k.id}/clock`, { headers: ifMatch(seen), body: { action: 'stop', reason: 'x' } }), 404);
      assert.equal(auditRows(srv.dbPath, k.id).length, before);
    });

    it('records a change of the requester in the audit trail without keeping it', async () => {
      const before = await getCase(k.id);
      const res = await as('handler')('PATCH', `/api/v1/cases/${k.id}`, { headers: ifMatch(before), body: { on_behalf_of: 'Sam Tenant-Jones' } });
      assert.equal(res.status, 200, res.text);
      const last = auditRows(srv.dbPath, k.id).at(-1);
      assert.equal(last.action, 'update');
      assert.deepEqual([last.before.requester_version, last.after.requester_version], [1, 2]);
      assert.doesNotMatch(last.before_json + last.after_json, /Sam Tenant/);
    });
  });

  describe('the clock', () => {
    it('stops for the requester, counting the stop and restart days, and for an FOI fee notice, disregarding them', async () => {
      // Received Monday 6 January 2025, due Monday 20 January; waiting from Wednesday 8 to
      // Monday 13 pauses Thursday 9 and Friday 10: Wednesday 22.
      const mem = await newCase({ case_type_id: types.MEM.id, received_on: '2025-01-06', requester_kind: 'councillor', requester_person_id: p.dee.id, requester_name: '', subject: 'Street lighting' });
      const stopped = await ok(mem.id, 'clock', { action: 'stop', on: '2025-01-08', reason: 'Waiting for the member to say which street' });
      assert.deepEqual([stopped.kind, stopped.on, stopped.position], ['stopped', '2025-01-08', 1]);
      let k = await getCase(mem.id);
      assert.deepEqual([k.clock.stopped, target(k, 'response', 'response').status, target(k, 'response', 'response').due], [true, 'stopped', null]);
      assertProblem(await post(mem.id, 'clock', { action: 'stop', on: '2025-01-09', reason: 'Again' }), 409);
      await ok(mem.id, 'clock', { action: 'restart', on: '2025-01-13' });
      k = await getCase(mem.id);
      assert.equal(target(k, 'response', 'response').due, '2025-01-22');
      assert.deepEqual(k.events.map((e) => e.kind), ['stopped', 'restarted']);

      // An FOI fee notice: the notice day and the day the fee arrives are disregarded too.
      const foi = await newCase({ case_type_id: types.FOI.id, received_on: '2025-01-06', subject: 'Consultants' });
      assertProblem(await post(mem.id, 'clock', { action: 'stop', on: '2025-01-14', reason: 'Fee', fee_notice: true }), 422, { fields: ['fee_notice'] });
      await ok(foi.id, 'clock', { action: 'stop', on: '2025-01-08', reason: 'Fee notice given', fee_notice: true });
      await ok(foi.id, 'clock', { action: 'restart', on: '2025-01-13' });
      assert.equal(target(await getCase(foi.id), 'response', 'response').due, '2025-02-07');
    });

    it('refuses an event before the last one, in the future, or with no reason, naming the field', async () => {
      const k = await newCase({ case_type_id: types.LET.id, received_on: '2026-02-02', subject: 'Hedge' });
      const before = counted();
      assertProblem(await post(k.id, 'clock', { action: 'stop', on: '2026-01-30', reason: 'x' }), 422, { fields: ['on'] });
      assertProblem(await post(k.id, 'clock', { action: 'stop', on: '2099-01-01', reason: 'x' }), 422, { fields: ['on'] });
      assertProblem(await post(k.id, 'clock', { action: 'stop', on: '2026-02-03' }), 422, { fields: ['reason'] });
      assertProblem(await post(k.id, 'clock', { action: 'pause', on: '2026-02-03' }), 422, { fields: ['action'] });
      assertProblem(await post(k.id, 'clock', { action: 'restart', on: '2026-02-03' }), 409);
      assertProblem(await as('handler')('POST', `/api/v1/cases/${k.id}/clock`, { headers: { 'if-match': 'W/"9"' }, body: { action: 'stop', on: '2026-02-03', reason: 'x' } }), 409);
      assertProblem(await as('handler')('POST', `/api/v1/cases/${k.id}/clock`, { body: { action: 'stop', on: '2026-02-03', reason: 'x' } }), 428);
      assert.deepEqual(counted(), before);
    });
  });

  describe('a complaint through both stages', () => {
    let k;
    it('acknowledges, extends within the Code\'s limit, and answers only with the Ombudsman\'s details', async () => {
      k = await newCase({ case_type_id: types.CMP.id, received_on: '2026-02-02', subject: 'Missed bin collections' });
      // Received Monday 2 February 2026: acknowledgement due in 5 working days, Monday 9.
      let now = await getCase(k.id);
      assert.deepEqual([target(now, 'stage1', 'acknowledgement').due, target(now, 'stage1', 'response').provisional], ['2026-02-09', true]);
      const ack = await ok(k.id, 'responses', { target: 'acknowledgement', sent_on: '2026-02-04', body: 'We have your complaint and will reply by 18 February.' });
      assert.deepEqual([ack.stage, ack.target, ack.sent_on, ack.officer_person_id], ['stage1', 'acknowledgement', '2026-02-04', p.alice.id]);
      // The trail records that it was sent, not what it said.
      const ackAudit = auditRows(srv.dbPath, ack.id);
      assert.deepEqual([ackAudit[0].action, 'body' in ackAudit[0].after, ackAudit[0].after.body_length], ['create', false, 53]);
      now = await getCase(k.id);
      assert.deepEqual([target(now, 'stage1', 'acknowledgement').status, target(now, 'stage1', 'response').due], ['met', '2026-02-18']);
      assertProblem(await post(k.id, 'responses', { target: 'acknowledgement', sent_on: '2026-02-05', body: 'Again' }), 422, { fields: ['target'] });

      // An extension of 10 working days (the Code's most) with the day the complainant was told.
      assertProblem(await post(k.id, 'clock', { action: 'extend', on: '2026-02-16', target: 'response', days: 10, reason: 'Waiting for the contractor\'s logs' }), 422, { fields: ['told_on'] });
      const ext = await ok(k.id, 'clock', { action: 'extend', on: '2026-02-16', target: 'response', days: 10, reason: 'Waiting for the contractor\'s logs', told_on: '2026-02-16' });
      assert.deepEqual([ext.kind, ext.target, ext.days, ext.told_on], ['extended', 'response', 10, '2026-02-16']);
      now = await getCase(k.id);
      assert.deepEqual([target(now, 'stage1', 'response').due, target(now, 'stage1', 'response').extended_by], ['2026-03-04', 10]);
      const more = await post(k.id, 'clock', { action: 'extend', on: '2026-02-17', target: 'response', days: 1, reason: 'More', told_on: '2026-02-17' });
      assertProblem(more, 422, { fields: ['days'] });
      assert.match(errorOf(more, 'days'), /10 working days in all; 10 are used/);

      const bare = await post(k.id, 'responses', { target: 'response', sent_on: '2026-02-27', body: 'We have looked into it and are sorry.' });
      assertProblem(bare, 422, { fields: ['body'] });
      assert.match(errorOf(bare, 'body'), /Ombudsman/);
      await ok(k.id, 'responses', { target: 'response', sent_on: '2026-02-27', body: 'We are sorry. If you are not satisfied, you can ask the Local Government and Social Care Ombudsman: www.lgo.org.uk.' });
      now = await getCase(k.id);
      assert.deepEqual([target(now, 'stage1', 'response').status, target(now, 'stage1', 'response').met_on], ['met', '2026-02-27']);
    });

    it('escalates to stage 2 only for another officer, counting its own acknowledgement and final response', async () => {
      let res = await post(k.id, 'escalation', { on: '2026-03-02', reason: 'Still missed' });
      assertProblem(res, 422, { fields: ['officer_person_id'] });
      res = await post(k.id, 'escalation', { on: '2026-03-02', officer_person_id: p.alice.id });
      assertProblem(res, 422, { fields: ['officer_person_id'] });
      assert.match(errorOf(res, 'officer_person_id'), /Alice Handler handled Stage 1/);
      assertProblem(await post(k.id, 'escalation', { on: '2026-03-02', stage: 'stage3', officer_person_id: p.bob.id }), 422, { fields: ['stage'] });
      const esc = await ok(k.id, 'escalation', { on: '2026-03-02', reason: 'The complainant is not satisfied', officer_person_id: p.bob.id });
      assert.deepEqual([esc.kind, esc.stage, esc.officer_person_id], ['escalated', 'stage2', p.bob.id]);
      let now = await getCase(k.id);
      assert.deepEqual([now.stage, now.officer_person_id], ['stage2', p.bob.id]);
      // Stage 2 asked for on Monday 2 March: acknowledgement due Monday 9; acknowledged
      // Wednesday 4, the final response 20 working days later, Wednesday 1 April.
      assert.equal(target(now, 'stage2', 'acknowledgement').due, '2026-03-09');
      assertProblem(await post(k.id, 'responses', { target: 'acknowledgement', sent_on: '2026-03-04', body: 'Received at stage 2.', officer_person_id: p.alice.id }), 422, { fields: ['officer_person_id'] });
      await ok(k.id, 'responses', { target: 'acknowledgement', sent_on: '2026-03-04', body: 'Received at stage 2.' }, 'bob');
      now = await getCase(k.id);
      assert.equal(target(now, 'stage2', 'response').due, '2026-04-01');
      assertProblem(await post(k.id, 'escalation', { on: '2026-03-05', officer_person_id: p.carol.id }, 'bob'), 409);
      // Stage 1 is kept as it was.
      assert.deepEqual(now.clock.stages.map((s) => [s.key, s.started_on]), [['stage1', '2026-02-02'], ['stage2', '2026-03-02']]);
    });

    it('closes with an outcome, resolved apart from closed, and reopens', async () => {
      await ok(k.id, 'responses', { target: 'response', sent_on: '2026-03-20', body: 'Upheld. You may ask the Ombudsman to look at it: www.lgo.org.uk.' }, 'bob');
      assertProblem(await post(k.id, 'closure', { closed_on: '2026-03-20', outcome: 'sorted' }, 'bob'), 422, { fields: ['outcome'] });
      const closed = await ok(k.id, 'closure', { closed_on: '2026-03-20', outcome: 'upheld', remedy: 'An apology and a missed-collection credit', lessons: 'Crews need the assisted-collection list on their tablets' }, 'bob');
      assert.deepEqual([closed.status, closed.closed_on, closed.outcome, closed.resolved_on], ['closed', '2026-03-20', 'upheld', null]);
      assertProblem(await post(k.id, 'closure', { closed_on: '2026-03-21', outcome: 'upheld' }, 'bob'), 409);
      // The lessons become an action in the service's plan, linked to the case.
      const plan = await create(srv, 'plans', { unit_id: u.customer.id, kind: 'service', title: 'Customer Services plan', period: '2025/26' });
      const action = await create(srv, `plans/${plan.id}/items`, { ref: '1.1', kind: 'task', title: 'Put the assisted-collection list on the crews\' tablets' });
      await create(srv, 'links', { from_type: 'plan_item', from_id: action.id, to_type: 'case', to_id: k.id, kind: 'answers' });
      const linked = (await getCase(k.id, 'bob')).links;
      assert.deepEqual(linked.map((l) => [l.outgoing, l.other.type, l.other.label, l.other.href]), [[false, 'plan_item', '1.1 Put the assisted-collection list on the crews\' tablets (Customer Services plan)', `/plan-items/${action.id}`]]);
      assertProblem(await post(k.id, 'responses', { target: 'response', sent_on: '2026-03-21', body: 'Ombudsman' }, 'bob'), 409);
      const after = await getCase(k.id, 'bob');
      const resolved = await as('bob')('PATCH', `/api/v1/cases/${k.id}`, { headers: ifMatch(after), body: { resolved_on: '2026-04-10' } });
      assert.equal(resolved.status, 200, resolved.text);
      assert.deepEqual([resolved.json.status, resolved.json.resolved_on], ['closed', '2026-04-10']);
      assertProblem(await post(k.id, 'reopening', { on: '2026-04-20' }, 'bob'), 422, { fields: ['reason'] });
      const reopened = await ok(k.id, 'reopening', { on: '2026-04-20', reason: 'The collections stopped again' }, 'bob');
      assert.deepEqual([reopened.status, reopened.closed_on, reopened.outcome], ['open', null, '']);
      // Every change moves the case a version on, responses and clock changes too, each with
      // its own entry in the case's trail (so civic check finds the trail whole).
      const changes = auditRows(srv.dbPath, k.id).filter((a) => a.action !== 'read');
      assert.deepEqual(changes.map((a) => a.action), ['create', 'respond', 'extend', 'respond', 'escalate', 'respond', 'respond', 'close', 'update', 'reopen']);
      assert.deepEqual(changes.map((a) => a.after.version), changes.map((_, i) => i + 1));
      const events = (await getCase(k.id, 'bob')).events.map((e) => e.kind);
      assert.deepEqual(events, ['met', 'extended', 'met', 'escalated', 'met', 'met', 'closed', 'reopened']);
    });
  });

  describe('an FOI request', () => {
    it('goes to internal review, counted 20 UK working days from the request for it', async () => {
      const k = await newCase({ case_type_id: types.FOI.id, received_on: '2025-12-15', subject: 'Agency staff costs' });
      await ok(k.id, 'responses', { target: 'response', sent_on: '2026-01-16', body: 'The information is attached.' });
      const esc = await ok(k.id, 'escalation', { on: '2026-01-20', reason: 'The requester asks for a review' });
      assert.equal(esc.stage, 'review');
      const now = await getCase(k.id);
      assert.deepEqual([target(now, 'response', 'response').status, target(now, 'review', 'response').due], ['met', '2026-02-17']);
    });
  });

  describe('an Ombudsman enquiry', () => {
    it('takes the Ombudsman\'s date for the reply instead of the count, for its kind only, and closes with the finding, remedy and compliance date', async () => {
      const k = await newCase({ case_type_id: types.OMB.id, received_on: '2026-03-02', requester_kind: 'Ombudsman', requester_name: 'Local Government and Social Care Ombudsman', subject: 'Enquiry about a missed assessment' });
      let now = await getCase(k.id);
      assert.equal(target(now, 'enquiry', 'reply').due, '2026-03-30');
      const enquiry = await newCase({ case_type_id: types.MEM.id, received_on: '2026-03-02', requester_kind: 'councillor', requester_person_id: p.dee.id, requester_name: '', subject: 'Not the Ombudsman' });
      assertProblem(await post(enquiry.id, 'clock', { action: 'set', on: '2026-03-03', target: 'response', due_on: '2026-03-20', reason: 'x' }), 422, { fields: ['action'] });
      assertProblem(await post(k.id, 'clock', { action: 'set', on: '2026-03-03', target: 'reply', due_on: '2026-03-01', reason: 'The letter' }), 422, { fields: ['due_on'] });
      const set = await ok(k.id, 'clock', { action: 'set', on: '2026-03-03', target: 'reply', due_on: '2026-03-20', reason: 'The Ombudsman\'s letter of 2 March' });
      assert.deepEqual([set.kind, set.target, set.due_on], ['set', 'reply', '2026-03-20']);
      now = await getCase(k.id);
      assert.equal(target(now, 'enquiry', 'reply').due, '2026-03-20');
      assert.deepEqual(target(now, 'enquiry', 'reply').explanation.slice(-2), ['Set on Tuesday 3 March 2026 to Friday 20 March 2026: The Ombudsman\'s letter of 2 March.', 'Due: Friday 20 March 2026.']);
      await ok(k.id, 'responses', { target: 'reply', sent_on: '2026-03-19', body: 'Our reply to the Ombudsman\'s enquiry.' });
      const closed = await ok(k.id, 'closure', { closed_on: '2026-06-10', outcome: 'upheld: maladministration and injustice', remedy: 'An apology and £300', remedy_due_on: '2026-07-10' });
      assert.deepEqual([closed.outcome, closed.remedy, closed.remedy_due_on], ['upheld: maladministration and injustice', 'An apology and £300', '2026-07-10']);
      assert.equal(target(await getCase(k.id), 'enquiry', 'reply').status, 'met');
    });
  });

  describe('a new bank holiday', () => {
    it('moves open deadlines on the calendar each case counts by, and leaves closed cases as they were', async () => {
      const foi = await newCase({ case_type_id: types.FOI.id, received_on: '2025-12-15', subject: 'Open FOI' });
      const letter = await newCase({ case_type_id: types.LET.id, received_on: '2025-12-15', subject: 'Open letter' });
      const done = await newCase({ case_type_id: types.LET.id, received_on: '2025-12-15', subject: 'Answered letter' });
      await ok(done.id, 'responses', { target: 'reply', sent_on: '2025-12-31', body: 'Thank you for your letter.' });
      await ok(done.id, 'closure', { closed_on: '2025-12-31', outcome: 'answered' });
      const due = async () => [
        target(await getCase(foi.id), 'response', 'response').due,
        target(await getCase(letter.id), 'reply', 'reply').due,
        target(await getCase(done.id), 'reply', 'reply').due,
        target(await getCase(done.id), 'reply', 'reply').status,
      ];
      assert.deepEqual(await due(), ['2026-01-16', '2025-12-31', '2025-12-31', 'met']);

      // A council closure day on Monday 29 December moves the letter, not the FOI request,
      // which counts the UK's bank holidays only; the answered letter stays as it was.
      const closure = await create(srv, 'calendar/days', { date: '2025-12-29', name: 'Offices closed', change: 'add' });
      assert.deepEqual(await due(), ['2026-01-16', '2026-01-02', '2025-12-31', 'met']);
      // A one-off bank holiday for the whole UK moves the FOI request too.
      const holiday = await create(srv, 'calendar/days', { date: '2026-01-07', name: 'A national day of mourning', change: 'bank holiday' });
      assert.deepEqual(await due(), ['2026-01-19', '2026-01-02', '2025-12-31', 'met']);
      const explained = target(await getCase(foi.id), 'response', 'response').explanation;
      assert.ok(explained.some((l) => /national day of mourning/.test(l)), explained.join('\n'));
      for (const day of [closure, holiday]) assert.equal((await srv.admin('POST', `/api/v1/calendar/days/${day.id}/archive`, { headers: ifMatch(day) })).status, 200);
      assert.deepEqual(await due(), ['2026-01-16', '2025-12-31', '2025-12-31', 'met']);
    });
  });

  describe('lists, transfers, retention and subject access', () => {
    it('lists a unit\'s cases and the caller\'s own, each with its next due date', async () => {
      const mine = await as('bob')('GET', '/api/v1/cases?mine=true&status=open');
      assert.equal(mine.status, 200, mine.text);
      assert.deepEqual(mine.json.items.map((c) => c.subject), ['Missed bin collections']);
      const all = await as('viewer')('GET', `/api/v1/cases?unit_id=${u.customer.id}&limit=200`);
      assert.ok(all.json.items.length >= 10);
      assert.ok(all.json.items.every((c) => 'next_due' in c && 'due_status' in c && !('events' in c)));
      assertProblem(await as('viewer')('GET', '/api/v1/cases?status=lost'), 422, { fields: ['status'] });
    });

    it('records a transfer to another officer as an event', async () => {
      const k = await newCase({ case_type_id: types.LET.id, received_on: '2026-06-01', subject: 'Trees' });
      const res = await as('handler')('PATCH', `/api/v1/cases/${k.id}`, { headers: ifMatch(k), body: { officer_person_id: p.bob.id } });
      assert.equal(res.status, 200, res.text);
      const now = await getCase(k.id, 'bob');
      assert.deepEqual(now.events.map((e) => [e.kind, e.officer_person_id]), [['transferred', p.bob.id]]);
      assert.equal(now.officer_name, 'Bob Reviewer');
      // A transfer to another unit puts it in that unit's hands: out of the handler's sight.
      const moved = await as('bob')('PATCH', `/api/v1/cases/${k.id}`, { headers: ifMatch(now), body: { unit_id: u.planning.id, officer_person_id: p.carol.id } });
      assert.equal(moved.status, 200, moved.text);
      assertProblem(await as('bob')('GET', `/api/v1/cases/${k.id}`), 404);
      const there = await getCase(k.id, 'outsider');
      assert.deepEqual([there.unit_name, there.officer_name, there.may_handle], ['Planning', 'Carol Planner', true]);
      assert.deepEqual(there.events.map((e) => [e.kind, e.unit_id]), [['transferred', u.customer.id], ['transferred', u.planning.id]]);
    });

    it('finds everything held on one requester for a subject-access request, for administrators only, auditing each case read', async () => {
      assertProblem(await as('handler')('GET', '/api/v1/subject-access?name=Jane%20Resident'), 403);
      assertProblem(await srv.admin('GET', '/api/v1/subject-access'), 422, { fields: ['name'] });
      const res = await srv.admin('GET', '/api/v1/subject-access?contact=JANE@example.org');
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.cases.length >= 10);
      const cmp = res.json.cases.find((c) => c.subject === 'Missed bin collections');
      assert.deepEqual([cmp.requester.requester_name, cmp.responses.length], ['Jane Resident', 4]);
      assert.equal(auditRows(srv.dbPath, cmp.id).filter((a) => a.action === 'read' && a.after.read === 'subject access').length, 1);
    });

    it('removes personal data after the retention years, keeping the case for the statistics and none in the audit trail', async () => {
      const old = await newCase({ case_type_id: types.LET.id, received_on: '2018-03-01', requester_name: 'Olive Oldcase', requester_contact: 'olive@example.org', subject: 'Old letter', description: 'Olive asks about the library.' });
      await ok(old.id, 'responses', { target: 'reply', sent_on: '2018-03-05', body: 'Dear Olive, the library opens at nine.' });
      await ok(old.id, 'closure', { closed_on: '2018-03-05', outcome: 'answered' });
      const recent = await newCase({ case_type_id: types.LET.id, received_on: '2025-03-01', requester_name: 'Rita Recent', subject: 'Recent letter' });
      await ok(recent.id, 'closure', { closed_on: '2025-03-05', outcome: 'withdrawn' });
      const before = count('cases');
      const run = await srv.cli(['cases', 'apply-retention', '--db', srv.dbPath]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Removed the personal data of 1 closed case\./);
      assert.equal(count('cases'), before);
      const row = srv.sqlRows(`SELECT requester_name, requester_contact, description, subject, outcome, closed_on, personal_data_destroyed_on FROM cases WHERE id = '${old.id}'`)[0];
      assert.deepEqual([row.requester_name, row.requester_contact, row.description, row.subject, row.outcome, row.closed_on], ['', '', '', 'Old letter', 'answered', '2018-03-05']);
      assert.match(row.personal_data_destroyed_on, /^\d{4}-\d{2}-\d{2}$/);
      assert.doesNotMatch(srv.sql(`SELECT body FROM case_responses WHERE case_id = '${old.id}'`), /Olive/);
      assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE after_json LIKE '%Olive%' OR before_json LIKE '%Olive%'`)), 0);
      assert.equal(srv.sql(`SELECT requester_name FROM cases WHERE id = '${recent.id}'`), 'Rita Recent');
      assert.equal(auditRows(srv.dbPath, old.id).at(-1).action, 'apply retention');
      // A second run finds nothing more to do; the data cannot be added back.
      assert.match((await srv.cli(['cases', 'apply-retention', '--db', srv.dbPath])).stdout, /of 0 closed cases/);
      const now = await getCase(old.id, 'admin');
      assertProblem(await srv.admin('PATCH', `/api/v1/cases/${old.id}`, { headers: ifMatch(now), body: { requester_name: 'Olive' } }), 409);
    });

    it('stops cleanly', async () => {
      await assertStopsCleanly(srv);
    });
  });
});
