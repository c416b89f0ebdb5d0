// SPDX-License-Identifier: AGPL-3.0-or-later
// Governance's action log, forward plan and scrutiny work programme through the API (issue 10,
// items 8 and 9): seed 004's action, agreed at a scrutiny panel's meeting, carried forward on
// the action log of each later meeting until it is closed, then shown once as closed since the
// last meeting, then not at all; overdue actions on their owner's "my actions" and on the
// body's list; the forward plan's 28 clear days counted by hand across Christmas, a late key
// decision refused as taken until an exception is recorded; an exempt entry redacted for the
// public; work programme topics with their lead members and meetings; bad input named and
// nothing stored; the audit trail of each write; and `civic check` clean at the end.
//
// The panel's meetings are on fixed dates before the day these tests were written (November
// 2026), so that an action closed between two of them is in the past whenever the tests run,
// and an action due on 30 June 2026 is overdue for good.
//
// Bodies, meetings and agenda items are other parts of governance. Their routes are made
// through `setup()`, which checks the answer against docs/openapi.json once the document
// describes the route, and is a plain request until then. Agenda items come from
// POST /api/v1/meetings/{id}/items when it is served; until then an action hangs on one of the
// standard items every new meeting has. The agenda's publication and an item's exemption are
// set in the database as those parts would store them, where their routes are not built yet.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, lastLine, runCli, backend, ID_RE } from './harness.mjs';
import { templateFor } from './openapi-check.mjs';

const ACTION_TEXT = 'Adam Broome, Director for Corporate Support would distribute to all panel members the analysis of customers using pay point services';
// Today as the server counts it (UTC), and a day n days on.
const today = () => new Date().toISOString().slice(0, 10);
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const TABLES = ['actions', 'forward_plan_entries', 'work_programme_topics', 'audit_log'];

