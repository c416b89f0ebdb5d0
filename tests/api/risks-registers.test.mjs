// SPDX-License-Identifier: AGPL-3.0-or-later
// Risk registers and risks through the API (issue 11): registers made, read with their counts,
// listed, changed with versions (a stale one 409) and archived (refused while they hold open
// risks); risks made in the council's order, read with their bands and owner, listed with
// filters, by score and a page at a time, corrected, archived, merged and moved; who sees what
// (anonymous 401, a viewer of another unit 404, an editor of the unit 201); bad input named
// exactly with nothing stored; and the audit trail of each write.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, runCli, backend, ID_RE } from './harness.mjs';

const TABLES = ['risk_registers', 'risks', 'audit_log'];

describe(`risks: registers and risks (${backend})`, { timeout: 120000 }, () => {
  let srv;
  const u = {};
  const tokens = {};
  const regs = {};
  const risks = {};

  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const rowCounts = () => Object.fromEntries(Object.entries(srv.sqlRows(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`)[0]).map(([k, v]) => [k, Number(v)]));
  const auditActions = (id) => auditRows(srv.dbPath, id).map((r) => r.action);
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });

  async function newRisk(body, who = 'admin') {
    const res = await as(who)('POST', '/api/v1/risks', { body });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  const risk = (register, reference, title, current, extra = {}) => ({
    register_id: register.id,
    reference,
    title,
    category: 'financial',
    inherent_likelihood: 5,
    inherent_impact: 5,
    current_likelihood: current[0],
    current_impact: current[1],
    ...extra,
  });
  async function refs(query, who = 'admin') {
    const res = await as(who)('GET', `/api/v1/risks${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.items.map((r) => r.reference);
  }

  before(async () => {
    srv = await startServer();
    tokens.admin = srv.token;
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.corporate = await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: u.council.id });
    u.place = await create(srv, 'units', { name: 'Place', kind: 'directorate', parent_id: u.council.id });
    u.finance = await create(srv, 'units', { name: 'Finance', kind: 'service', parent_id: u.corporate.id });
    await create(srv, 'people', { name: 'Adam Broome', kind: 'officer', unit_id: u.corporate.id });
    await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer' });
    await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer' });
    tokens.editor = await srv.addUser('corporate-editor', 'editor', { unit: 'Corporate Support' });
    tokens.placeViewer = await srv.addUser('place-viewer', 'viewer', { unit: 'Place' });
    tokens.supportViewer = await srv.addUser('support-viewer', 'viewer', { unit: 'Corporate Support' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('makes registers: a corporate one at the top and a directorate one under it, each audited', async () => {
    const made = await srv.admin('POST', '/api/v1/risk-registers', { body: { unit_id: u.council.id, kind: 'corporate', name: 'Corporate Risk Register' } });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.headers.get('location'), `/api/v1/risk-registers/${made.json.id}`);
    assert.equal(made.headers.get('etag'), 'W/"1"');
    regs.corporate = made.json;
    assert.match(regs.corporate.id, ID_RE);
    assert.deepEqual(
      { kind: regs.corporate.kind, name: regs.corporate.name, unit_id: regs.corporate.unit_id, parent_id: regs.corporate.parent_id, version: regs.corporate.version },
      { kind: 'corporate', name: 'Corporate Risk Register', unit_id: u.council.id, parent_id: null, version: 1 },
    );
    regs.support = await create(srv, 'risk-registers', { unit_id: u.corporate.id, kind: 'directorate', name: 'Corporate Support Risk Register', parent_id: regs.corporate.id });
    assert.deepEqual(auditActions(regs.support.id), ['create']);
    const stored = srv.sqlRows(`SELECT unit_id, kind, name, parent_id FROM risk_registers WHERE id = '${regs.support.id}'`);
    assert.deepEqual(stored, [{ unit_id: u.corporate.id, kind: 'directorate', name: 'Corporate Support Risk Register', parent_id: regs.corporate.id }]);
  });

  it('refuses a register whose parent is below its unit, a corporate register with a parent, and an unknown kind, naming each field', async () => {
    const before = rowCounts();
    const below = await srv.admin('POST', '/api/v1/risk-registers', { body: { unit_id: u.council.id, kind: 'directorate', name: 'Wrong way up', parent_id: regs.support.id } });
    assertProblem(below, 422, { fields: ['parent_id'] });
    const corporate = await srv.admin('POST', '/api/v1/risk-registers', { body: { unit_id: u.council.id, kind: 'corporate', name: 'Second', parent_id: regs.corporate.id } });
    assertProblem(corporate, 422, { fields: ['parent_id'] });
    const kind = await srv.admin('POST', '/api/v1/risk-registers', { body: { unit_id: u.council.id, kind: 'divisional', name: 'Odd' } });
    assertProblem(kind, 422, { fields: ['kind'] });
    assert.deepEqual(rowCounts(), before);
  });

  it('answers anonymous 401, a viewer of another unit 404, a viewer of the unit 200 but 404 to a change, and lets an editor of the unit make a risk (201)', async () => {
    const anonymous = await srv.api('GET', `/api/v1/risk-registers/${regs.support.id}`);
    assertProblem(anonymous, 401);
    const viewer = await as('placeViewer')('GET', `/api/v1/risk-registers/${regs.support.id}`);
    assertProblem(viewer, 404);
    const reader = await as('supportViewer')('GET', `/api/v1/risk-registers/${regs.support.id}`);
    assert.deepEqual([reader.status, reader.json.can_edit], [200, false]);
    const readerChange = await as('supportViewer')('PATCH', `/api/v1/risk-registers/${regs.support.id}`, { headers: ifMatch(regs.support), body: { name: 'Renamed' } });
    assertProblem(readerChange, 404);
    // Place works within the council: its viewer reads the corporate register, not its sibling's.
    const listed = await as('placeViewer')('GET', '/api/v1/risk-registers');
    assert.deepEqual(listed.json.items.map((r) => [r.id, r.can_edit]), [[regs.corporate.id, false]]);
    const viewerRisks = await as('placeViewer')('GET', `/api/v1/risk-registers/${regs.support.id}/risks`);
    assertProblem(viewerRisks, 404);
    risks.budget = await newRisk(
      risk(regs.support, 'CS1', 'The medium-term budget gap is not closed', [3, 4], { owner: '  adam broome ', target_likelihood: 2, target_impact: 3, controls: [{ description: 'Monthly budget monitoring', effectiveness: 'partly effective' }] }),
      'editor',
    );
    assert.equal(risks.budget.position, 1);
    assert.equal(risks.budget.owner_text, '');
    assert.match(risks.budget.owner_person_id, ID_RE);
    // The corporate register is the council's: the Corporate Support editor cannot write there.
    const outside = await as('editor')('POST', '/api/v1/risks', { body: risk(regs.corporate, 'CR1', 'Outside', [1, 1]) });
    assertProblem(outside, 422, { fields: ['register_id'] });
  });

  it('shows a risk with its bands, labels, owner and register, and whether the caller may change it', async () => {
    const res = await as('editor')('GET', `/api/v1/risks/${risks.budget.id}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('etag'), 'W/"1"');
    const v = res.json;
    assert.deepEqual(v.current, { likelihood: 3, impact: 4, score: 12, band: 'Medium', colour: 'amber', likelihood_label: 'Possible', impact_label: 'Major' });
    assert.deepEqual(v.inherent, { likelihood: 5, impact: 5, score: 25, band: 'High', colour: 'red', likelihood_label: 'Almost certain', impact_label: 'Critical' });
    assert.equal(v.target.score, 6);
    assert.equal(v.owner_name, 'Adam Broome');
    assert.equal(v.register_name, 'Corporate Support Risk Register');
    assert.deepEqual(v.controls, [{ description: 'Monthly budget monitoring', effectiveness: 'partly effective' }]);
    assert.equal(v.can_edit, true);
    assert.equal(v.review_overdue, false);
    assert.equal(v.appetite, null);
    assert.equal(v.above_appetite, false);
    assert.deepEqual(v.history.map((h) => [h.what, h.current?.score]), [['created', 12]]);
    // Its first review is the assessment it was made with.
    assert.deepEqual(v.reviews.map((r) => [r.reviewed_on, r.current_likelihood, r.current_impact, r.commentary]), [[v.identified_on, 3, 4, 'Assessed when the risk was identified.']]);
  });

  it('keeps an owner as written when two people have the name, and lists it for tidying', async () => {
    risks.ict = await newRisk(risk(regs.support, 'CS2', 'A cyber attack stops services', [4, 5], { owner: 'Sam Okafor', category: 'information' }));
    assert.equal(risks.ict.owner_person_id, null);
    assert.equal(risks.ict.owner_text, 'Sam Okafor');
    assert.deepEqual(await refs('?unowned=true'), ['CS2']);
  });

  it('puts a risk made at an explicit position there and moves the others down, each audited', async () => {
    risks.staff = await newRisk(risk(regs.support, 'CS3', 'Key staff leave', [2, 3], { position: 1, category: 'operational' }));
    assert.equal(risks.staff.position, 1);
    const stored = srv.sqlRows(`SELECT reference, position, version FROM risks WHERE register_id = '${regs.support.id}' ORDER BY position`);
    assert.deepEqual(stored, [
      { reference: 'CS3', position: 1, version: 1 },
      { reference: 'CS1', position: 2, version: 2 },
      { reference: 'CS2', position: 3, version: 2 },
    ]);
    assert.deepEqual(auditActions(risks.budget.id), ['create', 'move']);
  });

  it('lists risks in the council\'s order, by score, filtered, and a page at a time', async () => {
    assert.deepEqual(await refs(`?register_id=${regs.support.id}`), ['CS3', 'CS1', 'CS2']);
    assert.deepEqual(await refs('?order=score'), ['CS2', 'CS1', 'CS3']);
    assert.deepEqual(await refs('?category=operational'), ['CS3']);
    assert.deepEqual(await refs('?band=High'), ['CS2']);
    assert.deepEqual(await refs('?likelihood=3&impact=4'), ['CS1']);
    assert.deepEqual(await refs('?likelihood=5&impact=5&view=inherent'), ['CS3', 'CS1', 'CS2']);
    const first = await srv.admin('GET', '/api/v1/risks?order=score&limit=2');
    assert.deepEqual(first.json.items.map((r) => r.reference), ['CS2', 'CS1']);
    assert.equal(first.json.next_cursor, risks.budget.id);
    const second = await srv.admin('GET', `/api/v1/risks?order=score&limit=2&cursor=${first.json.next_cursor}`);
    assert.deepEqual(second.json.items.map((r) => r.reference), ['CS3']);
    assert.equal(second.json.next_cursor, null);
    const nested = await srv.admin('GET', `/api/v1/risk-registers/${regs.support.id}/risks?order=score`);
    assert.deepEqual(nested.json.items.map((r) => r.reference), ['CS2', 'CS1', 'CS3']);
    const register = await srv.admin('GET', `/api/v1/risk-registers/${regs.support.id}`);
    assert.deepEqual(
      { open: register.json.open_risks, unit: register.json.unit_name, parent: register.json.parent_name },
      { open: 3, unit: 'Corporate Support', parent: 'Corporate Risk Register' },
    );
    const corporate = await srv.admin('GET', `/api/v1/risk-registers/${regs.corporate.id}`);
    assert.deepEqual(corporate.json.children, [{ id: regs.support.id, name: 'Corporate Support Risk Register', kind: 'directorate' }]);
  });

  it('refuses a likelihood of 6 on the 5 × 5 matrix naming current_likelihood, with nothing stored', async () => {
    const before = rowCounts();
    const res = await srv.admin('POST', '/api/v1/risks', { body: risk(regs.support, 'CS9', 'Too likely', [6, 2]) });
    const p = assertProblem(res, 422, { fields: ['current_likelihood'] });
    assert.deepEqual(p.errors, [{ field: 'current_likelihood', message: 'Likelihood must be a whole number from 1 to 5' }]);
    assert.deepEqual(rowCounts(), before);
  });

  it('refuses a score that is not likelihood × impact naming the score field, with nothing stored', async () => {
    const before = rowCounts();
    const res = await srv.admin('POST', '/api/v1/risks', { body: risk(regs.support, 'CS9', 'Miscounted', [3, 3], { current_score: 12 }) });
    const p = assertProblem(res, 422, { fields: ['current_score'] });
    assert.deepEqual(p.errors, [{ field: 'current_score', message: 'current_score is 12, but likelihood 3 × impact 3 is 9' }]);
    assert.deepEqual(rowCounts(), before);
  });

  it('refuses a target above the inherent score, a duplicate reference, an unknown field and malformed JSON', async () => {
    const before = rowCounts();
    const target = await srv.admin('POST', '/api/v1/risks', { body: risk(regs.support, 'CS9', 'Aiming high', [2, 2], { inherent_likelihood: 2, inherent_impact: 2, target_likelihood: 3, target_impact: 3 }) });
    assertProblem(target, 422, { fields: ['target_likelihood'] });
    const duplicate = await srv.admin('POST', '/api/v1/risks', { body: risk(regs.support, 'cs1', 'Again', [1, 1]) });
    assertProblem(duplicate, 422, { fields: ['reference'] });
    const unknown = await srv.admin('POST', '/api/v1/risks', { body: { ...risk(regs.support, 'CS9', 'Odd', [1, 1]), colour: 'red' } });
    assertProblem(unknown, 422, { fields: ['colour'] });
    const malformed = await srv.admin('POST', '/api/v1/risks', { rawBody: '{"title": ' });
    assertProblem(malformed, 400);
    assert.deepEqual(rowCounts(), before);
  });

  it('corrects a risk with its version (audited as a correction), and answers a stale version 409', async () => {
    const res = await srv.admin('PATCH', `/api/v1/risks/${risks.budget.id}`, { headers: ifMatch({ version: 2 }), body: { current_likelihood: 4, title: 'The budget gap is not closed' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.json.version, res.json.current_likelihood, res.json.title], [3, 4, 'The budget gap is not closed']);
    const audit = auditRows(srv.dbPath, risks.budget.id);
    assert.deepEqual(audit.map((r) => r.action), ['create', 'move', 'correct']);
    assert.deepEqual([audit[2].before.current_likelihood, audit[2].after.current_likelihood], [3, 4]);
    const stale = await srv.admin('PATCH', `/api/v1/risks/${risks.budget.id}`, { headers: ifMatch({ version: 2 }), body: { title: 'Stale' } });
    assertProblem(stale, 409);
    assert.equal(srv.sql(`SELECT title FROM risks WHERE id = '${risks.budget.id}'`), 'The budget gap is not closed');
    const moving = await srv.admin('PATCH', `/api/v1/risks/${risks.budget.id}`, { headers: ifMatch({ version: 3 }), body: { register_id: regs.corporate.id } });
    assertProblem(moving, 422, { fields: ['register_id'] });
  });

  it('moves a risk within its register\'s order', async () => {
    const res = await srv.admin('POST', `/api/v1/risks/${risks.ict.id}/position`, { headers: ifMatch({ version: 2 }), body: { position: 1 } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await refs(`?register_id=${regs.support.id}`), ['CS2', 'CS3', 'CS1']);
    const bad = await srv.admin('POST', `/api/v1/risks/${risks.ict.id}/position`, { headers: ifMatch(res.json), body: { position: 4 } });
    assertProblem(bad, 422, { fields: ['position'] });
  });

  it('links a risk to another, shown from both ends with its reference and title, and hidden from a viewer of another unit', async () => {
    const link = await create(srv, 'links', { from_type: 'risk', from_id: risks.budget.id, to_type: 'risk', to_id: risks.ict.id, kind: 'relates_to' });
    const ict = (await srv.admin('GET', `/api/v1/risks/${risks.ict.id}`)).json;
    assert.deepEqual(ict.links.map((l) => [l.link.id, l.outgoing, l.other.type, l.other.label, l.other.href]), [
      [link.id, false, 'risk', 'CS1 The budget gap is not closed', `/risks/${risks.budget.id}`],
    ]);
    const budget = (await srv.admin('GET', `/api/v1/risks/${risks.budget.id}`)).json;
    assert.deepEqual(budget.links.map((l) => [l.outgoing, l.other.label]), [[true, 'CS2 A cyber attack stops services']]);
    const hidden = await as('placeViewer')('GET', `/api/v1/links?entity_type=risk&entity_id=${risks.ict.id}`);
    assert.deepEqual(hidden.json.items, []);
  });

  it('merges a risk into another, refusing itself and a merged risk', async () => {
    const current = (await srv.admin('GET', `/api/v1/risks/${risks.staff.id}`)).json;
    const itself = await srv.admin('POST', `/api/v1/risks/${risks.staff.id}/merge`, { headers: ifMatch(current), body: { into_id: risks.staff.id } });
    assertProblem(itself, 422, { fields: ['into_id'] });
    const merged = await srv.admin('POST', `/api/v1/risks/${risks.staff.id}/merge`, { headers: ifMatch(current), body: { into_id: risks.budget.id, reason: 'The same risk' } });
    assert.equal(merged.status, 200, merged.text);
    assert.deepEqual([merged.json.status, merged.json.merged_into_id, merged.json.closed_on !== null, merged.json.closed_reason], ['merged', risks.budget.id, true, 'The same risk']);
    assert.equal(srv.sql(`SELECT closed_reason FROM risks WHERE id = '${risks.staff.id}'`), 'The same risk');
    assert.deepEqual(auditActions(risks.staff.id).at(-1), 'merge');
    const detail = (await srv.admin('GET', `/api/v1/risks/${risks.staff.id}`)).json;
    assert.deepEqual(detail.history.filter((h) => h.what === 'merged').map((h) => h.note), ['The same risk']);
    const budget = (await srv.admin('GET', `/api/v1/risks/${risks.budget.id}`)).json;
    const into = await srv.admin('POST', `/api/v1/risks/${risks.budget.id}/merge`, { headers: ifMatch(budget), body: { into_id: risks.staff.id } });
    assertProblem(into, 422, { fields: ['into_id'] });
    assert.deepEqual(await refs('?status=merged'), ['CS3']);
  });

  it('closes a risk with why, refuses a reason for an open risk, and clears it when the risk is opened again', async () => {
    const made = await srv.admin('POST', '/api/v1/risks', { body: risk(regs.support, 'CS8', 'A supplier fails', [2, 3]) });
    assert.equal(made.status, 201, made.text);
    const open = await srv.admin('PATCH', `/api/v1/risks/${made.json.id}`, { headers: ifMatch(made.json), body: { closed_reason: 'Too early' } });
    assertProblem(open, 422, { fields: ['closed_reason'] });
    const closed = await srv.admin('PATCH', `/api/v1/risks/${made.json.id}`, { headers: ifMatch(made.json), body: { status: 'closed', closed_reason: ' The contract ended in March ' } });
    assert.equal(closed.status, 200, closed.text);
    assert.deepEqual([closed.json.status, closed.json.closed_reason], ['closed', 'The contract ended in March']);
    const reopened = await srv.admin('PATCH', `/api/v1/risks/${made.json.id}`, { headers: ifMatch(closed.json), body: { status: 'open' } });
    assert.equal(reopened.status, 200, reopened.text);
    assert.deepEqual([reopened.json.status, reopened.json.closed_on, reopened.json.closed_reason], ['open', null, '']);
    const gone = await srv.admin('POST', `/api/v1/risks/${made.json.id}/archive`, { headers: ifMatch(reopened.json) });
    assert.equal(gone.status, 200, gone.text);
  });

  it('lets a risk\'s owner read and review it from outside its register\'s unit, and nothing else there', async () => {
    tokens.owner = await srv.addUser('adam-broome', 'viewer', { unit: 'Place', person: 'Adam Broome' });
    const seen = await as('owner')('GET', `/api/v1/risks/${risks.budget.id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.json.can_edit, true);
    assertProblem(await as('owner')('GET', `/api/v1/risks/${risks.ict.id}`), 404);
    assertProblem(await as('owner')('GET', `/api/v1/risk-registers/${regs.support.id}`), 404);
    assert.deepEqual(await refs(`?register_id=${regs.support.id}`, 'owner'), ['CS1']);
    const review = await as('owner')('POST', `/api/v1/risks/${risks.budget.id}/reviews`, { body: { current_likelihood: 2, current_impact: 4, commentary: 'Savings found.' } });
    assert.equal(review.status, 201, review.text);
    assert.equal((await as('owner')('GET', `/api/v1/risk-reviews/${review.json.id}`)).status, 200);
    assert.deepEqual(auditRows(srv.dbPath, review.json.id).map((r) => [r.actor, r.action]), [['adam-broome', 'create']]);
    // Archiving is for the register's unit, not the owner.
    const now = (await as('owner')('GET', `/api/v1/risks/${risks.budget.id}`)).json;
    assertProblem(await as('owner')('POST', `/api/v1/risks/${risks.budget.id}/archive`, { headers: ifMatch(now) }), 404, { detail: /that you can archive/ });
    assert.equal(srv.sql(`SELECT count(*) FROM risks WHERE id = '${risks.budget.id}' AND archived_at IS NULL`), '1');
  });

  it('refuses to archive a register holding open risks, then archives it once they are gone', async () => {
    const reg = (await srv.admin('GET', `/api/v1/risk-registers/${regs.support.id}`)).json;
    const refused = await srv.admin('POST', `/api/v1/risk-registers/${regs.support.id}/archive`, { headers: ifMatch(reg) });
    assertProblem(refused, 409, { detail: /holds 2 open risks/ });
    for (const r of [risks.budget, risks.ict]) {
      const now = (await srv.admin('GET', `/api/v1/risks/${r.id}`)).json;
      const archived = await srv.admin('POST', `/api/v1/risks/${r.id}/archive`, { headers: ifMatch(now) });
      assert.equal(archived.status, 200, archived.text);
    }
    const done = await srv.admin('POST', `/api/v1/risk-registers/${regs.support.id}/archive`, { headers: ifMatch(reg) });
    assert.equal(done.status, 200, done.text);
    assert.notEqual(done.json.archived_at, null);
    assert.deepEqual(auditActions(regs.support.id), ['create', 'archive']);
    const renamed = await srv.admin('PATCH', `/api/v1/risk-registers/${regs.corporate.id}`, { headers: ifMatch(regs.corporate), body: { name: 'Strategic Risk Register' } });
    assert.equal(renamed.status, 200, renamed.text);
    const stale = await srv.admin('PATCH', `/api/v1/risk-registers/${regs.corporate.id}`, { headers: ifMatch(regs.corporate), body: { name: 'Stale' } });
    assertProblem(stale, 409);
  });

  it('keeps an issues log: a resolved issue needs its resolution, and the risk must be live and readable', async () => {
    const archivedRisk = await srv.admin('POST', '/api/v1/risk-issues', { body: { register_id: regs.corporate.id, reference: 'I1', title: 'x', priority: 'high', risk_id: risks.budget.id } });
    assertProblem(archivedRisk, 422, { fields: ['risk_id'] });
    risks.pay = await newRisk(risk(regs.corporate, 'CR1', 'The pay award is above budget', [3, 3]));
    const issue = await create(srv, 'risk-issues', { register_id: regs.corporate.id, reference: 'I1', title: 'The pay award is above budget', priority: 'high', risk_id: risks.pay.id, raised_on: '2026-10-01' });
    assert.equal(issue.status, 'open');
    const unresolved = await srv.admin('PATCH', `/api/v1/risk-issues/${issue.id}`, { headers: ifMatch(issue), body: { status: 'resolved' } });
    assertProblem(unresolved, 422, { fields: ['resolution', 'resolved_on'] });
    const resolved = await srv.admin('PATCH', `/api/v1/risk-issues/${issue.id}`, { headers: ifMatch(issue), body: { status: 'resolved', resolution: 'Reserves cover it this year.', resolved_on: '2026-11-02' } });
    assert.equal(resolved.status, 200, resolved.text);
    const listed = await srv.admin('GET', '/api/v1/risk-issues?status=resolved');
    assert.deepEqual(listed.json.items.map((i) => i.reference), ['I1']);
    const priority = await srv.admin('POST', '/api/v1/risk-issues', { body: { register_id: regs.corporate.id, reference: 'I2', title: 'x', priority: 'urgent' } });
    assertProblem(priority, 422, { fields: ['priority'] });
  });

  it('leaves a database that civic check finds sound', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout, /were not compared with a table/);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
