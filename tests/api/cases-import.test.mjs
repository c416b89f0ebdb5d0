// SPDX-License-Identifier: AGPL-3.0-or-later
// Cases imported from a council's spreadsheet (issue 12): a file of mixed types (FOI requests
// with the old system's reference and without, one at internal review, a complaint at stage 2,
// one closed at stage 1, a member enquiry for a resident, a letter, an Ombudsman enquiry) reads
// back exactly through the API, its references kept or numbered on after them, each met target
// with the due date the clock gave it, each case audited as an import and its events written as
// the API writes them; a file with errors on several lines is refused whole (422 naming each
// line and column) with nothing stored; the command line imports as the administrator, with
// its message and exit codes; a file with a byte-order mark and CRLF line ends imports too.
//
// Dates are fixed in the past (the tests were written in December 2026), so that due dates are
// the same whenever the tests run; only the statuses of open targets follow today, and those
// are not asserted.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, runCli, backend } from './harness.mjs';

// The good file: columns in the spreadsheet's own order and capitals, a date written
// DD/MM/YYYY, a quoted cell with a line break.
const GOOD = [
  'Reference,TYPE,Received_On,Channel,Requester_Kind,Requester_Name,Requester_Contact,Councillor,On_Behalf_Of,Subject,Description,Unit,Officer,Acknowledged_On,Responded_On,Stage,Escalated_On,Closed_On,Outcome,Resolved_On',
  ',FOI,2024-10-21,web form,resident,Rob Requester,rob@example.org,,,Council tax arrears by ward,,customer services,Alice Handler,,2024-11-15,,,2024-11-15,refused,',
  'FOI-2024-0113,FOI,2024-10-07,email,resident,Jane Resident,jane@example.org,,,Spending on agency staff,,Customer Services,Alice Handler,,2024-10-30,,,2024-10-30,information provided,',
  ',foi,2025-12-15,email,resident,Jane Resident,jane@example.org,,,Agency staff costs,,Customer Services,Alice Handler,,2026-01-16,review,2026-01-20,,,',
  ',CMP,02/02/2026,web form,resident,John Complainant,john@example.org,,,Missed bin collections,,Customer Services,Bob Reviewer,04/02/2026,17/02/2026,Stage 2,02/03/2026,,,',
  ',CMP,2025-06-02,phone,resident,Kim Caller,01632 960123,,,Rude call handler,,Customer Services,Alice Handler,,2025-06-05,,,2025-06-05,not upheld,',
  'ME/2026/12,MEM,2026-03-02,councillor,councillor for a resident,,,Dee Ward,Sam Tenant,Damp in a council flat,"Sam Tenant at 9 Hill Road\nreports damp.",Customer Services,Alice Handler,2026-03-03,2026-03-13,,,2026-03-13,answered,2026-03-20',
  ",LET,2026-11-16,letter,organisation,Mill Lane Residents' Association,,,,Hedge on Mill Lane,,Customer Services,,,,,,,,",
  'OMB-2025-0042,OMB,2025-09-01,email,Ombudsman,Local Government and Social Care Ombudsman,,,,Enquiry about a complaint,,Customer Services,Alice Handler,,2025-09-26,,,2025-11-03,local settlement,2025-12-01',
  '',
].join('\n');

// What each line reads back as: reference, type, stage, status, closed, outcome, resolved,
// officer; and its clock, a stage a line: key, started, and each target's due date, the day it
// was met and (when met) its status, with `provisional` where it is counted from a target not
// yet met.
const EXPECTED = [
  ['FOI-2024-0114', 'FOI', 'response', 'closed', '2024-11-15', 'refused', null, 'Alice Handler', [['response', '2024-10-21', [['response', '2024-11-18', '2024-11-15', 'met']]]]],
  ['FOI-2024-0113', 'FOI', 'response', 'closed', '2024-10-30', 'information provided', null, 'Alice Handler', [['response', '2024-10-07', [['response', '2024-11-04', '2024-10-30', 'met']]]]],
  ['FOI-2025-0001', 'FOI', 'review', 'open', null, '', null, 'Alice Handler', [
    ['response', '2025-12-15', [['response', '2026-01-16', '2026-01-16', 'met']]],
    ['review', '2026-01-20', [['response', '2026-02-17', null, null]]],
  ]],
  ['CMP-2026-0001', 'CMP', 'stage2', 'open', null, '', null, 'Bob Reviewer', [
    ['stage1', '2026-02-02', [['acknowledgement', '2026-02-09', '2026-02-04', 'met'], ['response', '2026-02-18', '2026-02-17', 'met']]],
    ['stage2', '2026-03-02', [['acknowledgement', '2026-03-09', null, null], ['response', '2026-04-08', null, null, 'provisional']]],
  ]],
  ['CMP-2025-0001', 'CMP', 'stage1', 'closed', '2025-06-05', 'not upheld', null, 'Alice Handler', [
    ['stage1', '2025-06-02', [['acknowledgement', '2025-06-09', '2025-06-05', 'met'], ['response', '2025-06-19', '2025-06-05', 'met']]],
  ]],
  ['ME/2026/12', 'MEM', 'response', 'closed', '2026-03-13', 'answered', '2026-03-20', 'Alice Handler', [
    ['response', '2026-03-02', [['acknowledgement', '2026-03-03', '2026-03-03', 'met'], ['response', '2026-03-16', '2026-03-13', 'met']]],
  ]],
  ['LET-2026-0001', 'LET', 'reply', 'open', null, '', null, '', [['reply', '2026-11-16', [['reply', '2026-11-30', null, null]]]]],
  ['OMB-2025-0042', 'OMB', 'enquiry', 'closed', '2025-11-03', 'local settlement', '2025-12-01', 'Alice Handler', [['enquiry', '2025-09-01', [['reply', '2025-09-29', '2025-09-26', 'met']]]]],
];

