// SPDX-License-Identifier: AGPL-3.0-or-later
// The governance pages in Chromium: the clerk's journey through a scrutiny panel's meetings —
// meetings made from the body's schedule, an agenda with a report and an exempt item, the
// agenda published late with the reason for urgency, the register taken, an item minuted with
// its resolution and action, and the minutes approved at the next meeting, where the action is
// carried forward; what an anonymous visitor, a member and another officer each see of the
// exempt item; the registers (actions, my actions, decisions, the forward plan) and the
// calendar; and the same pages as plain HTML with JavaScript off. axe-core finds nothing on
// any page visited.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { mustSucceed, runCli } from '../api/harness.mjs';
import { assertStopsCleanly, checkPage, follow, launchBrowser, openPage, screenshot, signIn, startCivic } from './support.mjs';

const prefix = 'governance';
const MEMBER = { username: 'mona', name: 'Mona Member', password: 'Northmoor-member-password-2025' };
const OFFICER = { username: 'otto', name: 'Otto Officer', password: 'Northmoor-officer-password-2025' };
const BODY = 'Resources Scrutiny Panel';
const EXEMPT_TEXT = 'The preferred bidder is Brightwater Facilities Ltd at £1.2M a year.';
const ACTION_TEXT = 'Bring the customer contact figures to the next meeting';
let civic;
let browser;
let token;
// What the tests build: ids, names and dates.
const built = {};

// Dates as the server counts them: today, and days either side of it, as YYYY-MM-DD.
const isoDay = (d) => d.toISOString().slice(0, 10);
const today = () => isoDay(new Date());
const addDays = (iso, n) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000));
// "Tuesday 3 November 2026" and "3 November 2026", as the pages write dates.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const shortDate = (iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const longDate = (iso) => `${DAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]} ${shortDate(iso)}`;

// One API request as the administrator; asserts the status and returns the body.
async function admin(method, url, body, status = 201) {
  const res = await fetch(`${civic.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${url}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const cells = (locator) => locator.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td, dt, dd')].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
const banner = (page) => text(page.locator('.govuk-notification-banner__heading'));
const meetingHref = (id) => `/meetings/${id}`;

async function addUser(user, role, person) {
  mustSucceed('civic user add', await runCli(['user', 'add', '--db', civic.dbPath, '--username', user.username, '--name', user.name, '--role', role, '--password-stdin'], { input: `${user.password}\n` }));
  if (person) mustSucceed('civic user link', await runCli(['user', 'link', '--db', civic.dbPath, '--username', user.username, '--person', person]));
}

// A public scrutiny panel meeting on the first Tuesday of each month, with five councillors
// (a chair, a vice-chair and three members) and an officer, and a sixth councillor who may
// substitute; a member and an officer who may sign in; and a cabinet with a key decision on its
// forward plan.
before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  token = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', 'admin', '--name', 'governance browser test'])).stdout.trim().split('\n').at(-1);
  const [council] = civic.sqlRows(`SELECT id FROM units WHERE kind = 'council' AND archived_at IS NULL ORDER BY name LIMIT 1`);
  const councillors = civic.sqlRows(`SELECT id, name FROM people WHERE kind = 'councillor' AND archived_at IS NULL ORDER BY name LIMIT 6`);
  assert.equal(councillors.length, 6, 'the demo council has six councillors');
  const [officer] = civic.sqlRows(`SELECT id, name FROM people WHERE name = 'Helen Marsden'`);
  assert.ok(officer, 'the demo council has Helen Marsden');
  built.members = councillors.slice(0, 5);
  built.substitute = councillors[5];
  built.officer = officer;
  const body = await admin('POST', '/api/v1/bodies', {
    name: BODY,
    parent_id: council.id,
    kind: 'scrutiny',
    quorum: 3,
    terms_of_reference: 'The panel scrutinises the **Resources** directorate:\n\n- its budget\n- its performance\n\n<script>alert(1)</script>',
    schedule_phrase: 'the first Tuesday of each month',
    schedule_first_date: addDays(today(), -400),
    schedule_time: '18:30',
    venue: 'Committee Room 1, Town Hall',
  });
  built.body = body.id;
  const roles = ['Chair', 'Vice-Chair', 'Member', 'Member', 'Member'];
  for (const [n, p] of built.members.entries()) await admin('POST', '/api/v1/memberships', { person_id: p.id, unit_id: body.id, role: roles[n], start_date: addDays(today(), -500) });
  await admin('POST', '/api/v1/memberships', { person_id: officer.id, unit_id: body.id, role: 'Officer', start_date: addDays(today(), -500) });
  built.chair = built.members[0];
  built.vice = built.members[1];
  await addUser(MEMBER, 'viewer', built.chair.name);
  await addUser(OFFICER, 'viewer');
  const cabinet = await admin('POST', '/api/v1/bodies', { name: 'Leader and Cabinet', parent_id: council.id, kind: 'cabinet' });
  built.entry = await admin('POST', '/api/v1/forward-plan', { body_id: cabinet.id, reference: 'FP/RSP/01', title: 'Corporate cleaning contract', decision_maker: 'Cabinet', planned_on: addDays(today(), 60), first_published_on: today() });
});

after(async () => {
  await browser?.close();
  await civic?.cleanup();
});

// The body's meetings as stored: the two latest before today (a and b) and the next after it (c).
function meetings() {
  const rows = civic.sqlRows(`SELECT id, date, version FROM meetings WHERE body_id = '${built.body}' AND archived_at IS NULL ORDER BY date`);
  const past = rows.filter((m) => m.date < today());
  return { all: rows, a: past.at(-2), b: past.at(-1), c: rows.find((m) => m.date > today()) };
}

test('a visitor who is not signed in is asked to sign in for a clerk’s form, and an officer who is not the clerk is told there is nothing there', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/bodies/${built.body}/generate`);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/sign-in');
  assert.equal(url.searchParams.get('return_to'), `/bodies/${built.body}/generate`);
  await signIn(page, civic.url, OFFICER);
  const res = await page.goto(`${civic.url}/bodies/${built.body}/generate`);
  assert.equal(res.status(), 404);
  await checkPage(page, { prefix, label: 'not-the-clerk', problems });
  assert.equal(await page.getByRole('link', { name: 'Make meetings from the schedule' }).count(), 0);
  await context.close();
});

