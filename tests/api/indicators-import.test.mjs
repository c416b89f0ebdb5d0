// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicators and their values from CSV (issue 9, item 10): `civic import indicators FILE` and
// `civic import values FILE` on the server's own database, and the same files through
// POST /api/v1/indicators/import and /api/v1/indicator-values/import as text/csv. A bad file is
// refused whole, every problem named by its line (the physical line, counting the lines inside
// quoted fields) and its column, and nothing is stored. The export is imported into a fresh
// Civic and exported again, the same.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertProblem, assertStopsCleanly, create } from './harness.mjs';
import { indicatorKit, assertRating } from './indicators-support.mjs';

const enc = encodeURIComponent;

// The problems a refused CLI import printed, one "line N, column C: message" a line.
const problemLines = (stderr) => stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.slice(2));
// The same problems as the API names them.
const problemsOf = (p) => p.errors.map((e) => `${e.field}: ${e.message}`);

// Everything the imports write, with the audit trail, to show that a refused file wrote nothing.
const TABLES = ['indicators', 'indicator_values', 'indicator_targets', 'audit_log'];
const tableCounts = (srv) => Object.fromEntries(TABLES.map((t) => [t, Number(srv.sql(`SELECT count(*) FROM ${t}`))]));

const INDICATORS = [
  'code,title,unit,polarity,frequency,rag_rule,owner,entry_person,owner_unit,decimals,commentary_required,plausible_min,plausible_max,kind',
  'CS 04,Contacts handled by customer services,percentage,higher,quarterly,amber-within:5%,Sam Okafor,Lee Marsh,Customer Services,0,yes,0,100,statutory',
  'LT 01,Average days to answer a letter,days,lower,monthly,amber-within:2.5,Sam Okafor,,Customer Services,1,no,,,local',
  'BV 12,Budget variance,percentage,band,quarterly,"green-within:10%;amber-if:better-than-last-year",,,,1,,,,',
  '',
].join('\r\n');

const VALUES = [
  'indicator,period,value,numerator,denominator,target,note',
  'CS 04,2023/24,,,,81,National benchmark',
  'CS 04,Q1 2023/24,32,,,,Seed 004',
  'CS 04,2023/24 Q2,,45,60,,',
  'LT 01,2023-04,4.5,,,,',
  'LT 01,2023-05,5,,,5,"Two lines,',
  'of note"',
  '',
].join('\n');

