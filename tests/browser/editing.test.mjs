// SPDX-License-Identifier: AGPL-3.0-or-later
// A signed-in officer adds and changes units and people through the forms, with JavaScript on
// and off.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { mustSucceed, runCli } from '../api/harness.mjs';
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

// The page shows one GOV.UK success banner, announced as an alert, saying `message`.
async function assertBanner(page, message) {
  const banner = page.locator('.govuk-notification-banner');
  assert.equal(await banner.count(), 1, `one banner saying "${message}"`);
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.getAttribute('class'), /\bgovuk-notification-banner--success\b/);
  assert.equal((await banner.locator('.govuk-notification-banner__title').innerText()).trim(), 'Success');
  assert.equal((await banner.locator('.govuk-notification-banner__heading').innerText()).trim(), message);
}

// Reloading the page the save led to shows no banner: the message is shown once.
async function assertBannerGoneOnReload(page) {
  const res = await page.reload();
  assert.equal(res.status(), 200);
  assert.equal(await page.locator('.govuk-notification-banner').count(), 0, 'no banner after a reload');
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
  await assertBanner(page, 'Unit added');
  await check('new-unit');
  const unitUrl = page.url();
  await assertBannerGoneOnReload(page);

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
  await assertBanner(page, 'Unit saved');
  await check('changed-unit');
  await assertBannerGoneOnReload(page);
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
  await assertBanner(page, 'Person added');
  await checkPage(page, { prefix, label: 'new-person', problems });
  await assertBannerGoneOnReload(page);

  // Change the person from their page: the form comes filled in, and the change shows.
  res = await follow(page, () => page.getByRole('button', { name: 'Change this person' }).click());
  assert.equal(res.status(), 200);
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Hopper');
  await page.getByLabel('Phone number (optional)').fill('01632 960 555');
  res = await follow(page, () => page.getByRole('button', { name: 'Save changes' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByText('01632 960 555').waitFor());
  await assertBanner(page, 'Person saved');
  await checkPage(page, { prefix, label: 'saved-person', problems });
  await assertBannerGoneOnReload(page);
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

// Regression: the forms had no way back but the browser's Back button.
test('every form has a Cancel link back to the unit, the person or the list it was opened from', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  const [corporate] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Corporate Support'`);
  const [person] = civic.sqlRows(`SELECT id FROM people WHERE name = 'Adam Broome'`);
  const unitUrl = `/units/${corporate.id}`;
  const personUrl = `/people/${person.id}`;
  // [where the officer starts, the control they use, where Cancel takes them]
  const journeys = [
    ['/units', { role: 'button', name: 'Add a unit' }, '/units'],
    [unitUrl, { role: 'link', name: 'Add a sub-unit' }, unitUrl],
    [unitUrl, { role: 'button', name: 'Change this unit' }, unitUrl],
    [unitUrl, { role: 'link', name: 'Add a person' }, unitUrl],
    ['/people', { role: 'button', name: 'Add a person' }, '/people'],
    [personUrl, { role: 'button', name: 'Change this person' }, personUrl],
  ];
  for (const [start, control, back] of journeys) {
    await page.goto(`${civic.url}${start}`);
    await follow(page, () => page.getByRole('main').getByRole(control.role, { name: control.name, exact: true }).click());
    const cancel = page.getByRole('main').getByRole('link', { name: 'Cancel', exact: true });
    assert.equal(await cancel.getAttribute('class'), 'govuk-link', `Cancel is a link on the form opened by ${control.name} from ${start}`);
    assert.equal(await cancel.getAttribute('href'), back, `Cancel on the form opened by ${control.name} from ${start}`);
    await follow(page, () => cancel.click());
    assert.equal(new URL(page.url()).pathname, back);
  }
  // The form shown again with an error keeps its Cancel link.
  await page.goto(`${civic.url}/units/new?parent_id=${corporate.id}`);
  const res = await follow(page, () => page.getByRole('button', { name: 'Add unit' }).click());
  assert.equal(res.status(), 422);
  assert.equal(await page.getByRole('link', { name: 'Cancel', exact: true }).getAttribute('href'), unitUrl);
  await checkPage(page, { prefix, label: 'cancel-after-error', problems });
  await context.close();
});

// Adds a person through the form; `published` is the label of the "Who can see this person"
// choice, or null to leave the form's own choice. Resolves with the stored row.
async function addPerson(page, { name, kind, published }) {
  await page.goto(`${civic.url}/people/new`);
  await page.getByLabel('Full name').fill(name);
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByLabel('Unit').selectOption({ label: 'Demo Borough Council' });
  if (published) await page.getByRole('radio', { name: published, exact: true }).check();
  const res = await follow(page, () => page.getByRole('button', { name: 'Add person' }).click());
  assert.equal(res.status(), 200, `${name} is added`);
  const [row] = civic.sqlRows(`SELECT id, published FROM people WHERE name = '${name}'`);
  return row;
}

// Regression: the "published" box started unticked, so a councillor added with the form was
// hidden from the public, unlike one added through the API or the import.
test('a councillor added through the form is public by default, and an officer is not unless chosen', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/people/new`);
  const group = page.getByRole('group', { name: 'Who can see this person' });
  assert.deepEqual(await group.getByRole('radio').evaluateAll((rs) => rs.map((r) => [r.labels[0].innerText.trim(), r.checked])), [
    ['As usual', true],
    ['The public', false],
    ['Only signed-in staff', false],
  ]);
  assert.equal(
    (await page.locator('#published-hint').innerText()).trim(),
    'Councillors hold public office, so the public can usually see them. Usually only signed-in staff can see an officer.',
  );
  await checkPage(page, { prefix, label: 'publish-choice', problems });

  const councillor = await addPerson(page, { name: 'Cllr Default Public', kind: 'Councillor', published: null });
  assert.equal(councillor.published, 1);
  assert.equal(
    await page.locator('.govuk-summary-list__row', { hasText: 'Published' }).locator('dd').innerText(),
    'Yes, the public can see this person',
  );
  const officer = await addPerson(page, { name: 'Officer Default Hidden', kind: 'Officer', published: null });
  assert.equal(officer.published, 0);
  const chosen = await addPerson(page, { name: 'Officer Chosen Public', kind: 'Officer', published: 'The public' });
  assert.equal(chosen.published, 1);
  const hidden = await addPerson(page, { name: 'Cllr Chosen Hidden', kind: 'Councillor', published: 'Only signed-in staff' });
  assert.equal(hidden.published, 0);

  // A visitor sees the councillor added with the form.
  const visitor = await openPage(browser);
  const res = await visitor.page.goto(`${civic.url}/people/${councillor.id}`);
  assert.equal(res.status(), 200);
  await visitor.context.close();

  // A saved person is one or the other: the change form offers no "As usual".
  await page.goto(`${civic.url}/people/${councillor.id}/edit`);
  assert.deepEqual(await group.getByRole('radio').evaluateAll((rs) => rs.map((r) => [r.labels[0].innerText.trim(), r.checked])), [
    ['The public', true],
    ['Only signed-in staff', false],
  ]);
  await checkPage(page, { prefix, label: 'publish-choice-change', problems });
  await context.close();
});

// Imports units from CSV rows (name, kind, parent) with the command line.
async function importUnits(rows) {
  const file = path.join(civic.dir, `units-${Date.now()}.csv`);
  writeFileSync(file, `name,kind,parent,description\n${rows.map((r) => `${r.join(',')},`).join('\n')}\n`);
  mustSucceed('civic import units', await runCli(['import', 'units', '--db', civic.dbPath, file]));
}

// Regression: the unit page listed sub-units in the order they were added, not by name.
test('the unit page lists sub-units in alphabetical order, as the tree does', async () => {
  await importUnits([
    ['Sorting Test Directorate', 'directorate', 'Demo Borough Council'],
    ['zeta Team', 'team', 'Sorting Test Directorate'],
    ['Housing Team', 'team', 'Sorting Test Directorate'],
    ['alpha Team', 'team', 'Sorting Test Directorate'],
    ['ICT Team', 'team', 'Sorting Test Directorate'],
    ['Beta Team', 'team', 'Sorting Test Directorate'],
  ]);
  const expected = ['alpha Team', 'Beta Team', 'Housing Team', 'ICT Team', 'zeta Team'];
  const [parent] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Sorting Test Directorate'`);
  const { page, problems, context } = await openPage(browser);
  await page.goto(`${civic.url}/units/${parent.id}`);
  const subunits = page.getByRole('heading', { level: 2, name: 'Sub-units' }).locator('xpath=following-sibling::ul[1]').getByRole('link');
  assert.deepEqual(await subunits.allInnerTexts(), expected);
  await checkPage(page, { prefix, label: 'sorted-sub-units', problems });
  await page.goto(`${civic.url}/units`);
  const branch = page.locator('.civic-tree li', { has: page.getByRole('link', { name: 'Sorting Test Directorate', exact: true }) }).last();
  assert.deepEqual(await branch.locator(':scope > ul > li > a').allInnerTexts(), expected);
  await context.close();
});

