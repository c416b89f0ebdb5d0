// SPDX-License-Identifier: AGPL-3.0-or-later
// The plans pages: a plan as its tree with status tags and roll-up, the filter (without
// JavaScript too), an item with its measures, updates and links, the lead officer's update
// form with its error summary, "my actions", reviews, the plan on a page, and adding a plan
// from the Best Value themes. axe-core finds nothing on any page visited.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { api, mustSucceed, runCli } from '../api/harness.mjs';
import { ADMIN, checkPage, follow, launchBrowser, openPage, screenshot, signIn, startCivic } from './support.mjs';

const prefix = 'plans';
const LEAD = { username: 'lead', name: 'Lena Lead', password: 'Northmoor-lead-password-2025' };
let civic;
let browser;
let token;
// The plan the tests build: ids by name.
const built = {};

// A date `days` from today, as the API takes it: YYYY-MM-DD.
function dayFromToday(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The financial quarter holding today, as core/period writes it: "2025/26 Q1".
function currentQuarter() {
  const d = new Date();
  const month = d.getUTCMonth() + 1;
  const first = month >= 4 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  const q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')} Q${q}`;
}

// One API request as the administrator; asserts the status and returns the body.
async function admin(method, url, body, status = 201) {
  const res = await api(method, url, { server: civic, token, body });
  assert.equal(res.status, status, `${method} ${url}: ${res.text}`);
  return res.json;
}

// A small plan: two objectives, one with two activities (one overdue, one behind), a measure,
// an update whose commentary tries markup and a javascript: link, a dependency, and a review
// finding the overdue activity answers; approved by Cabinet, so it is published. Its lead
// officer is new, so the demo's plans add nothing to their actions.
async function buildPlan() {
  const unitId = (name) => civic.sqlRows(`SELECT id FROM units WHERE name = '${name.replaceAll("'", "''")}'`)[0].id;
  built.office = unitId("Chief Executive's Office");
  built.support = unitId('Corporate Support');
  const tess = await admin('POST', '/api/v1/people', { name: 'Tess Tester', kind: 'officer', unit_id: built.support });
  built.tess = tess.id;
  const plan = await admin('POST', '/api/v1/plans', {
    unit_id: built.office,
    kind: 'service',
    title: 'Browser Test Service Plan',
    period: '2024-27',
    rollup: 'worst',
  });
  built.plan = plan.id;
  const item = async (fields) => (await admin('POST', `/api/v1/plans/${plan.id}/items`, fields)).id;
  built.objective1 = await item({ ref: '1', kind: 'objective', title: 'Connecting with the community', status: 'on track' });
  built.overdue = await item({
    parent_id: built.objective1,
    ref: '1.1',
    kind: 'activity',
    title: 'Run the citizens’ panel',
    lead_person_id: built.tess,
    lead_unit_id: built.support,
    timing: 'Quarterly',
    start_date: dayFromToday(-730),
    due_date: dayFromToday(-365),
    status: 'at risk',
    percent_complete: 40,
  });
  built.behind = await item({
    parent_id: built.objective1,
    ref: '1.2',
    kind: 'activity',
    title: 'Publish the consultation strategy',
    lead_person_id: built.tess,
    start_date: dayFromToday(-365),
    due_date: dayFromToday(365),
    status: 'off track',
    percent_complete: 10,
  });
  built.objective2 = await item({ ref: '2', kind: 'objective', title: 'Performance management', status: 'complete', percent_complete: 100 });
  await admin('POST', `/api/v1/plan-items/${built.overdue}/measures`, { title: 'The panel meets four times a year', timing: 'Quarterly', achieved: false });
  await admin('POST', `/api/v1/plan-items/${built.overdue}/updates`, {
    period: '2024/25 Q4',
    status: 'at risk',
    percent_complete: 40,
    commentary: '**Panel** met twice.\n\n- Survey sent\n- [Click me](javascript:alert(1))\n\n<script>alert(1)</script>',
  });
  await admin('POST', '/api/v1/links', { from_type: 'plan_item', from_id: built.behind, to_type: 'plan_item', to_id: built.overdue, kind: 'depends_on' });
  const review = await admin('POST', '/api/v1/reviews', {
    unit_id: built.office,
    kind: 'peer challenge',
    title: 'Browser Test Peer Challenge',
    reviewer: 'Local Government Association',
    status: 'reported',
    reported_on: dayFromToday(-400),
  });
  built.review = review.id;
  const finding = await admin('POST', `/api/v1/reviews/${review.id}/findings`, { ref: 'R1', kind: 'recommendation', text: 'Listen to residents more often.' });
  built.finding = finding.id;
  await admin('POST', '/api/v1/links', { from_type: 'plan_item', from_id: built.overdue, to_type: 'review_finding', to_id: finding.id, kind: 'answers' });
  await approve(built.plan);
}

// Approves a plan today, by Cabinet.
async function approve(planId) {
  const current = await admin('GET', `/api/v1/plans/${planId}`, undefined, 200);
  const [cabinet] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Cabinet'`);
  return admin('POST', `/api/v1/plans/${planId}/approval`, { approved_by_unit_id: cabinet.id, approved_on: dayFromToday(0), version: current.version }, 200);
}

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  token = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', ADMIN.username, '--name', 'plans browser test'])).stdout.trim().split('\n').at(-1);
  await buildPlan();
  // The lead officer: an editor of the overdue item's lead unit only, not of the plan's unit.
  mustSucceed(
    'civic user add',
    await runCli(
      ['user', 'add', '--db', civic.dbPath, '--username', LEAD.username, '--name', LEAD.name, '--role', 'editor', '--unit', built.support, '--password-stdin'],
      { input: `${LEAD.password}\n` },
    ),
  );
});

