// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk pages in Chromium: a corporate register and a directorate register beneath it with
// four risks (made through the API), then the registers' tree with the reviews overdue, the
// register in the council's order and by score with its owners to tidy, a risk's page, a review
// through the form (refused first for want of a likelihood, then saved), an acceptance of a
// risk above appetite through the form, the heat map with its table and one cell's risks, the
// movement report, the issues log, the matrix, the home page's "Risk reviews due", and the same
// pages as plain HTML with JavaScript off. axe-core finds nothing on any page visited; a
// visitor who is not signed in is sent to sign in.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { mustSucceed, runCli } from '../api/harness.mjs';
import { assertStopsCleanly, checkPage, follow, launchBrowser, openPage, screenshot, signIn, startCivic } from './support.mjs';

const prefix = 'risks';
let civic;
let browser;
let token;
// What the tests build: ids, names and dates.
const built = {};

const isoDay = (d) => d.toISOString().slice(0, 10);
const today = () => isoDay(new Date());
const addDays = (iso, n) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// "3 November 2026", as the pages write dates.
const shortDate = (iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

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

const CORPORATE = 'Northmoor Corporate Risk Register';
const DIRECTORATE = 'Resources Directorate Risk Register';

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  token = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', 'admin', '--name', 'risks browser test'])).stdout.trim().split('\n').at(-1);
  const [council] = civic.sqlRows(`SELECT id FROM units WHERE kind = 'council' AND archived_at IS NULL ORDER BY name LIMIT 1`);
  // An officer of its own, who owns none of the demo council's risks.
  const made = await admin('POST', '/api/v1/people', { name: 'Robin Ashby', kind: 'officer' });
  const owner = { id: made.id, name: made.name };
  built.owner = owner;
  // The administrator is Robin Ashby, so his risks are the administrator's own.
  mustSucceed('civic user link', await runCli(['user', 'link', '--db', civic.dbPath, '--username', 'admin', '--person', owner.id]));

  // The demo council's appetite for financial risks is 12, council-wide.
  const appetites = await admin('GET', '/api/v1/risk-appetites', undefined, 200);
  assert.deepEqual(appetites.items.filter((a) => a.category === 'financial' && !a.unit_id).map((a) => a.max_score), [12]);
  const corporate = await admin('POST', '/api/v1/risk-registers', { unit_id: council.id, kind: 'corporate', name: CORPORATE });
  const directorate = await admin('POST', '/api/v1/risk-registers', { unit_id: council.id, kind: 'directorate', name: DIRECTORATE, parent_id: corporate.id });
  built.corporate = corporate.id;
  built.directorate = directorate.id;
  const identified = addDays(today(), -400);
  const risk = (fields) =>
    admin('POST', '/api/v1/risks', {
      register_id: directorate.id,
      cause: 'Demand for services rises faster than funding',
      event: 'The council overspends its budget',
      effect: 'Reserves are drawn down and services cut',
      response: 'treat',
      proximity: 'within a year',
      identified_on: identified,
      next_review_on: addDays(today(), 60),
      ...fields,
    });
  built.res1 = await risk({
    reference: 'RES1',
    title: 'Budget overspend in adult social care',
    category: 'financial',
    owner: 'Head of Finance',
    inherent_likelihood: 5, inherent_impact: 5,
    current_likelihood: 4, current_impact: 4,
    target_likelihood: 2, target_impact: 3,
    controls: [{ description: 'Monthly budget monitoring', effectiveness: 'partly effective' }],
    actions_text: 'Recovery plan agreed with the directorate.',
  });
  built.res2 = await risk({
    reference: 'RES2',
    title: 'Loss of the payroll system',
    category: 'operational',
    owner_person_id: owner.id,
    inherent_likelihood: 3, inherent_impact: 4,
    current_likelihood: 2, current_impact: 2,
    next_review_on: addDays(today(), -10),
  });
  built.res3 = await risk({
    reference: 'RES3',
    title: 'Council tax collection falls',
    category: 'financial',
    owner_person_id: owner.id,
    inherent_likelihood: 4, inherent_impact: 3,
    current_likelihood: 3, current_impact: 3,
  });
  built.res4 = await risk({
    reference: 'RES4',
    title: 'Pension fund deficit grows',
    category: 'financial',
    owner_person_id: owner.id,
    inherent_likelihood: 5, inherent_impact: 5,
    current_likelihood: 4, current_impact: 5,
  });
  // A plan item of the demo council's that mitigates RES1, and an issue that came of RES1.
  const [item] = civic.sqlRows(`SELECT id FROM plan_items WHERE archived_at IS NULL ORDER BY id LIMIT 1`);
  assert.ok(item, 'the demo council has a plan item');
  await admin('POST', '/api/v1/links', { from_type: 'plan_item', from_id: item.id, to_type: 'risk', to_id: built.res1.id, kind: 'mitigates' });
  built.issue = await admin('POST', '/api/v1/risk-issues', {
    register_id: directorate.id,
    reference: 'ISS1',
    title: 'Care placements overspent in quarter 2',
    priority: 'high',
    risk_id: built.res1.id,
    owner_person_id: owner.id,
    raised_on: addDays(today(), -5),
  });
});