// Makes an API token for the administrator and sends one JSON request with it.
async function apiAsAdmin(method, url, body) {
  const { stdout } = mustSucceed('civic token create', await runCli(['token', 'create', '--db', civic.dbPath, '--user', ADMIN.username, '--name', 'browser test']));
  const res = await fetch(`${civic.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${stdout.trim()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, `${method} ${url}: ${await res.clone().text()}`);
  return res.json();
}

// Regression: a post showed its responsibilities but not who holds it.
test('each post on the unit page names the people who hold it today', async () => {
  await importUnits([['Post Holders Team', 'team', 'Corporate Support']]);
  const [unit] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Post Holders Team'`);
  const [holder] = civic.sqlRows(`SELECT id FROM people WHERE name = 'Adam Broome'`);
  const [former] = civic.sqlRows(`SELECT id FROM people WHERE name = 'Helen Marsden'`);
  const held = await apiAsAdmin('POST', '/api/v1/posts', { unit_id: unit.id, label: 'Team Leader' });
  await apiAsAdmin('POST', '/api/v1/posts', { unit_id: unit.id, label: 'Deputy Team Leader' });
  await apiAsAdmin('POST', '/api/v1/memberships', { person_id: holder.id, unit_id: unit.id, post_id: held.id, start_date: '2024-04-01' });
  await apiAsAdmin('POST', '/api/v1/memberships', { person_id: former.id, unit_id: unit.id, post_id: held.id, start_date: '2020-01-06', end_date: '2024-03-31' });

  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/units/${unit.id}`);
  const post = (label) => page.getByRole('heading', { level: 3, name: label, exact: true }).locator('xpath=following-sibling::p[1]');
  assert.equal(await post('Team Leader').innerText(), 'Held by Adam Broome', 'the former holder is not named');
  assert.equal(await post('Team Leader').getByRole('link', { name: 'Adam Broome' }).getAttribute('href'), `/people/${holder.id}`);
  assert.equal(await post('Deputy Team Leader').innerText(), 'No one holds this post.');
  await checkPage(page, { prefix, label: 'post-holders', problems });

  const visitor = await openPage(browser);
  await visitor.page.goto(`${civic.url}/units/${unit.id}`);
  const visitorPost = (label) => visitor.page.getByRole('heading', { level: 3, name: label, exact: true }).locator('xpath=following-sibling::p[1]');
  assert.equal(await visitorPost('Team Leader').innerText(), 'Held by Adam Broome');
  assert.equal(await visitorPost('Deputy Team Leader').innerText(), 'No one you can see holds this post.');
  await visitor.context.close();
  await context.close();
});

// Regression: an administrator on a unit with no members read "No one you can see".
test('an administrator on an empty unit reads that no one is in it yet; a visitor reads only that they see no one', async () => {
  await importUnits([['Empty Unit Team', 'team', 'Corporate Support']]);
  const [unit] = civic.sqlRows(`SELECT id FROM units WHERE name = 'Empty Unit Team'`);
  const people = (p) => p.getByRole('heading', { level: 2, name: 'People' }).locator('xpath=following-sibling::p[1]');

  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  await page.goto(`${civic.url}/units/${unit.id}`);
  assert.equal(await people(page).innerText(), 'No one is in this unit yet.');
  await checkPage(page, { prefix, label: 'empty-unit', problems });
  await context.close();

  const visitor = await openPage(browser);
  await visitor.page.goto(`${civic.url}/units/${unit.id}`);
  assert.equal(await people(visitor.page).innerText(), 'No one you can see is in this unit.');
  await visitor.context.close();
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
