// SPDX-License-Identifier: AGPL-3.0-or-later
// A risk register imported and exported (issue 11): Fenland's published register imported by
// `civic import risks` reads back through the API in the file's order with the scores of an
// independent extraction, owners matched or kept as written; a bad file is refused whole by
// the command line (exit 1, each line's error) and by the API (422), storing nothing; the CSV
// export imports back into another register as the same rows; the XLSX export is a workbook.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, assertProblem, create, runCli, repoRoot, backend } from './harness.mjs';

const FIXTURE = path.join(repoRoot, 'tests/fixtures/risks/fenland-2019.csv');
const SCORES = path.join(repoRoot, 'tests/fixtures/risks/fenland-2019-scores.csv');

// RFC 4180: quoted fields, doubled quotes, CRLF or LF; a leading byte-order mark dropped.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// What the independent extraction says of each risk, in the register's order.
const expected = parseCsv(readFileSync(SCORES, 'utf8'))
  .sort((a, b) => Number(a.order_in_register) - Number(b.order_in_register))
  .map((r) => ({
    reference: r.reference,
    inherent: [Number(r.inherent_likelihood), Number(r.inherent_impact), Number(r.inherent_score)],
    current: [Number(r.current_likelihood), Number(r.current_impact), Number(r.current_score)],
    owner: r.risk_owner,
  }));
// The people the organisation register holds: their risks are theirs, the rest kept as written.
const PEOPLE = ['Peter Catchpole', 'Paul Medd'];

