// SPDX-License-Identifier: AGPL-3.0-or-later
// docs/openapi.json is served as it is, and describes the server truthfully: every path and
// method in it answers (not 404 or 405), with a status the document lists for it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openapi, deref } from './openapi-check.mjs';
import { startServer, assertStopsCleanly, create, runCli, ADMIN_PASSWORD } from './harness.mjs';

const doc = openapi;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('the OpenAPI document', { timeout: 60000 }, () => {
  let srv;
  const ids = {};

  before(async () => {
    srv = await startServer();
    ids.council = (await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' })).id;
    ids.unit = (await create(srv, 'units', { name: 'Corporate Support', kind: 'directorate', parent_id: ids.council })).id;
    ids.person = (await create(srv, 'people', { name: 'Sam Okafor', kind: 'officer', unit_id: ids.unit, published: true })).id;
    ids.post = (await create(srv, 'posts', { unit_id: ids.unit, label: 'Head of Digital and ICT' })).id;
    ids.membership = (await create(srv, 'memberships', { person_id: ids.person, unit_id: ids.unit, post_id: ids.post, role: 'Head of service' })).id;
    for (const [key, make] of Object.entries(planRecords)) ids[key] = await make();
    // A benchmark dataset for /api/v1/datasets/{name}.
    const walk = await srv.admin('POST', '/api/v1/datasets', { body: { name: 'walk', values: 'area_code,area_name,metric,period,value\nA1,Area One,M1,2024-25,1\n' } });
    assert.equal(walk.status, 201, walk.text);
  });
  after(async () => {
    await srv?.cleanup();
  });

  it('is served at /api/v1/openapi.json exactly as docs/openapi.json, as OpenAPI 3.1', async () => {
    const res = await srv.api('GET', '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/(vnd\.oai\.openapi\+)?json/);
    assert.ok(res.json, 'the body parses as JSON');
    assert.match(res.json.openapi, /^3\.1\.\d+$/);
    assert.deepEqual(res.json, doc);
  });

  it('defines the Problem schema and both ways of signing in', () => {
    const problem = doc.components.schemas.Problem;
    for (const k of ['type', 'title', 'status', 'detail', 'instance', 'request_id', 'errors']) assert.ok(problem.properties[k], k);
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
    assert.equal(doc.components.securitySchemes.sessionCookie.in, 'cookie');
    assert.equal(doc.components.securitySchemes.sessionCookie.name, 'civic_session');
  });

  // The fresh record each archive call archives, made as it is needed.
  const fresh = {
    units: async () => (await create(srv, 'units', { name: `Archive me ${Date.now()}`, kind: 'team', parent_id: ids.unit })).id,
    people: async () => (await create(srv, 'people', { name: 'Archie Vist', kind: 'officer' })).id,
    posts: async () => (await create(srv, 'posts', { unit_id: ids.unit, label: 'Temporary post' })).id,
    memberships: async () => (await create(srv, 'memberships', { person_id: ids.person, unit_id: ids.unit, role: 'Temporary' })).id,
  };
  const idFor = { units: 'unit', people: 'person', posts: 'post', memberships: 'membership' };
  // Each council day needs a date of its own.
  let nextClosure = 1;
  // Mondays from 3 March 2031, a week apart: a closure day must fall on a working day.
  const closureDay = () => ({
    date: new Date(Date.UTC(2031, 2, 3 + 7 * nextClosure++)).toISOString().slice(0, 10),
    name: 'Council offices closed',
    change: 'add',
  });
  const freshCalendarDay = async () => (await srv.admin('POST', '/api/v1/calendar/days', { body: closureDay() })).json.id;
  const createBodies = {
    '/api/v1/calendar/days': closureDay,
    '/api/v1/units': () => ({ name: 'Service Desk', kind: 'team', parent_id: ids.unit }),
    '/api/v1/people': () => ({ name: 'Priya Shah', kind: 'councillor', honorific_prefix: 'Cllr' }),
    '/api/v1/posts': () => ({ unit_id: ids.unit, label: 'Cabinet Member for Finance', responsibilities: ['Budget'] }),
    '/api/v1/memberships': () => ({ person_id: ids.person, unit_id: ids.council, role: 'Member', start_date: '2024-05-16' }),
  };
  const patchBodies = {
    units: { description: 'Finance, HR, legal and digital.' },
    people: { summary: 'Head of Digital and ICT.' },
    posts: { portfolio: 'Digital' },
    memberships: { end_date: '2030-01-01' },
  };

  // The plans module's records, each made fresh by the same function (an archive or an
  // approval takes a record of its own): the collection each lives in, and how to make one.
  let nextRef = 1;
  const made = async (path, body) => {
    const res = await srv.admin('POST', path, { body });
    assert.equal(res.status, 201, `POST ${path}: ${res.text}`);
    return res.json.id;
  };
  const planRecords = {
    plan: () => made('/api/v1/plans', { unit_id: ids.unit, kind: 'directorate', title: 'Corporate Support plan', period: '2025/26' }),
    planItem: async () => made(`/api/v1/plans/${ids.plan}/items`, { ref: `1.${nextRef++}`, kind: 'activity', title: 'Move the website to GOV.UK Frontend' }),
    planMeasure: async () => made(`/api/v1/plan-items/${ids.planItem}/measures`, { title: 'New website live' }),
    planUpdate: async () => made(`/api/v1/plan-items/${ids.planItem}/updates`, { period: '2025/26 Q1', status: 'on track', percent_complete: 10 }),
    review: () => made('/api/v1/reviews', { unit_id: ids.unit, kind: 'peer challenge', title: 'Corporate Peer Challenge', status: 'planned' }),
    reviewFinding: async () => made(`/api/v1/reviews/${ids.review}/findings`, { ref: `R${nextRef++}`, kind: 'recommendation', text: 'Build performance management.' }),
    link: async () => made('/api/v1/links', { from_type: 'plan_item', from_id: await planRecords.planItem(), to_type: 'plan_item', to_id: ids.planItem, kind: 'depends_on' }),
  };
  const planPaths = {
    plans: 'plan',
    'plan-items': 'planItem',
    'plan-measures': 'planMeasure',
    'plan-updates': 'planUpdate',
    reviews: 'review',
    'review-findings': 'reviewFinding',
    links: 'link',
  };
  const planPatchBodies = {
    plans: { description: 'What Corporate Support will do this year.' },
    'plan-items': { notes: 'On track for the spring.' },
    'plan-measures': { evidence: 'Launched on 1 May.' },
    reviews: { scope: 'Leadership, governance and finance.' },
    'review-findings': { status: 'in progress' },
  };
  const planCreateBodies = {
    '/api/v1/plans': () => ({ unit_id: ids.unit, kind: 'service', title: 'Digital service plan', period: '2025/26' }),
    '/api/v1/plans/from-framework': () => ({ unit_id: ids.unit, title: 'Improvement plan', period: '2025-28', review_id: ids.review }),
    '/api/v1/plans/{id}/items': () => ({ ref: `2.${nextRef++}`, kind: 'task', title: 'Train the service desk' }),
    '/api/v1/plan-items/{id}/measures': () => ({ title: 'Everyone trained' }),
    '/api/v1/plan-items/{id}/updates': () => ({ period: '2025/26 Q2', status: 'at risk', percent_complete: 20 }),
    '/api/v1/reviews': () => ({ unit_id: ids.unit, kind: 'inspection', title: 'Inspection of local authority children’s services', status: 'planned' }),
    '/api/v1/reviews/{id}/findings': () => ({ ref: `F${nextRef++}`, kind: 'finding', text: 'Caseloads are too high.' }),
    '/api/v1/links': async () => ({ from_type: 'plan_item', from_id: await planRecords.planItem(), to_type: 'plan_item', to_id: ids.planItem, kind: 'relates_to' }),
  };

  // The request for one operation of the plans module, or undefined for another module's.
  async function callPlans(method, template) {
    const resource = /^\/api\/v1\/([a-z-]+)\/\{id\}/.exec(template)?.[1] ?? /^\/api\/v1\/([a-z-]+)/.exec(template)?.[1];
    if (!planPaths[resource]) return undefined;
    const key = planPaths[resource];
    const fresh = (method === 'post' && /\/(archive|approval)$/.test(template)) || (method === 'patch' && resource === 'plans');
    const id = template.includes('{id}') ? (fresh ? await planRecords[key]() : ids[key]) : '';
    const p = template.replace('{id}', id);
    if (method === 'get') return srv.admin('GET', template.endsWith('/compare') ? `${p}?from=current` : p);
    if (method === 'post' && planCreateBodies[template]) return srv.admin('POST', p, { body: await planCreateBodies[template]() });
    const current = await srv.admin('GET', `/api/v1/${resource}/${id}`);
    const ifMatch = { 'if-match': current.headers.get('etag') ?? 'W/"1"' };
    if (method === 'post' && template.endsWith('/archive')) return srv.admin('POST', p, { headers: ifMatch });
    if (method === 'post' && template.endsWith('/approval')) return srv.admin('POST', p, { headers: ifMatch, body: { approved_by_unit_id: ids.council, approved_on: '2025-04-01' } });
    if (method === 'patch') return srv.admin('PATCH', p, { headers: ifMatch, body: planPatchBodies[resource] });
    return undefined;
  }

  // The indicators module's records: one indicator, named by its code in the routes under it,
  // and for each workflow step a value of its own in the state that step takes.
  let nextYear = 2000;
  const freshPeriod = () => {
    const y = nextYear++;
    return `${y}/${String((y + 1) % 100).padStart(2, '0')} Q1`;
  };
  const indicatorRecords = {
    indicator: async () => made('/api/v1/indicators', { code: `OA ${nextRef++}`, title: 'Contacts handled', unit_id: ids.unit, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' }),
    value: async (state = 'draft') => {
      let v = (await srv.admin('POST', `/api/v1/indicators/${ids.indicator}/values`, { body: { period: freshPeriod(), value: 80 } })).json;
      if (state !== 'draft') v = (await srv.admin('POST', `/api/v1/indicator-values/${v.id}/submit`, { headers: { 'if-match': `W/"${v.version}"` } })).json;
      return v;
    },
  };
  async function callIndicators(method, template) {
    if (!/^\/api\/v1\/(indicators|indicator-values|scorecard|data-quality|indicator-reminders)(\/|$)/.test(template)) return undefined;
    if (!ids.indicator) ids.indicator = await indicatorRecords.indicator();
    const csv = { indicators: 'code,title,unit,polarity,frequency,rag_rule\nOA CSV,Imported,number,higher,annual,met\n', 'indicator-values': `indicator,period,value,numerator,denominator,target,note\nOA CSV,${freshPeriod().slice(0, 7)},5,,,,\n` };
    const imported = /^\/api\/v1\/(indicators|indicator-values)\/import$/.exec(template)?.[1];
    if (imported) return srv.admin('POST', template, { rawBody: csv[imported], contentType: 'text/csv' });
    if (template.startsWith('/api/v1/indicator-values/{id}')) {
      const step = /\/(submit|approve|return)$/.exec(template)?.[1];
      const v = await indicatorRecords.value(step && step !== 'submit' ? 'submitted' : 'draft');
      const p = template.replace('{id}', v.id);
      const ifMatch = { 'if-match': `W/"${v.version}"` };
      if (method === 'get') return srv.admin('GET', p);
      if (method === 'patch') return srv.admin('PATCH', p, { headers: ifMatch, body: { note: 'From the CRM' } });
      return srv.admin('POST', p, { headers: ifMatch, body: step === 'return' ? { reason: 'Check the figures' } : undefined });
    }
    const archive = template.endsWith('/archive');
    const id = archive ? await indicatorRecords.indicator() : ids.indicator;
    const p = template.replace('{id}', id);
    const period = '?period=2025%2F26%20Q1';
    if (method === 'get') return srv.admin('GET', /\/(assessment|deadline)$|\/scorecard$/.test(template) ? `${p}${period}` : p);
    if (method === 'post' && template === '/api/v1/indicators') return srv.admin('POST', p, { body: { code: `OA ${nextRef++}`, title: 'Letters answered', unit_id: ids.unit, measure_unit: 'number', polarity: 'higher', frequency: 'annual', rag_rule: 'met' } });
    if (method === 'post' && template.endsWith('/values')) return srv.admin('POST', p, { body: { period: freshPeriod(), value: 75 } });
    if (method === 'post' && template.endsWith('/targets')) return srv.admin('POST', p, { body: { period: '2025/26', value: 81 } });
    const current = await srv.admin('GET', `/api/v1/indicators/${id}`);
    const ifMatch = { 'if-match': current.headers.get('etag') ?? 'W/"1"' };
    if (archive) return srv.admin('POST', p, { headers: ifMatch });
    if (method === 'patch') return srv.admin('PATCH', p, { headers: ifMatch, body: { description: 'Contacts handled at first contact.' } });
    return undefined;
  }

  // Governance's action log, forward plan and work programme: a scrutiny panel and a cabinet,
  // a meeting of the panel and one of its standard agenda items, made once with plain
  // requests (bodies and meetings are another part of governance), then a record of its own
  // for each call that reads, changes or archives one.
  const governance = {};
  async function governanceRecords() {
    if (governance.item) return governance;
    const plain = async (path, body) => {
      const res = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 201, `POST ${path}: ${await res.clone().text()}`);
      return (await res.json()).id;
    };
    governance.panel = await plain('/api/v1/bodies', { name: 'Walk Scrutiny Panel', kind: 'scrutiny', parent_id: ids.council });
    governance.cabinet = await plain('/api/v1/bodies', { name: 'Walk Cabinet', kind: 'cabinet', parent_id: ids.council });
    governance.meeting = await plain('/api/v1/meetings', { body_id: governance.panel, date: '2026-06-04', start_time: '18:00' });
    governance.item = srv.sqlRows(`SELECT id FROM agenda_items WHERE meeting_id = '${governance.meeting}' AND standard = 'minutes'`)[0].id;
    return governance;
  }
  const governanceCreateBodies = {
    actions: () => ({ item_id: governance.item, text: 'Send the figures to the panel', owner_name: 'Head of Finance' }),
    'forward-plan': () => ({ body_id: governance.cabinet, reference: `WALK/${nextRef++}`, title: 'Parking charges', decision_maker: 'Cabinet', planned_on: '2027-03-11' }),
    'work-programme-topics': () => ({ title: `Topic ${nextRef++}` }),
  };
  const governanceCollections = { actions: '/api/v1/actions', 'forward-plan': '/api/v1/forward-plan', 'work-programme-topics': () => `/api/v1/bodies/${governance.panel}/work-programme` };
  const governancePatchBodies = { actions: { due_date: '2026-07-31' }, 'forward-plan': { summary: 'Evening charges in the town centre.' }, 'work-programme-topics': { status: 'scheduled' } };
  // The request for one operation of the action log, forward plan or work programme, or
  // undefined for another's.
  async function callGovernanceActions(method, template) {
    if (template === '/api/v1/my/actions') return srv.admin('GET', template);
    const nested = { '/api/v1/meetings/{id}/action-log': 'meeting', '/api/v1/bodies/{id}/work-programme': 'panel' }[template];
    const resource = /^\/api\/v1\/(actions|forward-plan|work-programme-topics)(\/|$)/.exec(template)?.[1] ?? (nested === 'panel' ? 'work-programme-topics' : undefined);
    if (!nested && !resource) return undefined;
    const g = await governanceRecords();
    if (nested === 'meeting') return srv.admin('GET', template.replace('{id}', g.meeting));
    if (nested || !template.includes('{id}')) {
      const p = template.replace('{id}', g.panel);
      return method === 'get' ? srv.admin('GET', p) : srv.admin('POST', p, { body: governanceCreateBodies[resource]() });
    }
    const collection = governanceCollections[resource];
    const id = await made(typeof collection === 'function' ? collection() : collection, governanceCreateBodies[resource]());
    const p = template.replace('{id}', id);
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'patch') return srv.admin('PATCH', p, { headers: { 'if-match': 'W/"1"' }, body: governancePatchBodies[resource] });
    return srv.admin('POST', p, { headers: { 'if-match': 'W/"1"' } });
  }

  // Governance's bodies, meetings, settings, attendance and declarations: a body with Sam as
  // its member, and for each archive or one-per-person create a meeting or record of its own.
  let nextGov = 1;
  const govDate = () => new Date(Date.UTC(2030, 0, 1 + 7 * nextGov++)).toISOString().slice(0, 10);
  const govRecords = {
    body: async () => {
      const id = await made('/api/v1/bodies', { name: `Walk Panel ${nextGov++}`, parent_id: ids.council, kind: 'scrutiny', quorum: 1, schedule_phrase: 'every Tuesday', schedule_first_date: '2030-01-01', schedule_time: '18:30' });
      await made('/api/v1/memberships', { person_id: ids.person, unit_id: id, role: 'Member', start_date: '2020-01-01' });
      return id;
    },
    meeting: async () => made('/api/v1/meetings', { body_id: (ids.govBody ??= await govRecords.body()), date: govDate() }),
    attendee: async () => made(`/api/v1/meetings/${await govRecords.meeting()}/attendees`, { person_id: ids.person }),
    item: async () => (await srv.admin('GET', `/api/v1/meetings/${await govRecords.meeting()}/agenda`)).json.items[1].id,
    declaration: async () => made(`/api/v1/agenda-items/${await govRecords.item()}/declarations`, { person_id: ids.person, kind: 'other registrable', nature: 'A governor of a school in the ward.' }),
  };
  const govCalls = {
    'get /api/v1/governance-settings': () => srv.admin('GET', '/api/v1/governance-settings'),
    'patch /api/v1/governance-settings': async () => srv.admin('PATCH', '/api/v1/governance-settings', { headers: { 'if-match': (await srv.admin('GET', '/api/v1/governance-settings')).headers.get('etag') }, body: { call_in_working_days: 5 } }),
    'post /api/v1/bodies': () => srv.admin('POST', '/api/v1/bodies', { body: { name: `Walk Committee ${nextGov++}`, parent_id: ids.council, kind: 'committee' } }),
    'patch /api/v1/bodies/{id}': () => ({ body: { terms_of_reference: 'To scrutinise the executive.' } }),
    'post /api/v1/bodies/{id}/archive': 'body',
    'post /api/v1/bodies/{id}/meetings/generation': async () => srv.admin('POST', `/api/v1/bodies/${(ids.govBody ??= await govRecords.body())}/meetings/generation`, { body: { from: '2031-01-01', to: '2031-01-31' } }),
    'post /api/v1/meetings': async () => srv.admin('POST', '/api/v1/meetings', { body: { body_id: (ids.govBody ??= await govRecords.body()), date: govDate() } }),
    'patch /api/v1/meetings/{id}': () => ({ body: { venue: 'Committee Room 1' } }),
    'post /api/v1/meetings/{id}/archive': 'meeting',
    'post /api/v1/meetings/{id}/attendees': async () => srv.admin('POST', `/api/v1/meetings/${await govRecords.meeting()}/attendees`, { body: { person_id: ids.person } }),
    'put /api/v1/meetings/{id}/register': async () => srv.admin('PUT', `/api/v1/meetings/${await govRecords.meeting()}/register`, { body: { rows: [{ person_id: ids.person, status: 'apologies' }] } }),
    'patch /api/v1/attendees/{id}': () => ({ body: { note: 'Arrived at 18:45.' } }),
    'post /api/v1/attendees/{id}/archive': 'attendee',
    'post /api/v1/agenda-items/{id}/declarations': async () => srv.admin('POST', `/api/v1/agenda-items/${await govRecords.item()}/declarations`, { body: { person_id: ids.person, kind: 'non-registrable', nature: 'A friend runs the contractor.' } }),
    'patch /api/v1/declarations/{id}': () => ({ body: { action: 'Left the room.' } }),
    'post /api/v1/declarations/{id}/archive': 'declaration',
  };
  const govKinds = { bodies: 'body', meetings: 'meeting', attendees: 'attendee', declarations: 'declaration' };
  async function callGovernance(method, template) {
    const key = `${method} ${template}`;
    const kind = govKinds[/^\/api\/v1\/([a-z-]+)\/\{id\}(\/agenda|\/attendees)?(\/archive)?$/.exec(template)?.[1]];
    const how = govCalls[key];
    if (typeof how === 'function' && !/\{id\}$/.test(template)) return how();
    if (!how && !(kind && method === 'get')) return undefined;
    // A record of the kind in the address: a fresh one to archive, else the one shared.
    const key2 = `gov${kind}`;
    const id = how === kind ? await govRecords[kind]() : (ids[key2] ??= await govRecords[kind]());
    const p = template.replace('{id}', id);
    if (method === 'get') return srv.admin('GET', p);
    const etag = (await srv.admin('GET', `/api/v1/${template.split('/')[3]}/${id}`)).headers.get('etag');
    if (how === kind) return srv.admin('POST', p, { headers: { 'if-match': etag } });
    return srv.admin('PATCH', p, { headers: { 'if-match': etag }, body: how().body });
  }

  // Governance's minutes and decisions: a cabinet and its meetings, made through the routes of
  // bodies and meetings without the document's checks (their own tests make them), and
  // decisions recorded under the standard items every agenda opens with. Each write gets
  // records of its own: a meeting with draft minutes and a later one, or a new decision.
  let nextMinutes = 1;
  const setupGovernance = async (method, path, body) => {
    const res = await fetch(`${srv.url}${path}`, { method, headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
    return res.json();
  };
  const minutesRecords = {
    cabinet: async () => (ids.cabinet ??= (await setupGovernance('POST', '/api/v1/bodies', { name: 'Cabinet', parent_id: ids.council, kind: 'cabinet' })).id),
    // A meeting with draft minutes, the later meeting that may approve them, and its ETag.
    minutes: async (approved = false) => {
      const n = String(nextMinutes++).padStart(2, '0');
      const meeting = async (date) => (await setupGovernance('POST', '/api/v1/meetings', { body_id: await minutesRecords.cabinet(), date, start_time: '10:00' })).id;
      const [a, b] = [await meeting(`2024-01-${n}`), await meeting(`2024-02-${n}`)];
      const item = srv.sql(`SELECT id FROM agenda_items WHERE meeting_id = '${a}' AND number = 3`);
      await made('/api/v1/decisions', { item_id: item, text: 'Agreed that the minutes be signed.' });
      let etag = (await srv.admin('GET', `/api/v1/meetings/${a}/minutes`)).headers.get('etag');
      if (approved) etag = (await srv.admin('POST', `/api/v1/meetings/${a}/minutes/approval`, { headers: { 'if-match': etag }, body: { at_meeting_id: b } })).headers.get('etag');
      return { a, b, etag };
    },
    // An executive decision taken yesterday, so still open to call-in.
    decision: async () => made('/api/v1/decisions', { body_id: await minutesRecords.cabinet(), title: 'Care leavers', text: 'Agreed.', decided_on: new Date(Date.now() - 86400000).toISOString().slice(0, 10) }),
  };
  async function callMinutes(method, template) {
    if (!/^\/api\/v1\/(meetings\/\{id\}\/minutes|decisions)/.test(template)) return undefined;
    if (template.startsWith('/api/v1/meetings/')) {
      const f = await minutesRecords.minutes(template.endsWith('/corrections'));
      const p = template.replace('{id}', f.a);
      if (method === 'get') return srv.admin('GET', p);
      if (template.endsWith('/approval')) return srv.admin('POST', p, { headers: { 'if-match': f.etag }, body: { at_meeting_id: f.b } });
      return srv.admin('POST', p, { body: { text: 'Read £1.2M for £1.4M.', reason: 'A typing error.' } });
    }
    if (template === '/api/v1/decisions.csv' || (template === '/api/v1/decisions' && method === 'get')) return srv.admin('GET', template);
    if (template === '/api/v1/decisions') return srv.admin('POST', template, { body: { body_id: await minutesRecords.cabinet(), title: 'Libraries', text: 'Agreed.', decided_on: '2025-04-10' } });
    const p = template.replace('{id}', await minutesRecords.decision());
    const ifMatch = { 'if-match': 'W/"1"' };
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'patch') return srv.admin('PATCH', p, { headers: ifMatch, body: { reasons: 'To support care leavers.' } });
    if (template.endsWith('/call-in')) return srv.admin('POST', p, { headers: ifMatch, body: { status: 'called_in', by: 'Councillor Pat Lee', reason: 'Not consulted on.' } });
    return srv.admin('POST', p, { headers: ifMatch });
  }

  // A body for the calendar feed, made straight through the bodies' route.
  async function makeBody() {
    const res = await fetch(`${srv.url}/api/v1/bodies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Audit Committee', parent_id: ids.council, kind: 'audit', access: 'public' }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text).id;
  }

  // Governance's agendas: a meeting of the committee (made without the document's check, as
  // meetings are another part's routes), its items and their documents, each made fresh where
  // an archive or a publication takes one of its own.
  async function unchecked(method, path, body) {
    const res = await fetch(`${srv.url}${path}`, { method, headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, `${method} ${path}: ${await res.clone().text()}`);
    return (await res.json()).id;
  }
  let nextMeetingDay = 0;
  const agendaRecords = {
    meeting: async () => unchecked('POST', '/api/v1/meetings', { body_id: (ids.body ??= await makeBody()), date: new Date(Date.UTC(2031, 5, 3 + 7 * nextMeetingDay++)).toISOString().slice(0, 10), start_time: '18:30' }),
    item: async () => made(`/api/v1/meetings/${(ids.meeting ??= await agendaRecords.meeting())}/items`, { title: 'Internal audit progress report' }),
    document: async () => made(`/api/v1/agenda-items/${(ids.agendaItem ??= await agendaRecords.item())}/documents`, { kind: 'report', title: 'The report' }),
  };
  async function callAgenda(method, template) {
    const resource = /^\/api\/v1\/(agenda-items|agenda-documents)(\/|$)/.exec(template)?.[1] ?? /^\/api\/v1\/meetings\/\{id\}\/(items|publication)$/.exec(template)?.[1];
    if (!resource) return undefined;
    const archive = template.endsWith('/archive');
    const key = { 'agenda-items': 'agendaItem', 'agenda-documents': 'agendaDocument', items: 'meeting', publication: 'meeting' }[resource];
    const make = { agendaItem: agendaRecords.item, agendaDocument: agendaRecords.document, meeting: agendaRecords.meeting }[key];
    const id = archive || resource === 'publication' ? await make() : (ids[key] ??= await make());
    const p = template.replace('{id}', id);
    if (method === 'get') return srv.admin('GET', p);
    if (resource === 'publication') return srv.admin('POST', p, { headers: { 'if-match': 'W/"1"' } });
    if (method === 'post' && template.endsWith('/items')) return srv.admin('POST', p, { body: { title: 'Strategic risk register' } });
    if (method === 'post' && template.endsWith('/documents')) return srv.admin('POST', p, { body: { kind: 'appendix', title: 'Appendix A' } });
    const current = await srv.admin('GET', `/api/v1/${resource}/${id}`);
    const ifMatch = { 'if-match': current.headers.get('etag') ?? 'W/"1"' };
    if (archive) return srv.admin('POST', p, { headers: ifMatch });
    return srv.admin('PATCH', p, { headers: ifMatch, body: resource === 'agenda-items' ? { purpose: 'To note progress.' } : { content: 'The full report.' } });
  }

  // The agenda pack and the minutes as documents (GET /api/v1/meetings/{id}/pack.pdf and the
  // rest): a meeting of a panel of its own with one item minuted, so that both documents exist
  // and each format is made for real (the administrator gets the members' edition).
  async function callPack(method, template) {
    if (!/^\/api\/v1\/meetings\/\{id\}\/(pack|minutes)\.(html|pdf|docx)$/.test(template)) return undefined;
    // Made without the document's check: bodies, meetings and items are other parts' routes.
    const setUp = async (urlPath, body) => {
      const res = await fetch(`${srv.url}${urlPath}`, { method: 'POST', headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      assert.equal(res.status, 201, `POST ${urlPath}: ${text}`);
      return JSON.parse(text).id;
    };
    if (!ids.packMeeting) {
      const body = await setUp('/api/v1/bodies', { name: 'Pack Scrutiny Panel', kind: 'scrutiny', parent_id: ids.council });
      ids.packMeeting = await setUp('/api/v1/meetings', { body_id: body, date: '2031-03-04', start_time: '18:30' });
      await setUp(`/api/v1/meetings/${ids.packMeeting}/items`, { title: 'Budget update', minutes_told: 'The panel was told the budget.' });
    }
    return srv.admin('GET', template.replace('{id}', ids.packMeeting));
  }

  async function signIn() {
    const csrf = 'openapi-walk-csrf-0123456789';
    const form = new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD, csrf_token: csrf }).toString();
    return srv.api('POST', '/sign-in', { rawBody: form, contentType: 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` });
  }

  // Governance's pages: a body with Sam as its member, a meeting of it, the meeting's first
  // agenda item, and an action, a decision and a forward plan entry of them, each made once.
  const govPageRecords = {
    bodies: async () => {
      const id = await made('/api/v1/bodies', { name: 'Walk Pages Panel', parent_id: ids.council, kind: 'scrutiny', quorum: 1, schedule_phrase: 'the first Tuesday of each month', schedule_first_date: '2031-01-07', schedule_time: '18:30' });
      await made('/api/v1/memberships', { person_id: ids.person, unit_id: id, role: 'Chair', start_date: '2020-01-01' });
      return id;
    },
    meetings: async () => made('/api/v1/meetings', { body_id: await govPageId('bodies'), date: '2031-02-04', start_time: '18:30' }),
    'agenda-items': async () => srv.sql(`SELECT id FROM agenda_items WHERE meeting_id = '${await govPageId('meetings')}' ORDER BY number LIMIT 1`),
    actions: async () => made('/api/v1/actions', { item_id: await govPageId('agenda-items'), text: 'Bring the contact figures back.', owner_person_id: ids.person }),
    decisions: async () => made('/api/v1/decisions', { item_id: await govPageId('agenda-items'), text: 'Agreed that the apologies be noted.' }),
    'forward-plan': async () => made('/api/v1/forward-plan', { body_id: await made('/api/v1/bodies', { name: 'Walk Pages Cabinet', parent_id: ids.council, kind: 'cabinet' }), reference: 'FP/2031/01', title: 'Walk key decision', decision_maker: 'Cabinet', planned_on: '2031-06-03' }),
  };
  const govPageIds = {};
  const govPageId = async (kind) => (govPageIds[kind] ??= await govPageRecords[kind]());

  // Risks: a register of Corporate Support's shared by the lists, and for each call that reads,
  // changes or archives a record one of its own (an appetite with a unit of its own, as there is
  // one appetite per category and unit).
  const riskIds = {};
  let nextRisk = 1;
  const riskBodies = {
    'risk-registers': () => ({ unit_id: ids.unit, kind: 'service', name: `Walk register ${nextRisk++}` }),
    risks: async () => ({ register_id: (riskIds.register ??= await made('/api/v1/risk-registers', riskBodies['risk-registers']())), reference: `W${nextRisk++}`, title: 'Walk risk', category: 'financial', inherent_likelihood: 3, inherent_impact: 3, current_likelihood: 2, current_impact: 2 }),
    'risk-issues': async () => ({ register_id: (riskIds.register ??= await made('/api/v1/risk-registers', riskBodies['risk-registers']())), reference: `I${nextRisk++}`, title: 'Walk issue', priority: 'low' }),
    'risk-appetites': async () => ({ category: 'legal', unit_id: await made('/api/v1/units', { name: `Walk risk unit ${nextRisk++}`, kind: 'team', parent_id: ids.unit }), max_score: 6 }),
  };
  const riskPatchBodies = { 'risk-registers': { description: 'Walked.' }, risks: { title: 'Walked risk' }, 'risk-issues': { description: 'Walked.' }, 'risk-appetites': { note: 'Walked.' } };
  // The request for one operation of risks, or undefined for another module's.
  async function callRisks(method, template) {
    if (template === '/api/v1/risk-matrix') {
      if (method === 'get') return srv.admin('GET', template);
      const etag = (await srv.admin('GET', template)).headers.get('etag');
      return srv.admin('PUT', template, { headers: { 'if-match': etag }, body: { extra_categories: [`walk ${nextRisk++}`] } });
    }
    if (template === '/api/v1/risk-matrix/preview') return srv.admin('POST', template, { body: { extra_categories: ['walk'] } });
    // Reviews, moves, acceptance, the heat map and the movement report, on a risk of their own.
    if (['/api/v1/risk-reviews/overdue', '/api/v1/risk-acceptances/due', '/api/v1/risk-heat-map', '/api/v1/risk-movement'].includes(template)) return srv.admin('GET', template);
    if (template === '/api/v1/risk-reviews/{id}') {
      const risk = await made('/api/v1/risks', await riskBodies.risks());
      return srv.admin('GET', template.replace('{id}', (await srv.admin('GET', `/api/v1/risks/${risk}/reviews`)).json.items[0].id));
    }
    if (template === '/api/v1/risks/{id}/reviews' && method === 'post') {
      return srv.admin('POST', template.replace('{id}', await made('/api/v1/risks', await riskBodies.risks())), { body: { current_likelihood: 2, current_impact: 3 } });
    }
    if (template === '/api/v1/risks/{id}/acceptance' || template === '/api/v1/risks/{id}/acceptance/withdrawal') {
      // A risk above a strategic appetite of 4, accepted (and then withdrawn).
      riskIds.appetite ??= await made('/api/v1/risk-appetites', { category: 'strategic', max_score: 4 });
      const risk = await made('/api/v1/risks', { ...(await riskBodies.risks()), category: 'strategic', current_likelihood: 3, current_impact: 3 });
      const until = `${new Date().getUTCFullYear() + 1}-01-31`;
      const accepted = await srv.admin('POST', template.replace('{id}', risk).replace('/withdrawal', ''), { headers: { 'if-match': 'W/"1"' }, body: { reason: 'Walked.', until } });
      if (!template.endsWith('/withdrawal')) return accepted;
      return srv.admin('POST', template.replace('{id}', risk), { headers: { 'if-match': 'W/"1"' } });
    }
    // A register's import (a one-line file of its own) and its exports.
    if (template === '/api/v1/risk-registers/{id}/import') {
      const csv = 'reference,title,description,owner,inherent_likelihood,inherent_impact,inherent_score,current_likelihood,current_impact,current_score\r\n' + `W${nextRisk++},Walk import,,Walk Owner,3,3,9,2,2,4\r\n`;
      return srv.admin('POST', template.replace('{id}', await made('/api/v1/risk-registers', riskBodies['risk-registers']())), { rawBody: csv, contentType: 'text/csv' });
    }
    if (/^\/api\/v1\/risk-registers\/\{id\}\/export\.(csv|xlsx)$/.test(template)) return srv.admin('GET', template.replace('{id}', (riskIds.register ??= await made('/api/v1/risk-registers', riskBodies['risk-registers']()))));
    const resource = /^\/api\/v1\/(risk-registers|risks|risk-issues|risk-appetites)(\/|$)/.exec(template)?.[1];
    if (!resource) return undefined;
    if (template === '/api/v1/risk-registers/{id}/risks') return srv.admin('GET', template.replace('{id}', (riskIds.register ??= await made('/api/v1/risk-registers', riskBodies['risk-registers']()))));
    const collection = `/api/v1/${resource}`;
    if (!template.includes('{id}')) return method === 'get' ? srv.admin('GET', template) : srv.admin('POST', template, { body: await riskBodies[resource]() });
    const p = template.replace('{id}', await made(collection, await riskBodies[resource]()));
    const version = { 'if-match': 'W/"1"' };
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'patch') return srv.admin('PATCH', p, { headers: version, body: riskPatchBodies[resource] });
    if (template.endsWith('/merge')) return srv.admin('POST', p, { headers: version, body: { into_id: await made('/api/v1/risks', await riskBodies.risks()) } });
    if (template.endsWith('/position')) return srv.admin('POST', p, { headers: version, body: { position: 1 } });
    return srv.admin('POST', p, { headers: version });
  }

  // Cases: a case type of its own for each call that reads, changes or archives one; a letter
  // (the default type LET) shared by the reads, and one of its own for each call that changes
  // one: closed first for a reopening, and an FOI request for an escalation, as a letter has
  // no stage to go on to.
  let nextCaseType = 1;
  const caseTypeBody = () => ({ code: `W${nextCaseType++}`, name: 'Walk requests', kind: 'own', stages: [{ key: 'reply', name: 'Reply', targets: [{ key: 'reply', label: 'Reply', working_days: 10 }] }] });
  const caseBody = (type = 'LET') => ({ case_type_id: type, received_on: '2026-02-02', channel: 'email', requester_kind: 'resident', requester_name: 'Pat Walker', requester_contact: 'pat.walker@example.org', subject: 'Walk', description: 'Please trim the hedge on Mill Lane.', unit_id: ids.unit });
  const caseActions = {
    responses: () => ({ target: 'reply', sent_on: '2026-02-04', body: 'Thank you for your letter: the hedge will be trimmed.' }),
    clock: () => ({ action: 'stop', on: '2026-02-03', reason: 'Waiting for Pat to say which part of the lane' }),
    escalation: () => ({ on: '2026-02-10', reason: 'Pat asks for an internal review' }),
    closure: () => ({ closed_on: '2026-02-05', outcome: 'answered', lessons: 'Ask for the exact place first.' }),
    reopening: () => ({ on: '2026-02-09', reason: 'The hedge was not trimmed' }),
  };
  // The case pages, as a signed-in browser uses them: the list with its filters, the intake
  // form, the shared letter's page, and each form opened and then sent on a case of its own (an
  // FOI request for an escalation, a letter closed first for a reopening) with the session's
  // CSRF token and the version the form was read at; each form's save must succeed.
  let caseSession;
  const caseBrowser = async () => (caseSession ??= (await signIn()).headers.getSetCookie().find((c) => c.startsWith('civic_session=')).split(';')[0]);
  const casePageForms = {
    intake: () => ({ case_type_id: 'LET', received_on: '2026-02-02', channel: 'email', requester_kind: 'resident', requester_name: 'Pat Walker', subject: 'Walk', unit_id: ids.unit }),
    response: caseActions.responses,
    clock: caseActions.clock,
    escalation: caseActions.escalation,
    closure: caseActions.closure,
    reopening: caseActions.reopening,
    'lessons-action': () => ({ place: lessonsPlanId }),
  };
  // A plan of its own for each action made from a case's lessons.
  let lessonsPlanId;
  const lessonsPlan = async () => (lessonsPlanId = await made('/api/v1/plans', { unit_id: ids.unit, kind: 'service', title: 'Lessons plan', period: '2025/26' }));
  async function callCasePages(method, template) {
    const cookie = await caseBrowser();
    const step = /^\/cases\/\{id\}\/(response|clock|escalation|closure|reopening|lessons-action)$/.exec(template)?.[1];
    let id = '';
    if (template.includes('{id}') && !step) id = ids.case ??= await made('/api/v1/cases', caseBody());
    if (step) id = await made('/api/v1/cases', caseBody(step === 'escalation' ? 'FOI' : 'LET'));
    if (step === 'reopening' || step === 'lessons-action') {
      const closed = await srv.admin('POST', `/api/v1/cases/${id}/closure`, { headers: { 'if-match': 'W/"1"' }, body: caseActions.closure() });
      assert.equal(closed.status, 200, closed.text);
    }
    if (step === 'lessons-action') await lessonsPlan();
    const p = template.replace('{id}', id);
    if (method === 'get') {
      let query = '';
      if (template === '/cases') {
        const letters = (await srv.admin('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'LET').id;
        query = `?show=all&unit_id=${ids.unit}&case_type_id=${letters}&status=open`;
      }
      const res = await srv.api('GET', `${p}${query}`, { cookie });
      assert.equal(res.status, 200, `GET ${template}: ${res.text.slice(0, 300)}`);
      return res;
    }
    const form = await srv.api('GET', template === '/cases' ? '/cases/new' : p, { cookie });
    assert.equal(form.status, 200, `the form for POST ${template}: ${form.text.slice(0, 300)}`);
    const sent = { csrf_token: /name="csrf_token"\s+value="([^"]+)"/.exec(form.text)?.[1] ?? '' };
    const version = /name="version"\s+value="([^"]+)"/.exec(form.text)?.[1];
    if (version) sent.version = version;
    Object.assign(sent, casePageForms[step ?? 'intake']());
    const res = await srv.api('POST', p, { cookie, rawBody: new URLSearchParams(sent).toString(), contentType: 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 303, `POST ${template}: ${res.text.slice(0, 300)}`);
    assert.match(res.headers.get('location') ?? '', step ? new RegExp(`^/cases/${id}$`) : /^\/cases\/[^/?]+$/);
    assert.ok(res.headers.getSetCookie().some((c) => c.startsWith('civic_flash=')), `POST ${template} sets civic_flash`);
    return res;
  }
  // Casework's statistics, feeds, report and self-assessments: a feed of its own (on an indicator
  // of its own) and a self-assessment of its own (for a year of its own) for each call on one.
  let nextAssessmentYear = 2040;
  const caseFeed = async () => {
    const indicator = await made('/api/v1/indicators', { code: `OA ${nextRef++}`, title: 'Requests on time', unit_id: ids.unit, measure_unit: 'percentage', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
    return made('/api/v1/case-indicator-feeds', { indicator_id: indicator, case_type_id: 'FOI' });
  };
  const selfAssessment = async () => {
    const y = nextAssessmentYear++;
    return { year: `${y}/${String((y + 1) % 100).padStart(2, '0')}` };
  };
  async function callCaseReports(method, template) {
    if (!/^\/api\/v1\/(case-statistics|case-indicator-feeds|case-reports|case-self-assessments)(\/|$)/.test(template)) return undefined;
    if (!template.includes('{id}')) {
      if (method === 'get') return srv.admin('GET', template);
      if (template === '/api/v1/case-self-assessments') return srv.admin('POST', template, { body: await selfAssessment() });
      const indicator = await made('/api/v1/indicators', { code: `OA ${nextRef++}`, title: 'Requests received', unit_id: ids.unit, measure_unit: 'number', polarity: 'higher', frequency: 'quarterly', rag_rule: 'met' });
      return srv.admin('POST', template, { body: { indicator_id: indicator, case_type_id: 'FOI', measure: 'volume' } });
    }
    const feeds = template.startsWith('/api/v1/case-indicator-feeds');
    const id = feeds ? await caseFeed() : await made('/api/v1/case-self-assessments', await selfAssessment());
    const p = template.replace('{id}', id);
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'patch') return srv.admin('PATCH', p, { headers: { 'if-match': 'W/"1"' }, body: { governance_response: 'Noted by the committee.' } });
    return srv.admin('POST', p, { headers: { 'if-match': 'W/"1"' } });
  }

  async function callCases(method, template) {
    const reports = await callCaseReports(method, template);
    if (reports) return reports;
    if (/^\/cases(\/|$)/.test(template)) return callCasePages(method, template);
    if (template === '/case-statistics') {
      const res = await srv.api('GET', `${template}?year=2025/26&case_type_id=LET`, { cookie: await caseBrowser() });
      assert.equal(res.status, 200, res.text.slice(0, 300));
      return res;
    }
    if (template === '/api/v1/subject-access') return srv.admin('GET', `${template}?name=Pat%20Walker`);
    if (template === '/api/v1/cases') return method === 'get' ? srv.admin('GET', `${template}?unit_id=${ids.unit}&status=open`) : srv.admin('POST', template, { body: caseBody() });
    if (template === '/api/v1/cases/import') return srv.admin('POST', template, { rawBody: `type,received_on,channel,requester_kind,requester_name,subject,unit\r\nLET,2026-02-02,letter,resident,Pat Walker,Walk,${ids.unit}\r\n`, contentType: 'text/csv' });
    if (template === '/api/v1/cases/{id}/attachments/{attachment_id}') {
      const id = await made('/api/v1/cases', caseBody('LET'));
      const attachments = [{ file_name: 'hedge.txt', media_type: 'text/plain', content: Buffer.from('The hedge will be trimmed.\n').toString('base64') }];
      const sent = await srv.admin('POST', `/api/v1/cases/${id}/responses`, { headers: { 'if-match': 'W/"1"' }, body: { ...caseActions.responses(), attachments } });
      assert.equal(sent.status, 201, sent.text);
      return srv.admin('GET', sent.json.attachments[0].href);
    }
    if (template === '/api/v1/cases/{id}/lessons-actions') {
      const id = await made('/api/v1/cases', caseBody());
      const closed = await srv.admin('POST', `/api/v1/cases/${id}/closure`, { headers: { 'if-match': 'W/"1"' }, body: caseActions.closure() });
      assert.equal(closed.status, 200, closed.text);
      return srv.admin('POST', template.replace('{id}', id), { body: { plan_id: await lessonsPlan() } });
    }
    if (template.startsWith('/api/v1/cases/')) {
      const step = /\/\{id\}\/(responses|clock|escalation|closure|reopening)$/.exec(template)?.[1];
      if (method === 'get') return srv.admin('GET', template.replace('{id}', (ids.case ??= await made('/api/v1/cases', caseBody()))));
      const id = await made('/api/v1/cases', caseBody(step === 'escalation' ? 'FOI' : 'LET'));
      const p = template.replace('{id}', id);
      let ifMatch = { 'if-match': 'W/"1"' };
      if (method === 'patch') return srv.admin('PATCH', p, { headers: ifMatch, body: { subject: 'Walked', officer_person_id: ids.person } });
      if (step === 'reopening') {
        const closed = await srv.admin('POST', `/api/v1/cases/${id}/closure`, { headers: ifMatch, body: caseActions.closure() });
        assert.equal(closed.status, 200, closed.text);
        ifMatch = { 'if-match': closed.headers.get('etag') };
      }
      return srv.admin('POST', p, { headers: ifMatch, body: caseActions[step]() });
    }
    if (!template.startsWith('/api/v1/case-types')) return undefined;
    if (template === '/api/v1/case-types') return method === 'get' ? srv.admin('GET', template) : srv.admin('POST', template, { body: caseTypeBody() });
    const p = template.replace('{id}', await made('/api/v1/case-types', caseTypeBody()));
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'patch') return srv.admin('PATCH', p, { headers: { 'if-match': 'W/"1"' }, body: { name: 'Walked requests' } });
    return srv.admin('POST', p, { headers: { 'if-match': 'W/"1"' } });
  }

  // Makes the request for one documented operation.
  async function call(method, template) {
    const cases = await callCases(method, template);
    if (cases) return cases;
    const packs = await callPack(method, template);
    if (packs) return packs;
    const plans = await callPlans(method, template);
    if (plans) return plans;
    const indicators = await callIndicators(method, template);
    if (indicators) return indicators;
    const governanceActions = await callGovernanceActions(method, template);
    if (governanceActions) return governanceActions;
    const governance = await callGovernance(method, template);
    if (governance) return governance;
    const agendas = await callAgenda(method, template);
    if (agendas) return agendas;
    const minutes = await callMinutes(method, template);
    if (minutes) return minutes;
    const risks = await callRisks(method, template);
    if (risks) return risks;
    const collection = /^\/(?:api\/v1\/)?(units|people|posts|memberships)\/\{id\}/.exec(template)?.[1];
    let id;
    if (collection) id = template.endsWith('/archive') ? await fresh[collection]() : ids[idFor[collection]];
    if (template.startsWith('/api/v1/calendar/days/{id}')) id = await freshCalendarDay();
    // The plans module's pages take the same records as its API.
    const planPage = /^\/(plans|plan-items|reviews)\/\{id\}/.exec(template)?.[1];
    if (planPage) id = ids[{ plans: 'plan', 'plan-items': 'planItem', reviews: 'review' }[planPage]];
    // So do the indicators' pages: an indicator, and a value in the state its form needs.
    if (/^\/indicators\/\{id\}/.test(template)) id = ids.indicator ??= await indicatorRecords.indicator();
    if (/^\/indicator-values\/\{id\}/.test(template)) {
      ids.indicator ??= await indicatorRecords.indicator();
      id = (await indicatorRecords.value(/\/(approve|return)$/.test(template) ? 'submitted' : 'draft')).id;
    }
    // Governance's calendar feed of a body: one body, made once.
    if (template === '/api/v1/bodies/{id}/calendar.ics') id = ids.body ??= await makeBody();
    // Governance's pages take the records their addresses name.
    const govPage = /^\/(bodies|meetings|agenda-items|actions|decisions|forward-plan)\/\{id\}/.exec(template)?.[1];
    if (govPage) id = await govPageId(govPage);
    // Risks' pages: a register, a risk or an issue of their own.
    const riskPage = /^\/(risk-registers|risks|risk-issues)\/\{id\}/.exec(template)?.[1];
    if (riskPage) id = await made(`/api/v1/${riskPage}`, await riskBodies[riskPage]());
    const p = template.replace('{id}', id ?? '').replace('{path}', 'civic.css').replace('{text}', '2025%2F26%20Q1').replace('{name}', 'walk');
    assert.ok(!p.includes('{'), `every parameter in ${template} was filled`);

    if (template === '/sign-in' && method === 'post') return signIn();
    if (template === '/sign-out' && method === 'post') {
      const signedIn = await signIn();
      const cookie = (signedIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')) ?? '').split(';')[0];
      const page = await srv.api('GET', '/', { cookie });
      const csrf = /name="csrf_token"\s+value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      return srv.api('POST', '/sign-out', { cookie, rawBody: new URLSearchParams({ csrf_token: csrf }).toString(), contentType: 'application/x-www-form-urlencoded' });
    }
    if (method === 'get') return srv.admin('GET', p);
    if (method === 'post' && createBodies[template]) return srv.admin('POST', p, { body: createBodies[template]() });
    if (method === 'post' && template.endsWith('/archive')) return srv.admin('POST', p, { headers: { 'if-match': 'W/"1"' } });
    if (method === 'patch' && collection) {
      const current = await srv.admin('GET', p);
      return srv.admin('PATCH', p, { headers: { 'if-match': current.headers.get('etag') ?? 'W/"1"' }, body: patchBodies[collection] });
    }
    return srv.admin(method.toUpperCase(), p, { body: {} });
  }

  it('answers every documented path and method with a status it documents', async (t) => {
    const failures = [];
    const seen = [];
    let calls = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        calls++;
        let res;
        try {
          res = await call(method, template);
        } catch (e) {
          failures.push(`${method.toUpperCase()} ${template}: ${e.message}`);
          continue;
        }
        const label = `${method.toUpperCase()} ${template} → ${res.status}`;
        seen.push(label);
        if (res.status === 404 || res.status === 405) {
          failures.push(`${label} (not served) ${res.text.slice(0, 200)}`);
          continue;
        }
        const documented = op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`] ?? op.responses.default;
        if (!documented) {
          failures.push(`${label}, which the document does not list (${Object.keys(op.responses).join(', ')}) ${res.text.slice(0, 200)}`);
          continue;
        }
        const response = deref(documented);
        const types = Object.keys(response.content ?? {});
        const got = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        if (types.length && !types.includes(got)) failures.push(`${label} with content-type ${got}, documented ${types.join(', ')}`);
        // The top-level required properties of a JSON answer are there.
        const schema = deref(response.content?.[got]?.schema);
        if (schema?.required && res.json) {
          const missing = schema.required.filter((k) => !(k in res.json));
          if (missing.length) failures.push(`${label} lacks ${missing.join(', ')}`);
        }
        for (const [name, h] of Object.entries(response.headers ?? {})) {
          if (name === 'Set-Cookie' || name === 'Retry-After') continue;
          if (!res.headers.get(name)) failures.push(`${label} lacks the documented header ${name}`);
          else if (deref(h).schema?.pattern && !new RegExp(deref(h).schema.pattern).test(res.headers.get(name)))
            failures.push(`${label} header ${name}: ${res.headers.get(name)}`);
        }
      }
    }
    t.diagnostic(seen.join('; '));
    assert.ok(calls >= 20, `walked ${calls} operations`);
    assert.deepEqual(failures, []);
  });

  it('documents every route the server answers', async () => {
    const listed = await runCli(['routes']);
    assert.equal(listed.code, 0, listed.stderr);
    const routes = listed.stdout.trim().split('\n').map((line) => line.split(' '));
    assert.ok(routes.length >= 40, `civic routes listed ${routes.length}`);
    const missing = routes
      .map(([method, pattern]) => [method.toLowerCase(), pattern.replace(/\{(\w+)\.\.\.\}/, '{$1}')])
      .filter(([method, pattern]) => !doc.paths[pattern]?.[method])
      .map(([method, pattern]) => `${method.toUpperCase()} ${pattern}`);
    assert.deepEqual(missing, []);
  });

  it('documents every query parameter each API route understands, and no other', async () => {
    const listed = await runCli(['routes', '--query']);
    assert.equal(listed.code, 0, listed.stderr);
    const mismatches = [];
    for (const line of listed.stdout.trim().split('\n')) {
      const [method, pattern, params = ''] = line.split(' ');
      if (!pattern.startsWith('/api/')) continue;
      const template = pattern.replace(/\{(\w+)\.\.\.\}/, '{$1}');
      const item = doc.paths[template];
      const op = item?.[method.toLowerCase()];
      if (!op) continue; // the test above reports an undocumented route
      const documented = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map(deref)
        .filter((x) => x.in === 'query')
        .map((x) => x.name)
        .sort();
      const served = params.split(',').filter(Boolean).sort();
      if (JSON.stringify(documented) !== JSON.stringify(served))
        mismatches.push(`${method} ${template}: documented [${documented}], served [${served}]`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('answers an unknown query parameter on every API read with a 422 that names it', async () => {
    for (const [template, item] of Object.entries(doc.paths)) {
      if (!template.startsWith('/api/') || !item.get) continue;
      const p = template.replace('{id}', ids.unit).replace('{text}', '2025%2F26');
      const res = await srv.admin('GET', `${p}${p.includes('?') ? '&' : '?'}colour=red`);
      assert.equal(res.status, 422, `${template}: ${res.text.slice(0, 200)}`);
      assert.deepEqual(res.json.errors.map((e) => e.field), ['colour'], template);
    }
  });

  it('gives every object schema of a request or an answer a component name', () => {
    const inline = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const contents = [op.requestBody?.content ?? {}, ...Object.values(op.responses).map((r) => r.content ?? {})];
        for (const content of contents)
          for (const [type, media] of Object.entries(content))
            if (media.schema && !media.schema.$ref && (['object', 'array'].includes(media.schema.type) || media.schema.properties)) inline.push(`${method.toUpperCase()} ${template} ${type}`);
      }
    }
    assert.deepEqual(inline, []);
  });

  it('says which operations only an administrator may call', () => {
    for (const [template, method] of [
      ['/api/v1/calendar/days', 'post'],
      ['/api/v1/calendar/days/{id}/archive', 'post'],
      ['/api/v1/audit', 'get'],
    ]) {
      assert.deepEqual(doc.paths[template][method].security, [{ bearerAuth: ['administrator'] }, { sessionCookie: ['administrator'] }], template);
    }
  });

  it('answers a cookie write without its CSRF token with the documented 403, and a form without it with a page or problem', async () => {
    const signedIn = await signIn();
    const cookie = (signedIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')) ?? '').split(';')[0];
    const write = await srv.api('POST', '/api/v1/units', { cookie, body: { name: 'Forged', kind: 'team', parent_id: ids.unit } });
    assert.equal(write.status, 403);
    const form = await srv.api('POST', '/units', { cookie, rawBody: 'name=Forged&kind=team', contentType: 'application/x-www-form-urlencoded', headers: { accept: 'text/html' } });
    assert.equal(form.status, 403);
    assert.match(form.headers.get('content-type'), /^text\/html/);
  });

  it('refuses a blank name from the edit form as the API does', async () => {
    const signedIn = await signIn();
    const cookie = (signedIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')) ?? '').split(';')[0];
    const page = await srv.api('GET', `/units/${ids.unit}/edit`, { cookie });
    const csrf = /name="csrf_token"\s+value="([^"]+)"/.exec(page.text)[1];
    const version = /name="version"\s+value="([^"]+)"/.exec(page.text)[1];
    const before = srv.sql(`SELECT name || '|' || version FROM units WHERE id = '${ids.unit}'`);
    const res = await srv.api('POST', `/units/${ids.unit}`, {
      cookie,
      rawBody: new URLSearchParams({ csrf_token: csrf, version, name: '   ', kind: 'directorate', parent_id: ids.council, description: '' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /Enter the unit(&#39;|&apos;|')s name/);
    assert.equal(srv.sql(`SELECT name || '|' || version FROM units WHERE id = '${ids.unit}'`), before);
    const api = await srv.admin('PATCH', `/api/v1/units/${ids.unit}`, { headers: { 'if-match': `W/"${version}"` }, body: { name: '' } });
    assert.equal(api.status, 422);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await assertStopsCleanly(srv);
  });
});
