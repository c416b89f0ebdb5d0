// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework's statistics through the API (issue 12, part 5): a period's figures counted from the
// cases the caller may read (a target in the period its due date falls in); indicator feeds that
// fill an indicator's quarterly values with the numerator and denominator, change nothing when
// run again, correct a draft or a submitted value when a late case turns up, and leave an
// approved one alone; the annual complaints report with the Ombudsman's findings, the lessons
// learned and the self-assessment; and statistics that stay as they were after retention has
// removed the requesters' personal data.
//
// Dates are fixed in the past (the tests were written on 1 December 2026). Each response is sent
// well before or well after its due date, so that no figure hangs on the day a due date falls.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, backend, ID_RE } from './harness.mjs';

const enc = encodeURIComponent;
const ombudsman = 'If you are not satisfied, you can ask the Local Government and Social Care Ombudsman: www.lgo.org.uk.';

describe(`cases: statistics, indicator feeds and the annual complaints report (${backend})`, { timeout: 240000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const types = {};
  const tokens = {};
  const k = {};
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const errorOf = (res, field) => res.json.errors?.find((e) => e.field === field)?.message;
  const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));

  async function newCase(body, unit = u.customer) {
    const res = await srv.admin('POST', '/api/v1/cases', {
      body: { channel: 'email', requester_kind: 'resident', requester_name: 'Jane Resident', requester_contact: 'jane@example.org', unit_id: unit.id, officer_person_id: p.alice.id, ...body },
    });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  async function ok(id, action, body) {
    const current = (await srv.admin('GET', `/api/v1/cases/${id}`)).json;
    const res = await srv.admin('POST', `/api/v1/cases/${id}/${action}`, { headers: ifMatch(current), body });
    assert.ok(res.status === 200 || res.status === 201, `${action} ${JSON.stringify(body)} → ${res.status} ${res.text}`);
    return res.json;
  }
  // An FOI request received on `received`, answered on `sent` (never, when not given).
  async function foi(subject, received, sent, unit = u.customer) {
    const c = await newCase({ case_type_id: types.FOI.id, received_on: received, subject }, unit);
    if (sent) await ok(c.id, 'responses', { target: 'response', sent_on: sent, body: 'The information you asked for.' });
    return c;
  }
  async function stats(query, who = 'admin') {
    const res = await as(who)('GET', `/api/v1/case-statistics?${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  }
  const typeOf = (s, code) => s.types.find((t) => t.case_type.code === code);
  const targetOf = (s, code, stage, target) => typeOf(s, code).stages.find((x) => x.key === stage).targets.find((t) => t.key === target);
  async function values(code) {
    const res = await srv.admin('GET', `/api/v1/indicators/${enc(code)}/values`);
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  }
  // period → [numerator, denominator, value, status, revision] of its latest revision.
  async function figures(code) {
    const out = {};
    for (const v of (await values(code)).slice().reverse()) if (!(v.period in out)) out[v.period] = [v.numerator, v.denominator, v.value, v.status, v.revision];
    return out;
  }
  async function step(value, action) {
    const res = await srv.admin('POST', `/api/v1/indicator-values/${value.id}/${action}`, { headers: ifMatch(value) });
    assert.equal(res.status, 200, `${action}: ${res.text}`);
    return res.json;
  }

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'department', parent_id: u.council.id });
    u.planning = await create(srv, 'units', { name: 'Planning', kind: 'department', parent_id: u.council.id });
    p.alice = await create(srv, 'people', { name: 'Alice Handler', kind: 'officer' });
    p.bob = await create(srv, 'people', { name: 'Bob Reviewer', kind: 'officer' });
    tokens.handler = await srv.addUser('alice', 'editor', { unit: u.customer.id, person: p.alice.id });
    tokens.viewer = await srv.addUser('customer-viewer', 'viewer', { unit: u.customer.id });
    tokens.outsider = await srv.addUser('planning-viewer', 'viewer', { unit: u.planning.id });
    tokens.planner = await srv.addUser('planning-editor', 'editor', { unit: u.planning.id });
    tokens.admin = srv.token;
    for (const t of (await srv.admin('GET', '/api/v1/case-types')).json.items) types[t.code] = t;

    // FOI requests. Due in 2025/26 Q1: two on time, one late, one never answered (and one in
    // Planning, never answered). Due in Q2: two on time. Due in Q4: one on time.
    k.f1 = await foi('Spending on consultants', '2025-04-01', '2025-04-20');
    await ok(k.f1.id, 'closure', { closed_on: '2025-04-20', outcome: 'information provided' });
    k.f2 = await foi('Agency staff', '2025-04-07', '2025-04-25');
    k.f3 = await foi('Parking fines', '2025-05-01', '2025-06-20');
    k.f4 = await foi('Pothole claims', '2025-05-06');
    k.f5 = await foi('Library visits', '2025-06-20', '2025-07-01');
    k.f6 = await foi('Bin collections', '2025-08-01', '2025-08-10');
    k.f7 = await foi('Council tax arrears', '2026-01-05', '2026-01-20');
    k.f8 = await foi('Planning appeals', '2025-04-02', undefined, u.planning);

    // Complaints: one answered on time at stage 1 after an extension, escalated and answered
    // on time at stage 2; one answered late at stage 1.
    k.c1 = await newCase({ case_type_id: types.CMP.id, received_on: '2025-06-02', subject: 'Missed bin collections' });
    await ok(k.c1.id, 'responses', { target: 'acknowledgement', sent_on: '2025-06-04', body: 'We have your complaint.' });
    await ok(k.c1.id, 'clock', { action: 'extend', on: '2025-06-10', target: 'response', days: 10, reason: 'Waiting for the crew\'s logs', told_on: '2025-06-10' });
    await ok(k.c1.id, 'responses', { target: 'response', sent_on: '2025-06-25', body: `Not upheld. ${ombudsman}` });
    await ok(k.c1.id, 'closure', { closed_on: '2025-06-25', outcome: 'not upheld' });
    await ok(k.c1.id, 'escalation', { on: '2025-07-01', reason: 'Not satisfied', officer_person_id: p.bob.id });
    await ok(k.c1.id, 'responses', { target: 'acknowledgement', sent_on: '2025-07-03', body: 'Received at stage 2.' });
    await ok(k.c1.id, 'responses', { target: 'response', sent_on: '2025-07-18', body: `Partly upheld. ${ombudsman}` });
    await ok(k.c1.id, 'closure', { closed_on: '2025-07-18', outcome: 'partly upheld', lessons: 'Crews need the assisted-collection list on their tablets' });
    k.c2 = await newCase({ case_type_id: types.CMP.id, received_on: '2025-09-01', subject: 'Rude call handler' });
    await ok(k.c2.id, 'responses', { target: 'acknowledgement', sent_on: '2025-09-02', body: 'We have your complaint.' });
    await ok(k.c2.id, 'responses', { target: 'response', sent_on: '2025-10-20', body: `Upheld, with an apology. ${ombudsman}` });
    await ok(k.c2.id, 'closure', { closed_on: '2025-10-20', outcome: 'upheld', lessons: 'Refresher training on difficult calls' });

    // Ombudsman enquiries: one upheld with a remedy done by its date, one not upheld.
    k.o1 = await newCase({ case_type_id: types.OMB.id, received_on: '2025-05-01', requester_kind: 'Ombudsman', requester_name: 'LGSCO', subject: 'Enquiry 25 001 234' });
    await ok(k.o1.id, 'closure', { closed_on: '2025-09-01', outcome: 'upheld: maladministration and injustice', remedy: 'An apology and £200', remedy_due_on: '2025-10-01' });
    const o1 = (await srv.admin('GET', `/api/v1/cases/${k.o1.id}`)).json;
    assert.equal((await srv.admin('PATCH', `/api/v1/cases/${k.o1.id}`, { headers: ifMatch(o1), body: { resolved_on: '2025-09-25' } })).status, 200);
    k.o2 = await newCase({ case_type_id: types.OMB.id, received_on: '2025-06-01', requester_kind: 'Ombudsman', requester_name: 'LGSCO', subject: 'Enquiry 25 002 345' });
    await ok(k.o2.id, 'closure', { closed_on: '2025-11-03', outcome: 'not upheld' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('statistics for a period', () => {
    it('counts a quarter\'s FOI requests: received, closed, and each target by the period it was due in', async () => {
      const s = await stats(`period=${enc('2025/26 Q1')}&case_type_id=FOI`);
      assert.deepEqual([s.period, s.from, s.to, s.as_of, s.received, s.closed], ['2025/26 Q1', '2025-04-01', '2025-06-30', '2026-12-01', 6, 1]);
      assert.deepEqual(s.types.map((t) => t.case_type.code), ['FOI']);
      const foiType = typeOf(s, 'FOI');
      assert.deepEqual([foiType.received, foiType.closed, foiType.outcomes['information provided'], foiType.outcomes.refused], [6, 1, 1, 0]);
      const response = targetOf(s, 'FOI', 'response', 'response');
      assert.deepEqual(
        [response.met, response.met_on_time, response.met_late, response.overdue, response.not_yet_due, response.lapsed],
        [3, 2, 1, 2, 0, 0],
      );
      assert.deepEqual(response.on_time, { numerator: 2, denominator: 5, percent: 40 });
      assert.deepEqual(foiType.stages.map((x) => [x.key, x.reached]), [['response', 6], ['review', 0]]);
      // A period named as a month, and a financial year.
      const month = await stats(`period=${enc('Apr 2025')}&case_type_id=FOI`);
      assert.deepEqual([month.period, month.received], ['2025-04', 3]);
      const year = await stats(`period=${enc('2025/26')}&case_type_id=${types.FOI.id}`);
      assert.deepEqual(targetOf(year, 'FOI', 'response', 'response').on_time, { numerator: 5, denominator: 8, percent: 62.5 });
    });

    it('counts complaints\' stages reached, extensions and outcomes, and the Ombudsman\'s findings with remedies complied with', async () => {
      const s = await stats(`period=${enc('2025/26')}`);
      const cmp = typeOf(s, 'CMP');
      assert.deepEqual([cmp.received, cmp.closed, cmp.extensions], [2, 2, { count: 1, days: 10 }]);
      assert.deepEqual(cmp.stages.map((x) => [x.key, x.reached, x.closed]), [['stage1', 2, 2], ['stage2', 1, 1]]);
      assert.deepEqual(cmp.stages[0].outcomes, { upheld: 1, 'partly upheld': 0, 'not upheld': 1, withdrawn: 0 });
      assert.deepEqual(cmp.stages[1].outcomes, { upheld: 0, 'partly upheld': 1, 'not upheld': 0, withdrawn: 0 });
      assert.deepEqual(targetOf(s, 'CMP', 'stage1', 'response').on_time, { numerator: 1, denominator: 2, percent: 50 });
      assert.deepEqual(targetOf(s, 'CMP', 'stage1', 'response').extensions, { count: 1, days: 10 });
      assert.deepEqual(targetOf(s, 'CMP', 'stage1', 'acknowledgement').on_time, { numerator: 2, denominator: 2, percent: 100 });
      assert.deepEqual(targetOf(s, 'CMP', 'stage2', 'response').on_time, { numerator: 1, denominator: 1, percent: 100 });
      assert.deepEqual(s.ombudsman, {
        enquiries: 2, decisions: 2, upheld: 1, maladministration: 1, injustice: 1, local_settlements: 0, remedies_agreed: 0, not_upheld: 1, closed_after_initial_enquiries: 0,
        remedies: { due: 1, complied_on_time: 1, complied_late: 0, not_complied: 0, not_yet_due: 0, compliance: { numerator: 1, denominator: 1, percent: 100 } },
      });
      // One stage only.
      const two = await stats(`period=${enc('2025/26')}&case_type_id=CMP&stage=stage2`);
      assert.deepEqual(typeOf(two, 'CMP').stages.map((x) => x.key), ['stage2']);
    });

    it('counts only the cases the caller may read', async () => {
      const q = `period=${enc('2025/26 Q1')}&case_type_id=FOI`;
      const inside = await stats(q, 'viewer');
      assert.equal(inside.received, 5);
      assert.deepEqual(targetOf(inside, 'FOI', 'response', 'response').on_time, { numerator: 2, denominator: 4, percent: 50 });
      const outside = await stats(q, 'outsider');
      assert.equal(outside.received, 1);
      assert.deepEqual(targetOf(outside, 'FOI', 'response', 'response').on_time, { numerator: 0, denominator: 1, percent: 0 });
      // Planning's viewer asking for Customer Services' cases sees none of them.
      const theirs = await stats(`${q}&unit_id=${u.customer.id}`, 'outsider');
      assert.deepEqual([theirs.received, theirs.closed, targetOf(theirs, 'FOI', 'response', 'response').on_time.denominator], [0, 0, 0]);
      const planning = await stats(`${q}&unit_id=${u.planning.id}`);
      assert.equal(planning.received, 1);
    });

    it('refuses a period, case type, unit or stage it does not know, naming the field', async () => {
      assertProblem(await srv.admin('GET', '/api/v1/case-statistics?period=Q7'), 422, { fields: ['period'] });
      assertProblem(await srv.admin('GET', '/api/v1/case-statistics?case_type_id=NOPE'), 422, { fields: ['case_type_id'] });
      // An id no unit has: the council's with its last digit changed (never the same id by chance).
      const unknown = u.council.id.slice(0, -1) + (u.council.id.endsWith('0') ? '1' : '0');
      assertProblem(await srv.admin('GET', `/api/v1/case-statistics?unit_id=${unknown}`), 422, { fields: ['unit_id'] });
      const stage = await srv.admin('GET', '/api/v1/case-statistics?case_type_id=CMP&stage=stage9');
      assertProblem(stage, 422, { fields: ['stage'] });
      assert.match(errorOf(stage, 'stage'), /Complaint has no stage "stage9"/);
      assertProblem(await srv.api('GET', '/api/v1/case-statistics'), 401);
    });
  });

  describe('an indicator fed from the cases', () => {
    let feed;
    before(async () => {
      for (const [code, unit] of [['FOI 1', 'percentage'], ['FOI 2', 'number']])
        await create(srv, 'indicators', { code, title: code === 'FOI 1' ? 'FOI requests answered on time' : 'FOI requests received', unit_id: u.customer.id, measure_unit: unit, polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', commentary_required: false });
    });

    it('refuses a feed it cannot fill, naming the field, storing nothing', async () => {
      const before = [count('case_indicator_feeds'), count('audit_log'), count('indicator_values')];
      const post = (who, body) => as(who)('POST', '/api/v1/case-indicator-feeds', { body });
      let res = await post('handler', { indicator_id: 'FOI 2', case_type_id: 'FOI', measure: 'on time', unit_id: u.customer.id });
      assertProblem(res, 422, { fields: ['measure'] });
      assert.match(errorOf(res, 'measure'), /percentage indicator; FOI 2 is measured as a number/);
      res = await post('handler', { indicator_id: 'FOI 1', case_type_id: 'FOI', measure: 'sometimes', target: 'nope', unit_id: u.customer.id });
      assertProblem(res, 422, { fields: ['measure', 'target'] });
      res = await post('handler', { indicator_id: 'FOI 1', case_type_id: 'FOI', stage: 'appeal', unit_id: u.customer.id });
      assertProblem(res, 422, { fields: ['stage'] });
      res = await post('handler', { indicator_id: 'FOI 1', case_type_id: 'FOI', target: 'nope', unit_id: u.customer.id });
      assertProblem(res, 422, { fields: ['target'] });
      // A council-wide feed needs one who reads every unit's cases; Planning's editor may not
      // change Customer Services' indicator.
      res = await post('handler', { indicator_id: 'FOI 1', case_type_id: 'FOI' });
      assertProblem(res, 422, { fields: ['unit_id'] });
      res = await post('planner', { indicator_id: 'FOI 1', case_type_id: 'FOI', unit_id: u.planning.id });
      assertProblem(res, 422, { fields: ['indicator_id'] });
      res = await post('handler', { indicator_id: 'FOI 1', case_type_id: 'NOPE', unit_id: u.planning.id });
      assertProblem(res, 422, { fields: ['case_type_id', 'unit_id'] });
      assert.deepEqual([count('case_indicator_feeds'), count('audit_log'), count('indicator_values')], before);
    });

    it('fills every completed quarter with its numerator and denominator as a draft, as the feed\'s maker, on creation', async () => {
      const res = await as('handler')('POST', '/api/v1/case-indicator-feeds', { body: { indicator_id: 'FOI 1', case_type_id: 'FOI', unit_id: u.customer.id } });
      assert.equal(res.status, 201, res.text);
      feed = res.json;
      assert.match(feed.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/case-indicator-feeds/${feed.id}`);
      assert.deepEqual(
        [feed.indicator_code, feed.case_type_code, feed.stage, feed.target, feed.measure, feed.unit_id, feed.version],
        ['FOI 1', 'FOI', 'response', 'response', 'on time', u.customer.id, 1],
      );
      assert.deepEqual(feed.run, { feed_id: feed.id, indicator_code: 'FOI 1', entered: ['2025/26 Q1', '2025/26 Q2', '2025/26 Q4'], updated: [], unchanged: [], left_approved: [], errors: [] });
      assert.deepEqual(await figures('FOI 1'), {
        '2025/26 Q1': [2, 4, null, 'draft', 1],
        '2025/26 Q2': [2, 2, null, 'draft', 1],
        '2025/26 Q4': [1, 1, null, 'draft', 1],
      });
      const q1 = (await values('FOI 1')).find((v) => v.period === '2025/26 Q1');
      assert.equal(q1.note, 'From casework: 2 of 4 FOI cases whose response was due in 2025/26 Q1 met it on time (cases of Customer Services).');
      assert.equal(q1.entered_by, 'alice');
      assert.deepEqual(auditRows(srv.dbPath, q1.id).map((a) => [a.actor, a.action]), [['alice', 'create']]);
      assert.deepEqual(auditRows(srv.dbPath, feed.id).map((a) => [a.actor, a.action, a.entity]), [['alice', 'create', 'case_indicator_feed']]);
      // The assessment reads the figure from them: 2 of 4 is 50%.
      const assessed = await srv.admin('GET', `/api/v1/indicators/${enc('FOI 1')}/assessment?period=${enc('2025/26 Q1')}`);
      assert.equal(assessed.status, 200, assessed.text);
      const listed = await srv.admin('GET', `/api/v1/case-indicator-feeds?indicator_id=${enc('FOI 1')}`);
      assert.deepEqual(listed.json.items.map((f) => [f.id, f.indicator_code]), [[feed.id, 'FOI 1']]);
      assert.equal((await srv.admin('GET', `/api/v1/case-indicator-feeds/${feed.id}`)).json.case_type_code, 'FOI');
      // One live feed an indicator.
      assertProblem(await as('handler')('POST', '/api/v1/case-indicator-feeds', { body: { indicator_id: 'FOI 1', case_type_id: 'FOI', unit_id: u.customer.id } }), 422, { fields: ['indicator_id'] });
    });

    it('fills a volume: the cases received each quarter, 0 included', async () => {
      const res = await srv.admin('POST', '/api/v1/case-indicator-feeds', { body: { indicator_id: 'FOI 2', case_type_id: 'FOI', measure: 'volume', unit_id: u.customer.id } });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([res.json.stage, res.json.target], ['response', '']);
      assert.deepEqual(await figures('FOI 2'), {
        '2025/26 Q1': [null, null, 5, 'draft', 1],
        '2025/26 Q2': [null, null, 1, 'draft', 1],
        '2025/26 Q3': [null, null, 0, 'draft', 1],
        '2025/26 Q4': [null, null, 1, 'draft', 1],
        '2026/27 Q1': [null, null, 0, 'draft', 1],
        '2026/27 Q2': [null, null, 0, 'draft', 1],
      });
      assert.equal((await values('FOI 2')).find((v) => v.period === '2025/26 Q1').note, 'From casework: 5 FOI cases received in 2025/26 Q1 (cases of Customer Services).');
    });

    it('changes nothing when run again with the same cases', async () => {
      const before = [count('audit_log'), JSON.stringify(await values('FOI 1')), JSON.stringify(await values('FOI 2'))];
      const run = await srv.cli(['cases', 'feed-indicators', '--db', srv.dbPath]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        run.stdout,
        'FOI 1: entered none; updated none; unchanged 2025/26 Q1, 2025/26 Q2, 2025/26 Q4; approved and left alone none.\n' +
          'FOI 2: entered none; updated none; unchanged 2025/26 Q1, 2025/26 Q2, 2025/26 Q3, 2025/26 Q4, 2026/27 Q1, 2026/27 Q2; approved and left alone none.\n',
      );
      assert.deepEqual([count('audit_log'), JSON.stringify(await values('FOI 1')), JSON.stringify(await values('FOI 2'))], before);
    });

    it('corrects a draft and a submitted value when late cases turn up, and leaves an approved one alone', async () => {
      const byPeriod = async () => Object.fromEntries((await values('FOI 1')).map((v) => [v.period, v]));
      let v = await byPeriod();
      await step(await step(v['2025/26 Q2'], 'submit'), 'approve');
      const q4 = await step(v['2025/26 Q4'], 'submit');
      assert.equal(q4.status, 'submitted');
      // A late answer due in each of Q1, Q2 and Q4.
      await foi('Grants to charities', '2025-04-03', '2025-06-25');
      await foi('Staff sickness', '2025-08-04', '2025-09-30');
      await foi('Road gritting', '2026-01-06', '2026-03-10');
      const run = await srv.cli(['cases', 'feed-indicators', '--db', srv.dbPath, '--indicator', 'FOI 1']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'FOI 1: entered none; updated 2025/26 Q1, 2025/26 Q4; unchanged none; approved and left alone 2025/26 Q2.\n');
      assert.deepEqual(await figures('FOI 1'), {
        '2025/26 Q1': [2, 5, null, 'draft', 1],
        '2025/26 Q2': [2, 2, null, 'approved', 1],
        '2025/26 Q4': [1, 2, null, 'draft', 1],
      });
      v = await byPeriod();
      assert.equal(v['2025/26 Q1'].note, 'From casework: 2 of 5 FOI cases whose response was due in 2025/26 Q1 met it on time (cases of Customer Services).');
      assert.deepEqual(auditRows(srv.dbPath, v['2025/26 Q1'].id).map((a) => [a.actor, a.action]), [['alice', 'create'], ['cli', 'update']]);
      assert.deepEqual(auditRows(srv.dbPath, v['2025/26 Q4'].id).map((a) => [a.actor, a.action]), [['alice', 'create'], ['admin', 'submit'], ['cli', 'return'], ['cli', 'update']]);
      assert.deepEqual(auditRows(srv.dbPath, v['2025/26 Q4'].id).at(-1).after.denominator, 2);
      // The volume's feed was not run: only FOI 1's was asked for.
      assert.equal((await figures('FOI 2'))['2025/26 Q1'][2], 5);
    });

    it('archives a feed for those who may change its indicator; an archived feed fills nothing', async () => {
      const current = (await srv.admin('GET', `/api/v1/case-indicator-feeds/${feed.id}`)).json;
      assertProblem(await as('planner')('POST', `/api/v1/case-indicator-feeds/${feed.id}/archive`, { headers: ifMatch(current) }), 404);
      const res = await as('handler')('POST', `/api/v1/case-indicator-feeds/${feed.id}/archive`, { headers: ifMatch(current) });
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.archived_at, /^\d{4}-/);
      assert.deepEqual((await srv.admin('GET', '/api/v1/case-indicator-feeds')).json.items.map((f) => f.indicator_code), ['FOI 2']);
      assert.equal((await srv.admin('GET', '/api/v1/case-indicator-feeds?include_archived=true')).json.items.length, 2);
      const run = await srv.cli(['cases', 'feed-indicators', '--db', srv.dbPath, '--indicator', 'FOI 1']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'FOI 1 is not filled from the cases.\n');
    });
  });

  describe('the annual complaints report', () => {
    it('gives the year\'s complaints by stage, on-time rates, outcomes, the Ombudsman\'s findings and the lessons learned', async () => {
      const res = await as('handler')('GET', `/api/v1/case-reports/complaints?year=${enc('2025/26')}`);
      assert.equal(res.status, 200, res.text);
      const r = res.json;
      assert.deepEqual([r.year, r.from, r.to], ['2025/26', '2025-04-01', '2026-03-31']);
      assert.deepEqual(r.complaints.case_types.map((t) => t.code), ['CMP']);
      assert.deepEqual([r.complaints.received, r.complaints.closed, r.complaints.escalated], [2, 2, 1]);
      assert.deepEqual(r.complaints.escalation_rate, { numerator: 1, denominator: 2, percent: 50 });
      const [one, two] = r.complaints.stages;
      assert.deepEqual([one.number, one.name, one.received, one.closed], [1, 'Stage 1', 2, 2]);
      assert.deepEqual(one.outcomes, { upheld: 1, 'partly upheld': 0, 'not upheld': 1, withdrawn: 0 });
      assert.deepEqual(one.upheld, { numerator: 1, denominator: 2, percent: 50 });
      assert.deepEqual(one.answered_on_time, { numerator: 1, denominator: 2, percent: 50 });
      assert.deepEqual(one.extensions, { count: 1, days: 10 });
      assert.deepEqual(one.targets.map((t) => [t.key, t.on_time.numerator, t.on_time.denominator]), [['acknowledgement', 2, 2], ['response', 1, 2]]);
      assert.deepEqual([two.number, two.received, two.closed, two.answered_on_time.percent, two.outcomes['partly upheld']], [2, 1, 1, 100, 1]);
      assert.deepEqual(
        [r.ombudsman.enquiries, r.ombudsman.decisions, r.ombudsman.upheld, r.ombudsman.maladministration, r.ombudsman.injustice, r.ombudsman.remedies.compliance.percent],
        [2, 2, 1, 1, 1, 100],
      );
      assert.deepEqual(r.lessons.map((l) => [l.reference, l.case_type, l.stage, l.closed_on, l.outcome, l.lessons]), [
        [k.c1.reference, 'CMP', 'Stage 2', '2025-07-18', 'partly upheld', 'Crews need the assisted-collection list on their tablets'],
        [k.c2.reference, 'CMP', 'Stage 1', '2025-10-20', 'upheld', 'Refresher training on difficult calls'],
      ]);
      assert.equal(r.self_assessment, null);
      assert.match(r.self_assessment_template, /^# Self-assessment against the Complaint Handling Code, 2025\/26\n/);
      assert.match(r.self_assessment_template, /\n## 6\. Complaints stages\n\nComplies: \n/);
      // The last completed financial year when none is named.
      assert.equal((await srv.admin('GET', '/api/v1/case-reports/complaints')).json.year, '2025/26');
      assertProblem(await srv.admin('GET', '/api/v1/case-reports/complaints?year=2025/26%20Q1'), 422, { fields: ['year'] });
      assertProblem(await srv.admin('GET', '/api/v1/case-reports/complaints?format=pdf'), 422, { fields: ['format'] });
    });

    it('gives the same figures as CSV, one a line', async () => {
      const res = await srv.admin('GET', `/api/v1/case-reports/complaints?year=${enc('2025/26')}&format=csv`);
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type'), /^text\/csv/);
      const lines = res.text.trim().split('\n');
      assert.equal(lines[0], 'part,measure,value,of,percent');
      for (const line of [
        'Complaints 2025/26,Received,2,,',
        'Stage 1,Received,2,,',
        'Stage 1,Outcome: not upheld,1,,',
        'Stage 1,Stage 1 response on time,1,2,50.0',
        'Stage 1,Working days of extensions,10,,',
        'Stage 2,Final response on time,1,1,100.0',
        'Complaints 2025/26,Escalated to Stage 2,1,2,50.0',
        'Ombudsman 2025/26,Injustice found,1,,',
        'Ombudsman 2025/26,Remedies complied with on time,1,1,100.0',
      ])
        assert.ok(lines.includes(line), `${line}\n in\n${res.text}`);
    });

    it('keeps the year\'s self-assessment, written by administrators from the Code\'s sections', async () => {
      assertProblem(await as('handler')('POST', '/api/v1/case-self-assessments', { body: { year: '2025/26' } }), 403);
      assertProblem(await srv.admin('POST', '/api/v1/case-self-assessments', { body: { year: '2025' } }), 422, { fields: ['year'] });
      const made = await srv.admin('POST', '/api/v1/case-self-assessments', { body: { year: '2025-26' } });
      assert.equal(made.status, 201, made.text);
      assert.deepEqual([made.json.year, made.json.version], ['2025/26', 1]);
      assert.match(made.json.body, /## 1\. Definitions[\s\S]*## 9\. Scrutiny and oversight: continuous learning and improvement/);
      assertProblem(await srv.admin('POST', '/api/v1/case-self-assessments', { body: { year: '2025/26' } }), 422, { fields: ['year'] });
      const body = '# Self-assessment 2025/26\n\n## 6. Complaints stages\n\nComplies: yes\n\nEvidence: policy 4.2.';
      const changed = await srv.admin('PATCH', `/api/v1/case-self-assessments/${made.json.id}`, { headers: ifMatch(made.json), body: { body, governance_response: 'Noted by the Audit Committee on 12 July 2026.' } });
      assert.equal(changed.status, 200, changed.text);
      assertProblem(await as('handler')('PATCH', `/api/v1/case-self-assessments/${made.json.id}`, { headers: ifMatch(changed.json), body: { body: 'x' } }), 403);
      assert.deepEqual(auditRows(srv.dbPath, made.json.id).map((a) => [a.actor, a.action]), [['admin', 'create'], ['admin', 'update']]);
      const report = (await as('viewer')('GET', `/api/v1/case-reports/complaints?year=${enc('2025/26')}`)).json;
      assert.deepEqual([report.self_assessment.body, report.self_assessment.governance_response, 'self_assessment_template' in report], [body, 'Noted by the Audit Committee on 12 July 2026.', false]);
      assert.deepEqual((await as('viewer')('GET', '/api/v1/case-self-assessments')).json.items.map((a) => a.year), ['2025/26']);
    });
  });

  describe('retention', () => {
    it('leaves the statistics and the report as they were after the personal data is removed', async () => {
      const read = async () => [
        await stats(`period=${enc('2025/26')}`),
        await stats(`period=${enc('2025/26 Q1')}&case_type_id=FOI`),
        (await srv.admin('GET', `/api/v1/case-reports/complaints?year=${enc('2025/26')}`)).json,
      ];
      const before = await read();
      // Keep personal data a year after closure, so that 2025's closed cases lose theirs.
      for (const code of ['FOI', 'CMP', 'OMB']) {
        const t = (await srv.admin('GET', `/api/v1/case-types/${types[code].id}`)).json;
        assert.equal((await srv.admin('PATCH', `/api/v1/case-types/${t.id}`, { headers: ifMatch(t), body: { retention_years: 1 } })).status, 200);
      }
      const run = await srv.cli(['cases', 'apply-retention', '--db', srv.dbPath]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Removed the personal data of 5 closed cases\./);
      assert.deepEqual(srv.sqlRows(`SELECT requester_name, requester_contact FROM cases WHERE id = '${k.c1.id}'`), [{ requester_name: '', requester_contact: '' }]);
      assert.deepEqual(await read(), before);
    });

    it('stops cleanly', async () => {
      await assertStopsCleanly(srv);
    });
  });
});
