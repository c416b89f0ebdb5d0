// SPDX-License-Identifier: AGPL-3.0-or-later
// Files sent with a case's response (issue 12): stored with the response in one transaction,
// listed with it, and downloaded as exactly the bytes sent, with their type and a
// Content-Disposition that names them (RFC 6266, filename* for a name that is not ASCII). Each
// bad file is refused naming its field (attachments[0].content) and nothing is stored. They are
// the requester's personal data: 404 to anyone not handling the case, every download audited
// as a read that keeps neither name nor bytes, emptied by the retention rule, and given whole
// to a subject-access request.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertStopsCleanly, auditRows, create, backend, ADMIN_PASSWORD } from './harness.mjs';
import { assertConforms } from './openapi-check.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
// A PNG's signature and then every byte value, so that nothing binary is lost on the way.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const CSV = Buffer.from('year,amount\r\n2025/26,"£1,204.50"\r\n', 'utf8');
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26)]);
const b64 = (buf) => buf.toString('base64');
const file = (file_name, media_type, bytes) => ({ file_name, media_type, content: b64(bytes) });

// A form as a browser posts it with enctype="multipart/form-data" (RFC 7578).
function multipart(fields, files = []) {
  const boundary = '----CivicTestBoundary7MA4YWxkTrZu0gW';
  const parts = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { rawBody: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`cases: files sent with a response (${backend})`, { timeout: 180000 }, () => {
  let srv;
  const u = {};
  const p = {};
  const tokens = {};
  let letters;
  const as = (who) => (method, path, opts = {}) => srv.api(method, path, { token: tokens[who], ...opts });
  const count = (table) => Number(srv.sql(`SELECT count(*) FROM ${table}`));
  const counted = () => ['case_responses', 'case_attachments', 'case_events', 'audit_log'].map(count);
  const errorOf = (res, field) => res.json.errors?.find((e) => e.field === field)?.message;

  async function newCase(body) {
    const res = await as('handler')('POST', '/api/v1/cases', {
      body: { case_type_id: letters, channel: 'email', requester_kind: 'resident', requester_name: 'Jane Resident', requester_contact: 'jane@example.org', unit_id: u.customer.id, officer_person_id: p.alice.id, received_on: '2026-11-02', subject: 'Spending on temporary accommodation', ...body },
    });
    assert.equal(res.status, 201, res.text);
    return res.json;
  }
  // A response at the case's current version.
  async function respond(k, body, who = 'handler') {
    const now = await as(who)('GET', `/api/v1/cases/${k.id}`);
    return as(who)('POST', `/api/v1/cases/${k.id}/responses`, { headers: { 'if-match': now.headers.get('etag') }, body: { target: 'reply', sent_on: '2026-11-04', body: 'Dear Jane, the figures are attached.', ...body } });
  }
  // A download, read as bytes (the harness's api() reads text), checked against the document.
  async function download(href, who = 'handler') {
    const url = `${srv.url}${href}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${tokens[who]}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('latin1');
    assertConforms('GET', url, { status: res.status, headers: res.headers, text, json: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined });
    return { status: res.status, headers: res.headers, bytes, text, json: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined };
  }

  before(async () => {
    srv = await startServer();
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.customer = await create(srv, 'units', { name: 'Customer Services', kind: 'department', parent_id: u.council.id });
    u.planning = await create(srv, 'units', { name: 'Planning', kind: 'department', parent_id: u.council.id });
    p.alice = await create(srv, 'people', { name: 'Alice Handler', kind: 'officer' });
    p.carol = await create(srv, 'people', { name: 'Carol Planner', kind: 'officer' });
    tokens.handler = await srv.addUser('alice', 'editor', { unit: u.customer.id, person: p.alice.id });
    tokens.viewer = await srv.addUser('customer-viewer', 'viewer', { unit: u.customer.id });
    tokens.outsider = await srv.addUser('carol', 'editor', { unit: u.planning.id, person: p.carol.id });
    tokens.admin = srv.token;
    letters = (await srv.admin('GET', '/api/v1/case-types')).json.items.find((t) => t.code === 'LET').id;
  });
  after(async () => {
    await srv?.cleanup();
  });

  let k;
  let sent;
  it('stores a response with its files in one go, lists them with it, and gives back exactly the bytes sent', async () => {
    k = await newCase({});
    const res = await respond(k, { attachments: [file('letter.pdf', 'application/pdf', PDF), file('Spending 2025–26.csv', 'text/csv', CSV), file('photo.PNG', 'image/png', PNG)] });
    assert.equal(res.status, 201, res.text);
    sent = res.json;
    assert.deepEqual(sent.attachments.map((a) => [a.file_name, a.media_type, a.size_bytes, a.removed_on, a.href]), [
      ['letter.pdf', 'application/pdf', PDF.length, null, `/api/v1/cases/${k.id}/attachments/${sent.attachments[0].id}`],
      ['Spending 2025–26.csv', 'text/csv', CSV.length, null, `/api/v1/cases/${k.id}/attachments/${sent.attachments[1].id}`],
      ['photo.PNG', 'image/png', PNG.length, null, `/api/v1/cases/${k.id}/attachments/${sent.attachments[2].id}`],
    ]);
    assert.ok(sent.attachments.every((a) => !('content' in a)));
    const listed = await as('handler')('GET', `/api/v1/cases/${k.id}/responses`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.json.items.map((r) => r.attachments), [sent.attachments]);
    assert.deepEqual(srv.sqlRows(`SELECT position, file_name, media_type, size_bytes, content, recorded_by FROM case_attachments WHERE response_id = '${sent.id}' ORDER BY position`), [
      { position: 1, file_name: 'letter.pdf', media_type: 'application/pdf', size_bytes: PDF.length, content: b64(PDF), recorded_by: 'alice' },
      { position: 2, file_name: 'Spending 2025–26.csv', media_type: 'text/csv', size_bytes: CSV.length, content: b64(CSV), recorded_by: 'alice' },
      { position: 3, file_name: 'photo.PNG', media_type: 'image/png', size_bytes: PNG.length, content: b64(PNG), recorded_by: 'alice' },
    ]);

    const pdf = await download(sent.attachments[0].href);
    assert.equal(pdf.status, 200);
    assert.deepEqual(pdf.bytes, PDF);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="letter.pdf"');
    assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
    const csv = await download(sent.attachments[1].href);
    assert.deepEqual(csv.bytes, CSV);
    assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="Spending 2025_26.csv"; filename*=UTF-8\'\'Spending%202025%E2%80%9326.csv');
    const png = await download(sent.attachments[2].href);
    assert.deepEqual(png.bytes, PNG);
    assert.equal(png.headers.get('content-type'), 'image/png');
  });

  it('records in the audit trail how many files were sent and their sizes, never their names or bytes', () => {
    const [created] = auditRows(srv.dbPath, sent.id);
    assert.equal(created.action, 'create');
    assert.deepEqual(created.after.attachments, { count: 3, size_bytes: [PDF.length, CSV.length, PNG.length] });
    assert.doesNotMatch(created.after_json, /letter\.pdf|Spending|photo/);
    assert.equal(created.after_json.includes(b64(PDF)), false);
  });

  it('refuses each bad file naming its field, in plain words, and stores nothing', async () => {
    const bad = await newCase({ subject: 'Refused files' });
    const before = counted();
    const refused = async (attachments, field, pattern) => {
      const res = await respond(bad, { attachments });
      assertProblem(res, 422, { fields: [field] });
      if (pattern) assert.match(errorOf(res, field), pattern);
      return res;
    };
    await refused([{ media_type: 'application/pdf', content: b64(PDF) }], 'attachments[0].file_name', /Give the file's name/);
    await refused([file('../../etc/letter.pdf', 'application/pdf', PDF)], 'attachments[0].file_name', /cannot hold \/ or \\/);
    await refused([file('letter\u0007.pdf', 'application/pdf', PDF)], 'attachments[0].file_name', /control characters/);
    await refused([file(`${'a'.repeat(197)}.pdf`, 'application/pdf', PDF)], 'attachments[0].file_name', /at most 200 characters; this one has 201/);
    await refused([file('page.html', 'text/html', Buffer.from('<p>hi</p>'))], 'attachments[0].media_type', /page\.html is of type text\/html, which Civic does not keep/);
    await refused([file('letter.pdf', 'application/pdf', PNG)], 'attachments[0].content', /letter\.pdf does not match its media type, PDF/);
    await refused([file('photo.png', 'image/png', PDF)], 'attachments[0].content', /PNG image/);
    await refused([file('photo.jpg', 'image/jpeg', PNG)], 'attachments[0].content', /JPEG image/);
    await refused([file('reply.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', PDF)], 'attachments[0].content', /Word document/);
    await refused([file('notes.txt', 'text/plain', Buffer.from('a\0b'))], 'attachments[0].content', /text never does/);
    await refused([{ file_name: 'letter.pdf', media_type: 'application/pdf', content: 'not base64!' }], 'attachments[0].content', /base64/);
    await refused([{ file_name: 'letter.pdf', media_type: 'application/pdf', content: '' }], 'attachments[0].content', /letter\.pdf is empty/);
    await refused([{ file_name: 'letter.pdf', media_type: 'application/pdf' }], 'attachments[0].content', /in base64/);
    await refused([file('big.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length)]))], 'attachments[0].content', /big\.pdf is too large \(5,242,881 bytes\): a file may be at most 5 MB \(5,242,880 bytes\)/);
    await refused(Array.from({ length: 11 }, (_, i) => file(`${i}.pdf`, 'application/pdf', PDF)), 'attachments', /at most 10 files to a response; 11 were sent/);
    await refused('letter.pdf', 'attachments', /a list of files/);
    await refused([{ ...file('letter.pdf', 'application/pdf', PDF), colour: 'red' }], 'attachments[0].colour');
    await refused([{ file_name: 'letter.pdf', media_type: 'application/pdf', content: 42 }], 'attachments[0].content', /must be text/);
    // One bad file refuses them all: the good one before it is not kept either.
    await refused([file('letter.pdf', 'application/pdf', PDF), file('sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', CSV)], 'attachments[1].content', /sheet\.xlsx does not match its media type, Excel spreadsheet/);
    assert.deepEqual(counted(), before);
    // The media type may be left out when the name says it; Word, Excel and OpenDocument
    // files are zip archives.
    const res = await respond(bad, { attachments: [{ file_name: 'Reply.ODT', content: b64(ZIP) }] });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json.attachments.map((a) => a.media_type), ['application/vnd.oasis.opendocument.text']);
  });

  it('refuses the files to anyone not handling the case (404), auditing each download as a read that keeps neither name nor bytes', async () => {
    const href = sent.attachments[0].href;
    const reads = () => auditRows(srv.dbPath, k.id).filter((a) => a.action === 'read');
    const before = reads().length;
    for (const who of ['viewer', 'outsider']) assertProblem((await download(href, who)), 404);
    const other = await newCase({ subject: 'Another case' });
    assertProblem(await download(`/api/v1/cases/${other.id}/attachments/${sent.attachments[0].id}`), 404);
    assertProblem(await download(`/api/v1/cases/${k.id}/attachments/0191b0a4-0000-7000-8000-000000000000`), 404);
    assertProblem(await download(`/api/v1/cases/${k.id}/attachments/not-an-id`), 404);
    assert.equal(reads().length, before);

    assert.equal((await download(href)).status, 200);
    assert.equal((await download(href, 'admin')).status, 200);
    const after = reads().slice(before);
    assert.deepEqual(after.map((a) => [a.actor, a.after]), [
      ['alice', { reference: k.reference, read: 'attachment', attachment_id: sent.attachments[0].id }],
      ['admin', { reference: k.reference, read: 'attachment', attachment_id: sent.attachments[0].id }],
    ]);
  });

  it('gives a subject-access request every file, bytes and all', async () => {
    const res = await srv.admin('GET', '/api/v1/subject-access?name=Jane%20Resident');
    assert.equal(res.status, 200, res.text);
    const found = res.json.cases.find((c) => c.id === k.id);
    assert.deepEqual(found.responses[0].attachments.map((a) => [a.file_name, a.media_type, a.size_bytes, a.content]), [
      ['letter.pdf', 'application/pdf', PDF.length, b64(PDF)],
      ['Spending 2025–26.csv', 'text/csv', CSV.length, b64(CSV)],
      ['photo.PNG', 'image/png', PNG.length, b64(PNG)],
    ]);
  });

  it('empties the files\' names and bytes under the retention rule, keeping their types and sizes', async () => {
    const old = await newCase({ received_on: '2018-03-01', requester_name: 'Olive Oldcase', subject: 'Old letter' });
    const res = await respond(old, { sent_on: '2018-03-05', body: 'Dear Olive, the timetable is attached.', attachments: [file('Olive timetable.pdf', 'application/pdf', PDF)] });
    assert.equal(res.status, 201, res.text);
    const now = await as('handler')('GET', `/api/v1/cases/${old.id}`);
    const closed = await as('handler')('POST', `/api/v1/cases/${old.id}/closure`, { headers: { 'if-match': now.headers.get('etag') }, body: { closed_on: '2018-03-05', outcome: 'answered' } });
    assert.equal(closed.status, 200, closed.text);
    const run = await srv.cli(['cases', 'apply-retention', '--db', srv.dbPath]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Removed the personal data of 1 closed case\./);
    const [row] = srv.sqlRows(`SELECT file_name, media_type, size_bytes, content, removed_on FROM case_attachments WHERE case_id = '${old.id}'`);
    assert.deepEqual([row.file_name, row.media_type, row.size_bytes, row.content], ['', 'application/pdf', PDF.length, '']);
    assert.match(row.removed_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(Number(srv.sql(`SELECT count(*) FROM audit_log WHERE after_json LIKE '%Olive timetable%' OR before_json LIKE '%Olive timetable%'`)), 0);
    const gone = await download(res.json.attachments[0].href);
    assertProblem(gone, 404);
    assert.match(gone.json.detail, /removed on \d{4}-\d{2}-\d{2} under the retention rule/);
    const listed = await as('handler')('GET', `/api/v1/cases/${old.id}/responses`);
    assert.deepEqual(listed.json.items[0].attachments.map((a) => [a.file_name, a.media_type, a.size_bytes, a.removed_on]), [['', 'application/pdf', PDF.length, row.removed_on]]);
    // The files of cases still within their years are kept.
    assert.equal(srv.sql(`SELECT content FROM case_attachments WHERE response_id = '${sent.id}' AND position = 1`), b64(PDF));
  });

  it('reads the response form posted as multipart/form-data, with its files, refusing it without its CSRF token', async () => {
    const csrf = 'attachments-test-csrf-0123456789';
    const signedIn = await srv.api('POST', '/sign-in', { rawBody: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD, csrf_token: csrf }).toString(), contentType: 'application/x-www-form-urlencoded', cookie: `civic_csrf=${csrf}` });
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('civic_session=')).split(';')[0];
    const letter = await newCase({ subject: 'Sent from the form' });
    const form = await srv.api('GET', `/cases/${letter.id}/response`, { cookie });
    assert.equal(form.status, 200, form.text.slice(0, 300));
    assert.match(form.text, /<form method="post" action="\/cases\/[^"]+\/response" enctype="multipart\/form-data"/);
    assert.match(form.text, /<input class="govuk-file-upload" id="attachments" name="attachments" type="file" multiple accept="\.pdf,/);
    const token = /name="csrf_token"\s+value="([^"]+)"/.exec(form.text)[1];
    const fields = { version: /name="version"\s+value="([^"]+)"/.exec(form.text)[1], target: 'reply', sent_on: '2026-11-04', body: 'Dear Jane, the letter is attached.' };
    const before = counted();

    const forged = await srv.api('POST', `/cases/${letter.id}/response`, { cookie, ...multipart(fields, [{ name: 'letter.pdf', type: 'application/pdf', bytes: PDF }]) });
    assert.equal(forged.status, 403);
    // A file that is not what it says: the form again, the error summary naming the upload.
    const refused = await srv.api('POST', `/cases/${letter.id}/response`, { cookie, headers: { accept: 'text/html' }, ...multipart({ csrf_token: token, ...fields }, [{ name: 'letter.pdf', type: 'application/pdf', bytes: PNG }]) });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<a href="#attachments">letter\.pdf does not match its media type, PDF/);
    assert.deepEqual(counted(), before);

    // A file input left empty sends a part with no name and no bytes: no file.
    const empty = { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) };
    // A browser that does not know a type sends application/octet-stream, and some a path.
    const csv = { name: 'C:\\Users\\officer\\figures.csv', type: 'application/octet-stream', bytes: CSV };
    const saved = await srv.api('POST', `/cases/${letter.id}/response`, { cookie, ...multipart({ csrf_token: token, ...fields }, [{ name: 'letter.pdf', type: 'application/pdf', bytes: PDF }, csv, empty]) });
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    assert.deepEqual(srv.sqlRows(`SELECT a.position, a.file_name, a.media_type, a.content FROM case_attachments a JOIN case_responses r ON r.id = a.response_id WHERE r.case_id = '${letter.id}' ORDER BY a.position`), [
      { position: 1, file_name: 'letter.pdf', media_type: 'application/pdf', content: b64(PDF) },
      { position: 2, file_name: 'figures.csv', media_type: 'text/csv', content: b64(CSV) },
    ]);
    const page = await srv.api('GET', `/cases/${letter.id}`, { cookie });
    assert.match(page.text, /<a class="govuk-link" href="\/api\/v1\/cases\/[^"]+\/attachments\/[^"]+">letter\.pdf<\/a> \(PDF, \d+ bytes\)/);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
