// SPDX-License-Identifier: AGPL-3.0-or-later
// The council's calendar over HTTP and on the command line: bank holidays with the
// council's own days, working-day sums, periods and timing phrases.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, assertStopsCleanly, assertProblem, lastLine, civicBin } from './harness.mjs';

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
    // Issue 7, item 11: a second closure day on one date is the documented 409, not a 422.
    const conflict = assertProblem(twice, 409);
    assert.match(conflict.detail, /already has a change on/);
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

  it('marks a meeting that falls on a bank holiday or a closure day, over HTTP and on the command line', async () => {
    const closure = await srv.admin('POST', '/api/v1/calendar/days', { body: { date: '2027-06-14', name: 'Staff training day', change: 'add' } });
    assert.equal(closure.status, 201, closure.text);
    const q = new URLSearchParams({ rule: 'every Monday', first: '2027-05-03', time: '10:00', from: '2027-05-01', to: '2027-06-21' });
    const res = await srv.api('GET', `/api/v1/calendar/meetings?${q}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.meetings.map((m) => [m.date, m.holiday, m.holiday_name, m.moved_from]), [
      ['2027-05-03', true, 'Early May bank holiday', null],
      ['2027-05-10', false, null, null],
      ['2027-05-17', false, null, null],
      ['2027-05-24', false, null, null],
      ['2027-05-31', true, 'Spring bank holiday', null],
      ['2027-06-07', false, null, null],
      ['2027-06-14', true, 'Staff training day', null],
      ['2027-06-21', false, null, null],
    ]);
    const cli = await srv.cli(['calendar', 'meetings', 'every Monday', '--first', '2027-05-03', '--from', '2027-05-01',
      '--to', '2027-06-21', '--db', srv.dbPath]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, [
      '2027-05-03T10:00\t2027-05-03T09:00:00Z\ton a holiday: Early May bank holiday',
      '2027-05-10T10:00\t2027-05-10T09:00:00Z',
      '2027-05-17T10:00\t2027-05-17T09:00:00Z',
      '2027-05-24T10:00\t2027-05-24T09:00:00Z',
      '2027-05-31T10:00\t2027-05-31T09:00:00Z\ton a holiday: Spring bank holiday',
      '2027-06-07T10:00\t2027-06-07T09:00:00Z',
      '2027-06-14T10:00\t2027-06-14T09:00:00Z\ton a holiday: Staff training day',
      '2027-06-21T10:00\t2027-06-21T09:00:00Z',
      '',
    ].join('\n'));
  });

  it('moves a meeting off a holiday to the next working day with skip_holidays, saying from which day', async () => {
    const q = new URLSearchParams({ rule: 'every Monday', first: '2027-05-03', time: '10:00', from: '2027-05-01', to: '2027-06-21', skip_holidays: 'true' });
    const res = await srv.api('GET', `/api/v1/calendar/meetings?${q}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.meetings.map((m) => [m.local, m.utc, m.holiday, m.holiday_name, m.moved_from]), [
      ['2027-05-04T10:00', '2027-05-04T09:00:00Z', true, 'Early May bank holiday', '2027-05-03'],
      ['2027-05-10T10:00', '2027-05-10T09:00:00Z', false, null, null],
      ['2027-05-17T10:00', '2027-05-17T09:00:00Z', false, null, null],
      ['2027-05-24T10:00', '2027-05-24T09:00:00Z', false, null, null],
      ['2027-06-01T10:00', '2027-06-01T09:00:00Z', true, 'Spring bank holiday', '2027-05-31'],
      ['2027-06-07T10:00', '2027-06-07T09:00:00Z', false, null, null],
      ['2027-06-15T10:00', '2027-06-15T09:00:00Z', true, 'Staff training day', '2027-06-14'],
      ['2027-06-21T10:00', '2027-06-21T09:00:00Z', false, null, null],
    ]);
    // Good Friday 2027 is in GMT; Easter Monday follows it, and the Tuesday after is in BST.
    const cli = await srv.cli(['calendar', 'meetings', 'every Friday', '--first', '2027-03-19', '--from', '2027-03-19',
      '--to', '2027-04-02', '--skip-holidays', '--db', srv.dbPath]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, [
      '2027-03-19T10:00\t2027-03-19T10:00:00Z',
      '2027-03-30T10:00\t2027-03-30T09:00:00Z\tmoved from Friday 26 March 2027 (Good Friday)',
      '2027-04-02T10:00\t2027-04-02T09:00:00Z',
      '',
    ].join('\n'));
    const maybe = new URLSearchParams({ rule: 'every Monday', first: '2027-05-03', time: '10:00', from: '2027-05-01', to: '2027-06-21', skip_holidays: 'maybe' });
    assertProblem(await srv.api('GET', `/api/v1/calendar/meetings?${maybe}`), 422, { fields: ['skip_holidays'] });
  });

  it('refuses a --db that does not exist, instead of leaving out the council’s closure days', async () => {
    const missing = path.join(srv.dir, 'no-such.db');
    for (const args of [
      ['calendar', 'holidays', '--from', '2026-12-24', '--to', '2026-12-31', '--db', missing],
      ['calendar', 'add-working-days', '2026-12-24', '1', '--db', missing],
      ['calendar', 'meetings', 'every Monday', '--first', '2026-12-28', '--from', '2026-12-28', '--to', '2026-12-31', '--db', missing],
    ]) {
      const r = await srv.cli(args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr, `civic: There is no database at ${missing}, so the council's own closure days cannot be counted. ` +
        'Check --db, or leave it out to count the bank holidays alone.\n', args.join(' '));
    }
    assert.equal(existsSync(missing), false);
  });

  it('counts the bank holidays alone when no database is named and var/civic.db is missing, but not when $CIVIC_DB names a missing one', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'civic-nodb-'));
    try {
      const env = { ...process.env };
      delete env.CIVIC_DB;
      const args = ['calendar', 'holidays', '--from', '2026-12-24', '--to', '2026-12-31'];
      const alone = spawnSync(civicBin, args, { cwd, env, encoding: 'utf8' });
      assert.equal(alone.status, 0, alone.stderr);
      assert.equal(alone.stdout, '2026-12-25\tChristmas Day\n2026-12-28\tBoxing Day (substitute day)\n');
      assert.equal(alone.stderr, '');
      assert.equal(existsSync(path.join(cwd, 'var')), false);
      const named = spawnSync(civicBin, args, { cwd, env: { ...env, CIVIC_DB: 'elsewhere.db' }, encoding: 'utf8' });
      assert.equal(named.status, 1);
      assert.equal(named.stdout, '');
      assert.equal(named.stderr, "civic: There is no database at elsewhere.db, so the council's own closure days cannot be counted. " +
        'Check $CIVIC_DB, or unset it to count the bank holidays alone.\n');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
