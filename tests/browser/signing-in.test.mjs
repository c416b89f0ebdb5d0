// SPDX-License-Identifier: AGPL-3.0-or-later
// Signing in and out through the header and the sign-in form.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ADMIN, assertStopsCleanly, checkPage, follow, launchBrowser, openPage, signIn, startCivic } from './support.mjs';

const prefix = 'signing-in';
let civic;
let browser;
let session; // one context: signed in by the second test, signed out by the third

before(async () => {
  civic = await startCivic();
  browser = await launchBrowser();
  session = await openPage(browser);
});

after(async () => {
  await browser?.close();
  await civic?.cleanup();
});

test('a wrong password shows the error summary linking to the field, then the right one signs in', async () => {
  const { page, problems } = session;
  await page.goto(`${civic.url}/units`);
  let res = await follow(page, () => page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click());
  assert.equal(res.status(), 200);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor());
  await checkPage(page, { prefix, label: 'sign-in', problems });

  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  res = await follow(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.equal(res.status(), 422);
  assert.match(await page.title(), /^Error: Sign in/);
  const summary = page.locator('.govuk-error-summary');
  await assert.doesNotReject(summary.getByRole('heading', { name: 'There is a problem' }).waitFor());
  const link = summary.getByRole('link', { name: /Enter a correct username and password/ });
  assert.equal(await link.getAttribute('href'), '#username');
  // GOV.UK Frontend moves focus to the summary, so a screen reader announces it at once.
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
  await assert.doesNotReject(page.locator('#username-error', { hasText: 'Enter a correct username and password' }).waitFor());
  assert.equal(await page.getByLabel('Username').inputValue(), ADMIN.username, 'the username is kept');
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not sent back');
  await checkPage(page, { prefix, label: 'sign-in-error', problems });

  // The summary's link takes the keyboard to the field.
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'username');

  await page.getByLabel('Password').fill(ADMIN.password);
  res = await follow(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/units', 'back where the visitor started');
  const header = page.getByRole('banner');
  await assert.doesNotReject(header.getByText(`Signed in as ${ADMIN.name}`).waitFor());
  assert.equal(await header.getByRole('link', { name: 'Sign in' }).count(), 0);
  await assert.doesNotReject(header.getByRole('button', { name: 'Sign out' }).waitFor());
  await checkPage(page, { prefix, label: 'signed-in', problems });
});

// Regression: opening /sign-out (a link, a bookmark, the address typed) answered 405.
test('opening /sign-out shows a sign-out button, which signs the officer out', async () => {
  const { page, problems, context } = await openPage(browser);
  await signIn(page, civic.url);
  let res = await page.goto(`${civic.url}/sign-out`);
  assert.equal(res.status(), 200);
  const main = page.getByRole('main');
  await assert.doesNotReject(main.getByRole('heading', { level: 1, name: 'Sign out' }).waitFor());
  assert.equal(await page.title(), 'Sign out – Demo Borough Council');
  assert.equal(
    await main.locator('p').first().innerText(),
    `You are signed in as ${ADMIN.name}. Signing out ends your session on this browser.`,
  );
  const form = main.locator('form');
  assert.equal(await form.getAttribute('method'), 'post');
  assert.equal(await form.getAttribute('action'), '/sign-out');
  assert.ok((await form.locator('input[name="csrf_token"]').inputValue()).length >= 20, 'the form carries the CSRF token');
  assert.equal(await main.getByRole('link', { name: 'Cancel' }).getAttribute('href'), '/');
  await checkPage(page, { prefix, label: 'sign-out-page', problems });

  const sessions = () => civic.sqlRows('SELECT count(*) AS n FROM sessions')[0].n;
  const before = sessions();
  res = await follow(page, () => main.getByRole('button', { name: 'Sign out' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/');
  await assert.doesNotReject(page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor());
  assert.equal(sessions(), before - 1, 'the session is gone');

  // Signed out, the page says so instead of offering a button.
  res = await page.goto(`${civic.url}/sign-out`);
  assert.equal(res.status(), 200);
  await assert.doesNotReject(main.getByRole('heading', { level: 1, name: 'You are not signed in' }).waitFor());
  assert.equal(await main.getByRole('button').count(), 0);
  assert.deepEqual(await main.getByRole('link').allInnerTexts(), ['Sign in', 'go to the home page']);
  await checkPage(page, { prefix, label: 'sign-out-not-signed-in', problems });
  await context.close();
});

test('signing out with the header button shows Sign in again', async () => {
  const { page, problems } = session;
  const header = page.getByRole('banner');
  const res = await follow(page, () => header.getByRole('button', { name: 'Sign out' }).click());
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/');
  await assert.doesNotReject(header.getByRole('link', { name: 'Sign in' }).waitFor());
  assert.equal(await header.getByText('Signed in as').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Add a unit' }).count(), 0, 'the signed-out visitor cannot add units');
  await checkPage(page, { prefix, label: 'signed-out', problems });

  // The old session is gone: a staff page sends the visitor to sign in.
  await page.goto(`${civic.url}/units/new`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});

test('the server stops cleanly on SIGTERM', async () => {
  await browser.close();
  await assertStopsCleanly(civic);
});
