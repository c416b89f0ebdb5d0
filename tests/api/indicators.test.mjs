// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicators through the API (issue 9): definitions; the three RAG rules on higher, lower and
// band polarity, with none and awaiting; both directions of travel; targets, a year profiled
// to its quarters; a year assessed from its quarters (sum, mean, ratio); the scorecard with
// its counts and filters; and the benchmark position of a linked indicator. Every expected
// figure and sentence below is worked out by hand in the comment beside it. The workflow, data
// quality and reminders are in indicators-workflow.test.mjs; the imports in
// indicators-import.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertProblem, assertStopsCleanly, create, ID_RE } from './harness.mjs';
import { indicatorKit, assertRating } from './indicators-support.mjs';

const enc = encodeURIComponent;

describe('indicators', { timeout: 180000 }, () => {
  let srv;
  let kit;
  const u = {};
  const people = {};

  before(async () => {
    srv = await startServer();
    kit = indicatorKit(srv);
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'service', parent_id: u.corporate.id });
    u.performance = await create(srv, 'units', { name: 'Performance Team', kind: 'team', parent_id: u.corporate.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: u.customer.id, published: true });
  });
  after(async () => {
    await srv?.cleanup();
  });

  // ---- definitions

  describe('definitions', () => {
    let cs04;

    it('creates an indicator with Location, ETag W/"1", its rule as a structured object, the default aggregation, a stored row and an audit entry', async () => {
      const res = await srv.admin('POST', '/api/v1/indicators', {
        body: {
          code: 'CS 04', title: 'Contacts handled by customer services', unit_id: u.customer.id, measure_unit: 'percentage',
          polarity: 'higher', frequency: 'quarterly', rag_rule: 'amber-within:5%', kind: 'statutory', owner_person_id: people.sam.id,
          plausible_min: 0, plausible_max: 100, source: 'Seed 004: against the national benchmark of 81%',
        },
      });
      assert.equal(res.status, 201, res.text);
      cs04 = res.json;
      assert.match(cs04.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/indicators/${cs04.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(
        {
          code: cs04.code, unit_id: cs04.unit_id, measure_unit: cs04.measure_unit, decimals: cs04.decimals, polarity: cs04.polarity, frequency: cs04.frequency,
          aggregation: cs04.aggregation, kind: cs04.kind, owner_person_id: cs04.owner_person_id, entry_person_id: cs04.entry_person_id,
          entry_deadline_days: cs04.entry_deadline_days, commentary_required: cs04.commentary_required, plausible_min: cs04.plausible_min, plausible_max: cs04.plausible_max,
          archived_at: cs04.archived_at, version: cs04.version,
        },
        {
          code: 'CS 04', unit_id: u.customer.id, measure_unit: 'percentage', decimals: 0, polarity: 'higher', frequency: 'quarterly',
          // A percentage's periods are averaged, not added up, unless the definition says so.
          aggregation: 'mean', kind: 'statutory', owner_person_id: people.sam.id, entry_person_id: null,
          entry_deadline_days: 10, commentary_required: true, plausible_min: 0, plausible_max: 100, archived_at: null, version: 1,
        },
      );
      assert.deepEqual(cs04.rag_rule, { rule: 'amber-within', margin: 5, margin_is_percent: true, amber_if: null, text: 'amber-within:5%' });
      assert.deepEqual(srv.sqlRows(`SELECT code, rag_rule, polarity, aggregation, version FROM indicators WHERE id = '${cs04.id}'`), [
        { code: 'CS 04', rag_rule: 'amber-within:5%', polarity: 'higher', aggregation: 'mean', version: 1 },
      ]);
      assert.deepEqual(await kit.auditActions('indicator', cs04.id), ['create']);
    });

    it('takes the RAG rule as the structured object too, and stores its CSV spelling; a number is added up by default', async () => {
      const res = await srv.admin('POST', '/api/v1/indicators', {
        body: {
          code: 'LT 01', title: 'Letters answered', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'monthly',
          rag_rule: { rule: 'green-within', margin: 10, margin_is_percent: true, amber_if: 'better-than-last-year' },
        },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.json.rag_rule, { rule: 'green-within', margin: 10, margin_is_percent: true, amber_if: 'better-than-last-year', text: 'green-within:10%;amber-if:better-than-last-year' });
      assert.equal(res.json.aggregation, 'sum');
      assert.equal(srv.sql(`SELECT rag_rule FROM indicators WHERE id = '${res.json.id}'`), 'green-within:10%;amber-if:better-than-last-year');
    });

    it('refuses a bad definition with a 422 naming each field, and stores nothing', async () => {
      const before = srv.sql('SELECT count(*) FROM indicators');
      const res = await srv.admin('POST', '/api/v1/indicators', {
        body: { code: 'CS 04', title: 'Again', unit_id: u.customer.id, measure_unit: 'furlongs', polarity: 'sideways', frequency: 'weekly', rag_rule: 'amber-within:five' },
      });
      const p = assertProblem(res, 422, { fields: ['code', 'measure_unit', 'polarity', 'frequency', 'rag_rule'] });
      const message = (f) => p.errors.find((e) => e.field === f).message;
      assert.equal(message('code'), 'Another indicator already has the code CS 04');
      assert.equal(message('polarity'), 'Polarity must be higher, lower or band');
      assert.equal(message('frequency'), 'Frequency must be monthly, quarterly, annual or multi-year');
      assert.equal(message('rag_rule'), "The RAG rule 'amber-within:five' needs a margin: a number, or a percentage such as 5%");
      assert.equal(srv.sql('SELECT count(*) FROM indicators'), before);
      assertProblem(await srv.admin('POST', '/api/v1/indicators', { body: { code: 'X 1', title: 'No rule', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'annual' } }), 422, { fields: ['rag_rule'] });
      assertProblem(await srv.admin('POST', '/api/v1/indicators', { body: { code: 'X 2', title: 'Rule as an object', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'annual', rag_rule: { rule: 'amber-within' } } }), 422, { fields: ['rag_rule'] });
      assert.equal(srv.sql('SELECT count(*) FROM indicators'), before);
    });

    it('reads one by id (its code is for the routes under it), lists with filters, and changes one with If-Match', async () => {
      const got = await srv.admin('GET', `/api/v1/indicators/${cs04.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('etag'), 'W/"1"');
      assert.deepEqual(got.json, cs04);
      assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('CS 04')}`), 404);
      assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('NO 1')}/values`), 404, { detail: /There is no indicator NO 1/ });

      const list = async (q) => (await srv.admin('GET', `/api/v1/indicators?${q}`)).json.items.map((i) => i.code);
      assert.deepEqual(await list('q=letters'), ['LT 01']);
      assert.deepEqual(await list(`kind=statutory&unit_id=${u.customer.id}`), ['CS 04']);
      assert.deepEqual(await list('frequency=monthly'), ['LT 01']);
      assert.deepEqual(await list(`owner_person_id=${people.sam.id}`), ['CS 04']);
      assertProblem(await srv.admin('GET', '/api/v1/indicators?kind=national'), 422, { fields: ['kind'] });

      const changed = await srv.admin('PATCH', `/api/v1/indicators/${cs04.id}`, { headers: { 'if-match': 'W/"1"' }, body: { decimals: 1, rag_rule: 'Amber-Within: 5 %' } });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.headers.get('etag'), 'W/"2"');
      assert.deepEqual([changed.json.decimals, changed.json.rag_rule.text], [1, 'amber-within:5%']);
      assertProblem(await srv.admin('PATCH', `/api/v1/indicators/${cs04.id}`, { headers: { 'if-match': 'W/"1"' }, body: { decimals: 0 } }), 409);
      assertProblem(await srv.admin('PATCH', `/api/v1/indicators/${cs04.id}`, { body: { decimals: 0 } }), 428);
      const back = await srv.admin('PATCH', `/api/v1/indicators/${cs04.id}`, { headers: { 'if-match': 'W/"2"' }, body: { decimals: 0 } });
      assert.equal(back.status, 200, back.text);
      assert.deepEqual(await kit.auditActions('indicator', cs04.id), ['create', 'update', 'update']);
    });

    it('keeps the frequency of an indicator with values, and archives one out of the lists', async () => {
      const one = await kit.indicator({ code: 'ARC 1', title: 'To be archived', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      await kit.publish('ARC 1', '2024/25 Q1', 5);
      const res = await srv.admin('PATCH', `/api/v1/indicators/${one.id}`, { headers: { 'if-match': 'W/"1"' }, body: { frequency: 'monthly' } });
      assertProblem(res, 422, { fields: ['frequency'] });
      assert.equal(srv.sql(`SELECT frequency || '|' || version FROM indicators WHERE id = '${one.id}'`), 'quarterly|1');

      const archived = await srv.admin('POST', `/api/v1/indicators/${one.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      assert.equal(archived.status, 200, archived.text);
      assert.match(archived.json.archived_at, /^\d{4}-\d{2}-\d{2}T/);
      const codes = async (q = '') => (await srv.admin('GET', `/api/v1/indicators?q=ARC${q}`)).json.items.map((i) => i.code);
      assert.deepEqual(await codes(), []);
      assert.deepEqual(await codes('&include_archived=true'), ['ARC 1']);
      assertProblem(await srv.admin('PATCH', `/api/v1/indicators/${one.id}`, { headers: { 'if-match': 'W/"2"' }, body: { title: 'Renamed' } }), 409);
      assert.deepEqual(await kit.auditActions('indicator', one.id), ['create', 'archive']);
    });
  });

  // ---- RAG rules: each rule on each polarity

  describe('RAG rules', () => {
    // Each indicator, its targets and its approved values; then each period's expected rating.
    // deviation = value − target (for a band, from the nearer end; 0 inside);
    // deviation_percent = deviation ÷ |target| × 100.
    const grid = [
      {
        // amber-within:5%, higher is better. Margin: 5% of 81 = 4.05 points.
        def: { code: 'RAG 1', title: 'Contacts handled against the national benchmark', measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'amber-within:5%' },
        targets: [{ period: '2023/24', value: 81 }, { period: '2024/25', value: 81 }],
        values: { '2022/23 Q4': 70, '2023/24 Q1': 32, '2023/24 Q2': 78, '2023/24 Q3': 76.95, '2023/24 Q4': 85, '2024/25 Q1': 81 },
        expect: {
          // Seed 004: 32 − 81 = −49 points, far beyond 4.05: red. −49 ÷ 81 × 100 = −60.4938…
          '2023/24 Q1': { rag: 'red', met: false, deviation: -49, deviation_percent: -60.49382716049383, explanation: 'Red: 32% is 49 points below the target of 81%; the rule is amber within 5%.' },
          // 78 − 81 = −3, within 4.05: amber. −3 ÷ 81 × 100 = −3.7037…
          '2023/24 Q2': { rag: 'amber', met: false, deviation: -3, deviation_percent: -3.7037037037037037, explanation: 'Amber: 78% is 3 points below the target of 81%, within 5% of it; the rule is amber within 5%.' },
          // 76.95 − 81 = −4.05, exactly the margin: still amber. Shown to 0 places: 77%, 4 points.
          '2023/24 Q3': { rag: 'amber', met: false, deviation: -4.05, deviation_percent: -5, explanation: 'Amber: 77% is 4 points below the target of 81%, within 5% of it; the rule is amber within 5%.' },
          // 85 − 81 = +4: met, green. 4 ÷ 81 × 100 = 4.9382…
          '2023/24 Q4': { rag: 'green', met: true, deviation: 4, deviation_percent: 4.938271604938271, explanation: 'Green: 85% is 4 points above the target of 81%; the rule is amber within 5%.' },
          // On the target: met.
          '2024/25 Q1': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 81% is on the target of 81%; the rule is amber within 5%.' },
          // A target and no value: awaiting.
          '2024/25 Q2': { rag: 'awaiting', deviation: null, deviation_percent: null, explanation: 'Awaiting: there is no value yet to rate against the target of 81%.' },
          // A value and no target: none.
          '2022/23 Q4': { rag: 'none', deviation: null, deviation_percent: null, explanation: 'None: there is no target to rate 70% against.' },
          // Neither.
          '2022/23 Q3': { rag: 'none', deviation: null, deviation_percent: null, explanation: 'None: there is no target and no value for this period.' },
        },
      },
      {
        // amber-within:2.5 (absolute), higher is better: the margin is 2.5 points of a percentage.
        def: { code: 'RAG 2', title: 'Calls answered within 5 rings', measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: { rule: 'amber-within', margin: 2.5, margin_is_percent: false } },
        targets: [{ period: '2023/24', value: 90 }],
        values: { '2023/24 Q1': 88, '2023/24 Q2': 87, '2023/24 Q3': 90 },
        expect: {
          // 88 − 90 = −2, within 2.5: amber. −2 ÷ 90 × 100 = −2.2222…
          '2023/24 Q1': { rag: 'amber', deviation: -2, deviation_percent: -2.2222222222222223, explanation: 'Amber: 88% is 2 points below the target of 90%, within 2.5 points of it; the rule is amber within 2.5 points.' },
          // 87 − 90 = −3, beyond 2.5: red. −3 ÷ 90 × 100 = −3.3333…
          '2023/24 Q2': { rag: 'red', deviation: -3, deviation_percent: -3.3333333333333335, explanation: 'Red: 87% is 3 points below the target of 90%; the rule is amber within 2.5 points.' },
          '2023/24 Q3': { rag: 'green', deviation: 0, deviation_percent: 0, explanation: 'Green: 90% is on the target of 90%; the rule is amber within 2.5 points.' },
        },
      },
      {
        // amber-within:2.5 (absolute), lower is better, in days: missing means above the target.
        def: { code: 'RAG 3', title: 'Average days to answer a letter', measure_unit: 'days', polarity: 'lower', frequency: 'quarterly', rag_rule: 'amber-within:2.5' },
        targets: [{ period: '2023/24', value: 10 }],
        values: { '2023/24 Q1': 12, '2023/24 Q2': 13, '2023/24 Q3': 8 },
        expect: {
          // 12 − 10 = +2 days, above a lower-is-better target by no more than 2.5: amber. 2 ÷ 10 = 20%.
          '2023/24 Q1': { rag: 'amber', met: false, deviation: 2, deviation_percent: 20, explanation: 'Amber: 12 days is 2 days above the target of 10 days, within 2.5 days of it, and lower is better; the rule is amber within 2.5 days.' },
          // +3 days, beyond 2.5: red. 30%.
          '2023/24 Q2': { rag: 'red', met: false, deviation: 3, deviation_percent: 30, explanation: 'Red: 13 days is 3 days above the target of 10 days, and lower is better; the rule is amber within 2.5 days.' },
          // −2 days: below a lower-is-better target is met, green (not red, as the complaint goes).
          '2023/24 Q3': { rag: 'green', met: true, deviation: -2, deviation_percent: -20, explanation: 'Green: 8 days is 2 days below the target of 10 days, and lower is better; the rule is amber within 2.5 days.' },
        },
      },
      {
        // amber-within:5%, band: the margin is 5% of the nearer end of the band (105 → 5.25, 95 → 4.75).
        def: { code: 'RAG 4', title: 'Budget spent against profile', measure_unit: 'percentage', polarity: 'band', frequency: 'quarterly', rag_rule: 'amber-within:5%' },
        targets: [{ period: '2023/24', low: 95, high: 105 }],
        values: { '2023/24 Q1': 103, '2023/24 Q2': 108, '2023/24 Q3': 88 },
        expect: {
          '2023/24 Q1': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 103% is inside the target band of 95% to 105%; the rule is amber within 5%.' },
          // 108 − 105 = +3, within 5.25: amber. 3 ÷ 105 × 100 = 2.8571…
          '2023/24 Q2': { rag: 'amber', met: false, deviation: 3, deviation_percent: 2.857142857142857, explanation: 'Amber: 108% is 3 points above the target band of 95% to 105%, within 5% of it; the rule is amber within 5%.' },
          // 88 − 95 = −7, beyond 4.75: red. −7 ÷ 95 × 100 = −7.3684…
          '2023/24 Q3': { rag: 'red', met: false, deviation: -7, deviation_percent: -7.368421052631579, explanation: 'Red: 88% is 7 points below the target band of 95% to 105%; the rule is amber within 5%.' },
        },
      },
      {
        // met, higher is better.
        def: { code: 'RAG 5', title: 'Complaints answered on time', measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' },
        targets: [{ period: '2023/24', value: 90 }],
        values: { '2023/24 Q1': 92, '2023/24 Q2': 89 },
        expect: {
          // +2: green. 2 ÷ 90 × 100 = 2.2222…
          '2023/24 Q1': { rag: 'green', met: true, deviation: 2, deviation_percent: 2.2222222222222223, explanation: 'Green: 92% is 2 points above the target of 90%; the rule is met or not.' },
          // −1: not met, red however near. −1 ÷ 90 × 100 = −1.1111…; one point, singular.
          '2023/24 Q2': { rag: 'red', met: false, deviation: -1, deviation_percent: -1.1111111111111112, explanation: 'Red: 89% is 1 point below the target of 90%; the rule is met or not.' },
        },
      },
      {
        // met, lower is better, annual.
        def: { code: 'RAG 6', title: 'Ombudsman complaints upheld', measure_unit: 'number', polarity: 'lower', frequency: 'annual', rag_rule: 'met' },
        targets: [{ period: '2022/23', value: 5 }, { period: '2023/24', value: 5 }],
        values: { '2022/23': 5, '2023/24': 6 },
        expect: {
          '2022/23': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 5 is on the target of 5, and lower is better; the rule is met or not.' },
          // 6 − 5 = +1 on a lower-is-better target: red. 1 ÷ 5 = 20%.
          '2023/24': { rag: 'red', met: false, deviation: 1, deviation_percent: 20, explanation: 'Red: 6 is 1 above the target of 5, and lower is better; the rule is met or not.' },
        },
      },
      {
        // met, band −2% to 2%, shown to 1 place.
        def: { code: 'RAG 7', title: 'Budget variance', measure_unit: 'percentage', decimals: 1, polarity: 'band', frequency: 'quarterly', rag_rule: 'met' },
        targets: [{ period: '2023/24', low: -2, high: 2 }],
        values: { '2023/24 Q1': 1.5, '2023/24 Q2': -3, '2023/24 Q3': 2 },
        expect: {
          '2023/24 Q1': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 1.5% is inside the target band of -2.0% to 2.0%; the rule is met or not.' },
          // −3 − (−2) = −1 from the low end: red. −1 ÷ |−2| × 100 = −50.
          '2023/24 Q2': { rag: 'red', met: false, deviation: -1, deviation_percent: -50, explanation: 'Red: -3.0% is 1.0 points below the target band of -2.0% to 2.0%; the rule is met or not.' },
          // On the high end: inside (ends included).
          '2023/24 Q3': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 2.0% is inside the target band of -2.0% to 2.0%; the rule is met or not.' },
        },
      },
      {
        // green-within:10%;amber-if:better-than-last-year, higher is better. Margin: 10% of 80 = 8.
        def: { code: 'RAG 8', title: 'Residents satisfied with the council', measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'green-within:10%;amber-if:better-than-last-year' },
        targets: [{ period: '2024/25', value: 80 }],
        values: { '2023/24 Q2': 65, '2023/24 Q3': 66, '2024/25 Q1': 75, '2024/25 Q2': 70, '2024/25 Q3': 60, '2024/25 Q4': 60 },
        expect: {
          // −5, within 8: green. −5 ÷ 80 = −6.25%.
          '2024/25 Q1': { rag: 'green', met: false, deviation: -5, deviation_percent: -6.25, explanation: 'Green: 75% is 5 points below the target of 80%, within 10% of it; the rule is green within 10%, then amber if better than the same period last year.' },
          // −10, beyond 8; 70 > 65 a year before (2023/24 Q2): amber. −12.5%.
          '2024/25 Q2': { rag: 'amber', met: false, deviation: -10, deviation_percent: -12.5, explanation: 'Amber: 70% is 10 points below the target of 80%, but better than 65% a year before; the rule is green within 10%, then amber if better than the same period last year.' },
          // −20, beyond 8; 60 < 66 a year before: red. −25%.
          '2024/25 Q3': { rag: 'red', met: false, deviation: -20, deviation_percent: -25, explanation: 'Red: 60% is 20 points below the target of 80%, and no better than 66% a year before; the rule is green within 10%, then amber if better than the same period last year.' },
          // −20 with no value a year before (2023/24 Q4): red.
          '2024/25 Q4': { rag: 'red', met: false, deviation: -20, deviation_percent: -25, explanation: 'Red: 60% is 20 points below the target of 80%, and there was no value a year before to compare it with; the rule is green within 10%, then amber if better than the same period last year.' },
        },
      },
      {
        // green-within:10%;amber-if:…, lower is better, annual, days to 1 place. Margin: 10% of 8 = 0.8 days.
        def: { code: 'RAG 9', title: 'Average days of sickness absence per employee', measure_unit: 'days', decimals: 1, polarity: 'lower', frequency: 'annual', rag_rule: 'green-within:10%;amber-if:better-than-last-year' },
        targets: [{ period: '2020/21', value: 8 }, { period: '2021/22', value: 8 }, { period: '2022/23', value: 8 }],
        values: { '2019/20': 9.5, '2020/21': 9, '2021/22': 9.6, '2022/23': 8.5 },
        expect: {
          '2019/20': { rag: 'none', deviation: null, deviation_percent: null, explanation: 'None: there is no target to rate 9.5 days against.' },
          // +1.0, beyond 0.8; 9.0 < 9.5 a year before, lower is better: amber. 12.5%.
          '2020/21': { rag: 'amber', met: false, deviation: 1, deviation_percent: 12.5, explanation: 'Amber: 9.0 days is 1.0 days above the target of 8.0 days, but better than 9.5 days a year before, and lower is better; the rule is green within 10%, then amber if better than the same period last year.' },
          // +1.6, beyond 0.8; 9.6 > 9.0 a year before: red. 20%.
          '2021/22': { rag: 'red', met: false, deviation: 1.6, deviation_percent: 20, explanation: 'Red: 9.6 days is 1.6 days above the target of 8.0 days, and no better than 9.0 days a year before, and lower is better; the rule is green within 10%, then amber if better than the same period last year.' },
          // +0.5, within 0.8: green. 6.25%.
          '2022/23': { rag: 'green', met: false, deviation: 0.5, deviation_percent: 6.25, explanation: 'Green: 8.5 days is 0.5 days above the target of 8.0 days, within 10% of it, and lower is better; the rule is green within 10%, then amber if better than the same period last year.' },
        },
      },
      {
        // green-within:10%;amber-if:…, band 5% to 10%, annual, to 1 place. Margins: 10% of 10 = 1 above, 10% of 5 = 0.5 below.
        def: { code: 'RAG 10', title: 'Agency staff as a share of the workforce', measure_unit: 'percentage', decimals: 1, polarity: 'band', frequency: 'annual', rag_rule: 'green-within:10%;amber-if:better-than-last-year' },
        targets: ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25'].map((period) => ({ period, low: 5, high: 10 })),
        values: { '2019/20': 14, '2020/21': 12, '2021/22': 4, '2022/23': 3, '2023/24': 10.5, '2024/25': 7 },
        expect: {
          // 2 above the band, beyond 1; a year before 14 was 4 away, so nearer: amber. 2 ÷ 10 = 20%.
          '2020/21': { rag: 'amber', met: false, deviation: 2, deviation_percent: 20, explanation: 'Amber: 12.0% is 2.0 points above the target band of 5.0% to 10.0%, but better than 14.0% a year before; the rule is green within 10%, then amber if better than the same period last year.' },
          // 1 below, beyond 0.5; a year before 12 was 2 away: amber. −1 ÷ 5 = −20%.
          '2021/22': { rag: 'amber', met: false, deviation: -1, deviation_percent: -20, explanation: 'Amber: 4.0% is 1.0 points below the target band of 5.0% to 10.0%, but better than 12.0% a year before; the rule is green within 10%, then amber if better than the same period last year.' },
          // 2 below; a year before 4 was 1 away, so further now: red. −2 ÷ 5 = −40%.
          '2022/23': { rag: 'red', met: false, deviation: -2, deviation_percent: -40, explanation: 'Red: 3.0% is 2.0 points below the target band of 5.0% to 10.0%, and no better than 4.0% a year before; the rule is green within 10%, then amber if better than the same period last year.' },
          // 0.5 above, within 1: green. 0.5 ÷ 10 = 5%.
          '2023/24': { rag: 'green', met: false, deviation: 0.5, deviation_percent: 5, explanation: 'Green: 10.5% is 0.5 points above the target band of 5.0% to 10.0%, within 10% of it; the rule is green within 10%, then amber if better than the same period last year.' },
          '2024/25': { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 7.0% is inside the target band of 5.0% to 10.0%; the rule is green within 10%, then amber if better than the same period last year.' },
        },
      },
    ];

    before(async () => {
      for (const g of grid) {
        await kit.indicator({ ...g.def, unit_id: u.customer.id });
        for (const t of g.targets) await kit.target(g.def.code, t);
        for (const [period, value] of Object.entries(g.values)) await kit.publish(g.def.code, period, value);
      }
    });

    for (const g of grid) {
      const rule = typeof g.def.rag_rule === 'string' ? g.def.rag_rule : 'amber-within:2.5';
      it(`${g.def.code}: ${rule} on ${g.def.polarity} polarity`, async () => {
        for (const [period, expected] of Object.entries(g.expect)) {
          const a = await kit.assess(g.def.code, period);
          assert.equal(a.period, period);
          assert.equal(a.indicator.code, g.def.code);
          assertRating(a, expected, `${g.def.code} ${period}`);
          // The value rated is the approved one for the period.
          assert.equal(a.value, g.values[period] ?? null, `${g.def.code} ${period}: value`);
          assert.equal(a.value_record?.status ?? null, g.values[period] === undefined ? null : 'approved');
          assert.equal(a.pending, '');
        }
      });
    }

    it('takes the period written any way core/period reads it, and refuses one the indicator cannot be assessed for', async () => {
      const a = await kit.assess('RAG 1', 'Q1 2023-24');
      assert.equal(a.period, '2023/24 Q1');
      assert.equal(a.rag, 'red');
      for (const [code, period, message] of [
        ['RAG 1', '2023-09', 'RAG 1 is quarterly, so its period must be a quarter of the financial year, such as 2025/26 Q1, or a longer period made of them (a quarter or a year)'],
        ['RAG 6', '2023/24 Q1', 'RAG 6 is annual, so its period must be a financial year, such as 2025/26'],
      ]) {
        const res = await srv.admin('GET', `/api/v1/indicators/${enc(code)}/assessment?period=${enc(period)}`);
        const p = assertProblem(res, 422, { fields: ['period'] });
        assert.equal(p.errors[0].message, message);
      }
      const bad = assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('RAG 1')}/assessment?period=${enc('2023/24 Q5')}`), 422, { fields: ['period'] });
      assert.equal(bad.errors[0].message, '"2023/24 Q5" is not a period Civic knows: there is no quarter 5; a financial year has four, Q1 (April to June) to Q4 (January to March), as in 2025/26 Q1');
      assertProblem(await srv.admin('GET', `/api/v1/indicators/${enc('RAG 1')}/assessment`), 422, { fields: ['period'] });
    });

    it('shows a draft value as pending, and still rates the period awaiting until it is approved', async () => {
      const entered = await kit.enter('RAG 1', { period: '2024/25 Q2', value: 83 });
      assert.equal(entered.status, 201, entered.text);
      const a = await kit.assess('RAG 1', '2024/25 Q2');
      assert.equal(a.rag, 'awaiting');
      assert.equal(a.value, null);
      assert.equal(a.value_record, null);
      assert.equal(a.pending, 'A value is draft and not yet approved.');
    });

    it('lists every period with a value or a target, oldest first, assessed, as the history', async () => {
      const res = await srv.admin('GET', `/api/v1/indicators/${enc('RAG 6')}/history`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((a) => [a.period, a.value, a.rag]), [['2022/23', 5, 'green'], ['2023/24', 6, 'red']]);
    });
  });

  // ---- directions of travel

  describe('directions of travel', () => {
    // Two quarterly indicators with the same figures, one higher-is-better, one lower-is-better,
    // and a band one. previous: the quarter before; last_year: the same quarter a year before.
    const figures = { '2023/24 Q1': 30, '2023/24 Q2': 34, '2023/24 Q3': 34, '2023/24 Q4': 31, '2024/25 Q1': 34, '2024/25 Q2': 34, '2024/25 Q3': 30 };
    before(async () => {
      await kit.indicator({ code: 'DOT 1', title: 'Direction, higher is better', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      await kit.indicator({ code: 'DOT 2', title: 'Direction, lower is better', unit_id: u.customer.id, measure_unit: 'number', polarity: 'lower', frequency: 'quarterly', rag_rule: 'met' });
      for (const [period, value] of Object.entries(figures)) {
        await kit.publish('DOT 1', period, value);
        await kit.publish('DOT 2', period, value);
      }
      await kit.indicator({ code: 'DOT 3', title: 'Direction, within a band', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'band', frequency: 'quarterly', rag_rule: 'met' });
      await kit.target('DOT 3', { period: '2024/25', low: 5, high: 10 });
      for (const [period, value] of Object.entries({ '2023/24 Q1': 14, '2023/24 Q3': 11, '2023/24 Q4': 9, '2024/25 Q1': 12, '2024/25 Q2': 7, '2024/25 Q3': 8, '2024/25 Q4': 3 }))
        await kit.publish('DOT 3', period, value);
    });

    const directions = (a) => ({
      previous_period: a.previous_period,
      direction_previous: a.direction_previous,
      previous: a.previous,
      last_year_period: a.last_year_period,
      direction_last_year: a.direction_last_year,
      last_year: a.last_year,
    });
    const d = (direction, compared_with, change, explanation) => ({ direction, compared_with, change, explanation });

    it('higher is better: better, same, worse and none against the previous period and the same period last year', async () => {
      // 34 against 31 before it and 30 a year before: up is better.
      assert.deepEqual(directions(await kit.assess('DOT 1', '2024/25 Q1')), {
        previous_period: '2023/24 Q4', direction_previous: 'better', previous: d('better', 31, 3, 'Better: 34% against 31% in 2023/24 Q4.'),
        last_year_period: '2023/24 Q1', direction_last_year: 'better', last_year: d('better', 30, 4, 'Better: 34% against 30% in 2023/24 Q1.'),
      });
      assert.deepEqual(directions(await kit.assess('DOT 1', '2024/25 Q2')), {
        previous_period: '2024/25 Q1', direction_previous: 'same', previous: d('same', 34, 0, 'Same: 34% against 34% in 2024/25 Q1.'),
        last_year_period: '2023/24 Q2', direction_last_year: 'same', last_year: d('same', 34, 0, 'Same: 34% against 34% in 2023/24 Q2.'),
      });
      assert.deepEqual(directions(await kit.assess('DOT 1', '2024/25 Q3')), {
        previous_period: '2024/25 Q2', direction_previous: 'worse', previous: d('worse', 34, -4, 'Worse: 30% against 34% in 2024/25 Q2.'),
        last_year_period: '2023/24 Q3', direction_last_year: 'worse', last_year: d('worse', 34, -4, 'Worse: 30% against 34% in 2023/24 Q3.'),
      });
      // No value yet for 2024/25 Q4: none, naming what it would be compared with.
      assert.deepEqual(directions(await kit.assess('DOT 1', '2024/25 Q4')), {
        previous_period: '2024/25 Q3', direction_previous: 'none', previous: d('none', 30, null, 'None: there is no value yet to compare with 30% in 2024/25 Q3.'),
        last_year_period: '2023/24 Q4', direction_last_year: 'none', last_year: d('none', 31, null, 'None: there is no value yet to compare with 31% in 2023/24 Q4.'),
      });
      // Nothing before 2023/24 Q1.
      assert.deepEqual(directions(await kit.assess('DOT 1', '2023/24 Q1')), {
        previous_period: '2022/23 Q4', direction_previous: 'none', previous: d('none', null, null, 'None: there is no value for 2022/23 Q4 to compare with.'),
        last_year_period: '2022/23 Q1', direction_last_year: 'none', last_year: d('none', null, null, 'None: there is no value for 2022/23 Q1 to compare with.'),
      });
    });

    it('lower is better: the same figures read the other way', async () => {
      assert.deepEqual(directions(await kit.assess('DOT 2', '2024/25 Q1')), {
        previous_period: '2023/24 Q4', direction_previous: 'worse', previous: d('worse', 31, 3, 'Worse: 34 against 31 in 2023/24 Q4, and lower is better.'),
        last_year_period: '2023/24 Q1', direction_last_year: 'worse', last_year: d('worse', 30, 4, 'Worse: 34 against 30 in 2023/24 Q1, and lower is better.'),
      });
      assert.deepEqual(directions(await kit.assess('DOT 2', '2024/25 Q2')), {
        previous_period: '2024/25 Q1', direction_previous: 'same', previous: d('same', 34, 0, 'Same: 34 against 34 in 2024/25 Q1.'),
        last_year_period: '2023/24 Q2', direction_last_year: 'same', last_year: d('same', 34, 0, 'Same: 34 against 34 in 2023/24 Q2.'),
      });
      assert.deepEqual(directions(await kit.assess('DOT 2', '2024/25 Q3')), {
        previous_period: '2024/25 Q2', direction_previous: 'better', previous: d('better', 34, -4, 'Better: 30 against 34 in 2024/25 Q2, and lower is better.'),
        last_year_period: '2023/24 Q3', direction_last_year: 'better', last_year: d('better', 34, -4, 'Better: 30 against 34 in 2023/24 Q3, and lower is better.'),
      });
      assert.deepEqual([(await kit.assess('DOT 2', '2024/25 Q4')).direction_previous, (await kit.assess('DOT 2', '2024/25 Q4')).direction_last_year], ['none', 'none']);
    });

    it('a band: nearer the band (inside counts as on it) is better, and without a band there is no saying', async () => {
      // 12 is 2 above the band of 5–10; 9 was inside it (further now); 14 was 4 above (nearer now).
      assert.deepEqual(directions(await kit.assess('DOT 3', '2024/25 Q1')), {
        previous_period: '2023/24 Q4', direction_previous: 'worse', previous: d('worse', 9, 3, 'Worse: 12% against 9% in 2023/24 Q4, further from the target band.'),
        last_year_period: '2023/24 Q1', direction_last_year: 'better', last_year: d('better', 14, -2, 'Better: 12% against 14% in 2023/24 Q1, nearer the target band.'),
      });
      // 7 is inside; 12 was 2 above. Nothing for 2023/24 Q2.
      assert.deepEqual(directions(await kit.assess('DOT 3', '2024/25 Q2')), {
        previous_period: '2024/25 Q1', direction_previous: 'better', previous: d('better', 12, -5, 'Better: 7% against 12% in 2024/25 Q1, inside the target band.'),
        last_year_period: '2023/24 Q2', direction_last_year: 'none', last_year: d('none', null, null, 'None: there is no value for 2023/24 Q2 to compare with.'),
      });
      // 8 and 7 are both inside: the same; 11 a year before was 1 above: better.
      assert.deepEqual(directions(await kit.assess('DOT 3', '2024/25 Q3')), {
        previous_period: '2024/25 Q2', direction_previous: 'same', previous: d('same', 7, 1, 'Same: 8% against 7% in 2024/25 Q2, both inside the target band.'),
        last_year_period: '2023/24 Q3', direction_last_year: 'better', last_year: d('better', 11, -3, 'Better: 8% against 11% in 2023/24 Q3, inside the target band.'),
      });
      // 3 is 2 below; 8 and 9 were inside: worse both ways.
      assert.deepEqual(directions(await kit.assess('DOT 3', '2024/25 Q4')), {
        previous_period: '2024/25 Q3', direction_previous: 'worse', previous: d('worse', 8, -5, 'Worse: 3% against 8% in 2024/25 Q3, further from the target band.'),
        last_year_period: '2023/24 Q4', direction_last_year: 'worse', last_year: d('worse', 9, -6, 'Worse: 3% against 9% in 2023/24 Q4, further from the target band.'),
      });
      // 2023/24 has no band: none, though both values are there.
      const a = await kit.assess('DOT 3', '2023/24 Q4');
      assert.deepEqual(a.previous, d('none', 11, -2, 'None: with no target band there is no saying whether nearer or further is better.'));
      assert.equal(a.rag, 'none');
    });
  });

  // ---- targets

  describe('targets', () => {
    before(async () => {
      await kit.indicator({ code: 'TGT 1', title: 'Complaints received', unit_id: u.customer.id, measure_unit: 'number', polarity: 'lower', frequency: 'quarterly', rag_rule: 'met' });
      await kit.indicator({ code: 'TGT 2', title: 'Customers satisfied', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      await kit.indicator({ code: 'TGT 3', title: 'Stock held, in weeks', unit_id: u.customer.id, measure_unit: 'number', polarity: 'band', frequency: 'quarterly', rag_rule: 'met', aggregation: 'mean' });
      await kit.indicator({ code: 'TGT 4', title: 'Visits to the website', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'monthly', rag_rule: 'met' });
    });
    const shown = (items) => items.map((t) => [t.period, t.value, t.low, t.high, t.profiled_from, t.profile]);

    it('profiles a year\'s target evenly over the quarters of an indicator that adds up, each saying how', async () => {
      const items = await kit.target('TGT 1', { period: '2024/25', value: 400 });
      // 400 ÷ 4 = 100 a quarter.
      const even = 'Profiled from the 2024/25 target of 400: 25% of it.';
      assert.deepEqual(shown(items), [
        ['2024/25', 400, null, null, null, ''],
        ['2024/25 Q1', 100, null, null, '2024/25', even],
        ['2024/25 Q2', 100, null, null, '2024/25', even],
        ['2024/25 Q3', 100, null, null, '2024/25', even],
        ['2024/25 Q4', 100, null, null, '2024/25', even],
      ]);
      const listed = await srv.admin('GET', `/api/v1/indicators/${enc('TGT 1')}/targets`);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.items, items);
      assert.equal(srv.sql(`SELECT count(*) FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.code = 'TGT 1'`), '5');
      assert.deepEqual(await kit.auditActions('indicator_target', items[1].id), ['create']);
    });

    it('profiles it by custom shares, rewriting the profile, and refuses shares that do not add up to 100', async () => {
      const items = await kit.target('TGT 1', { period: '2024/25', value: 400, profile: [20, 25, 25, 30] });
      // 400 × 20% = 80, × 25% = 100, × 30% = 120.
      assert.deepEqual(shown(items), [
        ['2024/25', 400, null, null, null, ''],
        ['2024/25 Q1', 80, null, null, '2024/25', 'Profiled from the 2024/25 target of 400: 20% of it.'],
        ['2024/25 Q2', 100, null, null, '2024/25', 'Profiled from the 2024/25 target of 400: 25% of it.'],
        ['2024/25 Q3', 100, null, null, '2024/25', 'Profiled from the 2024/25 target of 400: 25% of it.'],
        ['2024/25 Q4', 120, null, null, '2024/25', 'Profiled from the 2024/25 target of 400: 30% of it.'],
      ]);
      const before = srv.sqlRows(`SELECT t.period, t.value FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.code = 'TGT 1' ORDER BY t.period`);
      assert.deepEqual(before.map((r) => [r.period, Number(r.value)]), [['2024/25', 400], ['2024/25 Q1', 80], ['2024/25 Q2', 100], ['2024/25 Q3', 100], ['2024/25 Q4', 120]]);

      // 20 + 25 + 25 + 20 = 90.
      let p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 1')}/targets`, { body: { period: '2024/25', value: 500, profile: [20, 25, 25, 20] } }), 422, { fields: ['profile'] });
      assert.equal(p.errors[0].message, 'The shares must add up to 100 (they add up to 90)');
      p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 1')}/targets`, { body: { period: '2024/25', value: 500, profile: [50, 50] } }), 422, { fields: ['profile'] });
      assert.equal(p.errors[0].message, 'Give one share for each of the 4 periods, in per cent');
      p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 1')}/targets`, { body: { period: '2024/25 Q1', value: 90, profile: [100] } }), 422, { fields: ['profile'] });
      assert.equal(p.errors[0].message, 'Only a year\'s target for a quarterly or monthly indicator is shared out over its periods');
      const after = srv.sqlRows(`SELECT t.period, t.value FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.code = 'TGT 1' ORDER BY t.period`);
      assert.deepEqual(after, before, 'nothing was stored');
    });

    it('applies a year\'s target to each quarter as it is when the quarters do not add up to the year, and refuses a profile for one', async () => {
      const items = await kit.target('TGT 2', { period: '2024/25', value: 81 });
      const each = "The 2024/25 target of 81% applies to each period (mean of the periods is the year's).";
      assert.deepEqual(shown(items).slice(1), ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => [`2024/25 ${q}`, 81, null, null, '2024/25', each]));
      const p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 2')}/targets`, { body: { period: '2024/25', value: 81, profile: [25, 25, 25, 25] } }), 422, { fields: ['profile'] });
      assert.equal(p.errors[0].message, "TGT 2's periods do not add up to its year (mean of them is taken), so each has the year's target as it is");
    });

    it('sets a band for a band indicator, applied to each quarter, and names the end that is missing or wrong', async () => {
      const items = await kit.target('TGT 3', { period: '2024/25', low: 2, high: 4 });
      assert.deepEqual(shown(items), [
        ['2024/25', null, 2, 4, null, ''],
        ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => [`2024/25 ${q}`, null, 2, 4, '2024/25', 'The 2024/25 band of 2 to 4 applies to each period.']),
      ]);
      let p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 3')}/targets`, { body: { period: '2025/26', low: 2 } }), 422, { fields: ['high'] });
      assert.equal(p.errors[0].message, 'TGT 3 is rated against a band: enter its low and high ends');
      p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 3')}/targets`, { body: { period: '2025/26', low: 5, high: 4 } }), 422, { fields: ['high'] });
      assert.equal(p.errors[0].message, 'The high end of the band must not be below the low end');
      p = assertProblem(await srv.admin('POST', `/api/v1/indicators/${enc('TGT 1')}/targets`, { body: { period: '2025/26' } }), 422, { fields: ['value'] });
      assert.equal(p.errors[0].message, 'Enter the target');
      // A quarter's band, rated: 3 is inside 2–4.
      await kit.publish('TGT 3', '2024/25 Q1', 3);
      assertRating(await kit.assess('TGT 3', '2024/25 Q1'), { rag: 'green', deviation: 0, deviation_percent: 0, explanation: 'Green: 3 is inside the target band of 2 to 4; the rule is met or not.' }, 'TGT 3');
    });

    it('profiles a monthly indicator\'s year over its twelve months', async () => {
      const items = await kit.target('TGT 4', { period: '2024/25', value: 1200 });
      assert.equal(items.length, 13);
      assert.deepEqual(items.slice(1).map((t) => [t.period, t.value]), ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01', '02', '03'].map((m) => [`${m < '04' ? 2025 : 2024}-${m}`, 100]));
      // 100 ÷ 1200 = 8.333…%: the share is written to six places at most.
      assert.equal(items[1].profile, 'Profiled from the 2024/25 target of 1,200: 8.333333% of it.');
    });

    it('leaves a target as it is, with no new version and no audit entry, when it is set again the same', async () => {
      const first = await kit.target('TGT 2', { period: '2025/26', value: 85 });
      const again = await kit.target('TGT 2', { period: '2025/26', value: 85 });
      assert.deepEqual(again.map((t) => t.version), first.map((t) => t.version));
      assert.deepEqual(await kit.auditActions('indicator_target', first[0].id), ['create']);
    });
  });

  // ---- a year from its quarters

  describe('assessing a year from its quarters', () => {
    it('sum: a year is the sum of its quarters, against its own target', async () => {
      await kit.indicator({ code: 'AGG 1', title: 'Calls handled', unit_id: u.customer.id, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      await kit.target('AGG 1', { period: '2024/25', value: 400 });
      for (const [q, v] of [['Q1', 90], ['Q2', 110], ['Q3', 95], ['Q4', 105]]) await kit.publish('AGG 1', `2024/25 ${q}`, v);
      const a = await kit.assess('AGG 1', '2024/25');
      // 90 + 110 + 95 + 105 = 400: on the target.
      assert.equal(a.value, 400);
      assert.equal(a.value_text, '400');
      assert.equal(a.value_record, null);
      assert.deepEqual(a.aggregate, { value: 400, numerator: null, denominator: null, parts: 4, explanation: 'The sum of 4 quarters: 2024/25 Q1, 2024/25 Q2, 2024/25 Q3 and 2024/25 Q4.' });
      assert.equal(a.target.period, '2024/25');
      assertRating(a, { rag: 'green', met: true, deviation: 0, deviation_percent: 0, explanation: 'Green: 400 is on the target of 400; the rule is met or not.' }, 'AGG 1');
      // Its first quarter, against its profiled 100: 90 is 10 below, red.
      assertRating(await kit.assess('AGG 1', '2024/25 Q1'), { rag: 'red', deviation: -10, deviation_percent: -10, explanation: 'Red: 90 is 10 below the target of 100; the rule is met or not.' }, 'AGG 1 Q1');
    });

    it('sum, part of a year, against what its quarters\' own targets come to', async () => {
      // Quarter targets set one by one: the year has none of its own, so it is rated against 100 × 4.
      for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) await kit.target('AGG 1', { period: `2025/26 ${q}`, value: 100 });
      for (const [q, v] of [['Q1', 120], ['Q2', 130], ['Q3', 140]]) await kit.publish('AGG 1', `2025/26 ${q}`, v);
      const a = await kit.assess('AGG 1', '2025/26');
      // 120 + 130 + 140 = 390, 10 below 400.
      assert.deepEqual(a.aggregate, { value: 390, numerator: null, denominator: null, parts: 3, explanation: 'The sum of 3 quarters: 2025/26 Q1, 2025/26 Q2 and 2025/26 Q3; 2025/26 Q4 has no value.' });
      assert.deepEqual([a.target.value, a.target.profile, a.target.id], [400, 'What the targets of its 4 parts come to.', '']);
      assertRating(a, { rag: 'red', deviation: -10, deviation_percent: -2.5, explanation: 'Red: 390 is 10 below the target of 400; the rule is met or not.' }, 'AGG 1 2025/26');
    });

    it('mean: a year is the mean of its quarters', async () => {
      await kit.indicator({ code: 'AGG 2', title: 'Customer satisfaction', unit_id: u.customer.id, measure_unit: 'percentage', decimals: 1, polarity: 'higher', frequency: 'quarterly', rag_rule: 'amber-within:5%' });
      await kit.target('AGG 2', { period: '2024/25', value: 81 });
      for (const [q, v] of [['Q1', 80], ['Q2', 90], ['Q3', 85], ['Q4', 75]]) await kit.publish('AGG 2', `2024/25 ${q}`, v);
      const a = await kit.assess('AGG 2', '2024/25');
      // (80 + 90 + 85 + 75) ÷ 4 = 82.5; 1.5 above 81. 1.5 ÷ 81 × 100 = 1.8518…
      assert.equal(a.value, 82.5);
      assert.equal(a.value_text, '82.5%');
      assert.deepEqual(a.aggregate, { value: 82.5, numerator: null, denominator: null, parts: 4, explanation: 'The mean of 4 quarters: 2024/25 Q1, 2024/25 Q2, 2024/25 Q3 and 2024/25 Q4.' });
      assertRating(a, { rag: 'green', met: true, deviation: 1.5, deviation_percent: 1.8518518518518516, explanation: 'Green: 82.5% is 1.5 points above the target of 81.0%; the rule is amber within 5%.' }, 'AGG 2');
    });

    it('ratio: a year is its summed numerators over its summed denominators, not the mean of the quarters', async () => {
      await kit.indicator({ code: 'AGG 3', title: 'Invoices paid within 30 days', unit_id: u.customer.id, measure_unit: 'percentage', decimals: 1, polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', aggregation: 'ratio' });
      await kit.target('AGG 3', { period: '2024/25', value: 80 });
      // 45/50 = 90%, 30/40 = 75%, nothing for Q3, 60/70 = 85.714…%.
      await kit.publish('AGG 3', '2024/25 Q1', { numerator: 45, denominator: 50 });
      await kit.publish('AGG 3', '2024/25 Q2', { numerator: 30, denominator: 40 });
      await kit.publish('AGG 3', '2024/25 Q4', { numerator: 60, denominator: 70 });
      const q1 = await kit.assess('AGG 3', '2024/25 Q1');
      assert.equal(q1.value, 90);
      assert.deepEqual([q1.value_record.value, q1.value_record.numerator, q1.value_record.denominator], [null, 45, 50]);
      const a = await kit.assess('AGG 3', '2024/25');
      // (45 + 30 + 60) ÷ (50 + 40 + 70) × 100 = 135 ÷ 160 × 100 = 84.375 (the mean of the
      // quarters would be 83.57…). 84.375 − 80 = 4.375, shown as 4.4.
      assert.equal(a.value, 84.375);
      assert.deepEqual(a.aggregate, {
        value: 84.375, numerator: 135, denominator: 160, parts: 3,
        explanation: 'The summed numerators over the summed denominators of 3 quarters (2024/25 Q1, 2024/25 Q2 and 2024/25 Q4): 135 / 160 × 100 = 84.375; 2024/25 Q3 is left out, with no numerator or denominator.',
      });
      assertRating(a, { rag: 'green', met: true, deviation: 4.375, deviation_percent: 5.46875, explanation: 'Green: 84.4% is 4.4 points above the target of 80.0%; the rule is met or not.' }, 'AGG 3');
    });
  });

  // ---- the scorecard

  describe('the scorecard', () => {
    const period = '2019/20 Q2';
    let plan;
    before(async () => {
      const make = (code, title, extra) => kit.indicator({ code, title, unit_id: u.performance.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', ...extra });
      await make('SC 1', 'Freedom of information requests answered in 20 days', { kind: 'statutory' });
      await make('SC 2', 'Staff appraisals completed', { rag_rule: 'amber-within:5%' });
      await make('SC 3', 'Days lost to sickness', { measure_unit: 'number', polarity: 'lower' });
      await make('SC 4', 'Volunteers registered', { measure_unit: 'number' });
      await make('SC 5', 'Statutory returns made on time', { kind: 'statutory' });
      await make('SC 6', 'Annual residents survey responses', { measure_unit: 'number', frequency: 'annual' });
      const gone = await make('SC 7', 'Archived before the scorecard', {});
      for (const [code, target] of [['SC 1', 90], ['SC 2', 90], ['SC 3', 10], ['SC 5', 90]]) await kit.target(code, { period, value: target });
      await kit.target('SC 6', { period: '2019/20', value: 100 });
      await kit.publish('SC 1', '2019/20 Q1', 85);
      await kit.publish('SC 1', period, 95); // 95 ≥ 90: green
      await kit.publish('SC 2', period, 88); // 2 below 90, within 4.5: amber
      await kit.publish('SC 3', period, 12); // 2 above 10, lower is better: red
      await kit.publish('SC 4', period, 5); // no target: none
      // SC 5: a target and no value: awaiting.
      await kit.publish('SC 6', '2019/20', 120); // the year that holds the quarter: green
      await srv.admin('POST', `/api/v1/indicators/${gone.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      // A plan whose item (Best Value theme: governance) is measured by SC 1 and SC 3.
      plan = await create(srv, 'plans', { unit_id: u.performance.id, kind: 'service', title: 'Performance Team plan', period: '2019/20' });
      const item = (await srv.admin('POST', `/api/v1/plans/${plan.id}/items`, { body: { ref: '1', kind: 'objective', title: 'Publish the statutory indicators on time', themes: ['governance'] } })).json;
      const other = (await srv.admin('POST', `/api/v1/plans/${plan.id}/items`, { body: { ref: '2', kind: 'objective', title: 'Look after staff', themes: ['culture'] } })).json;
      const ids = Object.fromEntries((await srv.admin('GET', `/api/v1/indicators?unit_id=${u.performance.id}`)).json.items.map((i) => [i.code, i.id]));
      for (const [from, code] of [[item, 'SC 1'], [item, 'SC 3'], [other, 'SC 2']]) {
        const link = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'plan_item', from_id: from.id, to_type: 'indicator', to_id: ids[code], kind: 'measured_by' } });
        assert.equal(link.status, 201, link.text);
      }
    });

    const card = async (query) => {
      const res = await srv.admin('GET', `/api/v1/scorecard?period=${enc(period)}&unit_id=${u.performance.id}${query ? `&${query}` : ''}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };
    const rows = (c) => c.items.map((r) => [r.indicator.code, r.period, r.value, r.rag]);

    it('rates every live indicator of the unit for the period, an annual one by its year, and counts each rating', async () => {
      const c = await card();
      assert.equal(c.period, period);
      assert.deepEqual(rows(c), [
        ['SC 1', period, 95, 'green'],
        ['SC 2', period, 88, 'amber'],
        ['SC 3', period, 12, 'red'],
        ['SC 4', period, 5, 'none'],
        ['SC 5', period, null, 'awaiting'],
        ['SC 6', '2019/20', 120, 'green'],
      ]);
      assert.deepEqual(c.counts, { green: 2, amber: 1, red: 1, none: 1, awaiting: 1 });
      // The last eight quarters, oldest first, for a sparkline: 85 in 2019/20 Q1, then 95.
      assert.deepEqual(c.items[0].trend, [null, null, null, null, null, null, 85, 95]);
      // An annual indicator's trend is its last eight years: 2012/13 to 2019/20.
      assert.deepEqual(c.items[5].trend, [null, null, null, null, null, null, null, 120]);
      assert.equal(c.items[1].explanation, 'Amber: 88% is 2 points below the target of 90%, within 5% of it; the rule is amber within 5%.');
      assert.equal(c.items[2].explanation, 'Red: 12 is 2 above the target of 10, and lower is better; the rule is met or not.');
      // The quarter written another way is the same scorecard.
      const again = await srv.admin('GET', `/api/v1/scorecard?period=${enc('Q2 2019-20')}&unit_id=${u.performance.id}`);
      assert.deepEqual(again.json, c);
    });

    it('filters by rating, kind, text, plan and theme, counting only the rows shown', async () => {
      let c = await card('rag=green');
      assert.deepEqual(rows(c).map((r) => r[0]), ['SC 1', 'SC 6']);
      assert.deepEqual(c.counts, { green: 2, amber: 0, red: 0, none: 0, awaiting: 0 });
      c = await card('kind=statutory');
      assert.deepEqual(rows(c).map((r) => r[0]), ['SC 1', 'SC 5']);
      assert.deepEqual(c.counts, { green: 1, amber: 0, red: 0, none: 0, awaiting: 1 });
      c = await card('q=SICKNESS');
      assert.deepEqual(rows(c).map((r) => r[0]), ['SC 3']);
      c = await card(`plan_id=${plan.id}`);
      assert.deepEqual(rows(c).map((r) => r[0]), ['SC 1', 'SC 2', 'SC 3']);
      c = await card(`plan_id=${plan.id}&theme=governance`);
      assert.deepEqual(rows(c).map((r) => r[0]), ['SC 1', 'SC 3']);
      assert.deepEqual(c.counts, { green: 1, amber: 0, red: 1, none: 0, awaiting: 0 });
      // Another unit's scorecard holds none of these.
      const children = await srv.admin('GET', `/api/v1/scorecard?period=${enc(period)}&unit_id=${u.children.id}`);
      assert.deepEqual(children.json.items, []);
      assert.deepEqual(children.json.counts, { green: 0, amber: 0, red: 0, none: 0, awaiting: 0 });
    });

    it('refuses a missing or bad period, rating or kind with a 422 naming it', async () => {
      assertProblem(await srv.admin('GET', '/api/v1/scorecard'), 422, { fields: ['period'] });
      assertProblem(await srv.admin('GET', '/api/v1/scorecard?period=soon'), 422, { fields: ['period'] });
      assertProblem(await srv.admin('GET', `/api/v1/scorecard?period=${enc(period)}&rag=purple`), 422, { fields: ['rag'] });
      assertProblem(await srv.admin('GET', `/api/v1/scorecard?period=${enc(period)}&kind=national`), 422, { fields: ['kind'] });
    });
  });

  // ---- benchmark position

  describe('benchmark position', () => {
    it('shows where the council stands in a linked dataset, for the financial year that holds the period', async () => {
      // Five councils' 2023-24 figures: 10, 20, 30, 40 and 50; Northmoor (E4) has 40.
      const values = path.join(srv.dir, 'tiny-values.csv');
      const metrics = path.join(srv.dir, 'tiny-metrics.csv');
      await writeFile(values, 'area_code,area_name,metric,period,value\nE1,Ayton,M1,2023-24,10\nE2,Beeford,M1,2023-24,20\nE3,Cowley,M1,2023-24,30\nE4,Northmoor,M1,2023-24,40\nE5,Eastham,M1,2023-24,50\n');
      await writeFile(metrics, 'metric,title,polarity\nM1,Contacts handled,higher\n');
      const r = await srv.cli(['import', 'dataset', 'tiny', '--values', values, '--metrics', metrics, '--db', srv.dbPath]);
      assert.equal(r.code, 0, r.stderr);
      await kit.indicator({ code: 'BEN 1', title: 'Contacts handled, benchmarked', unit_id: u.customer.id, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met', benchmark_dataset: 'tiny', benchmark_metric: 'M1', benchmark_area: 'E4' });
      await kit.publish('BEN 1', '2023/24 Q2', 42);
      const a = await kit.assess('BEN 1', '2023/24 Q2');
      // Mean and median 30; quartiles (type 7) 20 and 40; 40 is at the upper quartile: quartile 1,
      // second of five; absolute deviations 20, 10, 0, 10, 20: MAD 10, so 40 is (40 − 30) ÷ 10 = 1 MAD above.
      assert.deepEqual(
        { ...a.benchmark },
        { metric: 'M1', metric_title: 'Contacts handled', polarity: 'higher', period: '2023-24', area: 'E4', area_name: 'Northmoor', value: 40, count: 5, mean: 30, median: 30, lower_quartile: 20, upper_quartile: 40, quartile: 1, rank: 2, mad: 10, mads_from_median: 1 },
      );
      // The scorecard carries it too; an indicator not linked has none.
      const card = await srv.admin('GET', `/api/v1/scorecard?period=${enc('2023/24 Q2')}&q=${enc('BEN 1')}`);
      assert.deepEqual(card.json.items.map((row) => [row.indicator.code, row.benchmark?.rank]), [['BEN 1', 2]]);
      assert.equal((await kit.assess('RAG 1', '2023/24 Q2')).benchmark, null);
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
