// SPDX-License-Identifier: AGPL-3.0-or-later
// The indicators pages: the list with its search and filters (without JavaScript too), an
// indicator's page (its definition, the trend chart with the same figures as a table, the
// latest rating with why and both directions of travel, revisions, targets and links), the
// value form with the GOV.UK error pattern and the workflow's buttons (submit, return,
// approve, correct), the scorecard of a period and data quality. axe-core finds nothing on
// any page visited.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { api, mustSucceed, runCli } from '../api/harness.mjs';
import { checkPage, follow, launchBrowser, openPage, screenshot, signIn, startCivic } from './support.mjs';

const prefix = 'indicators';
const ENTRY = { username: 'erin', name: 'Erin Entry', password: 'Northmoor-entry-password-2025' };
let civic;
let browser;
let token;
// What the tests build: ids by name.
const built = {};

// The financial quarter that ended last, as core/period writes it: "2025/26 Q1".
function lastEndedQuarter() {
  const d = new Date();
  const month = d.getUTCMonth() + 1;
  let first = month >= 4 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  let q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  q -= 1;
  if (q === 0) {
    q = 4;
    first -= 1;
  }
  return `${first}/${String((first + 1) % 100).padStart(2, '0')} Q${q}`;
}

// One API request as the administrator; asserts the status and returns the body.
async function admin(method, url, body, status = 201) {
  const res = await api(method, url, { server: civic, token, body });
  assert.equal(res.status, status, `${method} ${url}: ${res.text}`);
  return res.json;
}

// Writes a file into the test's directory and imports it with the command line.
async function importCsv(kind, name, text) {
  const file = path.join(civic.dir, name);
  writeFileSync(file, text);
  return mustSucceed(`civic import ${kind}`, await runCli(['import', kind, '--db', civic.dbPath, file]));
}

// Three indicators the seeds name: contacts handled against the national 81% (amber within
// 5%), invoices paid on time (statutory, met or not), and sickness absence (lower is better,
// its title trying markup). Two years of quarters for the first, a few for the others.
async function buildIndicators() {
  const erin = await admin('POST', '/api/v1/people', { name: ENTRY.name, kind: 'officer' });
  built.erin = erin.id;
  await importCsv(
    'indicators',
    'indicators.csv',
    [
      'code,title,unit,polarity,frequency,rag_rule,decimals,kind,entry_deadline_days,plausible_min,plausible_max,commentary_required,entry_person,description',
      `CS 1,Contacts handled by customer services,percentage,higher,quarterly,amber-within:5%,0,local,10,0,100,yes,${ENTRY.name},Contacts resolved at the first point of contact.`,
      'BV 8,Invoices paid on time,percentage,higher,quarterly,met,1,statutory,10,0,100,no,,',
      'HR 1,Sickness absence <b>days</b> per employee,days,lower,quarterly,green-within:10%;amber-if:better-than-last-year,2,local,15,,,yes,,',
    ].join('\n') + '\n',
  );
  await importCsv(
    'values',
    'values.csv',
    [
      'indicator,period,value,numerator,denominator,target,note',
      'CS 1,2023/24 Q1,30,,,81,',
      'CS 1,2023/24 Q2,31,,,81,',
      'CS 1,2023/24 Q3,29,,,81,',
      'CS 1,2023/24 Q4,33,,,81,',
      'CS 1,2024/25 Q1,32,,,81,',
      'CS 1,2024/25 Q2,78,,,81,',
      'CS 1,2024/25 Q3,84,,,81,',
      'CS 1,2024/25 Q4,80,,,81,',
      'BV 8,2024/25 Q3,98.1,,,97,',
      'BV 8,2024/25 Q4,95.5,,,97,',
      'HR 1,2023/24 Q4,2.1,,,2,',
      'HR 1,2024/25 Q4,1.9,,,2,',
      'CS 1,2025/26,,,,81,',
    ].join('\n') + '\n',
  );
  for (const row of civic.sqlRows(`SELECT id, code FROM indicators`)) built[row.code] = row.id;
}

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  token = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', 'admin', '--name', 'indicators browser test'])).stdout.trim().split('\n').at(-1);
  await buildIndicators();
  // The officer who enters CS 1's values: a viewer, linked to their person in the register.
  mustSucceed(
    'civic user add',
    await runCli(['user', 'add', '--db', civic.dbPath, '--username', ENTRY.username, '--name', ENTRY.name, '--role', 'viewer', '--password-stdin'], { input: `${ENTRY.password}\n` }),
  );
  mustSucceed('civic user link', await runCli(['user', 'link', '--db', civic.dbPath, '--username', ENTRY.username, '--person', ENTRY.name]));
});

