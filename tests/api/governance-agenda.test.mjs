// SPDX-License-Identifier: AGPL-3.0-or-later
// Agendas through the API (issue 10, items 3 to 5): a meeting's items numbered after the four
// standard items, moved and archived before publication with the others renumbered, and
// supplements after it in the same sequence while the published numbers stay; documents in
// order with their own exemption; presenters from the register; an item exempt under
// paragraph 3 of Schedule 12A (a contract award), whose content is hidden from an anonymous
// visitor and a signed-in non-member but shown to a member of the body, the item's presenter
// and the body's clerk; the agenda's publication in time, late with and without the reason
// for urgency, and twice; the minutes rule on an item; the audit trail; civic check.
//
// The server's "today" is the real date, so meetings are dated from today: one two months
// ahead (published in time) and one two days ahead (published late: the last day for five
// clear working days is always more than two days before the meeting). The deadline's own
// counting is tested with fixed dates in tests/unit/governance_deadlines_test.cpp.
//
// Bodies and meetings are governance's other part: until their routes are in
// docs/openapi.json their answers are not checked against it here (`call` below), while
// every answer of the agenda's routes is.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create, randomId, ID_RE, ISO_TS_RE, backend, runCli } from './harness.mjs';
import { indicatorKit } from './indicators-support.mjs';
import { templateFor } from './openapi-check.mjs';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Today as the server counts it (UTC), and a day n days from it, as YYYY-MM-DD.
const isoDay = (d) => d.toISOString().slice(0, 10);
const fromToday = (n) => isoDay(new Date(Date.now() + n * 86400000));
// "Thursday 17 December 2026", as Civic writes a date in words.
function longDate(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const CONTRACT_NOTICE = 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972';
const PARAGRAPH_3 = 'Information relating to the financial or business affairs of any particular person (including the authority holding that information).';

describe(`agendas (${backend})`, { timeout: 180000 }, () => {
  let srv;
  let kit;
  const u = {};
  const people = {};
  const tokens = {};
  let body;
  let meeting; // two months ahead: items, moves, supplements, the exempt item
  let late; // two days ahead: published late
  const items = {}; // by short name

  // A call to any route: checked against docs/openapi.json when its path is documented
  // there, plain fetch otherwise (the routes of bodies and meetings, until they are).
  async function call(method, path, { token, body: json, headers = {} } = {}) {
    if (templateFor(new URL(path, 'http://x').pathname)) return srv.api(method, path, { token, body: json, headers });
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (json !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${srv.url}${path}`, { method, headers: h, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await res.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: parsed };
  }
  const as = (who) => (who === 'anonymous' ? undefined : who === 'admin' ? srv.token : tokens[who]);
  const ifMatch = (v) => ({ 'if-match': `W/"${v}"` });
  async function getMeeting(id) {
    const res = await call('GET', `/api/v1/meetings/${id}`, { token: srv.token });
    assert.equal(res.status, 200, res.text);
    return res.json;
  }
  async function agenda(meetingId, who = 'admin') {
    const res = await srv.api('GET', `/api/v1/meetings/${meetingId}/items`, { token: as(who) });
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  }
  // The agenda as "number title" lines, withdrawn items marked.
  const lines = (list) => list.map((i) => `${i.number} ${i.title}${i.archived_at ? ' (withdrawn)' : ''}${i.supplement ? ' [supplement]' : ''}`);
  async function addItem(meetingId, fields, who = 'admin') {
    const res = await srv.api('POST', `/api/v1/meetings/${meetingId}/items`, { token: as(who), body: fields });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  async function current(id) {
    const res = await srv.admin('GET', `/api/v1/agenda-items/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  }
  const actions = (id) => srv.sqlRows(`SELECT action FROM audit_log WHERE entity_id = '${id}' ORDER BY id`).map((r) => r.action);
  const auditCount = () => Number(srv.sql('SELECT count(*) FROM audit_log'));

  before(async () => {
    srv = await startServer();
    kit = indicatorKit(srv);
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.finance = await create(srv, 'units', { name: 'Finance', kind: 'directorate', parent_id: u.council.id });
    const made = await call('POST', '/api/v1/bodies', { token: srv.token, body: { name: 'Audit and Governance Committee', kind: 'committee', parent_id: u.council.id } });
    assert.equal(made.status, 201, made.text);
    body = made.json;
    assert.equal(body.access, 'public');
    people.ann = await create(srv, 'people', { name: 'Cllr Ann Booth', kind: 'councillor', unit_id: u.council.id, published: true });
    people.olu = await create(srv, 'people', { name: 'Olu Adeyemi', kind: 'officer', unit_id: u.finance.id, published: true });
    people.nia = await create(srv, 'people', { name: 'Nia Roberts', kind: 'officer', unit_id: u.finance.id, published: true });
    people.gone = await create(srv, 'people', { name: 'Former Officer', kind: 'officer', unit_id: u.finance.id, published: true });
    const archived = await srv.admin('POST', `/api/v1/people/${people.gone.id}/archive`, { headers: ifMatch(people.gone.version) });
    assert.equal(archived.status, 200, archived.text);
    await create(srv, 'memberships', { person_id: people.ann.id, unit_id: body.id, role: 'Member', start_date: '2020-05-01' });
    // Viewers of Finance only: none of them covers the committee, so only membership or
    // presenting entitles them. The clerk edits the committee.
    tokens.member = await kit.addUser('ann', 'viewer', { unit: u.finance.id, person: people.ann.id });
    tokens.presenter = await kit.addUser('olu', 'viewer', { unit: u.finance.id, person: people.olu.id });
    tokens.outsider = await kit.addUser('nia', 'viewer', { unit: u.finance.id, person: people.nia.id });
    tokens.clerk = await kit.addUser('clerk', 'editor', { unit: body.id });
    const m = await call('POST', '/api/v1/meetings', { token: srv.token, body: { body_id: body.id, date: fromToday(60), start_time: '18:30' } });
    assert.equal(m.status, 201, m.text);
    meeting = m.json;
    const l = await call('POST', '/api/v1/meetings', { token: srv.token, body: { body_id: body.id, date: fromToday(2), start_time: '10:00' } });
    assert.equal(l.status, 201, l.text);
    late = l.json;
  });
  after(async () => {
    await srv?.cleanup();
  });

  describe('items and their numbers before publication', () => {
    it('opens every agenda with the four standard items, numbered 1 to 4', async () => {
      const list = await agenda(meeting.id);
      assert.deepEqual(list.map((i) => [i.number, i.standard, i.title, i.supplement]), [
        [1, 'apologies', 'Apologies for absence', false],
        [2, 'declarations', 'Declarations of interest', false],
        [3, 'minutes', 'Minutes of the previous meeting', false],
        [4, 'action_log', 'Action log', false],
      ]);
      for (const i of list) assert.deepEqual(actions(i.id), ['create']);
    });

    it('numbers the items a clerk adds after them: 5, 6, 7, with Location, ETag and a create in the audit trail', async () => {
      const res = await srv.api('POST', `/api/v1/meetings/${meeting.id}/items`, {
        token: tokens.clerk,
        body: { title: 'Internal audit progress report', purpose: 'To note progress against the internal audit plan.', report_title: 'Internal Audit Progress 2025/26', report_author: 'Head of Internal Audit', report_summary: 'Eleven of **twenty** audits are complete.', recommendations: '1. That the committee notes the report.', presenter_ids: [people.olu.id, people.olu.id] },
      });
      assert.equal(res.status, 201, res.text);
      items.audit = res.json;
      assert.match(items.audit.id, ID_RE);
      assert.equal(res.headers.get('location'), `/api/v1/agenda-items/${items.audit.id}`);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.equal(items.audit.number, 5);
      assert.equal(items.audit.supplement, false);
      assert.equal(items.audit.standard, null);
      assert.deepEqual(items.audit.presenter_ids, [people.olu.id], 'a presenter named twice is kept once');
      assert.match(items.audit.created_at, ISO_TS_RE);
      items.risk = await addItem(meeting.id, { title: 'Strategic risk register' });
      items.accounts = await addItem(meeting.id, { title: 'Statement of accounts 2025/26' });
      assert.deepEqual([items.risk.number, items.accounts.number], [6, 7]);
      const row = srv.sqlRows(`SELECT number, standard, title, report_summary, presenter_ids, supplement, exempt_paragraph, version FROM agenda_items WHERE id = '${items.audit.id}'`)[0];
      assert.deepEqual(row, { number: 5, standard: null, title: 'Internal audit progress report', report_summary: 'Eleven of **twenty** audits are complete.', presenter_ids: JSON.stringify([people.olu.id]), supplement: 0, exempt_paragraph: null, version: 1 });
      assert.deepEqual(actions(items.audit.id), ['create']);
    });

    it('shows the presenters by name and the report as written', async () => {
      const res = await srv.admin('GET', `/api/v1/agenda-items/${items.audit.id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('etag'), 'W/"1"');
      assert.deepEqual(res.json.presenter_names, ['Olu Adeyemi']);
      assert.equal(res.json.recommendations, '1. That the committee notes the report.');
      assert.deepEqual([res.json.exempt, res.json.redacted, res.json.exempt_notice], [false, false, '']);
    });

    it('puts an item added at a number there, and moves the items from there on down one, each renumber audited', async () => {
      items.treasury = await addItem(meeting.id, { title: 'Treasury management mid-year review', number: 6 });
      assert.equal(items.treasury.number, 6);
      assert.deepEqual(lines(await agenda(meeting.id)).slice(4), ['5 Internal audit progress report', '6 Treasury management mid-year review', '7 Strategic risk register', '8 Statement of accounts 2025/26']);
      assert.deepEqual(actions(items.risk.id), ['create', 'renumber']);
      assert.deepEqual(actions(items.audit.id), ['create'], 'an item before the new one is not touched');
      const audit = srv.sqlRows(`SELECT before_json, after_json FROM audit_log WHERE entity_id = '${items.risk.id}' AND action = 'renumber'`)[0];
      assert.deepEqual([JSON.parse(audit.before_json).number, JSON.parse(audit.after_json).number], [6, 7]);
    });

    it('moves an item before publication: the items between close up, the standard items stay', async () => {
      const accounts = await current(items.accounts.id);
      const res = await srv.api('PATCH', `/api/v1/agenda-items/${items.accounts.id}`, { token: tokens.clerk, headers: ifMatch(accounts.version), body: { number: 5 } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.number, 5);
      assert.deepEqual(lines(await agenda(meeting.id)), [
        '1 Apologies for absence', '2 Declarations of interest', '3 Minutes of the previous meeting', '4 Action log',
        '5 Statement of accounts 2025/26', '6 Internal audit progress report', '7 Treasury management mid-year review', '8 Strategic risk register',
      ]);
      assert.deepEqual(actions(items.accounts.id), ['create', 'renumber', 'update']);
      assert.deepEqual(actions(items.risk.id), ['create', 'renumber', 'renumber']);
    });

    it('refuses to move a standard item, to put an item before the standard items or past the last, naming number', async () => {
      const before = auditCount();
      const apologies = (await agenda(meeting.id))[0];
      const standard = await srv.admin('PATCH', `/api/v1/agenda-items/${apologies.id}`, { headers: ifMatch(apologies.version), body: { number: 6 } });
      assertProblem(standard, 422, { fields: ['number'] });
      assert.match(standard.json.errors[0].message, /standard items keep their places/);
      const risk = await current(items.risk.id);
      const first = await srv.admin('PATCH', `/api/v1/agenda-items/${items.risk.id}`, { headers: ifMatch(risk.version), body: { number: 4 } });
      assertProblem(first, 422, { fields: ['number'] });
      assert.equal(first.json.errors[0].message, 'Number must be from 5 to 8: the standard items come first');
      const past = await srv.admin('PATCH', `/api/v1/agenda-items/${items.risk.id}`, { headers: ifMatch(risk.version), body: { number: 9 } });
      assertProblem(past, 422, { fields: ['number'] });
      const create = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Too far', number: 10 } });
      assertProblem(create, 422, { fields: ['number'] });
      assert.equal(create.json.errors[0].message, 'Number must be from 5 to 9: the standard items come first, and an item goes at most one after the last');
      assert.equal(auditCount(), before, 'nothing written');
    });

    it('refuses a change at a stale version (409) or with none (428), changing nothing', async () => {
      const risk = await current(items.risk.id);
      const before = auditCount();
      const stale = await srv.admin('PATCH', `/api/v1/agenda-items/${items.risk.id}`, { headers: ifMatch(risk.version - 1), body: { title: 'Stale' } });
      assertProblem(stale, 409, { detail: new RegExp(`now at version ${risk.version}`) });
      assertProblem(await srv.admin('PATCH', `/api/v1/agenda-items/${items.risk.id}`, { body: { title: 'No version' } }), 428);
      assertProblem(await srv.admin('POST', `/api/v1/agenda-items/${items.risk.id}/archive`, {}), 428);
      assert.equal(auditCount(), before);
      assert.equal(srv.sql(`SELECT title FROM agenda_items WHERE id = '${items.risk.id}'`), 'Strategic risk register');
    });

    it('refuses a change to an item\'s standard, meeting or supplement mark, naming each', async () => {
      const apologies = (await agenda(meeting.id))[0];
      const res = await srv.admin('PATCH', `/api/v1/agenda-items/${apologies.id}`, { headers: ifMatch(apologies.version), body: { standard: 'minutes', meeting_id: late.id, supplement: true } });
      assertProblem(res, 422, { fields: ['standard', 'meeting_id', 'supplement'] });
    });

    it('lets a standard item\'s title change, but never lets it be archived (409)', async () => {
      const minutes = (await agenda(meeting.id))[2];
      const renamed = await srv.admin('PATCH', `/api/v1/agenda-items/${minutes.id}`, { headers: ifMatch(minutes.version), body: { title: 'Minutes of the meeting held on 3 March' } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json.standard, 'minutes');
      const res = await srv.admin('POST', `/api/v1/agenda-items/${minutes.id}/archive`, { headers: ifMatch(renamed.json.version) });
      assertProblem(res, 409, { detail: /Item 3, Minutes of the meeting held on 3 March, is one of the standard items every agenda opens with: it cannot be archived/ });
      assert.equal(srv.sql(`SELECT archived_at IS NULL FROM agenda_items WHERE id = '${minutes.id}'`), backend === 'postgres' ? 't' : '1');
    });

    it('archives an item before publication: it leaves the agenda and the items after it close up', async () => {
      items.spare = await addItem(meeting.id, { title: 'Item to be dropped', number: 6 });
      const res = await srv.api('POST', `/api/v1/agenda-items/${items.spare.id}/archive`, { token: tokens.clerk, headers: ifMatch(1) });
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.archived_at, ISO_TS_RE);
      assert.deepEqual(lines(await agenda(meeting.id)).slice(4), ['5 Statement of accounts 2025/26', '6 Internal audit progress report', '7 Treasury management mid-year review', '8 Strategic risk register']);
      assert.deepEqual(actions(items.spare.id), ['create', 'archive']);
      assert.deepEqual(actions(items.audit.id), ['create', 'renumber', 'renumber', 'renumber']);
      const anon = await srv.api('GET', `/api/v1/agenda-items/${items.spare.id}`);
      assertProblem(anon, 404);
    });

    it('needs presenters who are people in the register, live', async () => {
      const before = auditCount();
      for (const id of [randomId(), people.gone.id, 'not-an-id']) {
        const res = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Presented by nobody', presenter_ids: [people.olu.id, id] } });
        assertProblem(res, 422, { fields: ['presenter_ids'] });
        assert.equal(res.json.errors.find((e) => e.field === 'presenter_ids').message, 'Each presenter must be a person in the organisation register');
      }
      assert.equal(auditCount(), before);
    });

    it('checks a title, a Schedule 12A paragraph and its public-interest reason', async () => {
      const before = auditCount();
      const blank = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: '  ', purpose: 'x'.repeat(2001) } });
      assertProblem(blank, 422, { fields: ['title', 'purpose'] });
      const long = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'x'.repeat(301) } });
      assertProblem(long, 422, { fields: ['title'] });
      const noReason = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Contract award', exempt_paragraph: 3 } });
      assertProblem(noReason, 422, { fields: ['exempt_reason'] });
      const eight = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Contract award', exempt_paragraph: 8, exempt_reason: 'Commercial.' } });
      assertProblem(eight, 422, { fields: ['exempt_paragraph'] });
      assert.match(eight.json.errors[0].message, /from 1 to 7/);
      const reasonAlone = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Not exempt', exempt_reason: 'Commercial.' } });
      assertProblem(reasonAlone, 422, { fields: ['exempt_reason'] });
      const notMine = await srv.api('POST', `/api/v1/meetings/${meeting.id}/items`, { token: tokens.outsider, body: { title: 'A viewer cannot add items' } });
      assertProblem(notMine, 404);
      const unknown = await srv.admin('POST', `/api/v1/meetings/${randomId()}/items`, { body: { title: 'Nowhere' } });
      assertProblem(unknown, 404);
      assert.equal(auditCount(), before);
    });
  });

  describe('an exempt item and documents', () => {
    before(async () => {
      items.contract = await addItem(meeting.id, {
        title: 'Award of the leisure centres management contract',
        purpose: 'To award the contract to the preferred bidder.',
        report_summary: 'Bidder B scored 78% and offered £1.2M a year less than bidder A.',
        recommendations: 'That the contract is awarded to Bidder B for ten years.',
        presenter_ids: [people.olu.id],
        exempt_paragraph: 3,
        exempt_reason: 'Disclosure would prejudice the council\'s commercial position while the contract is negotiated.',
        key_decision: true,
      });
      assert.equal(items.contract.number, 9);
    });

    it('keeps an item\'s documents in position order: added last or at a place, moved, archived with the rest closing up', async () => {
      const add = async (itemId, fields) => {
        const res = await srv.api('POST', `/api/v1/agenda-items/${itemId}/documents`, { token: tokens.clerk, body: fields });
        assert.equal(res.status, 201, res.text);
        assert.equal(res.headers.get('location'), `/api/v1/agenda-documents/${res.json.id}`);
        return res.json;
      };
      items.report = await add(items.audit.id, { kind: 'report', title: 'Internal audit progress report', content: 'The **full** report.' });
      items.appendix = await add(items.audit.id, { kind: 'appendix', title: 'Appendix A: audits completed', url: 'https://northmoor.example/audit/a.pdf' });
      items.background = await add(items.audit.id, { kind: 'background', title: 'The internal audit plan', position: 1 });
      items.fraud = await add(items.audit.id, { kind: 'appendix', title: 'Appendix B: the fraud investigation', exempt_paragraph: 7, exempt_reason: 'It would prejudice an investigation.' });
      const order = async () => (await srv.admin('GET', `/api/v1/agenda-items/${items.audit.id}/documents`)).json.items.map((d) => `${d.position} ${d.title}`);
      assert.deepEqual(await order(), ['1 The internal audit plan', '2 Internal audit progress report', '3 Appendix A: audits completed', '4 Appendix B: the fraud investigation']);
      const appendix = (await srv.admin('GET', `/api/v1/agenda-documents/${items.appendix.id}`)).json;
      assert.deepEqual([appendix.position, appendix.version], [3, 2], 'moved down one when the background paper went first');
      const moved = await srv.admin('PATCH', `/api/v1/agenda-documents/${items.appendix.id}`, { headers: ifMatch(appendix.version), body: { position: 1 } });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(await order(), ['1 Appendix A: audits completed', '2 The internal audit plan', '3 Internal audit progress report', '4 Appendix B: the fraud investigation']);
      const spare = await add(items.audit.id, { kind: 'background', title: 'Draft to drop', position: 2 });
      const dropped = await srv.admin('POST', `/api/v1/agenda-documents/${spare.id}/archive`, { headers: ifMatch(1) });
      assert.equal(dropped.status, 200, dropped.text);
      assert.deepEqual(await order(), ['1 Appendix A: audits completed', '2 The internal audit plan', '3 Internal audit progress report', '4 Appendix B: the fraud investigation']);
      assert.deepEqual(actions(items.report.id), ['create', 'renumber', 'renumber', 'renumber', 'renumber']);
      assert.deepEqual(srv.sqlRows(`SELECT position, kind, exempt_paragraph, meeting_id FROM agenda_documents WHERE id = '${items.fraud.id}'`)[0], { position: 4, kind: 'appendix', exempt_paragraph: 7, meeting_id: meeting.id });
      items.tender = await add(items.contract.id, { kind: 'report', title: 'Tender evaluation report', content: 'Scores of each bidder.' });
    });

    it('checks a document\'s kind, title, link, position and exemption, naming each field', async () => {
      const before = auditCount();
      const res = await srv.admin('POST', `/api/v1/agenda-items/${items.audit.id}/documents`, { body: { kind: 'minutes', title: '', url: 'ftp://x', position: 9, exempt_paragraph: 2 } });
      assertProblem(res, 422, { fields: ['kind', 'title', 'url', 'position', 'exempt_reason'] });
      const item = await srv.admin('POST', `/api/v1/agenda-items/${items.audit.id}/documents`, { body: { kind: 'report', title: 'X', item_id: items.risk.id } });
      assertProblem(item, 422, { fields: ['item_id'] });
      assert.equal(auditCount(), before);
    });

    it('shows everything to the clerk, the administrator and a member of the committee before publication; the presenter, not on the committee, waits for it', async () => {
      assertProblem(await srv.api('GET', `/api/v1/agenda-items/${items.contract.id}`, { token: tokens.presenter }), 404);
      for (const who of ['admin', 'clerk', 'member']) {
        const res = await srv.api('GET', `/api/v1/agenda-items/${items.contract.id}`, { token: as(who) });
        assert.equal(res.status, 200, `${who}: ${res.text}`);
        const v = res.json;
        assert.deepEqual([v.exempt, v.redacted, v.exempt_notice, v.exempt_wording], [true, false, CONTRACT_NOTICE, PARAGRAPH_3], who);
        assert.equal(v.report_summary, 'Bidder B scored 78% and offered £1.2M a year less than bidder A.', who);
        assert.deepEqual(v.documents.map((d) => d.title), ['Tender evaluation report'], who);
      }
    });

    it('keeps an unpublished agenda from the public and from a non-member: 404 for its items and their documents', async () => {
      for (const who of ['anonymous', 'outsider']) {
        assertProblem(await srv.api('GET', `/api/v1/meetings/${meeting.id}/items`, { token: as(who) }), 404);
        assertProblem(await srv.api('GET', `/api/v1/agenda-items/${items.audit.id}`, { token: as(who) }), 404);
        assertProblem(await srv.api('GET', `/api/v1/agenda-items/${items.audit.id}/documents`, { token: as(who) }), 404);
        assertProblem(await srv.api('GET', `/api/v1/agenda-documents/${items.report.id}`, { token: as(who) }), 404);
      }
      const member = await agenda(meeting.id, 'member');
      assert.equal(member.length, 9, 'a member of the committee reads the agenda before it is published');
    });
  });

  describe('publication', () => {
    it('publishes an agenda in time: published_at set, no reason needed, the deadline met, audited as publish', async () => {
      const m = await getMeeting(meeting.id);
      const publication = m.deadlines.find((d) => d.name === 'agenda_publication');
      assert.equal(publication.state, 'due');
      const res = await srv.api('POST', `/api/v1/meetings/${meeting.id}/publication`, { token: tokens.clerk, headers: ifMatch(m.version) });
      assert.equal(res.status, 200, res.text);
      assert.match(res.json.published_at, ISO_TS_RE);
      assert.equal(res.json.late_reason, '');
      assert.equal(res.json.version, m.version + 1);
      assert.equal(res.json.sequence, m.sequence, 'publication is not a calendar change');
      assert.equal(res.headers.get('etag'), `W/"${m.version + 1}"`);
      meeting = res.json;
      const after = (await getMeeting(meeting.id)).deadlines.find((d) => d.name === 'agenda_publication');
      assert.deepEqual([after.state, after.done_on, after.exception], ['met', meeting.published_at.slice(0, 10), '']);
      const audit = srv.sqlRows(`SELECT action, before_json, after_json FROM audit_log WHERE entity_id = '${meeting.id}' ORDER BY id`);
      assert.deepEqual(audit.map((a) => a.action), ['create', 'publish']);
      assert.equal(JSON.parse(audit[1].before_json).published_at, null);
      assert.equal(JSON.parse(audit[1].after_json).published_at, meeting.published_at);
    });

    it('refuses to publish twice (409) or without a version (428)', async () => {
      const twice = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/publication`, { headers: ifMatch(meeting.version) });
      assertProblem(twice, 409, { detail: /already published/ });
      const none = await srv.admin('POST', `/api/v1/meetings/${late.id}/publication`, {});
      assertProblem(none, 428);
      const stale = await srv.admin('POST', `/api/v1/meetings/${late.id}/publication`, { headers: ifMatch(99) });
      assertProblem(stale, 409);
      assert.deepEqual(actions(meeting.id), ['create', 'publish']);
    });

    it('refuses a late agenda without the reason for urgency, naming late_reason and the last day', async () => {
      const m = await getMeeting(late.id);
      const due = m.deadlines.find((d) => d.name === 'agenda_publication').due;
      assert.ok(due < fromToday(0), `the last day ${due} has passed`);
      for (const body of [undefined, { late_reason: '   ' }]) {
        const res = await srv.admin('POST', `/api/v1/meetings/${late.id}/publication`, { headers: ifMatch(m.version), body });
        const p = assertProblem(res, 422, { fields: ['late_reason'] });
        assert.equal(p.errors[0].message, `The agenda is late: the last day to publish it, leaving 5 clear working days before the meeting on ${longDate(late.date)}, was ${longDate(due)}. Enter the reason for urgency: why it could not wait`);
      }
      assert.equal(srv.sql(`SELECT published_at IS NULL FROM meetings WHERE id = '${late.id}'`), backend === 'postgres' ? 't' : '1');
    });

    it('publishes a late agenda with the reason, recorded on the meeting and shown in the deadline\'s lines and exception', async () => {
      const m = await getMeeting(late.id);
      const reason = 'The auditor\'s report arrived on Monday and the accounts must be signed off by the end of the month.';
      const res = await srv.admin('POST', `/api/v1/meetings/${late.id}/publication`, { headers: ifMatch(m.version), body: { late_reason: `  ${reason} ` } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.late_reason, reason);
      assert.deepEqual(srv.sqlRows(`SELECT late_reason, version FROM meetings WHERE id = '${late.id}'`)[0], { late_reason: reason, version: m.version + 1 });
      const d = (await getMeeting(late.id)).deadlines.find((x) => x.name === 'agenda_publication');
      assert.equal(d.state, 'late');
      assert.equal(d.exception, reason);
      assert.equal(d.lines.at(-1), `The reason for urgency: ${reason}`);
      assert.match(d.lines.at(-2), /^Published on \w+day \d+ \w+ \d{4}, leaving \d clear working days?: fewer than 5\.$/);
      assert.deepEqual(actions(late.id), ['create', 'publish']);
    });

    it('refuses to publish a cancelled meeting (409)', async () => {
      const made = await call('POST', '/api/v1/meetings', { token: srv.token, body: { body_id: body.id, date: fromToday(90), start_time: '18:30' } });
      assert.equal(made.status, 201, made.text);
      const cancelled = await call('PATCH', `/api/v1/meetings/${made.json.id}`, { token: srv.token, headers: ifMatch(1), body: { status: 'cancelled', status_reason: 'No business.' } });
      assert.equal(cancelled.status, 200, cancelled.text);
      const res = await srv.admin('POST', `/api/v1/meetings/${made.json.id}/publication`, { headers: ifMatch(cancelled.json.version) });
      assertProblem(res, 409, { detail: /cancelled/ });
    });

    it('refuses a publication by a viewer as if the meeting were not there (404)', async () => {
      const m = await getMeeting(late.id);
      assertProblem(await srv.api('POST', `/api/v1/meetings/${late.id}/publication`, { token: tokens.member, headers: ifMatch(m.version) }), 404);
      assertProblem(await srv.api('POST', `/api/v1/meetings/${late.id}/publication`, { headers: ifMatch(m.version) }), 401);
    });
  });

  describe('after publication', () => {
    it('adds a supplement, numbered next in the same sequence, marked as such', async () => {
      const res = await srv.api('POST', `/api/v1/meetings/${meeting.id}/items`, { token: tokens.clerk, body: { title: 'External auditor\'s annual report' } });
      assert.equal(res.status, 201, res.text);
      items.external = res.json;
      assert.deepEqual([items.external.number, items.external.supplement], [10, true]);
      const number = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Placed', number: 5 } });
      assertProblem(number, 422, { fields: ['number'] });
      assert.equal(number.json.errors[0].message, 'The agenda is published, so its numbers are fixed: an item added now is a supplement, numbered 11. Leave number out');
    });

    it('keeps the published numbers: no item can be moved', async () => {
      const risk = await current(items.risk.id);
      const res = await srv.admin('PATCH', `/api/v1/agenda-items/${items.risk.id}`, { headers: ifMatch(risk.version), body: { number: 5 } });
      assertProblem(res, 422, { fields: ['number'] });
    });

    it('withdraws an item archived after publication: it keeps its number and stays on the agenda, and the next supplement comes after it', async () => {
      const res = await srv.admin('POST', `/api/v1/agenda-items/${items.external.id}/archive`, { headers: ifMatch(items.external.version) });
      assert.equal(res.status, 200, res.text);
      const risk = await current(items.risk.id);
      assert.equal(risk.number, 8, 'nothing renumbered');
      items.urgent = await addItem(meeting.id, { title: 'Urgent item: the pension fund valuation' });
      assert.equal(items.urgent.number, 11);
      const list = await agenda(meeting.id, 'anonymous');
      assert.deepEqual(lines(list), [
        '1 Apologies for absence', '2 Declarations of interest', '3 Minutes of the meeting held on 3 March', '4 Action log',
        '5 Statement of accounts 2025/26', '6 Internal audit progress report', '7 Treasury management mid-year review', '8 Strategic risk register',
        '9 Award of the leisure centres management contract',
        '10 External auditor\'s annual report (withdrawn) [supplement]', '11 Urgent item: the pension fund valuation [supplement]',
      ]);
      const withdrawn = await srv.api('GET', `/api/v1/agenda-items/${items.external.id}`);
      assert.equal(withdrawn.status, 200, withdrawn.text);
      assert.match(withdrawn.json.archived_at, ISO_TS_RE);
      assert.deepEqual(actions(items.external.id), ['create', 'archive']);
      assert.deepEqual(actions(items.risk.id), ['create', 'renumber', 'renumber', 'renumber', 'renumber']);
    });

    it('links an item both ways, shown on the item', async () => {
      const link = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'agenda_item', from_id: items.treasury.id, to_type: 'agenda_item', to_id: items.accounts.id, kind: 'relates_to' } });
      assert.equal(link.status, 201, link.text);
      const from = (await current(items.treasury.id)).links;
      const to = (await current(items.accounts.id)).links;
      assert.deepEqual(from.map((l) => [l.outgoing, l.other.type, l.other.id]), [[true, 'agenda_item', items.accounts.id]]);
      assert.deepEqual(to.map((l) => [l.outgoing, l.other.type, l.other.id]), [[false, 'agenda_item', items.treasury.id]]);
      assert.match(to[0].other.label, /^Item 7 Treasury management mid-year review/);
      const list = await agenda(meeting.id);
      assert.deepEqual(list.find((i) => i.id === items.treasury.id).links, [], 'the list leaves links to the item\'s own page');
    });
  });

  describe('who sees the exempt item of a published agenda', () => {
    before(async () => {
      const link = await srv.admin('POST', '/api/v1/links', { body: { from_type: 'agenda_item', from_id: items.contract.id, to_type: 'agenda_item', to_id: items.risk.id, kind: 'relates_to' } });
      assert.equal(link.status, 201, link.text);
    });

    for (const who of ['anonymous', 'outsider']) {
      it(`shows ${who === 'anonymous' ? 'an anonymous visitor' : 'a signed-in non-member'} the title and the public notice, and nothing of the content, in the list, the item and its documents`, async () => {
        const list = await agenda(meeting.id, who);
        const listed = list.find((i) => i.id === items.contract.id);
        const res = await srv.api('GET', `/api/v1/agenda-items/${items.contract.id}`, { token: as(who) });
        assert.equal(res.status, 200, res.text);
        for (const v of [listed, res.json]) {
          assert.equal(v.title, 'Award of the leisure centres management contract');
          assert.equal(v.number, 9);
          assert.deepEqual([v.exempt, v.redacted, v.exempt_paragraph, v.exempt_notice, v.exempt_wording], [true, true, 3, CONTRACT_NOTICE, PARAGRAPH_3]);
          assert.deepEqual([v.purpose, v.report_summary, v.recommendations, v.exempt_reason, v.minutes_told], ['', '', '', '', '']);
          assert.deepEqual(v.documents, []);
          assert.deepEqual(v.links, []);
          assert.ok(!JSON.stringify(v).includes('Bidder B'), 'no word of the report');
          assert.ok(!JSON.stringify(v).includes('Tender evaluation'), 'no word of its documents');
        }
        const docs = await srv.api('GET', `/api/v1/agenda-items/${items.contract.id}/documents`, { token: as(who) });
        assert.equal(docs.status, 200, docs.text);
        assert.deepEqual(docs.json.items, []);
        assertProblem(await srv.api('GET', `/api/v1/agenda-documents/${items.tender.id}`, { token: as(who) }), 404);
        // A document exempt on its own, on an item that is not, is hidden alike.
        const audit = await srv.api('GET', `/api/v1/agenda-items/${items.audit.id}/documents`, { token: as(who) });
        assert.deepEqual(audit.json.items.map((d) => d.title), ['Appendix A: audits completed', 'The internal audit plan', 'Internal audit progress report']);
        assertProblem(await srv.api('GET', `/api/v1/agenda-documents/${items.fraud.id}`, { token: as(who) }), 404);
        const open = await srv.api('GET', `/api/v1/agenda-documents/${items.report.id}`, { token: as(who) });
        assert.equal(open.status, 200, open.text);
        assert.equal(open.json.content, 'The **full** report.');
      });
    }

    for (const who of ['member', 'presenter', 'clerk']) {
      it(`shows ${who === 'clerk' ? 'an editor of the body' : `the ${who}`} the whole item, its documents and its links`, async () => {
        const res = await srv.api('GET', `/api/v1/agenda-items/${items.contract.id}`, { token: as(who) });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.json.redacted, false);
        assert.equal(res.json.recommendations, 'That the contract is awarded to Bidder B for ten years.');
        assert.equal(res.json.exempt_reason, 'Disclosure would prejudice the council\'s commercial position while the contract is negotiated.');
        assert.deepEqual(res.json.documents.map((d) => d.title), ['Tender evaluation report']);
        assert.deepEqual(res.json.links.map((l) => l.other.id), [items.risk.id]);
        const doc = await srv.api('GET', `/api/v1/agenda-documents/${items.tender.id}`, { token: as(who) });
        assert.equal(doc.status, 200, doc.text);
        const fraud = await srv.api('GET', `/api/v1/agenda-documents/${items.fraud.id}`, { token: as(who) });
        assert.equal(fraud.status, 200, fraud.text);
      });
    }
  });

  describe('minutes on an item', () => {
    it('makes the meeting\'s minutes a draft when an item\'s minutes are first written', async () => {
      assert.equal(srv.sql(`SELECT minutes_status FROM meetings WHERE id = '${meeting.id}'`), 'none');
      const audit = await current(items.audit.id);
      const res = await srv.api('PATCH', `/api/v1/agenda-items/${items.audit.id}`, { token: tokens.clerk, headers: ifMatch(audit.version), body: { minutes_told: 'The Head of Internal Audit said eleven audits were complete.', minutes_questions: '- Why were two audits deferred?' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.minutes_told, 'The Head of Internal Audit said eleven audits were complete.');
      assert.equal(srv.sql(`SELECT minutes_status FROM meetings WHERE id = '${meeting.id}'`), 'draft');
      assert.deepEqual(actions(meeting.id), ['create', 'publish', 'update']);
    });

    it('refuses to change an item\'s minutes, archive an item or add one once the meeting\'s minutes are approved, pointing to a correction (409)', async () => {
      // Approval is the minutes' own route; here the row is set as an approval leaves it.
      srv.sql(`UPDATE meetings SET minutes_status = 'approved' WHERE id = '${meeting.id}'`);
      const audit = await current(items.audit.id);
      const before = auditCount();
      const res = await srv.admin('PATCH', `/api/v1/agenda-items/${items.audit.id}`, { headers: ifMatch(audit.version), body: { minutes_told: 'Rewritten.' } });
      assertProblem(res, 409, { detail: /approved.*POST \/api\/v1\/meetings\/\{id\}\/minutes\/corrections/ });
      const risk = await current(items.risk.id);
      assertProblem(await srv.admin('POST', `/api/v1/agenda-items/${items.risk.id}/archive`, { headers: ifMatch(risk.version) }), 409);
      assertProblem(await srv.admin('POST', `/api/v1/meetings/${meeting.id}/items`, { body: { title: 'Added to the record afterwards' } }), 409, { detail: /approved and are now locked/ });
      assert.equal(auditCount(), before);
      assert.equal(srv.sql(`SELECT minutes_told FROM agenda_items WHERE id = '${items.audit.id}'`), 'The Head of Internal Audit said eleven audits were complete.');
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