after(async () => {
  if (browser) await browser.close();
  if (civic) await civic.cleanup();
});

test('a visitor who is not signed in is sent to sign in first', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${civic.url}/risks`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(new URL(page.url()).searchParams.get('return_to'), '/risks');
  await page.goto(`${civic.url}/risks/${built.res1.id}`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  // Risk registers are not public, so the menu does not offer them to a visitor.
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Risks' }).count(), 0);
  await context.close();
});

test('the registers are a tree with their counts, the reviews overdue and the links', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await follow(page, () => page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Risks' }).click());
  assert.equal(new URL(page.url()).pathname, '/risks');
  // The demo council's registers are there too; these are the test's own.
  const rows = (await cells(page.locator('#registers tbody tr'))).filter((r) => r[0].startsWith(CORPORATE) || r[0].startsWith(DIRECTORATE));
  assert.equal(rows.length, 2);
  assert.equal(rows[0][0], `${CORPORATE} Corporate register`);
  assert.deepEqual(rows[0].slice(2), ['0', '0', '0']);
  assert.equal(rows[1][0], `${DIRECTORATE} Directorate register`);
  assert.deepEqual(rows[1].slice(2), ['4', '2', '1'], 'four open risks, two above appetite, one review overdue');
  assert.equal(await page.locator('#registers tbody tr', { hasText: DIRECTORATE }).locator('th').getAttribute('class'), 'govuk-table__header civic-depth-1', 'the directorate register sits beneath the corporate one');
  assert.deepEqual((await cells(page.locator('#overdue tbody tr'))).filter((r) => r[2] === DIRECTORATE), [[built.owner.name, 'RES2 Loss of the payroll system', DIRECTORATE, shortDate(addDays(today(), -10)), '10']]);
  assert.ok(!(await text(page.locator('main'))).includes(`${DIRECTORATE} ${built.owner.name}`), 'no acceptance of the test\'s has lapsed or ends soon');
  assert.deepEqual(await page.locator('.civic-risk-links a').allInnerTexts(), ['Heat map', 'Movement report', 'Issues log', 'Scoring matrix and appetite']);
  await checkPage(page, { prefix, label: 'registers', problems });

  await page.goto(`${civic.url}/`);
  assert.deepEqual(await page.locator('#home-risk-reviews li a').allInnerTexts(), ['RES2 Loss of the payroll system']);
  assert.equal(await text(page.locator('#home-risk-reviews li')), `RES2 Loss of the payroll system (${DIRECTORATE}, due ${shortDate(addDays(today(), -10))}) Overdue`);
  await context.close();
});

test('a register lists its risks in the council’s order and by score, with its owners to tidy', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks`);
  await follow(page, () => page.getByRole('link', { name: DIRECTORATE }).click());
  assert.equal(new URL(page.url()).pathname, `/risk-registers/${built.directorate}`);
  assert.equal(await text(page.locator('h1')), DIRECTORATE);
  assert.equal(await text(page.locator('#risks caption')), '4 open risks, 2 above appetite');
  assert.deepEqual(await cells(page.locator('#risks tbody tr')), [
    ['1', 'RES1 Budget overspend in adult social care Above appetite', 'Head of Finance', '25 High', '16 High', '6 Medium'],
    ['2', `RES2 Loss of the payroll system Review overdue since ${shortDate(addDays(today(), -10))}`, built.owner.name, '12 Medium', '4 Low', 'None set'],
    ['3', 'RES3 Council tax collection falls', built.owner.name, '12 Medium', '9 Medium', 'None set'],
    ['4', 'RES4 Pension fund deficit grows Above appetite', built.owner.name, '25 High', '20 High', 'None set'],
  ]);
  assert.equal(await page.locator('#risks tbody tr').first().locator('td').nth(4).locator('strong').getAttribute('class'), 'govuk-tag govuk-tag--red');
  assert.equal(await page.locator('#risks tbody tr').nth(2).locator('td').nth(4).locator('strong').getAttribute('class'), 'govuk-tag govuk-tag--yellow');
  assert.deepEqual(await page.locator('#tidy li').allInnerTexts(), ['RES1: “Head of Finance”']);
  assert.deepEqual(
    await page.locator('#register-links a').evaluateAll((as) => as.map((a) => [a.innerText, a.getAttribute('href')])),
    [
      ['Heat map of this register', `/risk-heat-map?register_id=${built.directorate}`],
      ['Movement report', `/risk-movement?register_id=${built.directorate}`],
      ['Issues log', `/risk-issues?register_id=${built.directorate}`],
      ['Download as CSV', `/api/v1/risk-registers/${built.directorate}/export.csv`],
      ['Download as a spreadsheet (XLSX)', `/api/v1/risk-registers/${built.directorate}/export.xlsx`],
    ],
  );
  await checkPage(page, { prefix, label: 'register', problems });

  await follow(page, () => page.getByRole('link', { name: 'Order by current score' }).click());
  assert.equal(new URL(page.url()).search, '?order=score');
  assert.deepEqual((await cells(page.locator('#risks tbody tr'))).map((r) => [r[1].split(' ')[0], r[4]]), [
    ['RES4', '20 High'],
    ['RES1', '16 High'],
    ['RES3', '9 Medium'],
    ['RES2', '4 Low'],
  ]);
  await checkPage(page, { prefix, label: 'register-by-score', problems });
  await context.close();
});

