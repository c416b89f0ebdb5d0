// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's cases (data/demo/cases/), loaded last by `civic demo`, read back through
// the API on SQLite and PostgreSQL: the number of each type and how many are open today; the
// ICT incidents by priority, timed in working hours; complaints that went to stage 2, each reviewed by another
// officer than the one who answered stage 1; the Ombudsman's four findings, the one of
// maladministration and injustice with its remedy and compliance date, each enquiry naming its
// complaint; the FOI fee notices, paid, unpaid and pending; the share of FOI requests answered
// on time, in 2025/26 Q1 and over all; open cases running, stopped and overdue today; every
// step audited on its own day; and `civic check` clean afterwards.
//
// The closed cases have fixed dates from April 2025, so what they show never changes; the open
// ones are received working days before today, so only their statuses follow today, and this
// file checks those loosely.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, auditRows, backend } from './harness.mjs';

const COUNTS = { CMP: 60, FOI: 90, ICT: 60, LET: 40, MEM: 120, OMB: 4, PRT: 30 };
const OPEN = { CMP: 5, FOI: 6, ICT: 4, LET: 3, MEM: 8, PRT: 3 };

describe(`the demo council’s cases (${backend})`, { timeout: 180000 }, () => {
  let srv;
  let demo;
  const types = {}; // code → type
  const cases = {}; // code → every case of the type, as the list shows it
  const people = {}; // id → name

  const get = async (p) => {
    const res = await srv.admin('GET', p);
    assert.equal(res.status, 200, `${p}: ${res.text}`);
    return res.json;
  };
  async function allOf(type) {
    const out = [];
    let cursor = '';
    do {
      const page = await get(`/api/v1/cases?case_type_id=${type.id}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.items);
      cursor = page.next_cursor ?? '';
    } while (cursor);
    return out;
  }
  const target = (k, stage, key) => k.clock.stages.find((s) => s.key === stage)?.targets.find((t) => t.key === key);
  const tally = (xs) => xs.reduce((o, x) => ({ ...o, [x]: (o[x] ?? 0) + 1 }), {});

  before(async () => {
    srv = await startServer();
    demo = await srv.cli(['demo', '--db', srv.dbPath], { timeoutMs: 120000 });
    assert.equal(demo.code, 0, demo.stderr);
    for (const t of (await get('/api/v1/case-types')).items) types[t.code] = t;
    for (const code of Object.keys(COUNTS)) cases[code] = await allOf(types[code]);
    for (const r of srv.sqlRows('SELECT id, name FROM people')) people[r.id] = r.name;
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('civic demo loads the cases last and its summary counts what was stored', () => {
    assert.match(demo.stdout, /Loaded the demo risks: .*\nLoaded the demo cases: /);
    assert.match(
      demo.stdout,
      /^Loaded the demo cases: 404 cases, 29 of them open, with 669 responses and 539 other events\.$/m,
    );
    assert.deepEqual(
      srv.sqlRows('SELECT count(*) AS n FROM case_responses').concat(srv.sqlRows("SELECT count(*) AS n FROM case_events WHERE kind <> 'met'")),
      [{ n: 669 }, { n: 539 }],
    );
  });

  it('has the number of cases of each type the demo gives, and those open today', () => {
    assert.deepEqual(Object.fromEntries(Object.entries(cases).map(([code, ks]) => [code, ks.length])), COUNTS);
    const open = {};
    for (const [code, ks] of Object.entries(cases)) {
      const n = ks.filter((k) => k.status === 'open').length;
      if (n) open[code] = n;
    }
    assert.deepEqual(open, OPEN);
    // Numbered per type and year in the order received, from April 2025.
    const mem = cases.MEM.filter((k) => k.received_on < '2026-01-01').sort((a, b) => a.reference.localeCompare(b.reference));
    assert.equal(mem[0].reference, 'MEM-2025-0001');
    assert.equal(mem[0].received_on >= '2025-04-01', true);
    assert.deepEqual(mem.map((k) => k.received_on), mem.map((k) => k.received_on).sort());
  });

  it('records ICT incidents under the ICT type Civic ships with, each with its priority and the time it came in', async () => {
    assert.equal(Number(srv.sql("SELECT count(*) FROM case_types WHERE code = 'ICT'")), 1);
    assert.deepEqual(auditRows(srv.dbPath, types.ICT.id).map((r) => [r.action, r.actor]), [['create', 'cli']]);
    assert.ok(cases.ICT.every((k) => k.unit_name === 'ICT Support' && k.officer_name === 'Kevin Round'));
    assert.deepEqual(tally(cases.ICT.map((k) => k.priority)), { p1: 5, p2: 18, p3: 25, p4: 12 });
    assert.ok(cases.ICT.every((k) => /^\d\d:\d\d$/.test(k.received_at)));
    // ICT-2025-0001 (p3, received Thursday 10 April 2025 at 15:31): answered within 4 working
    // hours and fixed within 24, each met event keeping the time it was due.
    const first = srv.sqlRows("SELECT e.kind, e.on_date, e.at_time, e.due_when_met FROM case_events e JOIN cases k ON k.id = e.case_id WHERE k.reference = 'ICT-2025-0001' ORDER BY e.position");
    assert.deepEqual(first, [
      { kind: 'met', on_date: '2025-04-11', at_time: '09:51', due_when_met: '2025-04-11T11:31' },
      { kind: 'met', on_date: '2025-04-15', at_time: '11:13', due_when_met: '2025-04-15T15:31' },
      { kind: 'closed', on_date: '2025-04-15', at_time: null, due_when_met: null },
    ]);
    const k = (await get(`/api/v1/cases/${cases.ICT.find((x) => x.reference === 'ICT-2025-0001').id}`)).clock.stages[0].targets;
    assert.deepEqual(k.map((t) => [t.key, t.working_hours, t.status, t.due, t.due_at, t.met_on, t.met_at]), [
      ['response', 4, 'met', '2025-04-11', '11:31', '2025-04-11', '09:51'],
      ['fix', 24, 'met', '2025-04-15', '15:31', '2025-04-15', '11:13'],
    ]);
  });

  it('sends thirteen complaints to stage 2, each reviewed by an officer who had no part in stage 1', async () => {
    const atStage2 = cases.CMP.filter((k) => k.stage === 'stage2');
    assert.equal(atStage2.length, 13);
    assert.deepEqual(tally(atStage2.map((k) => k.status)), { closed: 12, open: 1 });
    for (const k of atStage2) {
      const full = await get(`/api/v1/cases/${k.id}`);
      const responses = (await get(`/api/v1/cases/${k.id}/responses`)).items;
      const stage1 = new Set(responses.filter((r) => r.stage_key === 'stage1').map((r) => r.officer_person_id));
      const escalated = full.events.filter((e) => e.kind === 'escalated');
      assert.equal(escalated.length, 1, k.reference);
      const reviewer = escalated[0].officer_person_id;
      assert.ok(['Daniel Mercer', 'Oliver Grant'].includes(people[reviewer]), people[reviewer]);
      assert.equal(stage1.has(reviewer), false, `${k.reference}: the reviewer answered stage 1`);
      assert.equal(k.officer_person_id, reviewer);
      for (const r of responses.filter((x) => x.stage_key === 'stage2')) assert.equal(r.officer_person_id, reviewer);
      // The final responses give the Ombudsman's details, as the Code asks.
      if (k.status === 'closed') assert.match(responses.at(-1).body, /Ombudsman/);
    }
    // Stage 1 in all: outcomes, and lessons learned recorded on some.
    const closed = cases.CMP.filter((k) => k.status === 'closed');
    assert.deepEqual(tally(closed.map((k) => k.outcome)), { 'not upheld': 23, 'partly upheld': 13, upheld: 16, withdrawn: 3 });
    assert.ok(closed.filter((k) => k.lessons).length >= 8);
    // Extensions of a complaint carry the day the complainant was told.
    const extended = srv.sqlRows("SELECT told_on, on_date FROM case_events e JOIN cases k ON k.id = e.case_id WHERE e.kind = 'extended' AND k.reference LIKE 'CMP-%'");
    assert.equal(extended.length, 7);
    assert.ok(extended.every((e) => e.told_on === e.on_date));
  });

  it('records the Ombudsman’s four findings, the one of maladministration and injustice with its remedy, each naming its complaint', async () => {
    const omb = cases.OMB;
    assert.deepEqual(
      omb.map((k) => [k.reference, k.status, k.outcome]).sort(),
      [
        ['OMB-2025-0001', 'closed', 'local settlement'],
        ['OMB-2026-0001', 'closed', 'upheld: maladministration and injustice'],
        ['OMB-2026-0002', 'closed', 'not upheld'],
        ['OMB-2026-0003', 'closed', 'closed after initial enquiries'],
      ],
    );
    const upheld = omb.find((k) => k.outcome.startsWith('upheld'));
    assert.match(upheld.remedy, /pay £250/);
    assert.match(upheld.lessons, /assisted collection register/);
    // Decided in 2025/26 (its one maladministration finding), put right before its compliance date.
    assert.ok(upheld.closed_on >= '2026-01-01' && upheld.closed_on <= '2026-03-31', upheld.closed_on);
    assert.ok(upheld.resolved_on > upheld.closed_on && upheld.resolved_on < upheld.remedy_due_on, `${upheld.resolved_on} ${upheld.remedy_due_on}`);
    const settled = omb.find((k) => k.outcome === 'local settlement');
    assert.match(settled.remedy, /refund the £84 summons costs/);
    // Each enquiry names its complaint, which went through both stages first.
    for (const k of omb) {
      const requester = await get(`/api/v1/cases/${k.id}/requester`);
      assert.equal(requester.requester_name, 'Local Government and Social Care Ombudsman');
      const ref = /CMP-\d{4}-\d{4}/.exec(requester.description)?.[0];
      const complaint = cases.CMP.find((c) => c.reference === ref);
      assert.ok(complaint, `${k.reference} names ${ref}`);
      assert.equal(complaint.stage, 'stage2');
      assert.ok(complaint.closed_on < k.received_on);
    }
    assert.equal(cases.CMP.find((c) => c.subject === 'Missed assisted bin collections, Holly Bank').outcome, 'upheld');
    // The reply is due on the date the Ombudsman's letter set; one reply was late.
    const replies = omb.map((k) => target(k, 'enquiry', 'reply').status).sort();
    assert.deepEqual(replies, ['met', 'met', 'met', 'met late']);
    const set = srv.sqlRows("SELECT count(*) AS n FROM case_events e JOIN cases k ON k.id = e.case_id WHERE e.kind = 'set' AND k.reference LIKE 'OMB-%'");
    assert.deepEqual(set, [{ n: 4 }]);
  });

  it('stops FOI clocks for fee notices: two paid and answered in time, one unpaid and closed, one waiting today', async () => {
    const withFee = srv.sqlRows(
      "SELECT k.id, k.status, k.outcome FROM cases k JOIN case_events e ON e.case_id = k.id WHERE e.kind = 'stopped' AND e.ends_disregarded ORDER BY k.received_on",
    );
    assert.equal(withFee.length, 4);
    const shown = withFee.map((f) => cases.FOI.find((k) => k.id === f.id));
    assert.deepEqual(
      shown.map((k) => [k.status, k.outcome, target(k, 'response', 'response').status]),
      [
        ['closed', 'information provided', 'met'],
        ['closed', 'fee not paid', 'closed'],
        ['closed', 'information provided', 'met'],
        ['open', '', 'stopped'],
      ],
    );
    assert.equal(shown[3].due_status, 'stopped');
    // The notice's days were disregarded: each paid one's due date is more than 20 working days
    // after it was received, as its explanation says.
    for (const k of [shown[0], shown[2]]) {
      const full = await get(`/api/v1/cases/${k.id}`);
      const t = target(full, 'response', 'response');
      assert.ok(t.explanation.some((line) => /fee/i.test(line)), t.explanation.join('\n'));
    }
  });

  it('answers 12 of the 14 FOI requests of 2025/26 Q1 that were answered in time (86%), and 72 of 82 over all', () => {
    const q1 = cases.FOI.filter((k) => k.received_on >= '2025-04-01' && k.received_on <= '2025-06-30');
    assert.equal(q1.length, 15);
    const statuses = tally(q1.map((k) => target(k, 'response', 'response').status));
    assert.deepEqual(statuses, { closed: 1, met: 12, 'met late': 2 });
    assert.equal(Math.round((1000 * statuses.met) / (statuses.met + statuses['met late'])) / 10, 85.7);
    const all = tally(cases.FOI.map((k) => target(k, 'response', 'response').status));
    assert.equal(all.met, 72);
    assert.equal(all['met late'], 10);
    // Five internal reviews, four done in time and one under way.
    const reviews = cases.FOI.filter((k) => k.stage === 'review');
    assert.equal(reviews.length, 5);
    assert.deepEqual(tally(reviews.map((k) => target(k, 'review', 'response').status)).met, 4);
  });

  it('gives the statistics their shapes: FOI answers dip in 2025/26 Q3, member enquiries when the bin rounds changed, complaints in the summer peak, letters when the support team was short, and 2025/26’s one maladministration finding', async () => {
    // [met on time, met late, overdue, percent] of a target, counted in the quarter it fell due.
    const onTime = async (period, code, stage, key) => {
      const s = await get(`/api/v1/case-statistics?period=${encodeURIComponent(period)}&case_type_id=${code}`);
      const t = s.types[0].stages.find((x) => x.key === stage).targets.find((x) => x.key === key);
      return [t.met_on_time, t.met_late, t.overdue, t.on_time.percent];
    };
    const quarters = (year) => ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${year} ${q}`);
    const each = (periods, ...args) => Promise.all(periods.map((p) => onTime(p, ...args)));
    assert.deepEqual(await each(quarters('2025/26'), 'FOI', 'response', 'response'), [
      [8, 1, 0, 88.9], [12, 1, 0, 92.3], [10, 4, 0, 71.4], [11, 2, 0, 84.6],
    ]);
    assert.deepEqual(await onTime('2025/26', 'FOI', 'response', 'response'), [41, 8, 0, 83.7]);
    assert.deepEqual((await each(quarters('2025/26'), 'MEM', 'response', 'response')).map((x) => x[3]), [90.9, 66.7, 66.7, 94.1]);
    assert.deepEqual(await onTime('2026/27 Q1', 'CMP', 'stage1', 'response'), [7, 2, 0, 77.8]);
    assert.deepEqual(await onTime('2026/27 Q2', 'LET', 'reply', 'reply'), [2, 2, 0, 50]);
    const omb = (await get('/api/v1/case-statistics?period=2025%2F26')).ombudsman;
    assert.deepEqual(
      [omb.decisions, omb.maladministration, omb.injustice, omb.local_settlements, omb.remedies.due, omb.remedies.complied_on_time],
      [2, 1, 1, 1, 1, 1],
    );
  });

  it('shows the shapes of the other types: member enquiries mostly answered in ten working days, letters slower in summer 2026', () => {
    const answered = (ks, stage, key) => tally(ks.map((k) => target(k, stage, key)?.status).filter((s) => s === 'met' || s === 'met late'));
    assert.deepEqual(answered(cases.MEM, 'response', 'response'), { met: 94, 'met late': 18 });
    assert.deepEqual(answered(cases.CMP, 'stage1', 'response'), { met: 49, 'met late': 4 });
    assert.deepEqual(answered(cases.ICT, 'incident', 'fix'), { met: 50, 'met late': 6 });
    assert.deepEqual(answered(cases.PRT, 'job', 'finished'), { met: 23, 'met late': 4 });
    const summer = cases.LET.filter((k) => k.received_on >= '2026-06-15' && k.status === 'closed');
    const rest = cases.LET.filter((k) => k.received_on < '2026-06-15');
    const lateShare = (ks) => ks.filter((k) => target(k, 'reply', 'reply').status === 'met late').length / ks.length;
    assert.ok(lateShare(summer) > 2 * lateShare(rest), `${lateShare(summer)} ${lateShare(rest)}`);
    // Some enquiries asked for a resident, and a few with the clock stopped for the councillor.
    assert.equal(Number(srv.sql("SELECT count(*) FROM cases WHERE requester_kind = 'councillor for a resident'")), 56);
  });

  it('leaves cases open today: running, stopped and overdue, and a complaint at stage 2', () => {
    const open = Object.values(cases).flat().filter((k) => k.status === 'open');
    assert.equal(open.length, 29);
    const statuses = new Set(open.map((k) => k.due_status));
    for (const s of ['overdue', 'stopped']) assert.ok(statuses.has(s), [...statuses].join(', '));
    assert.ok(statuses.has('running') || statuses.has('due soon'), [...statuses].join(', '));
    assert.ok(cases.CMP.some((k) => k.status === 'open' && k.stage === 'stage2'));
  });

  it('records each case and what happened to it on its own day, as the command line, with no personal data in the trail', () => {
    const k = cases.CMP.find((c) => c.subject === 'Missed assisted bin collections, Holly Bank');
    const trail = auditRows(srv.dbPath, k.id);
    // Its changes, by the command line, each a version on; this file's reads of its personal
    // data come after, as the administrator's.
    const changes = trail.filter((r) => r.action !== 'read');
    assert.equal(changes[0].action, 'create');
    assert.equal(changes[0].at.slice(0, 10), k.received_on);
    assert.ok(changes.every((r) => r.actor === 'cli'), changes.map((r) => r.actor).join());
    assert.deepEqual(changes.map((r) => r.after.version), changes.map((_, i) => i + 1));
    assert.deepEqual(
      changes.map((r) => r.action),
      ['create', 'respond', 'respond', 'close', 'escalate', 'respond', 'respond', 'close'],
    );
    assert.equal(changes.at(-1).at.slice(0, 10), k.closed_on);
    assert.ok(trail.filter((r) => r.action === 'read').every((r) => r.actor === 'admin'));
    assert.ok(trail.every((r) => !JSON.stringify(r.after).includes('Hickinbottom')));
  });

  it('leaves a database civic check finds sound, after this file has read requesters and responses (each read in the trail)', async () => {
    const checked = await srv.cli(['check', '--db', srv.dbPath], { timeoutMs: 120000 });
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /no problems found/);
  });
});
