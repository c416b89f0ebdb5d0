// SPDX-License-Identifier: AGPL-3.0-or-later
// The Popolo export (GET /api/v1/export/popolo) checked by a validator Civic did not write:
// the Popolo draft-03 JSON schemas (tests/fixtures/popolo/) with Debian's python3-jsonschema,
// on the demo council, as the administrator and as an anonymous visitor.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, assertStopsCleanly, repoRoot } from './harness.mjs';

const VALIDATOR = path.join(repoRoot, 'tests', 'fixtures', 'popolo', 'validate.py');

// Pipes an export to the validator: {code, stdout, stderr}. Exit 0 valid, 1 errors, 2 unreadable.
function validatePopolo(text) {
  const r = spawnSync('python3', [VALIDATOR], { input: text, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw new Error(`could not run python3 ${VALIDATOR}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertValidPopolo(res, who) {
  const v = validatePopolo(res.text);
  assert.equal(
    v.code,
    0,
    `the ${who} export is not valid Popolo (validate.py exited ${v.code}):\n${v.stdout}${v.stderr.slice(0, 8000)}`,
  );
  return v;
}

const ids = (items) => items.map((x) => x.id).sort();

describe('the Popolo export of the demo council', { timeout: 120000 }, () => {
  let srv;
  let adminExport;
  let anonExport;

  before(async () => {
    srv = await startServer();
    // The harness's database has no units yet, so the demo loads beside the running server.
    const demo = await srv.cli(['demo', '--db', srv.dbPath]);
    assert.equal(demo.code, 0, `civic demo: ${demo.stderr}`);
    assert.match(demo.stdout, /Loaded the demo council/);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('answers the administrator with JSON', async () => {
    const res = await srv.admin('GET', '/api/v1/export/popolo');
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    adminExport = res;
  });

  it('gives the administrator an export that the Popolo schemas accept', () => {
    const v = assertValidPopolo(adminExport, 'administrator’s');
    assert.match(v.stdout, /^valid Popolo: /);
  });

  it('gives the administrator every unit, person, post and membership of the demo', () => {
    const doc = adminExport.json;
    const people = Number(srv.sql('SELECT count(*) FROM people'));
    assert.ok(people > 0, 'the demo council has people');
    assert.equal(doc.persons.length, people, 'persons: one for each row of people');
    assert.deepEqual(ids(doc.persons), srv.sql('SELECT id FROM people ORDER BY id').split('\n').sort());
    assert.equal(doc.organizations.length, Number(srv.sql('SELECT count(*) FROM units')), 'organizations');
    assert.equal(doc.posts.length, Number(srv.sql('SELECT count(*) FROM posts')), 'posts');
    assert.equal(doc.memberships.length, Number(srv.sql('SELECT count(*) FROM memberships')), 'memberships');
  });

  it('gives the administrator the officers’ email addresses', () => {
    const byId = new Map(adminExport.json.persons.map((x) => [x.id, x]));
    const officers = srv.sqlRows("SELECT id, email FROM people WHERE kind = 'officer' AND email <> ''");
    assert.ok(officers.length > 0, 'the demo has officers with email addresses');
    for (const o of officers) assert.equal(byId.get(o.id)?.email, o.email, `email of officer ${o.id}`);
  });

  it('answers an anonymous visitor with JSON', async () => {
    const res = await srv.api('GET', '/api/v1/export/popolo');
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    anonExport = res;
  });

  it('gives an anonymous visitor an export that the Popolo schemas accept', () => {
    const v = assertValidPopolo(anonExport, 'anonymous');
    assert.match(v.stdout, /^valid Popolo: /);
  });

  it('shows an anonymous visitor only the published people, and the memberships of those people', () => {
    const doc = anonExport.json;
    const published = Number(srv.sql('SELECT count(*) FROM people WHERE published'));
    assert.ok(published > 0 && published < Number(srv.sql('SELECT count(*) FROM people')), 'the demo has both published and unpublished people');
    assert.equal(doc.persons.length, published, 'persons: only the published people');
    assert.deepEqual(ids(doc.persons), srv.sql('SELECT id FROM people WHERE published ORDER BY id').split('\n').sort());
    assert.equal(
      doc.memberships.length,
      Number(srv.sql('SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.published')),
      'memberships: only those of published people',
    );
    // The tree of units and the posts in it are public.
    assert.equal(doc.organizations.length, Number(srv.sql('SELECT count(*) FROM units')), 'organizations');
    assert.equal(doc.posts.length, Number(srv.sql('SELECT count(*) FROM posts')), 'posts');
  });

  it('shows an anonymous visitor no officer’s email address or phone number', () => {
    const officers = srv.sqlRows("SELECT id, email, phone FROM people WHERE kind = 'officer'");
    const officerIds = new Set(officers.map((o) => o.id));
    for (const person of anonExport.json.persons.filter((x) => officerIds.has(x.id))) {
      assert.ok(!('email' in person), `no email for officer ${person.id}: ${JSON.stringify(person)}`);
      assert.ok(!('contact_details' in person), `no contact details for officer ${person.id}: ${JSON.stringify(person)}`);
    }
    for (const o of officers) {
      if (o.email) assert.ok(!anonExport.text.includes(o.email), `${o.email} appears in the anonymous export`);
      if (o.phone) assert.ok(!anonExport.text.includes(o.phone), `${o.phone} appears in the anonymous export`);
    }
  });

  it('shows an anonymous visitor the published councillors’ email addresses', () => {
    const byId = new Map(anonExport.json.persons.map((x) => [x.id, x]));
    const councillors = srv.sqlRows("SELECT id, email FROM people WHERE kind = 'councillor' AND published AND email <> ''");
    assert.ok(councillors.length > 0, 'the demo has published councillors with email addresses');
    for (const c of councillors) assert.equal(byId.get(c.id)?.email, c.email, `email of councillor ${c.id}`);
  });

  // Guards the guard: a validator that passes everything would make the tests above worthless.
  it('has a validator that rejects an export breaking the schemas, naming each field at fault', () => {
    const doc = structuredClone(adminExport.json);
    doc.persons[0].contact_details = [{ value: '01632 960000' }];
    doc.memberships[0].start_date = 'May 2025';
    doc.organizations[0].name = 42;
    const v = validatePopolo(JSON.stringify(doc));
    assert.equal(v.code, 1, `expected exit 1:\n${v.stdout}${v.stderr}`);
    assert.match(v.stderr, /^persons\[0\] \(id [^)]+\)\.contact_details\[0\]\.type: 'type' is a required property$/m);
    assert.match(v.stderr, /^memberships\[0\] \(id [^)]+\)\.start_date: 'May 2025' does not match /m);
    assert.match(v.stderr, /^organizations\[0\] \(id [^)]+\)\.name: 42 is not of type /m);
    assert.match(v.stdout, /^not valid Popolo: 3 error/);
  });

  it('stops cleanly on SIGTERM', async () => {
    await assertStopsCleanly(srv);
  });
});
