// SPDX-License-Identifier: AGPL-3.0-or-later
// The case pages in Chromium: a complaint recorded through the intake form (refused first for
// want of a subject, then saved), its page with the clock and how each due date was counted,
// the requester shown to its handler with the read audited, an acknowledgement and a response
// sent through the response form (the response refused first for want of the Ombudsman's
// details), an extension through the clock form, an escalation to stage 2 for another officer,
// the closure, an action in a plan made from the lessons learned, the list with its tags, a
// letter answered with files through the form's file upload (a file that is not what it says
// refused first) and downloaded from the case's page, an ICT incident timed in working hours,
// and the same pages as plain HTML with JavaScript off.
// axe-core finds nothing on any page visited; a visitor who is not signed in is sent to sign in.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { mustSucceed, runCli } from '../api/harness.mjs';
import { assertStopsCleanly, checkPage, follow, launchBrowser, openPage, signIn, startCivic } from './support.mjs';

const prefix = 'cases';
let civic;
let browser;
let token;
const built = {};

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
const cells = (locator) => locator.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
const banner = (page) => text(page.locator('.govuk-notification-banner__heading'));
const errorSummary = (page) => page.locator('.govuk-error-summary__list a').allInnerTexts();

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  token = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', 'admin', '--name', 'cases browser test'])).stdout.trim().split('\n').at(-1);
  const [council] = civic.sqlRows(`SELECT id FROM units WHERE kind = 'council' AND archived_at IS NULL ORDER BY name LIMIT 1`);
  built.unit = await admin('POST', '/api/v1/units', { name: 'Complaints Team', kind: 'department', parent_id: council.id });
  built.first = await admin('POST', '/api/v1/people', { name: 'Fiona First', kind: 'officer' });
  built.second = await admin('POST', '/api/v1/people', { name: 'Simon Second', kind: 'officer' });
  // The administrator is Fiona First, so the complaint assigned to her is the administrator's own.
  mustSucceed('civic user link', await runCli(['user', 'link', '--db', civic.dbPath, '--username', 'admin', '--person', built.first.id]));
});

after(async () => {
  if (browser) await browser.close();
  if (civic) await civic.cleanup();
});

test('a visitor who is not signed in is sent to sign in first', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${civic.url}/cases`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(new URL(page.url()).searchParams.get('return_to'), '/cases');
  await context.close();
});

test('records a complaint through the intake form, refusing it first without a subject', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await follow(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cases' }).click());
  assert.equal(await text(page.locator('h1')), 'My cases');
  await checkPage(page, { prefix, label: 'my-cases', problems });
  await follow(page, () => page.getByRole('button', { name: 'Record a case' }).click());
  await checkPage(page, { prefix, label: 'intake', problems });
  await page.getByLabel('Type of case').selectOption({ label: 'Complaint' });
  await page.getByLabel('Date received').fill('2026-02-02');
  await page.getByLabel('How it came in').selectOption('letter');
  await page.getByLabel('Resident', { exact: true }).check();
  await page.getByLabel('The requester\'s name').fill('Peter Plaintiff');
  await page.getByLabel('How to reach them (optional)').fill('12 Orchard Way, Northmoor');
  await page.getByLabel('The request (optional)').fill('My **green bin** has been missed three times.');
  await page.getByLabel('Unit handling it').selectOption({ label: 'Complaints Team' });
  await page.getByLabel('Officer (optional)').selectOption({ label: 'Fiona First' });
  let res = await follow(page, () => page.getByRole('button', { name: 'Record the case' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await errorSummary(page), ['Enter the subject']);
  assert.equal(await page.getByLabel('The requester\'s name').inputValue(), 'Peter Plaintiff', 'what was typed is kept');
  await checkPage(page, { prefix, label: 'intake-refused', problems });
  await page.getByLabel('Subject').fill('Missed green bin collections');
  res = await follow(page, () => page.getByRole('button', { name: 'Record the case' }).click());
  assert.equal(res.status(), 200);
  built.case = civic.sqlRows(`SELECT id, reference FROM cases WHERE subject = 'Missed green bin collections'`)[0];
  assert.match(built.case.reference, /^CMP-2026-\d{4}$/);
  assert.equal(new URL(page.url()).pathname, `/cases/${built.case.id}`);
  assert.equal(await banner(page), `Case ${built.case.reference} recorded`);
  // Received Monday 2 February 2026: acknowledgement due Monday 9.
  assert.deepEqual((await cells(page.locator(`#target-stage1-acknowledgement`)))[0].slice(1), ['9 February 2026', '', 'Overdue']);
  assert.deepEqual(await page.locator('#target-stage1-acknowledgement-lines li').allTextContents(), [
    'Counted from receipt on Monday 2 February 2026.',
    '5 working days from then is Monday 9 February 2026.',
    'Skipped: Saturday 7 and Sunday 8 February (weekend).',
    'Due: Monday 9 February 2026.',
  ]);
  // The requester, to the officer handling it, each showing audited.
  assert.match(await text(page.locator('#requester + dl')), /Peter Plaintiff.*12 Orchard Way/);
  assert.equal(await page.locator('.civic-markdown strong').first().innerText(), 'green bin');
  assert.ok(Number(civic.sqlRows(`SELECT count(*) AS n FROM audit_log WHERE entity_id = '${built.case.id}' AND action = 'read'`)[0].n) >= 2);
  await checkPage(page, { prefix, label: 'case', problems });
  // Its acknowledgement is overdue, so the home page lists it under "Cases due".
  await page.goto(`${civic.url}/`);
  assert.equal(await text(page.locator('#home-cases li')), `${built.case.reference} Missed green bin collections (Stage 1, due 9 February 2026) Overdue`);
  await checkPage(page, { prefix, label: 'home', problems });
  await context.close();
});

