// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 7, item 6: the API refuses what it does not understand. An unknown or misspelt query
// parameter, a filter value outside its list and a yes/no parameter that is neither answer
// 422 naming the parameter and saying what is allowed; kind is accepted in any case.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, create } from './harness.mjs';

describe('query parameters', { timeout: 60000 }, () => {
  let srv;
  let council;

  before(async () => {
    srv = await startServer();
    council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: council.id });
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('refuses an unknown query parameter, naming it and the ones the list takes', async () => {
    const p = assertProblem(await srv.api('GET', '/api/v1/units?foo=bar'), 422, { fields: ['foo'] });
    assert.equal(p.errors[0].message, 'foo is not a query parameter Civic knows here; this address takes limit, cursor, within, include_archived, name, kind');
  });

  it('refuses a misspelt filter instead of answering everything', async () => {
    assertProblem(await srv.api('GET', '/api/v1/units?nme=Corporate'), 422, { fields: ['nme'] });
    assertProblem(await srv.api('GET', '/api/v1/memberships?person=x'), 422, { fields: ['person'] });
  });

  it('refuses a query parameter on an address that takes none', async () => {
    const p = assertProblem(await srv.api('GET', `/api/v1/units/${council.id}?expand=all`), 422, { fields: ['expand'] });
    assert.equal(p.errors[0].message, 'expand is not a query parameter Civic knows; this address takes none');
    assertProblem(await srv.api('GET', '/api/v1/export/popolo?format=csv'), 422, { fields: ['format'] });
  });

  it('refuses a kind outside its list, saying which kinds there are', async () => {
    const p = assertProblem(await srv.api('GET', '/api/v1/units?kind=squad'), 422, { fields: ['kind'] });
    assert.equal(p.errors[0].message, 'kind must be council, directorate, department, service, team or body');
    const people = assertProblem(await srv.api('GET', '/api/v1/people?kind=mayor'), 422, { fields: ['kind'] });
    assert.equal(people.errors[0].message, 'kind must be officer or councillor');
  });

  it('accepts kind in any case, as the CSV import does', async () => {
    const res = await srv.api('GET', '/api/v1/units?kind=Directorate');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.items.map((u) => u.name), ['Corporate Support']);
  });

  for (const [path, name] of [
    ['/api/v1/units?include_archived=maybe', 'include_archived'],
    ['/api/v1/calendar/days?include_archived=maybe', 'include_archived'],
    ['/api/v1/calendar/working-days?from=2025-04-01&to=2025-04-30&clear=maybe', 'clear'],
    ['/api/v1/calendar/periods/2025%2F26?academic=maybe', 'academic'],
  ]) {
    it(`refuses ${name}=maybe: it must be true or false (${path.split('?')[0]})`, async () => {
      const p = assertProblem(await srv.admin('GET', path), 422, { fields: [name] });
      assert.equal(p.errors[0].message, `${name} must be true or false`);
    });
  }

  it('refuses an audit entity Civic does not keep', async () => {
    const p = assertProblem(await srv.admin('GET', '/api/v1/audit?entity=bogus'), 422, { fields: ['entity'] });
    assert.match(p.errors[0].message, /^entity must be unit, person, post, membership, calendar_day, user, api_token, plan, plan_item, plan_measure, plan_update, review, review_finding, link, indicator, indicator_value, indicator_target, dataset, body, meeting, attendee, agenda_item, agenda_document, declaration, minutes_correction, decision, action, forward_plan_entry, work_programme_topic, governance_setting, risk_matrix, risk_appetite, risk_register, risk, risk_review, risk_escalation, risk_acceptance, risk_issue, case_type, case, case_event or case_response$/);
  });

  it('asks for add or to when a working-day sum has neither', async () => {
    const p = assertProblem(await srv.api('GET', '/api/v1/calendar/working-days?from=2025-04-01'), 422, { fields: ['add'] });
    assert.equal(p.errors[0].message, 'Give add (a number of working days to add) or to (a date to count the working days up to)');
    const both = assertProblem(await srv.api('GET', '/api/v1/calendar/working-days?from=2025-04-01&add=3&to=2025-05-01'), 422, { fields: ['add'] });
    assert.match(both.errors[0].message, /not both/);
  });

  it('refuses a query parameter that is not UTF-8 text, naming it', async () => {
    const p = assertProblem(await srv.api('GET', '/api/v1/units?name=%ff%fe'), 422, { fields: ['name'] });
    assert.equal(p.errors[0].message, 'name is not UTF-8 text');
    const nul = assertProblem(await srv.api('GET', '/api/v1/people?name=a%00b'), 422, { fields: ['name'] });
    assert.match(nul.errors[0].message, /control character/);
    // The answer itself is valid JSON: the bad bytes are not echoed back.
    assert.ok(JSON.parse((await srv.api('GET', '/api/v1/units?%ff=1')).text));
  });

  it('keeps pages lenient about parameters they do not use, as links and browsers add their own', async () => {
    const res = await srv.api('GET', '/units?utm_source=newsletter', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
