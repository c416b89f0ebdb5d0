// SPDX-License-Identifier: AGPL-3.0-or-later
// SIGTERM in the middle of a stream of writes: every write the server acknowledged with a 201
// is in the database afterwards, with its audit entry, and the process exits 0.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, create, backend } from './harness.mjs';

describe('graceful stop', { timeout: 60000 }, () => {
  let srv;
  let council;

  before(async () => {
    srv = await startServer();
    council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('loses no acknowledged write when stopped mid-workload, and exits 0', async (t) => {
    const acknowledged = [];
    const refused = [];
    let signalled = false;
    // Two streams of sequential creates, so that a request is in flight when SIGTERM lands.
    const stream = async (name, n) => {
      for (let i = 0; i < n; i++) {
        if (name === 'a' && i === 15) {
          signalled = true;
          srv.child.kill('SIGTERM');
        }
        try {
          const res = await srv.admin('POST', '/api/v1/units', {
            body: { name: `Team ${name}${i}`, kind: 'team', parent_id: council.id },
          });
          if (res.status === 201) acknowledged.push(res.json.id);
          else refused.push(`${res.status} ${res.text.slice(0, 200)}`);
        } catch (e) {
          // A connection refused or closed after the stop: not acknowledged, so nothing is promised.
          if (!signalled) throw e;
          refused.push(String(e.cause?.code ?? e.message));
        }
      }
    };
    await Promise.all([stream('a', 25), stream('b', 25)]);
    const { code, signal } = await srv.exited;
    t.diagnostic(`${acknowledged.length} creates acknowledged, ${refused.length} refused after SIGTERM: ${[...new Set(refused)].join(', ')}`);
    assert.equal(signal, null, `ended by ${signal}`);
    assert.equal(code, 0, `exit code\n${srv.output().stderr.slice(-2000)}`);

    assert.ok(acknowledged.length >= 15, `at least the writes before SIGTERM were acknowledged (${acknowledged.length})`);
    for (const r of refused) assert.doesNotMatch(r, /^500/, 'no write failed with a 500 while stopping');
    const stored = new Set(srv.sql(`SELECT id FROM units WHERE kind = 'team'`).split('\n').filter(Boolean));
    const audited = new Set(srv.sql(`SELECT entity_id FROM audit_log WHERE entity = 'unit' AND action = 'create'`).split('\n').filter(Boolean));
    for (const id of acknowledged) {
      assert.ok(stored.has(id), `acknowledged unit ${id} is stored`);
      assert.ok(audited.has(id), `acknowledged unit ${id} has its audit entry`);
    }
    // Nothing half-written: every stored team has its audit entry.
    for (const id of stored) assert.ok(audited.has(id), `stored unit ${id} has its audit entry`);
    if (backend === 'sqlite') assert.equal(srv.sql('PRAGMA integrity_check'), 'ok');
  });
});
