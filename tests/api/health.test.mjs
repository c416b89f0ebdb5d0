// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertStopsCleanly } from './harness.mjs';

describe('health and readiness', { timeout: 30000 }, () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('answers /healthz with 200 {"status":"ok"} to anyone', async () => {
    const res = await srv.api('GET', '/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(res.json, { status: 'ok' });
    assert.ok(res.headers.get('x-request-id'), 'every answer carries X-Request-Id');
  });

  it('answers /readyz with 200 {"status":"ready"} while the database is reachable', async () => {
    const res = await srv.api('GET', '/readyz');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { status: 'ready' });
  });

  it('gives each request its own X-Request-Id, and keeps a plain one the client sends', async () => {
    const a = await srv.api('GET', '/healthz');
    const b = await srv.api('GET', '/healthz');
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
    const mine = await srv.api('GET', '/healthz', { headers: { 'x-request-id': 'lb-1234.abcd_ef' } });
    assert.equal(mine.headers.get('x-request-id'), 'lb-1234.abcd_ef');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