describe('indicators from files', { timeout: 180000 }, () => {
  let srv;
  let kit;
  const u = {};
  const people = {};

  const file = async (name, text) => {
    const p = path.join(srv.dir, name);
    await writeFile(p, text);
    return p;
  };
  const importCli = async (what, name, text) => srv.cli(['import', what, await file(name, text), '--db', srv.dbPath]);
  const importApi = (what, text, contentType = 'text/csv') =>
    srv.admin('POST', what === 'indicators' ? '/api/v1/indicators/import' : '/api/v1/indicator-values/import', { rawBody: text, contentType });
  const codes = async (server = srv) => (await server.admin('GET', '/api/v1/indicators?limit=200')).json.items.map((i) => i.code);

  before(async () => {
    srv = await startServer();
    kit = indicatorKit(srv);
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'service', parent_id: u.council.id });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: u.customer.id, published: true });
    people.lee = await create(srv, 'people', { name: 'Lee Marsh', kind: 'officer', unit_id: u.customer.id, published: true });
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('indicators', () => {
    it('imports definitions with the command line: people and units by name, the council for a blank unit, one audit entry each', async () => {
      const r = await importCli('indicators', 'indicators.csv', INDICATORS);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `Imported 3 indicators from ${path.join(srv.dir, 'indicators.csv')}: 3 new, 0 changed.`);
      const all = (await srv.admin('GET', '/api/v1/indicators')).json.items;
      const by = Object.fromEntries(all.map((i) => [i.code, i]));
      assert.deepEqual(Object.keys(by).sort(), ['BV 12', 'CS 04', 'LT 01']);
      const fields = (i) => [i.title, i.measure_unit, i.polarity, i.frequency, i.rag_rule.text, i.owner_person_id, i.entry_person_id, i.unit_id, i.decimals, i.commentary_required, i.plausible_min, i.plausible_max, i.kind, i.aggregation, i.version];
      assert.deepEqual(fields(by['CS 04']), ['Contacts handled by customer services', 'percentage', 'higher', 'quarterly', 'amber-within:5%', people.sam.id, people.lee.id, u.customer.id, 0, true, 0, 100, 'statutory', 'mean', 1]);
      assert.deepEqual(fields(by['LT 01']), ['Average days to answer a letter', 'days', 'lower', 'monthly', 'amber-within:2.5', people.sam.id, null, u.customer.id, 1, false, null, null, 'local', 'mean', 1]);
      assert.deepEqual(fields(by['BV 12']), ['Budget variance', 'percentage', 'band', 'quarterly', 'green-within:10%;amber-if:better-than-last-year', null, null, u.council.id, 1, true, null, null, 'local', 'mean', 1]);
      for (const i of all) assert.deepEqual(srv.sqlRows(`SELECT actor, action FROM audit_log WHERE entity_id = '${i.id}'`), [{ actor: 'cli', action: 'create' }]);
    });

    it('changes only the indicators whose line says something new', async () => {
      const before = tableCounts(srv);
      let r = await importCli('indicators', 'again.csv', INDICATORS);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `Imported 0 indicators from ${path.join(srv.dir, 'again.csv')}: 0 new, 0 changed.`);
      assert.deepEqual(tableCounts(srv), before);
      r = await importCli('indicators', 'renamed.csv', INDICATORS.replace('Budget variance', 'Revenue budget variance'));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `Imported 1 indicator from ${path.join(srv.dir, 'renamed.csv')}: 0 new, 1 changed.`);
      const bv = srv.sqlRows("SELECT id, title, version FROM indicators WHERE code = 'BV 12'")[0];
      assert.deepEqual([bv.title, bv.version], ['Revenue budget variance', 2]);
      assert.deepEqual(srv.sqlRows(`SELECT action FROM audit_log WHERE entity_id = '${bv.id}' ORDER BY id`).map((a) => a.action), ['create', 'update']);
    });

    // Each bad line, and what the import says of it.
    const BAD_INDICATORS = [
      'code,title,unit,polarity,frequency,rag_rule,owner,decimals',
      'NEW 1,A good line,number,higher,annual,met,,0', // line 2: good, but not stored
      'NEW 2,Sideways,percentage,sideways,quarterly,met,,0', // line 3
      'NEW 3,Furlongs,furlongs,lower,weekly,amber-within:five,,0', // line 4: three problems
      'NEW 1,Again,number,lower,annual,met,,0', // line 5: the code of line 2
      'NEW 4,Owned by nobody,number,band,annual,met,Nobody Known,0', // line 6
      'NEW 5,Half a place,number,higher,annual,met,,0.5', // line 7
      'CS 04,Once more,percentage,Up,quarterly,met,,0', // line 8: a held indicator, changed badly
      '',
    ].join('\n');
    const BAD_INDICATOR_PROBLEMS = [
      'line 3, column polarity: Polarity must be higher, lower or band',
      'line 4, column unit: Unit of measure must be percentage, number, money, days, ratio or rate-per-1000',
      'line 4, column frequency: Frequency must be monthly, quarterly, annual or multi-year',
      "line 4, column rag_rule: The RAG rule 'amber-within:five' needs a margin: a number, or a percentage such as 5%",
      'line 5, column code: NEW 1 is already on line 2',
      "line 6, column owner: There is no one called 'Nobody Known' in the register",
      "line 7, column decimals: '0.5' is not a whole number",
      'line 8, column polarity: Polarity must be higher, lower or band',
    ];

    it('refuses a bad file whole with the command line, naming each problem\'s line and column, and stores nothing', async () => {
      const before = tableCounts(srv);
      const listed = await codes();
      const where = await file('bad-indicators.csv', BAD_INDICATORS);
      const r = await srv.cli(['import', 'indicators', where, '--db', srv.dbPath]);
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.stdout, '');
      assert.deepEqual(r.stderr.split('\n').slice(0, 2), [`civic: ${where} was not imported.`, 'civic: The file was not imported: 8 problems found, and nothing was written.']);
      assert.deepEqual(problemLines(r.stderr), BAD_INDICATOR_PROBLEMS);
      assert.deepEqual(tableCounts(srv), before);
      assert.deepEqual(await codes(), listed);
    });

    it('refuses the same file through the API with a 422 that names the same lines and columns, and stores nothing', async () => {
      const before = tableCounts(srv);
      const p = assertProblem(await importApi('indicators', BAD_INDICATORS), 422);
      assert.equal(p.detail, 'The file was not imported: 8 problems found, and nothing was written.');
      assert.deepEqual(problemsOf(p), BAD_INDICATOR_PROBLEMS);
      assert.deepEqual(tableCounts(srv), before);
      // A file without its required columns is refused by its first line.
      const header = assertProblem(await importApi('indicators', 'code,title\nX 1,Y\n'), 422);
      assert.deepEqual(problemsOf(header), ['unit', 'polarity', 'frequency', 'rag_rule'].map((c) => `line 1: The column "${c}" is missing from the first line`));
      assertProblem(await importApi('indicators', INDICATORS, 'application/json'), 415, { detail: /^Send the file as the body, with Content-Type: text\/csv\.$/ });
      assert.deepEqual(tableCounts(srv), before);
    });

    it('imports a good file through the API and answers what it did', async () => {
      const res = await importApi('indicators', 'code,title,unit,polarity,frequency,rag_rule,owner_unit\nAPI 1,Imported through the API,money,lower,annual,met,Customer Services\n');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { created: 1, updated: 0, values: 0, targets: 0, unchanged: 0 });
      const i = srv.sqlRows("SELECT id, measure_unit, unit_id FROM indicators WHERE code = 'API 1'")[0];
      assert.deepEqual([i.measure_unit, i.unit_id], ['money', u.customer.id]);
      assert.deepEqual(srv.sqlRows(`SELECT actor, action FROM audit_log WHERE entity_id = '${i.id}'`), [{ actor: 'admin', action: 'create' }]);
    });
  });

  describe('values', () => {
    it('imports values and targets with the command line: approved, a year\'s target profiled, one audit entry per value', async () => {
      const r = await importCli('values', 'values.csv', VALUES);
      assert.equal(r.code, 0, r.stderr);
      // Values: CS 04 Q1 and Q2, LT 01 April and May = 4. Targets: CS 04's year and its four
      // quarters, LT 01's May = 6.
      assert.equal(r.stdout.trim(), `Imported 4 values and 6 targets from ${path.join(srv.dir, 'values.csv')} (0 already held).`);
      const cs = await kit.values('CS 04');
      assert.deepEqual(cs.map((v) => [v.period, v.revision, v.status, v.value, v.numerator, v.denominator, v.note, v.entered_by, v.approved_by]), [
        ['2023/24 Q2', 1, 'approved', null, 45, 60, '', 'Command line', 'Command line'],
        ['2023/24 Q1', 1, 'approved', 32, null, null, 'Seed 004', 'Command line', 'Command line'],
      ]);
      const lt = await kit.values('LT 01');
      assert.deepEqual(lt.map((v) => [v.period, v.value, v.note]), [['2023-05', 5, 'Two lines,\nof note'], ['2023-04', 4.5, '']]);
      const targets = (await srv.admin('GET', `/api/v1/indicators/${enc('CS 04')}/targets`)).json.items;
      assert.deepEqual(targets.map((t) => [t.period, t.value, t.profiled_from]), [['2023/24', 81, null], ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => [`2023/24 ${q}`, 81, '2023/24'])]);
      const csId = srv.sql("SELECT id FROM indicators WHERE code = 'CS 04'");
      const audit = srv.sqlRows(`SELECT a.actor, a.action, a.after_json FROM audit_log a JOIN indicator_values v ON v.id = a.entity_id WHERE a.entity = 'indicator_value' AND v.indicator_id = '${csId}' ORDER BY v.period`);
      assert.deepEqual(audit.map((a) => [a.actor, a.action, JSON.parse(a.after_json).period]), [['cli', 'create', '2023/24 Q1'], ['cli', 'create', '2023/24 Q2']]);
      // Seed 004's figure, rated.
      assertRating(await kit.assess('CS 04', '2023/24 Q1'), { rag: 'red', deviation: -49, deviation_percent: -60.49382716049383, explanation: 'Red: 32% is 49 points below the target of 81%; the rule is amber within 5%.' }, 'CS 04');
      // 45 of 60 = 75%: 6 short of 81, beyond 4.05.
      assertRating(await kit.assess('CS 04', '2023/24 Q2'), { rag: 'red', deviation: -6, deviation_percent: -7.4074074074074066, explanation: 'Red: 75% is 6 points below the target of 81%; the rule is amber within 5%.' }, 'CS 04 Q2');
    });

    it('counts the values a file repeats as already held, and takes a different one only as a correction with its reason', async () => {
      let r = await importCli('values', 'values-again.csv', VALUES);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `Imported 0 values and 6 targets from ${path.join(srv.dir, 'values-again.csv')} (4 already held).`);
      assert.equal(srv.sql('SELECT count(*) FROM indicator_values'), '4');

      const before = tableCounts(srv);
      r = await importCli('values', 'correction.csv', 'indicator,period,value,numerator,denominator,target,note\nCS 04,2023/24 Q1,35,,,,\n');
      assert.equal(r.code, 1);
      assert.deepEqual(problemLines(r.stderr), ['line 2, column value: CS 04 2023/24 Q1 already has an approved value of 32%; a correction needs its reason in the reason column']);
      assert.deepEqual(tableCounts(srv), before);

      r = await importCli('values', 'correction.csv', 'indicator,period,value,numerator,denominator,target,note,reason\nCS 04,2023/24 Q1,35,,,,,The June calls were left out\n');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `Imported 1 value and 0 targets from ${path.join(srv.dir, 'correction.csv')} (0 already held).`);
      const q1 = await kit.values('CS 04', '2023/24 Q1');
      assert.deepEqual(q1.map((v) => [v.revision, v.status, v.value, v.reason]), [[1, 'superseded', 32, ''], [2, 'approved', 35, 'The June calls were left out']]);
      assert.equal((await kit.assess('CS 04', '2023/24 Q1')).value, 35);
    });

    // Each bad line, and what the import says of it. Line 3's note runs over two lines, so the
    // line after it is line 5.
    const BAD_VALUES = [
      'indicator,period,value,numerator,denominator,target,note',
      'CS 04,2024/25 Q1,50,,,,', // line 2: good, but not stored
      'CS 04,Q5 2024/25,1,,,,"A note', // line 3: not a period
      'over two lines"',
      'CS 04,2024/25 Q2,n/a,,,,', // line 5: not a number
      'XX 99,2024/25 Q2,5,,,,', // line 6: no such indicator
      'CS 04,Q1 2024-25,51,,,,', // line 7: the period of line 2 again
      'CS 04,2024/25,70,,,,', // line 8: a year's value for a quarterly indicator
      'CS 04,2024/25 Q4,,45,,,', // line 9: a numerator without its denominator
      'BV 12,2024/25,,,,5,', // line 10: a single target for a band
      'LT 01,2024-04,12abc,,,,', // line 11: not a number
      '',
    ].join('\n');
    const badValueProblems = [
      'line 3, column period: "Q5 2024/25" is not a period Civic knows: there is no quarter 5; a financial year has four, Q1 (April to June) to Q4 (January to March), as in 2025/26 Q1',
      "line 5, column value: 'n/a' is not a number; write it as 81, 81.5 or 1,250",
      'line 6, column indicator: There is no indicator XX 99 whose values you can change',
      'line 7, column period: CS 04 2024/25 Q1 is already on line 2',
      'line 8, column period: CS 04 is quarterly, so its values are for a quarter of the financial year, such as 2025/26 Q1',
      'line 9, column denominator: Enter the value, or its numerator and denominator',
      'line 10, column target: BV 12 is rated against a band: set its low and high ends through its page or the API',
      "line 11, column value: '12abc' is not a number; write it as 81, 81.5 or 1,250",
    ];
    const matches = (lines) => assert.deepEqual(lines, badValueProblems);

    it('refuses a bad values file whole with the command line, naming each problem\'s physical line and column, and stores nothing', async () => {
      const before = tableCounts(srv);
      const listed = await kit.values('CS 04');
      const where = await file('bad-values.csv', BAD_VALUES);
      const r = await srv.cli(['import', 'values', where, '--db', srv.dbPath]);
      assert.equal(r.code, 1, r.stdout);
      assert.deepEqual(r.stderr.split('\n').slice(0, 2), [`civic: ${where} was not imported.`, 'civic: The file was not imported: 8 problems found, and nothing was written.']);
      matches(problemLines(r.stderr));
      assert.deepEqual(tableCounts(srv), before);
      assert.deepEqual(await kit.values('CS 04'), listed);
    });

    it('refuses the same file through the API with a 422 naming the same places, and stores nothing; a good file answers what it did', async () => {
      const before = tableCounts(srv);
      const p = assertProblem(await importApi('values', BAD_VALUES), 422);
      assert.equal(p.detail, 'The file was not imported: 8 problems found, and nothing was written.');
      matches(problemsOf(p));
      assert.deepEqual(tableCounts(srv), before);
      assertProblem(await importApi('values', BAD_VALUES, 'text/plain'), 415);

      const res = await importApi('values', 'indicator,period,value,numerator,denominator,target,note\nCS 04,2024/25 Q1,50,,,,\nCS 04,2023/24 Q2,,45,60,,\n');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { created: 0, updated: 0, values: 1, targets: 0, unchanged: 1 });
      const [v] = await kit.values('CS 04', '2024/25 Q1');
      assert.deepEqual([v.status, v.value, v.entered_by, v.approved_by], ['approved', 50, srv.sql("SELECT display_name FROM users WHERE username = 'admin'"), srv.sql("SELECT display_name FROM users WHERE username = 'admin'")]);
    });
  });

  describe('export and import again', () => {
    let fresh;
    after(async () => {
      await fresh?.cleanup();
    });

    it('exports indicators and values that a fresh Civic imports to the same export and the same ratings', async () => {
      const exported = async (server, what) => {
        const r = await server.cli(['export', what, '--db', server.dbPath]);
        assert.equal(r.code, 0, r.stderr);
        return r.stdout;
      };
      const indicators = await exported(srv, 'indicators');
      const values = await exported(srv, 'values');
      assert.equal(indicators.split('\r\n')[0], 'code,title,unit,polarity,frequency,rag_rule,description,decimals,aggregation,kind,source,owner,entry_person,owner_unit,entry_deadline_days,plausible_min,plausible_max,baseline,baseline_period,commentary_required,benchmark_dataset,benchmark_metric,benchmark_area');
      assert.ok(indicators.includes('\r\nCS 04,Contacts handled by customer services,percentage,higher,quarterly,amber-within:5%,,0,mean,statutory,,Sam Okafor,Lee Marsh,Customer Services,10,0,100,,,yes,,,\r\n'), indicators);
      // The approved values (the correction, not the revision it replaced) and the targets set for
      // a period, not those profiled from a year.
      assert.equal(values, [
        'indicator,period,value,numerator,denominator,target,note,commentary',
        'CS 04,2023/24,,,,81,,',
        'CS 04,2023/24 Q1,35,,,,,',
        'CS 04,2023/24 Q2,,45,60,,,',
        'CS 04,2024/25 Q1,50,,,,,',
        'LT 01,2023-04,4.5,,,,,',
        'LT 01,2023-05,5,,,5,"Two lines,\nof note",',
        '',
      ].join('\r\n'));

      // A fresh Civic with the same council, service and people.
      fresh = await startServer();
      const council = await create(fresh, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
      const customer = await create(fresh, 'units', { name: 'Customer Services', kind: 'service', parent_id: council.id });
      for (const name of ['Sam Okafor', 'Lee Marsh']) await create(fresh, 'people', { name, kind: 'officer', unit_id: customer.id, published: true });
      const into = async (what, text) => {
        const where = path.join(fresh.dir, `${what}.csv`);
        await writeFile(where, text);
        const r = await fresh.cli(['import', what, where, '--db', fresh.dbPath]);
        assert.equal(r.code, 0, r.stderr);
      };
      await into('indicators', indicators);
      await into('values', values);
      assert.equal(await exported(fresh, 'indicators'), indicators);
      assert.equal(await exported(fresh, 'values'), values);
      assert.deepEqual(await codes(fresh), await codes());
      // The same figures give the same ratings.
      const strip = (a) => ({ ...a, indicator: { ...a.indicator, id: null }, value_record: null, target: a.target && { ...a.target, id: null, indicator_id: null, version: null, created_at: null, updated_at: null } });
      for (const [code, period] of [['CS 04', '2023/24 Q1'], ['CS 04', '2023/24 Q2'], ['CS 04', '2023/24'], ['LT 01', '2023-05']]) {
        const here = await kit.assess(code, period);
        const there = (await fresh.admin('GET', `/api/v1/indicators/${enc(code)}/assessment?period=${enc(period)}`)).json;
        assert.deepEqual(strip(there), strip(here), `${code} ${period}`);
      }
    });

    it('stops the fresh server cleanly', async () => {
      await assertStopsCleanly(fresh);
    });
  });

  it('refuses a command line it cannot read (exit 2) and an export of an indicator there is not (exit 1), storing nothing', async () => {
    const before = tableCounts(srv);
    let r = await srv.cli(['import', 'values', '--db', srv.dbPath]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /file is required/);
    r = await srv.cli(['import', 'dataset', 'walk', '--db', srv.dbPath]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--values is required/);
    r = await srv.cli(['import', 'values', path.join(srv.dir, 'no-such-file.csv'), '--db', srv.dbPath]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot read .*no-such-file\.csv: no such file, or no permission\./);
    r = await srv.cli(['export', 'values', '--indicator', 'NO SUCH', '--db', srv.dbPath]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^civic: nothing was exported\.\ncivic: There is no indicator NO SUCH\.\n$/);
    assert.deepEqual(tableCounts(srv), before);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