const ACTION_2 = 'Report the take-up of paying by card at the libraries to the committee';
const ACTION_3 = 'Write to the operators about the new licence conditions';
const ACTION_4 = 'Circulate the revised fees to the committee';
const EXEMPT_ACTION = 'Seek a best and final offer from the preferred bidder';
const NOTICE_3 = 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// "Monday 30 November 2026", as the server writes a date in full.
const longDate = (iso) => `${DAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()]} ${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

describe(`governance: actions, the forward plan and the work programme (${backend})`, { timeout: 180000 }, () => {
  let srv;
  const u = {};
  const people = {};
  const tokens = {};
  const bodies = {};
  const meetings = {};
  const items = {};

  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const rowCounts = () => Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));
  const auditActions = (id) => auditRows(srv.dbPath, id).map((r) => r.action);
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });

  // A request to another part of governance, as the administrator: checked against the
  // document once the document describes its route, a plain request until then.
  async function setup(method, path, body, headers = {}) {
    if (templateFor(new URL(path, 'http://civic.invalid').pathname)) return srv.admin(method, path, { body, headers });
    const res = await fetch(`${srv.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
  async function makeBody(name, kind) {
    const res = await setup('POST', '/api/v1/bodies', { name, kind, parent_id: u.council.id });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  async function makeMeeting(bodyId, date, start = '18:00') {
    const res = await setup('POST', '/api/v1/meetings', { body_id: bodyId, date, start_time: start });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  // An item on a meeting's agenda: made through the agenda's route when it is served; until
  // then one of the standard items every new meeting opens with.
  async function makeItem(meetingId, title, standard) {
    const made = await setup('POST', `/api/v1/meetings/${meetingId}/items`, { title });
    if (made.status === 201) return made.json;
    return srv.sqlRows(`SELECT id, meeting_id, number, title FROM agenda_items WHERE meeting_id = '${meetingId}' AND standard = '${standard}'`)[0];
  }
  async function addUser(username, role, { unit, person } = {}) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    if (person) args.push('--person', person);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }
  // A meeting's action log as [text, carried] pairs, as someone sees it.
  async function actionLog(m, who = 'admin') {
    const res = await as(who)('GET', `/api/v1/meetings/${m.id}/action-log`);
    assert.equal(res.status, 200, res.text);
    return res.json.items.map((a) => [a.text, a.carried]);
  }
  async function listTexts(query, who = 'admin') {
    const res = await as(who)('GET', `/api/v1/actions${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.items.map((a) => a.text);
  }
  async function myActions(who) {
    const res = await as(who)('GET', '/api/v1/my/actions');
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  }
  async function newAction(body, status = 201) {
    const res = await srv.admin('POST', '/api/v1/actions', { body });
    assert.equal(res.status, status, res.text);
    return res.json;
  }
  async function change(path, record, body) {
    const res = await srv.admin('PATCH', path, { headers: ifMatch(record), body });
    assert.equal(res.status, 200, res.text);
    return res.json;
  }

  before(async () => {
    srv = await startServer();
    tokens.admin = srv.token;
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    people.adam = await create(srv, 'people', { name: 'Adam Broome', kind: 'officer', unit_id: u.corporate.id, published: true });
    people.hollis = await create(srv, 'people', { name: 'Jane Hollis', kind: 'councillor', honorific_prefix: 'Cllr', published: true });
    people.doshi = await create(srv, 'people', { name: 'Ravi Doshi', kind: 'councillor', honorific_prefix: 'Cllr', published: true });
    people.kerr = await create(srv, 'people', { name: 'Pat Kerr', kind: 'councillor', honorific_prefix: 'Cllr', published: true });
    bodies.panel = await makeBody('Corporate Support Scrutiny Panel', 'scrutiny');
    bodies.cabinet = await makeBody('Cabinet', 'cabinet');
    bodies.committee = await makeBody('Licensing Committee', 'committee');
    await create(srv, 'memberships', { person_id: people.hollis.id, unit_id: bodies.panel.id, role: 'Chair', start_date: '2024-05-16' });
    await create(srv, 'memberships', { person_id: people.doshi.id, unit_id: bodies.panel.id, role: 'Member', start_date: '2024-05-16' });
    // The panel meets on the first Thursday of the month (none in August: that one was
    // arranged, then cancelled).
    for (const [key, date] of Object.entries({ a: '2026-06-04', b: '2026-07-02', cancelled: '2026-08-06', c: '2026-09-03', d: '2026-10-01', e: '2026-11-05' }))
      meetings[key] = await makeMeeting(bodies.panel.id, date);
    const cancelled = await setup('PATCH', `/api/v1/meetings/${meetings.cancelled.id}`, { status: 'cancelled', status_reason: 'Not quorate' }, { 'if-match': 'W/"1"' });
    assert.equal(cancelled.status, 200, cancelled.text);
    meetings.committee = await makeMeeting(bodies.committee.id, '2026-07-09');
    meetings.cabinet = await makeMeeting(bodies.cabinet.id, '2027-01-14', '10:00');
    items.a = await makeItem(meetings.a.id, 'Corporate Support directorate: update from the Director', 'minutes');
    items.cancelled = await makeItem(meetings.cancelled.id, 'Customer access', 'minutes');
    items.committee = await makeItem(meetings.committee.id, 'Fees and charges', 'minutes');
    items.exempt = await makeItem(meetings.b.id, 'Leisure management contract', 'declarations');
    // Adam signs in as himself (a viewer of his directorate, which does not cover the panel);
    // Jane Hollis chairs the panel; Pat Kerr is a councillor who does not sit on it.
    tokens.adam = await addUser('adam', 'viewer', { unit: u.corporate.id, person: people.adam.id });
    tokens.hollis = await addUser('hollis', 'viewer', { unit: u.corporate.id, person: people.hollis.id });
    tokens.kerr = await addUser('kerr', 'viewer', { unit: u.corporate.id, person: people.kerr.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('the action log', () => {
    let action; // seed 004's
    const more = {};

    it("records seed 004's action at the panel's meeting: 201 with Location and ETag, its meeting and body from its item, a stored row and a create in the audit trail", async () => {
      const res = await srv.admin('POST', '/api/v1/actions', { body: { item_id: items.a.id, text: ACTION_TEXT, owner_person_id: people.adam.id, due_date: '2026-06-30' } });
      assert.equal(res.status, 201, res.text);
      action = res.json;
      assert.match(action.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/actions/${action.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(
        { body_id: action.body_id, meeting_id: action.meeting_id, item_id: action.item_id, text: action.text, owner_person_id: action.owner_person_id, owner_name: action.owner_name, due_date: action.due_date, status: action.status, closed_on: action.closed_on, closed_note: action.closed_note, archived_at: action.archived_at, version: action.version },
        { body_id: bodies.panel.id, meeting_id: meetings.a.id, item_id: items.a.id, text: ACTION_TEXT, owner_person_id: people.adam.id, owner_name: '', due_date: '2026-06-30', status: 'open', closed_on: null, closed_note: '', archived_at: null, version: 1 },
      );
      assert.deepEqual(srv.sqlRows(`SELECT body_id, meeting_id, item_id, text, owner_person_id, due_date, status, closed_on, version FROM actions WHERE id = '${action.id}'`), [
        { body_id: bodies.panel.id, meeting_id: meetings.a.id, item_id: items.a.id, text: ACTION_TEXT, owner_person_id: people.adam.id, due_date: '2026-06-30', status: 'open', closed_on: null, version: 1 },
      ]);
      assert.deepEqual(auditActions(action.id), ['create']);
      assert.equal(auditRows(srv.dbPath, action.id)[0].after.text, ACTION_TEXT);
      const got = await srv.admin('GET', `/api/v1/actions/${action.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('etag'), 'W/"1"');
      assert.deepEqual(got.json, { ...action, owner: 'Adam Broome', body_name: 'Corporate Support Scrutiny Panel', meeting_date: '2026-06-04', overdue: true, carried: '' });
    });

    it("keeps an action off its own meeting's action log, and carries it forward on every later meeting's while it is open", async () => {
      assert.deepEqual(await actionLog(meetings.a), []);
      for (const m of ['b', 'c', 'd', 'e']) assert.deepEqual(await actionLog(meetings[m]), [[ACTION_TEXT, 'carried forward']], m);
      const res = await srv.admin('GET', `/api/v1/meetings/${meetings.b.id}/action-log`);
      const [shown] = res.json.items;
      assert.deepEqual([shown.id, shown.owner, shown.meeting_date, shown.overdue, shown.body_name], [action.id, 'Adam Broome', '2026-06-04', true, 'Corporate Support Scrutiny Panel']);
    });

    it("shows an overdue action on the body's list with overdue=true and on its owner's my actions: open first, then by due date", async () => {
      more.two = await newAction({ item_id: items.committee.id, text: ACTION_2, owner_person_id: people.adam.id, due_date: day(30) });
      more.three = await newAction({ item_id: items.committee.id, text: ACTION_3, owner_name: 'Head of Licensing' });
      // Done when it was recorded: closed today.
      more.four = await newAction({ item_id: items.committee.id, text: ACTION_4, owner_person_id: people.adam.id, due_date: '2026-07-31', status: 'done', closed_note: 'Sent with the minutes' });
      assert.deepEqual([more.four.status, more.four.closed_on, more.four.closed_note], ['done', today(), 'Sent with the minutes']);

      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}&overdue=true`), [ACTION_TEXT]);
      assert.deepEqual(await listTexts('?overdue=true'), [ACTION_TEXT]);
      assert.deepEqual(await listTexts(`?body_id=${bodies.committee.id}&overdue=true`), []);
      assert.deepEqual(await listTexts(`?meeting_id=${meetings.committee.id}`), [ACTION_2, ACTION_3, ACTION_4]);
      assert.deepEqual(await listTexts(`?owner_person_id=${people.adam.id}&status=open`), [ACTION_TEXT, ACTION_2]);
      assert.deepEqual(await listTexts('?status=DONE'), [ACTION_4]);
      const third = (await srv.admin('GET', `/api/v1/actions/${more.three.id}`)).json;
      assert.deepEqual([third.owner, third.owner_person_id, third.due_date, third.overdue], ['Head of Licensing', null, null, false]);

      const mine = await myActions('adam');
      assert.deepEqual(mine.map((a) => [a.text, a.status, a.due_date, a.overdue]), [
        [ACTION_TEXT, 'open', '2026-06-30', true],
        [ACTION_2, 'open', day(30), false],
        [ACTION_4, 'done', '2026-07-31', false],
      ]);
      assert.deepEqual(mine.map((a) => a.body_name), ['Corporate Support Scrutiny Panel', 'Licensing Committee', 'Licensing Committee']);
      // Not linked to a person, or linked to one with no actions: nothing. Anonymous: 401.
      assert.deepEqual(await myActions('admin'), []);
      assert.deepEqual(await myActions('kerr'), []);
      assertProblem(await srv.api('GET', '/api/v1/my/actions'), 401);
      assertProblem(await srv.admin('GET', '/api/v1/actions?overdue=yes'), 422, { fields: ['overdue'] });
      assertProblem(await srv.admin('GET', '/api/v1/actions?status=finished'), 422, { fields: ['status'] });
    });

    it('closes the action: it stays carried forward on the meetings before the day it closed, shows once as closed since the last meeting, then not at all', async () => {
      const res = await srv.admin('PATCH', `/api/v1/actions/${action.id}`, { headers: ifMatch(action), body: { status: 'done', closed_on: '2026-09-20', closed_note: 'The analysis went to every member of the panel by email.' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"2"');
      action = res.json;
      assert.deepEqual([action.status, action.closed_on, action.closed_note, action.version], ['done', '2026-09-20', 'The analysis went to every member of the panel by email.', 2]);
      assert.deepEqual(await actionLog(meetings.a), []);
      assert.deepEqual(await actionLog(meetings.b), [[ACTION_TEXT, 'carried forward']]);
      assert.deepEqual(await actionLog(meetings.c), [[ACTION_TEXT, 'carried forward']]);
      assert.deepEqual(await actionLog(meetings.d), [[ACTION_TEXT, 'closed since the last meeting']]);
      assert.deepEqual(await actionLog(meetings.e), []);
      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}&overdue=true`), []);
      assert.deepEqual((await myActions('adam')).map((a) => [a.text, a.overdue]), [[ACTION_2, false], [ACTION_TEXT, false], [ACTION_4, false]]);
      const trail = auditRows(srv.dbPath, action.id);
      assert.deepEqual(trail.map((r) => r.action), ['create', 'update']);
      assert.deepEqual([trail[1].before.status, trail[1].after.status, trail[1].after.closed_on, trail[1].after.version], ['open', 'done', '2026-09-20', 2]);
    });

    it('refuses a change without a version (428) or with a stale one (409), and changes nothing', async () => {
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${action.id}`, { body: { status: 'open' } }), 428);
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${action.id}`, { headers: { 'if-match': 'W/"1"' }, body: { status: 'open' } }), 409);
      assert.deepEqual(srv.sqlRows(`SELECT status, version FROM actions WHERE id = '${action.id}'`), [{ status: 'done', version: 2 }]);
      assert.deepEqual(auditActions(action.id), ['create', 'update']);
    });

    it('reopens an action, clearing the day and note it closed with, and carries it forward again; closed without a day, it closes today', async () => {
      action = await change(`/api/v1/actions/${action.id}`, action, { status: 'open' });
      assert.deepEqual([action.status, action.closed_on, action.closed_note], ['open', null, '']);
      assert.deepEqual(await actionLog(meetings.d), [[ACTION_TEXT, 'carried forward']]);
      assert.deepEqual(await actionLog(meetings.e), [[ACTION_TEXT, 'carried forward']]);
      action = await change(`/api/v1/actions/${action.id}`, action, { status: 'cancelled' });
      assert.deepEqual([action.status, action.closed_on], ['cancelled', today()]);
      // Closed today, after the panel's last meeting: still open on each meeting's date.
      assert.deepEqual(await actionLog(meetings.e), [[ACTION_TEXT, 'carried forward']]);
      action = await change(`/api/v1/actions/${action.id}`, action, { status: 'done', closed_on: '2026-09-20', closed_note: 'The analysis went to every member of the panel by email.' });
      assert.deepEqual(await actionLog(meetings.d), [[ACTION_TEXT, 'closed since the last meeting']]);
      assert.deepEqual(await actionLog(meetings.e), []);
      assert.deepEqual(auditActions(action.id), ['create', 'update', 'update', 'update', 'update']);
    });

    it('refuses bad actions, naming each field at fault, and stores nothing', async () => {
      const before = rowCounts();
      const good = { item_id: items.a.id, text: 'Send the figures', owner_name: 'Head of Customer Services' };
      const cases = [
        [{}, ['item_id', 'text', 'owner_person_id']],
        [{ ...good, item_id: '4c1a0a54-0000-7000-8000-000000000000' }, ['item_id']],
        [{ ...good, item_id: 'item 4' }, ['item_id']],
        [{ ...good, item_id: items.cancelled.id }, ['item_id']],
        [{ ...good, text: '   ' }, ['text']],
        [{ ...good, owner_name: undefined, owner_person_id: '4c1a0a54-0000-7000-8000-000000000000' }, ['owner_person_id']],
        [{ ...good, due_date: '30/06/2026' }, ['due_date']],
        [{ ...good, due_date: '2026-06-01' }, ['due_date']],
        [{ ...good, status: 'finished' }, ['status']],
        [{ ...good, closed_on: '2026-06-20' }, ['closed_on']],
        [{ ...good, closed_note: 'Done' }, ['closed_note']],
        [{ ...good, status: 'done', closed_on: day(1) }, ['closed_on']],
        [{ ...good, status: 'done', closed_on: '2026-06-01' }, ['closed_on']],
        [{ ...good, colour: 'red' }, ['colour']],
      ];
      for (const [body, fields] of cases) {
        const p = assertProblem(await srv.admin('POST', '/api/v1/actions', { body }), 422, { fields });
        assert.deepEqual(p.errors.map((e) => e.field).sort(), [...fields].sort(), JSON.stringify(body));
      }
      const messages = async (body) => (await srv.admin('POST', '/api/v1/actions', { body })).json.errors.map((e) => e.message);
      assert.deepEqual(await messages({}), [
        'Enter the agenda item at which the action was agreed',
        'Enter what the action is',
        'Enter who owns the action: a person in the organisation register (owner_person_id), or their name as the minutes give it (owner_name)',
      ]);
      assert.deepEqual(await messages({ ...good, item_id: items.cancelled.id }), ['The meeting was cancelled, so it agreed no actions: record the action at the meeting that agreed it']);
      assert.deepEqual(await messages({ ...good, due_date: '2026-06-01' }), ['Due date must be on or after the day the action was agreed, Thursday 4 June 2026']);
      assert.deepEqual(await messages({ ...good, status: 'done', closed_on: day(1) }), [`Closed on cannot be after today, ${longDate(today())}`]);
      assert.deepEqual(await messages({ ...good, closed_on: '2026-06-20' }), ['An open action has no closed date: set the status to done or cancelled to close it']);
      // Changes: the item stays; {} changes nothing; a note on an open action.
      const open = (await srv.admin('GET', `/api/v1/actions/${more.two.id}`)).json;
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${open.id}`, { headers: ifMatch(open), body: { item_id: items.a.id } }), 422, { fields: ['item_id'] });
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${open.id}`, { headers: ifMatch(open), body: {} }), 422);
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${open.id}`, { headers: ifMatch(open), body: { closed_note: 'Done' } }), 422, { fields: ['closed_note'] });
      assertProblem(await srv.admin('PATCH', `/api/v1/actions/${open.id}`, { headers: ifMatch(open), body: { owner_person_id: null } }), 422, { fields: ['owner_person_id'] });
      // Who may not: anonymous (401), a viewer who cannot change the meeting (its item is not
      // one they may use; the action is not one they may change).
      assertProblem(await srv.api('POST', '/api/v1/actions', { body: good }), 401);
      assertProblem(await as('kerr')('POST', '/api/v1/actions', { body: good }), 422, { fields: ['item_id'] });
      assertProblem(await as('kerr')('PATCH', `/api/v1/actions/${open.id}`, { headers: ifMatch(open), body: { text: 'Mine now' } }), 404);
      assertProblem(await srv.admin('GET', '/api/v1/actions/4c1a0a54-0000-7000-8000-000000000000'), 404);
      assertProblem(await srv.admin('GET', '/api/v1/actions/not-an-id'), 404);
      assert.deepEqual(rowCounts(), before);
      assert.deepEqual(srv.sqlRows(`SELECT text, version FROM actions WHERE id = '${open.id}'`), [{ text: ACTION_2, version: 1 }]);
    });

    it("shows an action to those who may read its meeting's agenda and to its owner; one agreed on an exempt item only to those entitled", async () => {
      // The panel's agendas are not published: only its members (and clerks) read them, and
      // the action's owner sees his own.
      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}`, 'kerr'), []);
      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}`, 'hollis'), [ACTION_TEXT]);
      assertProblem(await srv.api('GET', `/api/v1/actions/${action.id}`), 404);
      assert.equal((await as('adam')('GET', `/api/v1/actions/${action.id}`)).status, 200);
      assert.deepEqual(await actionLog(meetings.d, 'kerr'), []);
      // Publication is the agenda's part: stored here as it stores it.
      srv.sql(`UPDATE meetings SET published_at = '2026-05-20T09:00:00Z' WHERE body_id = '${bodies.panel.id}'`);
      assert.deepEqual((await srv.api('GET', `/api/v1/actions?body_id=${bodies.panel.id}`)).json.items.map((a) => a.text), [ACTION_TEXT]);
      assert.equal((await srv.api('GET', `/api/v1/actions/${action.id}`)).status, 200);

      // An item exempt under paragraph 3 (a contract award), as the agenda's part stores one.
      srv.sql(`UPDATE agenda_items SET exempt_paragraph = 3, exempt_reason = 'Bids are commercially confidential until the award.' WHERE id = '${items.exempt.id}'`);
      more.exempt = await newAction({ item_id: items.exempt.id, text: EXEMPT_ACTION, owner_name: 'Head of Leisure', due_date: '2026-07-31' });
      const all = [[ACTION_TEXT, 'carried forward'], [EXEMPT_ACTION, 'carried forward']];
      assert.deepEqual(await actionLog(meetings.c), all);
      assert.deepEqual(await actionLog(meetings.c, 'hollis'), all);
      assert.deepEqual(await actionLog(meetings.c, 'kerr'), [[ACTION_TEXT, 'carried forward']]);
      const anonymousLog = await srv.api('GET', `/api/v1/meetings/${meetings.c.id}/action-log`);
      assert.deepEqual(anonymousLog.json.items.map((a) => a.text), [ACTION_TEXT]);
      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}&overdue=true`, 'kerr'), []);
      assert.deepEqual(await listTexts(`?body_id=${bodies.panel.id}&overdue=true`, 'hollis'), [EXEMPT_ACTION]);
      assertProblem(await srv.api('GET', `/api/v1/actions/${more.exempt.id}`), 404);
      assertProblem(await as('kerr')('GET', `/api/v1/actions/${more.exempt.id}`), 404);
      assert.equal((await as('hollis')('GET', `/api/v1/actions/${more.exempt.id}`)).status, 200);
      assertProblem(await srv.api('GET', `/api/v1/meetings/4c1a0a54-0000-7000-8000-000000000000/action-log`), 404);
    });

    it('archives an action: gone from lists, action logs and my actions, kept with its audit trail', async () => {
      assertProblem(await srv.admin('POST', `/api/v1/actions/${more.two.id}/archive`), 428);
      const res = await srv.admin('POST', `/api/v1/actions/${more.two.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.archived_at, /^\d{4}-\d{2}-\d{2}T/);
      assert.deepEqual((await myActions('adam')).map((a) => a.text), [ACTION_TEXT, ACTION_4]);
      assert.deepEqual(await listTexts(`?meeting_id=${meetings.committee.id}`), [ACTION_3, ACTION_4]);
      assert.equal((await srv.admin('GET', `/api/v1/actions/${more.two.id}`)).json.archived_at, res.json.archived_at);
      assertProblem(await as('adam')('GET', `/api/v1/actions/${more.two.id}`), 404);
      assert.deepEqual(auditActions(more.two.id), ['create', 'archive']);
      assertProblem(await srv.admin('POST', `/api/v1/actions/${more.two.id}/archive`, { headers: { 'if-match': 'W/"2"' } }), 409);
    });
  });

  describe('the forward plan', () => {
    const entries = {};
    const entry = async (ref, who = 'admin') => {
      const res = await as(who)('GET', `/api/v1/forward-plan/${entries[ref].id}`);
      assert.equal(res.status, 200, res.text);
      return res.json;
    };
    const add = async (body) => {
      const res = await srv.admin('POST', '/api/v1/forward-plan', { body: { body_id: bodies.cabinet.id, decision_maker: 'Cabinet', ...body } });
      assert.equal(res.status, 201, res.text);
      entries[body.reference] = res.json;
      return res.json;
    };

    // A key decision on Thursday 14 January 2027 needs 28 clear working days on the forward
    // plan. Counted back by hand, leaving out the day of the decision and the day of the
    // notice, weekends and the bank holidays of England and Wales:
    //   January 2027: Wed 13, Tue 12, Mon 11, Fri 8, Thu 7, Wed 6, Tue 5, Mon 4   (8)
    //     Fri 1 January is New Year's Day; Sat 2, Sun 3 are the weekend
    //   December 2026: Thu 31, Wed 30, Tue 29                                      (11)
    //     Mon 28 is Boxing Day's substitute (26 December is a Saturday); Sat 26,
    //     Sun 27 the weekend; Fri 25 is Christmas Day
    //   Thu 24, Wed 23, Tue 22, Mon 21, Fri 18, Thu 17, Wed 16, Tue 15, Mon 14,
    //   Fri 11, Thu 10, Wed 9, Tue 8, Mon 7, Fri 4, Thu 3, Wed 2                   (28)
    // The 28th clear day is Wednesday 2 December, so the entry must be on the plan by Tuesday
    // 1 December 2026; 12 weekend days (5-6, 12-13, 19-20, 26-27 December, 2-3 and 9-10
    // January) and three bank holidays are passed over.
    const COUNTED = [
      'The decision is to be taken on Thursday 14 January 2027.',
      "28 clear working days: neither the day of the notice nor the day of the decision counts, and nor do weekends, bank holidays or the council's closure days.",
      'Friday 25 December 2026 is not a working day (Christmas Day).',
      'Monday 28 December 2026 is not a working day (Boxing Day (substitute day)).',
      'Friday 1 January 2027 is not a working day (New Year’s Day).',
      '12 weekend days on the way are not counted.',
      'The last day is Tuesday 1 December 2026.',
    ];

    it('counts 28 clear working days back from Thursday 14 January 2027 across Christmas and the New Year: on the plan by Tuesday 1 December 2026', async () => {
      const res = await srv.admin('POST', '/api/v1/forward-plan', {
        body: { body_id: bodies.cabinet.id, reference: 'FP/2027/01', title: 'Customer Access Strategy 2027 to 2030', summary: 'Adopt the strategy, including the closure of the pay point service.', decision_maker: 'Cabinet', lead_member_id: people.hollis.id, lead_officer_id: people.adam.id, planned_on: '2027-01-14', first_published_on: '2026-12-01' },
      });
      assert.equal(res.status, 201, res.text);
      entries['FP/2027/01'] = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/forward-plan/${res.json.id}`);
      assert.deepEqual([res.json.status, res.json.key_decision, res.json.exception, res.json.version], ['planned', true, '', 1]);
      const e = await entry('FP/2027/01');
      assert.deepEqual([e.body_name, e.lead_member_name, e.lead_officer_name, e.redacted], ['Cabinet', 'Jane Hollis', 'Adam Broome', false]);
      assert.deepEqual(e.notice, {
        name: 'forward_plan',
        label: 'Key decision on the forward plan',
        source: 'The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, regulation 9',
        due: '2026-12-01',
        done_on: '2026-12-01',
        state: 'met',
        exception: '',
        then: null,
        lines: [...COUNTED, 'First on the forward plan on Tuesday 1 December 2026, leaving 28 clear working days: in time.'],
      });
      // In time: it can be taken.
      const taken = await change(`/api/v1/forward-plan/${e.id}`, e, { status: 'taken' });
      assert.equal(taken.status, 'taken');
      assert.deepEqual(auditActions(e.id), ['create', 'update']);
    });

    it('refuses to mark a key decision taken when it went on the plan a day late, naming exception and the last day; allows it under the general exception', async () => {
      const late = await add({ reference: 'FP/2027/02', title: 'Closure of the pay point service', planned_on: '2027-01-14', first_published_on: '2026-12-02' });
      let e = await entry('FP/2027/02');
      assert.deepEqual([e.notice.state, e.notice.due, e.notice.done_on], ['late', '2026-12-01', '2026-12-02']);
      assert.deepEqual(e.notice.lines, [
        ...COUNTED,
        'First on the forward plan on Wednesday 2 December 2026, leaving 27 clear working days: fewer than 28.',
        'Neither the general exception nor special urgency is recorded: the decision cannot be taken on that day.',
      ]);
      let p = assertProblem(await srv.admin('PATCH', `/api/v1/forward-plan/${late.id}`, { headers: ifMatch(late), body: { status: 'taken' } }), 422, { fields: ['exception'] });
      assert.deepEqual(p.errors, [{ field: 'exception', message: "This key decision was first on the forward plan on Wednesday 2 December 2026, after Tuesday 1 December 2026, the last day for 28 clear days' notice: record the general exception or special urgency before marking it taken" }]);
      p = assertProblem(await srv.admin('PATCH', `/api/v1/forward-plan/${late.id}`, { headers: ifMatch(late), body: { status: 'taken', exception: 'general_exception' } }), 422, { fields: ['exception_reason'] });
      assert.deepEqual(srv.sqlRows(`SELECT status, exception, version FROM forward_plan_entries WHERE id = '${late.id}'`), [{ status: 'planned', exception: '', version: 1 }]);

      const taken = await change(`/api/v1/forward-plan/${late.id}`, late, { status: 'taken', exception: 'general_exception', exception_reason: 'The pay point contract ends on 31 January 2027.', scrutiny_chair: 'Cllr Jane Hollis', scrutiny_chair_on: '2026-12-02' });
      assert.deepEqual([taken.status, taken.exception, taken.scrutiny_chair, taken.version], ['taken', 'general_exception', 'Cllr Jane Hollis', 2]);
      e = await entry('FP/2027/02');
      assert.deepEqual([e.notice.state, e.notice.exception], ['late', 'general_exception']);
      assert.equal(e.notice.source, 'The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, regulation 9; regulation 10 (general exception)');
      assert.deepEqual(e.notice.lines.slice(-2), [
        'Taken under the general exception: the chair of the scrutiny committee told, and notice published at least 5 clear days before.',
        'The reason: The pay point contract ends on 31 January 2027.',
      ]);
      const trail = auditRows(srv.dbPath, late.id);
      assert.deepEqual(trail.map((r) => r.action), ['create', 'update']);
      assert.deepEqual([trail[1].before.status, trail[1].after.status, trail[1].after.exception], ['planned', 'taken', 'general_exception']);
    });

    it('counts the notice from the meeting that takes the decision; one never published cannot be taken, and special urgency needs the scrutiny chair and the day they agreed', async () => {
      const urgent = await add({ reference: 'FP/2027/03', title: 'Emergency repairs to the civic centre roof', meeting_id: meetings.cabinet.id });
      const e = await entry('FP/2027/03');
      assert.deepEqual(e.notice.lines.slice(0, 7), COUNTED);
      assert.deepEqual([e.notice.due, e.notice.done_on, e.notice.state], ['2026-12-01', null, today() <= '2026-12-01' ? 'due' : 'overdue']);
      let p = assertProblem(await srv.admin('PATCH', `/api/v1/forward-plan/${urgent.id}`, { headers: ifMatch(urgent), body: { status: 'taken' } }), 422, { fields: ['exception'] });
      assert.equal(p.errors[0].message, "This key decision has not been on the forward plan, and the last day for 28 clear days' notice was Tuesday 1 December 2026: record the general exception or special urgency before marking it taken");
      p = assertProblem(await srv.admin('PATCH', `/api/v1/forward-plan/${urgent.id}`, { headers: ifMatch(urgent), body: { status: 'taken', exception: 'special_urgency' } }), 422);
      assert.deepEqual(p.errors.map((x) => x.field), ['exception_reason', 'scrutiny_chair', 'scrutiny_chair_on']);
      const taken = await change(`/api/v1/forward-plan/${urgent.id}`, urgent, { status: 'taken', exception: 'special_urgency', exception_reason: 'The roof is unsafe after the storm.', scrutiny_chair: 'Cllr Jane Hollis', scrutiny_chair_on: '2027-01-08' });
      assert.deepEqual([taken.status, taken.exception, taken.scrutiny_chair_on], ['taken', 'special_urgency', '2027-01-08']);
      assert.equal((await entry('FP/2027/03')).notice.lines.at(-2), 'Taken as a case of special urgency: the chair of the scrutiny committee agreed that it cannot reasonably be deferred.');
    });

    it('refuses a reference another entry has with a 409 naming reference, and stores nothing', async () => {
      const before = rowCounts();
      const p = assertProblem(await srv.admin('POST', '/api/v1/forward-plan', { body: { body_id: bodies.cabinet.id, reference: 'FP/2027/01', title: 'Another', decision_maker: 'Cabinet', planned_on: '2027-02-11' } }), 409, { fields: ['reference'] });
      assert.equal(p.detail, 'There is already a forward plan entry with the reference FP/2027/01: give this one a reference of its own.');
      const other = entries['FP/2027/03'];
      const current = await entry('FP/2027/03');
      assertProblem(await srv.admin('PATCH', `/api/v1/forward-plan/${other.id}`, { headers: ifMatch(current), body: { reference: 'FP/2027/01' } }), 409, { fields: ['reference'] });
      assert.deepEqual(rowCounts(), before);
    });

    it('shows an exempt entry to the public with its title and the Schedule 12A notice, not its summary', async () => {
      const summary = 'Award the leisure management contract to the preferred bidder at £1.2M a year.';
      const exempt = await add({ reference: 'FP/2027/04', title: 'Award of the leisure management contract', summary, planned_on: '2027-02-11', first_published_on: '2026-11-02', exempt_paragraph: 3, exempt_reason: 'The bids are commercially confidential until the contract is awarded.', lead_member_id: people.hollis.id });
      assert.deepEqual([exempt.exempt_paragraph, exempt.summary], [3, summary]);
      for (const who of [undefined, 'kerr']) {
        const res = await srv.api('GET', `/api/v1/forward-plan/${exempt.id}`, { token: tokens[who] });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(
          [res.json.title, res.json.summary, res.json.exempt_paragraph, res.json.exempt_reason, res.json.redacted],
          ['Award of the leisure management contract', NOTICE_3, 3, '', true],
        );
        const listed = (await srv.api('GET', `/api/v1/forward-plan?body_id=${bodies.cabinet.id}`, { token: tokens[who] })).json.items.find((x) => x.id === exempt.id);
        assert.deepEqual([listed.summary, listed.redacted], [NOTICE_3, true]);
      }
      for (const who of ['admin', 'hollis']) {
        const e = await entry('FP/2027/04', who);
        assert.deepEqual([e.summary, e.exempt_reason, e.redacted], [summary, 'The bids are commercially confidential until the contract is awarded.', false], who);
      }
      assert.doesNotMatch((await srv.api('GET', '/api/v1/forward-plan')).text, /preferred bidder/);
    });

    it('refuses bad entries, naming each field at fault, and stores nothing', async () => {
      const before = rowCounts();
      const good = { body_id: bodies.cabinet.id, reference: 'FP/2027/99', title: 'Parking charges', decision_maker: 'Cabinet', planned_on: '2027-03-11' };
      const cases = [
        [{}, ['body_id', 'reference', 'title', 'decision_maker', 'planned_on']],
        [{ ...good, body_id: bodies.panel.id }, ['body_id']],
        [{ ...good, body_id: '4c1a0a54-0000-7000-8000-000000000000' }, ['body_id']],
        [{ ...good, planned_on: undefined }, ['planned_on']],
        [{ ...good, planned_on: '11/03/2027' }, ['planned_on']],
        [{ ...good, meeting_id: meetings.a.id }, ['meeting_id']],
        [{ ...good, meeting_id: meetings.cabinet.id }, ['planned_on']],
        [{ ...good, first_published_on: 'soon' }, ['first_published_on']],
        [{ ...good, lead_member_id: '4c1a0a54-0000-7000-8000-000000000000' }, ['lead_member_id']],
        [{ ...good, exempt_paragraph: 8, exempt_reason: 'x' }, ['exempt_paragraph']],
        [{ ...good, exempt_paragraph: 3 }, ['exempt_reason']],
        [{ ...good, exception: 'urgent' }, ['exception']],
        [{ ...good, exception_reason: 'It cannot wait' }, ['exception_reason']],
        [{ ...good, status: 'done' }, ['status']],
        [{ ...good, status: 'planned', decision_id: '4c1a0a54-0000-7000-8000-000000000000' }, ['decision_id']],
        [{ ...good, key_decision: 'yes' }, ['key_decision']],
        [{ ...good, status: 'taken' }, ['exception']],
        [{ ...good, version: 1 }, ['version']],
      ];
      for (const [body, fields] of cases) {
        const p = assertProblem(await srv.admin('POST', '/api/v1/forward-plan', { body }), 422, { fields });
        assert.deepEqual(p.errors.map((e) => e.field).sort(), [...fields].sort(), JSON.stringify(body));
      }
      const p = assertProblem(await srv.admin('POST', '/api/v1/forward-plan', { body: { ...good, meeting_id: meetings.cabinet.id } }), 422);
      assert.equal(p.errors[0].message, 'Planned on must be the date of the meeting that takes the decision, Thursday 14 January 2027, or left blank');
      assertProblem(await srv.api('POST', '/api/v1/forward-plan', { body: good }), 401);
      assertProblem(await as('kerr')('POST', '/api/v1/forward-plan', { body: good }), 422, { fields: ['body_id'] });
      assertProblem(await as('kerr')('PATCH', `/api/v1/forward-plan/${entries['FP/2027/04'].id}`, { headers: { 'if-match': 'W/"1"' }, body: { title: 'Mine' } }), 404);
      assert.deepEqual(rowCounts(), before);
    });

    it('lists the forward plan by body and status, in the order the decisions are taken, and archives an entry out of it', async () => {
      const refs = async (query, who = 'admin') => (await as(who)('GET', `/api/v1/forward-plan${query}`)).json.items.map((e) => e.reference);
      assert.deepEqual(await refs(''), ['FP/2027/01', 'FP/2027/02', 'FP/2027/03', 'FP/2027/04']);
      assert.deepEqual(await refs('?status=planned'), ['FP/2027/04']);
      assert.deepEqual(await refs(`?body_id=${bodies.panel.id}`), []);
      const e = await entry('FP/2027/04');
      const res = await srv.admin('POST', `/api/v1/forward-plan/${e.id}/archive`, { headers: ifMatch(e) });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(await refs(''), ['FP/2027/01', 'FP/2027/02', 'FP/2027/03']);
      assert.deepEqual(await refs('?include_archived=true'), ['FP/2027/01', 'FP/2027/02', 'FP/2027/03', 'FP/2027/04']);
      assert.deepEqual(await refs('?include_archived=true', 'kerr'), ['FP/2027/01', 'FP/2027/02', 'FP/2027/03']);
      assertProblem(await srv.api('GET', `/api/v1/forward-plan/${e.id}`), 404);
      assert.deepEqual(auditActions(e.id), ['create', 'archive']);
      assertProblem(await srv.admin('GET', '/api/v1/forward-plan?status=maybe'), 422, { fields: ['status'] });
    });
    it("takes the decision's date from its meeting: when the meeting moves, the notice is counted again and the entry can still be changed", async () => {
      const e = await add({ reference: 'FP/2027/05', title: 'Fees and charges 2027/28', planned_on: '2027-01-14', meeting_id: meetings.cabinet.id, first_published_on: '2026-12-01' });
      const moved = await setup('PATCH', `/api/v1/meetings/${meetings.cabinet.id}`, { date: '2027-01-21' }, { 'if-match': 'W/"1"' });
      assert.equal(moved.status, 200, moved.text);
      let shown = await entry('FP/2027/05');
      assert.equal(shown.notice.lines[0], 'The decision is to be taken on Thursday 21 January 2027.');
      // A week later, the 28 clear working days start a working week later: the last day is
      // Tuesday 8 December 2026.
      assert.deepEqual([shown.notice.due, shown.notice.state], ['2026-12-08', 'met']);
      await change(`/api/v1/forward-plan/${e.id}`, e, { title: 'Fees and charges for 2027/28' });
      shown = await entry('FP/2027/05');
      assert.deepEqual([shown.title, shown.planned_on, shown.version], ['Fees and charges for 2027/28', '2027-01-14', 2]);
    });
  });

  describe('the work programme', () => {
    let topic;

    it('adds a topic to the panel with lead members from the panel and the meetings it comes to, kept in date order', async () => {
      const res = await srv.admin('POST', `/api/v1/bodies/${bodies.panel.id}/work-programme`, {
        body: { title: 'Customer access and pay point services', description: 'How residents pay the council, and who still uses pay points.', lead_member_ids: [people.hollis.id, people.doshi.id], meeting_ids: [meetings.e.id, meetings.c.id] },
      });
      assert.equal(res.status, 201, res.text);
      topic = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/work-programme-topics/${topic.id}`);
      assert.deepEqual(
        [topic.body_id, topic.status, topic.lead_member_ids, topic.meeting_ids, topic.version],
        [bodies.panel.id, 'proposed', [people.hollis.id, people.doshi.id], [meetings.c.id, meetings.e.id], 1],
      );
      const got = await srv.api('GET', `/api/v1/work-programme-topics/${topic.id}`);
      assert.equal(got.status, 200, got.text);
      assert.deepEqual(got.json.lead_member_names, ['Jane Hollis', 'Ravi Doshi']);
      assert.deepEqual(got.json.meetings.map((m) => [m.id, m.date]), [[meetings.c.id, '2026-09-03'], [meetings.e.id, '2026-11-05']]);
      const listed = await srv.api('GET', `/api/v1/bodies/${bodies.panel.id}/work-programme`);
      assert.deepEqual(listed.json.items.map((t) => t.title), ['Customer access and pay point services']);
      assert.deepEqual(srv.sqlRows(`SELECT title, status, version FROM work_programme_topics WHERE id = '${topic.id}'`), [{ title: 'Customer access and pay point services', status: 'proposed', version: 1 }]);
      assert.deepEqual(auditActions(topic.id), ['create']);
    });

    it('refuses lead members who are not on the panel today, meetings of another body and a body that is not a scrutiny panel, naming each field', async () => {
      const before = rowCounts();
      const post = (bodyId, body) => srv.admin('POST', `/api/v1/bodies/${bodyId}/work-programme`, { body });
      let p = assertProblem(await post(bodies.panel.id, { title: 'Licensing', lead_member_ids: [people.kerr.id] }), 422, { fields: ['lead_member_ids'] });
      assert.equal(p.errors[0].message, `Lead members must be members of the panel today (${longDate(today())}): Pat Kerr is not`);
      const stranger = '4c1a0a54-0000-7000-8000-000000000000';
      p = assertProblem(await post(bodies.panel.id, { title: 'Licensing', lead_member_ids: [stranger] }), 422, { fields: ['lead_member_ids'] });
      assert.equal(p.errors[0].message, `Each lead member must be a person in the organisation register: ${stranger} is not`);
      p = assertProblem(await post(bodies.panel.id, { title: 'Licensing', meeting_ids: [meetings.cabinet.id] }), 422, { fields: ['meeting_ids'] });
      assert.equal(p.errors[0].message, `Each meeting must be a meeting of this panel: ${meetings.cabinet.id} is not`);
      p = assertProblem(await post(bodies.cabinet.id, { title: 'Licensing' }), 422, { fields: ['body_id'] });
      assert.equal(p.errors[0].message, 'A work programme is a scrutiny panel\'s, and this body is of the kind cabinet');
      assertProblem(await post(bodies.panel.id, {}), 422, { fields: ['title'] });
      assertProblem(await post(bodies.panel.id, { title: 'Licensing', status: 'maybe' }), 422, { fields: ['status'] });
      assertProblem(await post(bodies.panel.id, { title: 'Licensing', body_id: bodies.cabinet.id }), 422, { fields: ['body_id'] });
      assertProblem(await post(stranger, { title: 'Licensing' }), 404);
      assertProblem(await as('kerr')('POST', `/api/v1/bodies/${bodies.panel.id}/work-programme`, { body: { title: 'Licensing' } }), 404);
      assertProblem(await srv.api('POST', `/api/v1/bodies/${bodies.panel.id}/work-programme`, { body: { title: 'Licensing' } }), 401);
      assertProblem(await srv.admin('GET', `/api/v1/bodies/${stranger}/work-programme`), 404);
      assert.deepEqual(rowCounts(), before);
    });

    it("changes a topic's status, lead members and meetings, and archives it off the work programme", async () => {
      topic = await change(`/api/v1/work-programme-topics/${topic.id}`, topic, { status: 'scheduled', lead_member_ids: [people.doshi.id], meeting_ids: [meetings.d.id] });
      assert.deepEqual([topic.status, topic.lead_member_ids, topic.meeting_ids, topic.version], ['scheduled', [people.doshi.id], [meetings.d.id], 2]);
      assertProblem(await srv.admin('PATCH', `/api/v1/work-programme-topics/${topic.id}`, { headers: ifMatch(topic), body: { lead_member_ids: [people.kerr.id] } }), 422, { fields: ['lead_member_ids'] });
      const res = await srv.admin('POST', `/api/v1/work-programme-topics/${topic.id}/archive`, { headers: ifMatch(topic) });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual((await srv.api('GET', `/api/v1/bodies/${bodies.panel.id}/work-programme`)).json.items, []);
      assertProblem(await srv.api('GET', `/api/v1/work-programme-topics/${topic.id}`), 404);
      assert.deepEqual(auditActions(topic.id), ['create', 'update', 'archive']);
    });
  });

  it('leaves a database that civic check finds sound', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