describe(`cases: imported from a spreadsheet (${backend})`, { timeout: 180000 }, () => {
  let srv, dir;
  const [u, p, tokens, imported] = [{}, {}, {}, {}];
  const as = (who) => (method, urlPath, opts = {}) => srv.api(method, urlPath, { token: tokens[who], ...opts });
  const importCsv = (csv, who = 'alice') => as(who)('POST', '/api/v1/cases/import', { rawBody: csv, contentType: 'text/csv' });
  const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));
  const counted = () => ['cases', 'case_events', 'audit_log'].map(count);
  async function getCase(id, who = 'alice') {
    const res = await as(who)('GET', `/api/v1/cases/${id}`);
    assert.equal(res.status, 200, res.text);
    return res.json;
  }
  const clockOf = (k) => k.clock.stages.map((s) => [s.key, s.started_on, s.targets.map((t) => [t.key, t.due, t.met_on, t.met_on ? t.status : null, ...(t.provisional ? ['provisional'] : [])])]);
  const shown = (k) => [k.reference, k.type.code, k.stage, k.status, k.closed_on, k.outcome, k.resolved_on, k.officer_name, clockOf(k)];
  const eventsOf = (k) => k.events.map((e) => [e.position, e.kind, e.on, e.stage, e.target, e.due_when_met, e.reason, e.officer_person_id]);

  before(async () => {
    srv = await startServer();
    dir = mkdtempSync(path.join(tmpdir(), 'civic-cases-import-'));
    const units = [['council', 'Northmoor Borough Council', 'council'], ['resources', 'Resources', 'directorate', 'council'], ['customer', 'Customer Services', 'department', 'resources'], ['planning', 'Planning', 'department', 'council']];
    for (const [key, name, kind, parent] of units) u[key] = await create(srv, 'units', { name, kind, parent_id: u[parent]?.id });
    // Officers are found by name among the people the importer may see: those of their units,
    // and the councillors the council publishes.
    p.alice = await create(srv, 'people', { name: 'Alice Handler', kind: 'officer', unit_id: u.customer.id });
    p.bob = await create(srv, 'people', { name: 'Bob Reviewer', kind: 'officer', unit_id: u.customer.id });
    p.dee = await create(srv, 'people', { name: 'Dee Ward', kind: 'councillor', published: true });
    tokens.alice = await srv.addUser('alice', 'editor', { unit: u.customer.id, person: p.alice.id });
    tokens.carol = await srv.addUser('carol', 'editor', { unit: u.planning.id });
    tokens.admin = srv.token;
  });
  after(async () => {
    await srv?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file of mixed types that reads back exactly: references kept or numbered, stages, due dates and met targets', async () => {
    const res = await importCsv(GOOD);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.created, 8);
    // The member enquiry's request takes two lines of the file, so the lines after it are one on.
    assert.deepEqual(res.json.cases.map((c) => [c.line, c.reference]), EXPECTED.map((e, i) => [i < 6 ? i + 2 : i + 3, e[0]]));
    for (const c of res.json.cases) imported[c.reference] = c.id;
    const seen = [];
    for (const c of res.json.cases) seen.push(shown(await getCase(c.id)));
    assert.deepEqual(seen, EXPECTED);

    // The requester's data is kept, line breaks and all, for those handling the case.
    const mem = await as('alice')('GET', `/api/v1/cases/${imported['ME/2026/12']}/requester`);
    assert.equal(mem.status, 200, mem.text);
    assert.deepEqual([mem.json.requester_kind, mem.json.requester_person_id, mem.json.requester_person_name, mem.json.on_behalf_of, mem.json.description],
      ['councillor for a resident', p.dee.id, 'Dee Ward', 'Sam Tenant', 'Sam Tenant at 9 Hill Road\nreports damp.']);
    assert.deepEqual(srv.sqlRows(`SELECT requester_name, requester_contact, unit_id FROM cases WHERE id = '${imported['LET-2026-0001']}'`), [
      { requester_name: "Mill Lane Residents' Association", requester_contact: '', unit_id: u.customer.id },
    ]);
  });

  it('writes the history as events the API would write, each met target with the due date it had', async () => {
    const cmp = await getCase(imported['CMP-2026-0001']);
    assert.deepEqual(eventsOf(cmp), [
      [1, 'met', '2026-02-04', 'stage1', 'acknowledgement', '2026-02-09', '', null],
      [2, 'met', '2026-02-17', 'stage1', 'response', '2026-02-18', '', null],
      [3, 'escalated', '2026-03-02', 'stage2', '', null, '', p.bob.id],
    ]);
    // A response within the acknowledgement's days acknowledges the complaint too, as through
    // the API: the same complaint recorded by hand has the same events.
    const imp = await getCase(imported['CMP-2025-0001']);
    assert.deepEqual(eventsOf(imp), [
      [1, 'met', '2025-06-05', 'stage1', 'acknowledgement', '2025-06-09', 'met by the stage 1 response', null],
      [2, 'met', '2025-06-05', 'stage1', 'response', '2025-06-19', '', null],
      [3, 'closed', '2025-06-05', 'stage1', '', null, 'not upheld', null],
    ]);
    let res = await as('alice')('POST', '/api/v1/cases', { body: { case_type_id: 'CMP', received_on: '2025-06-02', channel: 'phone', requester_kind: 'resident', requester_name: 'Kim Caller', subject: 'Rude call handler', unit_id: u.customer.id, officer_person_id: p.alice.id } });
    assert.equal(res.status, 201, res.text);
    const byHand = res.json;
    res = await as('alice')('POST', `/api/v1/cases/${byHand.id}/responses`, { headers: { 'if-match': 'W/"1"' }, body: { target: 'response', sent_on: '2025-06-05', body: 'Not upheld. You may ask the Ombudsman to look at it: www.lgo.org.uk.' } });
    assert.equal(res.status, 201, res.text);
    res = await as('alice')('POST', `/api/v1/cases/${byHand.id}/closure`, { headers: { 'if-match': 'W/"2"' }, body: { closed_on: '2025-06-05', outcome: 'not upheld' } });
    assert.equal(res.status, 200, res.text);
    const hand = await getCase(byHand.id);
    assert.deepEqual(eventsOf(hand), eventsOf(imp));
    assert.deepEqual(clockOf(hand), clockOf(imp));
  });

  it('audits each case as an import, without the requester, and each event as the API does', async () => {
    for (const [reference, id] of Object.entries(imported)) {
      const audit = auditRows(srv.dbPath, id).filter((a) => a.action !== 'read');
      assert.deepEqual(audit.map((a) => [a.actor, a.action, a.entity]), [['alice', 'import', 'case']], reference);
      assert.equal(audit[0].after.reference, reference);
      assert.doesNotMatch(audit[0].after_json, /Jane Resident|jane@example|Sam Tenant|Hill Road|Kim Caller/);
      const k = await getCase(id);
      for (const e of k.events) assert.deepEqual(auditRows(srv.dbPath, e.id).map((a) => [a.actor, a.action, a.entity]), [['alice', 'create', 'case_event']]);
    }
    const [events] = srv.sqlRows(`SELECT count(*) AS n FROM case_events WHERE case_id IN (${Object.values(imported).map((id) => `'${id}'`).join(', ')})`);
    assert.equal(Number(events.n), 17);
  });

  it('numbers new cases on after the references the file gave', async () => {
    const made = async (type, received) => {
      const res = await as('alice')('POST', '/api/v1/cases', { body: { case_type_id: type, received_on: received, channel: 'email', requester_kind: 'resident', requester_name: 'Pat Walker', subject: 'After the import', unit_id: u.customer.id } });
      assert.equal(res.status, 201, res.text);
      return res.json.reference;
    };
    // FOI-2024-0113 and the blank line numbered after it; ME/2026/12 took member enquiry 1.
    assert.deepEqual([await made('FOI', '2024-12-02'), await made('MEM', '2026-03-10'), await made('OMB', '2025-10-01')], ['FOI-2024-0115', 'MEM-2026-0002', 'OMB-2025-0043']);
  });

  it('refuses a file with errors on several lines whole, naming each line and column, storing nothing', async () => {
    const bad = [
      'type,received_on,channel,requester_kind,requester_name,councillor,subject,unit,officer,reference,acknowledged_on,responded_on,stage,escalated_on,closed_on,outcome',
      'LET,2026-06-01,letter,resident,Good Row,,A good letter,Customer Services,,,,,,,,',
      'LET,31/02/2026,letter,resident,Bad Date,,Impossible date,Customer Services,,,,,,,,',
      'LET,2026-06-01,letter,resident,Wrong Unit,,Planning matter,Planning,,,,,,,,',
      'XYZ,2026-06-01,letter,resident,No Type,,Unknown type,Customer Services,,,,,,,,',
      'LET,2026-06-01,letter,resident,Odd Outcome,,Odd outcome,Customer Services,,,,,,,2026-06-02,sorted',
      'CMP,2026-06-01,email,resident,No Date,,Escalated without a date,Customer Services,Bob Reviewer,,,2026-06-05,stage2,,,',
      'FOI,2026-06-01,email,resident,Taken Ref,,Reference taken,Customer Services,,FOI-2024-0113,,,,,,',
      'FOI,2026-06-01,email,resident,Acknowledged,,Acknowledged FOI,Customer Services,,,2026-06-02,,,,,',
      'LET,2026-06-10,letter,resident,Early Reply,,Answered before it came,Customer Services,,,,2026-06-09,,,,',
      'LET,2026-06-01,letter,resident,No Officer,,Unknown officer,Customer Services,Nobody Known,,,,,,,',
      'MEM,2026-06-01,councillor,councillor,,Alice Handler,Not a councillor,Customer Services,,,,,,,,',
      '',
    ].join('\n');
    const before = counted();
    const res = await importCsv(bad);
    const fields = ['line 3, column received_on', 'line 4, column unit', 'line 5, column type', 'line 6, column outcome', 'line 7, column escalated_on', 'line 8, column reference', 'line 9, column acknowledged_on', 'line 10, column responded_on', 'line 11, column officer', 'line 12, column councillor'];
    const problem = assertProblem(res, 422, { fields });
    assert.deepEqual(problem.errors.map((e) => e.field), fields);
    assert.match(problem.detail, /^The file was not imported: 10 problems found, and nothing was written\./);
    const message = (field) => problem.errors.find((e) => e.field === field).message;
    assert.match(message('line 3, column received_on'), /"31\/02\/2026" is not a date/);
    assert.match(message('line 4, column unit'), /whose cases you handle/);
    assert.match(message('line 7, column escalated_on'), /Enter the date it was escalated to Stage 2/);
    assert.match(message('line 8, column reference'), /FOI-2024-0113 is taken by a case already in Civic/);
    assert.match(message('line 10, column responded_on'), /cannot be before the date received/);
    assert.match(message('line 11, column officer'), /no person called "Nobody Known"/);
    assert.match(message('line 12, column councillor'), /no councillor called "Alice Handler"/);
    assert.deepEqual(counted(), before);

    // The first line: a column Civic does not know is named; a missing one too.
    const unknown = await importCsv('type,received_on,channel,requester_kind,subject,unit,colour\nLET,2026-06-01,letter,resident,Hedge,Customer Services,red\n');
    assertProblem(unknown, 422, { fields: ['line 1, column 7'] });
    assert.match(unknown.json.errors[0].message, /"colour" is not a column Civic knows here/);
    const missing = await importCsv('type,received_on,channel,requester_kind,subject\nLET,2026-06-01,letter,resident,Hedge\n');
    assertProblem(missing, 422, { fields: ['line 1'] });
    assert.match(missing.json.errors[0].message, /The column "unit" is missing/);
    // Another unit's editor may import none of Customer Services' cases.
    const outsider = await importCsv(GOOD, 'carol');
    assertProblem(outsider, 422, { fields: ['line 2, column unit'] });
    assert.match(outsider.json.errors.find((e) => e.field === 'line 2, column unit').message, /whose cases you handle/);
    assertProblem(await as('alice')('POST', '/api/v1/cases/import', { body: { csv: GOOD } }), 415);
    assert.deepEqual(counted(), before);
  });

  it('takes an ICT incident\'s priority and time received, refusing a bad time or an unknown priority by line and column', async () => {
    const head = 'type,received_on,received_at,priority,channel,requester_kind,requester_name,subject,unit';
    const bad = [
      head,
      'ICT,2026-06-01,25:00,p1,phone,organisation,Planning,Server down,Customer Services',
      'ICT,2026-06-01,10:15,p7,phone,organisation,Planning,Printer jam,Customer Services',
      'ICT,2026-06-01,,p2,phone,organisation,Planning,No time,Customer Services',
      'LET,2026-06-01,,p1,letter,resident,Pat Walker,A letter,Customer Services',
      '',
    ].join('\n');
    const before = counted();
    const fields = ['line 2, column received_at', 'line 3, column priority', 'line 4, column received_at', 'line 5, column priority'];
    const problem = assertProblem(await importCsv(bad), 422, { fields });
    assert.deepEqual(problem.errors.map((e) => e.field), fields);
    assert.deepEqual(counted(), before);

    const good = await importCsv([head, 'ICT,2026-06-01,16:30,p2,phone,organisation,Planning,Server slow,Customer Services', ''].join('\n'));
    assert.equal(good.status, 200, good.text);
    const [k] = srv.sqlRows(`SELECT priority, received_at FROM cases WHERE id = '${good.json.cases[0].id}'`);
    assert.deepEqual(k, { priority: 'p2', received_at: '16:30' });
  });

  it('imports from the command line as the administrator, with its message and exit codes', async () => {
    const good = path.join(dir, 'cases.csv');
    writeFileSync(good, [
      'type,received_on,channel,requester_kind,requester_name,subject,unit,officer,responded_on,closed_on,outcome',
      'LET,01/06/2026,letter,resident,Pat Walker,Bus shelter,Planning,Alice Handler,2026-06-05,2026-06-05,answered',
      'EIR,2026-06-01,email,organisation,Northmoor Wildlife Trust,Hedgerow survey,Planning,,,,',
      '',
    ].join('\n'));
    let r = await runCli(['import', 'cases', good, '--db', srv.dbPath]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Imported 2 cases from ${good}.\n`);
    const rows = srv.sqlRows("SELECT id, reference, status, unit_id FROM cases WHERE subject IN ('Bus shelter', 'Hedgerow survey') ORDER BY reference");
    assert.deepEqual(rows.map((k) => [k.reference, k.status, k.unit_id]), [['EIR-2026-0001', 'open', u.planning.id], ['LET-2026-0002', 'closed', u.planning.id]]);
    for (const k of rows) assert.deepEqual(auditRows(srv.dbPath, k.id).map((a) => [a.actor, a.action]), [['cli', 'import']]);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'type,received_on,channel,requester_kind,requester_name,subject,unit\nLET,2026-06-01,letter,resident,Pat,Fine,Planning\nLET,2026-13-01,letter,resident,Pat,Bad date,Planning\nLET,2026-06-01,pigeon,resident,Pat,Bad channel,Planning\n');
    const before = counted();
    r = await runCli(['import', 'cases', bad, '--db', srv.dbPath]);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^civic: .*bad\.csv was not imported\.\n/);
    assert.match(r.stderr, /\n {2}line 3, column received_on: "2026-13-01" is not a date/);
    assert.match(r.stderr, /\n {2}line 4, column channel: /);
    assert.doesNotMatch(r.stderr, /line 2,/);
    assert.deepEqual(counted(), before);
    const usage = await runCli(['import', 'cases', '--db', srv.dbPath]);
    assert.equal(usage.code, 2, usage.stderr);
  });

  it('reads a file with a byte-order mark and CRLF line ends', async () => {
    const csv = `\uFEFF${[
      'type,received_on,channel,requester_kind,requester_name,subject,unit,description,responded_on,closed_on,outcome',
      'LET,2026-09-01,letter,resident,Chris Bom,Windows letter,Customer Services,"Two lines\r\nof request",2026-09-03,2026-09-03,answered',
      'FOI,2026-09-01,email,resident,Chris Bom,Windows request,Customer Services,,,,',
      '',
    ].join('\r\n')}`;
    const res = await importCsv(csv);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.cases.map((c) => [c.line, c.reference]), [[2, 'LET-2026-0003'], [4, 'FOI-2026-0001']]);
    const letter = await getCase(res.json.cases[0].id);
    assert.deepEqual([letter.subject, letter.status, letter.outcome, letter.closed_on], ['Windows letter', 'closed', 'answered', '2026-09-03']);
    const foi = await getCase(res.json.cases[1].id);
    assert.deepEqual([foi.type.code, foi.status, clockOf(foi)], ['FOI', 'open', [['response', '2026-09-01', [['response', '2026-09-29', null, null]]]]]);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