test('sends the acknowledgement and, with the Ombudsman\'s details, the response; extends the deadline first', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/cases/${built.case.id}`);
  await follow(page, () => page.getByRole('button', { name: 'Send a response' }).click());
  await checkPage(page, { prefix, label: 'response-form', problems });
  await page.getByLabel('Acknowledgement', { exact: true }).check();
  await page.getByLabel('Date sent').fill('2026-02-04');
  await page.getByLabel('What was sent').fill('We have your complaint and will reply by 18 February.');
  await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(await banner(page), 'Response recorded');
  assert.deepEqual((await cells(page.locator('#target-stage1-acknowledgement')))[0].slice(1), ['9 February 2026', '4 February 2026', 'Met']);
  assert.equal((await cells(page.locator('#target-stage1-response')))[0][1], '18 February 2026');

  // An extension of 10 working days, the complainant told the same day.
  await follow(page, () => page.getByRole('button', { name: 'Stop, restart or extend the clock' }).click());
  await checkPage(page, { prefix, label: 'clock-form', problems });
  await page.getByLabel('Extend a deadline').check();
  await page.getByLabel('Date', { exact: true }).fill('2026-02-16');
  await page.getByLabel('Reason').fill('Waiting for the crew\'s records');
  await page.getByLabel('Deadline to extend or set').selectOption({ label: 'Stage 1 response' });
  await page.getByLabel('Working days to add').fill('10');
  let res = await follow(page, () => page.getByRole('button', { name: 'Record it' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await errorSummary(page), ['Give the date the complainant was told of the extension, its reason and the Ombudsman\'s details']);
  await checkPage(page, { prefix, label: 'clock-refused', problems });
  await page.getByLabel('Date the requester was told').fill('2026-02-16');
  await follow(page, () => page.getByRole('button', { name: 'Record it' }).click());
  assert.equal(await banner(page), 'Deadline extended');
  assert.deepEqual((await cells(page.locator('#target-stage1-response')))[0].slice(0, 2), ['Stage 1 response 10 + 10 working days', '4 March 2026']);

  await follow(page, () => page.getByRole('button', { name: 'Send a response' }).click());
  await page.getByLabel('Stage 1 response').check();
  await page.getByLabel('Date sent').fill('2026-02-27');
  await page.getByLabel('What was sent').fill('We are sorry: the round has been changed.');
  res = await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(res.status(), 422);
  assert.match((await errorSummary(page))[0], /Ombudsman/);
  await page.getByLabel('What was sent').fill('We are sorry: the round has been changed. If you are not satisfied, you can ask the Local Government and Social Care Ombudsman to look at your complaint: www.lgo.org.uk.');
  await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(await banner(page), 'Response recorded');
  assert.deepEqual((await cells(page.locator('#target-stage1-response')))[0].slice(1), ['4 March 2026', '27 February 2026', 'Met']);
  await checkPage(page, { prefix, label: 'case-answered', problems });
  await context.close();
});

test('escalates to stage 2 only for another officer, then closes the case', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/cases/${built.case.id}`);
  await follow(page, () => page.getByRole('button', { name: 'Escalate to Stage 2' }).click());
  await checkPage(page, { prefix, label: 'escalation-form', problems });
  await page.getByLabel('Date the escalation was asked for').fill('2026-03-02');
  await page.getByLabel('Officer for the next stage').selectOption({ label: 'Fiona First' });
  let res = await follow(page, () => page.getByRole('button', { name: 'Escalate' }).click());
  assert.equal(res.status(), 422);
  assert.match((await errorSummary(page))[0], /Fiona First handled Stage 1; Stage 2 must be handled by another officer/);
  await checkPage(page, { prefix, label: 'escalation-refused', problems });
  await page.getByLabel('Officer for the next stage').selectOption({ label: 'Simon Second' });
  await follow(page, () => page.getByRole('button', { name: 'Escalate' }).click());
  assert.equal(await banner(page), 'Case escalated');
  // Stage 2 asked for on Monday 2 March: its acknowledgement is due Monday 9.
  assert.deepEqual((await cells(page.locator('#target-stage2-acknowledgement')))[0].slice(1, 2), ['9 March 2026']);
  assert.match(await text(page.locator('#case-summary')), /Stage Stage 2.*Officer Simon Second/);
  assert.deepEqual((await cells(page.locator('#events tbody tr'))).map((r) => r[1]), ['Acknowledgement sent', 'Stage 1 response extended by 10 working days', 'Stage 1 response sent', 'Escalated to Stage 2']);

  await follow(page, () => page.getByRole('button', { name: 'Close the case' }).click());
  await page.getByLabel('Date closed').fill('2026-03-20');
  await page.getByLabel('Partly upheld').check();
  await page.getByLabel('Lessons learned (optional)').fill('Crews need the assisted-collection list.');
  await follow(page, () => page.getByRole('button', { name: 'Close the case' }).click());
  assert.equal(await banner(page), 'Case closed');
  assert.match(await text(page.locator('#case-summary')), /Closed on 20 March 2026: Partly upheld/);
  assert.equal((await cells(page.locator('#target-stage2-response')))[0][3], 'Closed');
  await checkPage(page, { prefix, label: 'case-closed', problems });

  await page.goto(`${civic.url}/cases?show=all&status=closed`);
  assert.ok((await cells(page.locator('#cases tbody tr'))).some((r) => r[0].startsWith(built.case.reference) && r[5] === 'Closed'));
  await checkPage(page, { prefix, label: 'closed-cases', problems });
  await context.close();
});

