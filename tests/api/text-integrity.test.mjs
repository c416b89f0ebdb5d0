// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, item 1: only valid text is stored. One rule for every way text comes in: valid
// UTF-8, no NUL or other control character, tabs and line breaks only in fields that hold
// several lines. Refusals name the field; nothing is stored; every answer stays valid JSON.
// (CSV files and command-line arguments are tried in cli-import.test.mjs and cli.test.mjs.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, ADMIN_PASSWORD } from './harness.mjs';

describe('text integrity', { timeout: 60000 }, () => {
  let srv;
  let council;
  let cookie;
  let csrf;

  before(async () => {
    srv = await startServer();
    council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    // A signed-in browser session, for the forms.
    const visitor = 'text-integrity-csrf-0123456789';
    const signIn = await srv.api('POST', '/sign-in', {
      rawBody: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD, csrf_token: visitor }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      cookie: `civic_csrf=${visitor}`,
    });
    assert.equal(signIn.status, 303, signIn.text);
    cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')).split(';')[0];
    const page = await srv.api('GET', '/units/new', { cookie });
    csrf = /name="csrf_token"\s+value="([^"]+)"/.exec(page.text)[1];
  });
  after(async () => {
    await srv?.cleanup();
  });

  // Posts a form body given as raw text, so it can hold %-escaped bytes that are not UTF-8.
  const postForm = (path, raw) =>
    srv.api('POST', path, { cookie, rawBody: `csrf_token=${encodeURIComponent(csrf)}&${raw}`, contentType: 'application/x-www-form-urlencoded' });

  it('refuses a unit named with the bytes %ff%fe through the form, and stores nothing', async () => {
    const before = srv.counts();
    const res = await postForm('/units', `name=%ff%fe&kind=service&parent_id=${council.id}&description=`);
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.match(res.text, /The unit(&#39;|&apos;|')s name is not UTF-8 text/);
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses a person whose summary holds a NUL through the form', async () => {
    const before = srv.counts();
    const res = await postForm('/people', `name=Sam+Okafor&kind=officer&unit_id=${council.id}&summary=a%00b`);
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.match(res.text, /The summary contains a control character/);
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses a NUL sent as \\u0000 in JSON, naming the field', async () => {
    const res = await srv.admin('POST', '/api/v1/units', { rawBody: '{"name": "Pay\\u0000roll", "kind": "service", "parent_id": "' + council.id + '"}' });
    const p = assertProblem(res, 422, { fields: ['name'] });
    assert.equal(p.errors[0].message, "The unit's name contains a control character (such as NUL) that text cannot hold");
  });

  it('refuses a line break in a one-line field and keeps it in a field of several lines', async () => {
    const bad = assertProblem(
      await srv.admin('POST', '/api/v1/units', { body: { name: 'Pay\nroll', kind: 'service', parent_id: council.id } }),
      422,
      { fields: ['name'] },
    );
    assert.equal(bad.errors[0].message, "The unit's name must be on one line, without tabs or line breaks");
    const good = await srv.admin('POST', '/api/v1/units', {
      body: { name: 'Payroll', kind: 'service', parent_id: council.id, description: 'Pays staff.\n\tAnd councillors.' },
    });
    assert.equal(good.status, 201, good.text);
    assert.equal(good.json.description, 'Pays staff.\n\tAnd councillors.');
  });

  it('refuses control characters in each text field of people, posts and memberships', async () => {
    const person = await create(srv, 'people', { name: 'Priya Shah', kind: 'councillor', unit_id: council.id });
    for (const [collection, body, field] of [
      ['people', { name: 'Sam', kind: 'officer', unit_id: council.id, honorific_prefix: 'Dr\u0007' }, 'honorific_prefix'],
      ['people', { name: 'Sam', kind: 'officer', unit_id: council.id, phone: '01632\u0000' }, 'phone'],
      ['posts', { unit_id: council.id, label: 'Leader\u001b' }, 'label'],
      ['posts', { unit_id: council.id, label: 'Leader', responsibilities: ['Budget\u0000'] }, 'responsibilities'],
      ['memberships', { person_id: person.id, unit_id: council.id, role: 'Chair\u0085' }, 'role'],
    ]) {
      const before = srv.counts();
      assertProblem(await srv.admin('POST', `/api/v1/${collection}`, { body }), 422, { fields: [field] });
      assert.deepEqual(srv.counts(), before, `${collection}.${field}`);
    }
  });

  it('refuses a calendar day whose name holds a control character', async () => {
    const p = assertProblem(await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2031-03-03', name: 'Closed\u0000', change: 'add' } }), 422, {
      fields: ['name'],
    });
    assert.match(p.errors[0].message, /control character/);
  });

  it('keeps every list and the Popolo export valid JSON after all those attempts', async () => {
    for (const path of ['/api/v1/units', '/api/v1/people', '/api/v1/posts', '/api/v1/memberships', '/api/v1/export/popolo']) {
      const res = await srv.admin('GET', path);
      assert.equal(res.status, 200, path);
      assert.doesNotThrow(() => JSON.parse(res.text), path);
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
