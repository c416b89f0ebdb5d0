// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, ID_RE, ISO_TS_RE } from './harness.mjs';

describe('units', { timeout: 60000 }, () => {
  let srv;
  const u = {}; // the units made here, by short name

  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.cleanup();
  });

  const unitRow = (id) => srv.sqlRows(`SELECT id, parent_id, name, kind, description, archived_at, version, updated_at FROM units WHERE id = '${id}'`)[0];

  it('creates a council root with Location, ETag W/"1" and the full unit', async () => {
    const res = await srv.admin('POST', '/api/v1/units', { body: { name: 'Northmoor Borough Council', kind: 'council' } });
    assert.equal(res.status, 201, res.text);
    const unit = res.json;
    assert.match(unit.id, ID_RE);
    assert.equal(res.headers.get('location'), `/api/v1/units/${unit.id}`);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(
      { name: unit.name, kind: unit.kind, parent_id: unit.parent_id, description: unit.description, archived_at: unit.archived_at, version: unit.version },
      { name: 'Northmoor Borough Council', kind: 'council', parent_id: null, description: '', archived_at: null, version: 1 },
    );
    assert.match(unit.created_at, ISO_TS_RE);
    assert.match(unit.updated_at, ISO_TS_RE);
    const row = unitRow(unit.id);
    assert.equal(row.name, 'Northmoor Borough Council');
    assert.equal(row.kind, 'council');
    assert.equal(row.parent_id, null);
    assert.equal(row.version, 1);
    const audit = auditRows(srv.dbPath, unit.id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'create');
    u.council = unit;
  });

  it('creates a directorate under the council and a team under the directorate', async () => {
    u.corporate = await create(srv, 'units', {
      name: 'Corporate Support',
      kind: 'directorate',
      parent_id: u.council.id,
      description: 'Finance, HR, legal, digital and democratic services.',
    });
    assert.equal(u.corporate.parent_id, u.council.id);
    assert.equal(u.corporate.description, 'Finance, HR, legal, digital and democratic services.');
    u.digital = await create(srv, 'units', { name: 'Digital and ICT', kind: 'department', parent_id: u.corporate.id });
    u.serviceDesk = await create(srv, 'units', { name: 'Service Desk', kind: 'team', parent_id: u.digital.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    u.fostering = await create(srv, 'units', { name: 'Fostering Team', kind: 'team', parent_id: u.children.id });
    assert.equal(u.serviceDesk.parent_id, u.digital.id);
    assert.equal(Number(srv.sql('SELECT count(*) FROM units')), 6);
  });

  it('requires parent_id for every kind but council, and stores nothing', async () => {
    const before = srv.counts();
    const res = await srv.admin('POST', '/api/v1/units', { body: { name: 'Orphan Team', kind: 'team' } });
    assertProblem(res, 422, { fields: ['parent_id'] });
    assert.deepEqual(srv.counts(), before);
  });

  it('returns a unit by id with its ETag', async () => {
    const res = await srv.admin('GET', `/api/v1/units/${u.corporate.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual(res.json, u.corporate);
  });

  it('lists only the subtree, the unit itself included, when within= is given', async () => {
    const res = await srv.admin('GET', `/api/v1/units?within=${u.corporate.id}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.next_cursor, null);
    const ids = res.json.items.map((x) => x.id).sort();
    assert.deepEqual(ids, [u.corporate.id, u.digital.id, u.serviceDesk.id].sort());
  });

  it('lists every unit without filters', async () => {
    const res = await srv.admin('GET', '/api/v1/units');
    assert.equal(res.status, 200);
    assert.equal(res.json.items.length, 6);
    assert.equal(res.json.next_cursor, null);
  });

  it('filters by name, ignoring case, anywhere in the name', async () => {
    const res = await srv.admin('GET', '/api/v1/units?name=SUPPORT');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.items.map((x) => x.name), ['Corporate Support']);
    const team = await srv.admin('GET', '/api/v1/units?name=team');
    assert.deepEqual(team.json.items.map((x) => x.name), ['Fostering Team']);
  });

  it('filters by kind', async () => {
    const res = await srv.admin('GET', '/api/v1/units?kind=directorate');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.items.map((x) => x.name).sort(), ['Children and Families', 'Corporate Support']);
  });

  it('walks every unit a page at a time with limit=1, ending with next_cursor null', async () => {
    const all = (await srv.admin('GET', '/api/v1/units?limit=200')).json.items.map((x) => x.id);
    const seen = [];
    let cursor = null;
    for (let pages = 0; pages < 20; pages++) {
      const res = await srv.admin('GET', `/api/v1/units?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.items.length, 1);
      seen.push(res.json.items[0].id);
      cursor = res.json.next_cursor;
      if (cursor === null) break;
      assert.match(cursor, /\S/, `next_cursor is null or a cursor, not ${JSON.stringify(cursor)} (page ${pages + 1}: ${res.text})`);
    }
    assert.equal(cursor, null, 'the last page has next_cursor null');
    assert.deepEqual(seen, all);
    assert.equal(new Set(seen).size, 6);
  });

  it('changes a unit with If-Match, bumps the version and returns the new ETag', async () => {
    const res = await srv.admin('PATCH', `/api/v1/units/${u.digital.id}`, {
      headers: { 'if-match': 'W/"1"' },
      body: { name: 'Digital, Data and ICT', description: 'Websites, data, laptops and telephony.' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.equal(res.json.version, 2);
    assert.equal(res.json.name, 'Digital, Data and ICT');
    assert.equal(res.json.description, 'Websites, data, laptops and telephony.');
    assert.equal(res.json.kind, 'department');
    assert.equal(res.json.parent_id, u.corporate.id);
    assert.equal(res.json.created_at, u.digital.created_at);
    const row = unitRow(u.digital.id);
    assert.equal(row.name, 'Digital, Data and ICT');
    assert.equal(row.version, 2);
    const audit = auditRows(srv.dbPath, u.digital.id);
    assert.deepEqual(audit.map((a) => a.action), ['create', 'update']);
    assert.equal(audit[1].before.name, 'Digital and ICT');
    assert.equal(audit[1].after.name, 'Digital, Data and ICT');
    u.digital = res.json;
  });

  it('accepts the version in the body instead of If-Match', async () => {
    const res = await srv.admin('PATCH', `/api/v1/units/${u.digital.id}`, { body: { description: 'Websites, data and telephony.', version: 2 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 3);
    assert.equal(res.headers.get('etag'), 'W/"3"');
    u.digital = res.json;
  });

  it('refuses a stale If-Match with 409 and leaves the row unchanged', async () => {
    const rowBefore = unitRow(u.digital.id);
    const countsBefore = srv.counts();
    const res = await srv.admin('PATCH', `/api/v1/units/${u.digital.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Stale Name' } });
    assertProblem(res, 409);
    assert.deepEqual(unitRow(u.digital.id), rowBefore);
    assert.deepEqual(srv.counts(), countsBefore);
  });

  it('refuses a stale body version with 409 too', async () => {
    const rowBefore = unitRow(u.digital.id);
    const res = await srv.admin('PATCH', `/api/v1/units/${u.digital.id}`, { body: { name: 'Stale Name', version: 2 } });
    assertProblem(res, 409);
    assert.deepEqual(unitRow(u.digital.id), rowBefore);
  });

  it('asks for a version with 428 when neither If-Match nor version is sent', async () => {
    const rowBefore = unitRow(u.digital.id);
    const countsBefore = srv.counts();
    const res = await srv.admin('PATCH', `/api/v1/units/${u.digital.id}`, { body: { name: 'No Version' } });
    assertProblem(res, 428);
    assert.deepEqual(unitRow(u.digital.id), rowBefore);
    assert.deepEqual(srv.counts(), countsBefore);
  });

  it('refuses to move a unit under its own descendant with 422 on parent_id', async () => {
    const rowBefore = unitRow(u.corporate.id);
    const countsBefore = srv.counts();
    const res = await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: u.serviceDesk.id } });
    assertProblem(res, 422, { fields: ['parent_id'] });
    const self = await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: u.corporate.id } });
    assertProblem(self, 422, { fields: ['parent_id'] });
    assert.deepEqual(unitRow(u.corporate.id), rowBefore);
    assert.deepEqual(srv.counts(), countsBefore);
  });

  it('moves a unit to another parent and lists it in the new subtree', async () => {
    const res = await srv.admin('PATCH', `/api/v1/units/${u.serviceDesk.id}`, { headers: { 'if-match': 'W/"1"' }, body: { parent_id: u.corporate.id } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.parent_id, u.corporate.id);
    const within = await srv.admin('GET', `/api/v1/units?within=${u.digital.id}`);
    assert.deepEqual(within.json.items.map((x) => x.id), [u.digital.id]);
    u.serviceDesk = res.json;
  });

  it('refuses to archive a unit that has live sub-units with 409', async () => {
    const rowBefore = unitRow(u.children.id);
    const countsBefore = srv.counts();
    const res = await srv.admin('POST', `/api/v1/units/${u.children.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assertProblem(res, 409);
    assert.deepEqual(unitRow(u.children.id), rowBefore);
    assert.deepEqual(srv.counts(), countsBefore);
  });

  it('archives a leaf unit and leaves it out of lists unless include_archived=true', async () => {
    const res = await srv.admin('POST', `/api/v1/units/${u.fostering.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.archived_at, ISO_TS_RE);
    assert.equal(res.json.version, 2);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.notEqual(unitRow(u.fostering.id).archived_at, null);
    const audit = auditRows(srv.dbPath, u.fostering.id);
    assert.deepEqual(audit.map((a) => a.action), ['create', 'archive']);

    const live = await srv.admin('GET', `/api/v1/units?within=${u.children.id}`);
    assert.deepEqual(live.json.items.map((x) => x.id), [u.children.id]);
    const all = await srv.admin('GET', `/api/v1/units?within=${u.children.id}&include_archived=true`);
    assert.deepEqual(all.json.items.map((x) => x.id).sort(), [u.children.id, u.fostering.id].sort());
    const one = await srv.admin('GET', `/api/v1/units/${u.fostering.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.archived_at, res.json.archived_at);
  });

  it('archives the parent once its sub-units are archived, with the version in the body', async () => {
    const res = await srv.admin('POST', `/api/v1/units/${u.children.id}/archive`, { body: { version: 1 } });
    assert.equal(res.status, 200, res.text);
    assert.notEqual(res.json.archived_at, null);
  });

  it('refuses to archive with a stale version (409) or none (428)', async () => {
    const stale = await srv.admin('POST', `/api/v1/units/${u.serviceDesk.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assertProblem(stale, 409);
    const none = await srv.admin('POST', `/api/v1/units/${u.serviceDesk.id}/archive`);
    assertProblem(none, 428);
    assert.equal(unitRow(u.serviceDesk.id).archived_at, null);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
