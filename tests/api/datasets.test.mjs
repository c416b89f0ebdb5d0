// SPDX-License-Identifier: AGPL-3.0-or-later
// Benchmark datasets through the API and `civic import dataset`: a small dataset whose every
// figure was worked out by hand (median, quartiles with interpolation, rank with ties, MAD,
// MADs from the median, quartile for each polarity, group and nearest-neighbour figures);
// the real Oflog and LGBF files converted with scripts/convert/ and imported, with Civic's
// figures checked against the figures their publishers printed beside the values; bad files
// refused whole, each fault named by its file, line and column, and nothing stored; who may
// import and who may read.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { records } from '../../scripts/convert/csv.mjs';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, lastLine, repoRoot, ID_RE } from './harness.mjs';

const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'benchmark');
const DATASET_TABLES = ['datasets', 'dataset_values', 'dataset_metrics', 'dataset_groups', 'audit_log'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
// Equal within a relative tolerance (absolute near zero).
const near = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);

// The hand-made dataset. Seven areas, two periods, four metrics: RECYCLING (higher is
// better), WAIT (lower is better), SPEND (the metrics file gives no polarity) and COUNT (the
// metrics file leaves it out).
const HAND_VALUES = `area_code,area_name,metric,period,value,numerator,denominator
A01,Area One,RECYCLING,2023-24,7,7,100
A02,Area Two,RECYCLING,2023-24,15,,
A03,Area Three,RECYCLING,2023-24,36,,
A04,Area Four,RECYCLING,2023-24,39,,
A05,Area Five,RECYCLING,2023-24,40,,
A06,Area Six,RECYCLING,2023-24,41,,
A01,Area One,RECYCLING,2022-23,30,,
A02,Area Two,RECYCLING,2022-23,30,,
A03,Area Three,RECYCLING,2022-23,20,,
A04,Area Four,RECYCLING,2022-23,10,,
A01,Area One,WAIT,2023-24,10,,
A02,Area Two,WAIT,2023-24,20,,
A03,Area Three,WAIT,2023-24,20,,
A04,Area Four,WAIT,2023-24,30,,
A05,Area Five,WAIT,2023-24,50,,
A06,Area Six,WAIT,2023-24,80,,
A01,Area One,SPEND,2023-24,100,,
A02,Area Two,SPEND,2023-24,200,,
A03,Area Three,SPEND,2023-24,300,,
A01,Area One,COUNT,2023-24,5,,
A02,Area Two,COUNT,2023-24,5,,
A03,Area Three,COUNT,2023-24,5,,
A07,"Area Seven, the new one",COUNT,2022-23,9,,
`;
const HAND_METRICS = `metric,title,polarity
RECYCLING,Household waste recycled (%),higher
WAIT,Days to answer a letter,lower
SPEND,Spend per head (£),
`;
const HAND_GROUPS = `group,area_code
North,A01
North,A02
North,A03
South,A04
South,A05
South,A06
South,A07
`;
const HAND_NEIGHBOURS = { A01: ['A01', 'A04', 'A06'], A02: ['A03', 'A05'] };

