// SPDX-License-Identifier: AGPL-3.0-or-later
// The council's case types through the API (issue 12): a new council has Civic's defaults,
// each audited; administrators make, change (with versions) and archive types, and anyone
// signed in reads them; bad stages, a code in use and an unknown field are refused naming
// the field with nothing stored; anyone else's change is 403, an anonymous read 401.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, runCli, backend, ID_RE } from './harness.mjs';

const DEFAULT_CODES = ['CMP', 'EIR', 'FOI', 'ICT', 'LET', 'MEM', 'OMB', 'PRT'];

describe(`cases: case types (${backend})`, { timeout: 120000 }, () => {
  let srv;
  const tokens = {};
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const ifMatch = (record) => ({ 'if-match': `W/"${record.version}"` });
  const counted = () => Number(srv.sql('SELECT count(*) FROM case_types')) + Number(srv.sql('SELECT count(*) FROM audit_log')) * 1000;
  const ict = {
    code: 'net',
    name: 'Network fault',
    kind: 'own',
    description: 'A fault with a council system, reported to the ICT service desk.',
    stages: [{ key: 'incident', name: 'Incident', targets: [{ key: 'response', label: 'First response', working_days: 1 }, { key: 'fix', label: 'Fixed', working_days: 3, counts_from: 'response', extension_limit: 5 }] }],
  };

  before(async () => {
    srv = await startServer();
    tokens.admin = srv.token;
    await srv.api('POST', '/api/v1/units', { token: srv.token, body: { name: 'Northmoor Borough Council', kind: 'council' } });
    tokens.editor = await srv.addUser('council-editor', 'editor', { unit: 'Northmoor Borough Council' });
    tokens.viewer = await srv.addUser('council-viewer', 'viewer', { unit: 'Northmoor Borough Council' });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('gives a new council the default case types, each audited, counting FOI on the UK\'s days', async () => {
    const res = await as('viewer')('GET', '/api/v1/case-types');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.items.map((t) => t.code), DEFAULT_CODES);
    const byCode = Object.fromEntries(res.json.items.map((t) => [t.code, t]));
    assert.deepEqual([byCode.FOI.kind, byCode.FOI.calendar, byCode.FOI.stages.map((s) => s.key)], ['foi', 'uk', ['response', 'review']]);
    assert.deepEqual(byCode.FOI.stages[0].targets, [{ key: 'response', label: 'Response', working_days: 20, counts_from: '', extension_limit: 20 }]);
    assert.deepEqual(byCode.CMP.stages[0].targets.map((t) => [t.key, t.working_days, t.counts_from, t.extension_limit]), [['acknowledgement', 5, '', 0], ['response', 10, 'acknowledgement', 10]]);
    assert.deepEqual([byCode.CMP.calendar, byCode.CMP.later_stage_by_another_officer, byCode.CMP.retention_years], ['council', true, 6]);
    assert.match(byCode.MEM.id, ID_RE);
    assert.deepEqual(auditRows(srv.dbPath, byCode.FOI.id).map((r) => [r.actor, r.action]), [['cli', 'create']]);
  });

  it('ships ICT incidents with priorities whose targets are counted in working hours, 09:00 to 17:00', async () => {
    const ictDefault = (await as('viewer')('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'ICT');
    assert.deepEqual(ictDefault.priorities.map((p) => p.key), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(ictDefault.office_hours, { opens: '09:00', closes: '17:00' });
    assert.deepEqual(ictDefault.stages[0].targets, [
      { key: 'response', label: 'First response', working_days: 0, working_hours: 4, by_priority: { p1: 1, p2: 2, p3: 4, p4: 8 }, counts_from: '', extension_limit: 0 },
      { key: 'fix', label: 'Fix', working_days: 0, working_hours: 24, by_priority: { p1: 4, p2: 8, p3: 24, p4: 40 }, counts_from: '', extension_limit: 40 },
    ]);
  });

  it('refuses targets by a priority the type lacks, days and hours together, and office hours that close before they open', async () => {
    const before = counted();
    const hours = (targets, extra = {}) => srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'HRS', priorities: [{ key: 'p1', name: 'Urgent' }], stages: [{ key: 'incident', name: 'Incident', targets }], ...extra } });
    const p = assertProblem(await hours([{ key: 'fix', label: 'Fix', working_hours: 4, by_priority: { p1: 2, p9: 8 } }]), 422, { fields: ['stages[0].targets[0].by_priority.p9'] });
    assert.match(p.errors[0].message, /The case type has no priority p9/);
    assertProblem(await hours([{ key: 'fix', label: 'Fix', working_days: 2, working_hours: 4 }]), 422, { fields: ['stages[0].targets[0].working_days'] });
    assertProblem(await hours([{ key: 'fix', label: 'Fix', working_hours: 1001 }]), 422, { fields: ['stages[0].targets[0].working_hours'] });
    assertProblem(await hours([{ key: 'fix', label: 'Fix', working_hours: 4 }], { office_hours: { opens: '17:00', closes: '09:00' } }), 422, { fields: ['office_hours.closes'] });
    assertProblem(await hours([{ key: 'fix', label: 'Fix', working_hours: 4 }], { office_hours: { opens: '9am' } }), 422, { fields: ['office_hours.opens'] });
    assertProblem(await hours([{ key: 'fix', label: 'Fix', working_hours: 4 }], { priorities: [{ key: 'P 1', name: '' }] }), 422, { fields: ['priorities[0].key', 'priorities[0].name'] });
    assert.equal(counted(), before);
  });

  it('answers an anonymous read 401, and a change by anyone but an administrator 403, storing nothing', async () => {
    assertProblem(await srv.api('GET', '/api/v1/case-types'), 401);
    const before = counted();
    assertProblem(await as('editor')('POST', '/api/v1/case-types', { body: ict }), 403, { detail: /Only an administrator may change the council's case types/ });
    const foi = (await as('viewer')('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'FOI');
    assertProblem(await as('viewer')('PATCH', `/api/v1/case-types/${foi.id}`, { headers: ifMatch(foi), body: { name: 'FOI' } }), 403);
    assert.equal(counted(), before);
  });

  it('makes a case type, its code in capitals and its stages as sent', async () => {
    const res = await srv.admin('POST', '/api/v1/case-types', { body: ict });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.json.code, res.json.calendar, res.json.version, res.json.retention_years], ['NET', 'council', 1, 6]);
    assert.deepEqual([res.json.priorities, res.json.office_hours], [[], { opens: '09:00', closes: '17:00' }]);
    assert.deepEqual(res.json.stages[0].targets[1], { key: 'fix', label: 'Fixed', working_days: 3, counts_from: 'response', extension_limit: 5 });
    assert.equal(res.headers.get('location'), `/api/v1/case-types/${res.json.id}`);
    const stored = srv.sqlRows(`SELECT code, kind, calendar FROM case_types WHERE id = '${res.json.id}'`);
    assert.deepEqual(stored, [{ code: 'NET', kind: 'own', calendar: 'council' }]);
    assert.deepEqual(auditRows(srv.dbPath, res.json.id).map((r) => [r.actor, r.action]), [['admin', 'create']]);
  });

  it('refuses a code in use, stages that do not hold together, a bad kind and an unknown field, naming each, with nothing stored', async () => {
    const before = counted();
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'foi' } }), 422, { fields: ['code'] });
    const stages = [{ key: 'incident', name: 'Incident', targets: [{ key: 'fix', label: 'Fixed', working_days: 3, counts_from: 'response' }, { key: 'response', label: 'First response', working_days: 0 }] }];
    const bad = await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT2', stages } });
    const p = assertProblem(bad, 422, { fields: ['stages[0].targets[0].counts_from', 'stages[0].targets[1].working_days'] });
    assert.match(p.errors[0].message, /counts from the start of its stage or from a target before it/);
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT3', kind: 'incident' } }), 422, { fields: ['kind'] });
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT4', stages: 'twenty days' } }), 422, { fields: ['stages'] });
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT5', colour: 'red' } }), 422, { fields: ['colour'] });
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT6', retention_years: 0, calendar: 'wales' } }), 422, { fields: ['calendar', 'retention_years'] });
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { ...ict, code: 'ICT7', later_stage_by_another_officer: 'yes' } }), 422, { fields: ['later_stage_by_another_officer'] });
    assertProblem(await srv.admin('POST', '/api/v1/case-types', { body: { name: 'No code', kind: 'own' } }), 422, { fields: ['code', 'stages'] });
    assert.equal(counted(), before);
  });

  it('changes a case type with its version, refusing a stale one, and archives it so its code is free again', async () => {
    const ictType = (await srv.admin('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'NET');
    const changed = await srv.admin('PATCH', `/api/v1/case-types/${ictType.id}`, { headers: ifMatch(ictType), body: { retention_years: 2, name: 'ICT fault' } });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual([changed.json.version, changed.json.retention_years, changed.json.name], [2, 2, 'ICT fault']);
    assertProblem(await srv.admin('PATCH', `/api/v1/case-types/${ictType.id}`, { headers: ifMatch(ictType), body: { name: 'Stale' } }), 409);
    const archived = await srv.admin('POST', `/api/v1/case-types/${ictType.id}/archive`, { headers: ifMatch(changed.json) });
    assert.equal(archived.status, 200, archived.text);
    assert.deepEqual((await srv.admin('GET', '/api/v1/case-types')).json.items.map((t) => t.code), DEFAULT_CODES);
    assert.deepEqual((await srv.admin('GET', '/api/v1/case-types?include_archived=true')).json.items.map((t) => t.code), [...DEFAULT_CODES.slice(0, 6), 'NET', ...DEFAULT_CODES.slice(6)]);
    const again = await srv.admin('POST', '/api/v1/case-types', { body: ict });
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(auditRows(srv.dbPath, ictType.id).map((r) => r.action), ['create', 'update', 'archive']);
  });

  it('does not give the defaults again when Civic opens the database again, and leaves it sound', async () => {
    const r = await runCli(['check', '--db', srv.dbPath]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(Number(srv.sql("SELECT count(*) FROM case_types WHERE code = 'FOI'")), 1);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
