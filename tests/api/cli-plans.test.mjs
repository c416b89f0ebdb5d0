// SPDX-License-Identifier: AGPL-3.0-or-later
// civic import plan, civic import plan-items and civic export plan: exit codes a script can
// rely on (0 done, 1 refused, 2 the command line itself was wrong), every problem on its own
// line, and all or nothing. The server runs throughout: the command line writes to the same
// database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, randomId, ID_RE } from './harness.mjs';

const PLAN_TABLES = ['plans', 'plan_items', 'plan_measures', 'plan_updates', 'links', 'audit_log'];

describe('CLI plan imports and exports', { timeout: 60000 }, () => {
  let srv;
  let planId;
  const file = (name) => path.join(srv.dir, name);
  const counts = () => Object.fromEntries(PLAN_TABLES.map((t) => [t, Number(srv.sql(`SELECT count(*) FROM ${t}`))]));
  const cli = (args) => srv.cli([...args, '--db', srv.dbPath]);

  const document = {
    format: 'civic-plan',
    format_version: 1,
    plan: { kind: 'directorate', title: 'Corporate Support Plan 2026/27', period: '2026/27', unit: 'Corporate Support', rollup: 'majority' },
    items: [
      {
        ref: '1',
        kind: 'objective',
        title: 'Modern customer services',
        lead: 'Priya Chauhan',
        lead_unit: 'Customer Services and Business Transformation',
        themes: ['service delivery'],
        measures: [{ title: 'Calls answered within 60 seconds', timing: 'Quarterly' }],
        updates: [{ period: '2026/27 Q1', status: 'on track', percent_complete: 20, commentary: 'Telephony contract let.', author: 'Priya Chauhan' }],
      },
      { ref: '1.1', parent_ref: '1', kind: 'activity', title: 'Move the contact centre onto one telephone system', timing: 'by December 2026' },
    ],
    links: [],
  };

  before(async () => {
    srv = await startServer();
    const demo = await srv.cli(['demo', '--db', srv.dbPath]);
    assert.equal(demo.code, 0, demo.stderr);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('import plan: exits 0, prints the new plan’s id and what it holds, and stores it with an audit entry for each record', async () => {
    await writeFile(file('plan.json'), JSON.stringify(document));
    const before = counts();
    const r = await cli(['import', 'plan', file('plan.json')]);
    assert.equal(r.code, 0, r.stderr);
    const m = /^Imported the new plan (\S+) from .*plan\.json: 2 items, 1 measure, 1 progress update and 0 links\.$/m.exec(r.stdout);
    assert.ok(m, r.stdout);
    planId = m[1];
    assert.match(planId, ID_RE);
    const after = counts();
    assert.deepEqual(
      { plans: after.plans - before.plans, items: after.plan_items - before.plan_items, measures: after.plan_measures - before.plan_measures, updates: after.plan_updates - before.plan_updates, audit: after.audit_log - before.audit_log },
      { plans: 1, items: 2, measures: 1, updates: 1, audit: 5 },
    );
    assert.deepEqual(srv.sqlRows(`SELECT title, kind, period, status, rollup, plan_version FROM plans WHERE id = '${planId}'`), [
      { title: 'Corporate Support Plan 2026/27', kind: 'directorate', period: '2026/27', status: 'draft', rollup: 'majority', plan_version: 1 },
    ]);
    assert.deepEqual(
      srv.sqlRows(`SELECT entity, action FROM audit_log WHERE entity_id = '${planId}'`),
      [{ entity: 'plan', action: 'create' }],
    );
    assert.deepEqual(
      srv.sqlRows(`SELECT u.period, u.status, u.percent_complete, u.entered_by, p.name AS author FROM plan_updates u JOIN plan_items i ON i.id = u.item_id JOIN people p ON p.id = u.author_person_id WHERE i.plan_id = '${planId}'`),
      [{ period: '2026/27 Q1', status: 'on track', percent_complete: 20, entered_by: 'Command line', author: 'Priya Chauhan' }],
    );
  });

  it('import plan: exits 1 for a document with faults, printing each on its own line, and stores nothing', async () => {
    const bad = structuredClone(document);
    bad.items[1].parent_ref = '7';
    bad.items[0].measures[0].timing = 'x'.repeat(501);
    bad.plan.period = 'next year';
    await writeFile(file('bad-plan.json'), JSON.stringify(bad));
    const before = counts();
    const r = await cli(['import', 'plan', file('bad-plan.json')]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines[0], `civic: ${file('bad-plan.json')} was not imported.`);
    assert.equal(lines[1], 'civic: The plan was not imported: 3 problems found, and nothing was written.');
    assert.deepEqual(lines.slice(2).map((l) => l.trim().split(':')[0]).sort(), ['items[0].measures[0].timing', 'items[1].parent_ref', 'plan.period']);
    assert.deepEqual(counts(), before);
  });

  it('import plan: exits 1 for a file that is not JSON, naming the line and column, and for a file that does not exist', async () => {
    await writeFile(file('broken.json'), '{"format": "civic-plan",\n  "plan": }\n');
    const before = counts();
    const broken = await cli(['import', 'plan', file('broken.json')]);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stderr, /not valid JSON \(line 2, column \d+/);
    const missing = await cli(['import', 'plan', file('no-such-plan.json')]);
    assert.equal(missing.code, 1, missing.stderr);
    assert.match(missing.stderr, /no-such-plan\.json/);
    assert.deepEqual(counts(), before);
  });

  it('import plan-items: exits 0 and adds the spreadsheet’s items and measures to the plan', async () => {
    await writeFile(
      file('items.csv'),
      [
        'Ref,Parent ref,Kind,Title,Measure,Timing,Lead,Unit,Themes',
        '2,,objective,Sound finances,Balanced budget set,by March 2027,Martin Hollis,"Finance, Assets and Efficiencies",use of resources',
        '2,,,,Reserves policy agreed,Sept 2026,,,',
        '2.1,2,activity,Review every contract over £500,,Ongoing,,Procurement,use of resources; governance',
        '2.1,,,,Savings reported to Cabinet,when the budget allows,,,',
        '',
      ].join('\r\n'),
    );
    const before = counts();
    const r = await cli(['import', 'plan-items', file('items.csv'), '--plan', planId]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Added to plan ${planId} from .*items\\.csv: 2 items, 3 measures, 0 progress updates and 0 links\\.$`, 'm'));
    // Timing words Civic cannot read are kept as written, and listed for a person to review.
    assert.match(r.stdout, /could not read, kept as written for a person to review:\n  2\.1: when the budget allows\n/);
    assert.deepEqual(
      srv.sqlRows(`SELECT m.title, m.timing, m.due_date FROM plan_measures m JOIN plan_items i ON i.id = m.item_id WHERE i.plan_id = '${planId}' AND i.ref = '2.1'`),
      [{ title: 'Savings reported to Cabinet', timing: 'when the budget allows', due_date: null }],
    );
    const after = counts();
    assert.equal(after.plan_items, before.plan_items + 2);
    assert.equal(after.plan_measures, before.plan_measures + 3);
    assert.equal(after.audit_log, before.audit_log + 5);
    assert.deepEqual(
      srv.sqlRows(`SELECT i.ref, i.timing, i.due_date, i.themes, u.name AS unit FROM plan_items i LEFT JOIN units u ON u.id = i.lead_unit_id WHERE i.plan_id = '${planId}' AND i.ref IN ('2', '2.1') ORDER BY i.ref`),
      [
        { ref: '2', timing: '', due_date: null, themes: '["use of resources"]', unit: 'Finance, Assets and Efficiencies' },
        { ref: '2.1', timing: 'Ongoing', due_date: null, themes: '["use of resources","governance"]', unit: 'Procurement' },
      ],
    );
  });

  it('import plan-items: exits 1 for a spreadsheet with faults, one line a problem, and stores nothing', async () => {
    await writeFile(
      file('bad-items.csv'),
      ['Ref,Parent ref,Kind,Title,Lead,Status', '3,,objective,People,Nobody Known,', '3.1,3,activity,Training,,half done', '2,,objective,Again,,', ''].join('\n'),
    );
    const before = counts();
    const r = await cli(['import', 'plan-items', file('bad-items.csv'), '--plan', planId]);
    assert.equal(r.code, 1, r.stderr);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(
      problems.map((l) => l.trim().split(':')[0]),
      ['line 2, column lead', 'line 3, column status', 'line 4, column ref'],
    );
    assert.match(problems[1], /Status must be not started, on track, at risk, off track, complete, deferred or cancelled/);
    assert.match(problems[2], /already has an item 2: Sound finances/);
    assert.deepEqual(counts(), before);
  });

  it('import plan-items: exits 1 for a plan that does not exist, and stores nothing', async () => {
    const before = counts();
    for (const id of [randomId(), 'not-an-id']) {
      const r = await cli(['import', 'plan-items', file('items.csv'), '--plan', id]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /There is no plan with this id/);
    }
    assert.deepEqual(counts(), before);
  });

  it('export plan: exits 0 and writes the document to standard output, or to --output', async () => {
    const r = await cli(['export', 'plan', planId]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.format, 'civic-plan');
    assert.equal(doc.plan.title, 'Corporate Support Plan 2026/27');
    assert.deepEqual(doc.items.map((i) => i.ref), ['1', '1.1', '2', '2.1']);
    const out = file('export.json');
    const w = await cli(['export', 'plan', planId, '--output', out]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stdout, /Wrote plan .* to .*export\.json/);
    assert.equal(readFileSync(out, 'utf8'), r.stdout);
  });

  it('export plan: exits 1 for a plan that does not exist, or a file it cannot write, and writes no file', async () => {
    const missing = await cli(['export', 'plan', randomId(), '--output', file('none.json')]);
    assert.equal(missing.code, 1, missing.stderr);
    assert.match(missing.stderr, /There is no plan with this id/);
    assert.equal(existsSync(file('none.json')), false);
    const nowhere = path.join(srv.dir, 'no-such-folder', 'plan.json');
    const r = await cli(['export', 'plan', planId, '--output', nowhere]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Cannot write .*no-such-folder/);
    assert.equal(existsSync(nowhere), false);
  });

  it('exits 2 with one line for a command line that is wrong, and stores nothing', async () => {
    const cases = [
      ['import', 'plan'],
      ['import', 'plan', file('plan.json'), '--frobnicate'],
      ['import', 'plan-items', file('items.csv')],
      ['import', 'plan-items', file('items.csv'), '--plan'],
      ['import', 'plan-items', file('items.csv'), '--plan', planId, '--frobnicate'],
      ['export', 'plan'],
      ['export', 'plan', planId, '--frobnicate'],
      ['export'],
    ];
    const before = counts();
    for (const args of cases) {
      const r = await cli(args);
      const what = `civic ${args.join(' ')}`;
      assert.equal(r.code, 2, `${what} exited ${r.code}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
      assert.equal(lines.length, 1, `${what} printed one line: ${JSON.stringify(r.stderr)}`);
    }
    assert.deepEqual(counts(), before);
  });
});
