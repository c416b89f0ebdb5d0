// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans from files: seed 002's spreadsheet (data/demo/plans/service-plan-1999.csv) imported
// into a plan, item by item and measure by measure; the JSON document exported, imported into a
// fresh Civic holding the same demo council and exported again, identical; and bad files
// refused, every problem named by line and column (a spreadsheet) or by JSON path (a
// document), with nothing stored. Through the command line, on the server's own database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot, ID_RE } from './harness.mjs';

const SEED_002 = path.join(repoRoot, 'data', 'demo', 'plans', 'service-plan-1999.csv');

// RFC 4180, enough for the seed files: quoted fields with commas, quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, n) => [h, r[n]])));
}

// The rows of the plan tables and the audit trail, to show that a refused file wrote nothing.
const PLAN_TABLES = ['plans', 'plan_items', 'plan_measures', 'plan_updates', 'links', 'audit_log'];
function planCounts(srv) {
  return Object.fromEntries(PLAN_TABLES.map((t) => [t, Number(srv.sql(`SELECT count(*) FROM ${t}`))]));
}

// A plan with no items, made through a document, for a spreadsheet to fill.
async function emptyPlan(srv, title) {
  const file = path.join(srv.dir, `${title.replaceAll(' ', '-')}.json`);
  await writeFile(
    file,
    JSON.stringify({
      format: 'civic-plan',
      format_version: 1,
      plan: { kind: 'service', title, period: '1999/2000', unit: "Chief Executive's Office" },
      items: [],
      links: [],
    }),
  );
  const r = await srv.cli(['import', 'plan', file, '--db', srv.dbPath]);
  assert.equal(r.code, 0, r.stderr);
  const id = /Imported the new plan (\S+) /.exec(r.stdout)?.[1];
  assert.match(id ?? '', ID_RE, r.stdout);
  return id;
}