after(async () => {
  await browser?.close();
  await civic?.cleanup();
});

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

// The tree's rows: each row's ref, depth class, status tag, roll-up and flags.
async function treeRows(page) {
  return page.locator('table.civic-plan-tree tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const [item, status] = tr.querySelectorAll('td');
      const depth = [...item.classList].find((c) => c.startsWith('civic-depth-'));
      return {
        ref: item.querySelector('.civic-ref').textContent.trim(),
        depth,
        status: status.querySelector('strong.govuk-tag').textContent.trim(),
        statusClass: status.querySelector('strong.govuk-tag').className,
        rollup: status.querySelector('.civic-rollup strong')?.textContent.trim() ?? null,
        rollupExplanation: status.querySelector('.civic-rollup ~ .civic-cell-note')?.textContent.trim() ?? null,
        flags: [...item.querySelectorAll('.civic-tag--flag')].map((f) => f.textContent.trim()),
      };
    }),
  );
}

test('the plan page shows the items as an indented tree with status tags, and roll-up beside the status', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/plans`);
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plans' }).getAttribute('aria-current'), 'true');
  await checkPage(page, { prefix, label: 'list', problems });
  const res = await follow(page, () => page.getByRole('link', { name: 'Browser Test Service Plan' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plans/${built.plan}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Browser Test Service Plan' }).waitFor());

  const rows = await treeRows(page);
  assert.deepEqual(
    rows.map((r) => [r.ref, r.depth, r.status]),
    [
      ['1', 'civic-depth-0', 'On track'],
      ['1.1', 'civic-depth-1', 'At risk'],
      ['1.2', 'civic-depth-1', 'Off track'],
      ['2', 'civic-depth-0', 'Complete'],
    ],
  );
  const byRef = Object.fromEntries(rows.map((r) => [r.ref, r]));
  assert.equal(byRef['1'].statusClass, 'govuk-tag govuk-tag--green');
  assert.equal(byRef['1.1'].statusClass, 'govuk-tag govuk-tag--yellow');
  assert.equal(byRef['1.2'].statusClass, 'govuk-tag govuk-tag--red');
  assert.equal(byRef['2'].statusClass, 'govuk-tag');
  // The objective keeps its own status; the worst of its activities shows beside it.
  assert.equal(byRef['1'].rollup, 'Off track');
  assert.ok(byRef['1'].rollupExplanation.length > 0, 'the roll-up says how it was worked out');
  assert.equal(byRef['1.1'].rollup, null, 'an item without sub-items has no roll-up');
  // Past its due date at 40%: overdue, and behind what its time says.
  assert.deepEqual(byRef['1.1'].flags, ['Overdue', 'Behind']);
  assert.deepEqual(byRef['1.2'].flags, ['Behind']);
  // The indent is told to screen readers too.
  assert.equal(await text(page.locator('table.civic-plan-tree tbody tr').nth(1).locator('.govuk-visually-hidden')), ', part of 1');

  // Its summary and the links to the other views of the plan.
  const summary = page.locator('.govuk-summary-list');
  assert.match(await text(summary), /Kind Service plan/);
  assert.match(await text(summary), /Period 2024-27/);
  assert.match(await text(summary), /Approval Approved by Cabinet on \d{1,2} [A-Z][a-z]+ \d{4}/);
  for (const [name, href] of [
    ['Plan on a page', `/plans/${built.plan}/print`],
    ['Versions', `/plans/${built.plan}/versions`],
    ['Updates missing', `/plans/${built.plan}/missing-updates`],
    ['Download the plan as JSON', `/api/v1/plans/${built.plan}/export`],
  ])
    assert.equal(await page.getByRole('link', { name, exact: true }).getAttribute('href'), href);
  await checkPage(page, { prefix, label: 'plan', problems });
  await context.close();
});

test('the filter by status works without JavaScript, from a GET form', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${civic.url}/plans/${built.plan}`);
  await page.getByLabel('Status').selectOption({ label: 'At risk' });
  const res = await follow(page, () => page.getByRole('button', { name: 'Filter items' }).click());
  assert.equal(res.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.pathname, `/plans/${built.plan}`);
  assert.equal(url.searchParams.get('status'), 'at risk');
  const refs = (await treeRows(page)).map((r) => r.ref);
  assert.ok(refs.includes('1.1'), `1.1 is at risk: ${refs}`);
  assert.ok(!refs.includes('1.2') && !refs.includes('2'), `only at-risk items and those they sit under: ${refs}`);
  assert.equal(await page.getByLabel('Status').inputValue(), 'at risk', 'the form shows the filter');
  await screenshot(page, prefix, 'filter-no-js');
  assert.deepEqual(problems, []);

  // The same page, with JavaScript, passes axe; a status not in the list is named.
  const js = await openPage(browser);
  await js.page.goto(page.url());
  await checkPage(js.page, { prefix, label: 'filter', problems: js.problems });
  const refused = await js.page.goto(`${civic.url}/plans/${built.plan}?status=sideways`);
  assert.equal(refused.status(), 422);
  assert.equal(await text(js.page.locator('#status-error')), 'Error: Choose a status from the list');
  await checkPage(js.page, { prefix, label: 'filter-error', problems: js.problems });
  await js.context.close();
  await context.close();
});

