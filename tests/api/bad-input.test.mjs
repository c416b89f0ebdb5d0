// SPDX-License-Identifier: AGPL-3.0-or-later
// Every kind of bad request: the right 4xx as a problem, nothing stored, and the server
// still answering afterwards.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, randomId } from './harness.mjs';

describe('bad input', { timeout: 60000 }, () => {
  let srv;
  const u = {};

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  // Runs fn, then asserts no table and no audit entry changed and /healthz still answers.
  async function storesNothing(fn) {
    const before = srv.counts();
    const corporate = srv.sql(`SELECT name || '|' || version FROM units WHERE id = '${u.corporate.id}'`);
    await fn();
    assert.deepEqual(srv.counts(), before, 'no rows and no audit entries were added');
    assert.equal(srv.sql(`SELECT name || '|' || version FROM units WHERE id = '${u.corporate.id}'`), corporate);
    const health = await srv.api('GET', '/healthz');
    assert.equal(health.status, 200, 'the server still answers /healthz');
    assert.deepEqual(health.json, { status: 'ok' });
  }

  it('rejects malformed JSON with 400, saying where, and stores nothing', async () => {
    await storesNothing(async () => {
      const res = await srv.admin('POST', '/api/v1/units', { rawBody: '{"name": "Finance",\n  "kind": }' });
      const p = assertProblem(res, 400);
      assert.match(p.detail, /line\s*2/i, `the detail names the line: ${p.detail}`);
      assert.match(p.detail, /column/i, `the detail names the column: ${p.detail}`);
      assert.equal(p.instance, '/api/v1/units');
      assert.equal(typeof p.request_id, 'string');
    });
  });

  it('rejects an empty body and a body that is not a JSON object with 400', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody: '' }), 400);
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody: '[{"name":"Finance","kind":"council"}]' }), 400);
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody: '{"name":"Finance","kind":"council"} trailing' }), 400);
    });
  });

  it('rejects a field of the wrong type with 422 naming it', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: 5, kind: 'team', parent_id: u.corporate.id } }), 422, { fields: ['name'] });
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: 5, kind: 'team' } }), 422, { fields: ['name'] });
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: 'Team', kind: ['team'], parent_id: u.corporate.id } }), 422, { fields: ['kind'] });
      assertProblem(await srv.admin('POST', '/api/v1/people', { body: { name: 'Sam', kind: 'officer', published: 'yes' } }), 422, { fields: ['published'] });
    });
  });

  it('rejects every unknown field with 422 naming each', async () => {
    await storesNothing(async () => {
      const res = await srv.admin('POST', '/api/v1/units', { body: { name: 'X', kind: 'council', colour: 'red' } });
      assertProblem(res, 422, { fields: ['colour'] });
      const two = await srv.admin('POST', '/api/v1/units', { body: { name: 'X', kind: 'council', colour: 'red', size: 3 } });
      assertProblem(two, 422, { fields: ['colour', 'size'] });
      const patch = await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { body: { version: 1, colour: 'red' } });
      assertProblem(patch, 422, { fields: ['colour'] });
    });
  });

  it('rejects invalid UTF-8 in the body with 400', async () => {
    await storesNothing(async () => {
      const rawBody = Buffer.concat([Buffer.from('{"name":"Fin'), Buffer.from([0xff, 0xfe]), Buffer.from('ance","kind":"council"}')]);
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody }), 400);
    });
  });

  it('rejects a body over 10 MiB with 413', async () => {
    await storesNothing(async () => {
      const body = Buffer.from(`{"name":"${'a'.repeat(11 * 1024 * 1024)}","kind":"council"}`);
      // A bare socket, not fetch: the server may answer before it has read the body, and close.
      const res = await srv.rawRequest('POST', '/api/v1/units', {
        headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
        body,
      });
      assertProblem(res, 413);
    });
  });

  it('rejects a chunked body that grows over 10 MiB with 413', async () => {
    await storesNothing(async () => {
      const body = Buffer.from(`{"name":"${'a'.repeat(11 * 1024 * 1024)}","kind":"council"}`);
      const res = await srv.rawRequest('POST', '/api/v1/units', {
        headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
        body,
        chunked: true,
      });
      assertProblem(res, 413);
    });
  });

  it('still accepts a body just under the limit (a 422 for the long name, not a 413)', async () => {
    await storesNothing(async () => {
      const body = Buffer.from(`{"name":"${'a'.repeat(9 * 1024 * 1024)}","kind":"council"}`);
      const res = await srv.rawRequest('POST', '/api/v1/units', {
        headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
        body,
      });
      assertProblem(res, 422, { fields: ['name'] });
    });
  });

  it('rejects a body that is not sent as application/json with 415', async () => {
    await storesNothing(async () => {
      const json = JSON.stringify({ name: 'Finance', kind: 'council' });
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody: json, contentType: 'text/plain' }), 415);
      assertProblem(await srv.admin('POST', '/api/v1/units', { rawBody: '<unit><name>Finance</name></unit>', contentType: 'application/xml' }), 415);
      assertProblem(
        await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { rawBody: JSON.stringify({ version: 1, name: 'Renamed' }), contentType: 'text/plain' }),
        415,
      );
    });
  });

  it('accepts application/json with a charset parameter', async () => {
    const res = await srv.admin('POST', '/api/v1/units', {
      rawBody: JSON.stringify({ name: 'Finance', kind: 'department', parent_id: u.corporate.id }),
      contentType: 'application/json; charset=utf-8',
    });
    assert.equal(res.status, 201, res.text);
  });

  it('answers ids that do not exist with 404', async () => {
    await storesNothing(async () => {
      const ghost = randomId();
      assertProblem(await srv.admin('GET', `/api/v1/units/${ghost}`), 404);
      assertProblem(await srv.admin('PATCH', `/api/v1/units/${ghost}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Ghost' } }), 404);
      assertProblem(await srv.admin('POST', `/api/v1/units/${ghost}/archive`, { headers: { 'if-match': 'W/"1"' } }), 404);
      assertProblem(await srv.admin('GET', `/api/v1/people/${ghost}`), 404);
      assertProblem(await srv.admin('GET', `/api/v1/posts/${ghost}`), 404);
      assertProblem(await srv.admin('GET', `/api/v1/memberships/${ghost}`), 404);
    });
  });

  it('answers an id that is not a uuid with 404', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('GET', '/api/v1/units/xyz'), 404);
      assertProblem(await srv.admin('PATCH', '/api/v1/units/xyz', { headers: { 'if-match': 'W/"1"' }, body: { name: 'X' } }), 404);
      assertProblem(await srv.admin('GET', `/api/v1/units/${u.corporate.id.toUpperCase()}`), 404);
      assertProblem(await srv.admin('GET', '/api/v1/nothing-here'), 404);
    });
  });

  it('answers a stale version with 409', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { headers: { 'if-match': 'W/"7"' }, body: { name: 'Stale' } }), 409);
    });
  });

  it('answers an If-Match that is not one of Civic’s ETags with 400', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('PATCH', `/api/v1/units/${u.corporate.id}`, { headers: { 'if-match': '"abc"' }, body: { name: 'X' } }), 400);
    });
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    await storesNothing(async () => {
      const res = await srv.admin('DELETE', '/api/v1/units');
      assertProblem(res, 405);
      const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim());
      assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${res.headers.get('allow')}`);
      const item = await srv.admin('DELETE', `/api/v1/units/${u.corporate.id}`);
      assertProblem(item, 405);
      const itemAllow = (item.headers.get('allow') ?? '').split(',').map((s) => s.trim());
      assert.ok(itemAllow.includes('GET') && itemAllow.includes('PATCH'), `Allow: ${item.headers.get('allow')}`);
      const put = await srv.admin('PUT', `/api/v1/units/${u.corporate.id}`, { body: { name: 'X' } });
      assertProblem(put, 405);
      const health = await srv.admin('POST', '/healthz', { body: {} });
      assert.equal(health.status, 405);
      assert.ok(health.headers.get('allow'));
    });
  });

  it('answers a parent_id that does not exist with 422 naming parent_id', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: 'Ghost Team', kind: 'team', parent_id: randomId() } }), 422, { fields: ['parent_id'] });
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: 'Ghost Team', kind: 'team', parent_id: 'xyz' } }), 422, { fields: ['parent_id'] });
    });
  });

  it('answers a kind it does not know and a blank name with 422 naming both', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('POST', '/api/v1/units', { body: { name: '   ', kind: 'galaxy', parent_id: u.corporate.id } }), 422, { fields: ['name', 'kind'] });
    });
  });

  it('answers a bad limit, cursor or within with 422 naming the parameter', async () => {
    await storesNothing(async () => {
      assertProblem(await srv.admin('GET', '/api/v1/units?limit=0'), 422, { fields: ['limit'] });
      assertProblem(await srv.admin('GET', '/api/v1/units?limit=abc'), 422, { fields: ['limit'] });
      assertProblem(await srv.admin('GET', '/api/v1/units?limit=201'), 422, { fields: ['limit'] });
      assertProblem(await srv.admin('GET', '/api/v1/people?limit=-1'), 422, { fields: ['limit'] });
      assertProblem(await srv.admin('GET', '/api/v1/units?cursor=not-a-cursor'), 422, { fields: ['cursor'] });
      assertProblem(await srv.admin('GET', '/api/v1/units?within=xyz'), 422, { fields: ['within'] });
      assertProblem(await srv.admin('GET', '/api/v1/memberships?person_id=xyz'), 422, { fields: ['person_id'] });
      const ok = await srv.admin('GET', '/api/v1/units?limit=200');
      assert.equal(ok.status, 200);
    });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