after(async () => {
  await browser?.close();
  await civic?.cleanup();
});

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const codesIn = (page, table) => page.locator(`${table} tbody .civic-ref`).allInnerTexts();
const cells = (locator) => locator.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td, dt, dd')].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));

test('a visitor who is not signed in is asked to sign in first', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${civic.url}/indicators/scorecard`);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/sign-in');
  assert.equal(url.searchParams.get('return_to'), '/indicators/scorecard');
  await context.close();
});

test('the list finds indicators by code or title and filters them, and names a filter it cannot use', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators`);
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Indicators' }).getAttribute('aria-current'), 'true');
  // The demo council's indicators, and the three this test made.
  const listed = await codesIn(page, '#indicators');
  for (const code of ['BV 8', 'CS 1', 'HR 1', 'CS-01', 'FIN-01']) assert.ok(listed.includes(code), `${code} is listed: ${listed}`);
  // Markup in a title is shown as text.
  assert.equal(await page.locator('#indicators b').count(), 0);
  assert.equal(await text(page.locator('#indicators').getByRole('link', { name: /HR 1/ })), 'HR 1 Sickness absence <b>days</b> per employee');
  await checkPage(page, { prefix, label: 'list', problems });

  await page.getByLabel('Search').fill('invoices');
  let res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  assert.deepEqual(await codesIn(page, '#indicators'), ['BV 8']);

  await page.goto(`${civic.url}/indicators?kind=local`);
  const local = await codesIn(page, '#indicators');
  assert.ok(local.includes('CS 1') && local.includes('HR 1') && !local.includes('BV 8'), `only local indicators: ${local}`);
  assert.deepEqual([...new Set(await page.locator('#indicators tbody .civic-item-meta').evaluateAll((ms) => ms.filter((m) => m.closest('td') === m.closest('tr').firstElementChild).map((m) => m.textContent.split(';')[0])))], ['Local']);
  assert.equal(await page.getByLabel('Statutory or local').inputValue(), 'local', 'the form shows the filter');

  res = await page.goto(`${civic.url}/indicators?kind=national&frequency=hourly`);
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.equal(await text(page.locator('#kind-error')), 'Error: Choose statutory or local');
  assert.equal(await page.locator('.govuk-error-summary').getByRole('link', { name: 'Choose how often it is measured from the list' }).getAttribute('href'), '#frequency');
  assert.equal(await page.locator('#indicators').count(), 0);
  await checkPage(page, { prefix, label: 'list-error', problems });
  await context.close();
});

