// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, item 3: versions mean one thing. A create may not name a version; a body version
// that disagrees with If-Match is refused; a change that changes nothing writes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, auditRows } from './harness.mjs';

describe('versions', { timeout: 60000 }, () => {
  let srv;
  let council;

  before(async () => {
    srv = await startServer();
    council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses a version in the body of a create, naming the field, and stores nothing', async () => {
    const before = srv.counts();
    const res = await srv.admin('POST', '/api/v1/units', { body: { name: 'Payroll', kind: 'service', parent_id: council.id, version: 7 } });
    const p = assertProblem(res, 422, { fields: ['version'] });
    assert.equal(p.errors.find((e) => e.field === 'version').message, 'Leave version out when adding a record: a new record starts at version 1');
    assert.deepEqual(srv.counts(), before);
  });

  for (const [collection, body] of [
    ['people', { name: 'Sam Okafor', kind: 'officer', version: 1 }],
    ['posts', () => ({ unit_id: council.id, label: 'Chief Executive', version: 1 })],
  ]) {
    it(`refuses a version in the body of a create of ${collection}`, async () => {
      const res = await srv.admin('POST', `/api/v1/${collection}`, { body: typeof body === 'function' ? body() : body });
      assertProblem(res, 422, { fields: ['version'] });
    });
  }

  it('refuses a body version that disagrees with If-Match, naming version, and changes nothing', async () => {
    const unit = await create(srv, 'units', { name: 'Finance', kind: 'directorate', parent_id: council.id });
    const res = await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Finance and Assets', version: 999 } });
    const p = assertProblem(res, 422, { fields: ['version'] });
    assert.equal(
      p.errors.find((e) => e.field === 'version').message,
      'The version in the body (999) is not the one If-Match names (1); send one of them, or the same number in both',
    );
    assert.equal(srv.sql(`SELECT name || '|' || version FROM units WHERE id = '${unit.id}'`), 'Finance|1');
  });

  it('accepts a body version that agrees with If-Match', async () => {
    const unit = await create(srv, 'units', { name: 'Legal', kind: 'service', parent_id: council.id });
    const res = await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Legal Services', version: 1 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 2);
  });

  it('refuses a body version and If-Match that disagree on an archive', async () => {
    const unit = await create(srv, 'units', { name: 'Old Team', kind: 'team', parent_id: council.id });
    const res = await srv.admin('POST', `/api/v1/units/${unit.id}/archive`, { headers: { 'if-match': 'W/"1"' }, body: { version: 2 } });
    assertProblem(res, 422, { fields: ['version'] });
    assert.equal(srv.sql(`SELECT count(*) FROM units WHERE id = '${unit.id}' AND archived_at IS NULL`), '1');
  });

  it('refuses an empty PATCH {} as the document promises (minProperties 1), with no new version or audit row', async () => {
    const unit = await create(srv, 'units', { name: 'Audit Team', kind: 'team', parent_id: council.id });
    for (const body of [{}, { version: 1 }]) {
      const res = await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body });
      const p = assertProblem(res, 422);
      assert.match(p.detail, /Send at least one field to change/);
    }
    assert.equal(srv.sql(`SELECT version FROM units WHERE id = '${unit.id}'`), '1');
    assert.equal(auditRows(srv.dbPath, unit.id).length, 1);
  });

  it('answers a PATCH that changes nothing with 200 and the record as it is: no new version and no audit row', async () => {
    const person = await create(srv, 'people', { name: 'Priya Shah', kind: 'councillor', honorific_prefix: 'Cllr', unit_id: council.id });
    const res = await srv.admin('PATCH', `/api/v1/people/${person.id}`, {
      headers: { 'if-match': 'W/"1"' },
      body: { name: '  Priya Shah ', honorific_prefix: 'Cllr', published: true },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.version, 1);
    assert.equal(res.json.updated_at, person.updated_at);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.equal(srv.sql(`SELECT version FROM people WHERE id = '${person.id}'`), '1');
    const audit = auditRows(srv.dbPath, person.id);
    assert.deepEqual(audit.map((a) => a.action), ['create']);
  });

  it('still answers 409 to a PATCH that changes nothing but names an old version', async () => {
    const unit = await create(srv, 'units', { name: 'Estates', kind: 'service', parent_id: council.id });
    assert.equal((await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Estates and Property' } })).status, 200);
    assertProblem(await srv.admin('PATCH', `/api/v1/units/${unit.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Estates and Property' } }), 409);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
