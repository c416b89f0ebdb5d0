// SPDX-License-Identifier: AGPL-3.0-or-later
// What a member of the public sees without signing in, and the keyboard route through a page.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { mustSucceed, runCli } from '../api/harness.mjs';
import { assertStopsCleanly, checkPage, follow, launchBrowser, openPage, startCivic } from './support.mjs';

const prefix = 'public';
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

test('an anonymous visitor sees the organisation tree, a unit and a published person, all accessible', async () => {
  const { page, problems, context } = await openPage(browser);
  // A published officer and a unit they belong to, from the demo council.
  const [who] = civic.sqlRows(
    `SELECT p.name AS person, u.name AS unit FROM people p JOIN memberships m ON m.person_id = p.id
       JOIN units u ON u.id = m.unit_id
     WHERE p.published AND p.kind = 'officer' AND p.honorific_prefix = '' AND p.archived_at IS NULL
     ORDER BY p.name LIMIT 1`,
  );
  assert.ok(who, 'the demo council has a published officer with a role in a unit');

  let res = await page.goto(`${civic.url}/`);
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Demo Borough Council' }).waitFor());
  assert.match(await page.title(), /^Civic – Demo Borough Council$/);
  await assert.doesNotReject(page.getByRole('banner').getByRole('link', { name: 'Demo Borough Council' }).waitFor());
  assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count(), 1, 'the header offers Sign in');
  assert.equal(await page.getByRole('link', { name: 'Add a unit' }).count(), 0, 'a visitor cannot add units');
  // GOV.UK Frontend's stylesheet and script arrived: Arial, a black header, blue links.
  const look = await page.evaluate(() => ({
    font: getComputedStyle(document.querySelector('main .govuk-body')).fontFamily,
    header: getComputedStyle(document.querySelector('.govuk-generic-header')).backgroundColor,
    link: getComputedStyle(document.querySelector('main .govuk-link')).color,
    frontend: document.body.classList.contains('govuk-frontend-supported'),
  }));
  assert.match(look.font, /arial/i);
  assert.equal(look.header, 'rgb(11, 12, 12)');
  assert.equal(look.link, 'rgb(26, 101, 166)');
  assert.equal(look.frontend, true, 'GOV.UK Frontend initialised');
  await checkPage(page, { prefix, label: 'home', problems });

  res = await page.goto(`${civic.url}/units`);
  assert.equal(res.status(), 200);
  const tree = page.getByRole('main').getByRole('list').first();
  await assert.doesNotReject(tree.getByRole('link', { name: 'Demo Borough Council', exact: true }).waitFor());
  await checkPage(page, { prefix, label: 'units', problems });

  res = await follow(page, () => page.getByRole('main').getByRole('link', { name: who.unit, exact: true }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: who.unit, exact: true }).waitFor());
  assert.equal(await page.getByRole('link', { name: 'Change this unit' }).count(), 0, 'a visitor cannot change units');
  await checkPage(page, { prefix, label: 'unit', problems });

  res = await follow(page, () => page.getByRole('table').getByRole('link', { name: who.person, exact: true }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: who.person, exact: true }).waitFor());
  await assert.doesNotReject(page.getByRole('navigation', { name: 'Breadcrumb' }).waitFor());
  await checkPage(page, { prefix, label: 'person', problems });
  await context.close();
});

// Regression: the home page was the organisation tree, with no word of what Civic is for.
test('the home page says in two sentences what Civic is and what a signed-in officer can do, with links onward', async () => {
  const { page, problems, context } = await openPage(browser);
  const res = await page.goto(`${civic.url}/`);
  assert.equal(res.status(), 200);
  const main = page.getByRole('main');
  assert.deepEqual(await main.locator('p').allInnerTexts(), [
    'Civic is the council’s register of its organisation: its directorates, departments, services, teams and boards, and the officers and councillors in them.',
    'Officers who sign in also see the colleagues and contact details the public cannot, and editors add and change the units and people in their part of the council.',
  ]);
  const links = main.getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), ['Organisation', 'People', 'Sign in']);
  assert.deepEqual(
    await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['/units', '/people', '/sign-in'],
  );
  // No item of the service navigation claims to be the home page.
  assert.equal(await page.getByRole('banner').locator('[aria-current]').count(), 0);
  await checkPage(page, { prefix, label: 'home-words', problems });

  const next = await follow(page, () => links.filter({ hasText: 'Organisation' }).click());
  assert.equal(next.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor());
  await context.close();
});