describe('benchmark datasets', { timeout: 180000 }, () => {
  let srv;
  const tokens = {};
  let dir;

  async function addUser(username, role, unit) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }
  const as = (who) => (method, p, opts = {}) => srv.api(method, p, { token: tokens[who], ...opts });
  const counts = () =>
    Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${DATASET_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));
  const benchmark = (name, query) => srv.admin('GET', `/api/v1/datasets/${name}/benchmark?${new URLSearchParams(query)}`);
  // Writes files into the test's folder and returns their paths.
  const files = (name, contents) =>
    Object.fromEntries(
      Object.entries(contents).map(([kind, text]) => {
        const p = path.join(dir, `${name}-${kind}`);
        writeFileSync(p, typeof text === 'string' ? text : JSON.stringify(text));
        return [kind, p];
      }),
    );
  const importArgs = (name, f) => [
    'import', 'dataset', name, '--db', srv.dbPath, '--values', f.values,
    ...(f.metrics ? ['--metrics', f.metrics] : []),
    ...(f.groups ? ['--groups', f.groups] : []),
    ...(f.neighbours ? ['--neighbours', f.neighbours] : []),
  ];

  before(async () => {
    srv = await startServer();
    dir = path.join(srv.dir, 'datasets');
    mkdirSync(dir, { recursive: true });
    const council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    await create(srv, 'units', { name: 'Environment', kind: 'directorate', parent_id: council.id });
    tokens.viewer = await addUser('vera', 'viewer');
    tokens.scoped = await addUser('sid', 'editor', 'Environment');
    tokens.editor = await addUser('cora', 'editor');
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('a hand-made dataset', () => {
    let imported;

    it('is imported through the API: 201 with Location, its metrics with their periods, and an audit entry', async () => {
      const before = counts();
      const res = await srv.admin('POST', '/api/v1/datasets', {
        body: { name: 'hand', title: 'Hand-made', source: 'Worked out by hand', values: HAND_VALUES, metrics: HAND_METRICS, groups: HAND_GROUPS, neighbours: HAND_NEIGHBOURS },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.headers.get('location'), '/api/v1/datasets/hand');
      imported = res.json;
      assert.match(imported.id, ID_RE);
      assert.equal(imported.name, 'hand');
      assert.equal(imported.title, 'Hand-made');
      assert.equal(imported.source, 'Worked out by hand');
      assert.equal(imported.value_count, 23);
      assert.equal(imported.version, 1);
      assert.deepEqual(imported.periods, ['2022-23', '2023-24']);
      assert.deepEqual(imported.metrics, [
        { metric: 'COUNT', title: 'COUNT', polarity: null, periods: ['2022-23', '2023-24'] },
        { metric: 'RECYCLING', title: 'Household waste recycled (%)', polarity: 'higher', periods: ['2022-23', '2023-24'] },
        { metric: 'SPEND', title: 'Spend per head (£)', polarity: null, periods: ['2023-24'] },
        { metric: 'WAIT', title: 'Days to answer a letter', polarity: 'lower', periods: ['2023-24'] },
      ]);
      const after = counts();
      assert.deepEqual(after, {
        datasets: before.datasets + 1,
        dataset_values: before.dataset_values + 23,
        dataset_metrics: before.dataset_metrics + 4,
        // 7 group members and 5 neighbours.
        dataset_groups: before.dataset_groups + 12,
        audit_log: before.audit_log + 1,
      });
      const stored = srv.sqlRows(`SELECT area_code, area_name, value, numerator, denominator FROM dataset_values WHERE metric = 'RECYCLING' AND period = '2023-24' AND area_code IN ('A01', 'A02') ORDER BY area_code`);
      assert.deepEqual(stored.map((r) => [r.area_code, r.area_name, Number(r.value), r.numerator === null ? null : Number(r.numerator), r.denominator === null ? null : Number(r.denominator)]), [
        ['A01', 'Area One', 7, 7, 100],
        ['A02', 'Area Two', 15, null, null],
      ]);
      const audit = auditRows(srv.dbPath, imported.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].entity, 'dataset');
      assert.equal(audit[0].action, 'create');
      assert.equal(audit[0].actor, 'admin');
      assert.equal(audit[0].before, null);
      assert.equal(audit[0].after.name, 'hand');
      assert.deepEqual(audit[0].after.imported, { name: 'hand', values: 23, metrics: 4, areas: 7, periods: 2, groups: 2, neighbours: 2 });
    });

    it('is listed and shown to anyone signed in', async () => {
      const list = await as('viewer')('GET', '/api/v1/datasets');
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.items.map((d) => d.name), ['hand']);
      assert.equal(list.json.items[0].metrics, undefined);
      const one = await as('viewer')('GET', '/api/v1/datasets/hand');
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, imported);
    });

    it('gives a higher-is-better metric its median, interpolated quartiles, mean, MAD, quartile, rank and MADs from the median', async () => {
      // RECYCLING 2023-24 sorted: 7 15 36 39 40 41 (n = 6, h = 5p).
      // Lower quartile h = 1.25: 15 + 0.25 × (36 − 15) = 20.25; median h = 2.5: (36 + 39) / 2
      // = 37.5; upper quartile h = 3.75: 39 + 0.75 × (40 − 39) = 39.75; mean 178 / 6.
      // Distances from 37.5: 30.5 22.5 1.5 1.5 2.5 3.5 → sorted 1.5 1.5 2.5 3.5 22.5 30.5: MAD 3.
      const res = await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A04' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, {
        metric: 'RECYCLING',
        metric_title: 'Household waste recycled (%)',
        polarity: 'higher',
        period: '2023-24',
        area: 'A04',
        area_name: 'Area Four',
        value: 39,
        count: 6,
        mean: 178 / 6,
        median: 37.5,
        lower_quartile: 20.25,
        upper_quartile: 39.75,
        // 39 is at or above the median 37.5, below the upper quartile 39.75.
        quartile: 2,
        // 40 and 41 are better.
        rank: 3,
        mad: 3,
        // (39 − 37.5) / 3.
        mads_from_median: 0.5,
      });
      const at = async (area) => (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area })).json;
      const top = await at('A06');
      assert.deepEqual([top.quartile, top.rank, top.mads_from_median], [1, 1, 3.5 / 3]);
      const third = await at('A03');
      assert.deepEqual([third.quartile, third.rank, third.mads_from_median], [3, 4, -0.5]);
      const bottom = await at('A02');
      // 15 is below the lower quartile 20.25; (15 − 37.5) / 3 = −7.5.
      assert.deepEqual([bottom.quartile, bottom.rank, bottom.mads_from_median], [4, 5, -7.5]);
    });

    it('ranks ties at the better rank and puts a value at the upper quartile in the first quartile', async () => {
      // RECYCLING 2022-23 sorted: 10 20 30 30 (n = 4, h = 3p). Lower quartile h = 0.75:
      // 10 + 0.75 × 10 = 17.5; median h = 1.5: 25; upper quartile h = 2.25, between the two
      // 30s: 30. Distances from 25: 5 5 5 15: MAD 5. The two 30s both rank 1; then 3, 4.
      const got = {};
      for (const area of ['A01', 'A02', 'A03', 'A04']) got[area] = (await benchmark('hand', { metric: 'RECYCLING', period: '2022-23', area })).json;
      assert.deepEqual(
        Object.values(got).map((p) => [p.value, p.rank, p.quartile, p.mads_from_median]),
        [
          [30, 1, 1, 1],
          [30, 1, 1, 1],
          [20, 3, 3, -1],
          [10, 4, 4, -3],
        ],
      );
      assert.deepEqual([got.A01.count, got.A01.mean, got.A01.median, got.A01.lower_quartile, got.A01.upper_quartile, got.A01.mad], [4, 22.5, 25, 17.5, 30, 5]);
    });

    it('mirrors quartile and rank for a lower-is-better metric: ties 1, 2, 2, 4', async () => {
      // WAIT 2023-24 sorted: 10 20 20 30 50 80 (h = 5p). Lower quartile h = 1.25 between the
      // two 20s: 20; median h = 2.5: 20 + 0.5 × 10 = 25; upper quartile h = 3.75: 30 + 0.75 ×
      // 20 = 45; mean 210 / 6 = 35. Distances from 25: 15 5 5 5 25 55 → 5 5 5 15 25 55: MAD 10.
      const got = {};
      for (const area of ['A01', 'A02', 'A03', 'A04', 'A05', 'A06']) got[area] = (await benchmark('hand', { metric: 'WAIT', period: '2023-24', area })).json;
      assert.deepEqual(
        Object.values(got).map((p) => [p.area, p.rank, p.quartile, p.mads_from_median]),
        [
          ['A01', 1, 1, -1.5], // 10 ≤ the lower quartile 20
          ['A02', 2, 1, -0.5], // 20 is at the lower quartile
          ['A03', 2, 1, -0.5],
          ['A04', 4, 3, 0.5], // above the median 25, at most the upper quartile 45
          ['A05', 5, 4, 2.5], // above the upper quartile
          ['A06', 6, 4, 5.5],
        ],
      );
      const p = got.A01;
      assert.deepEqual([p.polarity, p.count, p.mean, p.median, p.lower_quartile, p.upper_quartile, p.mad], ['lower', 6, 35, 25, 20, 45, 10]);
    });

    it('gives no quartile or rank for a metric without a polarity, and no MADs from the median when the MAD is 0', async () => {
      // SPEND 100 200 300: median 200, quartiles 150 and 250, MAD median(100, 0, 100) = 100.
      const spend = (await benchmark('hand', { metric: 'SPEND', period: '2023-24', area: 'A01' })).json;
      assert.deepEqual(
        [spend.polarity, spend.value, spend.median, spend.lower_quartile, spend.upper_quartile, spend.mad, spend.quartile, spend.rank, spend.mads_from_median],
        [null, 100, 200, 150, 250, 100, null, null, -1],
      );
      // COUNT 5 5 5: not in the metrics file, so titled by its code; the MAD is 0.
      const count = (await benchmark('hand', { metric: 'COUNT', period: '2023-24', area: 'A02' })).json;
      assert.deepEqual([count.metric_title, count.polarity, count.median, count.mad, count.quartile, count.rank, count.mads_from_median], ['COUNT', null, 5, 0, null, null, null]);
    });

    it('answers for an area with no value then: the figures, and value, quartile, rank and MADs null', async () => {
      const res = await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A07' });
      assert.equal(res.status, 200);
      assert.deepEqual(
        [res.json.area_name, res.json.value, res.json.count, res.json.median, res.json.quartile, res.json.rank, res.json.mads_from_median],
        ['Area Seven, the new one', null, 6, 37.5, null, null, null],
      );
    });

    it('gives a group’s count, mean and median over its members with a value', async () => {
      // North: A01 7, A02 15, A03 36 → mean 58 / 3, median 15.
      const north = (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A02', group: 'North' })).json;
      assert.deepEqual([north.group, north.group_count, north.group_mean, north.group_median], ['North', 3, 58 / 3, 15]);
      assert.equal(north.rank, 5, 'the rank is still among every area');
      // South: A04 39, A05 40, A06 41 (A07 has no value) → 40 and 40. A07 itself may ask.
      const south = (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A07', group: 'South' })).json;
      assert.deepEqual([south.value, south.group_count, south.group_mean, south.group_median], [null, 3, 40, 40]);
    });

    it('gives the area’s nearest neighbours as its group', async () => {
      // A01's set: A01 7, A04 39, A06 41 → mean 87 / 3 = 29, median 39.
      const one = (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A01', group: 'neighbours' })).json;
      assert.deepEqual([one.group, one.group_count, one.group_mean, one.group_median], ['neighbours', 3, 29, 39]);
      // A02's set (itself not in it): A03 36, A05 40 → 38 and (36 + 40) / 2 = 38.
      const two = (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A02', group: 'neighbours' })).json;
      assert.deepEqual([two.group_count, two.group_mean, two.group_median], [2, 38, 38]);
    });

    it('gives every metric of a period at once without metric, with the group’s figures for each', async () => {
      const res = await benchmark('hand', { period: '2023-24', area: 'A01', group: 'North' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res.json.items.map((p) => [p.metric, p.value, p.rank, p.group_count, p.group_mean, p.group_median]),
        [
          ['COUNT', 5, null, 3, 5, 5],
          ['RECYCLING', 7, 6, 3, 58 / 3, 15],
          ['SPEND', 100, null, 3, 200, 200],
          ['WAIT', 10, 1, 3, 50 / 3, 20],
        ],
      );
      // 2022-23 for the new area: COUNT is its alone; it has no RECYCLING value then.
      const seven = await benchmark('hand', { period: '2022-23', area: 'A07' });
      assert.deepEqual(
        seven.json.items.map((p) => [p.metric, p.value, p.count, p.median, p.group]),
        [
          ['COUNT', 9, 1, 9, undefined],
          ['RECYCLING', null, 4, 25, undefined],
        ],
      );
    });

    it('answers 404 naming the unknown dataset, metric, period, area or group', async () => {
      const cases = [
        ['/api/v1/datasets/nope', /There is no dataset called 'nope'/],
        ['/api/v1/datasets/nope/benchmark?period=2023-24&area=A01', /There is no dataset called 'nope'/],
        ['/api/v1/datasets/hand/benchmark?metric=NOPE&period=2023-24&area=A01', /The dataset hand has no metric 'NOPE'/],
        ['/api/v1/datasets/hand/benchmark?metric=WAIT&period=2030-31&area=A01', /The dataset hand has no period '2030-31'/],
        ['/api/v1/datasets/hand/benchmark?period=2030-31&area=A01', /The dataset hand has no period '2030-31'/],
        ['/api/v1/datasets/hand/benchmark?metric=SPEND&period=2022-23&area=A01', /The dataset hand has no values of SPEND for '2022-23'/],
        ['/api/v1/datasets/hand/benchmark?metric=WAIT&period=2023-24&area=Z99', /The dataset hand has no area 'Z99'/],
        ['/api/v1/datasets/hand/benchmark?period=2023-24&area=Z99', /The dataset hand has no area 'Z99'/],
        ['/api/v1/datasets/hand/benchmark?metric=WAIT&period=2023-24&area=A01&group=East', /The dataset hand has no group 'East'; its groups are 'North' and 'South'/],
        ['/api/v1/datasets/hand/benchmark?metric=WAIT&period=2023-24&area=A03&group=neighbours', /The dataset hand has no nearest neighbours for 'A03'/],
      ];
      for (const [p, detail] of cases) assertProblem(await srv.admin('GET', p), 404, { detail });
    });

    it('answers 422 naming a missing period or area, and a query parameter it does not know', async () => {
      const none = await srv.admin('GET', '/api/v1/datasets/hand/benchmark?metric=WAIT');
      const p = assertProblem(none, 422, { fields: ['period', 'area'] });
      assert.deepEqual(p.errors.map((e) => e.field), ['period', 'area']);
      assertProblem(await srv.admin('GET', '/api/v1/datasets/hand/benchmark?metric=WAIT&period=2023-24&area='), 422, { fields: ['area'] });
      assertProblem(await srv.admin('GET', '/api/v1/datasets/hand/benchmark?period=2023-24&area=A01&colour=red'), 422, { fields: ['colour'] });
    });

    it('answers 401 to anyone not signed in', async () => {
      for (const p of ['/api/v1/datasets', '/api/v1/datasets/hand', '/api/v1/datasets/hand/benchmark?period=2023-24&area=A01'])
        assertProblem(await srv.api('GET', p), 401);
      assertProblem(await srv.api('POST', '/api/v1/datasets', { body: { name: 'anon', values: HAND_VALUES } }), 401);
    });

    it('lets only a role for the whole council import: a viewer and a unit’s editor get 403, and nothing is stored', async () => {
      const before = counts();
      const body = { name: 'other', values: HAND_VALUES };
      assertProblem(await as('viewer')('POST', '/api/v1/datasets', { body }), 403, { detail: /a role that may change things for the whole council/ });
      assertProblem(await as('scoped')('POST', '/api/v1/datasets', { body }), 403);
      assert.deepEqual(counts(), before);
      const res = await as('editor')('POST', '/api/v1/datasets', { body });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.title, 'other', 'no title: the name');
      assert.equal(auditRows(srv.dbPath, res.json.id)[0].actor, 'cora');
    });

    it('replaces an earlier import of the same name in one go: 200, version 2, the new figures, title kept', async () => {
      const changed = HAND_VALUES.replace('A04,Area Four,RECYCLING,2023-24,39,,', 'A04,Area Four,RECYCLING,2023-24,38,,');
      const res = await srv.admin('POST', '/api/v1/datasets', { body: { name: 'other', values: changed, metrics: HAND_METRICS, title: 'Other, again' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.version, 2);
      assert.equal(res.json.value_count, 23);
      const again = await srv.admin('POST', '/api/v1/datasets', { body: { name: 'other', values: changed } });
      assert.equal(again.status, 200);
      assert.equal(again.json.version, 3);
      assert.equal(again.json.title, 'Other, again', 'a title left out is kept');
      assert.equal(again.json.metrics.find((m) => m.metric === 'WAIT').polarity, null, 'the metrics file is replaced too');
      const p = (await benchmark('other', { metric: 'RECYCLING', period: '2023-24', area: 'A04' })).json;
      assert.equal(p.value, 38);
      assert.equal(Number(srv.sql(`SELECT count(*) FROM dataset_values v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = 'other'`)), 23);
      const audit = auditRows(srv.dbPath, res.json.id);
      assert.deepEqual(audit.map((a) => [a.action, a.before?.version ?? null, a.after.version]), [
        ['create', null, 1],
        ['import', 1, 2],
        ['import', 2, 3],
      ]);
    });

    it('refuses a name that could not be an address, naming the field', async () => {
      const res = await srv.admin('POST', '/api/v1/datasets', { body: { name: 'Oflog ASC', values: HAND_VALUES } });
      assertProblem(res, 422, { fields: ['name'] });
      assertProblem(await srv.admin('POST', '/api/v1/datasets', { body: { name: 'x', colour: 'red' } }), 422, { fields: ['values', 'colour'] });
      assertProblem(await srv.admin('POST', '/api/v1/datasets', { body: { name: 'x', values: HAND_VALUES, neighbours: 3 } }), 422, { fields: ['neighbours'] });
    });
  });

  describe('bad files', () => {
    // Each bad file, and the one fault it must be refused for.
    const BAD = [
      {
        what: 'a value that is not a number',
        files: { values: HAND_VALUES.replace('A03,Area Three,RECYCLING,2023-24,36,,', 'A03,Area Three,RECYCLING,2023-24,abc,,') },
        errors: [{ field: 'values line 4, column value', message: "'abc' is not a number" }],
      },
      {
        what: 'a polarity that is neither higher nor lower',
        files: { values: HAND_VALUES, metrics: HAND_METRICS.replace('WAIT,Days to answer a letter,lower', 'WAIT,Days to answer a letter,up') },
        errors: [{ field: 'metrics line 3, column polarity', message: "'up' is neither higher nor lower (leave it blank when neither is better)" }],
      },
      {
        what: 'a missing column',
        files: { values: 'area_code,area_name,metric,period\nA01,Area One,RECYCLING,2023-24\n' },
        errors: [{ field: 'values line 1', message: 'The column "value" is missing from the first line' }],
      },
      {
        what: 'a second value for the same area, metric and period',
        files: { values: `${HAND_VALUES}A02,Area Two,WAIT,2023-24,21,,\n` },
        errors: [{ field: 'values line 25', message: 'A02 already has a value of WAIT for 2023-24 on line 13; give each area one value for a metric and period' }],
      },
      {
        what: 'a group naming an area the values do not hold',
        files: { values: HAND_VALUES, groups: `${HAND_GROUPS}North,Z99\n` },
        errors: [{ field: 'groups line 9, column area_code', message: "'Z99' is not an area in the values file" }],
      },
      {
        what: 'neighbours naming an area the values do not hold',
        files: { values: HAND_VALUES, neighbours: { A01: ['A02', 'Z99'] } },
        errors: [{ field: 'neighbours, area A01', message: "Item 2, 'Z99', is not an area in the values file" }],
      },
    ];

    let dataset;
    let baseline;
    before(async () => {
      dataset = (await srv.admin('GET', '/api/v1/datasets/hand')).json;
      baseline = (await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A04', group: 'North' })).json;
    });
    // Nothing stored, and the earlier import of the name as it was.
    async function assertNothingChanged(before, list) {
      assert.deepEqual(counts(), before);
      assert.deepEqual((await srv.admin('GET', '/api/v1/datasets')).json, list);
      assert.deepEqual((await srv.admin('GET', '/api/v1/datasets/hand')).json, dataset);
      assert.deepEqual((await benchmark('hand', { metric: 'RECYCLING', period: '2023-24', area: 'A04', group: 'North' })).json, baseline);
    }

    for (const bad of BAD) {
      it(`refuses ${bad.what} whole, through the API and the command line, naming the line, and stores nothing`, async () => {
        const before = counts();
        const list = (await srv.admin('GET', '/api/v1/datasets')).json;
        // Over the earlier import of "hand", and as a new dataset.
        for (const name of ['hand', 'fresh']) {
          const res = await srv.admin('POST', '/api/v1/datasets', { body: { name, ...bad.files } });
          const p = assertProblem(res, 422);
          assert.equal(p.detail, 'The dataset was not imported: 1 problem found, and nothing was written.');
          assert.deepEqual(p.errors, bad.errors);
          await assertNothingChanged(before, list);

          const f = files(`${name}-${bad.what.replaceAll(' ', '-')}`, bad.files);
          const cli = await srv.cli(importArgs(name, f));
          assert.equal(cli.code, 1, cli.stdout);
          assert.match(cli.stderr, /The dataset was not imported: 1 problem found, and nothing was written\./);
          for (const e of bad.errors) assert.ok(cli.stderr.includes(`  ${e.field}: ${e.message}\n`), cli.stderr);
          await assertNothingChanged(before, list);
        }
      });
    }

    it('names every fault of every file at once, in line order within each file', async () => {
      const before = counts();
      const list = (await srv.admin('GET', '/api/v1/datasets')).json;
      const values = `area_code,area_name,metric,period,value
A01,Area One,M1,2023-24,1
A02,Area Two,M1,2023-24,n/a
A01,Area One,M1,2023-24,3
A03,"Area "Three",M1,2023-24,4
A04,Area Four,M1,,
A05,Area Five,M1,2023-24
A01,Area One,M1,2023-24,5
`;
      const res = await srv.admin('POST', '/api/v1/datasets', {
        body: { name: 'hand', values, metrics: 'metric,title,polarity\nM1,One,up\nM9,Nine,higher\n', groups: 'group,area_code\nneighbours,A01\n' },
      });
      const p = assertProblem(res, 422);
      assert.equal(p.detail, 'The dataset was not imported: 10 problems found, and nothing was written.');
      assert.deepEqual(p.errors, [
        { field: 'values line 3, column value', message: "'n/a' is not a number" },
        { field: 'values line 4', message: 'A01 already has a value of M1 for 2023-24 on line 2; give each area one value for a metric and period' },
        { field: 'values line 5', message: 'The file is not valid CSV at character 12: text follows a closing quote; write "" for a quote inside a value' },
        { field: 'values line 6, column period', message: 'The period is blank' },
        { field: 'values line 6, column value', message: 'The value is blank; leave the line out when there is no value' },
        { field: 'values line 7', message: 'This line has 4 values but the first line names 5 columns' },
        { field: 'values line 8', message: 'A01 already has a value of M1 for 2023-24 on line 2; give each area one value for a metric and period' },
        { field: 'groups line 2, column group', message: '"neighbours" is kept for each area\'s nearest neighbours; give the group another name' },
        { field: 'metrics line 2, column polarity', message: "'up' is neither higher nor lower (leave it blank when neither is better)" },
        { field: 'metrics line 3, column metric', message: "'M9' has no values in the values file" },
      ]);
      await assertNothingChanged(before, list);
    });
  });

  describe('the Oflog adult social care metrics', () => {
    const raw = () => records(path.join(FIXTURES, 'oflog_asc', 'ASC_data.csv')).filter((r) => r.Value.trim() !== '');
    const nn = () => JSON.parse(readFileSync(path.join(FIXTURES, 'oflog_asc', 'NN.json'), 'utf8'));

    before(async () => {
      const out = path.join(dir, 'oflog');
      execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'convert', 'oflog-asc.mjs'), path.join(FIXTURES, 'oflog_asc', 'ASC_data.csv'), path.join(FIXTURES, 'oflog_asc', 'NN.json'), out]);
      const cli = await srv.cli([
        'import', 'dataset', 'oflog-asc', '--db', srv.dbPath, '--values', path.join(out, 'values.csv'), '--metrics', path.join(out, 'metrics.csv'),
        '--neighbours', path.join(out, 'neighbours.json'), '--title', 'Oflog adult social care metrics', '--source', 'communitiesuk/oflog-automated-text',
      ]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(cli.stdout.trim(), 'Imported the dataset oflog-asc: 6078 values of 7 metrics for 157 areas in 8 periods; 0 groups, 152 neighbour sets.');
    });

    it('gives Trafford’s ASC5 2022-23 the median and MADs from the median Oflog published', async () => {
      const res = await benchmark('oflog-asc', { metric: 'ASC5', period: '2022-23', area: 'E08000009' });
      assert.equal(res.status, 200, res.text);
      const p = res.json;
      assert.deepEqual([p.area_name, p.value, p.polarity, p.metric_title], ['Trafford', 48.3, 'higher', 'Outcome of short-term services: sequel to service']);
      near(p.median, 78.2, 1e-12, 'median');
      near(p.mads_from_median, -3.397727273, 1e-9, 'MADs from the median');
      // Worked out here from the raw file: rank among the councils, and quartile 4.
      const year = raw().filter((r) => r.Code === 'ASC5' && r['Financial year'] === '2022-23').map((r) => Number(r.Value));
      assert.equal(p.count, year.length);
      assert.equal(p.rank, 1 + year.filter((v) => v > 48.3).length);
      assert.equal(p.quartile, 4);
      near(p.mean, mean(year), 1e-12, 'mean');
    });

    it('agrees with the published MEDIAN and MADs_from_median column for a sample of every metric and year', async () => {
      const rows = raw();
      let checked = 0;
      for (let i = 0; i < rows.length; i += 37) {
        const r = rows[i];
        const p = (await benchmark('oflog-asc', { metric: r.Code, period: r['Financial year'], area: r['Local authority code'] })).json;
        const where = `${r.Code} ${r['Financial year']} ${r['Local authority name']}`;
        assert.equal(p.value, Number(r.Value), where);
        near(p.median, Number(r.MEDIAN), 1e-8, `${where} median`);
        near(p.mads_from_median, Number(r.MADs_from_median), 1e-8, `${where} MADs from the median`);
        checked++;
      }
      assert.ok(checked > 150, `${checked} rows checked`);
    });

    it('gives a metric Oflog ranks neither way no quartile and no rank', async () => {
      const p = (await benchmark('oflog-asc', { metric: 'ASC6', period: '2022-23', area: 'E08000009' })).json;
      assert.deepEqual([p.polarity, p.quartile, p.rank], [null, null, null]);
      assert.equal(typeof p.mads_from_median, 'number');
    });

    it('gives Trafford’s nearest neighbours’ count, mean and median as worked out from NN.json', async () => {
      const set = new Set(nn().E08000009);
      const values = raw().filter((r) => r.Code === 'ASC5' && r['Financial year'] === '2022-23' && set.has(r['Local authority code'])).map((r) => Number(r.Value));
      const p = (await benchmark('oflog-asc', { metric: 'ASC5', period: '2022-23', area: 'E08000009', group: 'neighbours' })).json;
      assert.equal(p.group_count, values.length);
      assert.equal(p.group_count, 16);
      near(p.group_mean, mean(values), 1e-12, 'neighbours’ mean');
      near(p.group_median, median(values), 1e-12, 'neighbours’ median');
    });
  });

  describe('the Scottish LGBF', () => {
    let out;
    before(async () => {
      out = path.join(dir, 'lgbf');
      const raw = path.join(FIXTURES, 'lgbf_scotland');
      execFileSync(process.execPath, [
        path.join(repoRoot, 'scripts', 'convert', 'lgbf-scotland.mjs'),
        path.join(raw, 'LGBF_ScotDataReal_ISSpatialHub.csv'), path.join(raw, 'Indicator Information.csv'), path.join(raw, 'Family Groups.csv'), out,
      ]);
      const cli = await srv.cli(['import', 'dataset', 'lgbf-scotland', '--db', srv.dbPath, '--values', path.join(out, 'values.csv'), '--metrics', path.join(out, 'metrics.csv'), '--groups', path.join(out, 'groups.csv')]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(cli.stdout.trim(), 'Imported the dataset lgbf-scotland: 35466 values of 108 metrics for 32 areas in 49 periods; 8 groups, 0 neighbour sets.');
    });

    it('gives Stirling’s ENV06 2022-23 family group the average the LGBF published', async () => {
      const p = (await benchmark('lgbf-scotland', { metric: 'ENV06', period: '2022-23', area: 'S12000030', group: 'Family Group 2 (rurality)' })).json;
      assert.deepEqual([p.area_name, p.value, p.polarity, p.group_count], ['Stirling', 0.51, 'higher', 8]);
      near(p.group_mean, 0.51875, 1e-12, 'family group average');
    });

    it('agrees with the published FG_Avg_Indicator_Real for a sample of rows, each in its metric’s family groups', async () => {
      const grouping = Object.fromEntries(records(path.join(out, 'family-grouping.csv')).map((r) => [r.metric, r.grouping]));
      const codes = Object.fromEntries(records(path.join(out, 'values.csv')).map((r) => [r.area_name, r.area_code]));
      const number = { Rural: 1, 'Least Deprived': 1, 2: 2, 3: 3, Urban: 4, 'Most Deprived': 4 };
      const rows = records(path.join(FIXTURES, 'lgbf_scotland', 'LGBF_ScotDataReal_ISSpatialHub.csv')).filter((r) => r.Code && r.LA_IndicatorReal !== '' && r.FG_Avg_Indicator_Real !== '');
      let checked = 0;
      for (let i = 0; i < rows.length; i += 301) {
        const r = rows[i];
        const group = `Family Group ${number[r.FamilyGroup]} (${grouping[r.Code]})`;
        const res = await benchmark('lgbf-scotland', { metric: r.Code, period: r.Year, area: codes[r.LocalAuthority], group });
        assert.equal(res.status, 200, `${r.Code} ${r.Year} ${r.LocalAuthority}: ${res.text}`);
        near(res.json.group_mean, Number(r.FG_Avg_Indicator_Real), 5e-4, `${r.Code} ${r.Year} ${r.LocalAuthority} family group average`);
        checked++;
      }
      assert.ok(checked > 100, `${checked} rows checked`);
    });

    it('gives a Goldilocks indicator, best at a midpoint, no quartile and no rank', async () => {
      const p = (await benchmark('lgbf-scotland', { metric: 'CORP03c', period: '2022-23', area: 'S12000030' })).json;
      assert.deepEqual([p.polarity, p.quartile, p.rank], [null, null, null]);
    });

    it('gives every metric of Stirling’s 2022-23 at once', async () => {
      const rows = records(path.join(FIXTURES, 'lgbf_scotland', 'LGBF_ScotDataReal_ISSpatialHub.csv')).filter((r) => r.Code && r.Year === '2022-23' && r.LA_IndicatorReal !== '');
      const metrics = [...new Set(rows.map((r) => r.Code))].sort();
      const res = await benchmark('lgbf-scotland', { period: '2022-23', area: 'S12000030' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.items.map((p) => p.metric).sort(), metrics);
      const env06 = res.json.items.find((p) => p.metric === 'ENV06');
      assert.equal(env06.value, 0.51);
    });
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
