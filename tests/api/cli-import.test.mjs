// SPDX-License-Identifier: AGPL-3.0-or-later
// civic import units|people: all or nothing, errors that name the line and column, and exit
// codes a script can rely on (0 done, 1 refused, 2 usage). The server runs throughout: the
// CLI writes to the same SQLite file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertStopsCleanly } from './harness.mjs';

describe('CLI imports', { timeout: 60000 }, () => {
  let srv;
  const file = (name) => path.join(srv.dir, name);
  const importCsv = (what, name, extra = []) => srv.cli(['import', what, file(name), '--db', srv.dbPath, ...extra]);

  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses a units file with one bad row: exit 1, the line and column on stderr, nothing written', async () => {
    await writeFile(
      file('bad-units.csv'),
      [
        'name,kind,parent,description',
        'Northmoor Borough Council,council,,The whole council',
        'Corporate Support,directorate,Northmoor Borough Council,',
        'Outer Space,galaxy,Corporate Support,Not a kind of unit',
        'Digital and ICT,department,Corporate Support,',
        '',
      ].join('\n'),
    );
    const before = srv.counts();
    const r = await importCsv('units', 'bad-units.csv');
    assert.equal(r.code, 1, `exit code (stderr: ${r.stderr})`);
    assert.match(r.stderr, /line 4/, r.stderr);
    assert.match(r.stderr, /\bkind\b/, r.stderr);
    assert.deepEqual(srv.counts(), before, 'no units and no audit rows');
  });

  it('refuses a units row whose parent is neither in the database nor earlier in the file', async () => {
    await writeFile(
      file('orphan-units.csv'),
      ['name,kind,parent,description', 'Northmoor Borough Council,council,,', 'Service Desk,team,Digital and ICT,', 'Digital and ICT,department,Northmoor Borough Council,', ''].join(
        '\n',
      ),
    );
    const before = srv.counts();
    const r = await importCsv('units', 'orphan-units.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /line 3/, r.stderr);
    assert.match(r.stderr, /\bparent\b/, r.stderr);
    assert.deepEqual(srv.counts(), before);
  });

  it('imports a good units file, says how many, and the API lists them', async () => {
    await writeFile(
      file('units.csv'),
      [
        'name,kind,parent,description',
        'Northmoor Borough Council,council,,The whole council',
        'Corporate Support,directorate,Northmoor Borough Council,"Finance, HR, legal and digital"',
        'Digital and ICT,department,Corporate Support,',
        'Service Desk,team,Digital and ICT,"First-line IT support, for staff and councillors"',
        '',
      ].join('\r\n'),
    );
    const before = srv.counts();
    const r = await importCsv('units', 'units.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\b4\b/, `says how many it imported: ${r.stdout}`);
    const after = srv.counts();
    assert.equal(after.units, before.units + 4);
    assert.equal(after.audit_log, before.audit_log + 4, 'one audit entry per unit imported');

    const list = await srv.admin('GET', '/api/v1/units?limit=200');
    assert.equal(list.status, 200);
    const byName = Object.fromEntries(list.json.items.map((x) => [x.name, x]));
    assert.deepEqual(Object.keys(byName).sort(), ['Corporate Support', 'Digital and ICT', 'Northmoor Borough Council', 'Service Desk']);
    assert.equal(byName['Northmoor Borough Council'].parent_id, null);
    assert.equal(byName['Corporate Support'].parent_id, byName['Northmoor Borough Council'].id);
    assert.equal(byName['Corporate Support'].description, 'Finance, HR, legal and digital');
    assert.equal(byName['Service Desk'].parent_id, byName['Digital and ICT'].id);
    assert.equal(byName['Service Desk'].kind, 'team');
    assert.equal(byName['Service Desk'].description, 'First-line IT support, for staff and councillors');
    const within = await srv.admin('GET', `/api/v1/units?within=${byName['Corporate Support'].id}`);
    assert.equal(within.json.items.length, 3);
  });

  it('imports units whose parent is already in the database', async () => {
    await writeFile(file('more-units.csv'), ['name,kind,parent,description', 'Children and Families,directorate,Northmoor Borough Council,', ''].join('\n'));
    const r = await importCsv('units', 'more-units.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\b1\b/, r.stdout);
    const res = await srv.admin('GET', '/api/v1/units?name=children');
    assert.equal(res.json.items.length, 1);
  });

  it('refuses a people file with a bad published value: exit 1, line and column named, nothing written', async () => {
    await writeFile(
      file('bad-people.csv'),
      [
        'name,kind,unit,honorific_prefix,published,email,phone,summary',
        'Sam Okafor,officer,Digital and ICT,,yes,sam.okafor@northmoor.gov.uk,01632 960 123,Head of Digital',
        'Priya Shah,councillor,Northmoor Borough Council,Cllr,maybe,,,',
        '',
      ].join('\n'),
    );
    const before = srv.counts();
    const r = await importCsv('people', 'bad-people.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /line 3/, r.stderr);
    assert.match(r.stderr, /\bpublished\b/, r.stderr);
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses a people file naming a unit that does not exist', async () => {
    await writeFile(file('ghost-people.csv'), ['name,kind,unit,honorific_prefix,published,email,phone,summary', 'Kim Lee,officer,Department of Magic,,no,,,', ''].join('\n'));
    const before = srv.counts();
    const r = await importCsv('people', 'ghost-people.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /line 2/, r.stderr);
    assert.match(r.stderr, /\bunit\b/, r.stderr);
    assert.deepEqual(srv.counts(), before);
  });

  it('imports a good people file, says how many, and the API lists them', async () => {
    await writeFile(
      file('people.csv'),
      [
        'name,kind,unit,honorific_prefix,published,email,phone,summary',
        'Sam Okafor,officer,Digital and ICT,,yes,sam.okafor@northmoor.gov.uk,01632 960 123,Head of Digital',
        'Priya Shah,councillor,Northmoor Borough Council,Cllr,true,cllr.priya.shah@northmoor.gov.uk,,"Abbey ward, Cabinet Member for Finance"',
        'Hana Private,officer,Service Desk,,no,,,',
        'Tom Baker,officer,,,,,,',
        '',
      ].join('\n'),
    );
    const before = srv.counts();
    const r = await importCsv('people', 'people.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\b4\b/, r.stdout);
    assert.equal(srv.counts().people, before.people + 4);

    const list = await srv.admin('GET', '/api/v1/people?limit=200');
    const byName = Object.fromEntries(list.json.items.map((x) => [x.name, x]));
    assert.deepEqual(Object.keys(byName).sort(), ['Hana Private', 'Priya Shah', 'Sam Okafor', 'Tom Baker']);
    assert.equal(byName['Sam Okafor'].published, true);
    assert.equal(byName['Sam Okafor'].email, 'sam.okafor@northmoor.gov.uk');
    assert.equal(byName['Priya Shah'].honorific_prefix, 'Cllr');
    assert.equal(byName['Priya Shah'].kind, 'councillor');
    assert.equal(byName['Priya Shah'].published, true);
    assert.equal(byName['Priya Shah'].summary, 'Abbey ward, Cabinet Member for Finance');
    assert.equal(byName['Hana Private'].published, false);
    assert.equal(byName['Tom Baker'].unit_id, null);
    assert.equal(byName['Tom Baker'].published, false);
    const units = Object.fromEntries((await srv.admin('GET', '/api/v1/units?limit=200')).json.items.map((x) => [x.name, x.id]));
    assert.equal(byName['Sam Okafor'].unit_id, units['Digital and ICT']);

    const anonymous = await srv.api('GET', '/api/v1/people');
    assert.deepEqual(anonymous.json.items.map((x) => x.name).sort(), ['Priya Shah', 'Sam Okafor']);
  });

  it('exits 1 with a clear message when the file does not exist', async () => {
    const before = srv.counts();
    const r = await importCsv('units', 'no-such-file.csv');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /no-such-file\.csv/, `names the file: ${r.stderr}`);
    assert.deepEqual(srv.counts(), before);
  });

  it('exits 2 with a one-line error for an unknown flag on any subcommand', async () => {
    const cases = [
      ['init', '--db', file('other.db'), '--frobnicate'],
      ['serve', '--db', srv.dbPath, '--frobnicate'],
      ['user', 'add', '--db', srv.dbPath, '--username', 'x', '--name', 'X', '--role', 'viewer', '--password-stdin', '--frobnicate'],
      ['token', 'create', '--db', srv.dbPath, '--user', 'admin', '--frobnicate'],
      ['import', 'units', file('units.csv'), '--db', srv.dbPath, '--frobnicate'],
      ['import', 'people', file('people.csv'), '--db', srv.dbPath, '--frobnicate'],
    ];
    const before = srv.counts();
    for (const args of cases) {
      const r = await srv.cli(args);
      const what = `civic ${args.join(' ')}`;
      assert.equal(r.code, 2, `${what} exited ${r.code}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
      assert.equal(lines.length, 1, `${what} printed one line: ${JSON.stringify(r.stderr)}`);
      assert.match(lines[0], /frobnicate/, what);
    }
    assert.deepEqual(srv.counts(), before);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
