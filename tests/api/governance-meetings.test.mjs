// SPDX-License-Identifier: AGPL-3.0-or-later
// Governance's bodies and meetings through the API (issue 10, items 1 and 2): the council's
// settings (administrators only), bodies adopted from a unit of kind body or made with one,
// their defaults, quorum and schedules (a phrase or an RRULE), the meetings a schedule makes
// (each once, bank holidays reported), single meetings with the body's defaults, a change of
// date bumping the calendar sequence, cancellation and archiving; the agenda's publication
// deadline across Christmas; a private body hidden from all but its members and those whose
// role covers it; then attendance, apologies and substitutes with the quorum they make, the
// register taken all or nothing, declarations of interest per item, the meeting's page as one
// JSON document, the audit trail of each write, and `civic check` clean at the end.
//
// The server's "today" is the machine's date; the meetings here are on fixed dates, and the
// one thing that depends on today (whether an unpublished agenda's deadline is still due or
// already overdue) is worked out from today in the test.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, randomId, ID_RE, ISO_TS_RE } from './harness.mjs';
import { indicatorKit } from './indicators-support.mjs';

describe('governance: bodies and meetings', { timeout: 240000 }, () => {
  let srv;
  let kit;
  const u = {};
  const p = {};
  const tokens = {};
  const b = {};
  const m = {};

  // A body has its unit's id, so the trail is read by entity and id.
  const auditActions = (entity, id) => srv.sqlRows(`SELECT action FROM audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id`).map((a) => a.action);
  const lastAudit = (entity, id) => {
    const rows = srv.sqlRows(`SELECT action, actor, before_json, after_json FROM audit_log WHERE entity = '${entity}' AND entity_id = '${id}' ORDER BY id`);
    const last = rows[rows.length - 1];
    return { ...last, before: last.before_json && JSON.parse(last.before_json), after: last.after_json && JSON.parse(last.after_json) };
  };
  const count = (table, where = '1 = 1') => Number(srv.sql(`SELECT count(*) FROM ${table} WHERE ${where}`));
  // token: the administrator's unless given; null for an anonymous visitor.
  const get = (path, token = srv.token) => srv.api('GET', path, { token });
  const change = (path, version, body, token = srv.token) => srv.api('PATCH', path, { token, headers: { 'if-match': `W/"${version}"` }, body });
  const archive = (path, version, token = srv.token) => srv.api('POST', `${path}/archive`, { token, headers: { 'if-match': `W/"${version}"` } });
  const errorOf = (res, field) => res.json.errors.find((e) => e.field === field)?.message;
  const attend = (meeting, body, token = srv.token) => srv.api('POST', `/api/v1/meetings/${meeting}/attendees`, { token, body });
  const register = (meeting, rows, token = srv.token) => srv.api('PUT', `/api/v1/meetings/${meeting}/register`, { token, body: { rows } });
  const declare = (item, body, token = srv.token) => srv.api('POST', `/api/v1/agenda-items/${item}/declarations`, { token, body });
  const agendaOf = async (meeting, token = srv.token) => {
    const res = await get(`/api/v1/meetings/${meeting}/agenda`, token);
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const meetingsOf = (body, from, to) => srv.sqlRows(`SELECT id, date FROM meetings WHERE body_id = '${body}' AND date >= '${from}' AND date <= '${to}' AND archived_at IS NULL ORDER BY date`);

  before(async () => {
    srv = await startServer();
    kit = indicatorKit(srv);
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.libraries = await create(srv, 'units', { name: 'Libraries', kind: 'service', parent_id: u.council.id });
    // The Senior Management Group is already in the register as a unit of kind body.
    u.smg = await create(srv, 'units', { name: 'Senior Management Group', kind: 'body', parent_id: u.council.id, description: 'The chief executive and directors.' });
    for (const [key, name, kind] of [
      ['ann', 'Ann Ashworth', 'councillor'],
      ['ben', 'Ben Bright', 'councillor'],
      ['cara', 'Cara Cole', 'councillor'],
      ['dev', 'Dev Dunn', 'councillor'],
      ['sue', 'Sue Sutton', 'councillor'],
      ['sam', 'Sam Spare', 'councillor'],
      ['olu', 'Olu Okafor', 'officer'],
      ['gail', 'Gail Green', 'officer'],
      ['pat', 'Pat Price', 'councillor'],
      ['chief', 'Chris Chief', 'officer'],
    ])
      p[key] = await create(srv, 'people', { name, kind, published: true });
    await create(srv, 'memberships', { person_id: p.chief.id, unit_id: u.smg.id, role: 'Chair', start_date: '2020-01-01' });
    // Ann sits on the panel (below) and the Chief on the SMG; each signs in as a viewer of
    // the libraries only, so that what they see beyond that is what membership gives them.
    tokens.chief = await kit.addUser('chief', 'viewer', { unit: u.libraries.id, person: p.chief.id });
    tokens.ann = await kit.addUser('ann', 'viewer', { unit: u.libraries.id, person: p.ann.id });
    tokens.viewer = await kit.addUser('libraries-viewer', 'viewer', { unit: u.libraries.id });
    tokens.editor = await kit.addUser('libraries-editor', 'editor', { unit: u.libraries.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  // ---- the settings

  describe('the council\'s governance settings', () => {
    it('may be read by anyone: the law\'s figures and working clear days, the defaults at version 1 with nothing stored', async () => {
      const res = await srv.api('GET', '/api/v1/governance-settings');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(res.json, { id: '', publication_clear_days: 5, forward_plan_clear_days: 28, private_notice_clear_days: 28, call_in_working_days: 5, clear_days: 'working', version: 1, created_at: '', updated_at: '' });
      assert.equal(count('governance_settings'), 0);
    });

    it('may be changed by an administrator only: 401 anonymous, 403 a viewer or editor, 422 out of range, 428 without a version, 409 stale; the defaults stored and the change audited', async () => {
      const path = '/api/v1/governance-settings';
      assertProblem(await srv.api('PATCH', path, { headers: { 'if-match': 'W/"1"' }, body: { call_in_working_days: 7 } }), 401);
      assertProblem(await change(path, 1, { call_in_working_days: 7 }, tokens.viewer), 403, { detail: /^Only an administrator may change the council's governance settings\.$/ });
      assertProblem(await change(path, 1, { call_in_working_days: 7 }, tokens.editor), 403);
      const bad = assertProblem(await change(path, 1, { call_in_working_days: 31, clear_days: 'lunar' }), 422, { fields: ['call_in_working_days', 'clear_days'] });
      assert.equal(bad.errors.length, 2);
      assertProblem(await srv.admin('PATCH', path, { body: { call_in_working_days: 7 } }), 428);
      assertProblem(await change(path, 2, { call_in_working_days: 7 }), 409);
      assert.deepEqual([count('governance_settings'), count('audit_log', "entity = 'governance_setting'")], [0, 0]);
      const res = await change(path, 1, { call_in_working_days: 7 });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"2"');
      assert.match(res.json.id, ID_RE);
      assert.deepEqual([res.json.call_in_working_days, res.json.publication_clear_days, res.json.version], [7, 5, 2]);
      assertProblem(await change(path, 1, { call_in_working_days: 6 }), 409);
      assert.deepEqual(srv.sqlRows('SELECT id, call_in_working_days, version FROM governance_settings'), [{ id: res.json.id, call_in_working_days: 7, version: 2 }]);
      assert.deepEqual(auditActions('governance_setting', res.json.id), ['create', 'update']);
      const audit = lastAudit('governance_setting', res.json.id);
      assert.deepEqual([audit.actor, audit.before.call_in_working_days, audit.after.call_in_working_days, audit.after.version], ['admin', 5, 7, 2]);
      const read = await srv.api('GET', path);
      assert.deepEqual([read.headers.get('etag'), read.json.call_in_working_days], ['W/"2"', 7]);
    });
  });

  // ---- bodies

  describe('bodies', () => {
    it('adopts a unit of kind body: an officer group is private and not executive, with no quorum, on a monthly RRULE (the first Tuesday)', async () => {
      const res = await srv.admin('POST', '/api/v1/bodies', {
        body: { unit_id: u.smg.id, kind: 'officer_group', schedule_rrule: 'FREQ=MONTHLY;BYDAY=1TU', schedule_first_date: '2027-01-05', schedule_time: '10:00' },
      });
      assert.equal(res.status, 201, res.text);
      b.smg = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/bodies/${u.smg.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      const { created_at, updated_at, ...rest } = b.smg;
      assert.deepEqual(rest, {
        id: u.smg.id, kind: 'officer_group', access: 'private', executive: false, terms_of_reference: '', quorum: null,
        schedule_rrule: 'FREQ=MONTHLY;BYDAY=1TU', schedule_first_date: '2027-01-05', schedule_time: '10:00', duration_minutes: 120,
        venue: '', online_url: '', archived_at: null, version: 1,
      });
      assert.deepEqual(srv.sqlRows(`SELECT kind, access, executive, quorum, schedule_rrule FROM bodies WHERE id = '${u.smg.id}'`), [{ kind: 'officer_group', access: 'private', executive: 0, quorum: null, schedule_rrule: 'FREQ=MONTHLY;BYDAY=1TU' }]);
      assert.deepEqual(auditActions('body', u.smg.id), ['create']);
      const view = await get(`/api/v1/bodies/${u.smg.id}`);
      assert.equal(view.status, 200);
      assert.deepEqual([view.json.name, view.json.description, view.json.parent_id], ['Senior Management Group', 'The chief executive and directors.', u.council.id]);
      assert.deepEqual(view.json.members.map((x) => [x.name, x.role, x.role_text, x.person_kind]), [['Chris Chief', 'chair', 'Chair', 'officer']]);
    });

    it('refuses to adopt a unit twice (409) or a unit of another kind (422 naming unit_id), storing nothing', async () => {
      const before = count('bodies');
      assertProblem(await srv.admin('POST', '/api/v1/bodies', { body: { unit_id: u.smg.id, kind: 'officer_group' } }), 409, { detail: /^Senior Management Group is already a body\.$/ });
      const p1 = assertProblem(await srv.admin('POST', '/api/v1/bodies', { body: { unit_id: u.corporate.id, kind: 'committee' } }), 422, { fields: ['unit_id'] });
      assert.equal(errorOf({ json: p1 }, 'unit_id'), 'Unit must be of kind body; Corporate Support is a directorate');
      assertProblem(await srv.admin('POST', '/api/v1/bodies', { body: { unit_id: u.smg.id, name: 'Another', kind: 'committee' } }), 422, { fields: ['unit_id'] });
      assertProblem(await srv.admin('POST', '/api/v1/bodies', { body: { kind: 'committee' } }), 422, { fields: ['name'] });
      assertProblem(await srv.admin('POST', '/api/v1/bodies', { body: { name: 'No kind' } }), 422, { fields: ['kind'] });
      assert.equal(count('bodies'), before);
    });

    it('makes a body with a new unit by name: a scrutiny panel is public, with its quorum, meeting every Tuesday', async () => {
      const units = count('units');
      const res = await srv.admin('POST', '/api/v1/bodies', {
        body: {
          name: 'Overview and Scrutiny Panel', parent_id: u.council.id, description: 'Scrutinises the executive.', kind: 'scrutiny', quorum: 3,
          schedule_phrase: 'every Tuesday', schedule_first_date: '2026-12-01', schedule_time: '18:30', venue: 'Committee Room 1',
        },
      });
      assert.equal(res.status, 201, res.text);
      b.panel = res.json;
      assert.deepEqual(
        [b.panel.kind, b.panel.access, b.panel.executive, b.panel.quorum, b.panel.schedule_rrule, b.panel.schedule_first_date, b.panel.schedule_time, b.panel.venue],
        ['scrutiny', 'public', false, 3, 'FREQ=WEEKLY;BYDAY=TU', '2026-12-01', '18:30', 'Committee Room 1'],
      );
      assert.equal(count('units'), units + 1);
      assert.deepEqual(srv.sqlRows(`SELECT name, kind, parent_id FROM units WHERE id = '${b.panel.id}'`), [{ name: 'Overview and Scrutiny Panel', kind: 'body', parent_id: u.council.id }]);
      assert.deepEqual(auditActions('unit', b.panel.id), ['create']);
      assert.deepEqual(auditActions('body', b.panel.id), ['create']);
      // Its members are the unit's memberships, their roles read from the register's words.
      for (const [who, role] of [['ann', 'Chair'], ['ben', 'Vice-Chair'], ['cara', 'Member'], ['dev', 'Member'], ['sue', 'Substitute'], ['sam', 'Substitute']])
        await create(srv, 'memberships', { person_id: p[who].id, unit_id: b.panel.id, role, start_date: '2024-05-16' });
      const view = await srv.api('GET', `/api/v1/bodies/${b.panel.id}`);
      assert.equal(view.status, 200);
      assert.deepEqual(view.json.members.map((x) => [x.name, x.role]), [
        ['Ann Ashworth', 'chair'], ['Ben Bright', 'vice-chair'], ['Cara Cole', 'member'], ['Dev Dunn', 'member'], ['Sam Spare', 'substitute'], ['Sue Sutton', 'substitute'],
      ]);
    });

    it('makes a cabinet executive by default, and a committee neither executive nor private', async () => {
      const cabinet = await create(srv, 'bodies', { name: 'Cabinet', parent_id: u.council.id, kind: 'cabinet' });
      assert.deepEqual([cabinet.access, cabinet.executive, cabinet.quorum], ['public', true, null]);
      b.audit = await create(srv, 'bodies', { name: 'Audit and Governance Committee', parent_id: u.council.id, kind: 'audit', quorum: 2, schedule_time: '14:00', duration_minutes: 90, online_url: 'https://meet.example.org/audit' });
      assert.deepEqual([b.audit.access, b.audit.executive, b.audit.schedule_rrule, b.audit.schedule_time, b.audit.duration_minutes], ['public', false, null, '14:00', 90]);
    });

    it('names each bad schedule field: a phrase it cannot read, an RRULE it cannot read, an impossible date and time, both ways at once; nothing stored', async () => {
      const units = count('units');
      const bodies = count('bodies');
      let res = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Bad Schedule', parent_id: u.council.id, kind: 'committee', schedule_phrase: 'whenever the chair likes', schedule_first_date: '2027-02-30', schedule_time: '25:00' } });
      const bad = assertProblem(res, 422, { fields: ['schedule_phrase', 'schedule_first_date', 'schedule_time'] });
      assert.equal(bad.errors.length, 3);
      assert.equal(errorOf(res, 'schedule_time'), "The schedule's time must be a time of day written as HH:MM on the 24-hour clock, for example 10:00 or 18:30");
      res = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Bad Schedule', parent_id: u.council.id, kind: 'committee', schedule_rrule: 'FREQ=SOMETIMES', schedule_first_date: '2027-01-05', schedule_time: '10:00' } });
      assertProblem(res, 422, { fields: ['schedule_rrule'] });
      res = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Bad Schedule', parent_id: u.council.id, kind: 'committee', schedule_phrase: 'every Monday', schedule_rrule: 'FREQ=WEEKLY;BYDAY=MO', schedule_first_date: '2027-01-04', schedule_time: '10:00' } });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['schedule_phrase'] }) && res, 'schedule_phrase'), 'Give the schedule as a phrase or as an RRULE, not both');
      res = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Bad Schedule', parent_id: u.council.id, kind: 'committee', schedule_phrase: 'every Monday' } });
      assertProblem(res, 422, { fields: ['schedule_first_date', 'schedule_time'] });
      res = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Bad Schedule', parent_id: u.council.id, kind: 'parish', access: 'secret', quorum: 0 } });
      assertProblem(res, 422, { fields: ['kind', 'access', 'quorum'] });
      assert.deepEqual([count('units'), count('bodies')], [units, bodies]);
    });

    it('changes a body\'s settings with its version (a name is its unit\'s, refused), 409 when stale, 404 to an editor of another unit', async () => {
      const path = `/api/v1/bodies/${b.audit.id}`;
      assertProblem(await change(path, 1, { quorum: 4 }, tokens.editor), 404);
      assertProblem(await change(path, 1, { name: 'Audit Committee' }), 422, { fields: ['name'] });
      const res = await change(path, 1, { quorum: 3, terms_of_reference: 'To oversee **risk** and audit.', schedule_phrase: 'every Wednesday', schedule_first_date: '2027-01-06' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.quorum, res.json.schedule_rrule, res.json.version], [3, 'FREQ=WEEKLY;BYDAY=WE', 2]);
      assertProblem(await change(path, 1, { quorum: 5 }), 409);
      const cleared = await change(path, 2, { quorum: null });
      assert.deepEqual([cleared.json.quorum, cleared.json.version], [null, 3]);
      assert.deepEqual(auditActions('body', b.audit.id), ['create', 'update', 'update']);
      b.audit = (await change(path, 3, { quorum: 2 })).json;
    });

    it('lists bodies by kind, in name order', async () => {
      const res = await srv.admin('GET', '/api/v1/bodies?kind=SCRUTINY');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((x) => x.name), ['Overview and Scrutiny Panel']);
      const all = await srv.admin('GET', '/api/v1/bodies');
      assert.deepEqual(all.json.items.map((x) => x.name), ['Audit and Governance Committee', 'Cabinet', 'Overview and Scrutiny Panel', 'Senior Management Group']);
      assertProblem(await srv.admin('GET', '/api/v1/bodies?kind=parish'), 422, { fields: ['kind'] });
    });
  });

  // ---- meetings made by a schedule

  describe('the meetings a schedule makes', () => {
    it('makes the panel\'s Tuesdays in December 2026 at 18:30, each with the four standard items, audited', async () => {
      const res = await srv.admin('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { body: { from: '2026-12-01', to: '2026-12-31' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.created.map((x) => x.date), ['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']);
      assert.deepEqual(res.json.existing, []);
      assert.deepEqual(res.json.on_holidays, []);
      for (const x of res.json.created) {
        assert.match(x.id, ID_RE);
        assert.deepEqual(
          [x.body_id, x.title, x.start_time, x.duration_minutes, x.venue, x.status, x.schedule_date, x.sequence, x.published_at, x.version],
          [b.panel.id, 'Overview and Scrutiny Panel', '18:30', 120, 'Committee Room 1', 'scheduled', x.date, 0, null, 1],
        );
        assert.deepEqual(auditActions('meeting', x.id), ['create']);
        assert.deepEqual(srv.sqlRows(`SELECT number, standard FROM agenda_items WHERE meeting_id = '${x.id}' ORDER BY number`), [
          { number: 1, standard: 'apologies' }, { number: 2, standard: 'declarations' }, { number: 3, standard: 'minutes' }, { number: 4, standard: 'action_log' },
        ]);
      }
      for (const x of res.json.created) m[x.date] = x;
    });

    it('adds nothing when run again: every date is reported as existing', async () => {
      const meetings = count('meetings');
      const items = count('agenda_items');
      const res = await srv.admin('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { body: { from: '2026-12-01', to: '2026-12-31' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { created: [], existing: ['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29'], on_holidays: [] });
      assert.deepEqual([count('meetings'), count('agenda_items')], [meetings, items]);
    });

    it('makes the Senior Management Group\'s first Tuesdays of 2027 from its RRULE', async () => {
      const res = await srv.admin('POST', `/api/v1/bodies/${u.smg.id}/meetings/generation`, { body: { from: '2027-01-01', to: '2027-06-30' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.created.map((x) => `${x.date} ${x.start_time}`), ['2027-01-05 10:00', '2027-02-02 10:00', '2027-03-02 10:00', '2027-04-06 10:00', '2027-05-04 10:00', '2027-06-01 10:00']);
      m.smg = res.json.created[0];
    });

    it('reports a Monday schedule\'s meetings on Boxing Day\'s substitute day and Easter Monday', async () => {
      b.planning = await create(srv, 'bodies', { name: 'Planning Committee', parent_id: u.council.id, kind: 'committee', schedule_phrase: 'every Monday', schedule_first_date: '2026-12-21', schedule_time: '19:00' });
      let res = await srv.admin('POST', `/api/v1/bodies/${b.planning.id}/meetings/generation`, { body: { from: '2026-12-21', to: '2027-01-04' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.created.map((x) => x.date), ['2026-12-21', '2026-12-28', '2027-01-04']);
      assert.deepEqual(res.json.on_holidays, ['2026-12-28 (Boxing Day (substitute day))']);
      res = await srv.admin('POST', `/api/v1/bodies/${b.planning.id}/meetings/generation`, { body: { from: '2027-03-22', to: '2027-04-05' } });
      assert.deepEqual(res.json.created.map((x) => x.date), ['2027-03-22', '2027-03-29', '2027-04-05']);
      assert.deepEqual(res.json.on_holidays, ['2027-03-29 (Easter Monday)']);
    });

    it('refuses dates the wrong way round, a body without a schedule, and a body the caller may not change', async () => {
      const meetings = count('meetings');
      assertProblem(await srv.admin('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { body: { from: '2027-02-01', to: '2027-01-01' } }), 422, { fields: ['to'] });
      assertProblem(await srv.admin('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { body: { from: '1 February' } }), 422, { fields: ['from'] });
      const cabinet = (await srv.admin('GET', '/api/v1/bodies?kind=cabinet')).json.items[0];
      assertProblem(await srv.admin('POST', `/api/v1/bodies/${cabinet.id}/meetings/generation`, { body: {} }), 422, { fields: ['schedule_rrule'] });
      assertProblem(await srv.api('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { token: tokens.editor, body: {} }), 404);
      assertProblem(await srv.admin('POST', `/api/v1/bodies/${randomId()}/meetings/generation`, { body: {} }), 404);
      assert.equal(count('meetings'), meetings);
    });
  });

  // ---- single meetings

  describe('single meetings', () => {
    it('takes the body\'s time, length and link as defaults, and opens its agenda with the standard items', async () => {
      const res = await srv.admin('POST', '/api/v1/meetings', { body: { body_id: b.audit.id, date: '2027-01-20' } });
      assert.equal(res.status, 201, res.text);
      m.audit = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/meetings/${m.audit.id}`);
      assert.deepEqual(
        [m.audit.title, m.audit.date, m.audit.start_time, m.audit.duration_minutes, m.audit.online_url, m.audit.status, m.audit.schedule_date, m.audit.sequence, m.audit.minutes_status],
        ['Audit and Governance Committee', '2027-01-20', '14:00', 90, 'https://meet.example.org/audit', 'scheduled', null, 0, 'none'],
      );
      const agenda = await agendaOf(m.audit.id);
      assert.deepEqual(agenda.items.map((i) => [i.number, i.standard, i.title]), [
        [1, 'apologies', 'Apologies for absence'], [2, 'declarations', 'Declarations of interest'], [3, 'minutes', 'Minutes of the previous meeting'], [4, 'action_log', 'Action log'],
      ]);
      assert.deepEqual(auditActions('meeting', m.audit.id), ['create']);
    });

    it('refuses a meeting without a date, of a body it cannot name, or at an impossible time', async () => {
      const meetings = count('meetings');
      assertProblem(await srv.admin('POST', '/api/v1/meetings', { body: { body_id: b.audit.id } }), 422, { fields: ['date'] });
      assertProblem(await srv.admin('POST', '/api/v1/meetings', { body: { body_id: randomId(), date: '2027-01-20' } }), 422, { fields: ['body_id'] });
      assertProblem(await srv.api('POST', '/api/v1/meetings', { token: tokens.editor, body: { body_id: b.audit.id, date: '2027-01-20' } }), 422, { fields: ['body_id'] });
      assertProblem(await srv.admin('POST', '/api/v1/meetings', { body: { body_id: b.audit.id, date: '2027-01-20', start_time: '2pm', status: 'postponed' } }), 422, { fields: ['start_time', 'status'] });
      assert.equal(count('meetings'), meetings);
    });

    it('bumps the calendar sequence when the date changes, not when only the title does', async () => {
      const path = `/api/v1/meetings/${m.audit.id}`;
      let res = await change(path, 1, { date: '2027-01-27' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.date, res.json.sequence, res.json.version], ['2027-01-27', 1, 2]);
      res = await change(path, 2, { title: 'Audit and Governance Committee (budget)' });
      assert.deepEqual([res.json.sequence, res.json.version], [1, 3]);
      assertProblem(await change(path, 2, { venue: 'Room 2' }), 409);
      assertProblem(await change(path, 3, { body_id: b.panel.id }), 422, { fields: ['body_id'] });
      const audit = lastAudit('meeting', m.audit.id);
      assert.deepEqual([audit.action, audit.before.title, audit.after.title], ['update', 'Audit and Governance Committee', 'Audit and Governance Committee (budget)']);
      assert.deepEqual(srv.sqlRows(`SELECT date, sequence, version FROM meetings WHERE id = '${m.audit.id}'`), [{ date: '2027-01-27', sequence: 1, version: 3 }]);
    });

    it('cancels a meeting (the sequence bumps again, no deadlines apply, it cannot then be held), and takes no attendance', async () => {
      const path = `/api/v1/meetings/${m.audit.id}`;
      const res = await change(path, 3, { status: 'cancelled', status_reason: 'No business.' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.status, res.json.status_reason, res.json.sequence], ['cancelled', 'No business.', 2]);
      const view = await get(path);
      assert.deepEqual(view.json.deadlines, []);
      assertProblem(await change(path, 4, { status: 'held' }), 422, { fields: ['status'] });
      const before = count('attendees');
      assertProblem(await attend(m.audit.id, { person_id: p.olu.id, capacity: 'officer' }), 409, { detail: /^This meeting was cancelled: no attendance or declarations of interest can be recorded for it\.$/ });
      assertProblem(await register(m.audit.id, [{ person_id: p.olu.id, capacity: 'officer' }]), 409);
      assert.equal(count('attendees'), before);
    });

    it('archives a meeting: left out of the list unless asked for', async () => {
      const res = await archive(`/api/v1/meetings/${m.audit.id}`, 4);
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.archived_at, ISO_TS_RE);
      assert.deepEqual(auditActions('meeting', m.audit.id), ['create', 'update', 'update', 'update', 'archive']);
      let listed = await srv.admin('GET', `/api/v1/meetings?body_id=${b.audit.id}`);
      assert.deepEqual(listed.json.items, []);
      listed = await srv.admin('GET', `/api/v1/meetings?body_id=${b.audit.id}&include_archived=true`);
      assert.deepEqual(listed.json.items.map((x) => x.id), [m.audit.id]);
      assertProblem(await archive(`/api/v1/meetings/${m.audit.id}`, 5), 409);
    });

    it('lists a body\'s meetings between two dates, a page at a time, and the meetings of the bodies a person sits on', async () => {
      let res = await srv.api('GET', `/api/v1/meetings?body_id=${b.panel.id}&from=2026-12-08&to=2026-12-22&limit=2`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((x) => x.date), ['2026-12-08', '2026-12-15']);
      assert.ok(res.json.next_cursor);
      res = await srv.api('GET', `/api/v1/meetings?body_id=${b.panel.id}&from=2026-12-08&to=2026-12-22&limit=2&cursor=${res.json.next_cursor}`);
      assert.deepEqual(res.json.items.map((x) => x.date), ['2026-12-22']);
      assert.equal(res.json.next_cursor, null);
      res = await srv.admin('GET', `/api/v1/meetings?person_id=${p.chief.id}&to=2027-03-31`);
      assert.deepEqual(res.json.items.map((x) => `${x.body_name} ${x.date}`), ['Senior Management Group 2027-01-05', 'Senior Management Group 2027-02-02', 'Senior Management Group 2027-03-02']);
      assertProblem(await srv.api('GET', '/api/v1/meetings?from=Christmas'), 422, { fields: ['from'] });
    });
  });

  // ---- deadlines and who sees what

  describe('deadlines and access', () => {
    it('counts the agenda of the panel\'s meeting on Tuesday 29 December 2026 as due by Thursday 17 December 2026, across Christmas', async () => {
      const res = await srv.api('GET', `/api/v1/meetings/${m['2026-12-29'].id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.deadlines.length, 1);
      const d = res.json.deadlines[0];
      const overdue = new Date().toISOString().slice(0, 10) > '2026-12-17';
      assert.deepEqual(
        [d.name, d.label, d.due, d.done_on, d.state, d.exception, d.then],
        ['agenda_publication', 'Agenda published', '2026-12-17', null, overdue ? 'overdue' : 'due', '', null],
      );
      assert.match(d.source, /^Local Government Act 1972, section 100B\(3\)/);
      assert.deepEqual(d.lines.slice(0, 6), [
        'The meeting is on Tuesday 29 December 2026.',
        "5 clear working days: neither the day of the notice nor the day of the meeting counts, and nor do weekends, bank holidays or the council's closure days.",
        'Friday 25 December 2026 is not a working day (Christmas Day).',
        'Monday 28 December 2026 is not a working day (Boxing Day (substitute day)).',
        '4 weekend days on the way are not counted.',
        'The last day is Thursday 17 December 2026.',
      ]);
      assert.deepEqual([res.json.body_name, res.json.body_kind, res.json.body_access, res.json.published], ['Overview and Scrutiny Panel', 'scrutiny', 'public', false]);
    });

    it('hides a private body and its meetings from anonymous visitors and other viewers (404), and shows them to its members', async () => {
      for (const token of [undefined, tokens.viewer, tokens.ann]) {
        assertProblem(await srv.api('GET', `/api/v1/bodies/${u.smg.id}`, { token }), 404);
        assertProblem(await srv.api('GET', `/api/v1/meetings/${m.smg.id}`, { token }), 404);
        assertProblem(await srv.api('GET', `/api/v1/meetings/${m.smg.id}/agenda`, { token }), 404);
        assertProblem(await srv.api('GET', `/api/v1/meetings/${m.smg.id}/attendees`, { token }), 404);
        const listed = await srv.api('GET', '/api/v1/bodies', { token });
        assert.ok(!listed.json.items.some((x) => x.id === u.smg.id), 'the SMG is not listed');
        const meetings = await srv.api('GET', `/api/v1/meetings?body_id=${u.smg.id}`, { token });
        assert.deepEqual(meetings.json.items, []);
      }
      const body = await srv.api('GET', `/api/v1/bodies/${u.smg.id}`, { token: tokens.chief });
      assert.equal(body.status, 200, body.text);
      const meeting = await srv.api('GET', `/api/v1/meetings/${m.smg.id}`, { token: tokens.chief });
      assert.equal(meeting.status, 200, meeting.text);
      // A private body's meetings have no deadline to publish an agenda.
      assert.deepEqual([meeting.json.deadlines, meeting.json.can_edit, meeting.json.sees_exempt], [[], false, true]);
      const agenda = await agendaOf(m.smg.id, tokens.chief);
      assert.equal(agenda.items.length, 4);
      assert.deepEqual(agenda.members.map((x) => x.name), ['Chris Chief']);
      const listed = await srv.api('GET', '/api/v1/bodies', { token: tokens.chief });
      assert.ok(listed.json.items.some((x) => x.id === u.smg.id));
    });

    it('gives a public meeting\'s unpublished agenda to its members and clerks only: others get the meeting without items', async () => {
      const id = m['2026-12-29'].id;
      for (const token of [null, tokens.viewer, tokens.chief]) {
        const agenda = await agendaOf(id, token);
        assert.deepEqual([agenda.meeting.id, agenda.meeting.published, agenda.items, agenda.action_log, agenda.decisions], [id, false, [], [], []]);
      }
      assert.equal((await agendaOf(id, tokens.ann)).items.length, 4);
      assert.equal((await agendaOf(id)).items.length, 4);
    });
  });

  // ---- attendance and quorum

  describe('attendance, substitutes and the quorum', () => {
    let meeting;
    const att = {};
    const quorum = async () => (await srv.api('GET', `/api/v1/meetings/${meeting}`)).json.quorum;

    before(() => {
      meeting = m['2026-12-29'].id;
    });

    it('says attendance has not been recorded until it is', async () => {
      assert.deepEqual(await quorum(), { required: 3, present: 0, met: false, sentence: 'Attendance has not been recorded; the quorum is 3.' });
      const listed = await srv.api('GET', `/api/v1/meetings/${meeting}/attendees`);
      assert.deepEqual(listed.json, { items: [] });
    });

    it('records a member present by default: 201, Location, ETag, the stored row and its audit entry; not quorate with one', async () => {
      const res = await attend(meeting, { person_id: p.ann.id });
      assert.equal(res.status, 201, res.text);
      att.ann = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/attendees/${att.ann.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      const { id, created_at, updated_at, ...rest } = att.ann;
      assert.match(id, ID_RE);
      assert.deepEqual(rest, { meeting_id: meeting, body_id: b.panel.id, person_id: p.ann.id, capacity: 'member', status: 'present', substitute_for_person_id: null, note: '', archived_at: null, version: 1 });
      assert.deepEqual(srv.sqlRows(`SELECT person_id, capacity, status, version FROM attendees WHERE id = '${id}'`), [{ person_id: p.ann.id, capacity: 'member', status: 'present', version: 1 }]);
      assert.deepEqual(auditActions('attendee', id), ['create']);
      assert.deepEqual(await quorum(), { required: 3, present: 1, met: false, sentence: 'Not quorate: 1 member present; the quorum is 3.' });
      const got = await srv.api('GET', `/api/v1/attendees/${id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.json, att.ann);
    });

    it('refuses a second record for the same person, naming person_id', async () => {
      const res = await attend(meeting, { person_id: p.ann.id, status: 'apologies' });
      assertProblem(res, 422, { fields: ['person_id'] });
      assert.equal(errorOf(res, 'person_id'), "Ann Ashworth is already on this meeting's attendance: change that record instead");
      assert.equal(count('attendees', `meeting_id = '${meeting}'`), 1);
    });

    it('records someone who is not a member only as a substitute, officer or guest', async () => {
      let res = await attend(meeting, { person_id: p.olu.id });
      assertProblem(res, 422, { fields: ['capacity'] });
      assert.equal(errorOf(res, 'capacity'), 'Olu Okafor is not a member of Overview and Scrutiny Panel on 29 December 2026: record them as a substitute, an officer or a guest');
      res = await attend(meeting, { person_id: p.olu.id, capacity: 'member' });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['capacity'] }) && res, 'capacity'), 'Olu Okafor is not a member of Overview and Scrutiny Panel on 29 December 2026: record them as a substitute, an officer or a guest');
      res = await attend(meeting, { person_id: p.sue.id, capacity: 'member' });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['capacity'] }) && res, 'capacity'), 'Sue Sutton is a substitute on Overview and Scrutiny Panel, not a member: record them as a substitute, naming the member they stand in for');
      res = await attend(meeting, { person_id: p.ben.id, capacity: 'substitute', substitute_for_person_id: p.cara.id });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['capacity'] }) && res, 'capacity'), 'Ben Bright is a member of Overview and Scrutiny Panel: record them as a member, not a substitute');
      res = await attend(meeting, { person_id: p.olu.id, capacity: 'officer', status: 'late', note: 'x'.repeat(2001) });
      assertProblem(res, 422, { fields: ['status', 'note'] });
      res = await attend(meeting, { person_id: randomId() });
      assertProblem(res, 422, { fields: ['person_id'] });
      res = await srv.admin('POST', `/api/v1/meetings/${meeting}/attendees`, { body: { person_id: p.olu.id, capacity: 'officer', meeting_id: meeting } });
      assertProblem(res, 422, { fields: ['meeting_id'] });
      assert.equal(count('attendees', `meeting_id = '${meeting}'`), 1);
      res = await attend(meeting, { person_id: p.olu.id, capacity: 'officer', note: 'Democratic Services' });
      assert.equal(res.status, 201, res.text);
      att.olu = res.json;
      assert.deepEqual(await quorum(), { required: 3, present: 1, met: false, sentence: 'Not quorate: 1 member present; the quorum is 3.' });
    });

    it('has a substitute name a member of the body who is not present, other than themselves', async () => {
      let res = await attend(meeting, { person_id: p.sue.id, capacity: 'substitute' });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['substitute_for_person_id'] }) && res, 'substitute_for_person_id'), 'Enter the member of Overview and Scrutiny Panel that Sue Sutton stands in for');
      res = await attend(meeting, { person_id: p.sue.id, capacity: 'substitute', substitute_for_person_id: p.olu.id });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['substitute_for_person_id'] }) && res, 'substitute_for_person_id'), 'Olu Okafor is not a member of Overview and Scrutiny Panel on 29 December 2026: a substitute stands in for one of its members');
      res = await attend(meeting, { person_id: p.sue.id, capacity: 'substitute', substitute_for_person_id: p.sue.id });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['substitute_for_person_id'] }) && res, 'substitute_for_person_id'), 'A substitute stands in for another member, not for themselves');
      res = await attend(meeting, { person_id: p.sue.id, capacity: 'substitute', substitute_for_person_id: p.ann.id });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['substitute_for_person_id'] }) && res, 'substitute_for_person_id'), 'Ann Ashworth is recorded as present: a substitute stands in only for a member who is absent or sent apologies');
      res = await attend(meeting, { person_id: p.gail.id, capacity: 'guest', substitute_for_person_id: p.cara.id });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['substitute_for_person_id'] }) && res, 'substitute_for_person_id'), 'Only a substitute stands in for a member: record Gail Green as a substitute, or leave substitute_for_person_id out');
      assert.equal(count('attendees', `meeting_id = '${meeting}'`), 2);
    });

    it('takes the register in one go: apologies, a substitute for the member who sent them, a guest; quorate with three', async () => {
      const audits = count('audit_log');
      const res = await register(meeting, [
        { person_id: p.ben.id, status: 'present' },
        { person_id: p.cara.id, status: 'apologies', note: 'Unwell' },
        { person_id: p.sue.id, capacity: 'substitute', substitute_for_person_id: p.cara.id },
        { person_id: p.gail.id, capacity: 'guest' },
        { person_id: p.ann.id, status: 'present' },
      ]);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((a) => [a.name, a.capacity, a.status, a.substitute_for_name]), [
        ['Ann Ashworth', 'member', 'present', ''],
        ['Ben Bright', 'member', 'present', ''],
        ['Cara Cole', 'member', 'apologies', ''],
        ['Gail Green', 'guest', 'present', ''],
        ['Olu Okafor', 'officer', 'present', ''],
        ['Sue Sutton', 'substitute', 'present', 'Cara Cole'],
      ]);
      for (const a of res.json.items) att[a.name.split(' ')[0].toLowerCase()] = a;
      // Ann's row changed nothing, so four rows were written and four audited.
      assert.equal(count('audit_log'), audits + 4);
      assert.equal(att.ann.version, 1);
      assert.equal(att.sue.substitute_for_person_id, p.cara.id);
      assert.deepEqual(await quorum(), { required: 3, present: 3, met: true, sentence: 'Quorate: 3 members present; the quorum is 3.' });
    });

    it('refuses the whole register when a row is wrong, naming each row\'s field by its place; nothing is written', async () => {
      const audits = count('audit_log');
      const rows = srv.sqlRows(`SELECT id, status, version FROM attendees WHERE meeting_id = '${meeting}' ORDER BY id`);
      let res = await register(meeting, [
        { person_id: p.dev.id, status: 'present' },
        { person_id: p.ben.id, status: 'late' },
        { person_id: p.pat.id, capacity: 'member' },
        { person_id: p.dev.id, status: 'apologies' },
      ]);
      const problem = assertProblem(res, 422, { fields: ['rows[1].status', 'rows[2].capacity', 'rows[3].person_id'] });
      assert.equal(problem.errors.length, 3);
      assert.equal(errorOf(res, 'rows[3].person_id'), 'Dev Dunn is in the register twice, at rows[0] and rows[3]: give each person once');
      assert.equal(errorOf(res, 'rows[2].capacity'), 'Pat Price is not a member of Overview and Scrutiny Panel on 29 December 2026: record them as a substitute, an officer or a guest');
      // Fields Civic does not know, and rows that are not objects, are named by place too.
      res = await register(meeting, [{ person_id: p.dev.id, colour: 'red' }, 'Dev']);
      assertProblem(res, 422, { fields: ['rows[0].colour', 'rows[1]'] });
      assertProblem(await srv.admin('PUT', `/api/v1/meetings/${meeting}/register`, { body: { rows: [] } }), 422, { fields: ['rows'] });
      assertProblem(await srv.admin('PUT', `/api/v1/meetings/${meeting}/register`, { body: { people: [] } }), 422, { fields: ['rows', 'people'] });
      // A second substitute for Cara, whose substitute is already Sue.
      res = await register(meeting, [{ person_id: p.dev.id, status: 'present' }, { person_id: p.sam.id, capacity: 'substitute', substitute_for_person_id: p.cara.id }]);
      assertProblem(res, 422, { fields: ['rows[1].substitute_for_person_id'] });
      assert.equal(errorOf(res, 'rows[1].substitute_for_person_id'), 'Sue Sutton already stands in for Cara Cole at this meeting: a member has one substitute');
      assert.deepEqual(srv.sqlRows(`SELECT id, status, version FROM attendees WHERE meeting_id = '${meeting}' ORDER BY id`), rows);
      assert.equal(count('attendees', `person_id = '${p.dev.id}'`), 0);
      assert.equal(count('audit_log'), audits);
    });

    it('changes a record with its version: not a member present while their substitute stands in; a record stays with its person', async () => {
      const path = `/api/v1/attendees/${att.cara.id}`;
      let res = await change(path, att.cara.version, { status: 'present' });
      assertProblem(res, 422, { fields: ['status'] });
      assert.equal(errorOf(res, 'status'), "Sue Sutton stands in for Cara Cole at this meeting: change Sue Sutton's record before recording Cara Cole as present");
      assertProblem(await change(path, att.cara.version, { person_id: p.dev.id }), 422, { fields: ['person_id'] });
      assertProblem(await change(path, att.cara.version + 1, { note: 'Unwell (flu)' }), 409);
      assertProblem(await srv.admin('PATCH', path, { body: { note: 'Unwell (flu)' } }), 428);
      assertProblem(await change(path, att.cara.version, { note: 'Unwell (flu)' }, tokens.editor), 404);
      res = await change(path, att.cara.version, { note: 'Unwell (flu)' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.note, res.json.version], ['Unwell (flu)', att.cara.version + 1]);
      att.cara = res.json;
      // Sue becomes absent; her substitution stays on record, and Cara may be present after all.
      res = await change(`/api/v1/attendees/${att.sue.id}`, att.sue.version, { status: 'absent' });
      assert.equal(res.status, 200, res.text);
      att.sue = res.json;
      res = await change(path, att.cara.version, { status: 'present' });
      assert.equal(res.status, 200, res.text);
      att.cara = res.json;
      assert.deepEqual(await quorum(), { required: 3, present: 3, met: true, sentence: 'Quorate: 3 members present; the quorum is 3.' });
      const audit = lastAudit('attendee', att.cara.id);
      assert.deepEqual([audit.action, audit.before.status, audit.after.status], ['update', 'apologies', 'present']);
    });

    it('archives a record and restores it when the person is recorded again', async () => {
      let res = await archive(`/api/v1/attendees/${att.gail.id}`, att.gail.version);
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.archived_at, ISO_TS_RE);
      const listed = await srv.api('GET', `/api/v1/meetings/${meeting}/attendees`);
      assert.ok(!listed.json.items.some((a) => a.id === att.gail.id));
      assertProblem(await srv.api('GET', `/api/v1/attendees/${att.gail.id}`), 404);
      assert.equal((await srv.admin('GET', `/api/v1/attendees/${att.gail.id}`)).status, 200);
      res = await attend(meeting, { person_id: p.gail.id, capacity: 'guest', status: 'apologies' });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([res.json.id, res.json.status, res.json.archived_at, res.json.version], [att.gail.id, 'apologies', null, att.gail.version + 2]);
      assert.deepEqual(auditActions('attendee', att.gail.id), ['create', 'archive', 'restore']);
    });

    it('answers 404 for a meeting that is not there or that the caller may not change, and 401 anonymous', async () => {
      assertProblem(await attend(randomId(), { person_id: p.dev.id }), 404);
      assertProblem(await srv.admin('POST', '/api/v1/meetings/not-an-id/attendees', { body: { person_id: p.dev.id } }), 404);
      assertProblem(await attend(meeting, { person_id: p.dev.id }, tokens.editor), 404);
      assertProblem(await attend(meeting, { person_id: p.dev.id }, tokens.ann), 404);
      assertProblem(await srv.api('POST', `/api/v1/meetings/${meeting}/attendees`, { body: { person_id: p.dev.id } }), 401);
      assertProblem(await srv.api('PUT', `/api/v1/meetings/${meeting}/register`, { token: tokens.editor, body: { rows: [{ person_id: p.dev.id }] } }), 404);
      assertProblem(await srv.admin('GET', `/api/v1/meetings/${randomId()}/attendees`), 404);
      assert.equal(count('attendees', `person_id = '${p.dev.id}'`), 0);
    });
  });

  // ---- declarations of interest

  describe('declarations of interest', () => {
    let meeting;
    let item;
    let decl;

    before(async () => {
      meeting = m['2026-12-29'].id;
      item = (await agendaOf(meeting)).items[2];
    });

    it('records a member\'s declaration on an item: 201, Location, the stored row, the audit entry, and the item shows it with their name', async () => {
      const res = await declare(item.id, { person_id: p.ben.id, kind: 'Disclosable Pecuniary', nature: 'Owns land next to the site.', action: 'Left the room.' });
      assert.equal(res.status, 201, res.text);
      decl = res.json;
      assert.equal(res.headers.get('location'), `/api/v1/declarations/${decl.id}`);
      const { id, created_at, updated_at, ...rest } = decl;
      assert.deepEqual(rest, { meeting_id: meeting, item_id: item.id, body_id: b.panel.id, person_id: p.ben.id, kind: 'disclosable pecuniary', nature: 'Owns land next to the site.', action: 'Left the room.', archived_at: null, version: 1 });
      assert.deepEqual(srv.sqlRows(`SELECT item_id, person_id, kind, nature FROM declarations WHERE id = '${id}'`), [{ item_id: item.id, person_id: p.ben.id, kind: 'disclosable pecuniary', nature: 'Owns land next to the site.' }]);
      assert.deepEqual(auditActions('declaration', id), ['create']);
      const shown = (await agendaOf(meeting)).items[2];
      assert.deepEqual(shown.declarations.map((d) => [d.name, d.kind, d.nature]), [['Ben Bright', 'disclosable pecuniary', 'Owns land next to the site.']]);
      const got = await srv.api('GET', `/api/v1/declarations/${id}`, { token: tokens.ann });
      assert.equal(got.status, 200);
      assert.deepEqual(got.json, decl);
    });

    it('takes one from someone who attended though not a member, and from a member who did not attend; not from anyone else, or twice', async () => {
      let res = await declare(item.id, { person_id: p.olu.id, kind: 'non-registrable', nature: 'A friend bid for the contract.' });
      assert.equal(res.status, 201, res.text);
      res = await declare(item.id, { person_id: p.dev.id, kind: 'other registrable', nature: 'A governor of the school.' });
      assert.equal(res.status, 201, res.text);
      const before = count('declarations');
      res = await declare(item.id, { person_id: p.pat.id, kind: 'other registrable', nature: 'Lives on the street.' });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['person_id'] }) && res, 'person_id'), 'Pat Price neither attended this meeting nor sits on Overview and Scrutiny Panel on 29 December 2026: record their attendance first');
      res = await declare(item.id, { person_id: p.ben.id, kind: 'other registrable', nature: 'Another interest.' });
      assert.equal(errorOf(assertProblem(res, 422, { fields: ['person_id'] }) && res, 'person_id'), 'Ben Bright has already declared an interest in this item: change that declaration instead');
      res = await declare(item.id, { person_id: p.cara.id, kind: 'personal', nature: ' ' });
      assertProblem(res, 422, { fields: ['kind', 'nature'] });
      res = await declare(item.id, { person_id: p.cara.id, kind: 'other registrable', nature: 'x', item_id: item.id });
      assertProblem(res, 422, { fields: ['item_id'] });
      assertProblem(await declare(randomId(), { person_id: p.cara.id, kind: 'other registrable', nature: 'x' }), 404);
      assertProblem(await declare(item.id, { person_id: p.cara.id, kind: 'other registrable', nature: 'x' }, tokens.ann), 404);
      assert.equal(count('declarations'), before);
    });

    it('changes a declaration with its version (it stays with its person), and archives it', async () => {
      const path = `/api/v1/declarations/${decl.id}`;
      assertProblem(await change(path, 1, { person_id: p.dev.id }), 422, { fields: ['person_id'] });
      assertProblem(await change(path, 2, { action: 'Stayed and did not vote.' }), 409);
      let res = await change(path, 1, { action: 'Stayed and did not vote.' });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual([res.json.action, res.json.version], ['Stayed and did not vote.', 2]);
      res = await archive(path, 2);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(auditActions('declaration', decl.id), ['create', 'update', 'archive']);
      const shown = (await agendaOf(meeting)).items[2];
      assert.deepEqual(shown.declarations.map((d) => d.name), ['Olu Okafor', 'Dev Dunn']);
      assertProblem(await srv.api('GET', path), 404);
      // Archived, Ben may declare on the item again.
      res = await declare(item.id, { person_id: p.ben.id, kind: 'other registrable', nature: 'Owns land next to the site (corrected).' });
      assert.equal(res.status, 201, res.text);
    });
  });

  // ---- the meeting's page

  describe('the meeting as one page', () => {
    it('gives the meeting, its items, attendance, members, quorum and neighbours in one answer', async () => {
      const next = await create(srv, 'meetings', { body_id: b.panel.id, date: '2027-01-12' });
      const agenda = await agendaOf(m['2026-12-29'].id);
      assert.deepEqual(Object.keys(agenda), ['meeting', 'items', 'attendance', 'members', 'action_log', 'decisions', 'actions', 'corrections', 'previous', 'next']);
      assert.equal(agenda.meeting.id, m['2026-12-29'].id);
      assert.equal(agenda.meeting.quorum.sentence, 'Quorate: 3 members present; the quorum is 3.');
      assert.deepEqual([agenda.meeting.can_edit, agenda.meeting.sees_exempt], [true, true]);
      assert.deepEqual(agenda.items.map((i) => [i.number, i.title, i.exempt, i.redacted, i.declarations.length]), [
        [1, 'Apologies for absence', false, false, 0], [2, 'Declarations of interest', false, false, 0], [3, 'Minutes of the previous meeting', false, false, 3], [4, 'Action log', false, false, 0],
      ]);
      assert.deepEqual(agenda.attendance.map((a) => [a.name, a.capacity, a.status]), [
        ['Ann Ashworth', 'member', 'present'], ['Ben Bright', 'member', 'present'], ['Cara Cole', 'member', 'present'], ['Gail Green', 'guest', 'apologies'], ['Olu Okafor', 'officer', 'present'], ['Sue Sutton', 'substitute', 'absent'],
      ]);
      assert.deepEqual(agenda.members.map((x) => [x.name, x.role]), [
        ['Ann Ashworth', 'chair'], ['Ben Bright', 'vice-chair'], ['Cara Cole', 'member'], ['Dev Dunn', 'member'], ['Sam Spare', 'substitute'], ['Sue Sutton', 'substitute'],
      ]);
      assert.deepEqual([agenda.action_log, agenda.decisions, agenda.actions, agenda.corrections], [[], [], [], []]);
      assert.deepEqual([agenda.previous.id, agenda.previous.date], [m['2026-12-22'].id, '2026-12-22']);
      assert.deepEqual([agenda.next.id, agenda.next.date], [next.id, '2027-01-12']);
      assertProblem(await srv.api('GET', `/api/v1/meetings/${randomId()}/agenda`), 404);
      assertProblem(await srv.api('GET', '/api/v1/meetings/nope/agenda'), 404);
    });

    it('shows a published agenda to anyone, declarations included', async () => {
      const id = m['2026-12-29'].id;
      // Publication is the agenda's own step (POST …/publication); here the meeting is marked
      // published as that step would leave it, so that what an anonymous reader gets can be
      // seen.
      srv.sql(`UPDATE meetings SET published_at = '2026-12-10T09:00:00Z' WHERE id = '${id}'`);
      const agenda = await agendaOf(id, null);
      assert.equal(agenda.meeting.published, true);
      assert.deepEqual([agenda.meeting.can_edit, agenda.meeting.sees_exempt], [false, false]);
      assert.equal(agenda.items.length, 4);
      assert.deepEqual(agenda.items[2].declarations.map((d) => d.name), ['Olu Okafor', 'Dev Dunn', 'Ben Bright']);
      assert.deepEqual(agenda.meeting.deadlines.map((d) => [d.state, d.done_on]), [['met', '2026-12-10']]);
      const declaration = agenda.items[2].declarations[0];
      assert.equal((await srv.api('GET', `/api/v1/declarations/${declaration.id}`)).status, 200);
    });
  });

  // ---- what other parts of governance write, as the meeting's page shows it

  describe('the action log, decisions and exempt items on the meeting\'s page', () => {
    // Actions, decisions and agenda items are written by other parts of governance; here they
    // are stored as those parts store them (the row and its "create" audit entry, version 1),
    // so that what the meeting's page makes of them can be checked on its own.
    let stamp = 0;
    const sqlValue = (v) => (v === null ? 'NULL' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
    const store = (table, entity, fields) => {
      const at = `2026-12-30T10:00:${String(stamp++).padStart(2, '0')}.000Z`;
      const row = { id: randomId(), ...fields, archived_at: null, version: 1, created_at: at, updated_at: at };
      const columns = Object.keys(row);
      srv.sql(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => sqlValue(row[c])).join(', ')})`);
      srv.sql(`INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, request_id) VALUES ('${randomId()}', '${at}', 'admin', '${entity}', '${row.id}', 'create', NULL, ${sqlValue(JSON.stringify(row))}, 'test')`);
      return row;
    };
    const action = (meeting, text, status, closed_on = null) =>
      store('actions', 'action', { body_id: b.panel.id, meeting_id: m[meeting].id, item_id: null, text, owner_person_id: p.olu.id, owner_name: '', due_date: '2026-12-20', status, closed_on, closed_note: '' });
    const a = {};

    before(async () => {
      m['2027-01-12'] = (await srv.admin('GET', `/api/v1/meetings?body_id=${b.panel.id}&from=2027-01-12&to=2027-01-12`)).json.items[0];
      a.open = action('2026-12-15', 'Report the library opening hours.', 'open');
      a.closedSince = action('2026-12-15', 'Write to the bus company.', 'done', '2026-12-23');
      a.closedBefore = action('2026-12-15', 'Circulate the budget timetable.', 'done', '2026-12-20');
      a.later = action('2026-12-22', 'Invite the police commander.', 'cancelled', '2027-01-05');
      a.agreed = action('2026-12-29', 'Bring the Corporate Support update back in March.', 'open');
      a.next = action('2027-01-12', 'Visit the depot.', 'open');
    });

    it('carries forward the body\'s actions open on the meeting\'s date, shows those closed since the last meeting, and marks its own as new', async () => {
      let agenda = await agendaOf(m['2026-12-29'].id);
      assert.deepEqual(agenda.action_log.map((x) => [x.text, x.carried, x.meeting_date, x.owner]), [
        ['Report the library opening hours.', 'carried forward', '2026-12-15', 'Olu Okafor'],
        ['Invite the police commander.', 'carried forward', '2026-12-22', 'Olu Okafor'],
        ['Write to the bus company.', 'closed since the last meeting', '2026-12-15', 'Olu Okafor'],
      ]);
      assert.deepEqual(agenda.actions.map((x) => [x.id, x.carried]), [[a.agreed.id, 'new']]);
      agenda = await agendaOf(m['2027-01-12'].id);
      assert.deepEqual(agenda.action_log.map((x) => [x.text, x.carried]), [
        ['Report the library opening hours.', 'carried forward'],
        ['Bring the Corporate Support update back in March.', 'carried forward'],
        ['Invite the police commander.', 'closed since the last meeting'],
      ]);
      assert.deepEqual(agenda.actions.map((x) => x.id), [a.next.id]);
      agenda = await agendaOf(m['2026-12-22'].id);
      assert.deepEqual(agenda.action_log.map((x) => [x.text, x.carried]), [
        ['Report the library opening hours.', 'carried forward'],
        ['Write to the bus company.', 'carried forward'],
        ['Circulate the budget timetable.', 'closed since the last meeting'],
      ]);
    });

    it('hides an exempt item\'s report and an exempt decision\'s reasons from a member of the public, and shows them to a member', async () => {
      const meeting = m['2026-12-29'];
      const item = store('agenda_items', 'agenda_item', {
        meeting_id: meeting.id, body_id: b.panel.id, number: 5, standard: null, title: 'Award of the cleaning contract', purpose: 'To award the contract.',
        report_title: 'Cleaning contract award', report_author: 'Olu Okafor', report_summary: 'Tender prices of the three bidders.', recommendations: 'Award to the lowest bidder.',
        presenter_ids: '[]', supplement: false, exempt_paragraph: 3, exempt_reason: 'Commercially sensitive until the contract is signed.', key_decision: false,
        forward_plan_id: null, topic_id: null, minutes_told: '', minutes_questions: '',
      });
      const decision = store('decisions', 'decision', {
        body_id: b.panel.id, decision_maker: 'Overview and Scrutiny Panel', meeting_id: meeting.id, item_id: item.id, decided_on: '2026-12-29', published_on: null,
        title: 'Cleaning contract', text: 'Agreed that the contract be awarded.', reasons: 'The lowest price of three bids.', options_considered: 'Re-tender.',
        key_decision: false, executive: false, forward_plan_id: null, exempt_paragraph: 3, call_in_status: '', called_in_on: null, called_in_by: '', call_in_reason: '', call_in_decided_on: null,
      });
      const anonymous = await agendaOf(meeting.id, null);
      const shown = anonymous.items.find((i) => i.id === item.id);
      assert.deepEqual(
        [shown.number, shown.title, shown.exempt, shown.redacted, shown.exempt_notice, shown.report_summary, shown.recommendations, shown.exempt_reason],
        [5, 'Award of the cleaning contract', true, true, 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972', '', '', ''],
      );
      assert.deepEqual(anonymous.decisions.map((d) => [d.id, d.redacted, d.reasons, d.options_considered, d.text]), [[decision.id, true, '', '', 'Agreed that the contract be awarded.']]);
      assert.ok(!anonymous.items.some((i) => JSON.stringify(i).includes('Tender prices')), 'no exempt text reaches the public');
      for (const token of [tokens.ann, srv.token]) {
        const member = await agendaOf(meeting.id, token);
        const full = member.items.find((i) => i.id === item.id);
        assert.deepEqual([full.redacted, full.report_summary, full.exempt_reason], [false, 'Tender prices of the three bidders.', 'Commercially sensitive until the contract is signed.']);
        assert.deepEqual(member.decisions.map((d) => [d.redacted, d.reasons]), [[false, 'The lowest price of three bids.']]);
      }
      // A viewer who is not a member sees what the public sees.
      const viewer = await agendaOf(meeting.id, tokens.viewer);
      assert.equal(viewer.items.find((i) => i.id === item.id).redacted, true);
    });
  });

  it('answers clerks adding the same person to a meeting at the same moment with one record: the others are refused (409 on a race the database settles, 422 otherwise), and Civic keeps serving', async () => {
    assert.equal((await srv.admin('POST', `/api/v1/bodies/${b.panel.id}/meetings/generation`, { body: { from: '2027-03-01', to: '2027-03-31' } })).status, 200);
    const [meeting] = meetingsOf(b.panel.id, '2027-03-01', '2027-03-31');
    const answers = await Promise.all(Array.from({ length: 8 }, () => attend(meeting.id, { person_id: p.ann.id })));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(' '));
    for (const r of answers.filter((a) => a.status !== 201)) {
      assert.ok([409, 422].includes(r.status), `${r.status} ${r.text}`);
      if (r.status === 409) assert.equal(r.json.detail, 'Someone else made the same change at the same moment. Reload to see it, and try again if it is still needed.');
    }
    assert.equal(count('attendees', `meeting_id = '${meeting.id}' AND person_id = '${p.ann.id}'`), 1);
    assert.equal((await get(`/api/v1/meetings/${meeting.id}/attendees`)).json.items.length, 1);
  });

  it('leaves a database that civic check finds sound', async () => {
    const checked = await srv.cli(['check', '--db', srv.dbPath]);
    assert.equal(checked.code, 0, `${checked.stdout}\n${checked.stderr}`);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