test('a risk’s page shows its scores, appetite, pictures, controls and history', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  await follow(page, () => page.getByRole('link', { name: 'RES1 Budget overspend in adult social care' }).click());
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res1.id}`);
  assert.equal(await text(page.locator('h1')), 'RES1 Budget overspend in adult social care');
  assert.deepEqual(await cells(page.locator('#risk-summary .govuk-summary-list__row')), [
    ['Cause', 'Demand for services rises faster than funding'],
    ['Event', 'The council overspends its budget'],
    ['Effect', 'Reserves are drawn down and services cut'],
    ['Category', 'Financial'],
    ['Owner', 'Head of Finance As the register wrote it: no one in the organisation register has this name'],
    ['Response', 'Treat'],
    ['Proximity', 'Within a year'],
    ['Identified', shortDate(addDays(today(), -400))],
    ['Next review', await text(page.locator('#risk-summary .govuk-summary-list__row').nth(8).locator('dd'))],
  ]);
  assert.match(await text(page.locator('#risk-summary .govuk-summary-list__row').nth(8).locator('dd')), /^\d{1,2} \w+ \d{4} \(Every 3 months\)$/);
  assert.deepEqual((await cells(page.locator('#risk-scores .govuk-summary-list__row'))).slice(0, 3), [
    ['Inherent', '25 High Likelihood 5 (Almost certain) × impact 5 (Critical), before any control'],
    ['Current', '16 High Likelihood 4 (Likely) × impact 4 (Major), with the controls in place'],
    ['Target', '6 Medium Likelihood 2 (Unlikely) × impact 3 (Moderate), once the actions are done'],
  ]);
  assert.match(await text(page.locator('#appetite')), /^At most 12 \(Financial.*\) Above appetite$/);
  assert.deepEqual(await cells(page.locator('#controls tbody tr')), [['Monthly budget monitoring', 'Partly effective']]);
  assert.deepEqual(await page.locator('#risk-actions a').allInnerTexts(), ['Review this risk', 'Accept the risk', 'Escalate or de-escalate', 'Change the risk']);
  assert.equal(await page.locator('#movement svg').count(), 1);
  assert.equal(await page.locator('#score-history svg').count(), 1);
  // Its first review is the assessment it was made with.
  assert.deepEqual((await cells(page.locator('#reviews tbody tr'))).map((r) => r.at(-1)), ['Assessed when the risk was identified.']);
  built.mitigation = await page.locator('#mitigating li').allInnerTexts();
  assert.equal(built.mitigation.length, 1, 'one plan item mitigates it');
  assert.deepEqual(await page.locator('#links dt').allInnerTexts(), ['Mitigated by']);
  assert.deepEqual(await page.locator('#issues li').allInnerTexts(), ['ISS1 Care placements overspent in quarter 2 High Open']);
  await checkPage(page, { prefix, label: 'risk', problems });
  await context.close();
});

test('a review through the form: refused without a likelihood, then saved with the new score', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks/${built.res1.id}`);
  await follow(page, () => page.getByRole('link', { name: 'Review this risk' }).click());
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res1.id}/review`);
  assert.equal(await page.getByLabel('Date of the review').inputValue(), today());
  assert.equal(await text(page.locator('#score-now')), 'The current score is 16 (4 × 4, High).');
  assert.deepEqual(await page.locator('input[name="current_likelihood"] + label').allInnerTexts(), ['1 Rare', '2 Unlikely', '3 Possible', '4 Likely', '5 Almost certain']);
  assert.equal(await page.locator('input[name="current_likelihood"]:checked').count(), 0, 'the reviewer chooses; nothing is chosen for them');
  assert.equal(await page.getByLabel('Monthly budget monitoring').inputValue(), 'partly effective');
  await checkPage(page, { prefix, label: 'review-form', problems });

  await page.locator('fieldset', { hasText: 'Impact now' }).getByLabel('4 Major').check();
  await page.getByLabel('Commentary').fill('The recovery plan is taking effect.');
  let res = await follow(page, () => page.getByRole('button', { name: 'Save the review' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(
    await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => [a.innerText, a.getAttribute('href')])),
    [['Give the current likelihood', '#current_likelihood']],
  );
  assert.equal(await text(page.locator('#current_likelihood-error')), 'Error: Give the current likelihood');
  assert.equal(await page.locator('fieldset', { hasText: 'Impact now' }).getByLabel('4 Major').isChecked(), true, 'the choices are kept');
  assert.equal(await page.getByLabel('Commentary').inputValue(), 'The recovery plan is taking effect.');
  await checkPage(page, { prefix, label: 'review-refused', problems });

  await page.locator('fieldset', { hasText: 'Likelihood now' }).getByLabel('3 Possible').check();
  await page.getByLabel('Monthly budget monitoring').selectOption('effective');
  assert.deepEqual(await page.locator('fieldset legend', { hasText: built.mitigation[0] }).allInnerTexts(), built.mitigation, 'each mitigating action is asked about');
  await page.locator('fieldset', { hasText: built.mitigation[0] }).getByLabel('Progress').selectOption('on track');
  await page.locator('fieldset', { hasText: built.mitigation[0] }).getByLabel('Note (optional)').fill('Two of three savings found.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save the review' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res1.id}`);
  assert.equal(await banner(page), 'Review saved');
  assert.equal(await text(page.locator('#risk-scores .govuk-summary-list__row').nth(1)), 'Current 12 Medium Likelihood 3 (Possible) × impact 4 (Major), with the controls in place');
  assert.deepEqual((await cells(page.locator('#reviews tbody tr')))[0], [shortDate(today()), built.owner.name, '12 Medium', 'The recovery plan is taking effect.']);
  assert.deepEqual(await cells(page.locator('#controls tbody tr')), [['Monthly budget monitoring', 'Effective']]);
  assert.deepEqual(await page.locator('#risk-actions a').allInnerTexts(), ['Review this risk', 'Escalate or de-escalate', 'Change the risk'], 'within appetite now: nothing to accept');
  // Its history from the audit trail, newest first: the review, then the risk being made.
  assert.deepEqual(await cells(page.locator('#changes tbody tr')), [
    [shortDate(today()), 'admin', 'Reviewed: current likelihood, controls, next review on'],
    [shortDate(today()), 'admin', 'Added'],
  ]);
  await checkPage(page, { prefix, label: 'risk-reviewed', problems });

  const { items } = await admin('GET', `/api/v1/risks/${built.res1.id}/reviews`, undefined, 200);
  assert.equal(items.length, 2, 'the review and the first assessment');
  assert.equal(items[0].reviewed_on, today());
  assert.equal(items[0].current_likelihood, 3);
  assert.equal(items[0].current_impact, 4);
  assert.equal(items[0].commentary, 'The recovery plan is taking effect.');
  assert.equal(items[0].reviewer_person_id, built.owner.id);
  assert.deepEqual(items[0].actions, [{ title: built.mitigation[0], progress: 'on track', note: 'Two of three savings found.' }]);
  assert.deepEqual(items[0].controls, [{ description: 'Monthly budget monitoring', effectiveness: 'effective' }]);
  await context.close();
});

