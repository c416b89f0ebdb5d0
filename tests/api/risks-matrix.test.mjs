// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk matrix and appetite through the API (issue 11): the default 5 × 5; a changed 5 × 5
// (labels and bands) stored and audited; bad bands named; appetites council-wide and for a
// unit, the nearest one applying to a risk with above_appetite and its source; a change to
// 4 × 4 refused while risks exist until the mapping is confirmed, with nothing changed; the
// preview's rule and each risk's scores before and after, worked out by hand; and the
// confirmed change mapping every risk's scores and every appetite, each audited. Only
// administrators change the matrix and the appetites.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, runCli, backend } from './harness.mjs';

const LIKELIHOOD_5 = ['Rare', 'Unlikely', 'Possible', 'Probable', 'Almost certain'];
const LIKELIHOOD_4 = ['Unlikely', 'Possible', 'Likely', 'Very likely'];
const IMPACT_4 = ['Minor', 'Moderate', 'Major', 'Severe'];
const BANDS_5 = [
  { name: 'Low', colour: 'green', from: 1, to: 4 },
  { name: 'Medium', colour: 'amber', from: 5, to: 9 },
  { name: 'High', colour: 'orange', from: 10, to: 14 },
  { name: 'Very high', colour: 'red', from: 15, to: 25 },
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Today as the server counts it (UTC), as YYYY-MM-DD and as "1 December 2026".
const today = () => new Date().toISOString().slice(0, 10);
const longToday = () => `${Number(today().slice(8, 10))} ${MONTHS[Number(today().slice(5, 7)) - 1]} ${today().slice(0, 4)}`;
// A UUIDv7 made now, for a row stored as a route not yet built would store it.
const uuid7 = () => {
  const t = Date.now().toString(16).padStart(12, '0');
  const r = randomUUID().replaceAll('-', '');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(6, 18)}`;
};
const levels = (labels) => labels.map((label) => ({ label, descriptor: `${label}.` }));

describe(`risks: the matrix and appetite (${backend})`, { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const tokens = {};
  const regs = {};
  const risks = {};
  const appetites = {};

  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const auditActions = (id) => auditRows(srv.dbPath, id).map((r) => r.action);
  const matrixRow = () => srv.sqlRows('SELECT version, likelihood_levels, bands FROM risk_matrix');
  const storedScores = () =>
    srv.sqlRows('SELECT reference, inherent_likelihood AS il, inherent_impact AS ii, current_likelihood AS cl, current_impact AS ci, target_likelihood AS tl, target_impact AS ti FROM risks ORDER BY reference');

  before(async () => {
    srv = await startServer();
    tokens.admin = srv.token;
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    tokens.editor = await srv.addUser('editor', 'editor', { unit: 'Corporate Support' });
    regs.corporate = await create(srv, 'risk-registers', { unit_id: u.council.id, kind: 'corporate', name: 'Corporate Risk Register' });
    regs.support = await create(srv, 'risk-registers', { unit_id: u.corporate.id, kind: 'directorate', name: 'Corporate Support Risk Register', parent_id: regs.corporate.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('shows the default 5 × 5 matrix, version 1, to anyone signed in, and not anonymously', async () => {
    const res = await as('editor')('GET', '/api/v1/risk-matrix');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    assert.deepEqual([res.json.size, res.json.max_score, res.json.version], [5, 25, 1]);
    assert.deepEqual(res.json.likelihood.map((l) => l.label), ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
    assert.deepEqual(res.json.bands, [
      { name: 'Low', colour: 'green', from: 1, to: 4 },
      { name: 'Medium', colour: 'amber', from: 5, to: 12 },
      { name: 'High', colour: 'red', from: 15, to: 25 },
    ]);
    assert.deepEqual(res.json.categories, ['strategic', 'financial', 'legal', 'reputational', 'operational', 'health and safety', 'information']);
    assertProblem(await srv.api('GET', '/api/v1/risk-matrix'), 401);
    assert.deepEqual(matrixRow(), []);
  });

  it('refuses bands that overlap or have no colour, naming the field, and a change by a non-administrator (403), with nothing stored', async () => {
    const overlap = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { bands: [{ name: 'Low', colour: 'green', from: 1, to: 5 }, { name: 'High', colour: 'red', from: 5, to: 25 }] } });
    const p = assertProblem(overlap, 422, { fields: ['bands[1].from'] });
    assert.deepEqual(p.errors, [{ field: 'bands[1].from', message: 'A score of 5 falls in two bands, Low and High; bands must not overlap' }]);
    const colour = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { bands: [{ name: 'All', colour: 'purple', from: 1, to: 25 }] } });
    assertProblem(colour, 422, { fields: ['bands[0].colour'] });
    const extra = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { bands: [{ name: 'All', colour: 'red', from: 1, to: 25, shade: 'dark' }] } });
    assertProblem(extra, 422, { fields: ['bands[0].shade'] });
    const editor = await as('editor')('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { bands: BANDS_5 } });
    assertProblem(editor, 403);
    assert.deepEqual(matrixRow(), []);
  });

  it('stores a changed 5 × 5 (labels and bands) as version 2, audited, and answers a stale version 409', async () => {
    const res = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { likelihood: levels(LIKELIHOOD_5), bands: BANDS_5, extra_categories: ['Climate'] } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('etag'), 'W/"2"');
    assert.deepEqual(res.json.likelihood.map((l) => l.label), LIKELIHOOD_5);
    assert.deepEqual(res.json.bands, BANDS_5);
    assert.deepEqual(res.json.extra_categories, ['climate']);
    const [row] = matrixRow();
    assert.equal(Number(row.version), 2);
    assert.deepEqual(JSON.parse(row.bands), BANDS_5);
    const id = srv.sql('SELECT id FROM risk_matrix');
    assert.deepEqual(auditActions(id), ['create', 'update']);
    const stale = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"1"' }, body: { bands: BANDS_5 } });
    assertProblem(stale, 409);
  });

  it('keeps appetites per category, council-wide and for a unit, for administrators only', async () => {
    appetites.council = await create(srv, 'risk-appetites', { category: 'financial', max_score: 9, note: 'Balanced budget' });
    appetites.support = await create(srv, 'risk-appetites', { category: 'financial', unit_id: u.corporate.id, max_score: 12 });
    assert.deepEqual([appetites.council.unit_id, appetites.support.unit_id], [null, u.corporate.id]);
    assertProblem(await srv.admin('POST', '/api/v1/risk-appetites', { body: { category: 'financial', max_score: 6 } }), 409);
    assertProblem(await srv.admin('POST', '/api/v1/risk-appetites', { body: { category: 'weather', max_score: 6 } }), 422, { fields: ['category'] });
    assertProblem(await srv.admin('POST', '/api/v1/risk-appetites', { body: { category: 'legal', max_score: 26 } }), 422, { fields: ['max_score'] });
    assertProblem(await as('editor')('POST', '/api/v1/risk-appetites', { body: { category: 'legal', max_score: 6 } }), 403);
    assertProblem(await as('editor')('PATCH', `/api/v1/risk-appetites/${appetites.council.id}`, { headers: { 'if-match': 'W/"1"' }, body: { max_score: 20 } }), 404);
    const listed = await as('editor')('GET', '/api/v1/risk-appetites');
    assert.deepEqual(listed.json.items.map((a) => [a.category, a.max_score]), [['financial', 9], ['financial', 12]]);
    const climate = await create(srv, 'risk-appetites', { category: 'Climate', max_score: 4 });
    assert.equal(climate.category, 'climate');
    assert.deepEqual(auditActions(appetites.council.id), ['create']);
  });

  it('shows each risk the nearest appetite, whether it is above it, and where the appetite comes from', async () => {
    risks.a = await create(srv, 'risks', { register_id: regs.corporate.id, reference: 'A', title: 'Funding falls', category: 'financial', inherent_likelihood: 5, inherent_impact: 5, current_likelihood: 4, current_impact: 3, target_likelihood: 2, target_impact: 2 });
    risks.b = await create(srv, 'risks', { register_id: regs.support.id, reference: 'B', title: 'Income falls', category: 'financial', inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 3, current_impact: 4 });
    const a = (await srv.admin('GET', `/api/v1/risks/${risks.a.id}`)).json;
    assert.deepEqual([a.current.score, a.appetite, a.above_appetite, a.appetite_source], [12, 9, true, 'Financial risks, council-wide']);
    const b = (await srv.admin('GET', `/api/v1/risks/${risks.b.id}`)).json;
    assert.deepEqual([b.current.score, b.appetite, b.above_appetite, b.appetite_source], [12, 12, false, 'Financial risks for Corporate Support']);
    const above = await srv.admin('GET', '/api/v1/risks?above_appetite=true');
    assert.deepEqual(above.json.items.map((r) => r.reference), ['A']);
    const register = (await srv.admin('GET', `/api/v1/risk-registers/${regs.corporate.id}`)).json;
    assert.equal(register.above_appetite, 1);
  });

  it('lapses an active acceptance when a correction raises the current score above the score accepted', async () => {
    // Acceptances are made through their own route, which comes later: here one is stored as
    // that route would store it, with its audit entry.
    const id = uuid7();
    const row = { id, risk_id: risks.a.id, accepted_by_person_id: null, accepted_by: 'Cabinet', accepted_on: '2026-11-01', reason: 'Reserves cover it', until: '2099-12-31', accepted_score: 12, appetite: 9, lapsed_on: null, lapse_reason: '', archived_at: null, version: 1, created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z' };
    srv.sql(`INSERT INTO risk_acceptances (id, risk_id, accepted_by, accepted_on, reason, until, accepted_score, appetite, version, created_at, updated_at) VALUES ('${id}', '${risks.a.id}', 'Cabinet', '2026-11-01', 'Reserves cover it', '2099-12-31', 12, 9, 1, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z')`);
    srv.sql(`INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, after_json, request_id) VALUES ('${uuid7()}', '2026-11-01T10:00:00Z', 'admin', 'risk_acceptance', '${id}', 'create', NULL, '${JSON.stringify(row)}', 'test')`);
    appetites.acceptance = id;
    const accepted = (await srv.admin('GET', `/api/v1/risks/${risks.a.id}`)).json;
    assert.deepEqual([accepted.above_appetite, accepted.accepted, accepted.acceptance.state], [true, true, 'active']);
    const rose = await srv.admin('PATCH', `/api/v1/risks/${risks.a.id}`, { headers: { 'if-match': 'W/"1"' }, body: { current_impact: 4, current_score: 16 } });
    assert.equal(rose.status, 200, rose.text);
    const lapsed = srv.sqlRows(`SELECT lapsed_on, lapse_reason, version FROM risk_acceptances WHERE id = '${id}'`);
    assert.deepEqual(lapsed, [{ lapsed_on: today(), lapse_reason: `The current score rose from 12 to 16 on ${longToday()}`, version: 2 }]);
    assert.deepEqual(auditActions(id), ['create', 'lapse']);
    const shown = (await srv.admin('GET', `/api/v1/risks/${risks.a.id}`)).json;
    assert.deepEqual([shown.accepted, shown.acceptance.state, shown.acceptance.state_reason], [false, 'lapsed', lapsed[0].lapse_reason]);
    assert.deepEqual(shown.history.map((h) => h.what), ['accepted', 'created', 'lapsed']);
    // Back to 12 for what follows; a fall lapses nothing more.
    const fell = await srv.admin('PATCH', `/api/v1/risks/${risks.a.id}`, { headers: { 'if-match': 'W/"2"' }, body: { current_impact: 3 } });
    assert.equal(fell.status, 200, fell.text);
    assert.deepEqual(auditActions(risks.a.id), ['create', 'correct', 'correct']);
  });

  it('refuses a change to 4 × 4 while risks exist without confirm_mapping, naming it, with nothing changed', async () => {
    const before = { matrix: matrixRow(), risks: storedScores(), audit: srv.sql('SELECT count(*) FROM audit_log') };
    const res = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"2"' }, body: { likelihood: levels(LIKELIHOOD_4), impact: levels(IMPACT_4) } });
    const p = assertProblem(res, 422, { fields: ['confirm_mapping'] });
    assert.equal(p.errors.length, 1);
    assert.match(p.errors[0].message, /from 5 × 5 to 4 × 4, and the scores of 2 risks and 3 appetites would be mapped/);
    assert.match(p.errors[0].message, /POST \/api\/v1\/risk-matrix\/preview/);
    assert.deepEqual({ matrix: matrixRow(), risks: storedScores(), audit: srv.sql('SELECT count(*) FROM audit_log') }, before);
  });

  it('previews the change: the rule per level and each risk\'s scores before and after, worked out by hand', async () => {
    const before = srv.sql('SELECT count(*) FROM audit_log');
    const res = await srv.admin('POST', '/api/v1/risk-matrix/preview', { body: { likelihood: levels(LIKELIHOOD_4), impact: levels(IMPACT_4) } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.rule, [
      'Likelihood 1 (Rare) becomes 1 (Unlikely)',
      'Likelihood 2 (Unlikely) becomes 2 (Possible)',
      'Likelihood 3 (Possible) becomes 3 (Likely)',
      'Likelihood 4 (Probable) becomes 3 (Likely)',
      'Likelihood 5 (Almost certain) becomes 4 (Very likely)',
      'Impact 1 (Negligible) becomes 1 (Minor)',
      'Impact 2 (Minor) becomes 2 (Moderate)',
      'Impact 3 (Moderate) becomes 3 (Major)',
      'Impact 4 (Major) becomes 3 (Major)',
      'Impact 5 (Critical) becomes 4 (Severe)',
    ]);
    const moved = Object.fromEntries(res.json.risks.map((r) => [r.reference, [r.inherent_before.score, r.inherent_after.score, r.current_before.score, r.current_after.score, r.target_before?.score ?? null, r.target_after?.score ?? null]]));
    // A: inherent 5 × 5 → 4 × 4, current 4 × 3 → 3 × 3, target 2 × 2 stays; B: 4 × 4 → 3 × 3, 3 × 4 → 3 × 3.
    assert.deepEqual(moved, { A: [25, 16, 12, 9, 4, 4], B: [16, 9, 12, 9, null, null] });
    // 9 on 5 × 5: the highest pair within it, 3 × 3, stays 9; 12 (4 × 3, 3 × 4) becomes 9.
    assert.deepEqual(res.json.appetites.map((a) => [a.category, a.unit_name, a.before, a.after]), [
      ['climate', '', 4, 4],
      ['financial', '', 9, 9],
      ['financial', 'Corporate Support', 12, 9],
    ]);
    assert.equal(res.json.needs_confirmation, true);
    assert.equal(res.json.proposed.size, 4);
    assert.equal(srv.sql('SELECT count(*) FROM audit_log'), before);
    assertProblem(await as('editor')('POST', '/api/v1/risk-matrix/preview', { body: { likelihood: levels(LIKELIHOOD_4) } }), 403);
  });

  it('with confirmation maps every risk\'s scores and every appetite onto the 4 × 4, each audited', async () => {
    const res = await srv.admin('PUT', '/api/v1/risk-matrix', { headers: { 'if-match': 'W/"2"' }, body: { likelihood: levels(LIKELIHOOD_4), impact: levels(IMPACT_4), confirm_mapping: true } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.json.size, res.json.version], [4, 3]);
    assert.deepEqual(storedScores().map((r) => Object.values(r).map((v) => (v === null ? null : String(v)))), [
      ['A', '4', '4', '3', '3', '2', '2'],
      ['B', '3', '3', '3', '3', null, null],
    ]);
    const audit = auditRows(srv.dbPath, risks.a.id);
    assert.deepEqual(audit.map((r) => r.action), ['create', 'correct', 'correct', 'remap']);
    assert.deepEqual([audit[3].before.current_likelihood, audit[3].after.current_likelihood], [4, 3]);
    // The lapsed acceptance's score is mapped as a limit: 12 becomes 9.
    assert.deepEqual(srv.sqlRows(`SELECT accepted_score, appetite FROM risk_acceptances WHERE id = '${appetites.acceptance}'`).map((r) => [Number(r.accepted_score), Number(r.appetite)]), [[9, 9]]);
    assert.deepEqual(auditActions(appetites.acceptance), ['create', 'lapse', 'remap']);
    assert.deepEqual(auditActions(appetites.support.id), ['create', 'remap']);
    assert.equal(Number(srv.sql(`SELECT max_score FROM risk_appetites WHERE id = '${appetites.support.id}'`)), 9);
    const a = (await srv.admin('GET', `/api/v1/risks/${risks.a.id}`)).json;
    assert.deepEqual([a.current.score, a.current.likelihood_label, a.appetite, a.above_appetite], [9, 'Likely', 9, false]);
    const tooLikely = await srv.admin('POST', '/api/v1/risks', { body: { register_id: regs.corporate.id, reference: 'C', title: 'x', category: 'legal', inherent_likelihood: 5, inherent_impact: 1, current_likelihood: 1, current_impact: 1 } });
    const p = assertProblem(tooLikely, 422, { fields: ['inherent_likelihood'] });
    assert.equal(p.errors[0].message, 'Likelihood must be a whole number from 1 to 4');
  });

  it('leaves a database that civic check finds sound, the matrix\'s audit trail compared with its table', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout, /were not compared with a table/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