test('the list’s search works without JavaScript, from a GET form', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators`);
  await page.getByLabel('Search').fill('CS 1');
  await page.getByLabel('How often').selectOption({ label: 'Quarterly' });
  const res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'CS 1');
  assert.equal(url.searchParams.get('frequency'), 'quarterly');
  assert.deepEqual(await codesIn(page, '#indicators'), ['CS 1']);
  await screenshot(page, prefix, 'list-no-js');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an indicator’s page shows its definition, its trend as a chart and as a table, and its latest rating with why', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators`);
  await follow(page, () => page.getByRole('link', { name: /Contacts handled by customer services/ }).click());
  assert.equal(new URL(page.url()).pathname, `/indicators/${built['CS 1']}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Contacts handled by customer services' }).waitFor());

  const definition = Object.fromEntries(await cells(page.locator('#definition .govuk-summary-list__row')));
  assert.equal(definition['Code'], 'CS 1');
  assert.equal(definition['Measured in'], 'Percentage');
  assert.equal(definition['Which way is better'], 'Higher is better');
  assert.equal(definition['How often'], 'Quarterly');
  assert.match(definition['Rating rule'], /^Amber within 5%.*Written as amber-within:5%\. An amber or red value needs a commentary before it is submitted$/);
  assert.equal(definition['Statutory or local'], 'Local');
  assert.equal(definition['Enters the values'], ENTRY.name);
  assert.equal(definition['Values due'], '10 working days after each period ends, not counting weekends, bank holidays or the days the council is closed');
  assert.equal(definition['Plausible values'], 'From 0% to 100%');

  // The latest rating, as the API gives it, with why and both directions of travel.
  const assessment = await admin('GET', `/api/v1/indicators/${built['CS 1']}/assessment?period=${encodeURIComponent('2024/25 Q4')}`, undefined, 200);
  const latest = Object.fromEntries(await cells(page.locator('#latest .govuk-summary-list__row')));
  assert.equal(latest['Period'], '2024/25 Q4');
  assert.equal(latest['Value'], '80%');
  assert.equal(latest['Target'], '81%');
  assert.equal(await text(page.locator('#latest-rating')), 'Amber');
  assert.equal(await page.locator('#latest-rating').getAttribute('class'), 'govuk-tag govuk-tag--orange');
  assert.equal(await text(page.locator('#latest-explanation')), assessment.rating.explanation);
  assert.match(assessment.rating.explanation, /^Amber: 80% is 1 point below the target of 81%/);
  assert.equal(latest['Against the period before'], `↓ Worse ${assessment.previous.explanation}`);
  assert.equal(latest['Against the same period last year'], `↑ Better ${assessment.last_year.explanation}`);
  assert.equal(await page.locator('#latest-previous [aria-hidden="true"]').innerText(), '↓ ', 'the arrow is not read out; the word is');

  // The chart: a picture with a name and a description, a point for each value shaped by its
  // rating, and the same figures in the table beside it.
  const chart = page.locator('svg.civic-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await chart.getAttribute('aria-labelledby'), 'trend-title trend-desc');
  assert.equal(await page.locator('#trend-title').textContent(), 'CS 1: Contacts handled by customer services');
  assert.match(await page.locator('#trend-desc').textContent(), /^Values for 8 periods from 2023\/24 Q1 to 2024\/25 Q4\. The latest, 2024\/25 Q4, is 80% \(amber\) against a target of 81%\./);
  const marks = await chart.locator('g[data-rag]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-rag'), g.lastElementChild.tagName]));
  assert.deepEqual(marks, [
    ['red', 'rect'],
    ['red', 'rect'],
    ['red', 'rect'],
    ['red', 'rect'],
    ['red', 'rect'],
    ['amber', 'path'],
    ['green', 'circle'],
    ['amber', 'path'],
  ]);
  const history = await admin('GET', `/api/v1/indicators/${built['CS 1']}/history`, undefined, 200);
  const rows = await cells(page.locator('#trend-table tbody tr'));
  // 2025/26 has targets (the year's, profiled) and, so far, no values.
  assert.deepEqual(rows.at(-1), ['2025/26 Q4', 'None', '81%', 'Awaiting a value']);
  assert.deepEqual(rows.filter((r) => /^2024\/25 Q[234]$/.test(r[0])), [
    ['2024/25 Q2', '78%', '81%', 'Amber'],
    ['2024/25 Q3', '84%', '81%', 'Green'],
    ['2024/25 Q4', '80%', '81%', 'Amber'],
  ]);
  assert.equal(rows.length, (history.items ?? history).length, 'a row for every period the chart shows');

  // Every revision, newest period first; the targets; and who may do what.
  const [newest] = await cells(page.locator('#values tbody tr'));
  assert.deepEqual(newest.slice(0, 5), ['2024/25 Q4', '1', 'Approved', '80%', '']);
  assert.match(newest[5], /^Entered, submitted and approved by Command line \d{1,2} [A-Z][a-z]+ \d{4}$/);
  assert.equal(newest[6], 'Correct 2024/25 Q4 revision 1');
  // Eight quarters' targets, the year 2025/26's, and its four quarters', each saying how.
  const targets = await cells(page.locator('#targets tbody tr'));
  assert.equal(targets.length, 13);
  assert.deepEqual(targets.find((r) => r[0] === '2024/25 Q1'), ['2024/25 Q1', '81%', 'Set for this period']);
  const profiled = targets.find((r) => r[0] === '2025/26 Q1');
  assert.equal(profiled[1], '81%');
  assert.match(profiled[2], /2025\/26/, 'a profiled target says which year’s it came from');
  assert.equal(await page.getByRole('button', { name: 'Enter a value' }).count(), 1);
  assert.equal(await text(page.locator('#no-links')), 'Not linked to any plan item you can see.');
  await checkPage(page, { prefix, label: 'indicator', problems });
  await context.close();
});

test('an indicator’s page links to the plan items it measures', async () => {
  const [unit] = civic.sqlRows(`SELECT id FROM units WHERE parent_id IS NULL`);
  const plan = await admin('POST', '/api/v1/plans', { unit_id: unit.id, kind: 'council', title: 'Indicators Browser Test Plan', period: '2025/26' });
  built.plan = plan.id;
  const item = await admin('POST', `/api/v1/plans/${plan.id}/items`, { ref: '3.10', kind: 'activity', title: 'Improve the first point of contact' });
  await admin('POST', '/api/v1/links', { from_type: 'plan_item', from_id: item.id, to_type: 'indicator', to_id: built['CS 1'], kind: 'measured_by' });
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators/${built['CS 1']}`);
  const [link] = await cells(page.locator('#links tbody tr'));
  assert.equal(link[0], 'Measures');
  assert.equal(await page.locator('#links tbody a').getAttribute('href'), `/plan-items/${item.id}`);
  await checkPage(page, { prefix, label: 'indicator-links', problems });
  // From the item's end, the link reads the other way and names the indicator.
  await page.goto(`${civic.url}/plan-items/${item.id}`);
  assert.equal(await page.locator('#links').getByRole('link', { name: 'CS 1 Contacts handled by customer services' }).getAttribute('href'), `/indicators/${built['CS 1']}`);
  await context.close();
});

