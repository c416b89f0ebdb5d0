// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, items 1 and 7: an import reads the whole file and reports up to 20 problems of
// every kind, in line order, under one heading that says nothing was written; a value that
// is not UTF-8 text (a CSV saved from Excel in Windows-1252) is refused by line and column.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertStopsCleanly, create } from './harness.mjs';

describe('import problems', { timeout: 60000 }, () => {
  let srv;
  const file = (name) => path.join(srv.dir, name);
  const importCsv = (what, name) => srv.cli(['import', what, file(name), '--db', srv.dbPath]);
  // The problem lines of stderr, without the two heading lines.
  const problemLines = (stderr) => stderr.split('\n').filter((l) => l.startsWith('  '));

  before(async () => {
    srv = await startServer();
    const council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: council.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses a file saved from Excel in Windows-1252, naming the line and column, and writes nothing', async () => {
    await writeFile(file('cp1252.csv'), Buffer.concat([Buffer.from('name,kind,parent\n'), Buffer.from('Caf\xe9 Team,team,Corporate Support\n', 'latin1')]));
    const before = srv.counts();
    const r = await importCsv('units', 'cp1252.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      [
        `civic: ${file('cp1252.csv')} was not imported.`,
        'civic: The file was not imported: 1 problem found, and nothing was written.',
        '  line 2, column name: This is not UTF-8 text; in Excel choose Save As › CSV UTF-8',
        '',
      ].join('\n'),
    );
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses a NUL in a value and a line break in a one-line value', async () => {
    await writeFile(file('controls.csv'), 'name,kind,parent,description\nPay\u0000roll,service,Corporate Support,\n"Two\nLines",team,Corporate Support,"A description\nmay hold lines"\n');
    const before = srv.counts();
    const r = await importCsv('units', 'controls.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), [
      '  line 2, column name: This contains a control character (such as NUL) that text cannot hold',
      "  line 3, column name: The unit's name must be on one line, without tabs or line breaks",
    ]);
    assert.deepEqual(srv.counts(), before);
  });

  it('reports every problem of every kind at once, in line order, under one heading', async () => {
    await writeFile(
      file('many-people.csv'),
      [
        'name,kind,unit,honorific_prefix,published,email,phone,summary',
        'Sam Okafor,officer,Corporate Support,,yes,sam.okafor@northmoor.gov.uk,,',
        'Short Line,officer',
        'Kim Lee,officer,Department of Magic,,no,not-an-email,,',
        ',mayor,Corporate Support,,perhaps,,,',
        'Priya Shah,councillor,Northmoor Borough Council,Cllr,yes,,,"Abbey ward',
        'Tom Baker,officer,,,,,,',
        '',
      ].join('\n'),
    );
    const before = srv.counts();
    const r = await importCsv('people', 'many-people.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /civic: The file was not imported: 7 problems found, and nothing was written\./);
    assert.deepEqual(problemLines(r.stderr), [
      '  line 3: This line has 2 values but the first line names 8 columns',
      '  line 4, column unit: There is no unit called "Department of Magic"; add it first or check the spelling',
      '  line 4, column email: Enter an email address in the correct format, like name@council.gov.uk',
      '  line 5, column published: Published must be yes or no',
      "  line 5, column name: Enter the person's name",
      '  line 5, column kind: The kind of person must be officer or councillor',
      '  line 6: The file is not valid CSV at character 60: a quoted value is never closed with a "',
    ]);
    assert.deepEqual(srv.counts(), before);
  });

  it('keeps the same heading when the first line is wrong', async () => {
    await writeFile(file('no-kind.csv'), 'name,colour\nFinance,blue\n');
    const r = await importCsv('units', 'no-kind.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /civic: The file was not imported: 2 problems found, and nothing was written\./);
    assert.deepEqual(problemLines(r.stderr), [
      '  line 1: The column "kind" is missing from the first line',
      '  line 1, column 2: "colour" is not a column Civic knows here',
    ]);
  });

  it('lists the first 20 of many problems and says how many there are', async () => {
    const rows = ['name,kind,parent'];
    for (let i = 0; i < 30; i++) rows.push(`Team ${i},squad,Corporate Support`);
    await writeFile(file('thirty.csv'), `${rows.join('\n')}\n`);
    const r = await importCsv('units', 'thirty.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /30 problems found, and nothing was written\. The first 20 are listed; correct them and try again\./);
    const lines = problemLines(r.stderr);
    assert.equal(lines.length, 20);
    assert.equal(lines[0], '  line 2, column kind: The kind of unit must be council, directorate, department, service, team or body');
    assert.match(lines[19], /^ {2}line 21, column kind:/);
  });

  it('does not blame a line for a parent whose own line failed', async () => {
    await writeFile(file('cascade.csv'), 'name,kind,parent\nNew Directorate,squad,Northmoor Borough Council\nNew Team,team,New Directorate\n');
    const r = await importCsv('units', 'cascade.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), ['  line 2, column kind: The kind of unit must be council, directorate, department, service, team or body']);
  });

  it('does not blame a line for a parent whose line was refused for its text or its length', async () => {
    await writeFile(
      file('cascade-text.csv'),
      Buffer.concat([
        Buffer.from('name,kind,parent,description\n'),
        Buffer.from('New Directorate,directorate,Northmoor Borough Council,Caf\xe9 and more\n', 'latin1'),
        Buffer.from('Short Service,service\nNew Team,team,New Directorate,\nOther Team,team,Short Service,\n'),
      ]),
    );
    const r = await importCsv('units', 'cascade-text.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), [
      '  line 2, column description: This is not UTF-8 text; in Excel choose Save As › CSV UTF-8',
      '  line 3: This line has 2 values but the first line names 4 columns',
    ]);
  });

  it('accepts kind in any case and a header in any case, as before', async () => {
    await writeFile(file('case.csv'), 'Name,KIND,Parent\nPayroll,Service,corporate support\n');
    const r = await importCsv('units', 'case.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(srv.sql("SELECT kind FROM units WHERE name = 'Payroll'"), 'service');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