test('the item page shows its measures, its updates with their commentary, and its links both ways', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/plans/${built.plan}`);
  await follow(page, () => page.getByRole('link', { name: 'Run the citizens’ panel' }).click());
  assert.equal(new URL(page.url()).pathname, `/plan-items/${built.overdue}`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Run the citizens’ panel' }).waitFor());
  assert.equal(await text(page.locator('#item-status')), 'At risk');
  assert.equal(await text(page.locator('#item-percent')), '40%');
  assert.match(await text(page.locator('#timing-reading')), /^Civic reads this as repeating: quarterly\.$/);

  assert.deepEqual(
    await page.locator('#measures tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()))),
    [['The panel meets four times a year', 'Quarterly', 'No']],
  );

  const update = page.locator('#updates > li').first();
  assert.match(await text(update.getByRole('heading', { level: 3 })), /^2024\/25 Q4 At risk 40% complete$/);
  const commentary = update.locator('.civic-markdown');
  assert.equal(await text(commentary.locator('strong')), 'Panel');
  assert.deepEqual(await commentary.locator('li').allInnerTexts(), ['Survey sent', 'Click me']);
  assert.equal(await page.locator('a[href^="javascript" i]').count(), 0, 'no live javascript: link');
  assert.equal(await page.locator('.civic-markdown script').count(), 0);
  assert.match(await text(commentary), /<script>alert\(1\)<\/script>/, 'HTML written in the commentary shows as text');

  const linkWords = () => page.locator('#links tbody tr td:first-child').allInnerTexts();
  // Reviews are read within scope, so a visitor who is not signed in sees no link to one.
  assert.deepEqual(await linkWords(), ['Needed by']);
  await checkPage(page, { prefix, label: 'item-public', problems });
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/plan-items/${built.overdue}`);
  assert.deepEqual((await linkWords()).sort(), ['Answers', 'Needed by']);
  assert.equal(
    await page.locator('#links').getByRole('link', { name: /^R1 Listen to residents more often/ }).getAttribute('href'),
    `/reviews/${built.review}#finding-${built.finding}`,
  );
  const neededBy = page.locator('#links').getByRole('link', { name: /Publish the consultation strategy/ });
  assert.equal(await neededBy.getAttribute('href'), `/plan-items/${built.behind}`);
  await checkPage(page, { prefix, label: 'item', problems });

  // From the other end, the link reads the other way.
  await follow(page, () => neededBy.click());
  const back = page.locator('#links').getByRole('link', { name: /Run the citizens’ panel/ });
  assert.equal(await back.getAttribute('href'), `/plan-items/${built.overdue}`);
  assert.equal(await text(page.locator('#links tbody tr').first().locator('td').first()), 'Depends on');
  await checkPage(page, { prefix, label: 'item-other-end', problems });
  await context.close();
});

