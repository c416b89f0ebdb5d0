// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, lastLine, ADMIN_PASSWORD } from './harness.mjs';

describe('who may see and change what', { timeout: 60000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const tokens = {};

  // Adds a user with the CLI (to the database the server is using) and returns their API token.
  async function addUser(username, name, role, unitId) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', name, '--role', role];
    if (unitId) args.push('--unit', unitId);
    args.push('--password-stdin');
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, `civic user add: ${added.stderr}`);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, `civic token create: ${tok.stderr}`);
    return lastLine(tok.stdout);
  }

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    p.hidden = await create(srv, 'people', {
      name: 'Hana Private',
      kind: 'officer',
      unit_id: u.corporate.id,
      published: false,
      email: 'hana.private@northmoor.gov.uk',
    });
    p.officer = await create(srv, 'people', {
      name: 'Sam Okafor',
      kind: 'officer',
      unit_id: u.corporate.id,
      published: true,
      email: 'sam.okafor@northmoor.gov.uk',
      phone: '01632 960 123',
    });
    p.councillor = await create(srv, 'people', {
      name: 'Priya Shah',
      kind: 'councillor',
      honorific_prefix: 'Cllr',
      unit_id: u.council.id,
      published: true,
      email: 'cllr.priya.shah@northmoor.gov.uk',
    });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('answers an anonymous write with 401, WWW-Authenticate: Bearer, and stores nothing', async () => {
    const before = srv.counts();
    const res = await srv.api('POST', '/api/v1/units', { body: { name: 'Anonymous Team', kind: 'team', parent_id: u.corporate.id } });
    assertProblem(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    const patch = await srv.api('PATCH', `/api/v1/units/${u.corporate.id}`, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Hijacked' } });
    assertProblem(patch, 401);
    const archive = await srv.api('POST', `/api/v1/units/${u.corporate.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assertProblem(archive, 401);
    assert.deepEqual(srv.counts(), before);
    assert.equal(srv.sql(`SELECT name FROM units WHERE id = '${u.corporate.id}'`), 'Corporate Support');
  });

  it('answers a bearer token it does not know with 401', async () => {
    const res = await srv.api('POST', '/api/v1/units', { token: 'not-a-real-token', body: { name: 'X', kind: 'council' } });
    assertProblem(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('hides an unpublished officer from anonymous visitors with 404, and from their lists', async () => {
    assertProblem(await srv.api('GET', `/api/v1/people/${p.hidden.id}`), 404);
    const list = await srv.api('GET', '/api/v1/people');
    assert.equal(list.status, 200);
    const ids = list.json.items.map((x) => x.id);
    assert.ok(!ids.includes(p.hidden.id), 'the unpublished officer is not listed');
    assert.ok(ids.includes(p.officer.id));
    const admin = await srv.admin('GET', `/api/v1/people/${p.hidden.id}`);
    assert.equal(admin.status, 200);
  });

  it('shows anonymous visitors a published officer without email or phone', async () => {
    const res = await srv.api('GET', `/api/v1/people/${p.officer.id}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name, 'Sam Okafor');
    assert.equal(res.json.email, null);
    assert.equal(res.json.phone, null);
    const listed = (await srv.api('GET', '/api/v1/people')).json.items.find((x) => x.id === p.officer.id);
    assert.equal(listed.email, null);
    assert.equal(listed.phone, null);
    const exported = (await srv.api('GET', '/api/v1/export/popolo')).json.persons.find((x) => x.id === p.officer.id);
    assert.ok(exported, 'the published officer is exported');
    assert.ok(!('email' in exported) || exported.email == null, 'no email in the anonymous export');
    assert.ok(!JSON.stringify(exported).includes('sam.okafor@'), 'no email anywhere in the anonymous export');
  });

  it('shows the administrator the officer’s email and phone', async () => {
    const res = await srv.admin('GET', `/api/v1/people/${p.officer.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.email, 'sam.okafor@northmoor.gov.uk');
    assert.equal(res.json.phone, '01632 960 123');
  });

  it('shows anonymous visitors a published councillor’s email', async () => {
    const res = await srv.api('GET', `/api/v1/people/${p.councillor.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.email, 'cllr.priya.shah@northmoor.gov.uk');
  });

  it('lets an editor of one directorate create a team inside it', async () => {
    tokens.editor = await addUser('ed', 'Ed Editor', 'editor', u.corporate.id);
    const res = await srv.api('POST', '/api/v1/units', { token: tokens.editor, body: { name: 'Payroll Team', kind: 'team', parent_id: u.corporate.id } });
    assert.equal(res.status, 201, res.text);
    u.payroll = res.json;
    const audit = srv.sqlRows(`SELECT actor, action FROM audit_log WHERE entity_id = '${u.payroll.id}'`);
    assert.deepEqual(audit, [{ actor: 'ed', action: 'create' }]);
  });

  it('answers an editor’s PATCH of a unit outside their directorate with 404, changing nothing', async () => {
    const before = srv.counts();
    const res = await srv.api('PATCH', `/api/v1/units/${u.children.id}`, { token: tokens.editor, headers: { 'if-match': 'W/"1"' }, body: { name: 'Renamed' } });
    assertProblem(res, 404);
    const council = await srv.api('PATCH', `/api/v1/units/${u.council.id}`, { token: tokens.editor, headers: { 'if-match': 'W/"1"' }, body: { name: 'Renamed' } });
    assertProblem(council, 404);
    assert.equal(srv.sql(`SELECT name FROM units WHERE id = '${u.children.id}'`), 'Children and Families');
    assert.deepEqual(srv.counts(), before);
  });

  it('answers an editor creating under a parent outside their directorate with 422 on parent_id', async () => {
    const before = srv.counts();
    const res = await srv.api('POST', '/api/v1/units', { token: tokens.editor, body: { name: 'Fostering Team', kind: 'team', parent_id: u.children.id } });
    assertProblem(res, 422, { fields: ['parent_id'] });
    assert.deepEqual(srv.counts(), before);
  });

  it('does not let a viewer write: PATCH of an existing unit is 404', async () => {
    tokens.viewer = await addUser('vic', 'Vic Viewer', 'viewer');
    const read = await srv.api('GET', `/api/v1/units/${u.corporate.id}`, { token: tokens.viewer });
    assert.equal(read.status, 200);
    const before = srv.counts();
    const res = await srv.api('PATCH', `/api/v1/units/${u.corporate.id}`, { token: tokens.viewer, headers: { 'if-match': 'W/"1"' }, body: { name: 'Renamed' } });
    assertProblem(res, 404);
    assert.equal(srv.sql(`SELECT name FROM units WHERE id = '${u.corporate.id}'`), 'Corporate Support');
    assert.deepEqual(srv.counts(), before);
  });

  it('lets only an administrator read the audit trail: an editor gets 403', async () => {
    const res = await srv.api('GET', '/api/v1/audit', { token: tokens.editor });
    assertProblem(res, 403);
    assert.match(res.json.detail, /administrator/);
  });

  it('widens an editor’s scope with civic user grant, and the next request sees it', async () => {
    const before = await srv.api('PATCH', `/api/v1/units/${u.children.id}`, { token: tokens.editor, headers: { 'if-match': 'W/"1"' }, body: { description: 'Schools and social care' } });
    assertProblem(before, 404);
    const granted = await srv.cli(['user', 'grant', '--db', srv.dbPath, '--username', 'ed', '--role', 'editor', '--unit', u.children.id]);
    assert.equal(granted.code, 0, granted.stderr);
    assert.match(granted.stdout, /ed is now also editor of unit/);
    const after = await srv.api('PATCH', `/api/v1/units/${u.children.id}`, { token: tokens.editor, headers: { 'if-match': 'W/"1"' }, body: { description: 'Schools and social care' } });
    assert.equal(after.status, 200, after.text);
    const grantAudit = srv.sqlRows("SELECT actor, action FROM audit_log WHERE entity = 'user' AND action = 'grant'");
    assert.deepEqual(grantAudit, [{ actor: 'cli', action: 'grant' }]);
  });

  it('refuses to grant a role to a user who does not exist, or over a unit that does not exist', async () => {
    const nobody = await srv.cli(['user', 'grant', '--db', srv.dbPath, '--username', 'nobody', '--role', 'viewer']);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user called nobody/);
    const badUnit = await srv.cli(['user', 'grant', '--db', srv.dbPath, '--username', 'ed', '--role', 'viewer', '--unit', 'nope']);
    assert.equal(badUnit.code, 1);
    assert.match(badUnit.stderr, /unit: There is no unit called "nope"/);
    assert.equal(srv.sql("SELECT count(*) FROM user_roles WHERE role = 'viewer' AND user_id = (SELECT id FROM users WHERE username = 'ed')"), '0');
  });

  it('signs in with the form, and the civic_session cookie then authenticates API reads', async () => {
    const csrf = 'test-csrf-token-0123456789abcdef';
    const form = new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD, csrf_token: csrf }).toString();
    const res = await srv.api('POST', '/sign-in', { rawBody: form, contentType: 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const session = res.headers.getSetCookie().find((c) => c.startsWith('civic_session='));
    assert.ok(session, `a civic_session cookie: ${res.headers.getSetCookie()}`);
    assert.match(session, /HttpOnly/i);
    const cookie = session.split(';')[0];
    const audit = await srv.api('GET', '/api/v1/audit', { cookie });
    assert.equal(audit.status, 200, audit.text);
    // A cookie-authenticated write must carry the session's CSRF token.
    const before = srv.counts();
    const write = await srv.api('POST', '/api/v1/units', { cookie, body: { name: 'Cookie Team', kind: 'team', parent_id: u.corporate.id } });
    assertProblem(write, 403);
    assert.deepEqual(srv.counts(), before);
  });

  it('refuses a sign-in with the wrong password and sets no session', async () => {
    const csrf = 'test-csrf-token-0123456789abcdef';
    const form = new URLSearchParams({ username: 'admin', password: 'wrong password', csrf_token: csrf }).toString();
    const res = await srv.api('POST', '/sign-in', { rawBody: form, contentType: 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` });
    assert.notEqual(res.status, 303);
    assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('civic_session=') && !/civic_session=;|Max-Age=0/i.test(c)));
  });

  it('lists users and tokens, and a revoked token answers 401 at once', async () => {
    const users = await srv.cli(['user', 'list', '--db', srv.dbPath]);
    assert.equal(users.code, 0, users.stderr);
    assert.match(users.stdout, /^admin\tAda Admin\tadministrator$/m);
    assert.match(users.stdout, new RegExp(`^ed\\tEd Editor\\teditor of unit ${u.corporate.id}`, 'm'));
    const before = await srv.api('GET', '/api/v1/units', { token: tokens.viewer });
    assert.equal(before.status, 200);
    const listed = await srv.cli(['token', 'list', '--db', srv.dbPath, '--user', 'vic']);
    assert.equal(listed.code, 0, listed.stderr);
    const [id, username, , , state] = listed.stdout.trim().split('\n')[0].split('\t');
    assert.equal(username, 'vic');
    assert.equal(state, 'active');
    assert.ok(!listed.stdout.includes(tokens.viewer), 'the list never shows a secret');
    const revoked = await srv.cli(['token', 'revoke', id, '--db', srv.dbPath]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assertProblem(await srv.api('GET', '/api/v1/units', { token: tokens.viewer }), 401);
    assert.equal(srv.sql(`SELECT actor || ' ' || action FROM audit_log WHERE entity = 'api_token' AND entity_id = '${id}' AND action = 'revoke'`), 'cli revoke');
    const again = await srv.cli(['token', 'revoke', id, '--db', srv.dbPath]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already expired or been revoked/);
    const unknown = await srv.cli(['token', 'revoke', 'no-such-token', '--db', srv.dbPath]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no token with this id/);
  });

  it('locks a username for 15 minutes after five wrong passwords, counting in the database', async () => {
    const added = await srv.cli(['user', 'add', '--db', srv.dbPath, '--username', 'lockme', '--name', 'Lock Me',
      '--password-stdin'], { input: 'the-right-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const csrf = 'test-csrf-token-0123456789abcdef';
    const signIn = (password, username = 'lockme') => srv.api('POST', '/sign-in', {
      rawBody: new URLSearchParams({ username, password, csrf_token: csrf }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      cookie: `civic_csrf=${csrf}`,
    });
    for (let i = 1; i <= 5; i += 1) {
      const res = await signIn(`wrong-${i}`);
      assert.equal(res.status, 422, `attempt ${i}`);
    }
    assert.equal(srv.sql("SELECT failures FROM sign_in_throttle WHERE username = 'lockme'"), '5');
    // Now even the right password is refused, with 429 and a page that says why.
    const locked = await signIn('the-right-password-1');
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get('retry-after'), '900');
    assert.match(locked.text, /too many wrong passwords/);
    assert.ok(!locked.headers.getSetCookie().some((c) => c.startsWith('civic_session=')));
    // Another username is not affected, and a success clears its own count.
    await signIn('wrong', 'admin');
    const ok = await signIn(ADMIN_PASSWORD, 'admin');
    assert.equal(ok.status, 303);
    assert.equal(srv.sql("SELECT count(*) FROM sign_in_throttle WHERE username = 'admin'"), '0');
    // When the window has passed, the username may try again.
    srv.sql("UPDATE sign_in_throttle SET window_start = '2000-01-01T00:00:00.000Z' WHERE username = 'lockme'");
    const after = await signIn('the-right-password-1');
    assert.equal(after.status, 303);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
