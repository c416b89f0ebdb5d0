// SPDX-License-Identifier: AGPL-3.0-or-later
// The governance pages' forms over HTTP, on SQLite and PostgreSQL: each form stores what the
// API would and audits it (a meeting arranged, an exempt item, the agenda published late with
// its reason, the register, an item's minutes, a resolution, an action, the minutes approved at
// the next meeting); a refused form stores nothing; a stale version is 409; a visitor is sent
// to sign in and an officer who is not the clerk gets 404; and a meeting's page gives an
// anonymous visitor the exempt notice and never the exempt report.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { ADMIN_PASSWORD, auditRows, mustSucceed, startServer } from './harness.mjs';

const EXEMPT_TEXT = 'Brightwater Facilities Ltd bid £1.2M a year.';
const OFFICER = { username: 'otto', password: 'Northmoor-officer-password-2025' };

const isoDay = (d) => d.toISOString().slice(0, 10);
const today = () => isoDay(new Date());
const addDays = (iso, n) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000));

describe('the governance pages’ forms', { timeout: 120000 }, () => {
  let srv;
  const ids = {};

  // A browser's session: signed in by the form, with the CSRF token its pages carry.
  async function session(username = 'admin', password = ADMIN_PASSWORD) {
    const csrf = 'governance-pages-csrf-0123456789';
    const form = new URLSearchParams({ username, password, csrf_token: csrf }).toString();
    const res = await srv.api('POST', '/sign-in', { rawBody: form, contentType: 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` });
    assert.equal(res.status, 303, res.text);
    const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('civic_session=')) ?? '').split(';')[0];
    const page = await srv.api('GET', '/bodies', { cookie });
    const token = /name="csrf_token"\s+value="([^"]+)"/.exec(page.text)[1];
    return {
      get: (p) => srv.api('GET', p, { cookie, headers: { accept: 'text/html' } }),
      post: (p, fields) => {
        const body = new URLSearchParams([['csrf_token', token], ...(Array.isArray(fields) ? fields : Object.entries(fields))]).toString();
        return srv.api('POST', p, { cookie, rawBody: body, contentType: 'application/x-www-form-urlencoded', headers: { accept: 'text/html' } });
      },
    };
  }
  let clerk;

  const meetingRow = (id) => srv.sqlRows(`SELECT * FROM meetings WHERE id = '${id}'`)[0];
  const itemRow = (meeting, number) => srv.sqlRows(`SELECT * FROM agenda_items WHERE meeting_id = '${meeting}' AND number = ${number}`)[0];
  const lastAudit = (id) => auditRows(srv.dbPath, id).at(-1);

  before(async () => {
    srv = await startServer();
    const council = await srv.admin('POST', '/api/v1/units', { body: { name: 'Northmoor Borough Council', kind: 'council' } });
    ids.council = council.json.id;
    for (const [key, name] of [['chair', 'Cllr Ann Chair'], ['member', 'Cllr Bob Member'], ['third', 'Cllr Cy Third'], ['sub', 'Cllr Di Sub'], ['officer', 'Eve Officer']]) {
      const p = await srv.admin('POST', '/api/v1/people', { body: { name, kind: key === 'officer' ? 'officer' : 'councillor' } });
      assert.equal(p.status, 201, p.text);
      ids[key] = p.json.id;
    }
    const body = await srv.admin('POST', '/api/v1/bodies', { body: { name: 'Resources Scrutiny Panel', parent_id: ids.council, kind: 'scrutiny', quorum: 2 } });
    assert.equal(body.status, 201, body.text);
    ids.body = body.json.id;
    for (const [key, role] of [['chair', 'Chair'], ['member', 'Member'], ['third', 'Member']]) {
      const m = await srv.admin('POST', '/api/v1/memberships', { body: { person_id: ids[key], unit_id: ids.body, role, start_date: '2020-01-01' } });
      assert.equal(m.status, 201, m.text);
    }
    mustSucceed('civic user add', await srv.cli(['user', 'add', '--db', srv.dbPath, '--username', OFFICER.username, '--name', 'Otto Officer', '--role', 'viewer', '--password-stdin'], { input: `${OFFICER.password}\n` }));
    clerk = await session();
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('sends a visitor who is not signed in to sign in, and tells an officer who is not the clerk there is nothing there', async () => {
    const res = await srv.api('GET', `/meetings/new?body_id=${ids.body}`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/sign-in?return_to=${encodeURIComponent(`/meetings/new?body_id=${ids.body}`)}`);
    const officer = await session(OFFICER.username, OFFICER.password);
    for (const p of [`/meetings/new?body_id=${ids.body}`, `/bodies/${ids.body}/generate`]) assert.equal((await officer.get(p)).status, 404, p);
    const refused = await officer.post('/meetings', { body_id: ids.body, date: today(), start_time: '18:30' });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Body must be a body whose meetings you can arrange/);
    assert.equal(srv.sqlRows(`SELECT count(*) AS n FROM meetings`)[0].n, 0);
  });

  it('arranges two meetings from the form, each with its standard items, audited as created by the clerk', async () => {
    let res = await clerk.post('/meetings', { body_id: ids.body, title: '', date: 'next Tuesday', start_time: '25:00', duration_minutes: '120', venue: 'Town Hall', online_url: '' });
    assert.equal(res.status, 422);
    assert.match(res.text, /href="#date"/);
    assert.match(res.text, /href="#start_time"/);
    assert.equal(srv.sqlRows(`SELECT count(*) AS n FROM meetings`)[0].n, 0, 'nothing stored');
    for (const [key, days] of [['a', -20], ['b', -6]]) {
      res = await clerk.post('/meetings', { body_id: ids.body, title: '', date: addDays(today(), days), start_time: '18:30', duration_minutes: '120', venue: 'Committee Room 1', online_url: '' });
      assert.equal(res.status, 303, res.text);
      ids[key] = res.headers.get('location').split('/').at(-1);
      const m = meetingRow(ids[key]);
      assert.deepEqual([m.title, m.date, m.start_time, m.venue, m.status], ['Resources Scrutiny Panel', addDays(today(), days), '18:30', 'Committee Room 1', 'scheduled']);
      assert.deepEqual(srv.sqlRows(`SELECT number, standard FROM agenda_items WHERE meeting_id = '${ids[key]}' ORDER BY number`).map((i) => i.standard), ['apologies', 'declarations', 'minutes', 'action_log']);
      const audit = auditRows(srv.dbPath, ids[key]);
      assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['create', 'admin']]);
    }
  });

  it('changes a meeting at the version read, and refuses a stale version with 409, changing nothing', async () => {
    const before = meetingRow(ids.b);
    const fields = { version: String(before.version), title: before.title, date: before.date, start_time: '19:00', duration_minutes: '90', venue: 'Committee Room 2', online_url: '', status: 'held', status_reason: '', private_notice_on: '' };
    let res = await clerk.post(`/meetings/${ids.b}`, fields);
    assert.equal(res.status, 303, res.text);
    const after = meetingRow(ids.b);
    assert.deepEqual([after.start_time, after.duration_minutes, after.venue, after.status, after.version, after.sequence], ['19:00', 90, 'Committee Room 2', 'held', before.version + 1, before.sequence + 1]);
    assert.equal(lastAudit(ids.b).action, 'update');
    res = await clerk.post(`/meetings/${ids.b}`, { ...fields, venue: 'The Council Chamber' });
    assert.equal(res.status, 409);
    assert.equal(meetingRow(ids.b).venue, 'Committee Room 2');
    assert.equal(auditRows(srv.dbPath, ids.b).length, 2);
  });

  it('adds an item with its report and presenters, and an exempt one under paragraph 3 that needs its reason', async () => {
    let res = await clerk.post(`/meetings/${ids.a}/items`, [
      ['title', 'Resources directorate update'],
      ['purpose', 'To note the update.'],
      ['report_title', 'Resources update'],
      ['report_author', 'Director of Resources'],
      ['report_summary', 'The budget is **£26.849M**.'],
      ['recommendations', '- That the update be noted.'],
      ['presenter_ids', ids.officer],
      ['presenter_ids', ''],
      ['presenter_ids', ids.chair],
      ['exempt_paragraph', ''],
      ['exempt_reason', ''],
    ]);
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/meetings/${ids.a}#item-5`);
    const five = itemRow(ids.a, 5);
    assert.deepEqual([five.title, five.report_author, JSON.parse(five.presenter_ids), five.exempt_paragraph, five.key_decision], ['Resources directorate update', 'Director of Resources', [ids.officer, ids.chair], null, 0]);
    assert.equal(lastAudit(five.id).action, 'create');

    const exempt = { title: 'Award of the cleaning contract', report_summary: EXEMPT_TEXT, exempt_paragraph: '3', exempt_reason: '', key_decision: 'yes' };
    res = await clerk.post(`/meetings/${ids.a}/items`, exempt);
    assert.equal(res.status, 422);
    assert.match(res.text, /href="#exempt_reason"/);
    assert.match(res.text, /id="exempt_paragraph-4" name="exempt_paragraph" type="radio" value="3" checked/, 'the choice is kept');
    assert.equal(itemRow(ids.a, 6), undefined, 'nothing stored');
    res = await clerk.post(`/meetings/${ids.a}/items`, { ...exempt, exempt_reason: 'The bids are commercially confidential.' });
    assert.equal(res.status, 303, res.text);
    const six = itemRow(ids.a, 6);
    assert.deepEqual([six.exempt_paragraph, six.exempt_reason, six.key_decision, six.supplement], [3, 'The bids are commercially confidential.', 1, 0]);
  });

  it('publishes the late agenda only with the reason for urgency', async () => {
    const version = String(meetingRow(ids.a).version);
    let res = await clerk.post(`/meetings/${ids.a}/publish`, { version, late_reason: '' });
    assert.equal(res.status, 422);
    assert.match(res.text, /The agenda is late/);
    assert.equal(meetingRow(ids.a).published_at, null);
    res = await clerk.post(`/meetings/${ids.a}/publish`, { version, late_reason: 'The contract must be awarded this month.' });
    assert.equal(res.status, 303, res.text);
    const m = meetingRow(ids.a);
    assert.equal(m.published_at.slice(0, 10), today());
    assert.equal(m.late_reason, 'The contract must be awarded this month.');
    assert.equal(lastAudit(ids.a).actor, 'admin');
  });

  it('gives an anonymous visitor the exempt item’s notice and never its report; the clerk sees both', async () => {
    const res = await srv.api('GET', `/meetings/${ids.a}`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(res.text, /Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972\./);
    assert.ok(!res.text.includes('Brightwater'), 'no word of the exempt report');
    assert.ok(!res.text.includes('commercially confidential'), 'nor of its reason');
    assert.match(res.text, /<strong>£26\.849M<\/strong>/, 'the public report, as Markdown');
    const clerkPage = await clerk.get(`/meetings/${ids.a}`);
    assert.match(clerkPage.text, /Brightwater Facilities Ltd bid £1\.2M a year\./);
  });

  it('takes the register in one form: members, a substitute and an officer', async () => {
    const res = await clerk.post(`/meetings/${ids.a}/attendance`, [
      ['person_id-0', ids.chair], ['capacity-0', 'member'], ['status-0', 'present'], ['substitute-0', ''],
      ['person_id-1', ids.member], ['capacity-1', 'member'], ['status-1', 'apologies'], ['substitute-1', ids.sub],
      ['person_id-2', ids.third], ['capacity-2', 'member'], ['status-2', ''], ['substitute-2', ''],
      ['other-0', ids.officer], ['other-capacity-0', 'officer'],
      ['other-1', ''], ['other-capacity-1', 'officer'],
    ]);
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/meetings/${ids.a}#attendance`);
    const rows = srv.sqlRows(`SELECT person_id, capacity, status, substitute_for_person_id AS sub FROM attendees WHERE meeting_id = '${ids.a}' AND archived_at IS NULL ORDER BY person_id`);
    const byPerson = Object.fromEntries(rows.map((r) => [r.person_id, [r.capacity, r.status, r.sub]]));
    assert.deepEqual(byPerson, {
      [ids.chair]: ['member', 'present', null],
      [ids.member]: ['member', 'apologies', null],
      [ids.sub]: ['substitute', 'present', ids.member],
      [ids.officer]: ['officer', 'present', null],
    });
    const page = await clerk.get(`/meetings/${ids.a}`);
    assert.match(page.text, /Quorate: 2 members present; the quorum is 2\./);
  });

  it('writes an item’s minutes, a resolution and an action, each on its own, the minutes becoming a draft', async () => {
    const five = itemRow(ids.a, 5);
    let res = await clerk.post(`/agenda-items/${five.id}/minutes`, { version: String(five.version), minutes_told: 'The panel was told of the **£26.849M** budget.', minutes_questions: 'Members asked about the benchmark.' });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/agenda-items/${five.id}/minutes`);
    const minuted = itemRow(ids.a, 5);
    assert.deepEqual([minuted.minutes_told, minuted.minutes_questions], ['The panel was told of the **£26.849M** budget.', 'Members asked about the benchmark.']);
    assert.equal(meetingRow(ids.a).minutes_status, 'draft');

    res = await clerk.post(`/agenda-items/${five.id}/resolutions`, { title: 'Resources update noted', text: 'Agreed that the update be noted.', reasons: '', options_considered: '', decision_maker: 'Resources Scrutiny Panel', decided_on: addDays(today(), -20) });
    assert.equal(res.status, 303, res.text);
    const [decision] = srv.sqlRows(`SELECT * FROM decisions WHERE item_id = '${five.id}'`);
    assert.deepEqual([decision.title, decision.text, decision.decided_on, decision.meeting_id, decision.body_id], ['Resources update noted', 'Agreed that the update be noted.', addDays(today(), -20), ids.a, ids.body]);
    assert.equal(auditRows(srv.dbPath, decision.id)[0].action, 'create');

    res = await clerk.post(`/agenda-items/${five.id}/actions`, { text: '', owner_person_id: '', owner_name: '', due_date: '' });
    assert.equal(res.status, 422);
    assert.match(res.text, /href="#action-text"/);
    assert.equal(srv.sqlRows(`SELECT count(*) AS n FROM actions`)[0].n, 0);
    res = await clerk.post(`/agenda-items/${five.id}/actions`, { text: 'Bring the contact figures back.', owner_person_id: ids.chair, owner_name: '', due_date: addDays(today(), -2) });
    assert.equal(res.status, 303, res.text);
    const [action] = srv.sqlRows(`SELECT * FROM actions WHERE item_id = '${five.id}'`);
    assert.deepEqual([action.text, action.owner_person_id, action.due_date, action.status, action.meeting_id], ['Bring the contact figures back.', ids.chair, addDays(today(), -2), 'open', ids.a]);
    ids.action = action.id;
    const log = await srv.api('GET', '/actions?overdue=yes', { headers: { accept: 'text/html' } });
    assert.match(log.text, /Bring the contact figures back\./);
  });

  it('approves the minutes at the next meeting, which locks them', async () => {
    const page = await clerk.get(`/meetings/${ids.b}`);
    assert.match(page.text, /Approve the minutes of /);
    const version = String(meetingRow(ids.a).version);
    let res = await clerk.post(`/meetings/${ids.a}/minutes/approve`, { version, at_meeting_id: ids.b });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/meetings/${ids.b}`);
    const m = meetingRow(ids.a);
    assert.deepEqual([m.minutes_status, m.minutes_approved_at_meeting_id, m.minutes_approved_on], ['approved', ids.b, addDays(today(), -6)]);
    assert.equal(lastAudit(ids.a).action, 'approve_minutes');
    res = await clerk.post(`/meetings/${ids.a}/minutes/approve`, { version: String(m.version), at_meeting_id: ids.b });
    assert.equal(res.status, 409, 'approved minutes are locked');
  });

  it('closes the action from its form', async () => {
    const a = srv.sqlRows(`SELECT * FROM actions WHERE id = '${ids.action}'`)[0];
    const res = await clerk.post(`/actions/${ids.action}`, { version: String(a.version), text: a.text, owner_person_id: a.owner_person_id, owner_name: '', due_date: a.due_date, status: 'done', closed_on: today(), closed_note: 'Reported to the panel.' });
    assert.equal(res.status, 303, res.text);
    const closed = srv.sqlRows(`SELECT status, closed_on, closed_note FROM actions WHERE id = '${ids.action}'`)[0];
    assert.deepEqual(closed, { status: 'done', closed_on: today(), closed_note: 'Reported to the panel.' });
    assert.equal(lastAudit(ids.action).action, 'update');
  });

  it('leaves a sound database', async () => {
    const r = await srv.cli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
  });
});
