// SPDX-License-Identifier: AGPL-3.0-or-later
// Drives the real `civic` binary from headless Chromium for one browser test file: a server on
// a throw-away database holding the demo council and one administrator, a browser, and the
// checks every page must pass (axe-core against WCAG 2.2 AA, no script errors, a screenshot).
//
//   const civic = await startCivic();
//   const browser = await launchBrowser();
//   const { page } = await openPage(browser);
//   await page.goto(civic.url + '/units');
//   await checkPage(page, 'units');          // axe finds nothing, screenshot saved
//   ...
//   await browser.close();
//   await assertStopsCleanly(civic);          // SIGTERM, exit code 0
//
// The binary is $CIVIC_BIN, or build/civic under the repository root.

import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { assertStopsCleanly, mustSucceed, repoRoot, runCli, spawnServe, sqlRows } from '../api/harness.mjs';

export { assertStopsCleanly, sqlRows };

export const ADMIN = { username: 'admin', name: 'Ada Admin', password: 'Northmoor-browser-password-2025' };

// WCAG 2.0, 2.1 and 2.2 at levels A and AA: the accessibility duty of a UK public body.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const SCREENSHOT_DIR = path.join(repoRoot, 'tests', 'browser', 'screenshots');

// axe-core is evaluated in the page rather than added as a <script> tag: Civic's
// Content-Security-Policy (script-src 'self') would block an inline tag, and the tests run
// against the real policy instead of a context that bypasses it.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Starts `civic serve` on a new database with the demo council and ADMIN.
export async function startCivic() {
  const dir = await mkdtemp(path.join(tmpdir(), 'civic-browser-'));
  const dbPath = path.join(dir, 'civic.db');
  mustSucceed('civic init', await runCli(['init', '--db', dbPath]));
  mustSucceed('civic demo', await runCli(['demo', '--db', dbPath]));
  mustSucceed(
    'civic user add',
    await runCli(
      ['user', 'add', '--db', dbPath, '--username', ADMIN.username, '--name', ADMIN.name, '--role', 'administrator', '--password-stdin'],
      { input: `${ADMIN.password}\n` },
    ),
  );

  const served = await spawnServe(dbPath);
  const civic = {
    url: served.url,
    dbPath,
    dir,
    output: served.output,
    sqlRows: (q) => sqlRows(dbPath, q),
    stop: served.stop,
    // Stops the server if it still runs and removes the temporary directory.
    async cleanup() {
      await civic.stop();
      if (!process.env.CIVIC_KEEP_TMP) await rm(dir, { recursive: true, force: true });
    },
  };
  return civic;
}

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// Pages opened with JavaScript off, where page.evaluate (and so axe-core) never returns.
const withoutJavaScript = new WeakSet();

// A fresh context (its own cookies) and page. `problems` collects what a user would not see but
// a developer must: script errors, console errors, and assets that failed to load.
export async function openPage(browser, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1024, height: 768 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  if (!javaScriptEnabled) withoutJavaScript.add(page);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // Chromium also logs a 4xx answer to the page itself, which the tests expect and check.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  return { context, page, problems };
}

// Runs `act` (a click, a form submission) and waits for the page it leads to; resolves with the
// answer to the last request of the navigation, after any redirects.
export async function follow(page, act) {
  const answered = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400),
  );
  await act();
  const response = await answered;
  await page.waitForLoadState('load');
  return response;
}

// axe-core's findings on the page as it stands, against WCAG_TAGS.
export async function axeResults(page) {
  if (withoutJavaScript.has(page)) throw new Error('axe-core runs in the page, so it needs a page with JavaScript on');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG_TAGS);
}

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replaceAll('\n', '\n      ')}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

let shotNumber = 0;
const cleared = new Set();

// Saves a full-page screenshot as screenshots/<prefix>-<nn>-<label>.png. The first one of a
// prefix removes that prefix's screenshots from an earlier run.
export async function screenshot(page, prefix, label) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (!cleared.has(prefix)) {
    cleared.add(prefix);
    for (const f of readdirSync(SCREENSHOT_DIR)) if (f.startsWith(`${prefix}-`)) rmSync(path.join(SCREENSHOT_DIR, f));
  }
  shotNumber += 1;
  const file = path.join(SCREENSHOT_DIR, `${prefix}-${String(shotNumber).padStart(2, '0')}-${label}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
  } catch (e) {
    // Chromium now and then refuses one capture ("Unable to capture screenshot") and takes the
    // same picture when asked again a moment later, more often on a loaded machine; the
    // picture is for people to look at, so it is asked for once more, and only then.
    if (!/Unable to capture screenshot/.test(String(e?.message))) throw e;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await page.screenshot({ path: file, fullPage: true });
  }
  return file;
}

// The checks every page passes: a screenshot for people to look at, no script or asset problems
// so far, and no axe-core violation of WCAG 2.2 AA.
export async function checkPage(page, { prefix, label, problems = [] }) {
  await screenshot(page, prefix, label);
  assert.deepEqual(problems, [], `no script errors or failed assets on ${label}`);
  const results = await axeResults(page);
  assert.equal(results.violations.length, 0, `axe-core found WCAG 2.2 AA violations on ${label} (${page.url()}):\n${describeViolations(results.violations)}`);
}

// Signs in through the form in the page's context and lands on return_to.
export async function signIn(page, baseUrl, { username = ADMIN.username, password = ADMIN.password } = {}) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  return follow(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}
