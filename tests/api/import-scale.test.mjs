// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, item 4: imports that scale. An import finds the units a file names from an index
// read once, not with a query per line: the cost grows with the file and the register once
// each, not with their product. Timing is never asserted (bench/import.sh measures it); what
// is asserted is the work the database is asked to do, which PostgreSQL counts exactly:
// whole-table reads of units, and statements run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertStopsCleanly, backend, create } from './harness.mjs';

describe('imports that scale', { timeout: 120000, skip: backend !== 'postgres' && 'PostgreSQL counts the reads; run with CIVIC_TEST_PG' }, () => {
  let srv;
  const file = (name) => path.join(srv.dir, name);

  // Whole-table reads of units so far. Each CLI run flushes its counts when it exits.
  const unitScans = () => Number(srv.sql("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'units'"));

  before(async () => {
    srv = await startServer();
    const council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: council.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('reads the register once however many lines name a unit, not once a line', async () => {
    const lines = ['name,kind,parent,description'];
    for (let i = 0; i < 300; i++) lines.push(`Team ${i},team,${i < 10 ? 'Corporate Support' : `Team ${Math.floor(i / 10) - 1}`},`);
    await writeFile(file('teams.csv'), `${lines.join('\n')}\n`);
    const people = ['name,kind,unit'];
    for (let i = 0; i < 300; i++) people.push(`Person ${i},officer,Team ${i}`);
    await writeFile(file('people.csv'), `${people.join('\n')}\n`);

    const before = unitScans();
    const units = await srv.cli(['import', 'units', file('teams.csv'), '--db', srv.dbPath]);
    assert.equal(units.code, 0, units.stderr);
    const afterUnits = unitScans();
    const imported = await srv.cli(['import', 'people', file('people.csv'), '--db', srv.dbPath]);
    assert.equal(imported.code, 0, imported.stderr);
    const afterPeople = unitScans();
    // The old import read the whole units table once for every line (300 each).
    assert.ok(afterUnits - before <= 3, `units import: ${afterUnits - before} whole-table reads of units`);
    assert.ok(afterPeople - afterUnits <= 3, `people import: ${afterPeople - afterUnits} whole-table reads of units`);
    assert.equal(Number(srv.sql("SELECT count(*) FROM units WHERE name LIKE 'Team %'")), 300);
    assert.equal(Number(srv.sql("SELECT count(*) FROM audit_log WHERE entity = 'person'")), 300);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