test('the clerk makes the meetings the body’s schedule gives, and running it again makes none twice', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/bodies`);
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meetings' }).getAttribute('aria-current'), 'true');
  await checkPage(page, { prefix, label: 'bodies', problems });
  await follow(page, () => page.locator('#kind-scrutiny').getByRole('link', { name: BODY }).click());
  assert.equal(new URL(page.url()).pathname, `/bodies/${built.body}`);
  const about = Object.fromEntries(await cells(page.locator('#about .govuk-summary-list__row')));
  assert.equal(about['Kind'], 'Scrutiny panel');
  assert.equal(about['Quorum'], '3 members');
  assert.equal(about['Schedule'], `On the first Tuesday of each month, at 18:30, from ${shortDate(addDays(today(), -400))}`);
  assert.equal(await page.getByRole('link', { name: `Subscribe to its meetings of ${BODY} (iCalendar)` }).getAttribute('href'), `/api/v1/bodies/${built.body}/calendar.ics`);
  // The terms of reference are Markdown, and what was typed is never markup.
  assert.equal(await page.locator('#terms-of-reference strong').innerText(), 'Resources');
  assert.equal(await page.locator('#terms-of-reference li').count(), 2);
  assert.equal(await page.locator('#terms-of-reference script').count(), 0);
  assert.match(await text(page.locator('#terms-of-reference')), /<script>alert\(1\)<\/script>/);
  const members = await cells(page.locator('#members tbody tr'));
  assert.deepEqual(members.map((r) => r[1]), ['Chair', 'Vice-Chair', 'Member', 'Member', 'Member', 'Officer']);
  assert.equal(members[0][0], `${built.chair.name} Councillor`);
  await checkPage(page, { prefix, label: 'body', problems });

  await follow(page, () => page.getByRole('button', { name: 'Make meetings from the schedule' }).click());
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Make meetings from the schedule' }).waitFor());
  // The last day before the first: refused, nothing made.
  await page.getByLabel('From').fill(addDays(today(), 10));
  await page.getByLabel('To').fill(addDays(today(), -10));
  let res = await follow(page, () => page.getByRole('button', { name: 'Make meetings' }).click());
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: Make meetings from the schedule/);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#to');
  assert.equal(await text(page.locator('#to-error')), 'Error: To must not be before From');
  assert.equal(civic.sqlRows(`SELECT count(*) AS n FROM meetings WHERE body_id = '${built.body}'`)[0].n, 0);
  await checkPage(page, { prefix, label: 'generate-error', problems });

  const from = addDays(today(), -75);
  const to = addDays(today(), 45);
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To').fill(to);
  res = await follow(page, () => page.getByRole('button', { name: 'Make meetings' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/bodies/${built.body}`);
  const made = meetings();
  Object.assign(built, made);
  assert.ok(made.a && made.b && made.c, `two meetings before today and one after: ${JSON.stringify(made.all)}`);
  for (const m of made.all) assert.equal(new Date(`${m.date}T00:00:00Z`).getUTCDay(), 2, 'each on a Tuesday');
  assert.match(await banner(page), new RegExp(`^Made ${made.all.length} meetings from the schedule`));
  const upcoming = await cells(page.locator('#upcoming tbody tr'));
  assert.equal(upcoming[0][0], longDate(made.all.find((m) => m.date >= today()).date), 'from today on');
  assert.equal(upcoming[0][1], '18:30 to 20:30');
  assert.equal((await cells(page.locator('#past tbody tr')))[0][0], longDate(made.b.date), 'the latest past meeting first');
  await checkPage(page, { prefix, label: 'body-with-meetings', problems });

  // The same days again: every date already has its meeting.
  await page.goto(`${civic.url}/bodies/${built.body}/generate`);
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To').fill(to);
  await follow(page, () => page.getByRole('button', { name: 'Make meetings' }).click());
  assert.match(await banner(page), new RegExp(`^No new meetings: .*; ${made.all.length} dates already had one`));
  assert.equal(civic.sqlRows(`SELECT count(*) AS n FROM meetings WHERE body_id = '${built.body}'`)[0].n, made.all.length);
  await context.close();
});