test('the demo council’s indicators: contacts handled against the national 81%, a budget kept within a band, and a corrected absence figure', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  // An indicator's address may use its code.
  await page.goto(`${civic.url}/indicators/CS-01`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Contact with the council handled by customer services' }).waitFor());
  assert.deepEqual((await cells(page.locator('#trend-table tbody tr')))[0], ['2022/23 Q1', '32%', '81%', 'Red']);
  assert.ok((await page.locator('#links tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).every((h) => h.startsWith('/plan-items/')), 'linked to the plan items it measures');
  await checkPage(page, { prefix, label: 'demo-contacts', problems });

  await page.goto(`${civic.url}/indicators/FIN-01`);
  const definition = Object.fromEntries(await cells(page.locator('#definition .govuk-summary-list__row')));
  assert.equal(definition['Which way is better'], 'Best within a target band');
  assert.deepEqual((await cells(page.locator('#targets tbody tr'))).find((r) => r[0] === '2024/25'), ['2024/25', '-2.0% to 2.0%', 'Set for this period']);
  const latest = Object.fromEntries(await cells(page.locator('#latest .govuk-summary-list__row')));
  assert.equal(latest['Target'], '-2.0% to 2.0%');
  await checkPage(page, { prefix, label: 'demo-budget', problems });

  // The correction the demo makes: both revisions, the newer with its reason.
  await page.goto(`${civic.url}/indicators/HR-01`);
  const stored = await admin('GET', `/api/v1/indicators/HR-01/values?period=${encodeURIComponent('2026/27 Q1')}`, undefined, 200);
  const corrected = stored.items.find((v) => v.revision === 2);
  const rows = (await cells(page.locator('#values tbody tr'))).filter((r) => r[0] === '2026/27 Q1');
  assert.deepEqual(rows.map((r) => [r[1], r[2], r[3].split(' ').slice(0, 2).join(' ')]), [
    ['2', 'Approved', '1.86 days'],
    ['1', 'Superseded', '1.62 days'],
  ]);
  assert.equal(rows[0][4], corrected.reason);
  await checkPage(page, { prefix, label: 'demo-absence', problems });
  await context.close();
});

test('a value is entered with the GOV.UK error pattern, submitted once it has its commentary, returned, and approved', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators/${built['CS 1']}`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Enter a value' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/indicators/${built['CS 1']}/values/new`);
  assert.equal(await page.getByLabel('Period').inputValue(), lastEndedQuarter(), 'the period starts at the last quarter that has ended');
  await checkPage(page, { prefix, label: 'value-form', problems });

  // A value that is not a number: the error summary links to the field, which keeps what was typed.
  await page.getByLabel('Period').fill('2025/26 Q1');
  await page.getByLabel('Value').fill('about sixty');
  await page.getByLabel('Note about the data (optional)').fill('From the telephony system.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save as draft' }).click());
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: Enter a value/);
  const message = 'The value must be a number, like 42 or 97.5';
  assert.equal(await page.locator('.govuk-error-summary').getByRole('link', { name: message }).getAttribute('href'), '#value');
  assert.equal(await text(page.locator('#value-error')), `Error: ${message}`);
  assert.equal(await page.getByLabel('Value').inputValue(), 'about sixty');
  assert.equal(await page.getByLabel('Note about the data (optional)').inputValue(), 'From the telephony system.');
  await checkPage(page, { prefix, label: 'value-form-error', problems });

  // A period that is not one: the service's error, mapped to its field.
  await page.getByLabel('Period').fill('2025/26 Q5');
  await page.getByLabel('Value').fill('60');
  res = await follow(page, () => page.getByRole('button', { name: 'Save as draft' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#period');
  assert.match(await text(page.locator('#period-error')), /^Error: .*2025\/26 Q5/);

  await page.getByLabel('Period').fill('2025/26 Q1');
  res = await follow(page, () => page.getByRole('button', { name: 'Save as draft' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/indicators/${built['CS 1']}`);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Value saved as a draft');
  let [row] = await cells(page.locator('#values tbody tr'));
  assert.deepEqual(row.slice(0, 4), ['2025/26 Q1', '1', 'Draft', '60% Note: From the telephony system.']);
  const [stored] = civic.sqlRows(`SELECT id, status, value, note FROM indicator_values WHERE indicator_id = '${built['CS 1']}' AND period = '2025/26 Q1'`);
  assert.deepEqual({ ...stored, id: undefined }, { id: undefined, status: 'draft', value: 60, note: 'From the telephony system.' });
  built.draft = stored.id;

  // 60% against 81% is red: it cannot be submitted without a commentary, and the draft's form
  // says so at the commentary.
  res = await follow(page, () => page.getByRole('button', { name: 'Submit 2025/26 Q1 revision 1' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#commentary');
  assert.match(await text(page.locator('#commentary-error')), /^Error: /);
  assert.equal(await page.getByLabel('Value').inputValue(), '60');
  await checkPage(page, { prefix, label: 'submit-needs-commentary', problems });
  await page.getByLabel('Commentary').fill('Two advisers left in May; their posts are being filled.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Draft value saved');
  res = await follow(page, () => page.getByRole('button', { name: 'Submit 2025/26 Q1 revision 1' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'The value for 2025/26 Q1 was submitted for approval');
  [row] = await cells(page.locator('#values tbody tr'));
  assert.equal(row[2], 'Submitted');

  // Returned with a reason: the reason is asked for first.
  res = await follow(page, () => page.getByRole('link', { name: 'Return 2025/26 Q1 revision 1' }).click());
  assert.equal(new URL(page.url()).pathname, `/indicator-values/${built.draft}/return`);
  await checkPage(page, { prefix, label: 'return-form', problems });
  res = await follow(page, () => page.getByRole('button', { name: 'Return value' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#reason');
  await page.getByLabel('Why it goes back').fill('The figure leaves out the web chat contacts.');
  res = await follow(page, () => page.getByRole('button', { name: 'Return value' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'The value for 2025/26 Q1 was returned to be changed');
  [row] = await cells(page.locator('#values tbody tr'));
  assert.equal(row[2], 'Draft');

  // Submitted again and approved: locked, with nothing left to press but Correct.
  await follow(page, () => page.getByRole('button', { name: 'Submit 2025/26 Q1 revision 1' }).click());
  res = await follow(page, () => page.getByRole('button', { name: 'Approve 2025/26 Q1 revision 1' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'The value for 2025/26 Q1 was approved');
  [row] = await cells(page.locator('#values tbody tr'));
  assert.deepEqual([row[2], row.at(-1)], ['Approved', 'Correct 2025/26 Q1 revision 1']);
  assert.deepEqual(civic.sqlRows(`SELECT status FROM indicator_values WHERE id = '${built.draft}'`), [{ status: 'approved' }]);
  assert.deepEqual(
    civic.sqlRows(`SELECT action, actor FROM audit_log WHERE entity = 'indicator_value' AND entity_id = '${built.draft}' ORDER BY at, id`).map((a) => `${a.action} by ${a.actor}`),
    ['create by admin', 'update by admin', 'submit by admin', 'return by admin', 'submit by admin', 'approve by admin'],
  );
  await checkPage(page, { prefix, label: 'value-approved', problems });
  await context.close();
});

test('a correction of an approved value needs its reason, and every revision stays on the page', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators/${built['CS 1']}`);
  let res = await follow(page, () => page.getByRole('link', { name: 'Correct 2024/25 Q3 revision 1' }).click());
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /^Correct the value for 2024\/25 Q3/);
  assert.equal(await page.getByLabel('Value').inputValue(), '84', 'the form starts from the approved figure');
  await page.getByLabel('Value').fill('82');
  res = await follow(page, () => page.getByRole('button', { name: 'Save correction' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#reason');
  assert.equal(await page.getByLabel('Value').inputValue(), '82');
  await checkPage(page, { prefix, label: 'correction-error', problems });
  await page.getByLabel('Reason for the correction').fill('The March figures were counted twice.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save correction' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Correction saved as a draft');
  await follow(page, () => page.getByRole('button', { name: 'Submit 2024/25 Q3 revision 2' }).click());
  await follow(page, () => page.getByRole('button', { name: 'Approve 2024/25 Q3 revision 2' }).click());
  const q3 = (await cells(page.locator('#values tbody tr'))).filter((r) => r[0] === '2024/25 Q3').map((r) => r.slice(1, 5));
  assert.deepEqual(q3, [
    ['2', 'Approved', '82%', 'The March figures were counted twice.'],
    ['1', 'Superseded', '84%', ''],
  ]);
  // The chart and its table take the approved correction.
  const q3Row = (await cells(page.locator('#trend-table tbody tr'))).find((r) => r[0] === '2024/25 Q3');
  assert.deepEqual(q3Row, ['2024/25 Q3', '82%', '81%', 'Green']);
  await checkPage(page, { prefix, label: 'corrected', problems });

  // Data quality lists the revision after approval.
  await page.goto(`${civic.url}/indicators/data-quality?year=2024%2F25`);
  const revised = await cells(page.locator('#revised tbody tr'));
  assert.deepEqual(
    revised.map((r) => r.slice(0, 4)),
    [['CS 1 Contacts handled by customer services', '2024/25 Q3 Revision 2', '84%', '82% Approved']],
  );
  assert.match(revised[0][4], /^The March figures were counted twice\. By (admin|Ada Admin)$/);
  await context.close();
});

test('the officer who enters an indicator’s values may enter and submit them, but not approve them, without JavaScript', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url, ENTRY);
  await page.goto(`${civic.url}/indicators/${built['CS 1']}`);
  assert.equal(await page.getByRole('button', { name: 'Enter a value' }).count(), 1);
  await follow(page, () => page.getByRole('button', { name: 'Enter a value' }).click());
  await page.getByLabel('Period').fill('2025/26 Q2');
  await page.getByLabel('Value').fill('83');
  let res = await follow(page, () => page.getByRole('button', { name: 'Save as draft' }).click());
  assert.equal(res.status(), 200);
  res = await follow(page, () => page.getByRole('button', { name: 'Submit 2025/26 Q2 revision 1' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'The value for 2025/26 Q2 was submitted for approval');
  assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 0, 'approving is for whoever may change the indicator');
  assert.deepEqual(
    civic.sqlRows(`SELECT status, value FROM indicator_values WHERE indicator_id = '${built['CS 1']}' AND period = '2025/26 Q2'`),
    [{ status: 'submitted', value: 83 }],
  );
  await screenshot(page, prefix, 'entry-person-no-js');
  assert.deepEqual(problems, []);
  // Another indicator is not theirs to enter.
  await page.goto(`${civic.url}/indicators/${built['BV 8']}`);
  assert.equal(await page.getByRole('button', { name: 'Enter a value' }).count(), 0);
  res = await page.goto(`${civic.url}/indicators/${built['BV 8']}/values/new`);
  assert.equal(res.status(), 404);
  await context.close();
});

test('the scorecard rates every indicator for a period, counts each rating, and filters without JavaScript', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators/scorecard`);
  assert.equal(await page.getByLabel('Period').inputValue(), lastEndedQuarter(), 'the last quarter that has ended');

  await page.goto(`${civic.url}/indicators/scorecard?period=${encodeURIComponent('2024/25 Q4')}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Performance in 2024/25 Q4' }).waitFor());
  const card = await admin('GET', `/api/v1/scorecard?period=${encodeURIComponent('2024/25 Q4')}`, undefined, 200);
  const counts = await page.locator('#counts li').evaluateAll((lis) => lis.map((li) => li.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(counts, [`Green ${card.counts.green}`, `Amber ${card.counts.amber}`, `Red ${card.counts.red}`, `No target ${card.counts.none}`, `Awaiting a value ${card.counts.awaiting}`]);
  const codes = await codesIn(page, '#scorecard');
  const rows = Object.fromEntries((await cells(page.locator('#scorecard tbody tr'))).map((r, n) => [codes[n], r.slice(1, 7)]));
  for (const code of ['BV 8', 'CS 1', 'HR 1', 'CS-01']) assert.ok(rows[code], `${code} is on the scorecard`);
  assert.equal(Object.keys(rows).length, card.items.length, 'a row for every indicator the API rates');
  assert.deepEqual(rows['CS 1'].slice(0, 2), ['80%', '81%']);
  assert.match(rows['CS 1'][2], /^Amber Amber: 80% is 1 point below the target of 81%/);
  assert.deepEqual(rows['CS 1'].slice(3, 6), ['↓ Worse', '↑ Better', 'Not compared']);
  assert.deepEqual(rows['BV 8'].slice(0, 2), ['95.5%', '97.0%']);
  assert.match(rows['BV 8'][2], /^Red /);
  // Lower is better: 1.9 days against 2.1 a year before is better, and within the target.
  assert.match(rows['HR 1'][2], /^Green /);
  assert.equal(rows['HR 1'][4], '↓ Better');
  // The sparklines are pictures for the eye only: the row says the figures.
  assert.equal(await page.locator('#scorecard svg.civic-sparkline[aria-hidden="true"]').count(), codes.length);
  await checkPage(page, { prefix, label: 'scorecard', problems });

  const nojs = await openPage(browser, { javaScriptEnabled: false });
  await signIn(nojs.page, civic.url);
  await nojs.page.goto(page.url());
  await nojs.page.getByLabel('Rating').selectOption({ label: 'Red' });
  const res = await follow(nojs.page, () => nojs.page.getByRole('button', { name: 'Show scorecard' }).click());
  assert.equal(res.status(), 200);
  const url = new URL(nojs.page.url());
  assert.equal(url.searchParams.get('rag'), 'red');
  assert.equal(url.searchParams.get('period'), '2024/25 Q4');
  const red = await codesIn(nojs.page, '#scorecard');
  assert.ok(red.includes('BV 8') && !red.includes('CS 1') && !red.includes('HR 1'), `only red indicators: ${red}`);
  assert.deepEqual([...new Set(await nojs.page.locator('#scorecard tbody tr td:nth-child(4) strong').allInnerTexts())], ['Red']);
  await screenshot(nojs.page, prefix, 'scorecard-no-js');
  assert.deepEqual(nojs.problems, []);
  await nojs.context.close();

  // A plan's scorecard, chosen from the plans whose items have indicators: the indicators its
  // items are measured by.
  await page.goto(`${civic.url}/indicators/scorecard?period=${encodeURIComponent('2024/25 Q4')}`);
  await page.locator('#plan-filter').selectOption(built.plan);
  await follow(page, () => page.getByRole('button', { name: 'Show scorecard' }).click());
  assert.equal(new URL(page.url()).searchParams.get('plan'), built.plan);
  assert.deepEqual(await codesIn(page, '#scorecard'), ['CS 1']);
  assert.match(await text(page.locator('#plan')), /^Only the indicators linked to the items of one plan are shown: show every indicator\.$/);
  await checkPage(page, { prefix, label: 'scorecard-plan', problems });
  let refused = await page.goto(`${civic.url}/indicators/scorecard?plan=not-a-plan`);
  assert.equal(refused.status(), 422);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#plan');

  refused = await page.goto(`${civic.url}/indicators/scorecard?period=${encodeURIComponent('2024/25 Q9')}&rag=purple`);
  assert.equal(refused.status(), 422);
  assert.equal(await text(page.locator('#rag-error')), 'Error: Choose a rating from the list');
  assert.equal(await page.locator('#scorecard').count(), 0);
  await checkPage(page, { prefix, label: 'scorecard-error', problems });
  await context.close();
});

test('an indicator linked to a benchmark dataset shows where the council stands, in words, in the chart and on the scorecard', async (t) => {
  // Five councils' figures for 2024/25; the council is A3, in the middle.
  const dir = civic.dir;
  writeFileSync(
    path.join(dir, 'club.csv'),
    ['area_code,area_name,metric,period,value', 'A1,Avon,contacts,2024/25,10', 'A2,Brent,contacts,2024/25,20', 'A3,Demo,contacts,2024/25,30', 'A4,Dover,contacts,2024/25,40', 'A5,Eden,contacts,2024/25,50'].join('\n') + '\n',
  );
  writeFileSync(path.join(dir, 'club-metrics.csv'), 'metric,title,polarity\ncontacts,Contacts handled at the first point,higher\n');
  const loaded = await runCli(['import', 'dataset', 'club', '--db', civic.dbPath, '--values', path.join(dir, 'club.csv'), '--metrics', path.join(dir, 'club-metrics.csv')]);
  if (loaded.code !== 0 && /not built yet/.test(loaded.stderr)) return t.skip('benchmark datasets are not built yet');
  mustSucceed('civic import dataset', loaded);
  await importCsv(
    'indicators',
    'benchmarked.csv',
    'code,title,unit,polarity,frequency,rag_rule,benchmark_dataset,benchmark_metric,benchmark_area\nBM 1,Contacts handled at the first point,percentage,higher,quarterly,met,club,contacts,A3\n',
  );
  await importCsv('values', 'benchmarked-values.csv', 'indicator,period,value,numerator,denominator,target,note\nBM 1,2024/25 Q4,30,,,35,\n');
  const [{ id }] = civic.sqlRows(`SELECT id FROM indicators WHERE code = 'BM 1'`);

  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators/${id}`);
  // Higher is better: 30 is at the median of 10, 20, 30, 40, 50, so in quartile 2, ranked 3rd.
  assert.equal(
    await text(page.locator('#position')),
    '30% is in quartile 2 of 4 (1 is the best) and ranks 3 of 5 councils for 2024/25. The median is 30%; the middle half of councils are from 20% to 40%.',
  );
  assert.deepEqual((await cells(page.locator('#trend-table tbody tr')))[0], ['2024/25 Q4', '30%', '35%', 'Red', '30%']);
  assert.equal(await page.locator('svg.civic-chart .civic-chart__benchmark-median').count(), 1);
  assert.equal(await page.locator('svg.civic-chart .civic-chart__benchmark-band rect').count(), 1);
  assert.match(await page.locator('#trend-desc').textContent(), /The dotted line is the median of the councils compared/);
  await checkPage(page, { prefix, label: 'benchmarked', problems });

  await page.goto(`${civic.url}/indicators/scorecard?period=${encodeURIComponent('2024/25 Q4')}`);
  const row = (await cells(page.locator('#scorecard tbody tr'))).find((r) => r[0].startsWith('BM 1'));
  assert.equal(row[6], 'Quartile 2, rank 3 of 5');
  await context.close();
});

test('data quality lists late and missing values with how each deadline was counted, and the two figures', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/indicators`);
  await follow(page, () => page.getByRole('link', { name: 'Data quality' }).click());
  assert.equal(new URL(page.url()).pathname, '/indicators/data-quality');
  await page.getByLabel('Financial year').fill('2024/25');
  await follow(page, () => page.getByRole('button', { name: 'Show data quality' }).click());
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Data quality in 2024/25' }).waitFor());

  const dq = await admin('GET', `/api/v1/data-quality?year=${encodeURIComponent('2024/25')}`, undefined, 200);
  const fmt = (n) => `${Math.round(n * 10) / 10}%`;
  assert.match(await text(page.locator('#on-time')), new RegExp(`^${fmt(dq.on_time_percent)} ${dq.on_time} of the ${dq.due} values due were approved by their deadline$`));
  assert.match(await text(page.locator('#never-revised')), new RegExp(`^${fmt(dq.never_revised_percent)} ${dq.never_revised} of the ${dq.due} values due`));
  assert.equal(await text(page.locator('#explanation')), dq.explanation);

  const late = await cells(page.locator('#late tbody tr'));
  assert.equal(late.length, dq.late.length);
  assert.ok(
    late.some((r) => r[0] === 'HR 1 Sickness absence <b>days</b> per employee' && r[1] === '2024/25 Q1' && /^Missing \d+ working days late$/.test(r[3])),
    `HR 1 has nothing for 2024/25 Q1: ${JSON.stringify(late)}`,
  );
  // How the deadline was counted, line by line, behind a summary a keyboard can open.
  const first = page.locator('#late tbody tr').first();
  await first.locator('summary').click();
  assert.deepEqual(await first.locator('.govuk-details__text li').allInnerTexts(), dq.late[0].deadline_explanation);
  await checkPage(page, { prefix, label: 'data-quality', problems });

  const refused = await page.goto(`${civic.url}/indicators/data-quality?unit=nowhere`);
  assert.equal(refused.status(), 422);
  assert.equal(await text(page.locator('#unit-error')), 'Error: Choose a unit from the list');
  await context.close();
});