test('a lead officer posts an update through the form; a refused one shows the error summary and keeps what was typed', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url, LEAD);
  await page.goto(`${civic.url}/plan-items/${built.overdue}`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Add a progress update' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plan-items/${built.overdue}/update`);
  assert.equal(await page.getByLabel('Reporting period').inputValue(), currentQuarter(), 'the period starts at this quarter');
  assert.equal(await page.getByRole('radio', { name: 'At risk' }).isChecked(), true, 'the status starts at the item’s own');
  await checkPage(page, { prefix, label: 'update-form', problems });

  await page.getByRole('radio', { name: 'On track', exact: true }).check();
  await page.getByLabel('Percentage complete').fill('lots');
  await page.getByLabel('Commentary').fill('The panel met in **May**.');
  res = await follow(page, () => page.getByRole('button', { name: 'Save update' }).click());
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.govuk-error-summary');
  const message = 'Percentage complete must be a whole number from 0 to 100, like 40';
  assert.equal(await summary.getByRole('link', { name: message }).getAttribute('href'), '#percent_complete');
  assert.equal(await text(page.locator('#percent_complete-error')), `Error: ${message}`);
  assert.equal(await page.getByLabel('Percentage complete').inputValue(), 'lots');
  assert.equal(await page.getByLabel('Commentary').inputValue(), 'The panel met in **May**.');
  assert.equal(await page.getByRole('radio', { name: 'On track', exact: true }).isChecked(), true);
  await checkPage(page, { prefix, label: 'update-form-error', problems });

  await page.getByLabel('Percentage complete').fill('60');
  res = await follow(page, () => page.getByRole('button', { name: 'Save update' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plan-items/${built.overdue}`);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Update saved');
  assert.equal(await text(page.locator('#item-status')), 'On track');
  assert.equal(await text(page.locator('#item-percent')), '60%');
  const newest = page.locator('#updates > li').first();
  assert.match(await text(newest.getByRole('heading', { level: 3 })), new RegExp(`^${currentQuarter().replace('/', '\\/')} On track 60% complete$`));
  assert.equal(await text(newest.locator('.civic-markdown strong')), 'May');
  // The update is the lead officer's (the item's lead, by default), typed in by the user.
  assert.match(await text(newest.locator('.civic-update__who')), /^From Tess Tester, entered by Lena Lead on \d{1,2} [A-Z][a-z]+ \d{4}$/);
  await checkPage(page, { prefix, label: 'update-saved', problems });

  const stored = civic.sqlRows(`SELECT period, status, percent_complete, commentary, entered_by FROM plan_updates WHERE item_id = '${built.overdue}' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(stored, [{ period: currentQuarter(), status: 'on track', percent_complete: 60, commentary: 'The panel met in **May**.', entered_by: LEAD.name }]);
  // The item's history, newest first, says who moved its progress and what changed.
  const history = page.locator('table#changes');
  const newestChange = history.locator('tbody tr').first().locator('td');
  assert.deepEqual(await newestChange.allInnerTexts(), [await newestChange.first().innerText(), LEAD.username, 'Progress updated: status, percent complete']);

  // The lead may not update an item outside their unit: no button, and the form is not found.
  await page.goto(`${civic.url}/plan-items/${built.objective2}`);
  assert.equal(await page.getByRole('button', { name: 'Add a progress update' }).count(), 0);
  res = await page.goto(`${civic.url}/plan-items/${built.objective2}/update`);
  assert.equal(res.status(), 404);
  await context.close();
});

test('my actions lists an officer’s overdue and behind items, without JavaScript too', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  // Officers are not published, so only a signed-in officer is offered them by name.
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/my-actions`);
  await page.getByLabel('Lead officer').selectOption({ label: 'Tess Tester' });
  const res = await follow(page, () => page.getByRole('button', { name: 'Show actions' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('person_id'), built.tess);
  const refsIn = (id) => page.locator(`#${id} tbody .civic-ref`).allInnerTexts();
  assert.deepEqual(await refsIn('overdue'), ['1.1']);
  assert.deepEqual(await refsIn('due_soon'), []);
  assert.deepEqual(await refsIn('behind'), ['1.1', '1.2']);
  assert.equal(await page.locator('#overdue').getByRole('link', { name: 'Run the citizens’ panel' }).getAttribute('href'), `/plan-items/${built.overdue}`);
  assert.deepEqual(problems, []);
  const js = await openPage(browser);
  await signIn(js.page, civic.url);
  await js.page.goto(page.url());
  await checkPage(js.page, { prefix, label: 'my-actions', problems: js.problems });
  await js.context.close();
  await context.close();
});

test('my actions starts at the signed-in user’s own, once they are linked to their person in the register', async () => {
  mustSucceed('civic user link', await runCli(['user', 'link', '--db', civic.dbPath, '--username', LEAD.username, '--person', 'Tess Tester']));
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url, LEAD);
  const res = await page.goto(`${civic.url}/my-actions`);
  assert.equal(res.status(), 200);
  assert.equal(await page.getByLabel('Lead officer').locator('option:checked').innerText(), 'Tess Tester');
  assert.equal(await text(page.getByRole('heading', { level: 2 })), 'Actions for Tess Tester');
  assert.deepEqual(await page.locator('#overdue tbody .civic-ref').allInnerTexts(), ['1.1']);
  await checkPage(page, { prefix, label: 'my-actions-own', problems });
  // Choosing "Any officer" is a choice too: no one's actions, rather than one's own again.
  await page.getByLabel('Lead officer').selectOption({ label: 'Any officer' });
  await follow(page, () => page.getByRole('button', { name: 'Show actions' }).click());
  assert.equal(await page.locator('#overdue').count(), 0);
  await context.close();
});

