// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, randomId, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('people', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const p = {};

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.digital = await create(srv, 'units', { name: 'Digital and ICT', kind: 'department', parent_id: u.corporate.id });
    u.place = await create(srv, 'units', { name: 'Place', kind: 'directorate', parent_id: u.council.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  const personRow = (id) => srv.sqlRows(`SELECT * FROM people WHERE id = '${id}'`)[0];

  it('creates an officer with Location, ETag and every field', async () => {
    const body = {
      name: 'Sam Okafor',
      kind: 'officer',
      unit_id: u.digital.id,
      published: true,
      email: 'sam.okafor@northmoor.gov.uk',
      phone: '01632 960 123',
      summary: 'Head of Digital and ICT.',
    };
    const res = await srv.admin('POST', '/api/v1/people', { body });
    assert.equal(res.status, 201, res.text);
    const person = res.json;
    assert.match(person.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/people/${person.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual(
      { ...person, id: undefined, created_at: undefined, updated_at: undefined },
      { ...body, honorific_prefix: '', archived_at: null, version: 1, id: undefined, created_at: undefined, updated_at: undefined },
    );
    assert.match(person.created_at, ISO_TS_RE);
    const row = personRow(person.id);
    assert.equal(row.name, 'Sam Okafor');
    assert.equal(row.email, 'sam.okafor@northmoor.gov.uk');
    assert.equal(row.unit_id, u.digital.id);
    assert.deepEqual(auditRows(srv.dbPath, person.id).map((a) => [a.entity, a.action]), [['person', 'create']]);
    p.sam = person;
  });

  it('creates a councillor with an honorific and no unit, published by default as they hold public office', async () => {
    const res = await srv.admin('POST', '/api/v1/people', { body: { name: 'Priya Shah', kind: 'councillor', honorific_prefix: 'Cllr' } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.honorific_prefix, 'Cllr');
    assert.equal(res.json.unit_id, null);
    assert.equal(res.json.published, true);
    p.priya = res.json;
    p.jo = await create(srv, 'people', { name: 'Jo Whitfield', kind: 'officer', unit_id: u.place.id });
    assert.equal(p.jo.published, false, 'an officer is unpublished unless someone says otherwise');
  });

  it('returns a person by id with the ETag', async () => {
    const res = await srv.admin('GET', `/api/v1/people/${p.sam.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual(res.json, p.sam);
  });

  it('filters the list by name, kind and within', async () => {
    const byName = await srv.admin('GET', '/api/v1/people?name=okaf');
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.json.items.map((x) => x.id), [p.sam.id]);
    const byKind = await srv.admin('GET', '/api/v1/people?kind=councillor');
    assert.deepEqual(byKind.json.items.map((x) => x.id), [p.priya.id]);
    const within = await srv.admin('GET', `/api/v1/people?within=${u.corporate.id}`);
    assert.deepEqual(within.json.items.map((x) => x.id), [p.sam.id]);
    const all = await srv.admin('GET', '/api/v1/people');
    assert.equal(all.json.items.length, 3);
    assert.equal(all.json.next_cursor, null);
  });

  it('pages through people with limit=2', async () => {
    const first = await srv.admin('GET', '/api/v1/people?limit=2');
    assert.equal(first.json.items.length, 2);
    assert.match(first.json.next_cursor ?? '', /\S/, `a non-empty next_cursor: ${first.text}`);
    const second = await srv.admin('GET', `/api/v1/people?limit=2&cursor=${first.json.next_cursor}`);
    assert.equal(second.json.items.length, 1);
    assert.equal(second.json.next_cursor, null);
  });

  it('refuses a unit_id that does not exist with 422 on unit_id and stores nothing', async () => {
    const before = srv.counts();
    const res = await srv.admin('POST', '/api/v1/people', { body: { name: 'Nobody', kind: 'officer', unit_id: randomId() } });
    assertProblem(res, 422, { fields: ['unit_id'] });
    const kind = await srv.admin('POST', '/api/v1/people', { body: { name: 'Nobody', kind: 'mayor' } });
    assertProblem(kind, 422, { fields: ['kind'] });
    assert.deepEqual(srv.counts(), before);
  });

  it('changes a person with If-Match and records before and after', async () => {
    const res = await srv.admin('PATCH', `/api/v1/people/${p.sam.id}`, { headers: { 'if-match': 'W/"1"' }, body: { phone: '01632 960 456', unit_id: u.corporate.id } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.phone, '01632 960 456');
    assert.equal(res.json.unit_id, u.corporate.id);
    assert.equal(res.json.version, 2);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.equal(personRow(p.sam.id).phone, '01632 960 456');
    const audit = auditRows(srv.dbPath, p.sam.id);
    assert.deepEqual(audit.map((a) => a.action), ['create', 'update']);
    assert.equal(audit[1].before.phone, '01632 960 123');
    assert.equal(audit[1].after.phone, '01632 960 456');
    p.sam = res.json;
  });

  it('refuses a stale version with 409 and a missing one with 428, changing nothing', async () => {
    const rowBefore = personRow(p.sam.id);
    const countsBefore = srv.counts();
    assertProblem(await srv.admin('PATCH', `/api/v1/people/${p.sam.id}`, { body: { name: 'Samuel Okafor', version: 1 } }), 409);
    assertProblem(await srv.admin('PATCH', `/api/v1/people/${p.sam.id}`, { body: { name: 'Samuel Okafor' } }), 428);
    assert.deepEqual(personRow(p.sam.id), rowBefore);
    assert.deepEqual(srv.counts(), countsBefore);
  });

  it('archives a person and leaves them out of lists unless include_archived=true', async () => {
    const res = await srv.admin('POST', `/api/v1/people/${p.jo.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.archived_at, ISO_TS_RE);
    assert.equal(res.json.version, 2);
    const live = await srv.admin('GET', '/api/v1/people');
    assert.ok(!live.json.items.some((x) => x.id === p.jo.id));
    const all = await srv.admin('GET', '/api/v1/people?include_archived=true');
    assert.ok(all.json.items.some((x) => x.id === p.jo.id));
    assert.deepEqual(auditRows(srv.dbPath, p.jo.id).map((a) => a.action), ['create', 'archive']);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
