// SPDX-License-Identifier: AGPL-3.0-or-later
// Calendar feeds (issue 10, item 10): GET /api/v1/bodies/{id}/calendar.ics and
// GET /api/v1/people/{id}/calendar.ics, read back by two iCalendar parsers Civic did not write
// (Debian's python3-icalendar and npm's ical.js), never by matching strings: the weekly
// Executive Management Group as one event per meeting, UIDs the same in every fetch, SEQUENCE
// bumped by a change of time, a cancelled meeting STATUS:CANCELLED, 10:00 on the UK's wall
// clock at 09:00Z in July and 10:00Z in December (ical.js has no time zone data of its own, so
// it reads them from the feed's VTIMEZONE), a person's feed holding the meetings of their
// bodies while they sat on them, and a private body's feed refused to whoever may not read it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ICAL from 'ical.js';
import { startServer, assertProblem, assertStopsCleanly, create, lastLine } from './harness.mjs';

// Debian's python3 (its python3-icalendar is installed for it), or $CIVIC_PYTHON.
const PYTHON = process.env.CIVIC_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

// The feed as python3-icalendar reads it: each event's fields, its times in UTC.
const PY_READER = `
import json, sys
from datetime import datetime, date, timezone
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
def when(ev, name):
    if name not in ev: return None
    prop = ev[name]
    v = ev.decoded(name)
    if isinstance(v, datetime):
        return {'utc': v.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), 'tzid': prop.params.get('TZID')}
    return {'date': v.isoformat()}
out = {
    'version': str(cal.get('VERSION')),
    'prodid': str(cal.get('PRODID')),
    'timezones': [str(tz.get('TZID')) for tz in cal.walk('VTIMEZONE')],
    'events': [{
        'uid': str(ev.get('UID')),
        'sequence': int(ev.get('SEQUENCE', 0)),
        'status': str(ev.get('STATUS')),
        'summary': str(ev.get('SUMMARY')),
        'description': str(ev.get('DESCRIPTION')),
        'location': str(ev.get('LOCATION')) if ev.get('LOCATION') is not None else None,
        'url': str(ev.get('URL')) if ev.get('URL') is not None else None,
        'class': str(ev.get('CLASS')),
        'rrule': ev.get('RRULE') is not None,
        'start': when(ev, 'DTSTART'),
        'end': when(ev, 'DTEND'),
    } for ev in cal.walk('VEVENT')],
}
print(json.dumps(out))
`;