test('a review shows its findings and the plan items that answer them', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/reviews`);
  await checkPage(page, { prefix, label: 'reviews', problems });
  await follow(page, () => page.getByRole('link', { name: 'Browser Test Peer Challenge' }).click());
  assert.equal(new URL(page.url()).pathname, `/reviews/${built.review}`);
  assert.match(await text(page.locator('.govuk-summary-list')), /Reviewer Local Government Association/);
  const finding = page.locator(`#finding-${built.finding}`);
  assert.match(await text(finding.getByRole('heading', { level: 3 })), /^Recommendation R1 Open$/);
  assert.equal(await finding.getByRole('link', { name: /Run the citizens’ panel/ }).getAttribute('href'), `/plan-items/${built.overdue}`);
  assert.match(await text(finding.locator('li').first()), /^Answered by 1\.1 Run the citizens’ panel in Browser Test Service Plan$/);
  await checkPage(page, { prefix, label: 'review', problems });
  await context.close();
});

test('the plan on a page prints without the site’s header, menus or footer', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/plans/${built.plan}/print`);
  assert.deepEqual(await page.locator('table.civic-plan-tree tbody tr td:first-child').allInnerTexts(), ['1', '1.1', '1.2', '2']);
  await checkPage(page, { prefix, label: 'print', problems });
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.govuk-template__header', '.govuk-footer', '.govuk-breadcrumbs', '.govuk-skip-link'])
    assert.equal(await page.locator(chrome).isVisible(), false, `${chrome} is not printed`);
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Browser Test Service Plan' }).isVisible(), true);
  await screenshot(page, prefix, 'print-media');
  await context.close();
});

test('updates missing lists the items being worked on whose lead has not reported for a period', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/plans/${built.plan}`);
  await follow(page, () => page.getByRole('link', { name: 'Updates missing', exact: true }).click());
  assert.equal(new URL(page.url()).pathname, `/plans/${built.plan}/missing-updates`);
  await page.getByLabel('Period').fill('2024/25 q4');
  let res = await follow(page, () => page.getByRole('button', { name: 'Show' }).click());
  assert.equal(res.status(), 200);
  // 1.1 has its update for the quarter; 1 and 2 have no lead; 2 is complete.
  assert.deepEqual(await page.locator('tbody .civic-ref').allInnerTexts(), ['1.2']);
  assert.equal(await page.getByLabel('Period').inputValue(), '2024/25 Q4', 'the period as Civic writes it');
  await checkPage(page, { prefix, label: 'missing-updates', problems });
  res = await page.goto(`${civic.url}/plans/${built.plan}/missing-updates?period=2024%2F25`);
  assert.equal(res.status(), 422);
  assert.match(await text(page.locator('#period-error')), /^Error: Period must be a month/);
  await checkPage(page, { prefix, label: 'missing-updates-error', problems });
  await context.close();
});