test('an acceptance of a risk above appetite through the form', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks/${built.res4.id}`);
  await follow(page, () => page.getByRole('link', { name: 'Accept the risk' }).click());
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res4.id}/acceptance`);
  assert.deepEqual((await cells(page.locator('#acceptance-scores .govuk-summary-list__row'))).map((r) => r[0]), ['Current score', 'Appetite']);
  assert.equal(await text(page.locator('#acceptance-scores dd').first()), '20 High Likelihood 4 (Likely) × impact 5 (Critical)');
  assert.match(await text(page.locator('#acceptance-scores dd').nth(1)), /^At most 12 \(Financial.*\)$/);
  await checkPage(page, { prefix, label: 'acceptance-form', problems });

  let res = await follow(page, () => page.getByRole('button', { name: 'Accept the risk' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#reason', '#until']);
  await checkPage(page, { prefix, label: 'acceptance-refused', problems });

  const until = addDays(today(), 90);
  await page.getByLabel('Why the council accepts it').fill('The deficit is being recovered over the next valuation cycle.');
  await page.getByLabel('Accepted until').fill(until);
  res = await follow(page, () => page.getByRole('button', { name: 'Accept the risk' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res4.id}`);
  assert.equal(await banner(page), `Risk accepted until ${shortDate(until)}`);
  assert.match(await text(page.locator('#acceptance p').first()), new RegExp(`^Accepted until ${shortDate(until)}, by .+ on ${shortDate(today())}, at a score of 20\\.$`));
  await checkPage(page, { prefix, label: 'risk-accepted', problems });

  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  assert.equal((await cells(page.locator('#risks tbody tr')))[3][1], `RES4 Pension fund deficit grows Above appetite Accepted until ${shortDate(until)}`);
  assert.equal(await text(page.locator('#risks caption')), '4 open risks', 'an accepted risk does not alarm');

  await page.goto(`${civic.url}/risks/${built.res4.id}`);
  await follow(page, () => page.getByRole('link', { name: 'Renew or withdraw the acceptance' }).click());
  assert.match(await text(page.locator('#in-force p').first()), new RegExp(`^Accepted until ${shortDate(until)}, by .+ on ${shortDate(today())}\\.$`));
  await checkPage(page, { prefix, label: 'acceptance-in-force', problems });
  res = await follow(page, () => page.getByRole('button', { name: 'Withdraw the acceptance' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Acceptance withdrawn');
  assert.deepEqual(await page.locator('#risk-actions a').allInnerTexts(), ['Review this risk', 'Accept the risk', 'Escalate or de-escalate', 'Change the risk']);
  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  assert.equal(await text(page.locator('#risks caption')), '4 open risks, 1 above appetite');
  await context.close();
});

test('the heat map shows the counts, its table and each cell’s risks', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  await follow(page, () => page.getByRole('link', { name: 'Heat map of this register' }).click());
  assert.equal(await text(page.locator('#heat-map-title')), `Current scores: ${DIRECTORATE}`);
  assert.equal(await text(page.locator('#heat-map-total')), '4 risks in all.');
  assert.equal(await page.locator('#heat-map svg').count(), 1);
  const table = await cells(page.locator('#heat-table tbody tr'));
  assert.deepEqual(
    table.map((r) => [r[0], ...r.slice(1).map((c) => c.split(' ')[0])]),
    [
      ['5 Almost certain', '0,', '0,', '0,', '0,', '0,'],
      ['4 Likely', '0,', '0,', '0,', '0,', '1'],
      ['3 Possible', '0,', '0,', '1', '1', '0,'],
      ['2 Unlikely', '0,', '1', '0,', '0,', '0,'],
      ['1 Rare', '0,', '0,', '0,', '0,', '0,'],
    ].map((r) => r.map((c) => c.replace(',', ''))),
  );
  await checkPage(page, { prefix, label: 'heat-map', problems });

  await follow(page, () => page.locator('#heat-table tbody tr').nth(1).locator('td').nth(4).getByRole('link').click());
  assert.equal(new URL(page.url()).pathname, '/risks');
  assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), { likelihood: '4', impact: '5', view: 'current', register_id: built.directorate });
  assert.equal(await text(page.locator('h1')), 'Risks at likelihood 4 (Likely), impact 5 (Critical)');
  assert.deepEqual(await cells(page.locator('#risks tbody tr')), [['RES4 Pension fund deficit grows', DIRECTORATE, built.owner.name, '20 High']]);
  await checkPage(page, { prefix, label: 'heat-map-cell', problems });

  await page.goto(`${civic.url}/risk-heat-map?register_id=${built.directorate}`);
  await follow(page, () => page.getByRole('link', { name: 'Inherent scores' }).click());
  assert.equal(await text(page.locator('#heat-map-title')), `Inherent scores: ${DIRECTORATE}`);
  assert.equal(await text(page.locator('#views [aria-current="page"]')), 'Inherent scores');
  await checkPage(page, { prefix, label: 'heat-map-inherent', problems });
  await context.close();
});

test('the movement report, the issues log and the matrix', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  const from = addDays(today(), -401);
  await page.goto(`${civic.url}/risk-movement?register_id=${built.directorate}&from=${from}&to=${today()}`);
  assert.equal(await text(page.locator('#period')), `From ${shortDate(from)} to ${shortDate(today())}`);
  assert.deepEqual(await page.locator('h3').allInnerTexts(), ['Rose (0)', 'Fell (0)', 'Appeared (4)', 'Closed (0)', 'Escalated or de-escalated (0)']);
  const identified = `Identified on ${shortDate(addDays(today(), -400))}`;
  assert.deepEqual(await cells(page.locator('#appeared tbody tr')), [
    ['RES1', 'Budget overspend in adult social care', DIRECTORATE, '', '12 Medium', identified],
    ['RES2', 'Loss of the payroll system', DIRECTORATE, '', '4 Low', identified],
    ['RES3', 'Council tax collection falls', DIRECTORATE, '', '9 Medium', identified],
    ['RES4', 'Pension fund deficit grows', DIRECTORATE, '', '20 High', identified],
  ]);
  await checkPage(page, { prefix, label: 'movement', problems });
  await page.getByLabel('From').fill('2026-02-30');
  const res = await follow(page, () => page.getByRole('button', { name: 'Show the movement' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => [a.innerText, a.getAttribute('href')])), [['The first date must be a real date written as YYYY-MM-DD, for example 2026-03-31', '#from']]);
  assert.equal(await page.getByLabel('From').inputValue(), '2026-02-30', 'the date is shown as it was written');
  await checkPage(page, { prefix, label: 'movement-refused', problems });

  await page.goto(`${civic.url}/risk-issues`);
  assert.deepEqual((await cells(page.locator('#issues tbody tr'))).filter((r) => r[1] === DIRECTORATE), [['ISS1 Care placements overspent in quarter 2 The risk it came from', DIRECTORATE, built.owner.name, shortDate(addDays(today(), -5)), 'High', 'Open']]);
  await checkPage(page, { prefix, label: 'issues', problems });
  await follow(page, () => page.getByRole('link', { name: 'ISS1 Care placements overspent in quarter 2' }).click());
  assert.equal(new URL(page.url()).pathname, `/risk-issues/${built.issue.id}`);
  assert.deepEqual(await cells(page.locator('#issue-summary .govuk-summary-list__row')), [
    ['Priority', 'High'],
    ['Status', 'Open'],
    ['Owner', built.owner.name],
    ['Raised', shortDate(addDays(today(), -5))],
    ['The risk it came from', 'RES1 Budget overspend in adult social care'],
  ]);
  await checkPage(page, { prefix, label: 'issue', problems });

  await page.goto(`${civic.url}/risk-matrix`);
  assert.deepEqual(await cells(page.locator('#bands tbody tr')), [['Low', '1 to 4'], ['Medium', '5 to 12'], ['High', '15 to 25']]);
  assert.deepEqual((await cells(page.locator('#appetites tbody tr'))).filter((r) => r[0].startsWith('Financial') && r[1] === 'Council-wide').map((r) => r.slice(1, 3)), [['Council-wide', '12']]);
  await checkPage(page, { prefix, label: 'matrix', problems });
  await context.close();
});

test('a risk escalated through the form moves to the register above, and its old register says where it went', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks/${built.res2.id}`);
  await follow(page, () => page.getByRole('link', { name: 'Escalate or de-escalate' }).click());
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res2.id}/escalation`);
  assert.deepEqual(await page.locator('input[name="direction"] + label').allInnerTexts(), [`Escalate to ${CORPORATE}`], 'the directorate register has none beneath it');
  assert.equal(await page.getByLabel('Date of the move').inputValue(), today());
  await checkPage(page, { prefix, label: 'escalation-form', problems });

  let res = await follow(page, () => page.getByRole('button', { name: 'Move the risk' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#direction', '#reason']);
  await checkPage(page, { prefix, label: 'escalation-refused', problems });

  await page.getByLabel(`Escalate to ${CORPORATE}`).check();
  await page.getByLabel('Why it moves').fill('Payroll is now a council-wide risk.');
  res = await follow(page, () => page.getByRole('button', { name: 'Move the risk' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Risk escalated');
  assert.equal(await text(page.locator('.govuk-caption-l')), CORPORATE);
  assert.deepEqual(await cells(page.locator('#escalations tbody tr')), [[shortDate(today()), `Escalated from ${DIRECTORATE} to ${CORPORATE}`, 'Payroll is now a council-wide risk.', 'Ada Admin']]);
  await checkPage(page, { prefix, label: 'risk-escalated', problems });

  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  assert.deepEqual((await cells(page.locator('#risks tbody tr'))).map((r) => r[1].split(' ')[0]), ['RES1', 'RES3', 'RES4']);
  assert.deepEqual(await cells(page.locator('#moved tbody tr')), [['RES2 Loss of the payroll system', `Escalated to ${CORPORATE}`, shortDate(today())]]);
  await checkPage(page, { prefix, label: 'register-moved-away', problems });
  await page.goto(`${civic.url}/risk-registers/${built.corporate}`);
  assert.deepEqual((await cells(page.locator('#risks tbody tr'))).map((r) => r[1].split(' ')[0]), ['RES2']);
  await context.close();
});

test('a risk changed through its form: an owner kept as written is linked to a person', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks/${built.res1.id}`);
  await follow(page, () => page.getByRole('link', { name: 'Change the risk' }).click());
  assert.equal(new URL(page.url()).pathname, `/risks/${built.res1.id}/edit`);
  assert.equal(await page.getByLabel('Title').inputValue(), 'Budget overspend in adult social care');
  assert.equal(await page.getByLabel('Or the owner as the register writes it').inputValue(), 'Head of Finance');
  assert.equal(await page.getByLabel('Target likelihood').inputValue(), '2');
  await checkPage(page, { prefix, label: 'risk-form', problems });

  await page.getByLabel('Owner', { exact: true }).selectOption({ label: built.owner.name });
  let res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 422, 'a person and a name written out: which is the owner?');
  assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#owner']);
  await checkPage(page, { prefix, label: 'risk-form-refused', problems });

  await page.getByLabel('Or the owner as the register writes it').fill('');
  await page.getByLabel('Title').fill('Overspend in adult social care');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Risk saved');
  assert.equal(await text(page.locator('h1')), 'RES1 Overspend in adult social care');
  assert.equal(await text(page.locator('#risk-summary .govuk-summary-list__row').nth(4)), `Owner ${built.owner.name}`);
  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  assert.equal(await page.locator('#tidy').count(), 0, 'no owner is left to tidy');
  const stored = await admin('GET', `/api/v1/risks/${built.res1.id}`, undefined, 200);
  assert.equal(stored.owner_person_id, built.owner.id);
  assert.equal(stored.owner_text, '');
  assert.equal(stored.title, 'Overspend in adult social care');
  await context.close();
});

