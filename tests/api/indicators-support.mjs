// SPDX-License-Identifier: AGPL-3.0-or-later
// What the indicators tests share: making indicators, targets and values through the API, taking
// a value through its workflow, reading an assessment and the audit trail, and comparing the
// server's figures with hand-worked ones.
import assert from 'node:assert/strict';
import { lastLine } from './harness.mjs';

const enc = encodeURIComponent;

// A figure worked out in floating point (60.49382716049383) against the one worked by hand,
// to within a part in a billion.
export function near(actual, expected, what = 'figure') {
  assert.equal(typeof actual, 'number', `${what} is a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);
}

// The financial year that holds a date, as Civic writes it ("2025/26"), and the one n years
// before it.
export function financialYear(date = new Date(), back = 0) {
  const y = date.getUTCFullYear();
  const start = (date.getUTCMonth() >= 3 ? y : y - 1) - back;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export function indicatorKit(srv) {
  const kit = {
    // Adds a user with a role (and, with person, the person in the register they are); returns
    // their API token.
    async addUser(username, role, { unit, person } = {}) {
      const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
      if (unit) args.push('--unit', unit);
      if (person) args.push('--person', person);
      const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
      assert.equal(added.code, 0, added.stderr);
      const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
      assert.equal(tok.code, 0, tok.stderr);
      return lastLine(tok.stdout);
    },

    async indicator(body) {
      const res = await srv.admin('POST', '/api/v1/indicators', { body });
      assert.equal(res.status, 201, `${body.code}: ${res.text}`);
      return res.json;
    },

    // Sets a target as the administrator; returns every target written.
    async target(code, body) {
      const res = await srv.admin('POST', `/api/v1/indicators/${enc(code)}/targets`, { body });
      assert.equal(res.status, 200, `${code} ${body.period}: ${res.text}`);
      return res.json.items;
    },

    // Enters a value (a draft, or a correction); returns the answer.
    enter(code, body, token = srv.token) {
      return srv.api('POST', `/api/v1/indicators/${enc(code)}/values`, { token, body });
    },

    // A workflow step (submit, approve, return) on a value at its current version.
    step(value, step, { token = srv.token, body } = {}) {
      return srv.api('POST', `/api/v1/indicator-values/${value.id}/${step}`, { token, headers: { 'if-match': `W/"${value.version}"` }, body });
    },

    // Enters, submits and approves a value as the administrator, with a commentary so that an
    // amber or red one may go up; returns the approved revision.
    async publish(code, period, value, extra = {}) {
      const fields = typeof value === 'object' ? value : { value };
      const entered = await kit.enter(code, { period, commentary: 'Explained in the quarterly report.', ...fields, ...extra });
      assert.equal(entered.status, 201, `${code} ${period}: ${entered.text}`);
      const submitted = await kit.step(entered.json, 'submit');
      assert.equal(submitted.status, 200, `${code} ${period} submit: ${submitted.text}`);
      const approved = await kit.step(submitted.json, 'approve');
      assert.equal(approved.status, 200, `${code} ${period} approve: ${approved.text}`);
      assert.equal(approved.json.status, 'approved');
      return approved.json;
    },

    async assess(code, period, token = srv.token) {
      const res = await srv.api('GET', `/api/v1/indicators/${enc(code)}/assessment?period=${enc(period)}`, { token });
      assert.equal(res.status, 200, `${code} ${period}: ${res.text}`);
      return res.json;
    },

    async values(code, period) {
      const res = await srv.admin('GET', `/api/v1/indicators/${enc(code)}/values${period ? `?period=${enc(period)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      return res.json.items;
    },

    // The audit trail of one record as stored, oldest first: [action, …]. (GET /api/v1/audit
    // gives the same entries; its own test is in indicators-workflow.test.mjs.)
    auditActions(entity, id) {
      return srv.sqlRows(`SELECT entity, action FROM audit_log WHERE entity_id = '${id}' ORDER BY id`).map((a) => {
        assert.equal(a.entity, entity, `the audit entries of ${id} are about an ${entity}`);
        return a.action;
      });
    },

    // The stored row of a value, as the database holds it.
    valueRow(id) {
      return srv.sqlRows(`SELECT period, revision, value, numerator, denominator, status, reason, note, commentary, version FROM indicator_values WHERE id = '${id}'`)[0];
    },
  };
  return kit;
}

// A rating as the tests compare it: the rating's own fields, the deviation checked to within
// floating point separately.
export function assertRating(a, { rag, deviation, deviation_percent, explanation, met }, what) {
  assert.equal(a.rag, rag, `${what}: rag (${a.rating.explanation})`);
  assert.equal(a.rating.rag, rag, `${what}: rating.rag`);
  assert.equal(a.rating.explanation, explanation, `${what}: explanation`);
  assert.equal(a.explanation, explanation, `${what}: the assessment's explanation is the rating's`);
  if (met !== undefined) assert.equal(a.rating.met, met, `${what}: met`);
  for (const [k, v] of [['deviation', deviation], ['deviation_percent', deviation_percent]]) {
    if (v === null) assert.equal(a.rating[k], null, `${what}: ${k}`);
    else near(a.rating[k], v, `${what}: ${k}`);
  }
}
