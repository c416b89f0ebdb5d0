// SPDX-License-Identifier: AGPL-3.0-or-later
// Councillors from Modern.gov (issue 10, item 12): a real GetCouncillorsByWard response (the
// Greater London Authority's, tests/fixtures/moderngov/) read into the organisation register with
// `civic import moderngov FILE.xml` and POST /api/v1/moderngov/councillors. Each councillor a
// person, each ward a post on the council, each seat a membership through it with the party in
// its role; run again it adds and changes nothing, not even the audit trail; a later file ends
// the seat of a councillor it no longer lists; a broken file is refused with the line and
// column where the XML parser stopped, and nothing is stored; only an administrator may import.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, assertProblem, assertStopsCleanly, create, lastLine, repoRoot, runCli, auditRows } from './harness.mjs';

const FIXTURE = path.join(repoRoot, 'tests', 'fixtures', 'moderngov', 'london.gov.uk_GetCouncillorsByWard.xml');
const LONDON = readFileSync(FIXTURE, 'utf8');

// The file's 26 councillors: ward, name as given, party (eight in West Central have none).
const COUNCILLORS = [
  ['Bexley and Bromley', 'James Cleverly MP', 'Conservative'],
  ['Brent and Harrow', 'Navin Shah', 'Labour'],
  ['City and East', 'Mayor John Biggs', 'Labour'],
  ['Croydon and Sutton', "Steve O'Connell", 'Conservative'],
  ['Enfield and Haringey', 'Joanne McCartney', 'Labour'],
  ['Greenwich and Lewisham', 'Len Duvall', 'Labour'],
  ['Havering and Redbridge', 'Roger Evans', 'Conservative'],
  ['Lambeth and Southwark', 'Valerie Shawcross CBE', 'Labour'],
  ['Londonwide', 'Gareth Bacon', 'Conservative'],
  ['Londonwide', 'Andrew Boff', 'Conservative'],
  ['Londonwide', 'Nicky Gavron', 'Labour'],
  ['Londonwide', 'Darren Johnson', 'Green'],
  ['Londonwide', 'Jenny Jones', 'Green'],
  ['Londonwide', 'Caroline Pidgeon MBE', 'Liberal Democrat'],
  ['Londonwide', 'Murad Qureshi', 'Labour'],
  ['Merton and Wandsworth', 'Richard Tracey', 'Conservative'],
  ['North East', 'Jennette Arnold OBE', 'Labour'],
  ['South West', 'Tony Arbour', 'Conservative'],
  ['West Central', 'Kit Malthouse MP', 'Conservative'],
  ['West Central', 'Kemi Badenoch', ''],
  ['West Central', 'Tom Copley', ''],
  ['West Central', 'Andrew Dismore', ''],
  ['West Central', 'Boris Johnson', ''],
  ['West Central', 'Stephen Knight', ''],
  ['West Central', 'Dr Onkar Sahota', ''],
  ['West Central', 'Fiona Twycross', ''],
];
const WARDS = [...new Set(COUNCILLORS.map(([ward]) => ward))];
const role = (party) => (party ? `Councillor (${party})` : 'Councillor');