test('sends a letter with files through the response form, refusing one that is not what it says first, and downloads it from the case page', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  const letter = await admin('POST', '/api/v1/cases', { case_type_id: 'LET', received_on: '2026-05-04', channel: 'email', requester_kind: 'resident', requester_name: 'Ann Attached', subject: 'Bus timetable', unit_id: built.unit.id, officer_person_id: built.first.id });
  // A PDF of 24 KB, and a PNG holding every byte value.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.alloc(24 * 1024 - 9, 0x20)]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
  await page.goto(`${civic.url}/cases/${letter.id}`);
  await follow(page, () => page.getByRole('button', { name: 'Send a response' }).click());
  assert.equal(await page.locator('form[method="post"]').last().getAttribute('enctype'), 'multipart/form-data');
  await page.getByLabel('Reply').check();
  await page.getByLabel('Date sent').fill('2026-05-06');
  await page.getByLabel('What was sent').fill('Dear Ann, the timetable and the route are attached.');
  await page.getByLabel('Attach files (optional)').setInputFiles({ name: 'timetable.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a PDF at all') });
  const res = await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await errorSummary(page), ['timetable.pdf does not match its media type, PDF: its first bytes are not those of one. Check the file, or the media type given']);
  assert.equal(await page.locator('.govuk-error-summary__list a').getAttribute('href'), '#attachments');
  assert.match(await text(page.locator('#attachments-error')), /timetable\.pdf does not match/);
  await checkPage(page, { prefix, label: 'response-file-refused', problems });
  await page.getByLabel('Attach files (optional)').setInputFiles([
    { name: 'timetable.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'route.png', mimeType: 'image/png', buffer: png },
  ]);
  await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(await banner(page), 'Response recorded');
  const files = page.locator('#responses ~ ul li');
  assert.deepEqual((await files.allInnerTexts()).map((t) => t.trim()), ['timetable.pdf (PDF, 24 KB)', 'route.png (PNG image, 264 bytes)']);
  await checkPage(page, { prefix, label: 'case-with-files', problems });
  for (const [name, bytes] of [['timetable.pdf', pdf], ['route.png', png]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    assert.equal(download.suggestedFilename(), name);
    assert.deepEqual(await readFile(await download.path()), bytes);
  }
  await context.close();
});