test('an editor adds an improvement plan from the Best Value themes, after correcting the form', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/plans`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Add a plan' }).click());
  assert.equal(res.status(), 200);
  await checkPage(page, { prefix, label: 'add-plan', problems });
  res = await follow(page, () => page.getByRole('button', { name: 'Add plan' }).click());
  assert.equal(res.status(), 422);
  await assert.doesNotReject(page.locator('.govuk-error-summary').getByRole('heading', { name: 'There is a problem' }).waitFor());
  assert.ok((await page.locator('#title-error').count()) === 1, 'the title is named');
  await checkPage(page, { prefix, label: 'add-plan-error', problems });

  await page.getByLabel('Title').fill('Browser Test Improvement Plan');
  await page.getByLabel('Kind of plan').selectOption({ label: 'Improvement plan' });
  const unit = page.getByLabel('Whose plan it is');
  await unit.selectOption(await unit.locator('option').filter({ hasText: /(^|\s)Chief Executive's Office$/ }).getAttribute('value'));
  await page.getByLabel('Period').fill('2025-28');
  await page.getByRole('radio', { name: 'From the Best Value themes' }).check();
  res = await follow(page, () => page.getByRole('button', { name: 'Add plan' }).click());
  assert.equal(res.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/plans\/[0-9a-f-]{36}$/);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Plan added');
  assert.deepEqual(
    (await treeRows(page)).map((r) => r.ref),
    ['Theme 1', 'Theme 2', 'Theme 3', 'Theme 4', 'Theme 5', 'Theme 6', 'Theme 7'],
  );
  await checkPage(page, { prefix, label: 'added-plan', problems });
  await context.close();
});

test('an editor changes an item from its page: a bad due date is named, and the saved change shows', async () => {
  const draft = await admin('POST', '/api/v1/plans', { unit_id: built.office, kind: 'service', title: 'Browser Test Editing Plan', period: '2026/27' });
  const item = await admin('POST', `/api/v1/plans/${draft.id}/items`, { ref: '4.1', kind: 'activity', title: 'Co-ordinate the anti-poverty work', timing: 'by July 2026' });
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/plan-items/${item.id}`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Change this item' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plan-items/${item.id}/edit`);
  assert.equal(await page.getByLabel('Timing').inputValue(), 'by July 2026');
  await checkPage(page, { prefix, label: 'edit-item', problems });

  await page.getByLabel('Title').fill('Co-ordinate partnership anti-poverty activity across the borough');
  await page.getByLabel('Start date').fill('1 May 2026');
  await page.getByLabel('Due date').fill('30 April 2026');
  await page.getByRole('checkbox', { name: 'Partnerships and community engagement' }).check();
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 422);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('link', { name: 'The due date (30 April 2026) must be on or after the start date (1 May 2026)' }).getAttribute('href'), '#due_date');
  assert.equal(await page.getByLabel('Due date').inputValue(), '30 April 2026', 'what was typed is kept');
  assert.equal(await page.getByRole('checkbox', { name: 'Partnerships and community engagement' }).isChecked(), true);
  await checkPage(page, { prefix, label: 'edit-item-error', problems });

  await page.getByLabel('Due date').fill('31.03.2027');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plan-items/${item.id}`);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Item saved');
  assert.deepEqual(
    civic.sqlRows(`SELECT title, timing, start_date, due_date, themes FROM plan_items WHERE id = '${item.id}'`),
    [{ title: 'Co-ordinate partnership anti-poverty activity across the borough', timing: 'by July 2026', start_date: '2026-05-01', due_date: '2027-03-31', themes: '["partnerships and community engagement"]' }],
  );
  await checkPage(page, { prefix, label: 'edited-item', problems });
  await context.close();
});

test('an editor approves a draft plan from its page, after correcting the form', async () => {
  const draft = await admin('POST', '/api/v1/plans', { unit_id: built.office, kind: 'service', title: 'Browser Test Draft Plan', period: '2026/27' });
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/plans/${draft.id}`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Approve this version' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plans/${draft.id}/approve`);
  await checkPage(page, { prefix, label: 'approve', problems });
  await page.getByLabel('Date approved').fill('the thirty-second of May');
  res = await follow(page, () => page.getByRole('button', { name: 'Approve plan' }).click());
  assert.equal(res.status(), 422);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('link', { name: 'Choose the body that approved the plan, for example Cabinet' }).getAttribute('href'), '#approved_by_unit_id');
  assert.equal(await summary.getByRole('link', { name: 'Enter the date the plan was approved, for example 20 April 2025' }).getAttribute('href'), '#approved_on');
  assert.equal(await page.getByLabel('Date approved').inputValue(), 'the thirty-second of May');
  await checkPage(page, { prefix, label: 'approve-error', problems });
  assert.equal(civic.sqlRows(`SELECT status FROM plans WHERE id = '${draft.id}'`)[0].status, 'draft');

  await page.getByLabel('Approved by').selectOption({ label: 'Cabinet' });
  await page.getByLabel('Date approved').fill('20 April 2026');
  res = await follow(page, () => page.getByRole('button', { name: 'Approve plan' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/plans/${draft.id}`);
  assert.equal(await text(page.locator('.govuk-notification-banner__heading')), 'Plan approved');
  assert.equal(await page.getByRole('button', { name: 'Approve this version' }).count(), 0, 'an approved version is not approved again');
  assert.deepEqual(civic.sqlRows(`SELECT status, approved_on FROM plans WHERE id = '${draft.id}'`), [{ status: 'approved', approved_on: '2026-04-20' }]);
  assert.deepEqual(civic.sqlRows(`SELECT number, approved_on FROM plan_versions WHERE plan_id = '${draft.id}'`), [{ number: 1, approved_on: '2026-04-20' }]);
  await checkPage(page, { prefix, label: 'approved', problems });
  await context.close();
});

test('the versions page compares the approved version with the plan as it stands', async () => {
  const item = await admin('GET', `/api/v1/plan-items/${built.objective2}`, undefined, 200);
  await admin('PATCH', `/api/v1/plan-items/${built.objective2}`, { title: 'Performance and improvement', version: item.version }, 200);
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/plans/${built.plan}`);
  await follow(page, () => page.getByRole('link', { name: 'Versions', exact: true }).click());
  assert.equal(new URL(page.url()).pathname, `/plans/${built.plan}/versions`);
  assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), ['1']);
  assert.equal(await page.getByLabel('From').inputValue(), '1');
  assert.equal(await page.getByLabel('To').inputValue(), 'current');
  await checkPage(page, { prefix, label: 'versions', problems });
  const res = await follow(page, () => page.getByRole('button', { name: 'Compare' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await text(page.getByRole('heading', { level: 2, name: /^From version 1/ })), 'From version 1 to the plan as it stands');
  const change = page.getByRole('heading', { level: 3, name: /^2 / });
  assert.match(await text(change), /^2 Performance and improvement: Changed$/);
  const rows = await page.locator('table', { has: page.locator('caption', { hasText: 'What changed in 2' }) }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
  assert.deepEqual(rows, [['Title', 'Performance management', 'Performance and improvement']]);
  await checkPage(page, { prefix, label: 'versions-compared', problems });
  await context.close();
});

test('the demo council’s plans, their items and reviews pass the same checks', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  const plans = civic.sqlRows(`SELECT id, title FROM plans WHERE title <> 'Browser Test Service Plan' AND title NOT LIKE 'Browser Test%' ORDER BY id`);
  assert.equal(plans.length, 2, 'the demo has its service plan and its improvement plan');
  for (const [n, plan] of plans.entries()) {
    let res = await page.goto(`${civic.url}/plans/${plan.id}`);
    assert.equal(res.status(), 200);
    const count = civic.sqlRows(`SELECT count(*) AS n FROM plan_items WHERE plan_id = '${plan.id}' AND archived_at IS NULL`)[0].n;
    assert.equal(await page.locator('table.civic-plan-tree tbody tr').count(), count, `${plan.title}: every item is in the tree`);
    await checkPage(page, { prefix, label: `demo-plan-${n + 1}`, problems });
    res = await page.goto(`${civic.url}/plans/${plan.id}/print`);
    assert.equal(res.status(), 200);
    await checkPage(page, { prefix, label: `demo-print-${n + 1}`, problems });
    // The item with the most updates and links.
    const [busiest] = civic.sqlRows(
      `SELECT i.id FROM plan_items i LEFT JOIN plan_updates u ON u.item_id = i.id WHERE i.plan_id = '${plan.id}' GROUP BY i.id ORDER BY count(u.id) DESC, i.id LIMIT 1`,
    );
    res = await page.goto(`${civic.url}/plan-items/${busiest.id}`);
    assert.equal(res.status(), 200);
    assert.ok((await page.locator('#updates > li').count()) > 0, 'the busiest item has updates');
    await checkPage(page, { prefix, label: `demo-item-${n + 1}`, problems });
  }
  for (const [n, review] of civic.sqlRows(`SELECT id FROM reviews WHERE title <> 'Browser Test Peer Challenge' ORDER BY id`).entries()) {
    const res = await page.goto(`${civic.url}/reviews/${review.id}`);
    assert.equal(res.status(), 200);
    await checkPage(page, { prefix, label: `demo-review-${n + 1}`, problems });
  }
  await context.close();
});
