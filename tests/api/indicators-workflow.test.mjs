// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicator values through the API (issue 9): the entry workflow draft → submitted → approved,
// the lock on an approved value, corrections as new revisions with a reason (every revision
// kept and listed), the commentary rule on submit, returning a value with a reason, who may
// do each step, and the audit trail; then deadlines counted in working days, the data-quality
// figures (late values against their owners, revisions after approval, implausible values, and
// the percentages published on time and never revised) and the reminders before and after a
// deadline.
//
// The server's "today" is the real date (Civic has no clock to set from outside), so the
// data-quality and reminder tests build their periods relative to today, take each deadline
// from the server's own count (checked by hand for a fixed period in the deadline test), and
// date an approval as if it had been given on a day of their choosing by rewriting its
// approved_at in the database, as a value approved then would hold it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, ID_RE, ISO_TS_RE } from './harness.mjs';
import { indicatorKit, assertRating, financialYear } from './indicators-support.mjs';

const enc = encodeURIComponent;

describe('indicator values', { timeout: 180000 }, () => {
  let srv;
  let kit;
  const u = {};
  const people = {};
  const tokens = {};
  const userId = {};

  before(async () => {
    srv = await startServer();
    kit = indicatorKit(srv);
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'service', parent_id: u.council.id });
    u.revenues = await create(srv, 'units', { name: 'Revenues and Benefits', kind: 'service', parent_id: u.council.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    u.housing = await create(srv, 'units', { name: 'Housing Benefits', kind: 'team', parent_id: u.revenues.id });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: u.customer.id, published: true });
    people.lee = await create(srv, 'people', { name: 'Lee Marsh', kind: 'officer', unit_id: u.customer.id, published: true });
    people.kim = await create(srv, 'people', { name: 'Kim Patel', kind: 'officer', unit_id: u.revenues.id, published: true });
    people.jo = await create(srv, 'people', { name: 'Jo Brown', kind: 'officer', unit_id: u.revenues.id, published: true });
    people.pat = await create(srv, 'people', { name: 'Pat Quinn', kind: 'officer', unit_id: u.revenues.id, published: true });
    people.ravi = await create(srv, 'people', { name: 'Ravi Shah', kind: 'officer', unit_id: u.revenues.id, published: true });
    // Lee enters the figures (a viewer elsewhere, named as the indicator's entry person); the
    // service's editor approves them; a viewer of another directorate only reads.
    tokens.lee = await kit.addUser('lee', 'viewer', { unit: u.children.id, person: people.lee.id });
    tokens.editor = await kit.addUser('cs-editor', 'editor', { unit: u.customer.id });
    tokens.viewer = await kit.addUser('children-viewer', 'viewer', { unit: u.children.id });
    for (const name of ['lee', 'cs-editor', 'admin']) userId[name] = srv.sql(`SELECT display_name FROM users WHERE username = '${name}'`);
  });
  after(async () => {
    await srv?.cleanup();
  });

  // ---- the workflow

  describe('the workflow', () => {
    let rev1;
    let rev2;
    const as = (who) => tokens[who] ?? srv.token;
    const step = (v, name, who, body) => kit.step(v, name, { token: as(who), body });
    const patch = (v, body, who) => srv.api('PATCH', `/api/v1/indicator-values/${v.id}`, { token: as(who), headers: { 'if-match': `W/"${v.version}"` }, body });

    before(async () => {
      await kit.indicator({
        code: 'WF 1', title: 'Enquiries resolved at first contact', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'higher',
        frequency: 'quarterly', rag_rule: 'amber-within:5%', owner_person_id: people.sam.id, entry_person_id: people.lee.id,
      });
      await kit.target('WF 1', { period: '2024/25 Q1', value: 90 });
    });

    it('enters a draft for a period as the entry person: 201, Location, ETag W/"1", the period as Civic writes it, a stored row and an audit entry', async () => {
      const res = await kit.enter('WF 1', { period: 'Q1 2024/25', value: 80, note: 'From the CRM' }, tokens.lee);
      assert.equal(res.status, 201, res.text);
      rev1 = res.json;
      assert.match(rev1.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/indicator-values/${rev1.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(
        { period: rev1.period, revision: rev1.revision, value: rev1.value, status: rev1.status, note: rev1.note, reason: rev1.reason, entered_by: rev1.entered_by, submitted_by: rev1.submitted_by, approved_by: rev1.approved_by, version: rev1.version },
        { period: '2024/25 Q1', revision: 1, value: 80, status: 'draft', note: 'From the CRM', reason: '', entered_by: userId.lee, submitted_by: null, approved_by: null, version: 1 },
      );
      assert.deepEqual(kit.valueRow(rev1.id), { period: '2024/25 Q1', revision: 1, value: 80, numerator: null, denominator: null, status: 'draft', reason: '', note: 'From the CRM', commentary: '', version: 1 });
      assert.deepEqual(kit.auditActions('indicator_value', rev1.id), ['create']);
      const got = await srv.api('GET', `/api/v1/indicator-values/${rev1.id}`, { token: tokens.lee });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('etag'), 'W/"1"');
      assert.deepEqual(got.json, rev1);
    });

    it('keeps a draft from those who may not see it, and refuses a second value for the period: the draft is changed instead', async () => {
      assertProblem(await srv.api('GET', `/api/v1/indicator-values/${rev1.id}`, { token: tokens.viewer }), 404);
      const listed = await srv.api('GET', `/api/v1/indicators/${enc('WF 1')}/values`, { token: tokens.viewer });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.items, []);
      assertProblem(await kit.enter('WF 1', { period: '2024/25 Q2', value: 80 }, tokens.viewer), 404);

      const again = await kit.enter('WF 1', { period: '2024/25 Q1', value: 81 }, tokens.lee);
      assertProblem(again, 409, { detail: /^WF 1 already has a draft value for 2024\/25 Q1 \(revision 1\): change that one instead\.$/ });
      const res = await patch(rev1, { value: 85 }, 'lee');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"2"');
      rev1 = res.json;
      assert.equal(rev1.value, 85);
      assertProblem(await patch({ ...rev1, version: 1 }, { value: 86 }, 'lee'), 409);
      assertProblem(await srv.api('PATCH', `/api/v1/indicator-values/${rev1.id}`, { token: tokens.lee, body: { value: 86 } }), 428);
      assertProblem(await patch(rev1, { period: '2024/25 Q2' }, 'lee'), 422, { fields: ['period'] });
      assert.equal(srv.sql(`SELECT count(*) FROM indicator_values WHERE id = '${rev1.id}' OR period = '2024/25 Q2'`), '1');
      assert.deepEqual(kit.auditActions('indicator_value', rev1.id), ['create', 'update']);
    });

    it('will not submit an amber or red value without a commentary: a 422 naming commentary with the rating\'s sentence, and nothing changes', async () => {
      // 85 against 90: 5 points short, beyond 5% of 90 (4.5): red.
      let p = assertProblem(await step(rev1, 'submit', 'lee'), 422, { fields: ['commentary'] });
      assert.equal(p.errors[0].message, 'Add a commentary before you submit this value: it is red. Red: 85% is 5 points below the target of 90%; the rule is amber within 5%.');
      assert.deepEqual([kit.valueRow(rev1.id).status, kit.valueRow(rev1.id).version], ['draft', 2]);
      // 88: 2 points short, within 4.5: amber, which needs one too.
      rev1 = (await patch(rev1, { value: 88 }, 'lee')).json;
      p = assertProblem(await step(rev1, 'submit', 'lee'), 422, { fields: ['commentary'] });
      assert.equal(p.errors[0].message, 'Add a commentary before you submit this value: it is amber. Amber: 88% is 2 points below the target of 90%, within 5% of it; the rule is amber within 5%.');
      assert.deepEqual([kit.valueRow(rev1.id).status, kit.valueRow(rev1.id).version], ['draft', 3]);

      rev1 = (await patch(rev1, { commentary: 'Two advisers left in May; both posts are filled.' }, 'lee')).json;
      const res = await step(rev1, 'submit', 'lee');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"5"');
      rev1 = res.json;
      assert.deepEqual([rev1.status, rev1.submitted_by, rev1.approved_by], ['submitted', userId.lee, null]);
      assert.match(rev1.submitted_at, ISO_TS_RE);
      assert.deepEqual(kit.auditActions('indicator_value', rev1.id), ['create', 'update', 'update', 'update', 'submit']);
    });

    it('locks a submitted value; only someone who may write in the unit approves or returns it, and a return needs its reason', async () => {
      let p = assertProblem(await patch(rev1, { value: 89 }, 'lee'), 409);
      assert.equal(p.detail, 'The value for 2024/25 Q1 (revision 1) is submitted; only a draft value can be changed or submitted.');
      assertProblem(await step(rev1, 'approve', 'lee'), 404, { detail: /^There is no value with this id that you can approve\.$/ });
      assertProblem(await step(rev1, 'return', 'lee', { reason: 'Mine to change' }), 404);
      p = assertProblem(await step(rev1, 'return', 'editor', {}), 422, { fields: ['reason'] });
      assert.equal(p.errors[0].message, 'Say why the value goes back to be changed');
      assert.equal(kit.valueRow(rev1.id).status, 'submitted');

      const res = await step(rev1, 'return', 'editor', { reason: 'Check the CRM export for May' });
      assert.equal(res.status, 200, res.text);
      rev1 = res.json;
      assert.deepEqual(
        [rev1.status, rev1.note, rev1.submitted_by, rev1.submitted_at, rev1.version],
        ['draft', 'From the CRM\nReturned for changes: Check the CRM export for May', null, null, 6],
      );
      rev1 = (await step(rev1, 'submit', 'lee')).json;
      const approved = await step(rev1, 'approve', 'editor');
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.headers.get('etag'), 'W/"8"');
      rev1 = approved.json;
      assert.deepEqual([rev1.status, rev1.approved_by, rev1.submitted_by], ['approved', userId['cs-editor'], userId.lee]);
      assert.match(rev1.approved_at, ISO_TS_RE);
      assert.deepEqual(kit.auditActions('indicator_value', rev1.id), ['create', 'update', 'update', 'update', 'submit', 'return', 'submit', 'approve']);
    });

    it('locks an approved value against every change and step (409), publishes it to every reader, and rates it', async () => {
      let p = assertProblem(await patch(rev1, { value: 91 }, 'editor'), 409);
      assert.equal(p.detail, 'The value for 2024/25 Q1 (revision 1) is approved; only a draft value can be changed or submitted.');
      assertProblem(await patch(rev1, { value: 91 }), 409);
      assertProblem(await step(rev1, 'submit'), 409);
      p = assertProblem(await step(rev1, 'approve'), 409);
      assert.equal(p.detail, 'The value for 2024/25 Q1 (revision 1) is approved; only a submitted value can be approved or returned.');
      assertProblem(await step(rev1, 'return', undefined, { reason: 'Too late' }), 409);
      assert.deepEqual(kit.valueRow(rev1.id), { period: '2024/25 Q1', revision: 1, value: 88, numerator: null, denominator: null, status: 'approved', reason: '', note: 'From the CRM\nReturned for changes: Check the CRM export for May', commentary: 'Two advisers left in May; both posts are filled.', version: 8 });

      const seen = await srv.api('GET', `/api/v1/indicator-values/${rev1.id}`, { token: tokens.viewer });
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.json, rev1);
      const a = await kit.assess('WF 1', '2024/25 Q1', tokens.viewer);
      assert.equal(a.value_record.id, rev1.id);
      assertRating(a, { rag: 'amber', deviation: -2, deviation_percent: -2.2222222222222223, explanation: 'Amber: 88% is 2 points below the target of 90%, within 5% of it; the rule is amber within 5%.' }, 'WF 1');
    });

    it('corrects an approved value as a new revision with a reason (422 without); the approved one counts until the correction is approved', async () => {
      const approvedOn = rev1.approved_at.slice(0, 10);
      const p = assertProblem(await kit.enter('WF 1', { period: '2024/25 Q1', value: 91 }, tokens.lee), 422, { fields: ['reason'] });
      assert.equal(p.errors[0].message, `The value for 2024/25 Q1 was approved on ${approvedOn}; say why it is being corrected`);
      assert.equal(srv.sql(`SELECT count(*) FROM indicator_values WHERE indicator_id = '${rev1.indicator_id}'`), '1');

      const res = await kit.enter('WF 1', { period: '2024/25 Q1', value: 91, reason: 'The CRM export missed the last day of June' }, tokens.lee);
      assert.equal(res.status, 201, res.text);
      rev2 = res.json;
      assert.deepEqual(
        [rev2.revision, rev2.status, rev2.value, rev2.reason, rev2.commentary],
        [2, 'draft', 91, 'The CRM export missed the last day of June', ''],
      );
      assert.deepEqual(kit.auditActions('indicator_value', rev2.id), ['create']);
      let a = await kit.assess('WF 1', '2024/25 Q1');
      assert.deepEqual([a.value, a.value_record.id, a.rag, a.pending], [88, rev1.id, 'amber', 'A correction (revision 2) is draft and awaits approval.']);

      assertProblem(await kit.enter('WF 1', { period: '2024/25 Q1', value: 92, reason: 'Again' }, tokens.lee), 409, { detail: /already has a draft value for 2024\/25 Q1 \(revision 2\)/ });
      const blank = assertProblem(await patch(rev2, { reason: '' }, 'lee'), 422, { fields: ['reason'] });
      assert.equal(blank.errors[0].message, 'A correction needs its reason');

      // 91 meets 90: green, so it goes up without a commentary.
      rev2 = (await step(rev2, 'submit', 'lee')).json;
      a = await kit.assess('WF 1', '2024/25 Q1');
      assert.equal(a.pending, 'A correction (revision 2) is submitted and awaits approval.');
      const approved = await step(rev2, 'approve', 'editor');
      assert.equal(approved.status, 200, approved.text);
      rev2 = approved.json;
      assert.equal(rev2.status, 'approved');
      assert.deepEqual(kit.auditActions('indicator_value', rev2.id), ['create', 'submit', 'approve']);
    });

    it('keeps the corrected revision as superseded, listed with every other, and rates the period by the correction', async () => {
      const old = kit.valueRow(rev1.id);
      assert.deepEqual([old.status, old.value, old.version], ['superseded', 88, 9]);
      assert.deepEqual(kit.auditActions('indicator_value', rev1.id), ['create', 'update', 'update', 'update', 'submit', 'return', 'submit', 'approve', 'supersede']);
      const list = await kit.values('WF 1');
      assert.deepEqual(list.map((v) => [v.id, v.period, v.revision, v.status, v.value]), [
        [rev1.id, '2024/25 Q1', 1, 'superseded', 88],
        [rev2.id, '2024/25 Q1', 2, 'approved', 91],
      ]);
      assert.deepEqual(await kit.values('WF 1', '2024/25 Q1'), list);
      // Published revisions are read by anyone signed in.
      const viewed = await srv.api('GET', `/api/v1/indicators/${enc('WF 1')}/values`, { token: tokens.viewer });
      assert.deepEqual(viewed.json.items.map((v) => v.status), ['superseded', 'approved']);
      const a = await kit.assess('WF 1', '2024/25 Q1');
      assert.deepEqual([a.value, a.value_record.id, a.pending], [91, rev2.id, '']);
      assertRating(a, { rag: 'green', met: true, deviation: 1, deviation_percent: 1.1111111111111112, explanation: 'Green: 91% is 1 point above the target of 90%; the rule is amber within 5%.' }, 'WF 1 corrected');
    });

    it('reads a value\'s audit trail through GET /api/v1/audit?entity=indicator_value&id=…', async () => {
      const res = await srv.admin('GET', `/api/v1/audit?entity=indicator_value&id=${rev1.id}`);
      assert.equal(res.status, 200, res.text);
      const entries = res.json.items;
      assert.deepEqual(entries.map((e) => [e.action, e.actor, e.after.status, e.after.version]), [
        ['create', 'lee', 'draft', 1], ['update', 'lee', 'draft', 2], ['update', 'lee', 'draft', 3], ['update', 'lee', 'draft', 4],
        ['submit', 'lee', 'submitted', 5], ['return', 'cs-editor', 'draft', 6], ['submit', 'lee', 'submitted', 7],
        ['approve', 'cs-editor', 'approved', 8], ['supersede', 'cs-editor', 'superseded', 9],
      ]);
      assert.equal(entries[0].before, null);
      for (let i = 1; i < entries.length; i++) assert.deepEqual(entries[i].before, entries[i - 1].after);
    });

    it('lets an indicator that does not ask for a commentary take a red value without one', async () => {
      await kit.indicator({ code: 'WF 2', title: 'Web forms completed', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', commentary_required: false });
      await kit.target('WF 2', { period: '2024/25 Q1', value: 90 });
      const v = (await kit.enter('WF 2', { period: '2024/25 Q1', value: 50 })).json;
      const res = await kit.step(v, 'submit');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.status, 'submitted');
    });

    it('works a value out from its numerator and denominator, and refuses what is not a value, naming the field', async () => {
      await kit.indicator({ code: 'WF 3', title: 'Invoices paid on time', unit_id: u.customer.id, measure_unit: 'percentage', decimals: 1, polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      const bad = async (body, field, message) => {
        const p = assertProblem(await kit.enter('WF 3', body), 422, { fields: [field] });
        if (message) assert.equal(p.errors.find((e) => e.field === field).message, message);
      };
      await bad({ period: '2024/25 Q1', numerator: 45 }, 'denominator', 'Enter the denominator as well as the numerator, or the value itself');
      await bad({ period: '2024/25 Q1', numerator: 1, denominator: 0 }, 'denominator', 'The denominator must not be 0');
      await bad({ period: '2024/25 Q1' }, 'value', 'Enter the value, or its numerator and denominator');
      await bad({ period: '2024/25', value: 5 }, 'period', 'WF 3 is quarterly, so its period must be a quarter of the financial year, such as 2025/26 Q1');
      await bad({ period: 'last quarter', value: 5 }, 'period');
      await bad({ value: 5 }, 'period', 'Enter the period: a quarter of the financial year, such as 2025/26 Q1, as WF 3 is quarterly');
      await bad({ period: '2024/25 Q1', value: 5, indicator_id: rev1.indicator_id }, 'indicator_id');
      await bad({ period: '2024/25 Q1', value: 'eighty' }, 'value');
      assert.equal(srv.sql(`SELECT count(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = 'WF 3'`), '0');
      // 7 of 8 invoices: 87.5%.
      const v = await kit.publish('WF 3', '2024/25 Q1', { numerator: 7, denominator: 8 });
      assert.deepEqual([v.value, v.numerator, v.denominator], [null, 7, 8]);
      const a = await kit.assess('WF 3', '2024/25 Q1');
      assert.deepEqual([a.value, a.value_text], [87.5, '87.5%']);
    });

    it('answers a step without a version with 428, and with a stale one with 409, changing nothing', async () => {
      const v = (await kit.enter('WF 2', { period: '2024/25 Q2', value: 95 })).json;
      assertProblem(await srv.admin('POST', `/api/v1/indicator-values/${v.id}/submit`), 428);
      assertProblem(await srv.admin('POST', `/api/v1/indicator-values/${v.id}/submit`, { headers: { 'if-match': 'W/"7"' } }), 409);
      assertProblem(await srv.admin('POST', `/api/v1/indicator-values/${v.id}/return`, { body: { reason: 'No version' } }), 428);
      const byBody = await srv.admin('POST', `/api/v1/indicator-values/${v.id}/submit`, { body: { version: 1 } });
      assert.equal(byBody.status, 200, byBody.text);
      assert.deepEqual(kit.auditActions('indicator_value', v.id), ['create', 'submit']);
      assertProblem(await srv.admin('POST', `/api/v1/indicator-values/${v.id}/approve`, { headers: { 'if-match': 'W/"1"' } }), 409);
      assert.equal(kit.valueRow(v.id).status, 'submitted');
    });
  });

  // ---- deadlines

  describe('deadlines', () => {
    before(async () => {
      await kit.indicator({ code: 'DL 1', title: 'Council tax collected', unit_id: u.revenues.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      await kit.indicator({ code: 'DL 2', title: 'Benefit claims decided', unit_id: u.revenues.id, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', entry_deadline_days: 0 });
    });
    const deadline = async (code, period) => {
      const res = await srv.admin('GET', `/api/v1/indicators/${enc(code)}/deadline?period=${enc(period)}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };

    it('counts ten working days after the quarter ends, skipping New Year\'s Day and the weekends, line by line', async () => {
      // 2025/26 Q3 ends on Wednesday 31 December 2025. Thursday 1 January is a bank holiday; then
      // Fri 2 (1), Mon 5 (2), Tue 6 (3), Wed 7 (4), Thu 8 (5), Fri 9 (6), Mon 12 (7), Tue 13 (8),
      // Wed 14 (9), Thu 15 (10).
      assert.deepEqual(await deadline('DL 1', '2025/26 Q3'), {
        date: '2026-01-15',
        explanation: [
          '2025/26 Q3 ended on Wednesday 31 December 2025.',
          "DL 1's values are due 10 working days after the period ends, counting from the day after it.",
          'Thursday 1 January 2026 is not a working day (New Year’s Day).',
          'Saturday 3 January 2026 is not a working day (Saturday).',
          'Sunday 4 January 2026 is not a working day (Sunday).',
          'Saturday 10 January 2026 is not a working day (Saturday).',
          'Sunday 11 January 2026 is not a working day (Sunday).',
          'Due on Thursday 15 January 2026.',
        ],
      });
    });

    it('skips the council\'s own closure days too, and with no working days the value is due the day the period ends', async () => {
      // The council closes on Monday 13 July 2026: 2026/27 Q1 (ends Tuesday 30 June 2026) is due a
      // day later. Wed 1 (1), Thu 2, Fri 3, Mon 6, Tue 7, Wed 8, Thu 9, Fri 10 (8), Tue 14 (9), Wed 15 (10).
      const closed = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2026-07-13', name: 'Council offices closed', change: 'add' } });
      assert.equal(closed.status, 201, closed.text);
      const d = await deadline('DL 1', 'Q1 2026/27');
      assert.equal(d.date, '2026-07-15');
      assert.ok(d.explanation.includes('Monday 13 July 2026 is not a working day (Council offices closed).'), d.explanation.join('\n'));
      assert.equal(d.explanation.at(-1), 'Due on Wednesday 15 July 2026.');
      assert.deepEqual(await deadline('DL 2', '2025/26 Q3'), {
        date: '2025-12-31',
        explanation: ['2025/26 Q3 ended on Wednesday 31 December 2025.', "DL 2's values are due the day the period ends."],
      });
      assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('DL 1')}/deadline?period=2025%2F26`), 422, { fields: ['period'] });
      assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('DL 1')}/deadline`), 422, { fields: ['period'] });
    });
  });

  // ---- data quality

  describe('data quality', () => {
    // A financial year two years back: every period of it has ended and every deadline passed.
    const year = financialYear(new Date(), 2);
    const deadlines = {};
    const ids = {};
    let correction;

    // Dates an approval as if it had been given on a day: the server's clock is the real one.
    const approvedOn = (valueId, day) => srv.sql(`UPDATE indicator_values SET approved_at = '${day}T16:00:00.000Z' WHERE id = '${valueId}'`);
    const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

    before(async () => {
      ids.dq1 = (await kit.indicator({ code: 'DQ 1', title: 'Housing benefit claims processed', unit_id: u.housing.id, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', owner_person_id: people.pat.id, entry_person_id: people.ravi.id, plausible_min: 0 })).id;
      ids.dq2 = (await kit.indicator({ code: 'DQ 2', title: 'Business rates collected', unit_id: u.housing.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'annual', rag_rule: 'met', plausible_max: 100 })).id;
      for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) {
        const res = await srv.admin('GET', `/api/v1/indicators/${enc('DQ 1')}/deadline?period=${enc(`${year} ${q}`)}`);
        deadlines[q] = res.json;
      }
      deadlines.year = (await srv.admin('GET', `/api/v1/indicators/${enc('DQ 2')}/deadline?period=${enc(year)}`)).json;
      // Q1: approved on its deadline day: on time, never revised.
      approvedOn((await kit.publish('DQ 1', `${year} Q1`, 10)).id, deadlines.Q1.date);
      // Q2: approved the day after its deadline: late; never revised; −5 is below the least plausible, 0.
      approvedOn((await kit.publish('DQ 1', `${year} Q2`, -5)).id, addDays(deadlines.Q2.date, 1));
      // Q3: approved three days before its deadline, then corrected (approved today): on time, revised.
      approvedOn((await kit.publish('DQ 1', `${year} Q3`, 12)).id, addDays(deadlines.Q3.date, -3));
      correction = await kit.publish('DQ 1', `${year} Q3`, 14, { reason: 'Twenty claims were counted in the wrong quarter' });
      // Q4: nothing: missing.
      // DQ 2's year: approved today, long after its deadline: late; never revised; 120% is above 100%.
      await kit.publish('DQ 2', year, 120);
    });

    const quality = async (query) => {
      const res = await srv.admin('GET', `/api/v1/data-quality?${query}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };

    it('gives the two figures seed 002 is judged on, over the values due, with a sentence that counts them', async () => {
      const dq = await quality(`year=${enc(year)}&unit_id=${u.housing.id}`);
      // Due: DQ 1's four quarters and DQ 2's year = 5.
      // Approved by the deadline: Q1 (on the day) and Q3 (its first approval, 3 days before) = 2 → 40%.
      // Never revised after approval: Q1, Q2 and DQ 2's year = 3 → 60% (Q3 was corrected; Q4 is not approved).
      assert.deepEqual(
        { year: dq.year, due: dq.due, on_time: dq.on_time, never_revised: dq.never_revised, on_time_percent: dq.on_time_percent, never_revised_percent: dq.never_revised_percent, explanation: dq.explanation },
        { year, due: 5, on_time: 2, never_revised: 3, on_time_percent: 40, never_revised_percent: 60, explanation: `Of the 5 values due so far in ${year}, 2 were approved by their deadline (40%) and 3 have never been revised after approval (60%).` },
      );
    });

    it('lists the value missing after its deadline against its owner and entry person, with the deadline and how it was counted', async () => {
      const dq = await quality(`year=${enc(year)}&unit_id=${u.housing.id}`);
      assert.equal(dq.late.length, 1);
      const [late] = dq.late;
      assert.deepEqual(
        { code: late.indicator.code, period: late.period, deadline: late.deadline, deadline_explanation: late.deadline_explanation, state: late.state, owner_person_id: late.owner_person_id, owner_name: late.owner_name, entry_person_id: late.entry_person_id, entry_name: late.entry_name },
        { code: 'DQ 1', period: `${year} Q4`, deadline: deadlines.Q4.date, deadline_explanation: deadlines.Q4.explanation, state: 'missing', owner_person_id: people.pat.id, owner_name: 'Pat Quinn', entry_person_id: people.ravi.id, entry_name: 'Ravi Shah' },
      );
      // Well over a year of working days ago (at least 52 weeks of 5, less the bank holidays).
      assert.ok(late.working_days_late > 240, `working_days_late ${late.working_days_late}`);
    });

    it('lists the revision after approval with the figure it corrected, and the values beyond what is plausible', async () => {
      const dq = await quality(`year=${enc(year)}&unit_id=${u.housing.id}`);
      assert.deepEqual(dq.revised.map((r) => [r.indicator.code, r.value.id, r.value.period, r.value.revision, r.value.status, r.before]), [
        ['DQ 1', correction.id, `${year} Q3`, 2, 'approved', 12],
      ]);
      assert.deepEqual(dq.implausible.map((i) => [i.indicator.code, i.value.period, i.value.value, i.why]), [
        ['DQ 1', `${year} Q2`, -5, '-5 is below the least this indicator can plausibly be, 0.'],
        ['DQ 2', year, 120, '120% is above the most this indicator can plausibly be, 100%.'],
      ]);
    });

    it('measures one person\'s indicators, owned or entered, and a year with nothing due yet', async () => {
      // DQ 1 alone: 4 due, Q1 and Q3 on time (50%), Q1 and Q2 never revised (50%).
      for (const person of [people.pat.id, people.ravi.id]) {
        const dq = await quality(`year=${enc(year)}&person_id=${person}`);
        assert.deepEqual([dq.due, dq.on_time, dq.never_revised, dq.on_time_percent, dq.never_revised_percent], [4, 2, 2, 50, 50]);
        assert.equal(dq.explanation, `Of the 4 values due so far in ${year}, 2 were approved by their deadline (50%) and 2 have never been revised after approval (50%).`);
      }
      const next = financialYear(new Date(Date.now() + 366 * 86400000));
      const none = await quality(`year=${enc(next)}&unit_id=${u.housing.id}`);
      assert.deepEqual(
        [none.due, none.on_time_percent, none.never_revised_percent, none.late, none.explanation],
        [0, null, null, [], `No values have fallen due yet in ${next}.`],
      );
      assertProblem(await srv.admin('GET', '/api/v1/data-quality?year=2025'), 422, { fields: ['year'] });
      assertProblem(await srv.admin('GET', '/api/v1/data-quality?year=2025%2F26%20Q1'), 422, { fields: ['year'] });
    });
  });

  // ---- reminders

  describe('reminders', () => {
    // The quarters that ended in the last 366 days (as the server counts them): all approved but
    // one that ended at least 150 days ago, whose deadline has long passed.
    const quarterEnds = () => {
      const out = [];
      const now = new Date();
      for (let s = now.getUTCFullYear() - 3; s <= now.getUTCFullYear(); s++) {
        const fy = `${s}/${String((s + 1) % 100).padStart(2, '0')}`;
        out.push([`${fy} Q1`, `${s}-06-30`], [`${fy} Q2`, `${s}-09-30`], [`${fy} Q3`, `${s}-12-31`], [`${fy} Q4`, `${s + 1}-03-31`]);
      }
      return out;
    };
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86400000).toISOString().slice(0, 10);
    const ended = quarterEnds().filter(([, end]) => end < today && end >= daysAgo(366));
    const [missing] = ended.filter(([, end]) => end <= daysAgo(150));
    let due;

    before(async () => {
      await kit.indicator({ code: 'REM 1', title: 'Discretionary housing payments decided', unit_id: u.revenues.id, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', owner_person_id: people.jo.id, entry_person_id: people.kim.id });
      for (const [period] of ended) if (period !== missing[0]) await kit.publish('REM 1', period, 50);
      due = (await srv.admin('GET', `/api/v1/indicators/${enc('REM 1')}/deadline?period=${enc(missing[0])}`)).json;
    });

    const reminders = async (query) => {
      const res = await srv.admin('GET', `/api/v1/indicator-reminders${query ? `?${query}` : ''}`);
      assert.equal(res.status, 200, res.text);
      return res.json.items;
    };

    it('reminds the entry person of the value missing after its deadline, and the owner sees it too', async () => {
      for (const person of [people.kim.id, people.jo.id]) {
        const items = await reminders(`person_id=${person}`);
        assert.equal(items.length, 1, JSON.stringify(items));
        const [r] = items;
        assert.deepEqual(
          { code: r.indicator.code, period: r.period, deadline: r.deadline, deadline_explanation: r.deadline_explanation, state: r.state, person_id: r.person_id, person_name: r.person_name, owner_name: r.owner_name, entry_name: r.entry_name },
          { code: 'REM 1', period: missing[0], deadline: due.date, deadline_explanation: due.explanation, state: 'missing', person_id: people.kim.id, person_name: 'Kim Patel', owner_name: 'Jo Brown', entry_name: 'Kim Patel' },
        );
        assert.ok(r.working_days_late > 80, `working_days_late ${r.working_days_late}`);
      }
      // Sam neither owns REM 1 nor enters its values.
      assert.ok(!(await reminders(`person_id=${people.sam.id}`)).some((r) => r.indicator.code === 'REM 1'));
    });

    it('lists every reminder the caller may see for an email job, and refuses a days_before out of range', async () => {
      const all = await reminders('days_before=10');
      assert.ok(all.some((r) => r.indicator.code === 'REM 1' && r.period === missing[0] && r.person_id === people.kim.id), JSON.stringify(all.map((r) => [r.indicator.code, r.period])));
      // By deadline, then by code.
      const keys = all.map((r) => `${r.deadline} ${r.indicator.code}`);
      assert.deepEqual(keys, [...keys].sort());
      assertProblem(await srv.admin('GET', '/api/v1/indicator-reminders?days_before=61'), 422, { fields: ['days_before'] });
      assertProblem(await srv.admin('GET', '/api/v1/indicator-reminders?days_before=soon'), 422, { fields: ['days_before'] });
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
