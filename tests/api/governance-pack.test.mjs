// SPDX-License-Identifier: AGPL-3.0-or-later
// The agenda pack and the minutes as documents (issue 10, item 11): one document each, with a
// contents list and one page numbering, as printable HTML, as PDF (headless Chromium, tagged,
// with bookmarks) and as DOCX (pandoc), each read back with tools Civic did not write:
// pdftotext and pdfinfo (poppler), qpdf, pandoc. The contents list's page numbers are the
// PDF's own: each is checked against the page pdftotext finds the item's heading on. Exempt
// information is absent from every format of the public edition, which says the item is exempt
// and under which paragraph, and present, marked "Not for publication", in the members'
// edition. A server without Chromium or pandoc answers 503 naming it, and goes on serving.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, spawnServe, assertProblem, assertStopsCleanly, create, lastLine, randomId } from './harness.mjs';
import { assertConforms } from './openapi-check.mjs';

const SECRET = 'CONFIDENTIAL-TENDER-PRICES-4471';
const SECRET_REASON = 'SECRET-REASONING-8812';
const SECRET_ACTION = 'Negotiate the price with CONFIDENTIAL-BIDDER-993';
const NOTICE = 'Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972';
const MARKING = 'Not for publication: exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// A date n days from the machine's today, YYYY-MM-DD.
const fromToday = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
// Text with its line breaks and runs of spaces as single spaces: a PDF wraps long lines.
const flat = (text) => text.replace(/\s+/g, ' ');