function readWithPython(text) {
  const r = spawnSync(PYTHON, ['-c', PY_READER], { input: text, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw new Error(`could not run ${PYTHON}: ${r.error.message}`);
  assert.equal(r.status, 0, `python3-icalendar could not read the feed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The feed as ical.js reads it, with the feed's own VTIMEZONE registered for its TZID.
function readWithIcalJs(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zones = cal.getAllSubcomponents('vtimezone');
  for (const z of zones) ICAL.TimezoneService.register(z);
  const utc = (t) => t.toJSDate().toISOString().replace('.000Z', 'Z');
  return {
    version: cal.getFirstPropertyValue('version'),
    timezones: zones.map((z) => z.getFirstPropertyValue('tzid')),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const ev = new ICAL.Event(v);
      return {
        uid: ev.uid,
        sequence: ev.sequence,
        status: v.getFirstPropertyValue('status'),
        summary: ev.summary,
        description: ev.description,
        location: ev.location,
        url: v.getFirstPropertyValue('url'),
        rrule: ev.isRecurring(),
        tzid: v.getFirstProperty('dtstart').getParameter('tzid'),
        start: utc(ev.startDate),
        end: utc(ev.endDate),
      };
    }),
  };
}

// Every Tuesday from one date to another, inclusive (dates as YYYY-MM-DD).
function tuesdays(from, to) {
  const out = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() === 2) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

// 10:00 on the UK's wall clock on a date, in UTC: an hour earlier in summer time (from the
// last Sunday of March to the last Sunday of October).
function tenInLondon(date) {
  const lastSunday = (month) => {
    const d = new Date(Date.UTC(Number(date.slice(0, 4)), month + 1, 0));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.toISOString().slice(0, 10);
  };
  const summer = date >= lastSunday(2) && date < lastSunday(9);
  return `${date}T${summer ? '09' : '10'}:00:00Z`;
}

describe('calendar feeds', { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const people = {};
  const tokens = {};
  let emg;
  let audit;
  let july;
  let december;

  // The bodies and meetings these tests read are made through the routes of the meetings
  // part of the module, whose answers its own tests check; here they only set the scene.
  const setup = async (method, path, body, headers = {}) => {
    const res = await fetch(`${srv.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
  const feed = (path, token = srv.token) => srv.api('GET', path, { token });
  const bodyFeed = (id, token) => feed(`/api/v1/bodies/${id}/calendar.ics`, token);
  const personFeed = (id, token) => feed(`/api/v1/people/${id}/calendar.ics`, token);
  const ok = (res) => {
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    return res.text;
  };
  const addUser = async (username, role, { unit, person } = {}) => {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    if (person) args.push('--person', person);
    assert.equal((await srv.cli(args, { input: 'a-long-enough-password-1\n' })).code, 0);
    return lastLine((await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username])).stdout);
  };

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.support = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.children = await create(srv, 'units', { name: 'Children and Families', kind: 'directorate', parent_id: u.council.id });
    people.sam = await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: u.support.id });
    people.priya = await create(srv, 'people', { name: 'Priya Shah', kind: 'councillor', honorific_prefix: 'Councillor', unit_id: u.council.id });

    // The Executive Management Group: private, every Tuesday at 10:00, from July to December.
    emg = await setup('POST', '/api/v1/bodies', {
      name: 'Executive Management Group',
      parent_id: u.council.id,
      kind: 'officer_group',
      access: 'private',
      schedule_phrase: 'every Tuesday',
      schedule_first_date: '2031-07-01',
      schedule_time: '10:00',
      duration_minutes: 90,
      venue: 'Room 2, Civic Centre',
    });
    await setup('POST', `/api/v1/bodies/${emg.id}/meetings/generation`, { from: '2031-07-01', to: '2031-12-31' });
    await create(srv, 'memberships', { person_id: people.sam.id, unit_id: emg.id, role: 'Member', start_date: '2020-01-01' });

    // The Audit Committee: public, two single meetings either side of the clocks going back.
    audit = await setup('POST', '/api/v1/bodies', { name: 'Audit Committee', parent_id: u.council.id, kind: 'audit', access: 'public' });
    july = await setup('POST', '/api/v1/meetings', {
      body_id: audit.id,
      title: 'Audit Committee: annual accounts',
      date: '2031-07-16',
      start_time: '10:00',
      venue: 'Council Chamber, Civic Centre',
      online_url: 'https://meet.example/audit',
    });
    december = await setup('POST', '/api/v1/meetings', { body_id: audit.id, date: '2031-12-10', start_time: '10:00', venue: 'Council Chamber, Civic Centre' });
    // Councillor Shah sat on it from May to the end of September.
    await create(srv, 'memberships', { person_id: people.priya.id, unit_id: audit.id, role: 'Member', start_date: '2031-05-01', end_date: '2031-09-30' });

    tokens.outsider = await addUser('children-viewer', 'viewer', { unit: 'Children and Families' });
    tokens.sam = await addUser('sam', 'viewer', { unit: 'Children and Families', person: 'Sam Okafor' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it("gives the weekly Executive Management Group as one event per meeting, read alike by python3-icalendar and ical.js", async () => {
    const text = ok(await bodyFeed(emg.id));
    const py = readWithPython(text);
    const js = readWithIcalJs(text);
    const dates = tuesdays('2031-07-01', '2031-12-31');
    assert.equal(dates.length, 27);
    assert.equal(py.version, '2.0');
    assert.deepEqual(py.timezones, ['Europe/London']);
    assert.deepEqual(js.timezones, ['Europe/London']);
    for (const events of [py.events, js.events]) {
      assert.equal(events.length, 27, 'one event per meeting');
      assert.ok(events.every((e) => !e.rrule), 'no repeating event');
      assert.deepEqual(
        events.map((e) => (e.start.utc ?? e.start)),
        dates.map(tenInLondon),
        'each Tuesday at 10:00 in the UK',
      );
    }
    const meetings = (await setup('GET', `/api/v1/meetings?body_id=${emg.id}&limit=200`)).items;
    const ids = meetings.map((m) => m.id);
    assert.deepEqual(
      py.events.map((e) => e.uid),
      ids.map((id) => `${id}@civic`),
    );
    assert.deepEqual(
      js.events.map((e) => e.uid),
      ids.map((id) => `${id}@civic`),
    );
    const first = py.events[0];
    assert.deepEqual(first, {
      uid: `${ids[0]}@civic`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Executive Management Group',
      description: 'Body: Executive Management Group.',
      location: 'Room 2, Civic Centre',
      url: `${srv.url}/meetings/${ids[0]}`,
      class: 'PRIVATE',
      rrule: false,
      start: { utc: '2031-07-01T09:00:00Z', tzid: 'Europe/London' },
      end: { utc: '2031-07-01T10:30:00Z', tzid: 'Europe/London' },
    });
    assert.deepEqual(js.events[0], {
      uid: `${ids[0]}@civic`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Executive Management Group',
      description: 'Body: Executive Management Group.',
      location: 'Room 2, Civic Centre',
      url: `${srv.url}/meetings/${ids[0]}`,
      rrule: false,
      tzid: 'Europe/London',
      start: '2031-07-01T09:00:00Z',
      end: '2031-07-01T10:30:00Z',
    });
    // Across the change back to GMT on 26 October: 09:00Z on the 21st, 10:00Z on the 28th.
    const oct = js.events.filter((e) => e.start.startsWith('2031-10-2'));
    assert.deepEqual(
      oct.map((e) => e.start),
      ['2031-10-21T09:00:00Z', '2031-10-28T10:00:00Z'],
    );
    // Nothing of the agendas (each opens with apologies and declarations) is in the feed.
    assert.doesNotMatch(text, /apologies|declarations|action log/i);
  });

  it('places a 10:00 meeting at 09:00Z in July and 10:00Z in December, with its title, place and page', async () => {
    const text = ok(await bodyFeed(audit.id, null));
    const py = readWithPython(text).events;
    const js = readWithIcalJs(text).events;
    assert.deepEqual(
      py.map((e) => [e.uid, e.start, e.end, e.summary, e.location, e.class]),
      [
        [`${july.id}@civic`, { utc: '2031-07-16T09:00:00Z', tzid: 'Europe/London' }, { utc: '2031-07-16T11:00:00Z', tzid: 'Europe/London' }, 'Audit Committee: annual accounts', 'Council Chamber, Civic Centre (online: https://meet.example/audit)', 'PUBLIC'],
        [`${december.id}@civic`, { utc: '2031-12-10T10:00:00Z', tzid: 'Europe/London' }, { utc: '2031-12-10T12:00:00Z', tzid: 'Europe/London' }, 'Audit Committee', 'Council Chamber, Civic Centre', 'PUBLIC'],
      ],
    );
    assert.deepEqual(
      js.map((e) => [e.uid, e.start, e.end, e.url]),
      [
        [`${july.id}@civic`, '2031-07-16T09:00:00Z', '2031-07-16T11:00:00Z', `${srv.url}/meetings/${july.id}`],
        [`${december.id}@civic`, '2031-12-10T10:00:00Z', '2031-12-10T12:00:00Z', `${srv.url}/meetings/${december.id}`],
      ],
    );
  });

  it('carries long titles, accents, commas and semicolons through line folding and escaping unchanged', async () => {
    const panel = await setup('POST', '/api/v1/bodies', { name: 'Corporate Overview and Scrutiny Panel', parent_id: u.council.id, kind: 'scrutiny', access: 'public' });
    const title = 'Corporate Overview and Scrutiny Panel — Corporate Support directorate update: the £26.849M budget, five departments; successes, challenges and the café’s réfection';
    const venue = 'Committee Room 1, Civic Centre; Market Street, Northmoor';
    const m = await setup('POST', '/api/v1/meetings', { body_id: panel.id, title, date: '2031-09-09', start_time: '18:30', venue });
    const text = ok(await bodyFeed(panel.id, null));
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    for (const events of [readWithPython(text).events, readWithIcalJs(text).events]) {
      assert.deepEqual(
        events.map((e) => [e.uid, e.summary, e.location, e.description]),
        [[`${m.id}@civic`, title, venue, 'Body: Corporate Overview and Scrutiny Panel.']],
      );
    }
  });

  it('keeps every UID across two fetches, and an unchanged feed is the same', async () => {
    const one = ok(await bodyFeed(emg.id));
    const two = ok(await bodyFeed(emg.id));
    assert.deepEqual(
      readWithIcalJs(two).events.map((e) => e.uid),
      readWithIcalJs(one).events.map((e) => e.uid),
    );
    assert.equal(two, one);
  });

  it('bumps SEQUENCE when a meeting moves to another time, under the same UID', async () => {
    const before = readWithPython(ok(await bodyFeed(audit.id))).events.find((e) => e.uid === `${july.id}@civic`);
    const current = await setup('GET', `/api/v1/meetings/${july.id}`);
    await setup('PATCH', `/api/v1/meetings/${july.id}`, { start_time: '14:00' }, { 'if-match': `W/"${current.version}"` });
    const text = ok(await bodyFeed(audit.id));
    for (const events of [readWithPython(text).events, readWithIcalJs(text).events]) {
      const after = events.find((e) => e.uid === `${july.id}@civic`);
      assert.equal(after.sequence, before.sequence + 1);
      assert.equal(after.start.utc ?? after.start, '2031-07-16T13:00:00Z');
    }
  });

  it('marks a cancelled meeting STATUS:CANCELLED, with the reason, and bumps its SEQUENCE', async () => {
    const current = await setup('GET', `/api/v1/meetings/${december.id}`);
    const sequence = current.sequence;
    await setup('PATCH', `/api/v1/meetings/${december.id}`, { status: 'cancelled', status_reason: 'No business to transact.' }, { 'if-match': `W/"${current.version}"` });
    const text = ok(await bodyFeed(audit.id, null));
    const py = readWithPython(text).events.find((e) => e.uid === `${december.id}@civic`);
    const js = readWithIcalJs(text).events.find((e) => e.uid === `${december.id}@civic`);
    assert.equal(py.status, 'CANCELLED');
    assert.equal(js.status, 'CANCELLED');
    assert.equal(py.sequence, sequence + 1);
    assert.equal(js.sequence, sequence + 1);
    assert.equal(py.description, 'Body: Audit Committee. This meeting is cancelled: No business to transact.');
    // The other meeting is as it was.
    assert.equal(readWithPython(text).events.find((e) => e.uid === `${july.id}@civic`).status, 'CONFIRMED');
  });

  it("refuses a private body's feed to whoever may not read the body: 404, as the body itself", async () => {
    for (const token of [null, tokens.outsider]) {
      assertProblem(await bodyFeed(emg.id, token), 404);
      const body = await fetch(`${srv.url}/api/v1/bodies/${emg.id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      assert.equal(body.status, 404, 'the body itself is not found either');
    }
    // A member reads it, through the person their account is linked to.
    assert.equal(readWithIcalJs(ok(await bodyFeed(emg.id, tokens.sam))).events.length, 27);
    // An unknown body, or an address that is not an id, is 404 too.
    assertProblem(await bodyFeed('01900000-0000-7000-8000-000000000000'), 404);
    assertProblem(await bodyFeed('not-an-id'), 404);
  });

  it("gives a person's feed the meetings of their bodies while they sat on them, as far as the caller may see", async () => {
    // Councillor Shah sat on the Audit Committee from May to September: July, not December.
    for (const token of [null, srv.token]) {
      const text = ok(await personFeed(people.priya.id, token));
      assert.deepEqual(
        readWithPython(text).events.map((e) => e.uid),
        [`${july.id}@civic`],
      );
      assert.deepEqual(
        readWithIcalJs(text).events.map((e) => [e.uid, e.start]),
        [[`${july.id}@civic`, '2031-07-16T13:00:00Z']],
      );
    }
    // Sam Okafor, an officer on the private Executive Management Group: the administrator and
    // Sam himself (his account is linked to him) see its 27 meetings; an unpublished officer is
    // not found by anyone else.
    assert.equal(readWithIcalJs(ok(await personFeed(people.sam.id))).events.length, 27);
    assert.equal(readWithPython(ok(await personFeed(people.sam.id, tokens.sam))).events.length, 27);
    assertProblem(await personFeed(people.sam.id, null), 404);
    assertProblem(await personFeed(people.sam.id, tokens.outsider), 404);
  });

  it("leaves out a private body's meetings from a person's feed for a caller who may not read the body", async () => {
    // Councillor Shah joins the Executive Management Group too: her feed shows its meetings to
    // the administrator, and only the Audit Committee's to anyone else.
    await create(srv, 'memberships', { person_id: people.priya.id, unit_id: emg.id, role: 'Member', start_date: '2031-12-01' });
    const admin = readWithIcalJs(ok(await personFeed(people.priya.id))).events;
    assert.deepEqual(
      admin.map((e) => e.start),
      ['2031-07-16T13:00:00Z', ...tuesdays('2031-12-01', '2031-12-31').map(tenInLondon)],
    );
    const anonymous = readWithPython(ok(await personFeed(people.priya.id, null))).events;
    assert.deepEqual(
      anonymous.map((e) => e.uid),
      [`${july.id}@civic`],
    );
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