test('the same pages work with JavaScript off', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risks`);
  assert.equal((await cells(page.locator('#registers tbody tr'))).filter((r) => r[0].startsWith(CORPORATE) || r[0].startsWith(DIRECTORATE)).length, 2);
  await page.goto(`${civic.url}/risk-registers/${built.directorate}?order=score`);
  assert.deepEqual((await cells(page.locator('#risks tbody tr'))).map((r) => r[1].split(' ')[0]), ['RES4', 'RES1', 'RES3']);
  await page.goto(`${civic.url}/risks/${built.res3.id}/review`);
  await page.locator('fieldset', { hasText: 'Likelihood now' }).getByLabel('2 Unlikely').check();
  await page.locator('fieldset', { hasText: 'Impact now' }).getByLabel('3 Moderate').check();
  const res = await follow(page, () => page.getByRole('button', { name: 'Save the review' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Review saved');
  assert.equal(await text(page.locator('#risk-scores .govuk-summary-list__row').nth(1)), 'Current 6 Medium Likelihood 2 (Unlikely) × impact 3 (Moderate), with the controls in place');
  await page.goto(`${civic.url}/risk-heat-map?view=target&register_id=${built.directorate}`);
  assert.equal(await text(page.locator('#heat-map-title')), `Target scores: ${DIRECTORATE}`);
  await page.getByLabel('Register', { exact: true }).selectOption({ label: CORPORATE });
  await follow(page, () => page.getByRole('button', { name: 'Show the heat map' }).click());
  assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), { view: 'target', register_id: built.corporate });
  assert.equal(await text(page.locator('#heat-map-total')), '0 risks in all.', 'RES2, the corporate register’s one risk, has no target');
  await screenshot(page, prefix, 'no-js');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an administrator changes the matrix to 4 × 4, sees what it does to every risk, and confirms', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/risk-matrix`);
  await follow(page, () => page.getByRole('link', { name: 'Change the matrix' }).click());
  assert.equal(await page.locator('input[name$=".label"][name^="likelihood"]').count(), 5);
  await checkPage(page, { prefix, label: 'matrix-form', problems });
  await follow(page, () => page.getByRole('link', { name: 'Make it 4 × 4' }).click());
  assert.deepEqual(await page.locator('input[name$=".label"][name^="likelihood"]').evaluateAll((is) => is.map((i) => i.value)), ['Unlikely', 'Possible', 'Likely', 'Almost certain']);

  await page.locator('#likelihood\\[0\\]\\.label').fill('');
  let res = await follow(page, () => page.getByRole('button', { name: 'Preview the change' }).click());
  assert.equal(res.status(), 422);
  assert.deepEqual(await page.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => [a.innerText, a.getAttribute('href')])), [['Give likelihood level 1 a label', '#likelihood[0].label']]);
  await checkPage(page, { prefix, label: 'matrix-form-refused', problems });

  await page.locator('#likelihood\\[0\\]\\.label').fill('Unlikely');
  res = await follow(page, () => page.getByRole('button', { name: 'Preview the change' }).click());
  assert.equal(res.status(), 200);
  assert.deepEqual(await page.locator('#rule li').allInnerTexts(), [
    'Likelihood 1 (Rare) becomes 1 (Unlikely)',
    'Likelihood 2 (Unlikely) becomes 2 (Possible)',
    'Likelihood 3 (Possible) becomes 3 (Likely)',
    'Likelihood 4 (Likely) becomes 3 (Likely)',
    'Likelihood 5 (Almost certain) becomes 4 (Almost certain)',
    'Impact 1 (Negligible) becomes 1 (Minor)',
    'Impact 2 (Minor) becomes 2 (Moderate)',
    'Impact 3 (Moderate) becomes 3 (Major)',
    'Impact 4 (Major) becomes 3 (Major)',
    'Impact 5 (Critical) becomes 4 (Critical)',
  ]);
  assert.deepEqual((await cells(page.locator('#moved-risks tbody tr'))).filter((r) => r[0].startsWith('RES')), [
    ['RES2 Loss of the payroll system', CORPORATE, '12 becomes 9 High', '4 becomes 4 Medium'],
    ['RES1 Overspend in adult social care', DIRECTORATE, '25 becomes 16 High', '12 becomes 9 High'],
    ['RES3 Council tax collection falls', DIRECTORATE, '12 becomes 9 High', '6 becomes 6 Medium'],
    ['RES4 Pension fund deficit grows', DIRECTORATE, '25 becomes 16 High', '20 becomes 12 High'],
  ]);
  assert.deepEqual((await cells(page.locator('#moved-appetites tbody tr'))).filter((r) => r[0] === 'Financial' && r[1] === 'Council-wide'), [['Financial', 'Council-wide', '12', '9']]);
  await checkPage(page, { prefix, label: 'matrix-preview', problems });

  res = await follow(page, () => page.getByRole('button', { name: 'Confirm the change' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/risk-matrix');
  assert.equal(await banner(page), 'Risk matrix changed');
  assert.deepEqual(await cells(page.locator('#bands tbody tr')), [['Low', '1 to 3'], ['Medium', '4 to 8'], ['High', '9 to 16']]);
  assert.deepEqual((await cells(page.locator('#appetites tbody tr'))).filter((r) => r[0].startsWith('Financial') && r[1] === 'Council-wide').map((r) => r.slice(1, 3)), [['Council-wide', '9']]);
  await checkPage(page, { prefix, label: 'matrix-changed', problems });
  await page.goto(`${civic.url}/risk-registers/${built.directorate}`);
  assert.deepEqual((await cells(page.locator('#risks tbody tr'))).map((r) => r[4]), ['9 High', '6 Medium', '12 High']);
  await context.close();
});

test('the server stops cleanly', async () => {
  await browser.close();
  browser = undefined;
  await assertStopsCleanly(civic);
});