describe('governance: the agenda pack and the minutes as documents', { timeout: 600000 }, () => {
  let srv;
  let files;
  let packTmp;
  const savedTmp = process.env.TMPDIR;
  const u = {};
  const p = {};
  const tokens = {};
  const items = {};
  let body;
  let meeting;
  let bare;
  let privateMeeting;
  let date;

  const as = (who) => (who === 'anonymous' ? undefined : who === 'admin' ? srv.token : tokens[who]);
  const ifMatch = (v) => ({ 'if-match': `W/"${v}"` });
  async function made(method, urlPath, fields, status = 201) {
    const res = await srv.admin(method, urlPath, { body: fields });
    assert.equal(res.status, status, `${method} ${urlPath}: ${res.text}`);
    return res.json;
  }
  async function addUser(username, role, { unit, person } = {}) {
    const args = ['user', 'add', '--db', srv.dbPath, '--username', username, '--name', username, '--role', role, '--password-stdin'];
    if (unit) args.push('--unit', unit);
    if (person) args.push('--person', person);
    const added = await srv.cli(args, { input: 'a-long-enough-password-1\n' });
    assert.equal(added.code, 0, added.stderr);
    const tok = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', username]);
    assert.equal(tok.code, 0, tok.stderr);
    return lastLine(tok.stdout);
  }

  // Fetches a document as bytes, checks the answer against docs/openapi.json, and keeps the
  // body in a file for the tools that read it back.
  let saved = 0;
  async function download(urlPath, who = 'anonymous', server = srv) {
    const headers = {};
    if (as(who)) headers.authorization = `Bearer ${as(who)}`;
    const url = `${server.url}${urlPath}`;
    const res = await fetch(url, { headers, redirect: 'manual' });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const text = bytes.toString(/json|html/.test(type) ? 'utf8' : 'latin1');
    const answer = { status: res.status, headers: res.headers, text, json: /json/.test(type) ? JSON.parse(text) : undefined, bytes };
    assertConforms('GET', url, answer);
    if (res.status === 200) {
      answer.file = path.join(files, `${++saved}-${path.basename(urlPath).replace(/\?.*/, '')}`);
      await writeFile(answer.file, bytes);
    }
    return answer;
  }
  async function document(urlPath, who, { type, disposition }) {
    const res = await download(urlPath, who);
    assert.equal(res.status, 200, `${urlPath} as ${who}: ${res.text.slice(0, 500)}`);
    assert.equal(res.headers.get('content-type'), type);
    assert.equal(res.headers.get('content-disposition'), disposition);
    return res;
  }

  const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const pdfText = (file, page) => run('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']);
  const pdfPages = (file) => Number(run('qpdf', ['--show-npages', file]).trim());
  // The outline (bookmarks) as [title, page, depth], in order.
  const outline = (file) => {
    const out = [];
    const walk = (list, depth) => {
      for (const o of list) {
        out.push([o.title, o.destpageposfrom1, depth]);
        walk(o.kids, depth + 1);
      }
    };
    walk(JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])).outlines, 0);
    return out;
  };
  const docxText = (file) => run('pandoc', ['--from=docx', '--to=plain', '--wrap=none', file]);

  // Reads a PDF back: qpdf --check passes; it is tagged; its outline has the title and every
  // heading; and the contents list gives, for each title, the page its heading starts on.
  function readPdf(file, headings) {
    const check = run('qpdf', ['--check', file]);
    assert.match(check, /No syntax or stream encoding errors found/);
    const info = run('pdfinfo', [file]);
    assert.match(info, /^Tagged:\s+yes$/m, 'a tagged PDF');
    assert.match(info, /^Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)$/m, 'A4 pages');
    const pages = pdfPages(file);
    assert.match(info, new RegExp(`^Pages:\\s+${pages}$`, 'm'));
    const marks = outline(file);
    assert.equal(marks[0][2], 0, 'the title at the top of the outline');
    const sections = marks.filter(([, , depth]) => depth === 1).map(([title]) => title);
    for (const { heading } of headings) assert.ok(sections.includes(heading), `the outline has ${heading}: ${JSON.stringify(sections)}`);
    // The contents list: "7    Award of the cleaning contract (exempt)     5".
    const contents = pdfText(file, 1);
    assert.match(contents, /^Contents$/m);
    const found = {};
    for (const { title, heading } of headings) {
      const line = contents.split('\n').find((l) => l.includes(title));
      assert.ok(line, `the contents list names ${title}:\n${contents}`);
      const page = Number(/(\d+)\s*$/.exec(line)?.[1]);
      assert.ok(page >= 1 && page <= pages, `a page for ${title}: ${line}`);
      assert.ok(flat(pdfText(file, page)).includes(heading), `${heading} on page ${page}, as the contents say`);
      if (page > 1) assert.ok(!flat(pdfText(file, page - 1)).includes(heading), `${heading} starts on page ${page}, not before`);
      const mark = marks.find(([t]) => t === heading);
      assert.equal(mark[1], page, `the bookmark of ${heading} goes to page ${page}`);
      found[title] = page;
      // Every page says which it is, of how many.
      assert.match(pdfText(file, page), new RegExp(`Page ${page} of ${pages}`));
    }
    return { text: flat(pdfText(file)), pages: found, count: pages };
  }

  before(async () => {
    // The server's temporary files go in a directory of this test's own, to see that each
    // rendering leaves nothing behind.
    packTmp = await mkdtemp(path.join(tmpdir(), 'civic-pack-test-'));
    process.env.TMPDIR = packTmp;
    try {
      srv = await startServer();
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    files = await mkdtemp(path.join(srv.dir, 'documents-'));
    u.council = await create(srv, 'units', { name: 'Northmoor Borough Council', kind: 'council' });
    u.finance = await create(srv, 'units', { name: 'Finance', kind: 'directorate', parent_id: u.council.id });
    body = await made('POST', '/api/v1/bodies', { name: 'Corporate Overview and Scrutiny Panel', kind: 'scrutiny', parent_id: u.council.id });
    const officers = await made('POST', '/api/v1/bodies', { name: 'Executive Management Group', kind: 'officer_group', parent_id: u.council.id });
    p.ann = await create(srv, 'people', { name: 'Cllr Ann Booth', kind: 'councillor', published: true });
    p.ben = await create(srv, 'people', { name: 'Cllr Ben Carter', kind: 'councillor', published: true });
    p.olu = await create(srv, 'people', { name: 'Olu Adeyemi', kind: 'officer', unit_id: u.finance.id, published: true });
    p.nia = await create(srv, 'people', { name: 'Nia Roberts', kind: 'officer', unit_id: u.finance.id, published: true });
    p.pat = await create(srv, 'people', { name: 'Pat Procurement', kind: 'officer', unit_id: u.finance.id, published: true });
    await create(srv, 'memberships', { person_id: p.ann.id, unit_id: body.id, role: 'Chair', start_date: '2020-05-01' });
    await create(srv, 'memberships', { person_id: p.ben.id, unit_id: body.id, role: 'Member', start_date: '2020-05-01' });
    // Viewers of Finance: only membership entitles Ann; Nia is no member and presents nothing.
    tokens.member = await addUser('ann', 'viewer', { unit: u.finance.id, person: p.ann.id });
    tokens.outsider = await addUser('nia', 'viewer', { unit: u.finance.id, person: p.nia.id });
    // Pat presents the exempt item, and is entitled to it alone.
    tokens.presenter = await addUser('pat', 'viewer', { unit: u.finance.id, person: p.pat.id });
    tokens.clerk = await addUser('clerk', 'editor', { unit: body.id });

    // A meeting a fortnight ago: its agenda was published late, with the reason.
    date = fromToday(-14);
    meeting = await made('POST', '/api/v1/meetings', { body_id: body.id, date, start_time: '18:30', venue: 'Committee Room 1, Town Hall' });
    items.update = await made('POST', `/api/v1/meetings/${meeting.id}/items`, {
      title: 'Corporate Support directorate update',
      purpose: 'To hear the director on the directorate\'s budget, departments and performance.',
      report_title: 'Corporate Support: the year so far',
      report_author: 'Director of Corporate Support',
      report_summary: Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}: the directorate's budget is **£26.849M** across five departments, with what went well and what did not.`).join('\n\n'),
      recommendations: '1. That the panel notes the update.',
      presenter_ids: [p.olu.id],
    });
    items.risk = await made('POST', `/api/v1/meetings/${meeting.id}/items`, { title: 'Strategic risk register', purpose: 'To review the council\'s strategic risks.', report_summary: 'Eleven risks, two of them red.' });
    await made('POST', `/api/v1/agenda-items/${items.risk.id}/documents`, { kind: 'appendix', title: 'The risk register', content: '| Risk | Rating |\n|---|---|\n| Cyber attack | Red |' });
    items.contract = await made('POST', `/api/v1/meetings/${meeting.id}/items`, {
      title: 'Award of the cleaning contract',
      purpose: 'To award the contract.',
      report_summary: `The tender prices: ${SECRET}.`,
      exempt_paragraph: 3,
      exempt_reason: 'Publishing the bids would harm the council\'s position in the negotiation.',
      presenter_ids: [p.pat.id],
    });
    const current = await srv.admin('GET', `/api/v1/meetings/${meeting.id}`);
    const published = await srv.admin('POST', `/api/v1/meetings/${meeting.id}/publication`, {
      headers: ifMatch(current.json.version),
      body: { late_reason: 'The director\'s figures were not ready until the day before.' },
    });
    assert.equal(published.status, 200, published.text);
    // Added after publication: a supplement, numbered on.
    items.supplement = await made('POST', `/api/v1/meetings/${meeting.id}/items`, { title: 'Customer contact centre', report_summary: 'Call waiting times fell to 3 minutes.' });
    assert.equal(items.supplement.supplement, true, 'an item added after publication is a supplement');

    // Who came, and an interest declared.
    const register = await srv.admin('PUT', `/api/v1/meetings/${meeting.id}/register`, {
      body: { rows: [{ person_id: p.ann.id, status: 'present' }, { person_id: p.ben.id, status: 'apologies' }, { person_id: p.olu.id, capacity: 'officer', status: 'present' }] },
    });
    assert.equal(register.status, 200, register.text);
    await made('POST', `/api/v1/agenda-items/${items.risk.id}/declarations`, { person_id: p.ann.id, kind: 'other registrable', nature: 'A governor of the school on the risk register.', action: 'Stayed and took part.' });

    // The minutes: what the panel was told, a resolution on each report, the exempt one with
    // reasons only the entitled may read, and an action.
    const minute = async (item, fields) => {
      const now = await srv.admin('GET', `/api/v1/agenda-items/${item.id}`);
      const res = await srv.admin('PATCH', `/api/v1/agenda-items/${item.id}`, { headers: ifMatch(now.json.version), body: fields });
      assert.equal(res.status, 200, res.text);
    };
    await minute(items.update, { minutes_told: 'The panel was told the budget is £26.849M.', minutes_questions: 'Members asked about the 32% against the 81% benchmark.' });
    await minute(items.contract, { minutes_told: `The prices were ${SECRET}.` });
    await made('POST', '/api/v1/decisions', { item_id: items.update.id, title: 'Corporate Support update', text: 'Agreed that the update be noted.', decided_on: date });
    await made('POST', '/api/v1/decisions', { item_id: items.contract.id, title: 'Cleaning contract', text: 'Agreed that the contract be awarded to the preferred bidder.', reasons: SECRET_REASON, decided_on: date, exempt_paragraph: 3 });
    await made('POST', '/api/v1/actions', { item_id: items.update.id, text: 'Circulate the benchmarking figures to the panel', owner_person_id: p.olu.id, due_date: fromToday(30) });

    await made('POST', '/api/v1/actions', { item_id: items.contract.id, text: SECRET_ACTION, owner_person_id: p.pat.id, due_date: fromToday(20) });

    // The panel's next meeting, its agenda published in time and nothing minuted yet: its
    // action log carries the open actions forward. And a meeting of a private body.
    bare = await made('POST', '/api/v1/meetings', { body_id: body.id, date: fromToday(40), start_time: '18:30' });
    const next = await srv.admin('POST', `/api/v1/meetings/${bare.id}/publication`, { headers: ifMatch(bare.version) });
    assert.equal(next.status, 200, next.text);
    privateMeeting = await made('POST', '/api/v1/meetings', { body_id: officers.id, date: fromToday(7), start_time: '09:00' });
  });
  after(async () => {
    await srv?.cleanup();
    if (packTmp && !process.env.CIVIC_KEEP_TMP) await rm(packTmp, { recursive: true, force: true });
  });

  const agendaHeadings = () => [
    { title: 'Apologies for absence', heading: '1. Apologies for absence' },
    { title: 'Declarations of interest', heading: '2. Declarations of interest' },
    { title: 'Minutes of the previous meeting', heading: '3. Minutes of the previous meeting' },
    { title: 'Action log', heading: '4. Action log' },
    { title: 'Corporate Support directorate update', heading: '5. Corporate Support directorate update' },
    { title: 'Strategic risk register', heading: '6. Strategic risk register' },
    { title: 'Award of the cleaning contract', heading: '7. Award of the cleaning contract' },
    { title: 'Customer contact centre', heading: '8. Customer contact centre' },
  ];
  const filename = (what, ext, members = false) => `corporate-overview-and-scrutiny-panel-${date}-${what}${members ? '-members' : ''}.${ext}`;
  const packPath = (ext, query = '') => `/api/v1/meetings/${meeting.id}/pack.${ext}${query}`;
  const minutesPath = (ext, query = '') => `/api/v1/meetings/${meeting.id}/minutes.${ext}${query}`;
  let publicHtml;

  describe('the public agenda pack', () => {
    it('as HTML: one printable document with the contents list, every item, the exempt notice and none of the exempt text, under a policy that loads nothing', async () => {
      const res = await document(packPath('html'), 'anonymous', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html')}"` });
      const html = res.text;
      publicHtml = html;
      assert.match(html, /^\s*<!DOCTYPE html>\n<html lang="en-GB">/);
      assert.match(html, /<title>Corporate Overview and Scrutiny Panel: agenda, \w+day \d+ \w+ \d{4}<\/title>/);
      const csp = res.headers.get('content-security-policy');
      assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
      // The policy allows exactly the document's stylesheet.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
      const { createHash } = await import('node:crypto');
      assert.equal(csp.match(/sha256-([^']+)/)[1], createHash('sha256').update(style, 'utf8').digest('base64'));
      assert.match(style, /@page \{\s*size: A4;/);
      assert.match(style, /counter\(page\) " of " counter\(pages\)/);
      assert.match(html, /<h2 id="contents-heading">Contents<\/h2>/);
      for (const { title, heading } of agendaHeadings()) {
        assert.ok(html.includes(`>${title}</a>`), `the contents list links ${title}`);
        assert.ok(html.includes(`>${heading}</h2>`), `a section for ${heading}`);
      }
      assert.ok(html.includes('<a href="#item-8">Customer contact centre</a> <span class="note">(supplementary item)</span>'));
      assert.ok(html.includes('<a href="#item-7">Award of the cleaning contract</a> <span class="note">(exempt)</span>'));
      assert.ok(html.includes(`<p class="exempt-marking">${NOTICE}</p>`));
      assert.ok(html.includes('Information relating to the financial or business affairs of any particular person'));
      assert.ok(html.includes('<strong>£26.849M</strong>'), 'Markdown shown as HTML');
      assert.ok(html.includes('<tr><td>Cllr Ann Booth</td><td>Chair</td></tr>'), 'the membership on the cover');
      assert.ok(html.includes('<tr><td>Cllr Ann Booth</td><td>other registrable</td><td>A governor of the school on the risk register.</td><td>Stayed and took part.</td></tr>'), 'the declaration under its item');
      assert.ok(html.includes('<h3>Documents</h3>\n<div class="document">\n<h4>Appendix: The risk register</h4>'), 'the item\'s document');
      assert.ok(html.includes('Reason for urgency: The director&#39;s figures were not ready until the day before.') || html.includes('Reason for urgency: The director&apos;s figures were not ready until the day before.'), 'the reason for urgency');
      assert.ok(!html.includes(SECRET), 'no exempt text');
      assert.ok(!html.includes('Publishing the bids'), 'no public-interest reason');
      assert.ok(!html.includes('Not for publication'));
      // Each report starts a page; the standard items follow one another.
      assert.match(html, /<section id="item-5" class="part new-page"/);
      assert.match(html, /<section id="item-2" class="part"/);
    });

    it('as PDF: tagged, A4, with bookmarks, every item, a contents list whose page numbers are where the items start, and no exempt text', async () => {
      const res = await document(packPath('pdf'), 'anonymous', { type: 'application/pdf', disposition: `inline; filename="${filename('agenda', 'pdf')}"` });
      assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const { text, pages, count } = readPdf(res.file, agendaHeadings());
      assert.ok(count >= 4, `the long report runs over pages: ${count}`);
      assert.equal(pages['Apologies for absence'], 2, 'the items start after the cover and contents');
      assert.ok(pages['Strategic risk register'] > pages['Corporate Support directorate update'] + 1, 'the long report takes more than a page');
      assert.ok(text.includes(NOTICE), 'the exempt notice');
      assert.ok(!text.includes(SECRET), 'no exempt text in the PDF');
      assert.ok(!text.includes('Not for publication'));
      assert.match(run('pdfinfo', [res.file]), /^Title:\s+Corporate Overview and Scrutiny Panel: agenda, /m);
    });

    it('as DOCX: a Word document with its table of contents, every item, the notice, and no exempt text, read back by pandoc', async () => {
      const res = await document(packPath('docx'), 'anonymous', { type: DOCX, disposition: `attachment; filename="${filename('agenda', 'docx')}"` });
      assert.equal(res.bytes.subarray(0, 2).toString('latin1'), 'PK');
      const text = docxText(res.file);
      for (const { heading } of agendaHeadings()) assert.ok(text.includes(heading), heading);
      assert.ok(flat(text).includes(NOTICE));
      assert.ok(!text.includes(SECRET));
      assert.ok(!text.includes('Not for publication'));
      // Word's own table of contents, which it fills in: the print contents list is not there.
      // Read out of the zip by Python's zipfile (python3 is a test package; unzip is not).
      const xml = run('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', res.file]);
      assert.ok(xml.includes('TOC \\o'), 'a TOC field');
      assert.ok(!text.includes('Contents\n\nItem'));
    });
  });

  describe('the members\' edition', () => {
    it('gives a member of the body the exempt item in full in every format, marked not for publication', async () => {
      const html = await document(packPath('html'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html', true)}"` });
      assert.ok(html.text.includes(SECRET));
      assert.ok(html.text.includes(`<p class="exempt-marking">${MARKING}</p>`));
      assert.ok(html.text.includes('Members&#39; edition. Item 7 holds exempt information that is not for publication') || html.text.includes('Members&apos; edition'), 'the edition is said on the cover');
      const pdf = await document(packPath('pdf'), 'member', { type: 'application/pdf', disposition: `inline; filename="${filename('agenda', 'pdf', true)}"` });
      const { text, pages } = readPdf(pdf.file, agendaHeadings());
      assert.ok(text.includes(SECRET));
      assert.ok(text.includes(MARKING));
      // The exempt item's pages are marked at their top.
      assert.match(pdfText(pdf.file, pages['Award of the cleaning contract']), /NOT FOR PUBLICATION/);
      const docx = await document(packPath('docx'), 'member', { type: DOCX, disposition: `attachment; filename="${filename('agenda', 'docx', true)}"` });
      const word = flat(docxText(docx.file));
      assert.ok(word.includes(SECRET));
      assert.ok(word.includes(MARKING));
    });

    it('gives the clerk the members\' edition too, and a viewer who is no member the public one', async () => {
      const clerk = await document(packPath('html'), 'clerk', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html', true)}"` });
      assert.ok(clerk.text.includes(SECRET));
      const outsider = await document(packPath('html'), 'outsider', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html')}"` });
      assert.ok(!outsider.text.includes(SECRET));
      assert.equal(outsider.text, publicHtml, 'the same public pack as an anonymous visitor');
    });

    it('gives the officer presenting the exempt item the members\' edition, with that item in full', async () => {
      const html = await document(packPath('html'), 'presenter', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html', true)}"` });
      assert.ok(html.text.includes(SECRET));
      assert.ok(html.text.includes(`<p class="exempt-marking">${MARKING}</p>`));
      const asPublic = await document(packPath('html', '?edition=public'), 'presenter', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html')}"` });
      assert.equal(asPublic.text, publicHtml);
    });

    it('lets a member ask for the public edition: the very document the public gets', async () => {
      const html = await document(packPath('html', '?edition=public'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html')}"` });
      assert.equal(html.text, publicHtml);
      const pdf = await document(packPath('pdf', '?edition=public'), 'member', { type: 'application/pdf', disposition: `inline; filename="${filename('agenda', 'pdf')}"` });
      assert.ok(!flat(pdfText(pdf.file)).includes(SECRET));
      const docx = await document(packPath('docx', '?edition=public'), 'member', { type: DOCX, disposition: `attachment; filename="${filename('agenda', 'docx')}"` });
      assert.ok(!docxText(docx.file).includes(SECRET));
      const asked = await document(packPath('html', '?edition=members'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('agenda', 'html', true)}"` });
      assert.ok(asked.text.includes(SECRET));
    });

    it('refuses the members\' edition to anyone not entitled (403), and an edition it does not know (422)', async () => {
      for (const who of ['anonymous', 'outsider']) {
        for (const ext of ['html', 'pdf', 'docx']) {
          const res = await download(packPath(ext, '?edition=members'), who);
          assertProblem(res, 403, { detail: /^The members' edition holds exempt information/ });
        }
      }
      const bad = await download(packPath('pdf', '?edition=draft'), 'member');
      assertProblem(bad, 422, { fields: ['edition'] });
      const unknown = await download(packPath('pdf', '?format=pdf'), 'member');
      assertProblem(unknown, 422, { fields: ['format'] });
    });
  });

  describe('the action log carried to the next meeting', () => {
    it('shows the public the open actions but the one agreed on the exempt item, and a member all of them; the member\'s public edition is the public\'s', async () => {
      const nextPack = (ext, query = '') => `/api/v1/meetings/${bare.id}/pack.${ext}${query}`;
      const next = (members) => `corporate-overview-and-scrutiny-panel-${bare.date}-agenda${members ? '-members' : ''}`;
      const pub = await document(nextPack('html'), 'anonymous', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${next(false)}.html"` });
      assert.ok(pub.text.includes('<h3>The action log</h3>'));
      assert.ok(pub.text.includes('<td>Circulate the benchmarking figures to the panel</td><td>Olu Adeyemi</td>'));
      assert.ok(!pub.text.includes('CONFIDENTIAL-BIDDER-993'));
      const member = await document(nextPack('html'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${next(true)}.html"` });
      assert.ok(member.text.includes(`<td>${SECRET_ACTION}</td><td>Pat Procurement</td>`));
      const asPublic = await document(nextPack('html', '?edition=public'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${next(false)}.html"` });
      assert.equal(asPublic.text, pub.text);
      const pdf = await document(nextPack('pdf'), 'anonymous', { type: 'application/pdf', disposition: `inline; filename="${next(false)}.pdf"` });
      const { text } = readPdf(pdf.file, [{ title: 'Action log', heading: '4. Action log' }]);
      assert.ok(text.includes('Circulate the benchmarking'), 'the open action (its cell wraps)');
      assert.ok(!text.includes('CONFIDENTIAL-BIDDER-993'));
    });
  });

  const minutesHeadings = () => [
    { title: 'Corporate Support directorate update', heading: '5. Corporate Support directorate update' },
    { title: 'Award of the cleaning contract', heading: '7. Award of the cleaning contract' },
  ];

  describe('the minutes', () => {
    it('as the public has them: what the panel was told, the resolutions and the action, the exempt item\'s resolution without its reasons, in HTML, PDF and DOCX', async () => {
      const html = await document(minutesPath('html'), 'anonymous', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('minutes', 'html')}"` });
      assert.match(html.text, /<dt>Present<\/dt>\n<dd>Cllr Ann Booth<br><\/dd>/);
      assert.match(html.text, /<dt>Apologies<\/dt>\n<dd>Cllr Ben Carter<br><\/dd>/);
      assert.match(html.text, /<dt>In attendance<\/dt>\n<dd>Olu Adeyemi<br><\/dd>/);
      assert.ok(html.text.includes('<p>Apologies were received from Cllr Ben Carter.</p>'));
      assert.ok(html.text.includes('<tr><td>Cllr Ann Booth</td><td>other registrable</td><td>A governor of the school on the risk register.</td><td>Stayed and took part.</td></tr>'));
      for (const want of ['What the panel was told', 'The panel was told the budget is £26.849M.', 'Members asked about the 32% against the 81% benchmark.', 'Agreed that the update be noted.', 'Circulate the benchmarking figures to the panel', 'Olu Adeyemi', 'Agreed that the contract be awarded to the preferred bidder.', NOTICE, 'Draft minutes']) {
        assert.ok(html.text.includes(want), want);
      }
      for (const hidden of [SECRET, SECRET_REASON, 'CONFIDENTIAL-BIDDER-993', 'Not for publication']) assert.ok(!html.text.includes(hidden), hidden);

      const pdf = await document(minutesPath('pdf'), 'anonymous', { type: 'application/pdf', disposition: `inline; filename="${filename('minutes', 'pdf')}"` });
      const { text } = readPdf(pdf.file, minutesHeadings());
      assert.ok(text.includes('Agreed that the update be noted.'));
      assert.ok(text.includes(NOTICE));
      assert.ok(!text.includes(SECRET) && !text.includes(SECRET_REASON));

      const docx = await document(minutesPath('docx'), 'anonymous', { type: DOCX, disposition: `attachment; filename="${filename('minutes', 'docx')}"` });
      const word = flat(docxText(docx.file));
      assert.ok(word.includes('Agreed that the update be noted.'));
      assert.ok(word.includes(NOTICE));
      assert.ok(!word.includes(SECRET) && !word.includes(SECRET_REASON));
    });

    it('as a member has them: the exempt minute and the decision\'s reasons, marked not for publication', async () => {
      const html = await document(minutesPath('html'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('minutes', 'html', true)}"` });
      for (const want of [SECRET, SECRET_REASON, SECRET_ACTION, MARKING]) assert.ok(html.text.includes(want), want);
      const pdf = await document(minutesPath('pdf'), 'member', { type: 'application/pdf', disposition: `inline; filename="${filename('minutes', 'pdf', true)}"` });
      const { text } = readPdf(pdf.file, minutesHeadings());
      for (const want of [SECRET, SECRET_REASON, MARKING]) assert.ok(text.includes(want), want);
      const docx = await document(minutesPath('docx'), 'member', { type: DOCX, disposition: `attachment; filename="${filename('minutes', 'docx', true)}"` });
      const word = flat(docxText(docx.file));
      for (const want of [SECRET, SECRET_REASON, MARKING]) assert.ok(word.includes(want), want);
      const asPublic = await document(minutesPath('html', '?edition=public'), 'member', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('minutes', 'html')}"` });
      for (const hidden of [SECRET, SECRET_REASON, 'CONFIDENTIAL-BIDDER-993']) assert.ok(!asPublic.text.includes(hidden), hidden);
      const anonymous = await document(minutesPath('html'), 'anonymous', { type: 'text/html; charset=utf-8', disposition: `inline; filename="${filename('minutes', 'html')}"` });
      assert.equal(asPublic.text, anonymous.text, 'the member\'s public edition is the public\'s');
    });
  });

  describe('what is not there', () => {
    it('answers 404 for a meeting that is not there, minutes not yet written, and a private body\'s meeting to the public', async () => {
      for (const ext of ['html', 'pdf', 'docx']) {
        assertProblem(await download(`/api/v1/meetings/${randomId()}/pack.${ext}`, 'admin'), 404);
        assertProblem(await download(`/api/v1/meetings/not-an-id/minutes.${ext}`, 'admin'), 404);
        assertProblem(await download(`/api/v1/meetings/${bare.id}/minutes.${ext}`, 'admin'), 404);
        assertProblem(await download(`/api/v1/meetings/${privateMeeting.id}/pack.${ext}`, 'anonymous'), 404);
        assertProblem(await download(`/api/v1/meetings/${privateMeeting.id}/pack.${ext}`, 'outsider'), 404);
      }
      const none = await download(`/api/v1/meetings/${bare.id}/minutes.pdf`, 'admin');
      assert.equal(none.json.detail, 'The minutes of this meeting have not been written yet.');
    });

    it('writes nothing, and leaves no temporary file behind', async () => {
      const before = Number(srv.sql('SELECT count(*) FROM audit_log'));
      await download(packPath('pdf'), 'anonymous');
      assert.equal(Number(srv.sql('SELECT count(*) FROM audit_log')), before);
      const left = (await readdir(packTmp)).filter((name) => name.startsWith('civic-pack-'));
      assert.deepEqual(left, []);
    });
  });

  describe('a server without the tools', () => {
    it('answers 503 naming Chromium for a PDF and pandoc for a Word document, still serves the HTML, and keeps serving', async () => {
      // The same database, served by a second server that finds no program on its PATH.
      const savedPath = process.env.PATH;
      let bareServer;
      process.env.PATH = path.join(srv.dir, 'no-programs-here');
      try {
        bareServer = await spawnServe(srv.dbPath);
      } finally {
        process.env.PATH = savedPath;
      }
      try {
        const pdf = await download(packPath('pdf'), 'anonymous', bareServer);
        assertProblem(pdf, 503, { detail: /^PDFs cannot be made on this server: Chromium is not installed/ });
        const minutesPdf = await download(minutesPath('pdf'), 'member', bareServer);
        assertProblem(minutesPdf, 503, { detail: /Chromium is not installed/ });
        const docx = await download(packPath('docx'), 'anonymous', bareServer);
        assertProblem(docx, 503, { detail: /^Word documents cannot be made on this server: pandoc is not installed/ });
        const html = await download(packPath('html'), 'anonymous', bareServer);
        assert.equal(html.status, 200);
        assert.equal(html.text, publicHtml);
        const health = await fetch(`${bareServer.url}/healthz`);
        assert.equal(health.status, 200);
      } finally {
        const { code } = await bareServer.stop();
        assert.equal(code, 0);
      }
    });
  });

  describe('a server whose Chromium fails', () => {
    it('answers 503 saying Chromium failed, with the details in its log, and keeps serving', async () => {
      // A "chromium" that fails at once, and the real qpdf, alone on the server's PATH.
      const bin = path.join(srv.dir, 'failing-chromium');
      await mkdir(bin);
      await writeFile(path.join(bin, 'chromium'), '#!/bin/sh\necho "the browser broke" >&2\nexit 3\n', { mode: 0o755 });
      await symlink(run('sh', ['-c', 'command -v qpdf']).trim(), path.join(bin, 'qpdf'));
      const savedPath = process.env.PATH;
      let failing;
      process.env.PATH = bin;
      try {
        failing = await spawnServe(srv.dbPath);
      } finally {
        process.env.PATH = savedPath;
      }
      try {
        // A document this server has not made before (its cache is its own, and empty).
        const res = await download(packPath('pdf'), 'anonymous', failing);
        assertProblem(res, 503, { detail: /^Chromium failed \(exit status 3\)\.$/ });
        assert.equal((await fetch(`${failing.url}/healthz`)).status, 200);
        assert.equal((await download(packPath('html'), 'anonymous', failing)).status, 200);
      } finally {
        const { code } = await failing.stop();
        assert.equal(code, 0);
      }
      assert.match(failing.output().stderr + failing.output().stdout, /Chromium exited 3: the browser broke/);
    });
  });

  it('leaves a database civic check finds sound', async () => {
    const checked = await srv.cli(['check', '--db', srv.dbPath]);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  });

  it('stops cleanly', async () => {
    await assertStopsCleanly(srv);
  });
});