test('the clerk builds the agenda: an item with its report and presenter, and an exempt item under paragraph 3', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: longDate(built.a.date) }).waitFor());
  // The standard items the agenda opens with.
  assert.deepEqual(await page.locator('#agenda ~ section h3').allInnerTexts(), ['1. Apologies for absence', '2. Declarations of interest', '3. Minutes of the previous meeting', '4. Action log']);
  await checkPage(page, { prefix, label: 'meeting-new', problems });

  await follow(page, () => page.getByRole('link', { name: 'Add an agenda item' }).click());
  // Each paragraph of Schedule 12A in the Act's words beside it.
  assert.equal(await text(page.locator('#exempt_paragraph-4-item-hint')), 'Information relating to the financial or business affairs of any particular person (including the authority holding that information).');
  assert.equal(await page.getByLabel('Not exempt').isChecked(), true);
  await checkPage(page, { prefix, label: 'item-form', problems });
  let res = await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a[href="#title"]').count(), 1);
  await assert.doesNotReject(page.locator('#title-error').waitFor());
  await checkPage(page, { prefix, label: 'item-error', problems });

  await page.getByLabel('Title', { exact: true }).fill('Resources directorate: structure, future projects and plans');
  await page.getByLabel('Purpose').fill('To note the directorate’s update and comment on its challenges.');
  await page.getByLabel('Report title (optional)').fill('Resources directorate update');
  await page.getByLabel('Report author (optional)').fill('Director of Resources');
  await page.getByLabel('Summary of the report (optional)').fill('The directorate’s budget is **£26.849M** across five departments.\n\n- Finance\n- Human Resources');
  await page.getByLabel('Recommendations (optional)').fill('- That the update be noted.');
  await page.getByLabel('Presenter 1 (optional)').selectOption({ label: built.officer.name });
  res = await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).hash, '#item-5');
  assert.equal(await banner(page), 'Item 5 added');
  const five = page.locator('#item-5');
  assert.equal(await five.locator('h3').innerText(), '5. Resources directorate: structure, future projects and plans');
  assert.equal(await five.locator('.civic-markdown strong').first().innerText(), '£26.849M');
  assert.match(await text(five), new RegExp(`Presented by ${built.officer.name}`));

  await follow(page, () => page.getByRole('link', { name: 'Add an agenda item' }).click());
  await page.getByLabel('Title', { exact: true }).fill('Award of the corporate cleaning contract');
  await page.getByLabel('Summary of the report (optional)').fill(EXEMPT_TEXT);
  await page.getByLabel('Paragraph 3').check();
  await page.getByLabel('Public-interest reason (for an exempt item)').fill('The bids are commercially confidential until the contract is signed.');
  await page.getByLabel('This item asks for a key decision').check();
  res = await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
  assert.equal(await banner(page), 'Item 6 added');
  const six = page.locator('#item-6');
  assert.deepEqual(await six.locator('.govuk-tag').allInnerTexts(), ['Exempt', 'Key decision']);
  assert.match(await text(six.locator('.govuk-warning-text')), /Not for publication\. Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972/);
  assert.match(await text(six), new RegExp(EXEMPT_TEXT.replace(/[.£]/g, '\\$&')), 'the clerk sees the exempt report');
  const [stored] = civic.sqlRows(`SELECT exempt_paragraph, key_decision FROM agenda_items WHERE meeting_id = '${built.a.id}' AND number = 6`);
  assert.deepEqual(stored, { exempt_paragraph: 3, key_decision: 1 });
  await checkPage(page, { prefix, label: 'meeting-agenda', problems });

  // Changing an item: the form starts from what is stored.
  await follow(page, () => page.getByRole('link', { name: 'Change item 5' }).click());
  assert.equal(await page.getByLabel('Report author (optional)').inputValue(), 'Director of Resources');
  assert.equal(await page.getByLabel('Presenter 1 (optional)').inputValue(), built.officer.id);
  await checkPage(page, { prefix, label: 'item-edit-form', problems });
  await page.getByLabel('Report author (optional)').fill('Director of Resources and Deputy Chief Executive');
  await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(await banner(page), 'Item 5 changed');
  assert.match(await text(page.locator('#item-5')), /Report of Director of Resources and Deputy Chief Executive/);
  await context.close();
});

