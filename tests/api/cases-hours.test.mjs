// SPDX-License-Identifier: AGPL-3.0-or-later
// Cases timed in working hours (issue 12): ICT incidents, whose targets Civic ships by priority
// (p1: a first response in 1 working hour and the fix in 4; p4: 8 and 40), counted in the
// office hours of working days, 09:00 to 17:00. A case of such a type needs its priority and
// the time it came in; responses and clock changes on a past day need their times; the clock
// stops and restarts to the minute; an extension adds working hours; a new priority or a new
// bank holiday moves every open due time; every due time says how it was counted.
//
// Dates are fixed in the past so the due times never change; only the statuses of open targets
// follow the day the tests run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, backend } from './harness.mjs';

describe(`cases: targets in working hours (${backend})`, { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const p = {};
  let ict;
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const getCase = async (id) => {
    const res = await srv.admin('GET', `/api/v1/cases/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  };
  const post = async (id, action, body) => srv.admin('POST', `/api/v1/cases/${id}/${action}`, { headers: ifMatch(await getCase(id)), body });
  const ok = async (id, action, body) => {
    const res = await post(id, action, body);
    assert.ok(res.status === 200 || res.status === 201, `${action} → ${res.status} ${res.text}`);
    return res.json;
  };
  const targets = async (id) => Object.fromEntries((await getCase(id)).clock.stages[0].targets.map((t) => [t.key, t]));
  const incident = (body) => ({
    case_type_id: 'ICT', channel: 'phone', requester_kind: 'organisation', requester_name: 'Planning and Regeneration',
    subject: 'Planning system down', unit_id: u.desk.id, officer_person_id: p.kevin.id, ...body,
  });

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.desk = await create(srv, 'units', { name: 'ICT Support', kind: 'team', parent_id: u.council.id });
    p.kevin = await create(srv, 'people', { name: 'Kevin Round', kind: 'officer' });
    ict = (await srv.admin('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'ICT');
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('asks for the priority and, for a day gone by, the time it came in, naming each field', async () => {
    const before = Number(srv.sql('SELECT count(*) FROM cases'));
    const none = assertProblem(await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', received_at: '16:00' }) }), 422, { fields: ['priority'] });
    assert.match(none.errors[0].message, /Choose the priority: p1 \(Priority 1: critical \(a service is down\)\), p2/);
    assertProblem(await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', priority: 'p9', received_at: '16:00' }) }), 422, { fields: ['priority'] });
    const untimed = assertProblem(await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', priority: 'p1' }) }), 422, { fields: ['received_at'] });
    assert.match(untimed.errors[0].message, /^ICT incident targets are counted in working hours: give the time it was received, for example 14:30$/);
    assertProblem(await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', priority: 'p1', received_at: '4pm' }) }), 422, { fields: ['received_at'] });
    // A type without priorities takes none.
    const letter = assertProblem(await srv.admin('POST', '/api/v1/cases', { body: incident({ case_type_id: 'LET', received_on: '2026-11-27', priority: 'p1' }) }), 422, { fields: ['priority'] });
    assert.equal(letter.errors[0].message, 'The case type Letter has no priorities');
    assert.equal(Number(srv.sql('SELECT count(*) FROM cases')), before);
  });

  it('counts a priority 1 incident from Friday 16:00: answered by 17:00, fixed by Monday 12:00, and says how', async () => {
    const k = (await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', received_at: '16:00', priority: 'Priority 1: critical (a service is down)' }) })).json;
    assert.deepEqual([k.priority, k.received_at], ['p1', '16:00']);
    assert.deepEqual(srv.sqlRows(`SELECT priority, received_at FROM cases WHERE id = '${k.id}'`), [{ priority: 'p1', received_at: '16:00' }]);
    assert.deepEqual([auditRows(srv.dbPath, k.id)[0].after.priority, auditRows(srv.dbPath, k.id)[0].after.received_at], ['p1', '16:00']);
    const t = await targets(k.id);
    assert.deepEqual([t.response.working_hours, t.response.due, t.response.due_at, t.response.in_hours], [1, '2026-11-27', '17:00', true]);
    assert.deepEqual([t.fix.working_hours, t.fix.due, t.fix.due_at], [4, '2026-11-30', '12:00']);
    // Monday 30 November is St Andrew's Day, a bank holiday in Scotland only: the council works it.
    assert.deepEqual(t.fix.explanation, [
      'Counted from receipt on Friday 27 November 2026 at 16:00.',
      'Counted in working hours: 09:00 to 17:00 on working days.',
      '4 working hours from then is Monday 30 November 2026 at 12:00.',
      'Skipped: Saturday 28 and Sunday 29 November (weekend).',
      'Due: Monday 30 November 2026 at 12:00.',
    ]);

    // A response on a day gone by needs its time; sent at 16:45 it is on time, and the met
    // event keeps the time it was due.
    assertProblem(await post(k.id, 'responses', { target: 'response', sent_on: '2026-11-27', body: 'Logged.' }), 422, { fields: ['sent_at'] });
    assertProblem(await post(k.id, 'responses', { target: 'response', sent_on: '2026-11-27', sent_at: '24:10', body: 'Logged.' }), 422, { fields: ['sent_at'] });
    const r = await ok(k.id, 'responses', { target: 'response', sent_on: '2026-11-27', sent_at: '16:45', body: 'Logged; an engineer is on it.' });
    assert.equal(r.sent_at, '16:45');
    assert.deepEqual(srv.sqlRows(`SELECT kind, on_date, at_time, due_when_met FROM case_events WHERE case_id = '${k.id}'`), [
      { kind: 'met', on_date: '2026-11-27', at_time: '16:45', due_when_met: '2026-11-27T17:00' },
    ]);
    const met = (await targets(k.id)).response;
    assert.deepEqual([met.status, met.met_on, met.met_at, met.working_minutes_left], ['met', '2026-11-27', '16:45', 15]);
    const event = (await getCase(k.id)).events[0];
    assert.deepEqual([event.at, event.due_when_met, event.due_when_met_at], ['16:45', '2026-11-27', '17:00']);
  });

  it('stops and restarts the clock to the minute, extends it by working hours, and moves with the priority', async () => {
    const k = (await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-27', received_at: '16:00', priority: 'p1', subject: 'Email down' }) })).json;
    assertProblem(await post(k.id, 'clock', { action: 'stop', on: '2026-11-30', reason: 'Waiting for the supplier' }), 422, { fields: ['at'] });
    assertProblem(await post(k.id, 'clock', { action: 'stop', on: '2026-11-30', at: '9.30', reason: 'Waiting for the supplier' }), 422, { fields: ['at'] });
    await ok(k.id, 'clock', { action: 'stop', on: '2026-11-30', at: '09:30', reason: 'Waiting for the supplier' });
    assert.deepEqual([(await targets(k.id)).fix.status, (await targets(k.id)).fix.due], ['stopped', null]);
    await ok(k.id, 'clock', { action: 'restart', on: '2026-11-30', at: '11:00' });
    let fix = (await targets(k.id)).fix;
    assert.deepEqual([fix.due, fix.due_at], ['2026-11-30', '13:30']);
    assert.ok(fix.explanation.includes('Stopped at Monday 30 November 2026 at 09:30 (Waiting for the supplier) and restarted at Monday 30 November 2026 at 11:00: 1 working hour 30 minutes not counted.'), fix.explanation.join('\n'));

    // An extension adds working hours, within the target's 40.
    const refused = assertProblem(await post(k.id, 'clock', { action: 'extend', on: '2026-11-30', at: '12:00', target: 'fix', hours: 41, reason: 'A part is on order' }), 422, { fields: ['hours'] });
    assert.match(refused.errors[0].message, /may be extended by 40 working hours in all/);
    const inDays = assertProblem(await post(k.id, 'clock', { action: 'extend', on: '2026-11-30', at: '12:00', target: 'fix', days: 2, reason: 'A part is on order' }), 422, { fields: ['days'] });
    assert.equal(inDays.errors[0].message, 'The fix is counted in working hours: give the working hours the extension adds as hours');
    await ok(k.id, 'clock', { action: 'extend', on: '2026-11-30', at: '12:00', target: 'fix', hours: 2, reason: 'A part is on order' });
    fix = (await targets(k.id)).fix;
    assert.deepEqual([fix.due, fix.due_at, fix.extended_by], ['2026-11-30', '15:30', 2]);

    // Priority 2 gives the fix 8 working hours: 1 on Friday, 7 on Monday less the stop, plus
    // the extension's 2, so Tuesday at 11:30.
    const changed = await srv.admin('PATCH', `/api/v1/cases/${k.id}`, { headers: ifMatch(await getCase(k.id)), body: { priority: 'p2' } });
    assert.equal(changed.status, 200, changed.text);
    fix = (await targets(k.id)).fix;
    assert.deepEqual([fix.working_hours, fix.due, fix.due_at], [8, '2026-12-01', '11:30']);
  });

  it('moves an open due time when a bank holiday is added, and leaves a met one as it was', async () => {
    const open = (await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-20', received_at: '10:00', priority: 'p4', subject: 'New starter laptop' }) })).json;
    const answered = (await srv.admin('POST', '/api/v1/cases', { body: incident({ received_on: '2026-11-20', received_at: '10:00', priority: 'p4', subject: 'Printer jam' }) })).json;
    await ok(answered.id, 'responses', { target: 'fix', sent_on: '2026-11-26', sent_at: '11:00', body: 'Cleared the jam.' });
    const fixOf = async (id) => {
      const t = (await targets(id)).fix;
      return [t.due, t.due_at, t.status];
    };
    // 40 working hours from Friday 20 November at 10:00: Friday 27 November at 10:00.
    assert.deepEqual(await fixOf(open.id), ['2026-11-27', '10:00', 'overdue']);
    assert.deepEqual(await fixOf(answered.id), ['2026-11-27', '10:00', 'met']);
    const holiday = await create(srv, 'calendar/days', { date: '2026-11-23', name: 'A national day of celebration', change: 'bank holiday' });
    assert.ok(holiday.id);
    assert.deepEqual(await fixOf(open.id), ['2026-11-30', '10:00', 'overdue']);
    assert.deepEqual(await fixOf(answered.id), ['2026-11-27', '10:00', 'met']);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