test("an unpublished officer's page answers 404 with an accessible error page in words", async () => {
  const { page, problems, context } = await openPage(browser);
  const [hidden] = civic.sqlRows(`SELECT id, name FROM people WHERE NOT published AND kind = 'officer' ORDER BY name LIMIT 1`);
  assert.ok(hidden, 'the demo council has an unpublished officer');

  const res = await page.goto(`${civic.url}/people/${hidden.id}`);
  assert.equal(res.status(), 404);
  assert.match(res.headers()['content-type'], /^text\/html/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor());
  const text = await page.getByRole('main').innerText();
  assert.doesNotMatch(text, /^\s*[{[]/, 'the page is words, not JSON');
  assert.ok(!text.includes(hidden.name), 'the page does not name the unpublished officer');
  assert.match(text, /quote reference \S+/);
  await assert.doesNotReject(page.getByRole('main').getByRole('link', { name: 'Go to the organisation' }).waitFor());
  await checkPage(page, { prefix, label: 'unpublished-person-404', problems });
  await context.close();
});

// Regression: empty text counted as present, so a visitor saw an "Email" row holding an empty
// mailto: link (a link without a name), an empty "Phone" row, and "Portfolio:" with nothing after.
test('pages leave out empty details instead of showing empty rows and links', async () => {
  const { page, context } = await openPage(browser);
  const [person] = civic.sqlRows(`SELECT id FROM people WHERE published AND kind = 'officer' ORDER BY name LIMIT 1`);
  await page.goto(`${civic.url}/people/${person.id}`);
  const keys = await page.locator('.govuk-summary-list__key').allInnerTexts();
  assert.deepEqual(keys, ['Published'], 'a visitor sees no contact detail rows');
  assert.equal(await page.locator('a[href^="mailto:"]').count(), 0);

  const [unit] = civic.sqlRows(`SELECT unit_id FROM posts WHERE portfolio = '' ORDER BY label LIMIT 1`);
  await page.goto(`${civic.url}/units/${unit.unit_id}`);
  assert.ok((await page.getByRole('heading', { level: 3 }).count()) > 0, 'the unit page lists its posts');
  for (const text of await page.getByRole('main').locator('p').allInnerTexts()) {
    assert.doesNotMatch(text, /^Portfolio:\s*$/, 'no empty portfolio line');
  }
  await context.close();
});

test('the skip link is the first thing the keyboard reaches and moves focus to the main content', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/units`);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute('href'),
    visible: document.activeElement.getBoundingClientRect().height > 1,
  }));
  assert.deepEqual(first, { text: 'Skip to main content', href: '#main-content', visible: true });
  await checkPage(page, { prefix, label: 'skip-link-focused', problems });

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main-content');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN');
  // The next Tab goes on from the main content, not back to the header.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true, 'focus stays in the main content');
  await context.close();
});

test('pages reflow to a 320 pixel wide screen without scrolling sideways', async () => {
  const { page, problems, context } = await openPage(browser);
  await page.setViewportSize({ width: 320, height: 640 });
  // The published person with the most roles has the widest table.
  const [busiest] = civic.sqlRows(
    `SELECT p.id FROM people p JOIN memberships m ON m.person_id = p.id WHERE p.published
     GROUP BY p.id ORDER BY count(*) DESC, p.name LIMIT 1`,
  );
  const [unit] = civic.sqlRows(`SELECT u.id FROM units u JOIN memberships m ON m.unit_id = u.id GROUP BY u.id ORDER BY count(*) DESC LIMIT 1`);
  for (const [label, url] of [
    ['narrow-units', '/units'],
    ['narrow-unit', `/units/${unit.id}`],
    ['narrow-person', `/people/${busiest.id}`],
    ['narrow-sign-in', '/sign-in'],
  ]) {
    await page.goto(`${civic.url}${url}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${url} is ${width} pixels wide at a 320 pixel viewport (WCAG 1.4.10)`);
    await checkPage(page, { prefix, label, problems });
  }
  await context.close();
});

// A name of 200 letters with no space, as a unit and as a person; a web address and an email
// address just as long.
const LONG_UNIT = `Interdepartmental${'Coordination'.repeat(15)}Team`.slice(0, 200);
const LONG_PERSON = `Wolfeschlegelstein${'hausenbergerdorff'.repeat(11)}`.slice(0, 200);
const LONG_URL = `https://www.demo-borough.example/${'services/'.repeat(20)}${'x'.repeat(60)}`;
const LONG_EMAIL = `${'councillor.'.repeat(15)}name@demo-borough.example`;

// Regression: a unit with a 200-character name without spaces made its page 3,004 pixels wide
// (WCAG 1.4.10, reflow).
test('long names, web addresses and email addresses wrap at 320 pixels on the unit, person, tree and people pages', async () => {
  const csv = (rows) => `${rows.map((r) => r.map((v) => `"${v}"`).join(',')).join('\n')}\n`;
  const unitsCsv = path.join(civic.dir, 'long-units.csv');
  writeFileSync(unitsCsv, csv([
    ['name', 'kind', 'parent', 'description'],
    [LONG_UNIT, 'team', 'Corporate Support', `Read more at ${LONG_URL}`],
    ['Reflow Sub Team', 'team', LONG_UNIT, ''],
  ]));
  mustSucceed('civic import units', await runCli(['import', 'units', '--db', civic.dbPath, unitsCsv]));
  const peopleCsv = path.join(civic.dir, 'long-people.csv');
  writeFileSync(peopleCsv, csv([
    ['name', 'kind', 'unit', 'honorific_prefix', 'published', 'email', 'phone', 'summary'],
    [LONG_PERSON, 'councillor', LONG_UNIT, 'Cllr', 'yes', LONG_EMAIL, '', `Casework: ${LONG_URL}`],
  ]));
  mustSucceed('civic import people', await runCli(['import', 'people', '--db', civic.dbPath, peopleCsv]));
  const [unit] = civic.sqlRows(`SELECT id FROM units WHERE name = '${LONG_UNIT}'`);
  const [sub] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Reflow Sub Team'`);
  const [person] = civic.sqlRows(`SELECT id FROM people WHERE name = '${LONG_PERSON}'`);

  const { page, problems, context } = await openPage(browser);
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [label, url] of [
    ['long-unit', `/units/${unit.id}`],
    ['long-breadcrumbs', `/units/${sub.id}`],
    ['long-person', `/people/${person.id}`],
    ['long-tree', '/units'],
    ['long-people', `/people?name=${LONG_PERSON.slice(0, 40)}`],
    ['long-people-in-unit', `/people?within=${unit.id}`],
  ]) {
    const res = await page.goto(`${civic.url}${url}`);
    assert.equal(res.status(), 200, url);
    // The long text is on the page, not cut off.
    assert.ok((await page.getByRole('main').innerText()).replace(/\s/g, '').includes(label.includes('person') || label.includes('people') ? LONG_PERSON : LONG_UNIT), `${url} shows the whole name`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${url} is ${width} pixels wide at a 320 pixel viewport (WCAG 1.4.10)`);
    await checkPage(page, { prefix, label, problems });
  }
  await context.close();
});

test('the server stops cleanly on SIGTERM', async () => {
  await browser.close();
  await assertStopsCleanly(civic);
});