describe(`risks: a register imported and exported (${backend})`, { timeout: 120000 }, () => {
  let srv;
  let dir;
  const regs = {};

  const shown = (v) => ({ reference: v.reference, inherent: [v.inherent.likelihood, v.inherent.impact, v.inherent.score], current: [v.current.likelihood, v.current.impact, v.current.score], owner: v.owner_name });
  async function risksOf(register, query = '') {
    const res = await srv.admin('GET', `/api/v1/risks?register_id=${register.id}&limit=100${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.items;
  }
  const counted = () => {
    const [row] = srv.sqlRows("SELECT (SELECT count(*) FROM risks) AS risks, (SELECT count(*) FROM risk_reviews) AS reviews, (SELECT count(*) FROM audit_log) AS audit");
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };

  before(async () => {
    srv = await startServer();
    dir = mkdtempSync(path.join(tmpdir(), 'civic-risks-import-'));
    const council = await create(srv, 'units', { name: 'Fenland District Council', kind: 'council' });
    for (const name of PEOPLE) await create(srv, 'people', { name, kind: 'officer', unit_id: council.id });
    regs.corporate = await create(srv, 'risk-registers', { unit_id: council.id, kind: 'corporate', name: 'Corporate Risk Register' });
    regs.copy = await create(srv, 'risk-registers', { unit_id: council.id, kind: 'corporate', name: 'Corporate Risk Register (copy)' });
    regs.bad = await create(srv, 'risk-registers', { unit_id: council.id, kind: 'service', name: 'Refused Register' });
  });
  after(async () => {
    await srv?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the published register by the command line, in its order, with the extracted scores', async () => {
    const r = await runCli(['import', 'risks', FIXTURE, '--register', regs.corporate.id, '--db', srv.dbPath]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Imported ${expected.length} risks from `));
    const risks = await risksOf(regs.corporate);
    assert.deepEqual(risks.map(shown), expected);
    assert.deepEqual(risks.map((v) => v.position), expected.map((_, i) => i + 1));
    assert.deepEqual(risks.map((v) => v.category), expected.map(() => 'operational'));
    const byRef = Object.fromEntries(risks.map((v) => [v.reference, v]));
    assert.equal(byRef['9'].owner_text, 'CMT');
    assert.equal(byRef['9'].owner_person_id, null);
    assert.equal(byRef['4'].owner_text, 'Carol Pilson / Peter Catchpole');
    assert.equal(byRef['4'].owner_person_id, null);
    assert.equal(byRef['6'].owner_text, '');
    assert.equal(typeof byRef['6'].owner_person_id, 'string');
    // The owners kept as written are listed once each, in the order first met.
    const toTidy = [...new Set(expected.map((e) => e.owner).filter((o) => !PEOPLE.includes(o)))];
    assert.ok(toTidy.includes('CMT') && toTidy.includes('Carol Pilson / Peter Catchpole'));
    assert.equal(r.stdout, `Imported ${expected.length} risks from ${FIXTURE}.\nOwners kept as written, matching no one in the organisation register (to tidy):\n${toTidy.map((o) => `  ${o}\n`).join('')}`);
    // Each risk has its first assessment, and its creation is audited.
    const [audited] = srv.sqlRows(`SELECT count(*) AS n FROM audit_log WHERE entity = 'risk' AND action = 'create' AND entity_id IN (SELECT id FROM risks WHERE register_id = '${regs.corporate.id}')`);
    assert.equal(Number(audited.n), expected.length);
    const detail = await srv.admin('GET', `/api/v1/risks/${byRef['9'].id}/reviews`);
    assert.equal(detail.status, 200, detail.text);
    assert.deepEqual(detail.json.items.map((v) => [v.current_likelihood, v.current_impact, v.commentary]), [[4, 4, 'Imported with the register.']]);
  });

  it('sorts the imported risks by current score with ?order=score', async () => {
    const risks = await risksOf(regs.corporate, '&order=score');
    const byScore = expected.map((e, i) => ({ ...e, i })).sort((a, b) => b.current[2] - a.current[2] || a.i - b.i);
    assert.deepEqual(risks.map((v) => v.reference), byScore.map((e) => e.reference));
  });

  it('refuses a bad file whole: each line named by the command line and the API, nothing stored', async () => {
    const header = 'reference,title,description,owner,inherent_likelihood,inherent_impact,inherent_score,current_likelihood,current_impact,current_score';
    const bad = [header, 'B1,Good risk,,CMT,3,3,9,2,2,4', 'B2,Too likely,,CMT,6,3,18,2,2,4', 'B3,Wrong sum,,CMT,3,3,9,2,3,5', 'B4,,No title here,CMT,3,3,9,2,2,4', ''].join('\r\n');
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, bad);
    const before = counted();
    const r = await runCli(['import', 'risks', file, '--register', regs.bad.id, '--db', srv.dbPath]);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^civic: .*bad\.csv was not imported\.\n/);
    assert.match(r.stderr, /\n {2}line 3, column inherent_likelihood: /);
    assert.match(r.stderr, /\n {2}line 4, column current_score: /);
    assert.match(r.stderr, /\n {2}line 5, column title: /);
    assert.doesNotMatch(r.stderr, /line 2,/);
    assert.deepEqual(counted(), before);

    const res = await srv.admin('POST', `/api/v1/risk-registers/${regs.bad.id}/import`, { rawBody: bad, contentType: 'text/csv' });
    const p = assertProblem(res, 422, { fields: ['line 3, column inherent_likelihood', 'line 4, column current_score', 'line 5, column title'] });
    assert.deepEqual(p.errors.map((e) => e.field), ['line 3, column inherent_likelihood', 'line 4, column current_score', 'line 5, column title']);
    assert.match(p.detail, /^The file was not imported: 3 problems found, and nothing was written\./);
    assert.deepEqual(counted(), before);
    assert.deepEqual(await risksOf(regs.bad), []);

    assertProblem(await srv.admin('POST', `/api/v1/risk-registers/${regs.bad.id}/import`, { body: { csv: bad } }), 415);
    const again = await runCli(['import', 'risks', FIXTURE, '--register', regs.corporate.id, '--db', srv.dbPath]);
    assert.equal(again.code, 1, again.stdout);
    assert.match(again.stderr, /line 2, column reference: Another risk in this register has the reference 9/);
    const usage = await runCli(['import', 'risks', FIXTURE, '--db', srv.dbPath]);
    assert.equal(usage.code, 2, usage.stderr);
  });

  it('answers a viewer who may read the register but not change it 404, as a change would, storing nothing', async () => {
    const token = await srv.addUser('fenland-viewer', 'viewer', { unit: 'Fenland District Council' });
    const seen = await srv.api('GET', `/api/v1/risk-registers/${regs.bad.id}`, { token });
    assert.equal(seen.status, 200, seen.text);
    const before = counted();
    const res = await srv.api('POST', `/api/v1/risk-registers/${regs.bad.id}/import`, { token, rawBody: readFileSync(FIXTURE, 'utf8'), contentType: 'text/csv' });
    assertProblem(res, 404, { detail: /that you can import into/ });
    assert.deepEqual(counted(), before);
  });

  it('exports CSV that imports back as the same rows, and XLSX as a workbook', async () => {
    const csv = await srv.admin('GET', `/api/v1/risk-registers/${regs.corporate.id}/export.csv`);
    assert.equal(csv.status, 200, csv.text);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="corporate-risk-register.csv"');
    const res = await srv.admin('POST', `/api/v1/risk-registers/${regs.copy.id}/import`, { rawBody: csv.text, contentType: 'text/csv' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.created, expected.length);
    const strip = (v) => ({ ...shown(v), title: v.title, description: v.description, owner_text: v.owner_text, owner_person_id: v.owner_person_id, category: v.category, controls: v.controls, actions_text: v.actions_text, next_review_on: v.next_review_on, status: v.status });
    assert.deepEqual((await risksOf(regs.copy)).map(strip), (await risksOf(regs.corporate)).map(strip));
    const again = await srv.admin('GET', `/api/v1/risk-registers/${regs.copy.id}/export.csv`);
    assert.equal(again.text, csv.text);

    const xlsx = await fetch(`${srv.url}/api/v1/risk-registers/${regs.corporate.id}/export.xlsx`, { headers: { authorization: `Bearer ${srv.token}` } });
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(xlsx.headers.get('content-disposition'), 'attachment; filename="corporate-risk-register.xlsx"');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  });
});
