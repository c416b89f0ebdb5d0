// SPDX-License-Identifier: AGPL-3.0-or-later
// A signed-in officer adds and changes units and people through the forms, with JavaScript on
// and off.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ADMIN, assertStopsCleanly, checkPage, follow, launchBrowser, openPage, screenshot, signIn, startCivic } from './support.mjs';

const prefix = 'editing';
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

// The error summary lists each message as a link to its field, and the field shows the message.
async function assertFieldError(page, { field, message }) {
  const summary = page.locator('.govuk-error-summary');
  await assert.doesNotReject(summary.getByRole('heading', { name: 'There is a problem' }).waitFor());
  const link = summary.getByRole('link', { name: message });
  assert.equal(await link.count(), 1, `the summary lists "${message}"`);
  assert.equal(await link.getAttribute('href'), `#${field}`);
  const error = page.locator(`#${field}-error`);
  assert.equal((await error.innerText()).replace(/\s+/g, ' ').trim(), `Error: ${(await link.innerText()).trim()}`);
  const describedBy = (await page.locator(`#${field}`).getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy.split(' ').includes(`${field}-error`), `#${field} is described by its error: "${describedBy}"`);
}

// Creates "name" as a team under Corporate Support through the form, after first sending it
// empty; then renames it. JavaScript may be on or off.
async function createAndRenameUnit(page, problems, { name, newName, label, axe }) {
  const check = (what) => (axe ? checkPage(page, { prefix, label: `${label}-${what}`, problems }) : screenshot(page, prefix, `${label}-${what}`));
  await page.goto(`${civic.url}/units`);
  let res = await follow(page, () => page.getByRole('button', { name: 'Add a unit' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Add a unit' }).waitFor());
  await check('add-unit');

  res = await follow(page, () => page.getByRole('button', { name: 'Add unit' }).click());
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: /);
  await assertFieldError(page, { field: 'name', message: /name/i });
  await check('add-unit-error');

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Kind of unit').selectOption({ label: 'Team' });
  // Options are indented by depth with em dashes; the label ends with the unit's name.
  const parent = page.getByLabel('Sits under');
  const option = parent.locator('option').filter({ hasText: /(^|\s)Corporate Support$/ });
  assert.equal(await option.count(), 1, 'Corporate Support is offered once as a parent');
  await parent.selectOption(await option.getAttribute('value'));
  res = await follow(page, () => page.getByRole('button', { name: 'Add unit' }).click());
  assert.equal(res.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/units\/[0-9a-f-]{36}$/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name }).waitFor());
  assert.equal(await page.locator('.govuk-caption-l').innerText(), 'Team');
  await assert.doesNotReject(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Corporate Support' }).waitFor());
  await check('new-unit');
  const unitUrl = page.url();

  await page.goto(`${civic.url}/units`);
  const inTree = page.getByRole('main').getByRole('link', { name, exact: true });
  assert.equal(await inTree.count(), 1, `${name} is in the tree`);
  // It sits in the list of Corporate Support's children.
  const branch = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Corporate Support', exact: true }) }).last();
  assert.equal(await branch.getByRole('link', { name, exact: true }).count(), 1, `${name} is under Corporate Support`);

  await page.goto(unitUrl);
  res = await follow(page, () => page.getByRole('button', { name: 'Change this unit' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: `Change ${name}` }).waitFor());
  assert.equal(await page.getByLabel('Name').inputValue(), name);
  await check('change-unit');
  await page.getByLabel('Name').fill(newName);
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  assert.equal(page.url(), unitUrl);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: newName }).waitFor());
  await check('changed-unit');
}

test('a signed-in officer adds a unit, sees it in the tree and renames it', async () => {
  const { page, problems, context } = await openPage(browser);
  const res = await signIn(page, civic.url);
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByText(`Signed in as ${ADMIN.name}`).waitFor());
  await createAndRenameUnit(page, problems, {
    name: 'Digital Services',
    newName: 'Digital and Data Services',
    label: 'js',
    axe: true,
  });
  await context.close();
});