test('makes an action in a plan from the lessons, refusing it first without a place, and lists it among the case\'s links', async () => {
  const plan = await admin('POST', '/api/v1/plans', { unit_id: built.unit.id, kind: 'service', title: 'Complaints Team plan', period: '2025/26' });
  await admin('POST', `/api/v1/plans/${plan.id}/items`, { ref: '1', kind: 'objective', title: 'Collect every bin' });
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/cases/${built.case.id}`);
  await follow(page, () => page.getByRole('button', { name: 'Make an action from the lessons' }).click());
  assert.equal(await text(page.locator('h1')), 'Make an action from the lessons');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), `Lessons from ${built.case.reference}: Missed green bin collections`);
  assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), 'Crews need the assisted-collection list.');
  await checkPage(page, { prefix, label: 'lessons-action-form', problems });
  await page.getByLabel('Due date (optional)').fill('2026-06-30');
  let res = await follow(page, () => page.getByRole('button', { name: 'Make the action' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await errorSummary(page), ['Choose the plan the action goes in']);
  assert.equal(await page.getByLabel('Due date (optional)').inputValue(), '2026-06-30', 'what was typed is kept');
  await checkPage(page, { prefix, label: 'lessons-action-refused', problems });
  await page.getByLabel('Where the action goes').selectOption({ label: 'Complaints Team plan: 1 Collect every bin' });
  res = await follow(page, () => page.getByRole('button', { name: 'Make the action' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/cases/${built.case.id}`);
  assert.equal(await banner(page), 'Action 1.1 added to the plan and linked to this case');
  assert.equal(await text(page.locator('#links dt')), 'Answered by');
  assert.equal(await text(page.locator('#links dd a')), `1.1 Lessons from ${built.case.reference}: Missed green bin collections (Complaints Team plan)`);
  assert.equal(await text(page.locator('#links dd .civic-item-meta')), `Made from the lessons learned of ${built.case.reference}`);
  const [item] = civic.sqlRows(`SELECT id, due_date FROM plan_items WHERE plan_id = '${plan.id}' AND ref = '1.1'`);
  assert.equal(item.due_date, '2026-06-30');
  await checkPage(page, { prefix, label: 'case-with-action', problems });
  // The action's page links back to the case.
  await follow(page, () => page.locator('#links a').click());
  assert.equal(new URL(page.url()).pathname, `/plan-items/${item.id}`);
  await context.close();
});