async function exportPlan(srv, id) {
  const r = await srv.cli(['export', 'plan', id, '--db', srv.dbPath]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function importDocument(srv, doc, name) {
  const file = path.join(srv.dir, name);
  await writeFile(file, JSON.stringify(doc, null, 2));
  return srv.cli(['import', 'plan', file, '--db', srv.dbPath]);
}

// The problems a refused import printed, one "where: message" a line.
const problemLines = (stderr) => stderr.split('\n').filter((l) => l.startsWith('  '));

describe('plans from files', { timeout: 120000 }, () => {
  let srv;
  let fresh;
  let planId;
  const seed = parseCsv(readFileSync(SEED_002, 'utf8'));

  before(async () => {
    srv = await startServer();
    const demo = await srv.cli(['demo', '--db', srv.dbPath]);
    assert.equal(demo.code, 0, `civic demo: ${demo.stderr}`);
    fresh = await startServer();
    const demo2 = await fresh.cli(['demo', '--db', fresh.dbPath]);
    assert.equal(demo2.code, 0, `civic demo: ${demo2.stderr}`);
  });
  after(async () => {
    await srv?.cleanup();
    await fresh?.cleanup();
  });

  it('imports seed 002 into a plan: every item and every measure of the spreadsheet, in order', async () => {
    planId = await emptyPlan(srv, 'Seed 002 by spreadsheet');
    const before = planCounts(srv);
    const r = await srv.cli(['import', 'plan-items', SEED_002, '--plan', planId, '--db', srv.dbPath]);
    assert.equal(r.code, 0, r.stderr);
    // The file's items are its refs; the lines with a Measure are its measures.
    const refs = [...new Set(seed.map((row) => row.Ref))];
    const measureRows = seed.filter((row) => row.Measure !== '');
    assert.equal(refs.length, 105);
    assert.equal(measureRows.length, 158);
    assert.match(r.stdout, new RegExp(`Added to plan ${planId} from .*: 105 items, 158 measures, 0 progress updates and 0 links\\.`));

    const after = planCounts(srv);
    assert.equal(after.plan_items, before.plan_items + 105);
    assert.equal(after.plan_measures, before.plan_measures + 158);
    assert.equal(after.audit_log, before.audit_log + 105 + 158, 'one audit entry per item and per measure');

    const items = srv.sqlRows(
      `SELECT i.ref, i.kind, i.title, p.ref AS parent_ref FROM plan_items i LEFT JOIN plan_items p ON p.id = i.parent_id WHERE i.plan_id = '${planId}'`,
    );
    const byRef = Object.fromEntries(items.map((i) => [i.ref, i]));
    // Every activity of the service plan, 1.1 to 6.3.
    const activities = items.filter((i) => i.kind === 'activity').map((i) => i.ref);
    const expected = [];
    for (const [objective, count] of [[1, 5], [2, 6], [3, 15], [4, 5], [5, 3], [6, 3]])
      for (let n = 1; n <= count; n++) expected.push(`${objective}.${n}`);
    assert.deepEqual(activities.sort(), expected.sort());
    // Each item as its first line gives it, under the parent it names.
    for (const row of seed.filter((r2) => r2.Kind !== '')) {
      const item = byRef[row.Ref];
      assert.ok(item, `item ${row.Ref}`);
      assert.equal(item.kind, row.Kind, row.Ref);
      assert.equal(item.title, row.Title.trim(), row.Ref);
      assert.equal(item.parent_ref ?? '', row['Parent ref'], row.Ref);
    }
    // Each item's measures, in the spreadsheet's order, with their timing.
    const measures = srv.sqlRows(
      `SELECT i.ref, m.position, m.title, m.timing FROM plan_measures m JOIN plan_items i ON i.id = m.item_id WHERE i.plan_id = '${planId}' ORDER BY i.ref, m.position`,
    );
    for (const ref of refs) {
      const want = seed.filter((row) => row.Ref === ref && row.Measure !== '').map((row) => [row.Measure.trim(), row.Timing.trim()]);
      const got = measures.filter((m) => m.ref === ref).map((m) => [m.title, m.timing]);
      assert.deepEqual(got, want, `the measures of ${ref}`);
    }
    // A timing on a line with no measure is the item's own: 5.2c's "Not yet timetabled".
    assert.equal(srv.sql(`SELECT timing FROM plan_items WHERE plan_id = '${planId}' AND ref = '5.2c'`), 'Not yet timetabled');
    // Dates read from the words: "by July 1999" is due at the end of July.
    assert.equal(
      srv.sql(`SELECT m.due_date FROM plan_measures m JOIN plan_items i ON i.id = m.item_id WHERE i.plan_id = '${planId}' AND i.ref = '1.1' AND m.position = 1`),
      '1999-07-31',
    );
  });

  it('exports the plan and imports it into a fresh Civic holding the same council: the second export is the same document', async () => {
    const first = await exportPlan(srv, planId);
    assert.equal(first.format, 'civic-plan');
    assert.equal(first.format_version, 1);
    assert.equal(first.items.length, 105);
    assert.equal(first.items.reduce((n, i) => n + i.measures.length, 0), 158);
    // Items in their tree: each after its parent.
    const seen = new Set();
    for (const item of first.items) {
      if (item.parent_ref !== null) assert.ok(seen.has(item.parent_ref), `${item.ref} comes after ${item.parent_ref}`);
      seen.add(item.ref);
    }
    assert.equal(JSON.stringify(first).match(/"id"/), null, 'no ids in the document');

    const before = planCounts(fresh);
    const r = await importDocument(fresh, first, 'seed-002.json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: 105 items, 158 measures, 0 progress updates and 0 links\./);
    const newId = /Imported the new plan (\S+) /.exec(r.stdout)[1];
    assert.equal(planCounts(fresh).plans, before.plans + 1);
    const second = await exportPlan(fresh, newId);
    assert.deepEqual(second, first);
  });

  it('carries an approved plan with its progress updates across: the same document but for its approval, as an imported plan starts as a draft', async () => {
    const id = srv.sql(`SELECT id FROM plans WHERE kind = 'service' AND status = 'approved'`);
    const first = await exportPlan(srv, id);
    assert.equal(first.plan.status, 'approved');
    assert.equal(first.plan.approved_by, 'Chief Officer Board');
    assert.equal(first.items.reduce((n, i) => n + i.updates.length, 0), 112);
    const update = first.items.find((i) => i.ref === '1.1').updates[0];
    assert.deepEqual(Object.keys(update), ['period', 'status', 'percent_complete', 'commentary', 'author', 'entered_by']);
    assert.equal(update.period, '1999/00 Q1');
    assert.equal(update.author, 'Daniel Mercer');
    assert.equal(update.entered_by, 'demo');

    const r = await importDocument(fresh, first, 'service-plan.json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: 105 items, 158 measures, 112 progress updates and 0 links\./);
    const newId = /Imported the new plan (\S+) /.exec(r.stdout)[1];
    assert.deepEqual(fresh.sqlRows(`SELECT status, plan_version, approved_by_unit_id, approved_on FROM plans WHERE id = '${newId}'`), [
      { status: 'draft', plan_version: 1, approved_by_unit_id: null, approved_on: null },
    ]);
    const second = await exportPlan(fresh, newId);
    assert.deepEqual(second, { ...first, plan: { ...first.plan, status: 'draft', approved_by: null, approved_on: null } });
  });

  it('keeps the links between a plan’s items across an export and an import', async () => {
    const doc = {
      format: 'civic-plan',
      format_version: 1,
      plan: { kind: 'project', title: 'Linked items', period: '2025/26', unit: 'Improvement Programme Office' },
      items: [
        { ref: '1', kind: 'deliverable', title: 'New website', timing: 'by March 2026', lead: 'Fiona Rudge', themes: ['service delivery'] },
        { ref: '2', kind: 'milestone', title: 'Content audited', parent_ref: '1', timing: 'Sept 2025 - Dec 2025' },
      ],
      links: [{ from_ref: '1', to_ref: '2', kind: 'depends_on', note: 'The audit comes first' }],
    };
    const r = await importDocument(srv, doc, 'linked.json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: 2 items, 0 measures, 0 progress updates and 1 link\./);
    const id = /Imported the new plan (\S+) /.exec(r.stdout)[1];
    const out = await exportPlan(srv, id);
    assert.deepEqual(out.links, [{ from_ref: '1', to_ref: '2', kind: 'depends_on', note: 'The audit comes first' }]);
    assert.deepEqual(
      out.items.map((i) => [i.ref, i.parent_ref, i.lead, i.start_date, i.due_date]),
      [
        ['1', null, 'Fiona Rudge', null, '2026-03-31'],
        ['2', '1', null, '2025-09-01', '2025-12-31'],
      ],
    );
    const again = await importDocument(fresh, out, 'linked-again.json');
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await exportPlan(fresh, /Imported the new plan (\S+) /.exec(again.stdout)[1]), out);
  });

  describe('a spreadsheet with a fault is refused, naming the line and column, and nothing is stored', () => {
    let target;
    before(async () => {
      target = await emptyPlan(srv, 'Faults');
    });
    const header = 'Ref,Parent ref,Kind,Title,Measure,Timing,Lead';
    const cases = [
      ['an unknown parent ref', [header, '1,,objective,Top,,,', '1.1,9,activity,Orphan,A measure,by July 1999,'], 3, 'parent ref', /no item 9/],
      ['a ref used twice', [header, '1,,objective,Top,,,', '1.1,1,activity,One,,,', '1.1,1,activity,Again,,,'], 4, 'ref', /used already, by line 3/],
      ['items under each other', [header, '2.1,2.2,task,Loop a,,,', '2.2,2.1,task,Loop b,,,'], 2, 'parent ref', /cannot sit under itself: 2\.1 → 2\.2 → 2\.1/],
      ['an unknown lead', [header, '1,,objective,Top,,,Nobody Here'], 2, 'lead', /no person called "Nobody Here"/],
      ['a kind Civic does not have', [header, '1,,galaxy,Top,,,'], 2, 'kind', /Kind must be theme, objective, area, activity, task, deliverable, milestone or outcome/],
      ['a measure line with no measure', [header, '1,,objective,Top,,,', '1,,,,,,'], 3, 'measure', /Enter the measure this line adds to 1/],
      // Last: it leaves an item 1 in the plan.
      ['a ref the plan has already', [header, '1,,objective,Top,,,'], 2, 'ref', /already has an item 1:/, true],
    ];
    for (const [what, lines, line, column, message, needsItem] of cases) {
      it(`refuses ${what}`, async () => {
        if (needsItem) {
          const seeded = path.join(srv.dir, 'seed-item.csv');
          await writeFile(seeded, `${header}\n1,,objective,Already here,,,\n`);
          const ok = await srv.cli(['import', 'plan-items', seeded, '--plan', target, '--db', srv.dbPath]);
          assert.equal(ok.code, 0, ok.stderr);
        }
        const file = path.join(srv.dir, `${what.replaceAll(' ', '-')}.csv`);
        await writeFile(file, `${lines.join('\n')}\n`);
        const before = planCounts(srv);
        const r = await srv.cli(['import', 'plan-items', file, '--plan', target, '--db', srv.dbPath]);
        assert.equal(r.code, 1, r.stderr);
        const problems = problemLines(r.stderr);
        const named = problems.find((l) => l.startsWith(`  line ${line}, column ${column}: `));
        assert.ok(named, `names line ${line}, column ${column}: ${r.stderr}`);
        assert.match(named, message);
        assert.match(r.stderr, /nothing was written/);
        assert.deepEqual(planCounts(srv), before, 'nothing stored, no audit entry');
      });
    }
  });

  it('refuses a document with faults, naming each by its JSON path, and stores nothing', async () => {
    const id = srv.sql(`SELECT id FROM plans WHERE kind = 'improvement' AND status = 'approved'`);
    const doc = await exportPlan(srv, id);
    doc.items[3].parent_ref = '99';
    doc.items[1].updates[0].period = 'Q9';
    doc.items[2].lead = 'Nobody';
    doc.items[4].colour = 'red';
    doc.plan.unit = 'No Such Unit';
    doc.links = [{ from_ref: '1.1', to_ref: 'nope', kind: 'depends_on', note: '' }];
    const before = planCounts(fresh);
    const r = await importDocument(fresh, doc, 'faults.json');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /The plan was not imported: 6 problems found, and nothing was written\./);
    const where = problemLines(r.stderr).map((l) => l.trim().split(':')[0]);
    assert.deepEqual(where.sort(), [
      'items[1].updates[0].period',
      'items[2].lead',
      'items[3].parent_ref',
      'items[4].colour',
      'links[0].to_ref',
      'plan.unit',
    ]);
    assert.deepEqual(planCounts(fresh), before);
  });

  it('refuses a file that is not a Civic plan, saying what it should be', async () => {
    const before = planCounts(fresh);
    const r = await importDocument(fresh, { format: 'something-else', format_version: 2, plan: {}, items: {} }, 'other.json');
    assert.equal(r.code, 1, r.stderr);
    const where = problemLines(r.stderr).map((l) => l.trim().split(':')[0]);
    for (const field of ['format', 'format_version', 'items', 'plan.title', 'plan.kind', 'plan.period', 'plan.unit'])
      assert.ok(where.includes(field), `names ${field}: ${r.stderr}`);
    assert.deepEqual(planCounts(fresh), before);
  });
});
