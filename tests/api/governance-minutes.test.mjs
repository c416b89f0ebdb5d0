// SPDX-License-Identifier: AGPL-3.0-or-later
// Minutes and the decisions register through the API (issue 10, items 5 to 7), on SQLite and
// PostgreSQL: seed 004's scrutiny panel item minuted (who presented, what the panel was told,
// the questions raised) with its resolution recorded as a decision, and read back as one
// document; the minutes approved at the panel's next meeting (and every refusal), locked after
// it, and a correction recorded beside them while the original stays as it was; decisions
// with their call-in windows worked out by hand across Christmas and New Year, called in
// within the window and refused after it, then upheld or referred back; an exempt item's
// decision whose reasons anonymous visitors and non-members never see, in JSON or CSV; the
// register as CSV read by a parser Civic did not write (Python's csv module); the audit trail;
// and `civic check` clean afterwards.
//
// Bodies and meetings, agenda items and their minutes, and the agenda's publication are made
// through the routes of the other parts of governance (setup(), not checked against the
// OpenAPI document here: their own tests do that). Where a part is not built yet (the route
// answers 404), the fixture writes its rows as that part would, with their audit entries, so
// these tests can run before it lands: see itemFixture() and publishFixture().
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  startServer, assertProblem, assertStopsCleanly, create, auditRows, runCli, lastLine, randomId, backend, ID_RE,
} from './harness.mjs';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