// The same response a year on: Boris Johnson gone, Kemi Badenoch now Conservative, Len Duvall's
// term of office given, and a new ward with a new councillor written as Modern.gov writes
// councillors elsewhere ("Councillor …", with a term and a party new to the register).
function laterResponse({ adaStart = '05/05/2016' } = {}) {
  let xml = LONDON;
  xml = xml.replace(/\s*<councillor>(?:(?!<councillor>)[\s\S])*?<fullusername>Boris Johnson<\/fullusername>[\s\S]*?<\/councillor>/, '');
  xml = xml.replace(/(<fullusername>Kemi Badenoch<\/fullusername>[\s\S]*?<politicalpartytitle>)\s*(<\/politicalpartytitle>)/, '$1Conservative$2');
  xml = xml.replace(
    /(<fullusername>Len Duvall<\/fullusername>[\s\S]*?)(\s*<\/councillor>)/,
    '$1\n          <termsofoffice>\n            <termofoffice>\n              <startdate>06/05/2016</startdate>\n              <enddate>unspecified</enddate>\n            </termofoffice>\n          </termsofoffice>$2',
  );
  const ada = [
    '    <ward>',
    '      <wardtitle>Barnet and Camden</wardtitle>',
    '      <councillors>',
    '        <councillorcount> 1</councillorcount>',
    '        <councillor>',
    '          <councillorid>9001</councillorid>',
    '          <fullusername>Councillor Ada Lovelace</fullusername>',
    "          <politicalpartytitle>Women's Equality</politicalpartytitle>",
    '          <homeaddress>',
    '            <line1>1 Private Home Street</line1>',
    '          </homeaddress>',
    '          <termsofoffice>',
    '            <termofoffice>',
    `              <startdate>${adaStart}</startdate>`,
    '              <enddate>unspecified</enddate>',
    '            </termofoffice>',
    '          </termsofoffice>',
    '        </councillor>',
    '      </councillors>',
    '    </ward>',
    '  </wards>',
  ].join('\n');
  return xml.replace('  </wards>', ada);
}

// The 1-based line of the first line holding text.
const lineOf = (xml, text) => xml.split('\n').findIndex((l) => l.includes(text)) + 1;
// The problems a refused CLI import printed, one "place: message" a line.
const problemLines = (stderr) => stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.slice(2));
const today = () => new Date().toISOString().slice(0, 10);