test('shows the year\'s statistics by type, with a chart of each quarter and the same figures in tables', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/case-statistics?year=2025/26`);
  assert.equal(await text(page.locator('h1')), 'Case statistics 2025/26');
  const complaints = (await cells(page.locator('#types tbody tr'))).find((r) => r[0] === 'Complaint');
  assert.ok(complaints, 'a row for complaints');
  assert.ok(Number(complaints[1]) >= 1, 'the complaint received in February 2026 is counted');
  assert.equal(await page.locator('#type-CMP ~ .civic-chart svg[role="img"]').first().count(), 1);
  await checkPage(page, { prefix, label: 'statistics', problems });
  await context.close();
});

test('records an ICT incident with its priority and the time it came in, and shows its due times to the minute', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/cases/new`);
  await page.getByLabel('Type of case').selectOption({ label: 'ICT incident' });
  await page.getByLabel('Date received').fill('2026-11-27');
  await page.getByLabel('Time received (optional)').fill('16:00');
  await page.getByLabel('Priority', { exact: true }).selectOption({ label: 'Priority 1: critical (a service is down)' });
  await page.getByLabel('How it came in').selectOption('phone');
  await page.getByLabel('Organisation', { exact: true }).check();
  await page.getByLabel('The requester\'s name').fill('Planning and Regeneration');
  await page.getByLabel('Subject').fill('Planning system down');
  await page.getByLabel('Unit handling it').selectOption({ label: 'Complaints Team' });
  await page.getByLabel('Officer (optional)').selectOption({ label: 'Fiona First' });
  let res = await follow(page, () => page.getByRole('button', { name: 'Record the case' }).click());
  assert.equal(res.status(), 200);
  const k = civic.sqlRows(`SELECT id, reference, priority, received_at FROM cases WHERE subject = 'Planning system down'`)[0];
  assert.deepEqual([k.priority, k.received_at], ['p1', '16:00']);
  assert.match(await text(page.locator('dl').first()), /Received 27 November 2026 at 16:00 by Phone Priority Priority 1: critical \(a service is down\)/);
  // The fix within 4 working hours: 1 on Friday, 3 on Monday.
  assert.deepEqual((await cells(page.locator('#target-incident-fix')))[0].slice(1, 2), ['30 November 2026 at 12:00']);
  assert.ok((await page.locator('#target-incident-fix-lines li').allTextContents()).includes('Counted in working hours: 09:00 to 17:00 on working days.'));
  await checkPage(page, { prefix, label: 'ict-case', problems });
  await follow(page, () => page.getByRole('button', { name: 'Send a response' }).click());
  await page.getByLabel('First response').check();
  await page.getByLabel('Date sent').fill('2026-11-27');
  await page.getByLabel('Time sent').fill('16:45');
  await page.getByLabel('What was sent').fill('Logged; an engineer is on it.');
  await checkPage(page, { prefix, label: 'ict-response', problems });
  res = await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(await banner(page), 'Response recorded');
  assert.deepEqual(civic.sqlRows(`SELECT sent_at FROM case_responses WHERE case_id = '${k.id}'`), [{ sent_at: '16:45' }]);
  // The fix extended by 2 working hours through the clock form, which asks for hours and a time.
  await follow(page, () => page.getByRole('button', { name: 'Stop, restart or extend the clock' }).click());
  await page.getByLabel('Extend a deadline').check();
  await page.getByLabel('Date', { exact: true }).fill('2026-11-30');
  await page.getByLabel('Time', { exact: true }).fill('10:00');
  await page.getByLabel('Reason').fill('A replacement server is on its way');
  await page.getByLabel('Deadline to extend or set').selectOption({ label: 'Fix' });
  await page.getByLabel('Working hours to add').fill('2');
  await checkPage(page, { prefix, label: 'ict-clock', problems });
  await follow(page, () => page.getByRole('button', { name: 'Record it' }).click());
  assert.deepEqual((await cells(page.locator('#target-incident-fix')))[0].slice(0, 2), ['Fix 4 + 2 working hours', '30 November 2026 at 14:00']);
  await context.close();
});

test('the pages work as plain HTML with JavaScript off', async () => {
  const { page, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url);
  const open = await admin('POST', '/api/v1/cases', { case_type_id: 'LET', received_on: '2026-06-01', channel: 'email', requester_kind: 'resident', requester_name: 'Norah Noscript', subject: 'A letter about trees', unit_id: built.unit.id, officer_person_id: built.first.id });
  await page.goto(`${civic.url}/cases/${open.id}`);
  await follow(page, () => page.getByRole('button', { name: 'Send a response' }).click());
  await page.getByLabel('Reply').check();
  await page.getByLabel('Date sent').fill('2026-06-05');
  await page.getByLabel('What was sent').fill('Thank you: the trees will be pruned.');
  await follow(page, () => page.getByRole('button', { name: 'Record the response' }).click());
  assert.equal(await banner(page), 'Response recorded');
  await page.goto(`${civic.url}/cases`);
  assert.equal(await text(page.locator('h1')), 'My cases');
  assert.ok((await cells(page.locator('#cases tbody tr'))).some((r) => r[0].startsWith(open.reference)));
  await context.close();
});

test('stops cleanly', async () => {
  await assertStopsCleanly(civic);
});
