// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's governance (data/demo/governance/), loaded by `civic demo` after the
// council, its plans and its indicators, on SQLite and PostgreSQL, read back through the API:
// the bodies with the settings and terms of reference the seeds give them; the Executive
// Management Group meeting every week and the Senior Management Group on the first Tuesday of
// each month, held before today and to come after it; seed 004's scrutiny panel meeting as the
// clerk minuted it, its resolution a decision and its action open and carried forward onto the
// panel's later meetings; the Cabinet's contract award exempt under paragraph 3, hidden from
// anonymous visitors and councillors off the Cabinet and shown to a Cabinet member; the
// forward plan and the work programme; and `civic check` clean afterwards.
//
// The demo runs on any date: its meetings are placed relative to today, so this file works out
// what it expects from today too (the server's clock and this file's are the same machine's).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, assertStopsCleanly, runCli, lastLine, repoRoot } from './harness.mjs';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const DAY = 86400000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso) => Date.parse(`${iso}T00:00:00Z`);
const weekday = (iso) => new Date(dayMs(iso)).getUTCDay(); // 0 Sunday … 6 Saturday
const addDays = (iso, n) => isoDay(dayMs(iso) + n * DAY);

const PANEL = 'Corporate Overview and Scrutiny Panel';
const ITEM = 'Corporate Support directorate: structure, future projects and plans';
const PURPOSE =
  'The Director for Corporate Support will provide an update to the panel showing the structure of Corporate Support as well as highlighting future projects and plans.';
const RESOLUTION =
  'Agreed that Adam Broome, Director for Corporate Support would distribute to all panel members the analysis of customers using pay point services.';
const PRESENTERS = ['Steven Ricketts', 'Richard Ball', 'Ian Bowyer', 'Adam Broome', 'Neville Cannon', 'Mark Grimley'];
const EXEMPT_ITEM = 'Award of the ICT managed service contract';

const seedFile = (name) => readFileSync(path.join(repoRoot, 'data', 'demo', 'governance', name), 'utf8');

