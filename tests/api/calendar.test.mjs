// SPDX-License-Identifier: AGPL-3.0-or-later
// The council's calendar over HTTP and on the command line: bank holidays with the
// council's own days, working-day sums, periods and timing phrases.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertStopsCleanly, assertProblem, lastLine } from './harness.mjs';

describe('the council calendar', { timeout: 60000 }, () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('lists the bank holidays of England and Wales between two dates, anonymously', async () => {
    const res = await srv.api('GET', '/api/v1/calendar/holidays?from=2022-05-01&to=2022-09-30');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, {
      from: '2022-05-01',
      to: '2022-09-30',
      holidays: [
        { date: '2022-05-02', name: 'Early May bank holiday' },
        { date: '2022-06-02', name: 'Spring bank holiday' },
        { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
        { date: '2022-08-29', name: 'Summer bank holiday' },
        { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
      ],
    });
  });

  it('adds working days across Christmas, naming every day it skipped', async () => {
    const res = await srv.api('GET', '/api/v1/calendar/working-days?from=2024-12-20&add=10');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.date, '2025-01-08');
    assert.deepEqual(res.json.skipped.filter((d) => d.reason === 'bank_holiday').map((d) => d.name),
      ['Christmas Day', 'Boxing Day', 'New Year’s Day']);
  });

  it('counts working days, and clear working days, between two dates', async () => {
    const count = await srv.api('GET', '/api/v1/calendar/working-days?from=2025-04-14&to=2025-04-25');
    assert.equal(count.status, 200, count.text);
    assert.equal(count.json.working_days, 7);
    const clear = await srv.api('GET', '/api/v1/calendar/working-days?from=2025-04-14&to=2025-04-25&clear=true');
    assert.equal(clear.json.working_days, 6);
  });

  it('reads a period, with or without its slash encoded, into its canonical form', async () => {
    for (const path of ['/api/v1/calendar/periods/Q4%202025%2F26', '/api/v1/calendar/periods/2025/26%20Q4']) {
      const res = await srv.api('GET', path);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.equal(res.json.period, '2025/26 Q4');
      assert.equal(res.json.start, '2026-01-01');
      assert.equal(res.json.end, '2026-03-31');
      assert.equal(res.json.parent, '2025/26');
      assert.equal(res.json.previous, '2025/26 Q3');
      assert.equal(res.json.same_last_year, '2024/25 Q4');
    }
  });

  it('reads a timing phrase into a typed value that keeps the words', async () => {
    const res = await srv.api('GET', `/api/v1/calendar/timing?text=${encodeURIComponent('by July 1999')}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.text, 'by July 1999');
    assert.equal(res.json.kind, 'month');
    assert.equal(res.json.deadline, true);
    assert.equal(res.json.due_by, '1999-07-31');
    const unknown = await srv.api('GET', `/api/v1/calendar/timing?text=${encodeURIComponent('when the moon is blue')}`);
    assert.equal(unknown.status, 200);
    assert.equal(unknown.json.kind, 'unknown');
    assert.equal(unknown.json.for_review, true);
  });

  it('refuses bad dates, numbers and periods with 422 naming the parameter', async () => {
    for (const [path, field] of [
      ['/api/v1/calendar/holidays?from=2025-02-30&to=2025-12-31', 'from'],
      ['/api/v1/calendar/holidays?from=2025-12-31&to=2025-01-01', 'to'],
      ['/api/v1/calendar/holidays?from=1900-01-01&to=2100-01-01', 'to'],
      ['/api/v1/calendar/working-days?from=2025-01-01&add=ten', 'add'],
      ['/api/v1/calendar/working-days?from=2025-01-01&add=999999', 'add'],
      ['/api/v1/calendar/working-days?from=2025-01-01', 'add'],
      ['/api/v1/calendar/working-days?from=2025-01-01&add=1&to=2025-02-01', 'add'],
      ['/api/v1/calendar/periods/2025%2F27', 'text'],
      ['/api/v1/calendar/timing', 'text'],
    ]) {
      const res = await srv.api('GET', path);
      assertProblem(res, 422, { fields: [field] });
    }
  });

  it('lets an administrator add a closure day, which every sum then skips, and audits it', async () => {
    const before = srv.counts();
    const added = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2026-12-29', name: 'Council offices closed', change: 'add' } });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.headers.get('etag'), 'W/"1"');
    assert.equal(added.json.change, 'add');
    const holidays = await srv.api('GET', '/api/v1/calendar/holidays?from=2026-12-24&to=2026-12-31');
    assert.deepEqual(holidays.json.holidays.map((h) => h.name), ['Christmas Day', 'Boxing Day (substitute day)', 'Council offices closed']);
    const sum = await srv.api('GET', '/api/v1/calendar/working-days?from=2026-12-24&add=1');
    assert.equal(sum.json.date, '2026-12-30');
    assert.equal(srv.sql(`SELECT actor || ' ' || action FROM audit_log WHERE entity = 'calendar_day' AND entity_id = '${added.json.id}'`), 'admin create');
    // Location names the new day, which reads back as it was stored.
    assert.equal(added.headers.get('location'), `/api/v1/calendar/days/${added.json.id}`);
    const read = await srv.api('GET', added.headers.get('location'));
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.json, added.json);
    assert.equal(read.headers.get('etag'), 'W/"1"');
    assert.equal(srv.counts().audit_log, before.audit_log + 1);
  });

  it('lets an administrator remove a bank holiday the council works, and put it back', async () => {
    const removed = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2026-08-31', name: 'Summer bank holiday worked', change: 'remove' } });
    assert.equal(removed.status, 201, removed.text);
    let holidays = await srv.api('GET', '/api/v1/calendar/holidays?from=2026-08-01&to=2026-08-31');
    assert.deepEqual(holidays.json.holidays, []);
    // The archive takes only a version: another field is named and refused, changing nothing.
    const stray = await srv.admin('POST', `/api/v1/calendar/days/${removed.json.id}/archive`, { body: { version: 1, reason: 'no' } });
    assertProblem(stray, 422, { fields: ['reason'] });
    assert.equal(srv.sql(`SELECT version FROM calendar_days WHERE id = '${removed.json.id}'`), '1');
    const archived = await srv.admin('POST', `/api/v1/calendar/days/${removed.json.id}/archive`, { headers: { 'if-match': 'W/"1"' } });
    assert.equal(archived.status, 200, archived.text);
    holidays = await srv.api('GET', '/api/v1/calendar/holidays?from=2026-08-01&to=2026-08-31');
    assert.deepEqual(holidays.json.holidays.map((h) => h.date), ['2026-08-31']);
  });

  it('refuses council days from anyone but an administrator, and bad ones, storing nothing', async () => {
    const before = srv.counts();
    const count = () => srv.sql('SELECT count(*) FROM calendar_days');
    const stored = count();
    assertProblem(await srv.api('POST', '/api/v1/calendar/days', { body: { date: '2026-12-30', name: 'Closed', change: 'add' } }), 401);
    for (const [body, fields] of [
      [{ date: '2026-13-01', name: 'Closed', change: 'add' }, ['date']],
      [{ date: '2026-12-30', name: '', change: 'shut' }, ['name', 'change']],
      [{ date: '2026-12-30', name: 'Closed', change: 'add', colour: 'red' }, ['colour']],
    ]) {
      const res = await srv.admin('POST', '/api/v1/calendar/days', { body });
      assertProblem(res, 422, { fields });
    }
    const notHoliday = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2026-07-01', name: 'Worked', change: 'remove' } });
    assertProblem(notHoliday, 422, { fields: ['date'] });
    const twice = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2026-12-29', name: 'Closed again', change: 'add' } });
    assert.ok([409, 422].includes(twice.status), twice.text);
    assert.equal(count(), stored);
    assert.deepEqual(srv.counts(), before);
  });

  it('answers the same on the command line, with the council days from the database', async () => {
    const holidays = await srv.cli(['calendar', 'holidays', '--from', '2026-12-24', '--to', '2026-12-31', '--db', srv.dbPath]);
    assert.equal(holidays.code, 0, holidays.stderr);
    assert.equal(holidays.stdout, '2026-12-25\tChristmas Day\n2026-12-28\tBoxing Day (substitute day)\n2026-12-29\tCouncil offices closed\n');
    const add = await srv.cli(['calendar', 'add-working-days', '2026-12-24', '1', '--db', srv.dbPath]);
    assert.equal(lastLine(add.stdout), '2026-12-30');
    const period = await srv.cli(['calendar', 'period', '2025-26']);
    assert.equal(JSON.parse(period.stdout).period, '2025/26');
    const timing = await srv.cli(['calendar', 'timing', 'Autumn 1999']);
    assert.equal(JSON.parse(timing.stdout).due_by, '1999-11-30');
    const bad = await srv.cli(['calendar', 'period', 'Q5 2025/26']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /civic: .*Q5/);
  });

  it('lists a body’s meetings at a fixed UK time across the clock change', async () => {
    const q = new URLSearchParams({ rule: 'every Tuesday', first: '2025-03-18', time: '10:00', from: '2025-03-18', to: '2025-04-08' });
    const res = await srv.api('GET', `/api/v1/calendar/meetings?${q}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.rule, 'FREQ=WEEKLY;BYDAY=TU');
    assert.deepEqual(res.json.meetings.map((m) => [m.local, m.utc]), [
      ['2025-03-18T10:00', '2025-03-18T10:00:00Z'],
      ['2025-03-25T10:00', '2025-03-25T10:00:00Z'],
      ['2025-04-01T10:00', '2025-04-01T09:00:00Z'],
      ['2025-04-08T10:00', '2025-04-08T09:00:00Z'],
    ]);
    const monthly = new URLSearchParams({ rule: 'FREQ=MONTHLY;BYDAY=1WE', first: '2025-01-01', time: '14:30', from: '2025-07-01', to: '2025-09-30' });
    const m = await srv.api('GET', `/api/v1/calendar/meetings?${monthly}`);
    assert.deepEqual(m.json.meetings.map((x) => x.date), ['2025-07-02', '2025-08-06', '2025-09-03']);
  });

  it('refuses a schedule it cannot read, naming each field', async () => {
    const q = new URLSearchParams({ rule: 'every blue moon', first: '2025-13-01', time: '25:00', from: '2025-01-01', to: '2025-12-31' });
    const res = await srv.api('GET', `/api/v1/calendar/meetings?${q}`);
    assertProblem(res, 422, { fields: ['rule', 'first', 'time'] });
    const secondly = new URLSearchParams({ rule: 'FREQ=SECONDLY', first: '2025-01-01', time: '10:00', from: '2025-01-01', to: '2025-01-02' });
    assertProblem(await srv.api('GET', `/api/v1/calendar/meetings?${secondly}`), 422, { fields: ['rule'] });
    const cli = await srv.cli(['calendar', 'meetings', 'the first Wednesday of each month', '--first', '2025-01-01',
      '--time', '14:30', '--from', '2025-10-01', '--to', '2025-11-30']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, '2025-10-01T14:30\t2025-10-01T13:30:00Z\n2025-11-05T14:30\t2025-11-05T14:30:00Z\n');
  });

  it('refuses bad dates, spans and schedules on the command line with exit 2 and a clear message', async () => {
    for (const [args, message] of [
      [['calendar', 'add-working-days', '2025-13-01', '5'], /DATE must be a real date/],
      [['calendar', 'add-working-days', '2025-01-01', 'five'], /n/],
      [['calendar', 'holidays', '--from', '2025-12-31', '--to', '2025-01-01'], /--to must be the same as or after --from/],
      [['calendar', 'meetings', 'every blue moon', '--first', '2025-01-01', '--from', '2025-01-01', '--to', '2025-02-01'], /rule: Civic did not expect "blue"/],
      [['calendar', 'meetings', 'every Tuesday', '--first', '2025-01-01', '--time', '9am', '--from', '2025-01-01', '--to', '2025-02-01'], /time: Give the time of day as HH:MM/],
    ]) {
      const r = await srv.cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
