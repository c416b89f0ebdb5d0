// SPDX-License-Identifier: AGPL-3.0-or-later
// The people list at /people: search by name, kind and unit with a GET form (so a search can be
// bookmarked), a table of results, paging, and a person with no unit within reach.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { mustSucceed, runCli } from '../api/harness.mjs';
import { assertStopsCleanly, checkPage, follow, launchBrowser, openPage, signIn, startCivic } from './support.mjs';

const prefix = 'people';
let civic;
let browser;

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await civic?.cleanup();
});

// The results table as rows of cell texts.
async function resultRows(page) {
  return page
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

// The error message shown at a field, as one line.
async function fieldError(page, field) {
  return (await page.locator(`#${field}-error`).innerText()).replace(/\s+/g, ' ').trim();
}

const kindLabel = { officer: 'Officer', councillor: 'Councillor' };

// What an anonymous visitor should find: published, live people matching `where`, as table rows.
function expectedRows(where = 'TRUE') {
  return civic
    .sqlRows(
      `SELECT p.honorific_prefix AS title, p.name, p.kind, u.name AS unit FROM people p LEFT JOIN units u ON u.id = p.unit_id
       WHERE p.published AND p.archived_at IS NULL AND (${where}) ORDER BY p.id`,
    )
    .map((r) => [r.title ? `${r.title} ${r.name}` : r.name, kindLabel[r.kind], r.unit ?? 'None']);
}

// Regression: GET /people answered "Method not allowed".
test('the people list finds people by any part of their name, in any case, from a form that sends GET', async () => {
  const { page, problems, context } = await openPage(browser);
  let res = await page.goto(`${civic.url}/units`);
  // The service navigation and the tree both lead to it.
  assert.equal(await page.getByRole('main').getByRole('link', { name: 'list of people' }).getAttribute('href'), '/people');
  const nav = page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' });
  res = await follow(page, () => nav.click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/people');
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'People' }).waitFor());
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).getAttribute('aria-current'), 'true');
  assert.deepEqual(await resultRows(page), expectedRows(), 'everyone published, before any search');
  await checkPage(page, { prefix, label: 'list', problems });

  await page.getByLabel('Name').fill('mARSd');
  res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/people');
  assert.equal(url.searchParams.get('name'), 'mARSd', 'the search is in the address, so it can be bookmarked');
  assert.deepEqual(await resultRows(page), expectedRows(`lower(p.name) LIKE '%marsd%'`));
  assert.deepEqual(await resultRows(page), [['Helen Marsden', 'Officer', "Chief Executive's Office"]]);
  assert.equal(await page.getByLabel('Name').inputValue(), 'mARSd', 'the form shows the search');
  await checkPage(page, { prefix, label: 'search-name', problems });

  // The bookmark gives the same page in a new browser.
  const other = await openPage(browser);
  res = await other.page.goto(page.url());
  assert.equal(res.status(), 200);
  assert.deepEqual(await resultRows(other.page), [['Helen Marsden', 'Officer', "Chief Executive's Office"]]);
  await other.context.close();

  res = await follow(page, () => page.getByRole('table').getByRole('link', { name: 'Helen Marsden' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Helen Marsden' }).waitFor());
  await context.close();
});

test('the people list filters by kind, and by a unit together with the units under it', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/people`);
  await page.getByLabel('Officer or councillor').selectOption('councillor');
  let res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('kind'), 'councillor');
  const councillors = await resultRows(page);
  assert.ok(councillors.length > 1, 'the demo council has councillors');
  assert.deepEqual(councillors, expectedRows(`p.kind = 'councillor'`));
  await checkPage(page, { prefix, label: 'search-kind', problems });

  // The unit with the most published people in the units under it (in the demo, the council:
  // its directors sit in the directorates).
  const [unitChosen] = civic.sqlRows(
    `SELECT u.id, u.name, u.path FROM units u JOIN units d ON d.path LIKE u.path || '_%' JOIN people p ON p.unit_id = d.id
     WHERE p.published GROUP BY u.id ORDER BY count(*) DESC, u.name LIMIT 1`,
  );
  await page.getByLabel('Officer or councillor').selectOption('');
  const unit = page.getByLabel('Unit', { exact: true });
  await unit.selectOption(unitChosen.id);
  res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).searchParams.get('within'), unitChosen.id);
  const within = await resultRows(page);
  const expected = expectedRows(`u.path LIKE '${unitChosen.path}%'`);
  assert.deepEqual(within, expected);
  assert.ok(
    expected.some((r) => r[2] !== unitChosen.name),
    `the people in the units under ${unitChosen.name} are listed`,
  );
  assert.equal(await unit.locator('option:checked').getAttribute('value'), unitChosen.id, 'the form shows the unit chosen');
  await checkPage(page, { prefix, label: 'search-unit', problems });
  await context.close();
});

test('a search that matches no one says so plainly, and Clear search starts again', async () => {
  const { page, problems, context } = await openPage(browser);
  const res = await page.goto(`${civic.url}/people?name=nobody-is-called-this`);
  assert.equal(res.status(), 200);
  assert.equal(await page.getByRole('table').count(), 0);
  assert.equal(await page.locator('#no-results').innerText(), 'No people match your search.');
  await checkPage(page, { prefix, label: 'no-match', problems });
  await follow(page, () => page.getByRole('link', { name: 'Clear search' }).click());
  assert.equal(page.url(), `${civic.url}/people`);
  assert.equal(await page.getByRole('link', { name: 'Clear search' }).count(), 0);
  assert.deepEqual(await resultRows(page), expectedRows());
  await context.close();
});

test('a search the form could not have sent is refused in words, naming the field', async () => {
  const { page, problems, context } = await openPage(browser);
  let res = await page.goto(`${civic.url}/people?kind=squad`);
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: People/);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('link', { name: 'Choose officers, councillors, or both' }).getAttribute('href'), '#kind');
  assert.equal(await fieldError(page, 'kind'), 'Error: Choose officers, councillors, or both');
  assert.equal(await page.getByRole('table').count(), 0);
  await checkPage(page, { prefix, label: 'bad-kind', problems });

  res = await page.goto(`${civic.url}/people?within=00000000-0000-7000-8000-000000000000`);
  assert.equal(res.status(), 422);
  assert.equal(await fieldError(page, 'within'), 'Error: Choose a unit from the list');

  res = await page.goto(`${civic.url}/people?name=a&cursor=not-a-cursor`);
  assert.equal(res.status(), 422);
  const cut = page.locator('.govuk-error-summary').getByRole('link', { name: 'The link to this page of results is not complete. Search again.' });
  assert.equal(await cut.getAttribute('href'), '#main-content');

  // Capital letters in the kind are fine, as in the API and the import.
  res = await page.goto(`${civic.url}/people?kind=COUNCILLOR`);
  assert.equal(res.status(), 200);
  assert.deepEqual(await resultRows(page), expectedRows(`p.kind = 'councillor'`));
  await context.close();
});

test('the people list pages with Next, keeping the search in the link', async () => {
  const csvPath = path.join(civic.dir, 'paging-people.csv');
  const lines = ['name,kind,unit,honorific_prefix,published,email,phone,summary'];
  for (let i = 1; i <= 60; i += 1) lines.push(`Paging Person ${String(i).padStart(2, '0')},officer,Procurement,,yes,,,`);
  writeFileSync(csvPath, `${lines.join('\n')}\n`);
  mustSucceed('civic import people', await runCli(['import', 'people', '--db', civic.dbPath, csvPath]));

  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/people?name=paging+person`);
  const first = await resultRows(page);
  assert.equal(first.length, 50, 'fifty people a page');
  const pagination = page.getByRole('navigation', { name: 'Pages of people' });
  const next = pagination.getByRole('link', { name: 'Next page' });
  const href = new URL(await next.getAttribute('href'), civic.url);
  assert.equal(href.searchParams.get('name'), 'paging person');
  assert.equal(href.searchParams.get('cursor'), civic.sqlRows(`SELECT id FROM people WHERE name = 'Paging Person 50'`)[0].id);
  await checkPage(page, { prefix, label: 'page-1', problems });

  const res = await follow(page, () => next.click());
  assert.equal(res.status(), 200);
  const second = await resultRows(page);
  assert.deepEqual(
    second.map((r) => r[0]),
    Array.from({ length: 10 }, (_, i) => `Paging Person ${51 + i}`),
  );
  assert.equal(await page.getByRole('navigation', { name: 'Pages of people' }).count(), 0, 'no Next on the last page');
  assert.equal(await page.getByLabel('Name').inputValue(), 'paging person');
  await checkPage(page, { prefix, label: 'page-2', problems });
  await context.close();
});