test('a signed-in officer adds a person, correcting an invalid email address', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/units`);
  await follow(page, () => page.getByRole('main').getByRole('link', { name: 'Corporate Support', exact: true }).click());
  let res = await follow(page, () => page.getByRole('link', { name: 'Add a person' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor());
  assert.match(await page.getByLabel('Unit').locator('option:checked').innerText(), /Corporate Support$/, 'the unit is chosen already');
  await checkPage(page, { prefix, label: 'add-person', problems });

  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByRole('radio', { name: 'Officer' }).check();
  await page.getByLabel('Email address (optional)').fill('grace.hopper.example.org');
  res = await follow(page, () => page.getByRole('button', { name: 'Add person' }).click());
  assert.equal(res.status(), 422);
  await assertFieldError(page, { field: 'email', message: /email/i });
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Hopper', 'what was typed is kept');
  assert.equal(await page.getByRole('radio', { name: 'Officer' }).isChecked(), true);
  await checkPage(page, { prefix, label: 'add-person-error', problems });

  await page.getByLabel('Email address (optional)').fill('grace.hopper@example.org');
  res = await follow(page, () => page.getByRole('button', { name: 'Add person' }).click());
  assert.equal(res.status(), 200);
  assert.match(new URL(page.url()).pathname, /^\/people\/[0-9a-f-]{36}$/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor());
  await assert.doesNotReject(page.getByRole('link', { name: 'grace.hopper@example.org' }).waitFor());
  await checkPage(page, { prefix, label: 'new-person', problems });

  // Change the person from their page: the form comes filled in, and the change shows.
  res = await follow(page, () => page.getByRole('button', { name: 'Change this person' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Hopper');
  await page.getByLabel('Phone number (optional)').fill('01632 960 555');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByText('01632 960 555').waitFor());
  await context.close();
});

test('every step of adding and renaming a unit works without JavaScript', async () => {
  const { page, problems, context } = await openPage(browser, { javaScriptEnabled: false });
  const res = await signIn(page, civic.url);
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByText(`Signed in as ${ADMIN.name}`).waitFor());
  await createAndRenameUnit(page, problems, {
    name: 'Climate Action Team',
    newName: 'Climate and Nature Team',
    label: 'no-js',
    axe: false, // axe-core itself needs JavaScript; the same pages were checked with it on
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// Regression: a form shown again after a refusal echoed the bytes it was sent, so a value that
// was not UTF-8 made the whole page invalid UTF-8.
test('a form shown again with bytes that are not UTF-8 answers valid UTF-8 HTML, with U+FFFD in their place', async () => {
  const { page, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/units/new`);
  const token = await page.getByRole('main').locator('input[name="csrf_token"]').inputValue();
  const res = await context.request.post(`${civic.url}/units`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: `csrf_token=${encodeURIComponent(token)}&name=Caf%e9%ff%fe&kind=&parent_id=&description=One%01two`,
    maxRedirects: 0,
  });
  assert.equal(res.status(), 422);
  assert.equal(res.headers()['content-type'], 'text/html; charset=utf-8');
  const body = await res.body();
  let html;
  assert.doesNotThrow(() => {
    html = new TextDecoder('utf-8', { fatal: true }).decode(body);
  }, 'the page is valid UTF-8');
  assert.ok(html.includes('value="Caf\uFFFD\uFFFD\uFFFD"'), 'the name is shown back with U+FFFD for each byte');
  assert.ok(html.includes('>One\uFFFDtwo</textarea>'), 'the control character is shown as U+FFFD');
  await context.close();
});

test('every page a signed-in officer can open passes axe-core, forms and errors included', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  // A published councillor with contact details: the fullest person page.
  const [person] = civic.sqlRows(`SELECT id FROM people WHERE published AND kind = 'councillor' ORDER BY name LIMIT 1`);
  const [unit] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Corporate Support'`);
  const pages = [
    ['signed-in-unit', `/units/${unit.id}`, 200],
    ['signed-in-person', `/people/${person.id}`, 200],
    ['change-person', `/people/${person.id}/edit`, 200],
    ['unknown-unit-404', '/units/00000000-0000-7000-8000-000000000000', 404],
  ];
  for (const [label, url, status] of pages) {
    const res = await page.goto(`${civic.url}${url}`);
    assert.equal(res.status(), status, url);
    await checkPage(page, { prefix, label, problems });
  }
  await context.close();
});

test('the server stops cleanly on SIGTERM', async () => {
  await browser.close();
  await assertStopsCleanly(civic);
});