// A UUIDv7 made here, for rows a fixture writes in the place of a part not built yet.
function uuid7() {
  const hex = (Date.now().toString(16).padStart(12, '0') + randomUUID().replaceAll('-', '').slice(12)).split('');
  hex[12] = '7';
  hex[16] = '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

// CSV read by Python's csv module (RFC 4180 quoting), so the test does not trust a parser of
// its own: rows of fields.
function parseCsv(text) {
  const script = 'import csv, io, json, sys\nprint(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

const RESOLUTION =
  'Agreed that Adam Broome, Director for Corporate Support would distribute to all panel members the analysis of customers using pay point services.';
const TOLD = [
  'The panel was informed that –',
  '',
  '- the 2011-2012 Corporate Support budget was £26.849M which was a demanding target to meet as it was a reduction of approximately £5M on the previous years budget;',
  '- the Corporate Support Directorate consisted of five separate departments;',
  '- Customer Services received over 1 million contacts per year, which was only 32 per cent of total contact with the council; the national benchmark was 81 per cent.',
].join('\n');
const QUESTIONS = [
  'Following questions from members it was reported that –',
  '',
  '- the council had undertaken to analyse pay point transactions and it was hoped that libraries would be able to provide a similar service in the future;',
  '- Customers and Communities Overview and Scrutiny Panel would be reviewing communication with customers using social networking means.',
].join('\n');
const PRESENTERS = [
  'Councillor Steven Ricketts',
  'Councillor Richard Ball',
  'Councillor Ian Bowyer',
  'Adam Broome',
  'Neville Cannon',
  'Mark Grimley',
];
const EXEMPT_REASONS = 'Bidder B scored highest on price (60%) and quality (40%); its price is £1.2M a year.';
const EXEMPT_OPTIONS = 'To extend the current contract for a year; rejected as it costs £150K more.';

describe(`minutes and decisions (${backend})`, { timeout: 180000 }, () => {
  let srv;
  const u = {};
  const people = {};
  const tokens = {};
  const m = {};
  const items = {};
  const d = {};

  // An individual executive member's decision outside a meeting, taken on Friday 19
  // December 2025 and published on Monday 22 December. Five working days from the day after
  // publication, by hand: Tue 23 (1), Wed 24 (2), Thu 25 Christmas Day and Fri 26 Boxing Day
  // not, the weekend not, Mon 29 (3), Tue 30 (4), Wed 31 (5). The last day to call it in is
  // Wednesday 31 December 2025; the next working day after it, Thursday 1 January 2026 being
  // New Year's Day, is Friday 2 January 2026, the day it can be implemented.
  const individual = {
    decision_maker: 'Councillor Ian Bowyer, Cabinet Member for Finance, Property and People',
    decided_on: '2025-12-19',
    published_on: '2025-12-22',
    title: 'Council tax discount for care leavers',
    text: 'Agreed that care leavers aged under 25 be exempt from council tax from 1 April 2026.',
    reasons: 'To support care leavers into independent living.',
    options_considered: 'A 50% discount; rejected as too little to make a difference.',
    key_decision: true,
  };
  // A call to another part's route, as the administrator, outside the document's checks.
  async function setup(method, path, { body, headers = {}, expect } = {}) {
    const h = { authorization: `Bearer ${srv.token}`, ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${srv.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const json = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
    if (expect !== undefined) assert.equal(res.status, expect, `${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, headers: res.headers, text, json };
  }

  const meetingRow = (id) => srv.sqlRows(`SELECT minutes_status, minutes_approved_at_meeting_id, minutes_approved_on, version FROM meetings WHERE id = ${q(id)}`)[0];
  const etagOf = (id) => `W/"${meetingRow(id).version}"`;

  async function addMeeting(body, date, status) {
    const made = await setup('POST', '/api/v1/meetings', { body: { body_id: body.id, date, start_time: '18:30' }, expect: 201 });
    if (status) {
      await setup('PATCH', `/api/v1/meetings/${made.json.id}`, { body: { status }, headers: { 'if-match': `W/"${made.json.version}"` }, expect: 200 });
    }
    return made.json;
  }

  // Writes a row the way a part not built yet would: the row, then its audit entry.
  function auditInsert(entity, id, action, before, after) {
    srv.sql(
      `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, request_id) VALUES (${q(uuid7())}, ${q(new Date().toISOString())}, 'admin', ${q(entity)}, ${q(id)}, ${q(action)}, ${before ? q(JSON.stringify(before)) : 'NULL'}, ${q(JSON.stringify(after))}, 'fixture')`,
    );
  }

  // An agenda item with its minutes, through the agenda's routes; until they are built, its
  // row as the agenda part writes it (the item, then its minutes, which make the meeting's
  // minutes a draft), each with its audit entry.
  async function itemFixture(meeting, fields, minutes) {
    const made = await setup('POST', `/api/v1/meetings/${meeting.id}/items`, { body: fields });
    if (made.status !== 404) {
      assert.equal(made.status, 201, made.text);
      let item = made.json;
      if (minutes) {
        const changed = await setup('PATCH', `/api/v1/agenda-items/${item.id}`, { body: minutes, headers: { 'if-match': `W/"${item.version}"` }, expect: 200 });
        item = changed.json;
      }
      return item;
    }
    const now = new Date().toISOString();
    const number = Number(srv.sql(`SELECT COALESCE(MAX(number), 0) + 1 FROM agenda_items WHERE meeting_id = ${q(meeting.id)}`));
    const item = {
      id: uuid7(), meeting_id: meeting.id, body_id: meeting.body_id, number, standard: null, title: fields.title, purpose: fields.purpose ?? '',
      report_title: '', report_author: '', report_summary: fields.report_summary ?? '', recommendations: '', presenter_ids: fields.presenter_ids ?? [],
      supplement: false, exempt_paragraph: fields.exempt_paragraph ?? null, exempt_reason: fields.exempt_reason ?? '', key_decision: fields.key_decision ?? false,
      forward_plan_id: null, topic_id: null, minutes_told: '', minutes_questions: '', archived_at: null, version: 1, created_at: now, updated_at: now,
    };
    srv.sql(
      `INSERT INTO agenda_items (id, meeting_id, body_id, number, standard, title, purpose, report_title, report_author, report_summary, recommendations, presenter_ids, supplement, exempt_paragraph, exempt_reason, key_decision, forward_plan_id, topic_id, minutes_told, minutes_questions, archived_at, version, created_at, updated_at) VALUES (${q(item.id)}, ${q(item.meeting_id)}, ${q(item.body_id)}, ${number}, NULL, ${q(item.title)}, ${q(item.purpose)}, '', '', ${q(item.report_summary)}, '', ${q(JSON.stringify(item.presenter_ids))}, FALSE, ${item.exempt_paragraph ?? 'NULL'}, ${q(item.exempt_reason)}, ${item.key_decision ? 'TRUE' : 'FALSE'}, NULL, NULL, '', '', NULL, 1, ${q(now)}, ${q(now)})`,
    );
    auditInsert('agenda_item', item.id, 'create', null, item);
    if (!minutes) return item;
    const after = { ...item, ...minutes, version: 2 };
    srv.sql(`UPDATE agenda_items SET minutes_told = ${q(minutes.minutes_told)}, minutes_questions = ${q(minutes.minutes_questions)}, version = 2 WHERE id = ${q(item.id)}`);
    auditInsert('agenda_item', item.id, 'update', item, after);
    const row = meetingRow(meeting.id);
    if (row.minutes_status === 'none') {
      srv.sql(`UPDATE meetings SET minutes_status = 'draft', version = ${row.version + 1} WHERE id = ${q(meeting.id)}`);
      auditInsert('meeting', meeting.id, 'update', { version: row.version, minutes_status: 'none' }, { version: row.version + 1, minutes_status: 'draft' });
    }
    return after;
  }

  // An action agreed under an item, through the action log's route; until it is built, its
  // row as the action log writes it, with its audit entry.
  async function actionFixture(item, fields) {
    const made = await setup('POST', '/api/v1/actions', { body: { item_id: item.id, ...fields } });
    if (made.status !== 404) {
      assert.equal(made.status, 201, made.text);
      return made.json;
    }
    const now = new Date().toISOString();
    const action = {
      id: uuid7(), body_id: item.body_id, meeting_id: item.meeting_id, item_id: item.id, text: fields.text, owner_person_id: fields.owner_person_id ?? null,
      owner_name: '', due_date: fields.due_date ?? null, status: 'open', closed_on: null, closed_note: '', archived_at: null, version: 1, created_at: now, updated_at: now,
    };
    srv.sql(
      `INSERT INTO actions (id, body_id, meeting_id, item_id, text, owner_person_id, owner_name, due_date, status, closed_on, closed_note, archived_at, version, created_at, updated_at) VALUES (${q(action.id)}, ${q(action.body_id)}, ${q(action.meeting_id)}, ${q(action.item_id)}, ${q(action.text)}, ${action.owner_person_id ? q(action.owner_person_id) : 'NULL'}, '', ${action.due_date ? q(action.due_date) : 'NULL'}, 'open', NULL, '', NULL, 1, ${q(now)}, ${q(now)})`,
    );
    auditInsert('action', action.id, 'create', null, action);
    return action;
  }

  // The agenda published (late, so with a reason), through its route; until it is built, the
  // publication's time on the meeting's row and its audit entry.
  async function publishFixture(meeting) {
    const res = await setup('POST', `/api/v1/meetings/${meeting.id}/publication`, {
      body: { late_reason: 'Minuted after the meeting for these tests.' },
      headers: { 'if-match': etagOf(meeting.id) },
    });
    if (res.status !== 404) {
      assert.equal(res.status, 200, res.text);
      return;
    }
    const row = meetingRow(meeting.id);
    const at = `${meeting.date}T09:00:00Z`;
    srv.sql(`UPDATE meetings SET published_at = ${q(at)}, version = ${row.version + 1} WHERE id = ${q(meeting.id)}`);
    auditInsert('meeting', meeting.id, 'publish', { version: row.version, published_at: null }, { version: row.version + 1, published_at: at });
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

  const decide = (body, token = srv.token) => srv.api('POST', '/api/v1/decisions', { token, body });
  const decisionRow = (id) => srv.sqlRows(`SELECT text, reasons, options_considered, call_in_status, called_in_on, called_in_by, call_in_reason, call_in_decided_on, version FROM decisions WHERE id = ${q(id)}`)[0];

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.panel = (await setup('POST', '/api/v1/bodies', { body: { name: 'Corporate Overview and Scrutiny Panel', parent_id: u.council.id, kind: 'scrutiny' }, expect: 201 })).json;
    u.customers = (await setup('POST', '/api/v1/bodies', { body: { name: 'Customers and Communities Overview and Scrutiny Panel', parent_id: u.council.id, kind: 'scrutiny' }, expect: 201 })).json;
    u.cabinet = (await setup('POST', '/api/v1/bodies', { body: { name: 'Cabinet', parent_id: u.council.id, kind: 'cabinet' }, expect: 201 })).json;
    assert.equal(u.cabinet.executive, true);
    assert.equal(u.panel.executive, false);

    for (const [key, name, kind] of [
      ['ricketts', 'Councillor Steven Ricketts', 'councillor'],
      ['ball', 'Councillor Richard Ball', 'councillor'],
      ['bowyer', 'Councillor Ian Bowyer', 'councillor'],
      ['broome', 'Adam Broome', 'officer'],
      ['cannon', 'Neville Cannon', 'officer'],
      ['grimley', 'Mark Grimley', 'officer'],
      ['hill', 'Councillor Jane Hill', 'councillor'],
    ]) people[key] = await create(srv, 'people', { name, kind, published: true });
    // Councillor Bowyer sits on the cabinet; Councillor Hill on neither body.
    await create(srv, 'memberships', { person_id: people.bowyer.id, unit_id: u.cabinet.id, role: 'Cabinet Member', start_date: '2024-05-16' });

    tokens.member = await addUser('bowyer', 'viewer', { unit: u.customers.id, person: people.bowyer.id });
    tokens.viewer = await addUser('reader', 'viewer');
    tokens.outsider = await addUser('hill', 'viewer', { unit: u.customers.id, person: people.hill.id });
    tokens.editor = await addUser('panel-clerk', 'editor', { unit: u.panel.id });

    // The panel's meetings: one before, seed 004's, the next (which approves its minutes), one
    // cancelled, a later one, and one not yet held. Another body's, for a refusal.
    m.before = await addMeeting(u.panel, '2025-05-13', 'held');
    m.seed = await addMeeting(u.panel, '2025-06-10', 'held');
    m.cancelled = await addMeeting(u.panel, '2025-06-24', 'cancelled');
    m.next = await addMeeting(u.panel, '2025-07-15', 'held');
    m.later = await addMeeting(u.panel, '2025-09-09', 'held');
    m.future = await addMeeting(u.panel, '2099-06-09');
    m.other = await addMeeting(u.customers, '2025-07-16', 'held');
    m.cabinet = await addMeeting(u.cabinet, '2025-11-18', 'held');

    items.corporate = await itemFixture(
      m.seed,
      {
        title: 'Corporate Support Directorate',
        purpose: 'The Director for Corporate Support will provide an update to the panel showing the structure of Corporate Support as well as highlighting future projects and plans.',
        presenter_ids: ['ricketts', 'ball', 'bowyer', 'broome', 'cannon', 'grimley'].map((k) => people[k].id),
      },
      { minutes_told: TOLD, minutes_questions: QUESTIONS },
    );
    // The action agreed at the end of the item, open on the action log.
    items.action = await actionFixture(items.corporate, {
      text: 'Distribute to all panel members the analysis of customers using pay point services.',
      owner_person_id: people.broome.id,
      due_date: '2025-07-15',
    });
    items.contract = await itemFixture(m.cabinet, {
      title: 'Award of the ICT managed service contract',
      exempt_paragraph: 3,
      exempt_reason: 'The bids hold the bidders’ prices, and publishing them would harm the council’s position in negotiation.',
      key_decision: true,
      presenter_ids: [people.cannon.id],
    });
    items.budget = await itemFixture(m.cabinet, { title: 'Budget monitoring, quarter 2', key_decision: false });
    for (const meeting of [m.seed, m.cabinet]) await publishFixture(meeting);
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('seed 004’s meeting minuted', () => {
    it('records the resolution under its item: 201, the body, meeting, title and decision maker from the item, decided on the meeting’s date, not executive, audited', async () => {
      const before = meetingRow(m.seed.id);
      const res = await decide({ item_id: items.corporate.id, text: RESOLUTION });
      assert.equal(res.status, 201, res.text);
      d.seed = res.json;
      assert.match(d.seed.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/decisions/${d.seed.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(
        {
          body_id: d.seed.body_id, meeting_id: d.seed.meeting_id, item_id: d.seed.item_id, decision_maker: d.seed.decision_maker, decided_on: d.seed.decided_on,
          published_on: d.seed.published_on, title: d.seed.title, text: d.seed.text, executive: d.seed.executive, key_decision: d.seed.key_decision,
          exempt_paragraph: d.seed.exempt_paragraph, call_in_status: d.seed.call_in_status,
        },
        {
          body_id: u.panel.id, meeting_id: m.seed.id, item_id: items.corporate.id, decision_maker: 'Corporate Overview and Scrutiny Panel', decided_on: '2025-06-10',
          published_on: null, title: 'Corporate Support Directorate', text: RESOLUTION, executive: false, key_decision: false, exempt_paragraph: null, call_in_status: '',
        },
      );
      assert.deepEqual(srv.sqlRows(`SELECT body_id, meeting_id, text FROM decisions WHERE id = ${q(d.seed.id)}`), [{ body_id: u.panel.id, meeting_id: m.seed.id, text: RESOLUTION }]);
      const trail = auditRows(srv.dbPath, d.seed.id);
      assert.deepEqual(trail.map((r) => [r.entity, r.action, r.actor]), [['decision', 'create', 'admin']]);
      assert.equal(trail[0].after.text, RESOLUTION);
      // The minutes were a draft already (the item's minutes made them one): nothing changed.
      assert.deepEqual(meetingRow(m.seed.id), before);
      assert.equal(before.minutes_status, 'draft');
    });

    it('reads the minutes back as the clerk wrote them, for anyone once the agenda is published: who presented, what the panel was told, the questions and the resolution', async () => {
      const res = await srv.api('GET', `/api/v1/meetings/${m.seed.id}/minutes`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), etagOf(m.seed.id));
      const minutes = res.json;
      assert.equal(minutes.meeting.id, m.seed.id);
      assert.equal(minutes.meeting.body_name, 'Corporate Overview and Scrutiny Panel');
      assert.equal(minutes.meeting.minutes_status, 'draft');
      assert.deepEqual(minutes.attendance, []);
      assert.deepEqual(minutes.corrections, []);
      assert.equal(minutes.approved_at, null);
      assert.deepEqual(minutes.items.map((i) => [i.number, i.title]), [
        [1, 'Apologies for absence'],
        [2, 'Declarations of interest'],
        [3, 'Minutes of the previous meeting'],
        [4, 'Action log'],
        [5, 'Corporate Support Directorate'],
      ]);
      const item = minutes.items[4];
      assert.deepEqual(item.presenter_names, PRESENTERS);
      assert.equal(item.minutes_told, TOLD);
      assert.equal(item.minutes_questions, QUESTIONS);
      assert.equal(item.redacted, false);
      assert.deepEqual(item.resolutions.map((r) => [r.id, r.text, r.body_name, r.call_in]), [[d.seed.id, RESOLUTION, 'Corporate Overview and Scrutiny Panel', null]]);
      assert.deepEqual(
        item.actions.map((a) => [a.id, a.text, a.owner, a.status, a.due_date, a.meeting_date, a.body_name]),
        [[items.action.id, 'Distribute to all panel members the analysis of customers using pay point services.', 'Adam Broome', 'open', '2025-07-15', '2025-06-10', 'Corporate Overview and Scrutiny Panel']],
      );
      for (const standard of minutes.items.slice(0, 4)) assert.deepEqual([standard.resolutions, standard.actions], [[], []]);
    });

    it('answers 404 for the minutes of a meeting that is not there, or whose id Civic could not have issued', async () => {
      assertProblem(await srv.api('GET', `/api/v1/meetings/${randomId()}/minutes`), 404);
      assertProblem(await srv.api('GET', '/api/v1/meetings/not-an-id/minutes'), 404);
    });
  });

  describe('approval at a later meeting of the body', () => {
    const approve = (meeting, body, headers = { 'if-match': etagOf(meeting.id) }, token = srv.token) =>
      srv.api('POST', `/api/v1/meetings/${meeting.id}/minutes/approval`, { token, headers, body });

    it('refuses an approval without a version (428) or with a stale one (409), and changes nothing', async () => {
      const before = meetingRow(m.seed.id);
      assertProblem(await approve(m.seed, { at_meeting_id: m.next.id }, {}), 428);
      assertProblem(await approve(m.seed, { at_meeting_id: m.next.id }, { 'if-match': `W/"${before.version - 1}"` }), 409);
      assert.deepEqual(meetingRow(m.seed.id), before);
    });

    it('refuses a meeting that is not a later one of the same body that took place, naming at_meeting_id (422), and changes nothing', async () => {
      const before = meetingRow(m.seed.id);
      const refusals = [
        [{}, /Enter the meeting that approved the minutes/],
        [{ at_meeting_id: m.before.id }, /is not later than this one, on Tuesday 10 June 2025/],
        [{ at_meeting_id: m.seed.id }, /is not later than this one/],
        [{ at_meeting_id: m.other.id }, /a later meeting of the same body/],
        [{ at_meeting_id: m.cancelled.id }, /The meeting on Tuesday 24 June 2025 is cancelled/],
        [{ at_meeting_id: m.future.id }, /has not taken place yet/],
        [{ at_meeting_id: randomId() }, /a later meeting of the same body/],
      ];
      for (const [body, message] of refusals) {
        const p = assertProblem(await approve(m.seed, body), 422, { fields: ['at_meeting_id'] });
        assert.match(p.errors[0].message, message, JSON.stringify(body));
      }
      assert.deepEqual(meetingRow(m.seed.id), before);
    });

    it('refuses to approve minutes that are not a draft (409): a meeting with none written', async () => {
      const before = meetingRow(m.next.id);
      assert.equal(before.minutes_status, 'none');
      const p = assertProblem(await approve(m.next, { at_meeting_id: m.later.id }), 409);
      assert.match(p.detail, /no draft minutes/);
      assert.deepEqual(meetingRow(m.next.id), before);
    });

    it('does not let a viewer approve: 404, as if the meeting were not there', async () => {
      assertProblem(await approve(m.seed, { at_meeting_id: m.next.id }, { 'if-match': etagOf(m.seed.id) }, tokens.viewer), 404);
    });

    it('approves them at the next meeting: approved, the meeting and its date recorded, the next version, audited as approve_minutes', async () => {
      const before = meetingRow(m.seed.id);
      const res = await approve(m.seed, { at_meeting_id: m.next.id });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.minutes_status, 'approved');
      assert.equal(res.json.minutes_approved_at_meeting_id, m.next.id);
      assert.equal(res.json.minutes_approved_on, '2025-07-15');
      assert.equal(res.headers.get('etag'), `W/"${before.version + 1}"`);
      assert.deepEqual(meetingRow(m.seed.id), { minutes_status: 'approved', minutes_approved_at_meeting_id: m.next.id, minutes_approved_on: '2025-07-15', version: before.version + 1 });
      const last = auditRows(srv.dbPath, m.seed.id).at(-1);
      assert.equal(last.action, 'approve_minutes');
      assert.equal(last.entity, 'meeting');
      assert.equal(last.before.minutes_status, 'draft');
      assert.equal(last.after.minutes_status, 'approved');
      assert.equal(last.after.minutes_approved_at_meeting_id, m.next.id);

      const minutes = (await srv.api('GET', `/api/v1/meetings/${m.seed.id}/minutes`)).json;
      assert.equal(minutes.meeting.minutes_status, 'approved');
      assert.equal(minutes.approved_at.id, m.next.id);
      assert.equal(minutes.approved_at.date, '2025-07-15');
    });

    it('refuses to approve them twice (409), naming the corrections route', async () => {
      const before = meetingRow(m.seed.id);
      const p = assertProblem(await approve(m.seed, { at_meeting_id: m.later.id }), 409);
      assert.match(p.detail, /approved at the meeting on Tuesday 15 July 2025/);
      assert.ok(p.detail.includes(`/api/v1/meetings/${m.seed.id}/minutes/corrections`), p.detail);
      assert.deepEqual(meetingRow(m.seed.id), before);
    });
  });

  describe('locked after approval, corrected beside them', () => {
    it('refuses to change the resolution or its reasons (409 naming the corrections route), to archive it, or to add another; nothing changes', async () => {
      const before = decisionRow(d.seed.id);
      const route = `/api/v1/meetings/${m.seed.id}/minutes/corrections`;
      for (const body of [{ text: 'Agreed that the analysis be sent by email.' }, { reasons: 'To inform the panel.' }, { title: 'Corporate Support' }]) {
        const p = assertProblem(await srv.admin('PATCH', `/api/v1/decisions/${d.seed.id}`, { headers: { 'if-match': 'W/"1"' }, body }), 409);
        assert.ok(p.detail.includes(route), p.detail);
        assert.match(p.detail, /minutes of the meeting on Tuesday 10 June 2025 are approved/);
      }
      assertProblem(await srv.admin('POST', `/api/v1/decisions/${d.seed.id}/archive`, { headers: { 'if-match': 'W/"1"' } }), 409);
      const p = assertProblem(await decide({ item_id: items.corporate.id, text: 'Agreed that the panel would meet again.' }), 409);
      assert.ok(p.detail.includes(route), p.detail);
      assert.deepEqual(decisionRow(d.seed.id), before);
      assert.equal(Number(srv.sql(`SELECT count(*) FROM decisions WHERE meeting_id = ${q(m.seed.id)}`)), 1);
    });

    it('refuses a correction without its text and reason (422 naming both), or naming an item of another meeting or an earlier meeting', async () => {
      const path = `/api/v1/meetings/${m.seed.id}/minutes/corrections`;
      const count = () => Number(srv.sql('SELECT count(*) FROM minutes_corrections'));
      assertProblem(await srv.admin('POST', path, { body: {} }), 422, { fields: ['text', 'reason'] });
      assertProblem(await srv.admin('POST', path, { body: { text: 'x', reason: 'y', item_id: items.contract.id } }), 422, { fields: ['item_id'] });
      assertProblem(await srv.admin('POST', path, { body: { text: 'x', reason: 'y', agreed_at_meeting_id: m.before.id } }), 422, { fields: ['agreed_at_meeting_id'] });
      assertProblem(await srv.admin('POST', path, { body: { text: 'x', reason: 'y', version: 1 } }), 422, { fields: ['version'] });
      assertProblem(await srv.api('POST', path, { body: { text: 'x', reason: 'y' } }), 401);
      assertProblem(await srv.api('POST', path, { token: tokens.viewer, body: { text: 'x', reason: 'y' } }), 404);
      assert.equal(count(), 0);
    });

    it('refuses a correction to minutes not yet approved (409): they are changed on the items themselves', async () => {
      const p = assertProblem(await srv.admin('POST', `/api/v1/meetings/${m.cabinet.id}/minutes/corrections`, { body: { text: 'x', reason: 'y' } }), 409);
      assert.match(p.detail, /not approved yet/);
    });

    it('records a correction beside the approved minutes and lists it with them; the minutes themselves stay as written', async () => {
      const text = 'Neville Cannon is the Assistant Director for ICT, not for Information Services.';
      const res = await srv.admin('POST', `/api/v1/meetings/${m.seed.id}/minutes/corrections`, {
        body: { item_id: items.corporate.id, text, reason: 'The officer’s title was wrong in the minutes.', agreed_at_meeting_id: m.later.id },
      });
      assert.equal(res.status, 201, res.text);
      const c = res.json;
      assert.match(c.id, ID_RE);
      assert.deepEqual(
        { meeting_id: c.meeting_id, item_id: c.item_id, body_id: c.body_id, text: c.text, reason: c.reason, agreed_at_meeting_id: c.agreed_at_meeting_id, recorded_by: c.recorded_by, version: c.version },
        { meeting_id: m.seed.id, item_id: items.corporate.id, body_id: u.panel.id, text, reason: 'The officer’s title was wrong in the minutes.', agreed_at_meeting_id: m.later.id, recorded_by: 'Ada Admin', version: 1 },
      );
      assert.deepEqual(auditRows(srv.dbPath, c.id).map((r) => [r.entity, r.action]), [['minutes_correction', 'create']]);

      const minutes = (await srv.api('GET', `/api/v1/meetings/${m.seed.id}/minutes`)).json;
      assert.deepEqual(minutes.corrections.map((x) => [x.id, x.text]), [[c.id, text]]);
      assert.equal(minutes.items[4].minutes_told, TOLD);
      assert.equal(minutes.items[4].resolutions[0].text, RESOLUTION);
      // The database holds the minutes as approved.
      assert.deepEqual(srv.sqlRows(`SELECT minutes_told, minutes_questions FROM agenda_items WHERE id = ${q(items.corporate.id)}`), [{ minutes_told: TOLD, minutes_questions: QUESTIONS }]);
      assert.equal(decisionRow(d.seed.id).text, RESOLUTION);
      assert.equal(decisionRow(d.seed.id).version, 1);
    });
  });

  describe('decisions and call-in', () => {
    const callIn = (id, version, body, token = srv.token) => srv.api('POST', `/api/v1/decisions/${id}/call-in`, { token, headers: { 'if-match': `W/"${version}"` }, body });

    it('records an individual executive member’s decision under its body: executive from the body, the call-in window worked out across Christmas and New Year', async () => {
      const res = await decide({ ...individual, body_id: u.cabinet.id });
      assert.equal(res.status, 201, res.text);
      d.individual = res.json;
      assert.equal(d.individual.executive, true);
      assert.equal(d.individual.meeting_id, null);
      assert.equal(d.individual.item_id, null);
      assert.equal(d.individual.decision_maker, individual.decision_maker);
      const got = await srv.api('GET', `/api/v1/decisions/${d.individual.id}`);
      assert.equal(got.status, 200, got.text);
      assert.equal(got.headers.get('etag'), 'W/"1"');
      const w = got.json.call_in;
      assert.equal(got.json.body_name, 'Cabinet');
      assert.equal(w.name, 'call_in');
      assert.equal(w.due, '2025-12-31');
      assert.equal(w.then, '2026-01-02');
      assert.equal(w.state, 'closed');
      assert.ok(w.lines.includes('The decision was published on Monday 22 December 2025.'), w.lines.join('\n'));
      assert.ok(w.lines.some((l) => /Christmas Day/.test(l)), w.lines.join('\n'));
      assert.ok(w.lines.some((l) => /Boxing Day/.test(l)), w.lines.join('\n'));
      assert.ok(w.lines.includes('The last day to call it in is Wednesday 31 December 2025.'), w.lines.join('\n'));
      assert.ok(w.lines.includes('Unless it is called in, it can be implemented from Friday 2 January 2026.'), w.lines.join('\n'));
    });

    it('refuses a call-in after the window (409 naming the last day), before publication, or without who and why (422); nothing changes', async () => {
      const before = decisionRow(d.individual.id);
      let p = assertProblem(await callIn(d.individual.id, 1, { status: 'called_in', by: 'Councillors Pat Lee and Sam Ford', reason: 'Not consulted on.', on: '2026-01-02' }), 409);
      assert.match(p.detail, /the last day to call this decision in was Wednesday 31 December 2025, and it can be implemented from Friday 2 January 2026/);
      p = assertProblem(await callIn(d.individual.id, 1, { status: 'called_in', on: '2025-12-23' }), 422, { fields: ['by', 'reason'] });
      p = assertProblem(await callIn(d.individual.id, 1, { status: 'called_in', by: 'Councillor Pat Lee', reason: 'Too early.', on: '2025-12-21' }), 422, { fields: ['on'] });
      assertProblem(await callIn(d.individual.id, 1, { status: 'withdrawn' }), 422, { fields: ['status'] });
      assertProblem(await callIn(d.individual.id, 1, { status: 'called_in', by: 'x', reason: 'y', on: '2099-01-01' }), 422, { fields: ['on'] });
      assertProblem(await callIn(d.individual.id, 1, { status: 'upheld', on: '2026-01-07' }), 409);
      assertProblem(await srv.admin('POST', `/api/v1/decisions/${d.individual.id}/call-in`, { body: { status: 'called_in', by: 'x', reason: 'y', on: '2025-12-23' } }), 428);
      assertProblem(await callIn(d.individual.id, 1, { status: 'called_in', by: 'x', reason: 'y', on: '2025-12-23' }, tokens.viewer), 404);
      assert.deepEqual(decisionRow(d.individual.id), before);
    });

    it('calls it in on the last day of the window, then refers it back to the decision maker; each step audited as call_in', async () => {
      let res = await callIn(d.individual.id, 1, { status: 'called_in', by: 'Councillors Pat Lee and Sam Ford', reason: 'The care leavers’ forum was not consulted.', on: '2025-12-31' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"2"');
      assert.deepEqual(decisionRow(d.individual.id), {
        text: individual.text, reasons: individual.reasons, options_considered: individual.options_considered, call_in_status: 'called_in', called_in_on: '2025-12-31',
        called_in_by: 'Councillors Pat Lee and Sam Ford', call_in_reason: 'The care leavers’ forum was not consulted.', call_in_decided_on: null, version: 2,
      });
      const again = assertProblem(await callIn(d.individual.id, 2, { status: 'called_in', by: 'x', reason: 'y', on: '2025-12-31' }), 409);
      assert.match(again.detail, /called in on Wednesday 31 December 2025/);
      assertProblem(await callIn(d.individual.id, 2, { status: 'referred_back' }), 422, { fields: ['on'] });
      assertProblem(await callIn(d.individual.id, 2, { status: 'referred_back', on: '2025-12-30' }), 422, { fields: ['on'] });
      assertProblem(await callIn(d.individual.id, 2, { status: 'referred_back', on: '2026-01-14', reason: 'x' }), 422, { fields: ['reason'] });
      res = await callIn(d.individual.id, 2, { status: 'referred_back', on: '2026-01-14' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.call_in_status, 'referred_back');
      assert.equal(res.json.call_in_decided_on, '2026-01-14');
      const decided = assertProblem(await callIn(d.individual.id, 3, { status: 'upheld', on: '2026-01-15' }), 409);
      assert.match(decided.detail, /already decided \(referred back\) on Wednesday 14 January 2026/);
      const trail = auditRows(srv.dbPath, d.individual.id);
      assert.deepEqual(trail.map((r) => r.action), ['create', 'call_in', 'call_in']);
      assert.equal(trail[1].before.call_in_status, '');
      assert.equal(trail[1].after.call_in_status, 'called_in');
      assert.equal(trail[2].after.call_in_status, 'referred_back');
    });

    it('calls in a cabinet resolution published with the decision notice and upholds it', async () => {
      const res = await decide({ item_id: items.budget.id, text: 'Agreed that the forecast overspend of £1.4M be noted.', published_on: '2025-11-20', reasons: 'To keep the budget under review.' });
      assert.equal(res.status, 201, res.text);
      d.budget = res.json;
      assert.equal(d.budget.executive, true);
      assert.equal(d.budget.decided_on, '2025-11-18');
      // Published Thursday 20 November 2025: Fri 21 (1), Mon 24 (2), Tue 25 (3), Wed 26 (4),
      // Thu 27 (5); implemented from Friday 28 November.
      const view = (await srv.api('GET', `/api/v1/decisions/${d.budget.id}`)).json;
      assert.equal(view.call_in.due, '2025-11-27');
      assert.equal(view.call_in.then, '2025-11-28');
      assert.equal((await callIn(d.budget.id, 1, { status: 'called_in', by: 'Councillor Pat Lee', reason: 'The overspend needs scrutiny.', on: '2025-11-21' })).status, 200);
      const upheld = await callIn(d.budget.id, 2, { status: 'upheld', on: '2025-12-02' });
      assert.equal(upheld.status, 200, upheld.text);
      assert.equal(upheld.json.call_in_status, 'upheld');
      assert.equal(decisionRow(d.budget.id).call_in_decided_on, '2025-12-02');
    });

    it('does not call in a decision that is not executive (409): a scrutiny panel’s resolution has no call-in window', async () => {
      const before = decisionRow(d.seed.id);
      const view = (await srv.api('GET', `/api/v1/decisions/${d.seed.id}`)).json;
      assert.equal(view.call_in, null);
      const p = assertProblem(await callIn(d.seed.id, 1, { status: 'called_in', by: 'x', reason: 'y', on: '2025-06-11' }), 409);
      assert.match(p.detail, /Only an executive decision can be called in/);
      assert.deepEqual(decisionRow(d.seed.id), before);
    });

    it('refuses a decision that names neither item nor body, an item and another body, no resolution, no date outside a meeting, or a publication before the decision (422)', async () => {
      const count = () => Number(srv.sql('SELECT count(*) FROM decisions'));
      const n = count();
      assertProblem(await decide({ text: 'Agreed.' }), 422, { fields: ['item_id'] });
      assertProblem(await decide({ item_id: items.budget.id, body_id: u.panel.id, text: 'Agreed.' }), 422, { fields: ['body_id'] });
      assertProblem(await decide({ item_id: items.budget.id }), 422, { fields: ['text'] });
      assertProblem(await decide({ body_id: u.cabinet.id, text: 'Agreed.' }), 422, { fields: ['title', 'decided_on'] });
      assertProblem(await decide({ body_id: u.cabinet.id, title: 'T', text: 'Agreed.', decided_on: '2025-12-19', published_on: '2025-12-18' }), 422, { fields: ['published_on'] });
      assertProblem(await decide({ body_id: u.cabinet.id, title: 'T', text: 'Agreed.', decided_on: '2025-12-19', exempt_paragraph: 8 }), 422, { fields: ['exempt_paragraph'] });
      assertProblem(await decide({ item_id: randomId(), text: 'Agreed.' }), 422, { fields: ['item_id'] });
      assertProblem(await decide({ body_id: u.cabinet.id, title: 'T', text: 'Agreed.', decided_on: '2025-12-19', forward_plan_id: randomId() }), 422, { fields: ['forward_plan_id'] });
      assertProblem(await decide({ item_id: items.corporate.id, text: 'Agreed.', version: 1 }), 422, { fields: ['version'] });
      assertProblem(await srv.api('POST', '/api/v1/decisions', { body: { body_id: u.cabinet.id, title: 'T', text: 'Agreed.', decided_on: '2025-12-19' } }), 401);
      // A clerk of the panel records the panel's decisions, not the cabinet's.
      assertProblem(await decide({ body_id: u.cabinet.id, title: 'T', text: 'Agreed.', decided_on: '2025-12-19' }, tokens.editor), 422, { fields: ['body_id'] });
      assert.equal(count(), n);
    });

    it('changes a decision with its version (PATCH): published_on moves the call-in window; a stale version is 409', async () => {
      const made = (await decide({ body_id: u.cabinet.id, title: 'Library opening hours', text: 'Agreed that libraries open on Sundays.', decided_on: '2025-04-10' })).json;
      // Not published: the window counts from the decision, Thursday 10 April 2025: Fri 11
      // (1), Mon 14 (2), Tue 15 (3), Wed 16 (4), Thu 17 (5); Good Friday 18 April and Easter
      // Monday 21 April are bank holidays, so it can be implemented from Tuesday 22 April.
      let view = (await srv.api('GET', `/api/v1/decisions/${made.id}`)).json;
      assert.equal(view.call_in.due, '2025-04-17');
      assert.equal(view.call_in.then, '2025-04-22');
      const res = await srv.admin('PATCH', `/api/v1/decisions/${made.id}`, { headers: { 'if-match': 'W/"1"' }, body: { published_on: '2025-04-14' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.version, 2);
      // From Monday 14 April: Tue 15 (1), Wed 16 (2), Thu 17 (3), Good Friday and the weekend
      // and Easter Monday not, Tue 22 (4), Wed 23 (5); implemented from Thursday 24 April.
      view = (await srv.api('GET', `/api/v1/decisions/${made.id}`)).json;
      assert.equal(view.call_in.due, '2025-04-23');
      assert.equal(view.call_in.then, '2025-04-24');
      assertProblem(await srv.admin('PATCH', `/api/v1/decisions/${made.id}`, { headers: { 'if-match': 'W/"1"' }, body: { title: 'Sunday opening' } }), 409);
      assertProblem(await srv.admin('PATCH', `/api/v1/decisions/${made.id}`, { body: { title: 'Sunday opening' } }), 428);
      assertProblem(await srv.admin('PATCH', `/api/v1/decisions/${made.id}`, { headers: { 'if-match': 'W/"2"' }, body: { body_id: u.panel.id } }), 422, { fields: ['body_id'] });
      const archived = await srv.admin('POST', `/api/v1/decisions/${made.id}/archive`, { headers: { 'if-match': 'W/"2"' } });
      assert.equal(archived.status, 200, archived.text);
      assert.ok(archived.json.archived_at);
      assert.deepEqual(auditRows(srv.dbPath, made.id).map((r) => r.action), ['create', 'update', 'archive']);
      // Archived, it leaves the register.
      const listed = (await srv.api('GET', `/api/v1/decisions?body_id=${u.cabinet.id}&limit=200`)).json.items.map((x) => x.id);
      assert.ok(!listed.includes(made.id));
    });

    it('links a decision to the plan item it approved (POST /api/v1/links, kind approves), listed from the decision', async () => {
      const plan = await create(srv, 'plans', { unit_id: u.corporate.id, kind: 'directorate', title: 'Corporate Support plan', period: '2025/26' });
      const planItem = await create(srv, `plans/${plan.id}/items`, { ref: '1.1', kind: 'activity', title: 'Council tax support for care leavers' });
      const link = await create(srv, 'links', { from_type: 'decision', from_id: d.individual.id, to_type: 'plan_item', to_id: planItem.id, kind: 'approves' });
      const res = await srv.admin('GET', `/api/v1/links?entity_type=decision&entity_id=${d.individual.id}`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((l) => [l.id, l.kind, l.to_type, l.to_id]), [[link.id, 'approves', 'plan_item', planItem.id]]);
    });
  });

  describe('exempt information', () => {
    it('takes an exempt item’s paragraph onto its decision, and hides the reasons and options from anonymous visitors and non-members in JSON, but not from the body’s members and clerks', async () => {
      const res = await decide({ item_id: items.contract.id, text: 'Agreed that the ICT managed service contract be awarded to Bidder B for five years.', reasons: EXEMPT_REASONS, options_considered: EXEMPT_OPTIONS, published_on: '2025-11-19' });
      assert.equal(res.status, 201, res.text);
      d.exempt = res.json;
      assert.equal(d.exempt.exempt_paragraph, 3);
      assert.equal(d.exempt.key_decision, true);
      assert.equal(d.exempt.executive, true);
      const as = async (token) => (await srv.api('GET', `/api/v1/decisions/${d.exempt.id}`, { token })).json;
      for (const token of [undefined, tokens.viewer, tokens.outsider]) {
        const v = await as(token);
        assert.equal(v.redacted, true);
        assert.equal(v.reasons, '');
        assert.equal(v.options_considered, '');
        assert.equal(v.text, d.exempt.text, 'the resolution itself is public');
        assert.equal(v.exempt_paragraph, 3);
      }
      for (const token of [tokens.member, srv.token]) {
        const v = await as(token);
        assert.equal(v.redacted, false);
        assert.equal(v.reasons, EXEMPT_REASONS);
        assert.equal(v.options_considered, EXEMPT_OPTIONS);
      }
      // In the minutes too: the item is redacted for the anonymous visitor, with its resolution's
      // reasons blank.
      const minutes = (await srv.api('GET', `/api/v1/meetings/${m.cabinet.id}/minutes`)).json;
      const item = minutes.items.find((i) => i.id === items.contract.id);
      assert.equal(item.redacted, true);
      assert.equal(item.exempt_notice, 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972');
      assert.deepEqual(item.resolutions.map((r) => [r.id, r.redacted, r.reasons, r.options_considered]), [[d.exempt.id, true, '', '']]);
      const listed = (await srv.api('GET', `/api/v1/decisions?meeting_id=${m.cabinet.id}`)).json.items.find((x) => x.id === d.exempt.id);
      assert.equal(listed.reasons, '');
    });
  });

  describe('who sees what', () => {
    it('keeps a private body’s decisions from anyone its role does not cover: 404 to anonymous visitors and to a reader of another unit, and out of their register and CSV', async () => {
      const emg = (await setup('POST', '/api/v1/bodies', { body: { name: 'Executive Management Group', parent_id: u.council.id, kind: 'officer_group' }, expect: 201 })).json;
      assert.equal(emg.access, 'private');
      const res = await decide({ body_id: emg.id, title: 'Office moves', text: 'Agreed that the ICT team move to Floor 4 of the Civic Centre.', decided_on: '2025-10-07' });
      assert.equal(res.status, 201, res.text);
      d.private = res.json;
      assert.equal(d.private.executive, false);
      assert.equal(d.private.decision_maker, 'Executive Management Group');
      for (const token of [undefined, tokens.outsider]) {
        assertProblem(await srv.api('GET', `/api/v1/decisions/${d.private.id}`, { token }), 404);
        const listed = (await srv.api('GET', '/api/v1/decisions?limit=200', { token })).json.items.map((x) => x.id);
        assert.ok(!listed.includes(d.private.id));
        assert.ok(!(await srv.api('GET', '/api/v1/decisions.csv', { token })).text.includes(d.private.id));
      }
      // A council-wide viewer's role covers the group.
      assert.equal((await srv.api('GET', `/api/v1/decisions/${d.private.id}`, { token: tokens.viewer })).status, 200);
    });

    it('keeps the decisions and minutes of a meeting whose agenda is not published from anonymous visitors', async () => {
      const item = srv.sql(`SELECT id FROM agenda_items WHERE meeting_id = ${q(m.later.id)} AND number = 4`);
      const res = await decide({ item_id: item, text: 'Agreed that the action log be noted.' });
      assert.equal(res.status, 201, res.text);
      assert.equal(meetingRow(m.later.id).minutes_status, 'draft', 'the first resolution makes the minutes a draft');
      assert.deepEqual(auditRows(srv.dbPath, m.later.id).at(-1).after.minutes_status, 'draft');
      assertProblem(await srv.api('GET', `/api/v1/decisions/${res.json.id}`), 404);
      assertProblem(await srv.api('GET', `/api/v1/meetings/${m.later.id}/minutes`), 404);
      assert.equal((await srv.api('GET', `/api/v1/meetings/${m.later.id}/minutes`, { token: tokens.viewer })).status, 200);
      assert.equal((await srv.api('GET', `/api/v1/decisions/${res.json.id}`, { token: tokens.viewer })).status, 200);
      assert.ok(!(await srv.api('GET', '/api/v1/decisions.csv')).text.includes(res.json.id));
    });

    it('refuses a body that is not JSON (400) or not sent as JSON (415) on the approval, the correction and the call-in, changing nothing', async () => {
      const before = srv.sql('SELECT count(*) FROM audit_log');
      for (const path of [`/api/v1/meetings/${m.seed.id}/minutes/approval`, `/api/v1/meetings/${m.seed.id}/minutes/corrections`, `/api/v1/decisions/${d.individual.id}/call-in`]) {
        assertProblem(await srv.admin('POST', path, { rawBody: '{"status": ', headers: { 'if-match': 'W/"1"' } }), 400);
        assertProblem(await srv.admin('POST', path, { rawBody: 'status=called_in', contentType: 'text/plain', headers: { 'if-match': 'W/"1"' } }), 415);
        assertProblem(await srv.admin('POST', path, { body: { colour: 'red' }, headers: { 'if-match': 'W/"1"' } }), 422, { fields: ['colour'] });
      }
      assert.equal(srv.sql('SELECT count(*) FROM audit_log'), before);
    });
  });

  describe('the register', () => {
    it('lists decisions newest first, a page at a time, filtered by body, meeting, dates, key decision and call-in status', async () => {
      const ids = async (query) => {
        const res = await srv.api('GET', `/api/v1/decisions${query}`);
        assert.equal(res.status, 200, res.text);
        return res.json.items.map((x) => x.id);
      };
      // Newest first; on the same day, the later recorded first.
      assert.deepEqual(await ids(''), [d.individual.id, d.exempt.id, d.budget.id, d.seed.id]);
      assert.deepEqual(await ids(`?body_id=${u.panel.id}`), [d.seed.id]);
      assert.deepEqual(await ids(`?meeting_id=${m.cabinet.id}`), [d.exempt.id, d.budget.id]);
      assert.deepEqual(await ids('?from=2025-11-18&to=2025-11-30'), [d.exempt.id, d.budget.id]);
      assert.deepEqual(await ids('?key_decision=true'), [d.individual.id, d.exempt.id]);
      assert.deepEqual(await ids('?call_in_status=upheld'), [d.budget.id]);
      assert.deepEqual(await ids('?call_in_status=REFERRED_BACK'), [d.individual.id]);
      // Pages of two, followed to the end: rows the reader may not see (the private group's,
      // the unpublished meeting's) take their places in a page, so a page may hold fewer.
      const paged = [];
      let cursor = '';
      for (let pages = 0; pages < 10; pages++) {
        const page = await srv.api('GET', `/api/v1/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, page.text);
        assert.ok(page.json.items.length <= 2);
        paged.push(...page.json.items.map((x) => x.id));
        if (!page.json.next_cursor) break;
        cursor = page.json.next_cursor;
      }
      assert.deepEqual(paged, [d.individual.id, d.exempt.id, d.budget.id, d.seed.id]);
      assertProblem(await srv.api('GET', '/api/v1/decisions?from=31/12/2025'), 422, { fields: ['from'] });
      assertProblem(await srv.api('GET', '/api/v1/decisions?call_in_status=pending'), 422, { fields: ['call_in_status'] });
      assertProblem(await srv.api('GET', '/api/v1/decisions?key_decision=yes'), 422, { fields: ['key_decision'] });
      assertProblem(await srv.api('GET', '/api/v1/decisions?status=open'), 422, { fields: ['status'] });
    });

    it('writes the register as CSV with a byte-order mark and a header, read back by Python’s csv module, the exempt reasons blank for anonymous visitors', async () => {
      const res = await srv.api('GET', '/api/v1/decisions.csv');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="decisions.csv"');
      const bytes = Buffer.from(await (await fetch(`${srv.url}/api/v1/decisions.csv`)).arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.endsWith('\r\n'));
      const rows = parseCsv(text);
      assert.deepEqual(rows[0], [
        'id', 'decided_on', 'published_on', 'body', 'decision_maker', 'title', 'resolution', 'reasons', 'options_considered', 'key_decision', 'executive',
        'exempt_paragraph', 'call_in_last_day', 'can_be_implemented_from', 'call_in_status', 'meeting_date', 'item_number',
      ]);
      assert.equal(rows.length, 5);
      const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(rows[0].map((h, i) => [h, r[i]]))]));
      assert.deepEqual(byId[d.individual.id], {
        id: d.individual.id, decided_on: '2025-12-19', published_on: '2025-12-22', body: 'Cabinet', decision_maker: individual.decision_maker, title: individual.title,
        resolution: individual.text, reasons: individual.reasons, options_considered: individual.options_considered, key_decision: 'yes', executive: 'yes',
        exempt_paragraph: '', call_in_last_day: '2025-12-31', can_be_implemented_from: '2026-01-02', call_in_status: 'referred_back', meeting_date: '', item_number: '',
      });
      assert.deepEqual(byId[d.seed.id], {
        id: d.seed.id, decided_on: '2025-06-10', published_on: '', body: 'Corporate Overview and Scrutiny Panel', decision_maker: 'Corporate Overview and Scrutiny Panel',
        title: 'Corporate Support Directorate', resolution: RESOLUTION, reasons: '', options_considered: '', key_decision: 'no', executive: 'no', exempt_paragraph: '',
        call_in_last_day: '', can_be_implemented_from: '', call_in_status: '', meeting_date: '2025-06-10', item_number: '5',
      });
      const exempt = byId[d.exempt.id];
      assert.deepEqual([exempt.reasons, exempt.options_considered, exempt.exempt_paragraph, exempt.item_number], ['', '', '3', String(items.contract.number)]);
      assert.equal(exempt.resolution, 'Agreed that the ICT managed service contract be awarded to Bidder B for five years.');
      assert.ok(!text.includes('Bidder B scored'), 'no exempt reasons anywhere in the file');
      // A non-member signed in sees no more; the body's member does.
      const asOutsider = parseCsv((await srv.api('GET', '/api/v1/decisions.csv', { token: tokens.outsider })).text);
      assert.equal(asOutsider.find((r) => r[0] === d.exempt.id)[7], '');
      const asMember = parseCsv((await srv.api('GET', '/api/v1/decisions.csv', { token: tokens.member })).text);
      assert.equal(asMember.find((r) => r[0] === d.exempt.id)[7], EXEMPT_REASONS);
    });

    it('quotes what needs quoting and writes a formula-like cell as text, and takes the list’s filters', async () => {
      const text = 'Agreed that:\n1. the "Sunday opening" trial, of 6 months, go ahead;\n2. it be reviewed.';
      const made = (await decide({ body_id: u.cabinet.id, title: '=SUM(A1:A2)', text, decided_on: '2025-03-03' })).json;
      const res = await srv.api('GET', `/api/v1/decisions.csv?body_id=${u.cabinet.id}&to=2025-03-31`);
      assert.equal(res.status, 200, res.text);
      const rows = parseCsv(res.text);
      assert.equal(rows.length, 2);
      assert.equal(rows[1][0], made.id);
      assert.equal(rows[1][5], "'=SUM(A1:A2)");
      assert.equal(rows[1][6], text);
      assertProblem(await srv.api('GET', '/api/v1/decisions.csv?limit=5'), 422, { fields: ['limit'] });
      assertProblem(await srv.api('GET', '/api/v1/decisions.csv?to=soon'), 422, { fields: ['to'] });
    });
  });

  it('leaves a database that civic check finds sound', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