// Regression: a person with no unit could not be reached from any page.
test('a person with no unit is found in the people list, and the list works without JavaScript', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/people`);
  await follow(page, () => page.getByRole('main').getByRole('button', { name: 'Add a person' }).click());
  await page.getByLabel('Full name').fill('Una Unitless');
  await page.getByRole('radio', { name: 'Officer' }).check();
  await page.getByLabel('Unit').selectOption('');
  let res = await follow(page, () => page.getByRole('button', { name: 'Add person' }).click());
  assert.equal(res.status(), 200);
  const personUrl = page.url();

  await page.goto(`${civic.url}/people`);
  await page.getByLabel('Name').fill('unitless');
  res = await follow(page, () => page.getByRole('button', { name: 'Search' }).click());
  assert.equal(res.status(), 200);
  assert.deepEqual(await resultRows(page), [['Una Unitless', 'Officer', 'None']]);
  res = await follow(page, () => page.getByRole('table').getByRole('link', { name: 'Una Unitless' }).click());
  assert.equal(res.status(), 200);
  assert.equal(page.url(), personUrl);
  assert.deepEqual(problems, []);
  await context.close();

  // An anonymous visitor does not see the unpublished officer.
  const visitor = await openPage(browser);
  await visitor.page.goto(`${civic.url}/people?name=unitless`);
  assert.equal(await visitor.page.locator('#no-results').innerText(), 'No people match your search.');
  await visitor.context.close();
});

test('the server stops cleanly on SIGTERM', async () => {
  await browser.close();
  await assertStopsCleanly(civic);
});