describe('the demo council’s governance', { timeout: 120000 }, () => {
  let srv;
  let demo;
  let today;
  const bodies = {}; // name → body
  const tokens = {};

  const get = async (p, token = srv.token) => {
    const res = await srv.api('GET', p, { token });
    assert.equal(res.status, 200, `${p}: ${res.text}`);
    return res.json;
  };
  const meetingsOf = async (name, token = srv.token) => // null: anonymous
   
    (await get(`/api/v1/meetings?body_id=${bodies[name].id}&limit=200`, token)).items;

  async function addUser(username, person) {
    const added = await srv.cli(
      ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', person, '--person', person,
        '--role', 'viewer', '--unit', 'Graphics Studio', '--password-stdin'],
      { input: 'a-long-enough-password-1\n' },
    );
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }

  // Seed 004's meeting: the panel's meeting whose item 5 is the directorate's update.
  const seedMeetingId = () =>
    srv.sqlRows(`SELECT meeting_id FROM agenda_items WHERE title = ${q(ITEM)}`).map((r) => r.meeting_id);
  const exemptItemId = () =>
    srv.sqlRows(`SELECT id FROM agenda_items WHERE title = ${q(EXEMPT_ITEM)}`).map((r) => r.id);

  before(async () => {
    srv = await startServer();
    demo = await srv.cli(['demo', '--db', srv.dbPath]);
    assert.equal(demo.code, 0, demo.stderr);
    today = isoDay(Date.now());
    for (const b of (await get('/api/v1/bodies')).items) bodies[b.name] = b;
    tokens.cabinet = await addUser('cllr.ricketts', 'Steven Ricketts');
    tokens.offCabinet = await addUser('cllr.begum', 'Shazia Begum');
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('civic demo loads the governance last, and its summary counts what was stored', () => {
    const m = /^Loaded the demo governance: 8 bodies, (\d+) meetings, (\d+) agenda items, 2 decisions, 1 action\.$/m.exec(demo.stdout);
    assert.ok(m, demo.stdout);
    assert.match(demo.stdout, /Loaded the demo indicators: .*\n(.*\n)*Loaded the demo governance/);
    const [meetings, items] = [Number(m[1]), Number(m[2])];
    assert.equal(meetings, Number(srv.sql('SELECT count(*) FROM meetings')));
    assert.equal(items, Number(srv.sql('SELECT count(*) FROM agenda_items')));
    // Four standard items for every meeting, and the two the demo tells.
    assert.equal(items, 4 * meetings + 2);
    assert.deepEqual(srv.sqlRows('SELECT count(*) AS n FROM decisions'), [{ n: 2 }]);
    assert.deepEqual(srv.sqlRows('SELECT count(*) AS n FROM actions'), [{ n: 1 }]);
  });

  it('each body has the kind, access, quorum and schedule the demo gives it, and its terms of reference from the seeds', async () => {
    const shown = Object.values(bodies)
      .map((b) => [b.name, b.kind, b.access, b.executive, b.quorum, b.schedule_rrule, b.schedule_time, b.members.length])
      .sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(shown, [
      ['Audit Committee', 'audit', 'public', false, 2, 'FREQ=MONTHLY;INTERVAL=2;BYDAY=4TU', '18:30', 3],
      ['Cabinet', 'cabinet', 'public', true, 3, 'FREQ=MONTHLY;BYDAY=-1WE', '18:00', 5],
      ['Chief Officer Board', 'officer_group', 'private', false, null, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', '10:00', 5],
      ['Corporate Overview and Scrutiny Panel', 'scrutiny', 'public', false, 3, 'FREQ=MONTHLY;BYDAY=2TH', '18:00', 4],
      ['Customers and Communities Overview and Scrutiny Panel', 'scrutiny', 'public', false, 3, 'FREQ=MONTHLY;BYDAY=3TH', '18:00', 4],
      ['Executive Management Group', 'officer_group', 'private', false, null, 'FREQ=WEEKLY;BYDAY=TU', '09:30', 3],
      ['Senior Management Group', 'officer_group', 'private', false, null, 'FREQ=MONTHLY;BYDAY=1TU', '14:00', 13],
      ['Urban Environment Directorate Management Team', 'officer_group', 'private', false, null, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', '10:00', 6],
    ]);
    // The EMG's twelve duties (seed 001), word for word, are its terms of reference.
    const emg = bodies['Executive Management Group'].terms_of_reference;
    assert.match(emg, /^The officers within the Executive Management Group are responsible for the corporate management of the council and meet on a weekly basis/);
    const duties = emg.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(duties.length, 12);
    assert.equal(duties[0], "- Identify key challenges and opportunities which will affect the council's working environment and prepare responses as appropriate;");
    assert.equal(duties[11], '- Deal with the resolution of conflict.');
    assert.match(bodies['Senior Management Group'].terms_of_reference, /meets on a monthly basis with all of the heads of service/);
    assert.match(bodies['Chief Officer Board'].terms_of_reference, /Co-ordination of business agenda for Chief Officer Board and Leader's meetings/);
    assert.match(bodies['Urban Environment Directorate Management Team'].terms_of_reference, /General support to DMT and the Corporate Board agendas/);
    assert.match(bodies[PANEL].terms_of_reference, /holding decision makers to account/);
  });

  it('the Executive Management Group meets every Tuesday at 09:30 from thirteen weeks before today to twenty-six weeks after, held before today and scheduled after, seen only by those it is for', async () => {
    const meetings = await meetingsOf('Executive Management Group');
    assert.ok(meetings.length >= 38 && meetings.length <= 40, `${meetings.length} meetings`);
    for (const [n, m] of meetings.entries()) {
      assert.equal(weekday(m.date), 2, `${m.date} is a Tuesday`);
      assert.deepEqual([m.start_time, m.duration_minutes, m.venue], ['09:30', 90, "Chief Executive's meeting room, Civic Centre"]);
      if (n > 0) assert.equal(m.date, addDays(meetings[n - 1].date, 7), 'a week after the one before');
      if (m.status !== 'cancelled') assert.equal(m.status, m.date < today ? 'held' : 'scheduled', m.date);
    }
    assert.ok(meetings[0].date >= addDays(today, -91) && meetings[0].date < addDays(today, -84), meetings[0].date);
    assert.ok(meetings.at(-1).date <= addDays(today, 182) && meetings.at(-1).date > addDays(today, 175), meetings.at(-1).date);
    // A private officer group: not to the public, nor to a councillor who is not on it.
    assert.deepEqual(await meetingsOf('Executive Management Group', null), []);
    assert.deepEqual(await meetingsOf('Executive Management Group', tokens.cabinet), []);
  });

  it('the Senior Management Group meets on the first Tuesday of each month, the afternoon after the EMG', async () => {
    const meetings = await meetingsOf('Senior Management Group');
    assert.ok(meetings.length >= 8 && meetings.length <= 10, `${meetings.length} meetings`);
    for (const [n, m] of meetings.entries()) {
      assert.equal(weekday(m.date), 2, `${m.date} is a Tuesday`);
      assert.ok(Number(m.date.slice(8)) <= 7, `${m.date} is the month's first Tuesday`);
      assert.equal(m.start_time, '14:00');
      if (n > 0) assert.notEqual(m.date.slice(0, 7), meetings[n - 1].date.slice(0, 7), 'one a month');
    }
  });

  it('every public agenda is published once the law’s five clear days before it have come, and no earlier meeting is left unpublished', async () => {
    for (const name of ['Cabinet', PANEL, 'Customers and Communities Overview and Scrutiny Panel', 'Audit Committee']) {
      const meetings = await meetingsOf(name, null);
      assert.ok(meetings.length >= 4, `${name}: ${meetings.length} meetings`);
      for (const m of meetings) {
        const publication = m.deadlines.find((d) => d.name === 'agenda_publication');
        assert.ok(publication, `${name} ${m.date} has its publication deadline`);
        if (m.date < today) assert.equal(m.published, true, `${name} ${m.date}`);
        if (m.published) assert.equal(publication.state, 'met', `${name} ${m.date}: ${JSON.stringify(publication)}`);
      }
    }
  });

  it('seed 004’s meeting reads as the clerk minuted it: who came, who presented, what the panel was told, the questions, and its resolution', async () => {
    const ids = seedMeetingId();
    assert.equal(ids.length, 1);
    // Anyone may read it: a public panel's published minutes.
    const minutes = await get(`/api/v1/meetings/${ids[0]}/minutes`, null);
    const m = minutes.meeting;
    assert.deepEqual([m.body_name, m.status, m.published, weekday(m.date)], [PANEL, 'held', true, 4]);
    // About eight weeks before today: the panel's second-Thursday meeting nearest to it.
    assert.ok(m.date >= addDays(today, -56 - 17) && m.date <= addDays(today, -56 + 17), m.date);
    assert.equal(m.quorum.sentence, 'Quorate: 3 members present; the quorum is 3.');

    const attendance = minutes.attendance.map((a) => [a.name, a.capacity, a.status]).sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(attendance, [
      ['Adam Broome', 'officer', 'present'],
      ['Alison Reeve', 'member', 'present'],
      ['Ian Bowyer', 'guest', 'present'],
      ['Janet Crump', 'member', 'apologies'],
      ['Mark Grimley', 'officer', 'present'],
      ['Neville Cannon', 'officer', 'present'],
      ['Richard Ball', 'guest', 'present'],
      ['Shazia Begum', 'member', 'present'],
      ['Steven Ricketts', 'guest', 'present'],
      ['Tony Whitmore', 'member', 'present'],
    ]);

    assert.deepEqual(minutes.items.map((i) => [i.number, i.title]), [
      [1, 'Apologies for absence'],
      [2, 'Declarations of interest'],
      [3, 'Minutes of the previous meeting'],
      [4, 'Action log'],
      [5, ITEM],
    ]);
    assert.equal(minutes.items[0].minutes_told, 'Apologies for absence were received from Councillor Janet Crump.');
    assert.equal(minutes.items[1].minutes_told, 'No declarations of interest were made.');

    const item = minutes.items[4];
    assert.equal(item.purpose, PURPOSE);
    assert.deepEqual(item.presenter_names, PRESENTERS);
    // The minutes are the seed's, word for word.
    assert.equal(item.minutes_told, seedFile('seed-004-told.md').trimEnd());
    assert.equal(item.minutes_questions, seedFile('seed-004-questions.md').trimEnd());
    assert.match(item.minutes_told, /^Councillor Steven Ricketts, Cabinet Member for Transformation, Performance and Governance, .* presented an overview of the Corporate Support Directorate\.\n\nThe panel was informed that –\n/);
    for (const words of [
      'the 2011-2012 Corporate Support budget was £26.849M',
      'received over 1 million contacts per year, which was only 32 per cent of total contact with the council; the national benchmark was 81 per cent',
      '**Customer Services and Business Transformation**',
      '**Finance, Assets and Efficiencies**',
      '**Information, Communication and Technology (ICT)**',
      '**Human Resources and Organisational Development (HR & OD)**',
      '**Democracy and Governance**',
      'To achieve this ICT awarded contracts to two providers',
    ]) assert.ok(item.minutes_told.includes(words), words);
    assert.match(item.minutes_questions, /^Following questions from members it was reported that –\n\n- the council had undertaken to analyse pay point transactions/);

    assert.deepEqual(item.resolutions.map((d) => [d.text, d.decision_maker, d.decided_on, d.key_decision, d.executive]), [
      [RESOLUTION, PANEL, m.date, false, false],
    ]);
    const decisions = await get(`/api/v1/decisions?meeting_id=${m.id}`, null);
    assert.deepEqual(decisions.items.map((d) => d.text), [RESOLUTION]);
  });

  it('its minutes are approved at the panel’s next meeting once that has been held, and the next meeting’s minutes say so', async () => {
    const [id] = seedMeetingId();
    const agenda = await get(`/api/v1/meetings/${id}/agenda`);
    const next = agenda.next;
    assert.ok(next, 'the panel meets again');
    const minutes = await get(`/api/v1/meetings/${id}/minutes`, null);
    if (next.date < today) {
      assert.equal(minutes.meeting.minutes_status, 'approved');
      assert.equal(minutes.meeting.minutes_approved_at_meeting_id, next.id);
      assert.equal(minutes.approved_at.id, next.id);
      const then = await get(`/api/v1/meetings/${next.id}/minutes`, null);
      assert.match(then.items[2].minutes_told, /^The minutes of the meeting held on \d{1,2} \w+ \d{4} were approved as a correct record and signed by the Chair\.$/);
      assert.equal(then.meeting.minutes_status, 'draft');
    } else {
      assert.equal(minutes.meeting.minutes_status, 'draft');
      assert.equal(minutes.approved_at, null);
    }
  });

  it('the action it agreed is Adam Broome’s, open and overdue, and carried forward onto the action log of each later meeting of the panel', async () => {
    const [id] = seedMeetingId();
    const agenda = await get(`/api/v1/meetings/${id}/agenda`, null);
    assert.equal(agenda.actions.length, 1);
    const action = agenda.actions[0];
    assert.deepEqual(
      [action.text, action.owner, action.status, action.due_date, action.carried, action.closed_on],
      ['Distribute to all panel members the analysis of customers using pay point services.', 'Adam Broome', 'open', addDays(agenda.meeting.date, 28), 'new', null],
    );
    assert.equal(action.overdue, action.due_date < today);
    assert.deepEqual(agenda.action_log, [], 'the panel had no earlier actions');

    // Onto the next meeting's action log, and on to every later one until it is closed (read
    // by the clerk: an agenda not yet published shows the public the meeting alone).
    let later = agenda.next;
    let carried = 0;
    while (later) {
      const then = await get(`/api/v1/meetings/${later.id}/agenda`);
      assert.deepEqual(then.action_log.map((a) => [a.id, a.carried, a.owner]), [[action.id, 'carried forward', 'Adam Broome']], later.date);
      assert.deepEqual(then.actions, []);
      carried += 1;
      later = then.next;
    }
    assert.ok(carried >= 5, `carried onto ${carried} meetings`);
  });

  it('the Cabinet’s contract award is exempt under paragraph 3: anonymous visitors and councillors off the Cabinet see that it is exempt and nothing more, a Cabinet member sees it all', async () => {
    const ids = exemptItemId();
    assert.equal(ids.length, 1);
    for (const token of [null, tokens.offCabinet]) {
      const hidden = await get(`/api/v1/agenda-items/${ids[0]}`, token);
      assert.deepEqual(
        [hidden.title, hidden.exempt, hidden.redacted, hidden.exempt_paragraph, hidden.exempt_notice],
        [EXEMPT_ITEM, true, true, 3, 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972'],
      );
      assert.deepEqual(
        [hidden.purpose, hidden.report_summary, hidden.recommendations, hidden.exempt_reason, hidden.minutes_told, hidden.documents],
        ['', '', '', '', '', []],
      );
      assert.ok(!JSON.stringify(hidden).includes('Bidder 3'));
    }
    const shown = await get(`/api/v1/agenda-items/${ids[0]}`, tokens.cabinet);
    assert.equal(shown.redacted, false);
    assert.match(shown.report_summary, /Lot 1: Bidder 3 scored 86\.4 per cent/);
    assert.match(shown.recommendations, /^- That Lot 1 be awarded to Bidder 3/);
    assert.match(shown.exempt_reason, /public interest in keeping that information exempt outweighs the public interest in disclosing it/);
    assert.deepEqual(shown.documents.map((d) => [d.kind, d.title, d.exempt_paragraph]), [['report', 'Evaluation of tenders (exempt)', 3]]);
    assert.match(shown.documents[0].content, /\| 1 \| Bidder 3 \| 50\.4 \| 36\.0 \| 86\.4 \|/);
    assert.deepEqual(shown.presenter_names, ['Steven Ricketts', 'Neville Cannon']);

    // The Cabinet met about three weeks ago, in part in private after its 28 days' notice, and
    // its agenda was published in time.
    const meetingId = shown.meeting_id;
    const meeting = await get(`/api/v1/meetings/${meetingId}`, null);
    assert.deepEqual([meeting.body_name, meeting.status, meeting.published], ['Cabinet', 'held', true]);
    assert.ok(meeting.date <= addDays(today, -4) && meeting.date >= addDays(today, -21 - 17), meeting.date);
    for (const d of meeting.deadlines) assert.equal(d.state, 'met', JSON.stringify(d));
    const names = meeting.deadlines.map((d) => d.name);
    assert.ok(names.includes('agenda_publication') && names.includes('private_notice'), names.join(', '));

    // Its decision is public; its reasons are not, but to those entitled.
    const [publicView] = (await get(`/api/v1/decisions?meeting_id=${meetingId}`, null)).items;
    assert.deepEqual(
      [publicView.title, publicView.key_decision, publicView.executive, publicView.exempt_paragraph, publicView.redacted, publicView.reasons, publicView.options_considered],
      [EXEMPT_ITEM, true, true, 3, true, '', ''],
    );
    assert.match(publicView.text, /^Agreed that the ICT managed service contract be awarded in two lots, to the two providers ranked first/);
    assert.equal(publicView.published_on > publicView.decided_on, true);
    assert.ok(publicView.call_in, 'an executive decision has its call-in window');
    const [memberView] = (await get(`/api/v1/decisions?meeting_id=${meetingId}`, tokens.cabinet)).items;
    assert.equal(memberView.redacted, false);
    assert.match(memberView.reasons, /most economically advantageous/);
  });

  it('the forward plan gives the Cabinet’s two key decisions with their 28 clear days’ notice, the contract award taken by its decision', async () => {
    const cabinet = bodies.Cabinet.id;
    const entries = (await get(`/api/v1/forward-plan?body_id=${cabinet}`, null)).items;
    assert.deepEqual(
      entries.map((e) => [e.reference, e.title, e.decision_maker, e.lead_member_name, e.lead_officer_name, e.status, e.key_decision, e.notice.state]),
      [
        ['KD-ICT-01', EXEMPT_ITEM, 'Cabinet', 'Steven Ricketts', 'Neville Cannon', 'taken', true, 'met'],
        ['KD-PROP-02', 'Accommodation Strategy, Phase II', 'Cabinet', 'Ian Bowyer', 'Martin Hollis', 'planned', true, 'met'],
      ],
    );
    const [ict, property] = entries;
    // The exempt entry's summary is its notice of exemption to the public.
    assert.equal(ict.redacted, true);
    assert.equal(ict.summary, 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972');
    const [decision] = (await get(`/api/v1/decisions?meeting_id=${ict.meeting_id}`, null)).items;
    assert.deepEqual([ict.decision_id, decision.forward_plan_id], [decision.id, ict.id]);
    assert.equal(ict.planned_on, decision.decided_on);
    // Eight weeks' and eleven weeks' notice: more than the law's 28 clear days.
    assert.equal(ict.first_published_on <= addDays(ict.planned_on, -54), true, ict.first_published_on);
    assert.ok(property.planned_on > today && property.first_published_on < today, JSON.stringify(property));
    assert.match(property.summary, /Phase II of the Accommodation Strategy/);
  });

  it('the Customers and Communities panel’s work programme has the review seed 004 says it will carry out, at two of its coming meetings', async () => {
    const topics = (await get(`/api/v1/bodies/${bodies['Customers and Communities Overview and Scrutiny Panel'].id}/work-programme`, null)).items;
    assert.deepEqual(
      topics.map((t) => [t.title, t.status, t.lead_member_names, t.meetings.length]),
      [['Review of communication with customers using social networking', 'scheduled', ['Peter Hadley'], 2]],
    );
    assert.match(topics[0].description, /would be reviewing communication with customers using social networking means/);
    for (const m of topics[0].meetings) assert.ok(m.date > today, m.date);
    const corporate = (await get(`/api/v1/bodies/${bodies[PANEL].id}/work-programme`, null)).items;
    assert.deepEqual(corporate.map((t) => [t.title, t.status, t.lead_member_names]), [['Pay point services and libraries', 'proposed', ['Shazia Begum']]]);
  });

  it('the panel’s one action is open in the action list, and overdue once its due date has passed', async () => {
    const actions = (await get(`/api/v1/actions?body_id=${bodies[PANEL].id}`, null)).items;
    assert.deepEqual(actions.map((a) => [a.owner, a.status, a.body_name, a.overdue]), [['Adam Broome', 'open', PANEL, actions[0].due_date < today]]);
    const open = (await get(`/api/v1/actions?status=open`, null)).items;
    assert.deepEqual(open.map((a) => a.id), [actions[0].id]);
  });

  it('civic check finds nothing wrong with the demo’s database', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /no problems found/);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