describe('councillors from Modern.gov', { timeout: 120000 }, () => {
  let srv;
  let council;
  const tokens = {};
  const file = async (name, text) => {
    const p = path.join(srv.dir, name);
    await writeFile(p, text);
    return p;
  };
  const importCli = async (name, text) => srv.cli(['import', 'moderngov', await file(name, text), '--db', srv.dbPath]);
  const importApi = (xml, { token = srv.token, contentType = 'application/xml' } = {}) =>
    srv.api('POST', '/api/v1/moderngov/councillors', { token, rawBody: xml, contentType });
  const counts = () => srv.counts();

  // The register as the import left it, sorted in JavaScript so both databases agree.
  const people = () =>
    srv
      .sqlRows("SELECT name, honorific_prefix, kind, unit_id, published, email, phone, summary, archived_at, version FROM people WHERE kind = 'councillor'")
      .sort((a, b) => a.name.localeCompare(b.name));
  const posts = () => srv.sqlRows('SELECT label, role, portfolio, responsibilities, unit_id, archived_at, version FROM posts').sort((a, b) => a.label.localeCompare(b.label));
  const seats = () =>
    srv
      .sqlRows(
        'SELECT p.name, po.label AS post, m.role, m.unit_id, m.start_date, m.end_date, m.archived_at, m.version FROM memberships m JOIN people p ON p.id = m.person_id JOIN posts po ON po.id = m.post_id',
      )
      .sort((a, b) => a.post.localeCompare(b.post) || a.name.localeCompare(b.name) || String(a.start_date).localeCompare(String(b.start_date)));
  const seatOf = (name) => seats().filter((s) => s.name === name);
  const personId = (name) => srv.sql(`SELECT id FROM people WHERE name = '${name.replaceAll("'", "''")}'`);
  const membershipId = (name) => srv.sql(`SELECT m.id FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.name = '${name.replaceAll("'", "''")}'`);

  const addUser = async (username, roleName, unit) => {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', roleName, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    assert.equal((await srv.cli(args, { input: 'a-long-enough-password-1\n' })).code, 0);
    return lastLine((await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username])).stdout);
  };

  before(async () => {
    srv = await startServer();
    tokens.editor = await addUser('clerk', 'editor');
    tokens.viewer = await addUser('reader', 'viewer');
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses to import before the register has a council to import into: exit 1, nothing stored', async () => {
    const before = counts();
    const r = await importCli('london.xml', LONDON);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(problemLines(r.stderr), [
      'council: There is no council at the top of the organisation register to import councillors into: add the council first (a unit of kind council)',
    ]);
    assert.deepEqual(counts(), before);
    council = await create(srv, 'units', { name: 'Greater London Authority', kind: 'council' });
    await create(srv, 'units', { name: 'Resources', kind: 'directorate', parent_id: council.id });
  });

  it('imports the real response with the command line: 26 councillors, 13 wards, 4 parties, 26 seats', async () => {
    const before = counts();
    const r = await importCli('london.xml', LONDON);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.trim(),
      `Imported ${path.join(srv.dir, 'london.xml')}: 26 councillors added and 0 changed; 13 wards and 4 parties added; 26 seats added and 0 ended.`,
    );
    const after = counts();
    assert.deepEqual(after, { ...before, people: before.people + 26, posts: before.posts + 13, memberships: before.memberships + 26, audit_log: before.audit_log + 65 });

    // Each councillor a published person of kind councillor in the council, named as given.
    assert.deepEqual(
      people(),
      COUNCILLORS.map(([, name]) => ({ name, honorific_prefix: '', kind: 'councillor', unit_id: council.id, published: 1, email: '', phone: '', summary: '', archived_at: null, version: 1 })).sort(
        (a, b) => a.name.localeCompare(b.name),
      ),
    );
    // Each ward a post on the council.
    assert.deepEqual(
      posts(),
      WARDS.map((w) => ({ label: `Councillor for ${w}`, role: 'Councillor', portfolio: '', responsibilities: '[]', unit_id: council.id, archived_at: null, version: 1 })),
    );
    // Each seat a membership of the council through the ward's post, the party in its role;
    // this response gives no terms of office, so no dates.
    assert.deepEqual(
      seats(),
      COUNCILLORS.map(([ward, name, party]) => ({
        name,
        post: `Councillor for ${ward}`,
        role: role(party),
        unit_id: council.id,
        start_date: null,
        end_date: null,
        archived_at: null,
        version: 1,
      })).sort((a, b) => a.post.localeCompare(b.post) || a.name.localeCompare(b.name)),
    );
    // One create in the audit trail for each record, by the command line.
    assert.deepEqual(
      srv.sqlRows("SELECT entity, action, actor, count(*) AS n FROM audit_log WHERE entity IN ('person', 'post', 'membership') GROUP BY entity, action, actor ORDER BY entity"),
      [
        { entity: 'membership', action: 'create', actor: 'cli', n: 26 },
        { entity: 'person', action: 'create', actor: 'cli', n: 26 },
        { entity: 'post', action: 'create', actor: 'cli', n: 13 },
      ],
    );
    const [created] = auditRows(srv.dbPath, personId('James Cleverly MP'));
    assert.equal(created.action, 'create');
    assert.equal(created.after.name, 'James Cleverly MP');
    assert.equal(created.after.kind, 'councillor');
  });

  it('run again, with the command line and through the API, adds nothing, changes nothing and writes no audit entry', async () => {
    const before = counts();
    const register = [people(), posts(), seats()];
    const r = await importCli('london-again.xml', LONDON);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.trim(),
      `Imported ${path.join(srv.dir, 'london-again.xml')}: 0 councillors added and 0 changed; 0 wards and 0 parties added; 0 seats added and 0 ended.`,
    );
    const res = await importApi(LONDON);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { councillors_added: 0, councillors_updated: 0, wards_added: 0, parties_added: 0, memberships_added: 0, memberships_ended: 0 });
    const again = await importApi(LONDON, { contentType: 'text/xml; charset=utf-8' });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(counts(), before);
    assert.deepEqual([people(), posts(), seats()], register);
  });

  it('refuses anyone but an administrator: 401 anonymous, 403 an editor and a viewer, nothing stored', async () => {
    const before = counts();
    const later = laterResponse();
    assertProblem(await importApi(later, { token: null }), 401);
    assertProblem(await importApi(later, { token: tokens.editor }), 403, { detail: /administrator/ });
    assertProblem(await importApi(later, { token: tokens.viewer }), 403, { detail: /administrator/ });
    assert.deepEqual(counts(), before);
  });

  it('refuses a body that is not sent as XML: 415, nothing stored', async () => {
    const before = counts();
    assertProblem(await importApi(LONDON, { contentType: 'text/plain' }), 415, { detail: /application\/xml/ });
    assertProblem(await srv.admin('POST', '/api/v1/moderngov/councillors', { body: { xml: LONDON } }), 415);
    assert.deepEqual(counts(), before);
  });

  it('refuses broken XML with the line and column where the parser stopped, with the command line and through the API; nothing stored', async () => {
    const before = counts();
    const lines = LONDON.split('\n');
    // The file's lines end CRLF, as Modern.gov (IIS) sends them.
    assert.equal(lines[124], '          <fullusername>Len Duvall</fullusername>\r');
    lines[124] = lines[124].replace('</fullusername>', '</fullname>');
    const broken = lines.join('\n');
    const message = 'The file is not well-formed XML: the reading stopped here (mismatched tag)';
    const r = await importCli('broken.xml', broken);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /broken\.xml was not imported/);
    assert.deepEqual(problemLines(r.stderr), [`line 125, column 37: ${message}`]);
    const p = assertProblem(await importApi(broken), 422, { fields: ['line 125, column 37'], detail: /nothing was written/ });
    assert.deepEqual(p.errors, [{ field: 'line 125, column 37', message }]);

    // Cut short, as a download that stopped.
    const cut = LONDON.slice(0, LONDON.indexOf('<wardtitle>Londonwide'));
    const short = assertProblem(await importApi(cut), 422);
    assert.deepEqual(short.errors, [{ field: `line ${cut.split('\n').length}, column ${cut.split('\n').at(-1).length + 1}`, message: 'The file is not well-formed XML: the reading stopped here (no element found)' }]);
    assert.deepEqual(counts(), before);
  });

  it('refuses a file that is not a GetCouncillorsByWard response, or lists no councillors, or has a bad date, naming the line; nothing stored', async () => {
    const before = counts();
    const csv = assertProblem(await importApi('ward,councillor,party\nLondonwide,Gareth Bacon,Conservative\n'), 422);
    assert.deepEqual(csv.errors, [{ field: 'line 1, column 1', message: 'The file is not well-formed XML: the reading stopped here (syntax error)' }]);
    const other = assertProblem(await importApi('<?xml version="1.0"?>\n<html><body>Service unavailable</body></html>\n'), 422);
    assert.deepEqual(other.errors, [
      { field: 'line 2', message: 'This is not a Modern.gov GetCouncillorsByWard response: it begins with <html> where <councillorsbyward> was expected' },
    ]);
    const empty = assertProblem(await importApi('<?xml version="1.0" encoding="utf-8"?>\n<councillorsbyward>\n  <wards>\n  </wards>\n</councillorsbyward>\n'), 422);
    assert.deepEqual(empty.errors, [
      {
        field: 'line 1',
        message:
          'The file lists no councillors, so nothing was imported: a GetCouncillorsByWard response lists each ward\'s councillors in <councillor> elements',
      },
    ]);
    const entities = assertProblem(await importApi('<?xml version="1.0"?>\n<!DOCTYPE councillorsbyward [<!ENTITY a "aaaa">]>\n<councillorsbyward>&a;</councillorsbyward>\n'), 422);
    assert.deepEqual(entities.errors, [
      { field: 'line 2', message: 'The file has a document type declaration (<!DOCTYPE …>), which a Modern.gov response never has, so it was not read' },
    ]);
    const badDate = laterResponse({ adaStart: '31/02/2016' });
    const dated = assertProblem(await importApi(badDate), 422);
    assert.deepEqual(dated.errors, [
      {
        field: `line ${lineOf(badDate, '31/02/2016')}`,
        message: 'The start of a term of office (startdate) must be a real date written dd/mm/yyyy, like 27/05/2014, not "31/02/2016"',
      },
    ]);
    // The rest of that file is good, and none of it was stored either.
    assert.equal(srv.sql("SELECT count(*) FROM people WHERE name = 'Ada Lovelace'"), '0');
    assert.deepEqual(counts(), before);
  });

  it('a later response ends the seat of a councillor it no longer lists, changes a party and a term, and adds a ward and a councillor', async () => {
    const boris = membershipId('Boris Johnson');
    const kemi = membershipId('Kemi Badenoch');
    const before = counts();
    const from = today();
    const res = await importApi(laterResponse());
    const to = today();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { councillors_added: 1, councillors_updated: 2, wards_added: 1, parties_added: 1, memberships_added: 1, memberships_ended: 1 });
    // Ada Lovelace, a post for her ward and her seat are new; three seats were changed; nothing
    // was deleted or archived.
    assert.deepEqual(counts(), { ...before, people: before.people + 1, posts: before.posts + 1, memberships: before.memberships + 1, audit_log: before.audit_log + 6 });

    const [ended] = seatOf('Boris Johnson');
    assert.ok([from, to].includes(ended.end_date), `ended today: ${ended.end_date}`);
    assert.deepEqual(ended, { name: 'Boris Johnson', post: 'Councillor for West Central', role: 'Councillor', unit_id: council.id, start_date: null, end_date: ended.end_date, archived_at: null, version: 2 });
    assert.deepEqual(srv.sqlRows("SELECT archived_at, version FROM people WHERE name = 'Boris Johnson'"), [{ archived_at: null, version: 1 }], 'the person stays in the register');
    const [endedAudit] = auditRows(srv.dbPath, boris).slice(-1);
    assert.equal(endedAudit.action, 'update');
    assert.equal(endedAudit.before.end_date, null);
    assert.equal(endedAudit.after.end_date, ended.end_date);
    assert.equal(endedAudit.after.version, 2);

    assert.deepEqual(seatOf('Kemi Badenoch'), [
      { name: 'Kemi Badenoch', post: 'Councillor for West Central', role: 'Councillor (Conservative)', unit_id: council.id, start_date: null, end_date: null, archived_at: null, version: 2 },
    ]);
    const [partyAudit] = auditRows(srv.dbPath, kemi).slice(-1);
    assert.deepEqual([partyAudit.before.role, partyAudit.after.role], ['Councillor', 'Councillor (Conservative)']);
    assert.deepEqual(seatOf('Len Duvall'), [
      { name: 'Len Duvall', post: 'Councillor for Greenwich and Lewisham', role: 'Councillor (Labour)', unit_id: council.id, start_date: '2016-05-06', end_date: null, archived_at: null, version: 2 },
    ]);

    // "Councillor Ada Lovelace": the title apart from the name; her home address nowhere.
    assert.deepEqual(
      srv.sqlRows("SELECT name, honorific_prefix, kind, unit_id, published, email, phone, summary FROM people WHERE name LIKE '%Lovelace%'"),
      [{ name: 'Ada Lovelace', honorific_prefix: 'Councillor', kind: 'councillor', unit_id: council.id, published: 1, email: '', phone: '', summary: '' }],
    );
    assert.deepEqual(seatOf('Ada Lovelace'), [
      { name: 'Ada Lovelace', post: 'Councillor for Barnet and Camden', role: "Councillor (Women's Equality)", unit_id: council.id, start_date: '2016-05-05', end_date: null, archived_at: null, version: 1 },
    ]);
    assert.equal(srv.sql("SELECT count(*) FROM audit_log WHERE after_json LIKE '%Private Home Street%'"), '0');

    // The people and the seats as the API shows them.
    const ada = await srv.admin('GET', `/api/v1/people/${personId('Ada Lovelace')}`);
    assert.equal(ada.status, 200);
    assert.equal(ada.json.honorific_prefix, 'Councillor');
    const list = await srv.api('GET', `/api/v1/memberships?person_id=${personId('Ada Lovelace')}`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.json.items.map((m) => [m.role, m.start_date, m.end_date]),
      [["Councillor (Women's Equality)", '2016-05-05', null]],
    );
  });

  it('run again on the later response, it changes nothing; the ended seat stays ended', async () => {
    const before = counts();
    const register = [people(), posts(), seats()];
    const res = await importApi(laterResponse());
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { councillors_added: 0, councillors_updated: 0, wards_added: 0, parties_added: 0, memberships_added: 0, memberships_ended: 0 });
    assert.deepEqual(counts(), before);
    assert.deepEqual([people(), posts(), seats()], register);
  });

  it('leaves a database that civic check finds sound', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /no problems found/);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