test('the clerk publishes the agenda late, giving the reason for urgency, which the meeting’s page shows', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
  assert.equal(await text(page.locator('#agenda-status')), 'Not yet published');
  await follow(page, () => page.getByRole('link', { name: 'Publish the agenda' }).click());
  const deadline = Object.fromEntries(await cells(page.locator('#deadline .govuk-summary-list__row')));
  assert.match(deadline['Last day'], / Overdue$/);
  assert.match(deadline['The law'], /^Local Government Act 1972, section 100B\(3\)/);
  await page.getByText('How the last day was counted').click();
  assert.ok((await page.locator('details .govuk-list li').count()) >= 1, 'the lines that counted the last day');
  await checkPage(page, { prefix, label: 'publish-form', problems });
  let res = await follow(page, () => page.getByRole('button', { name: 'Publish agenda' }).click());
  assert.equal(res.status(), 422);
  assert.match(await text(page.locator('#late_reason-error')), /^Error: The agenda is late: .*Enter the reason for urgency/);
  assert.equal(civic.sqlRows(`SELECT published_at FROM meetings WHERE id = '${built.a.id}'`)[0].published_at, null);
  await checkPage(page, { prefix, label: 'publish-error', problems });

  await page.getByLabel('Reason for urgency').fill('The contract must be awarded before the current one ends.');
  res = await follow(page, () => page.getByRole('button', { name: 'Publish agenda' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Agenda published');
  assert.equal(await text(page.locator('#agenda-status')), `Published on ${shortDate(today())} Published late. Reason for urgency: The contract must be awarded before the current one ends.`);
  assert.match(await text(page.locator('#deadline-agenda_publication')), / Late Done on /);
  assert.equal(await page.getByRole('link', { name: 'Publish the agenda' }).count(), 0);
  await checkPage(page, { prefix, label: 'meeting-published', problems });
  await context.close();
});

test('the clerk takes the register: present, apologies with a substitute, and an officer; the quorum follows', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
  await follow(page, () => page.getByRole('link', { name: 'Take attendance' }).click());
  // Each member's radios are a group named for them.
  const row = (name) => page.getByRole('group', { name: `Attendance of ${name}` });
  assert.equal(await page.locator('#register-members tbody tr').count(), 6, 'the five councillors and the officer');
  for (const m of built.members) await row(m.name).getByLabel('Present').check();
  await row(built.vice.name).getByLabel('Sent apologies').check();
  await page.getByLabel(`Substitute for ${built.vice.name}`).selectOption({ label: built.substitute.name });
  await row(built.officer.name).getByLabel('Present').check();
  await checkPage(page, { prefix, label: 'attendance-form', problems });
  const res = await follow(page, () => page.getByRole('button', { name: 'Save attendance' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Attendance recorded');
  assert.equal(new URL(page.url()).hash, '#attendance');
  assert.equal(await text(page.locator('#quorum')), 'Quorate: 5 members present; the quorum is 3.');
  const table = Object.fromEntries((await cells(page.locator('#attendance-table tbody tr'))).map((r) => [r[0], r.slice(1)]));
  assert.deepEqual(table[built.vice.name], ['Member', 'Sent apologies']);
  assert.deepEqual(table[built.substitute.name], [`Substitute For ${built.vice.name}`, 'Present']);
  assert.deepEqual(table[built.officer.name], ['Officer', 'Present']);
  assert.deepEqual(await page.locator('#apologies li').allInnerTexts(), [built.vice.name]);
  const stored = civic.sqlRows(`SELECT p.name, a.capacity, a.status FROM attendees a JOIN people p ON p.id = a.person_id WHERE a.meeting_id = '${built.a.id}' AND a.archived_at IS NULL ORDER BY p.name`);
  assert.equal(stored.length, 7);
  // The form shows the register as recorded when opened again.
  await page.goto(`${civic.url}${meetingHref(built.a.id)}/attendance`);
  assert.equal(await row(built.vice.name).getByLabel('Sent apologies').isChecked(), true);
  assert.equal(await page.getByLabel(`Substitute for ${built.vice.name}`).inputValue(), built.substitute.id);
  await context.close();
});

test('the clerk writes an item’s minutes: what the panel was told, a resolution and an action', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
  await follow(page, () => page.getByRole('link', { name: 'Write the minutes of item 5' }).click());
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Minutes of item 5: Resources directorate: structure, future projects and plans' }).waitFor());
  await page.getByLabel('What the meeting was told').fill('The Director of Resources presented the update.\n\n- The budget for 2026/27 is **£26.849M**.\n- Contacts handled at the first point: 32% against a benchmark of 81%.');
  await page.getByLabel('Questions and discussion').fill('Members asked how the gap to the benchmark would be closed.');
  let res = await follow(page, () => page.getByRole('button', { name: 'Save the minutes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Minutes of item 5 saved');
  assert.equal(await page.getByLabel('What the meeting was told').inputValue(), 'The Director of Resources presented the update.\n\n- The budget for 2026/27 is **£26.849M**.\n- Contacts handled at the first point: 32% against a benchmark of 81%.');
  await checkPage(page, { prefix, label: 'minutes-form', problems });

  // A resolution, recorded as a decision of the panel on the meeting's day.
  await page.getByText('Record a resolution').click();
  assert.equal(await page.getByLabel('Decision maker').inputValue(), BODY);
  assert.equal(await page.getByLabel('Date of the decision').inputValue(), built.a.date);
  await page.getByLabel('Resolution', { exact: true }).fill('Agreed that the update be noted, and that the panel receive a further report on customer contact.');
  res = await follow(page, () => page.getByRole('button', { name: 'Record the resolution' }).click());
  assert.equal(await banner(page), 'Resolution recorded');
  assert.deepEqual(await page.locator('#resolutions li').allInnerTexts(), ['Resources directorate: structure, future projects and plans']);
  const [decision] = civic.sqlRows(`SELECT id, decided_on, decision_maker FROM decisions WHERE meeting_id = '${built.a.id}'`);
  assert.deepEqual({ decided_on: decision.decided_on, decision_maker: decision.decision_maker }, { decided_on: built.a.date, decision_maker: BODY });
  built.decision = decision.id;

  // An action without its words is refused, and the form stays open with the error.
  await page.getByText('Record an action').click();
  res = await follow(page, () => page.getByRole('button', { name: 'Record the action' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('#record-action').getAttribute('open'), '');
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#action-text');
  await assert.doesNotReject(page.locator('#action-text-error').waitFor());
  await checkPage(page, { prefix, label: 'minutes-form-error', problems });
  await page.getByLabel('Action', { exact: true }).fill(ACTION_TEXT);
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: built.chair.name });
  await page.getByLabel('Due date (optional)').fill(addDays(today(), -3));
  res = await follow(page, () => page.getByRole('button', { name: 'Record the action' }).click());
  assert.equal(await banner(page), 'Action recorded');
  assert.match(await text(page.locator('#item-actions')), new RegExp(`${ACTION_TEXT} \\(${built.chair.name}, by ${shortDate(addDays(today(), -3))}\\)`));
  const [action] = civic.sqlRows(`SELECT id, status, owner_person_id FROM actions WHERE meeting_id = '${built.a.id}'`);
  assert.deepEqual({ status: action.status, owner: action.owner_person_id }, { status: 'open', owner: built.chair.id });
  built.action = action.id;

  // The meeting's minutes, as one document, in draft.
  await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
  assert.match(await text(page.locator('#minutes-status')), /^Draft minutes Draft To be approved at the next meeting$/);
  await follow(page, () => page.locator('#minutes-status').getByRole('link', { name: 'Draft minutes' }).click());
  assert.equal(new URL(page.url()).pathname, `${meetingHref(built.a.id)}/minutes`);
  assert.match(await text(page.locator('#minutes-state')), /^Draft These minutes are a draft/);
  const minuted = page.locator('section#item-5');
  assert.equal(await minuted.locator('.civic-markdown strong').first().innerText(), '£26.849M');
  assert.match(await text(minuted), /Agreed that the update be noted, and that the panel receive a further report on customer contact\./);
  assert.match(await text(minuted), new RegExp(ACTION_TEXT));
  const present = [built.chair.name, ...built.members.slice(2).map((m) => m.name), `${built.substitute.name} (substitute for ${built.vice.name})`];
  assert.deepEqual((await page.locator('#present-list li').allInnerTexts()).sort(), present.sort());
  assert.deepEqual(await page.locator('#apologies-list li').allInnerTexts(), [built.vice.name]);
  await checkPage(page, { prefix, label: 'minutes', problems });
  await context.close();
});

test('the minutes are approved at the next meeting, and the open action is carried forward onto its action log', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  // The form offers the later meetings of the body, the next one first and chosen.
  await page.goto(`${civic.url}${meetingHref(built.a.id)}/minutes/approve`);
  assert.equal(await page.getByLabel(`${longDate(built.b.date)}, 18:30`).isChecked(), true);
  await checkPage(page, { prefix, label: 'approval-form', problems });
  await page.goto(`${civic.url}${meetingHref(built.b.id)}`);
  assert.match(await text(page.locator('#previous-minutes')), new RegExp(`^The minutes of the meeting held on ${longDate(built.a.date)}, in draft\\.$`));
  assert.match(await text(page.locator('#action-log tbody')), new RegExp(`${ACTION_TEXT} Agreed on ${shortDate(built.a.date)}\\. Carried forward`));
  assert.equal(await text(page.locator('#action-log tbody td').last()), 'Overdue');
  await checkPage(page, { prefix, label: 'next-meeting', problems });
  const res = await follow(page, () => page.getByRole('button', { name: `Approve the minutes of ${longDate(built.a.date)}` }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, meetingHref(built.b.id));
  assert.equal(await banner(page), `Minutes of the meeting on ${shortDate(built.a.date)} approved`);
  assert.match(await text(page.locator('#previous-minutes')), new RegExp(`, approved on ${shortDate(built.b.date)}\\.$`));
  assert.equal(await page.getByRole('button', { name: /^Approve the minutes/ }).count(), 0);
  assert.deepEqual(civic.sqlRows(`SELECT minutes_status, minutes_approved_at_meeting_id FROM meetings WHERE id = '${built.a.id}'`)[0], { minutes_status: 'approved', minutes_approved_at_meeting_id: built.b.id });

  await page.goto(`${civic.url}${meetingHref(built.a.id)}/minutes`);
  assert.equal(await text(page.locator('#minutes-state')), `Approved Approved as a correct record at the meeting on ${longDate(built.b.date)}. They are locked: corrections are recorded below them.`);
  assert.equal(await page.getByRole('link', { name: /^Write the minutes/ }).count(), 0, 'approved minutes are locked');
  await checkPage(page, { prefix, label: 'minutes-approved', problems });
  await context.close();
});

test('an anonymous visitor sees the exempt item’s notice and not its report; a member of the body sees the report; another officer does not', async () => {
  const visit = async (who) => {
    const { page, problems, context } = await openPage(browser);
    if (who) await signIn(page, civic.url, who);
    const res = await page.goto(`${civic.url}${meetingHref(built.a.id)}`);
    assert.equal(res.status(), 200);
    const six = page.locator('#item-6');
    const shown = await text(six);
    const body = await page.content();
    return { page, problems, context, six, shown, body };
  };
  let v = await visit();
  assert.equal(await v.six.locator('h3').innerText(), '6. Award of the corporate cleaning contract');
  assert.equal(await text(v.page.locator('#item-6-exempt')), 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972. Information relating to the financial or business affairs of any particular person (including the authority holding that information). The report for this item is not for publication.');
  assert.ok(!v.body.includes('Brightwater'), 'the page holds no word of the exempt report');
  assert.ok(!v.body.includes('commercially confidential'), 'nor of its public-interest reason');
  assert.match(await text(v.page.locator('#item-5')), /£26\.849M/, 'the public report is shown');
  assert.equal(await v.page.getByRole('link', { name: 'Add an agenda item' }).count(), 0);
  assert.equal(await text(v.page.locator('#exempt-notice')), 'Some items on this agenda hold exempt information under Schedule 12A to the Local Government Act 1972. The public and press may be excluded while they are considered, and their reports are not published.');
  await checkPage(v.page, { prefix, label: 'meeting-public', problems: v.problems });
  const minutes = await v.page.goto(`${civic.url}${meetingHref(built.a.id)}/minutes`);
  assert.equal(minutes.status(), 200);
  assert.ok(!(await v.page.content()).includes('Brightwater'));
  await v.context.close();

  v = await visit(MEMBER);
  assert.match(v.shown, /Brightwater Facilities Ltd/, 'the chair of the panel sees the exempt report');
  assert.equal(await v.page.getByRole('link', { name: 'Add an agenda item' }).count(), 0, 'a member is not the clerk');
  await v.context.close();

  v = await visit(OFFICER);
  assert.ok(!v.body.includes('Brightwater'), 'an officer who is not entitled sees the notice only');
  const form = await v.page.goto(`${civic.url}${meetingHref(built.a.id)}/items/new`);
  assert.equal(form.status(), 404);
  await v.context.close();
});

test('the registers: the action log with its filters, my actions and the home panel, the decisions register and a decision, and the forward plan', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/actions?body_id=${built.body}&overdue=yes`);
  assert.equal(await page.getByLabel('Only overdue actions').isChecked(), true);
  const rows = await cells(page.locator('#actions tbody tr'));
  assert.deepEqual(rows, [[ACTION_TEXT, `${BODY} ${shortDate(built.a.date)}`, built.chair.name, shortDate(addDays(today(), -3)), 'Overdue']]);
  await checkPage(page, { prefix, label: 'actions', problems });
  let res = await page.goto(`${civic.url}/actions?status=finished`);
  assert.equal(res.status(), 422);
  assert.equal(await text(page.locator('#status-error')), 'Error: Choose open, done or cancelled');
  await checkPage(page, { prefix, label: 'actions-error', problems });

  await follow(page, () => page.goto(`${civic.url}/actions/${built.action}`));
  const action = Object.fromEntries(await cells(page.locator('#action-details .govuk-summary-list__row')));
  assert.equal(action['Status'], 'Overdue');
  assert.equal(action['Agreed'], `${BODY}, ${shortDate(built.a.date)} Item 5: Resources directorate: structure, future projects and plans`);
  await checkPage(page, { prefix, label: 'action', problems });

  await page.goto(`${civic.url}/decisions?body_id=${built.body}`);
  assert.equal(await page.getByRole('link', { name: 'a spreadsheet (CSV)' }).getAttribute('href'), `/api/v1/decisions.csv?body_id=${built.body}`);
  const decisions = await cells(page.locator('#decisions tbody tr'));
  assert.equal(decisions.length, 1);
  assert.equal(decisions[0][0], shortDate(built.a.date));
  await checkPage(page, { prefix, label: 'decisions', problems });
  await follow(page, () => page.locator('#decisions').getByRole('link', { name: 'Resources directorate: structure, future projects and plans' }).click());
  assert.equal(new URL(page.url()).pathname, `/decisions/${built.decision}`);
  assert.match(await text(page.locator('#decision-text')), /^Agreed that the update be noted/);
  await checkPage(page, { prefix, label: 'decision', problems });
  res = await page.goto(`${civic.url}/decisions?from=yesterday`);
  assert.equal(res.status(), 422);
  assert.equal(await text(page.locator('#from-error')), 'Error: From must be a real date written as YYYY-MM-DD, for example 2026-03-31');

  await page.goto(`${civic.url}/forward-plan?body_id=${built.entry.body_id}`);
  const entries = await cells(page.locator('#entries tbody tr'));
  assert.equal(entries.length, 1);
  assert.equal(entries[0][0], 'FP/RSP/01');
  assert.equal(entries[0][1], 'Corporate cleaning contract');
  await checkPage(page, { prefix, label: 'forward-plan', problems });
  await follow(page, () => page.getByRole('link', { name: 'Corporate cleaning contract' }).click());
  assert.equal(new URL(page.url()).pathname, `/forward-plan/${built.entry.id}`);
  await page.getByText('How the notice was counted').click();
  assert.ok((await page.locator('details .govuk-list li').count()) >= 1);
  await checkPage(page, { prefix, label: 'forward-plan-entry', problems });
  await context.close();

  // The chair, signed in: their overdue action on the home page and on My actions.
  const mine = await openPage(browser);
  await signIn(mine.page, civic.url, MEMBER);
  await mine.page.goto(`${civic.url}/`);
  await assert.doesNotReject(mine.page.getByRole('heading', { level: 2, name: 'Your meetings and actions' }).waitFor());
  assert.match(await text(mine.page.locator('#home-overdue')), new RegExp(`${ACTION_TEXT} \\(${BODY}, due ${shortDate(addDays(today(), -3))}\\) Overdue`));
  assert.match(await text(mine.page.locator('#home-meetings')), new RegExp(`${BODY}, ${longDate(built.all.find((m) => m.date >= today()).date)} at 18:30`));
  await checkPage(mine.page, { prefix, label: 'home-panel', problems: mine.problems });
  await follow(mine.page, () => mine.page.getByRole('link', { name: 'My actions' }).click());
  assert.deepEqual((await cells(mine.page.locator('#open-actions tbody tr'))).map((r) => r[0]), [ACTION_TEXT]);
  await checkPage(mine.page, { prefix, label: 'my-actions', problems: mine.problems });
  await mine.context.close();
});

test('the clerk closes the action, and cancels a meeting, which the calendar then marks', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/actions/${built.action}`);
  await follow(page, () => page.getByRole('button', { name: 'Update this action' }).click());
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByLabel('Closed on (optional)').fill(today());
  await page.getByLabel('What was done (optional)').fill('The figures were reported to the panel.');
  await checkPage(page, { prefix, label: 'action-form', problems });
  let res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Action updated');
  assert.equal(await text(page.locator('#action-status')), 'Done');

  await page.goto(`${civic.url}${meetingHref(built.c.id)}`);
  await follow(page, () => page.getByRole('link', { name: 'Change the date, time, place or status' }).click());
  await page.getByLabel('Cancelled').check();
  await checkPage(page, { prefix, label: 'meeting-form', problems });
  await page.getByLabel('Reason for the change of status (optional)').fill('No business.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Meeting changed');
  assert.equal(await text(page.locator('#cancelled .govuk-warning-text__text')), 'Warning This meeting is cancelled. No business.');
  assert.equal(civic.sqlRows(`SELECT status, sequence FROM meetings WHERE id = '${built.c.id}'`)[0].status, 'cancelled');

  await page.goto(`${civic.url}/meetings?month=${built.c.date.slice(0, 7)}&body_id=${built.body}`);
  const day = page.locator(`#day-${built.c.date}`);
  assert.equal(await text(day.locator('h2')), longDate(built.c.date));
  assert.match(await text(day.locator('li')), new RegExp(`^${BODY} Cancelled 18:30 to 20:30, Committee Room 1, Town Hall\\. No business\\.$`));
  await checkPage(page, { prefix, label: 'calendar', problems });
  res = await page.goto(`${civic.url}/meetings?month=December`);
  assert.equal(res.status(), 422);
  assert.match(await text(page.locator('#month-error')), /^Error: Enter the month as YYYY-MM/);
  await checkPage(page, { prefix, label: 'calendar-error', problems });
  await context.close();
});

test('without JavaScript: the calendar’s filter, arranging a meeting and adding an item are plain HTML forms, and the deadline’s workings open', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/meetings?month=${built.b.date.slice(0, 7)}`);
  await page.getByLabel('Body').selectOption({ label: BODY });
  let res = await follow(page, () => page.getByRole('button', { name: 'Show meetings' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('body_id'), built.body);
  assert.deepEqual(await page.locator('main section li a').allInnerTexts(), [BODY]);

  await page.goto(`${civic.url}/meetings/new?body_id=${built.body}`);
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), BODY);
  assert.equal(await page.getByLabel('Start time').inputValue(), '18:30');
  const extra = addDays(today(), 20);
  await page.getByLabel('Title', { exact: true }).fill(`${BODY}: special meeting`);
  await page.getByLabel('Date').fill(extra);
  res = await follow(page, () => page.getByRole('button', { name: 'Arrange meeting' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Meeting arranged');
  const [special] = civic.sqlRows(`SELECT id FROM meetings WHERE body_id = '${built.body}' AND date = '${extra}'`);
  assert.equal(new URL(page.url()).pathname, meetingHref(special.id));

  await follow(page, () => page.getByRole('link', { name: 'Add an agenda item' }).click());
  await page.getByLabel('Title', { exact: true }).fill('Budget monitoring, quarter 2');
  await page.getByLabel('Paragraph 1', { exact: true }).check();
  res = await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
  assert.equal(res.status(), 422, 'an exempt item needs its public-interest reason');
  assert.equal(await page.getByLabel('Paragraph 1', { exact: true }).isChecked(), true, 'the choice is kept');
  await page.getByLabel('Not exempt').check();
  res = await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
  assert.equal(await banner(page), 'Item 5 added');
  await page.getByText('How “Agenda published” was counted').click();
  assert.ok(await page.locator('#deadlines ~ details').first().evaluate((d) => d.open), 'the details element opens without a script');
  await screenshot(page, prefix, 'no-js');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the server stops cleanly', async () => {
  await browser.close();
  browser = undefined;
  await assertStopsCleanly(civic);
});
