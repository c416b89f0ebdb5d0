// SPDX-License-Identifier: AGPL-3.0-or-later
// civic check: finds what the code before the text fix could store (bytes that are not UTF-8,
// control characters), broken references and broken version chains, one line each, on SQLite
// and PostgreSQL; passes a sound database with exit 0; changes nothing.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, mustSucceed, newDatabase, dropDatabase, sql, backend } from './harness.mjs';

const SUMMARY_RE =
  /^Checked integrity, foreign keys, \d+ text values in (\d+) rows of (\d+) tables, and the audit trails of (\d+) records: (.+)\.$/;
const PG_NOTE =
  'PostgreSQL keeps its own pages: Civic read every table in full and checked every reference again ' +
  '(PostgreSQL enforces them too); for a check of the pages themselves, run pg_amcheck.';

describe(`civic check (${backend})`, { timeout: 120000 }, () => {
  let dir;
  const databases = [];

  // A new database holding the demo council, made through the CLI as a council would.
  async function demoDatabase() {
    const db = newDatabase(await mkdtemp(path.join(dir, 'db-')));
    databases.push(db);
    mustSucceed('civic init', await runCli(['init', '--db', db]));
    mustSucceed('civic demo', await runCli(['demo', '--db', db]));
    return db;
  }

  const unitId = (db, name) => sql(db, `SELECT id FROM units WHERE name = '${name}'`);

  // The check's output split into its findings, its notes and its summary.
  function parse(stdout) {
    assert.ok(stdout.endsWith('\n'), `ends with a line break: ${JSON.stringify(stdout)}`);
    const lines = stdout.slice(0, -1).split('\n');
    const summary = lines.pop();
    const m = SUMMARY_RE.exec(summary);
    assert.ok(m, `a summary line: ${summary}`);
    const notes = backend === 'postgres' ? [lines.pop()] : [];
    if (backend === 'postgres') assert.deepEqual(notes, [PG_NOTE]);
    return { findings: lines, rows: Number(m[1]), tables: Number(m[2]), records: Number(m[3]), verdict: m[4] };
  }

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-check-'));
  });
  after(async () => {
    for (const db of databases) dropDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });

  it('passes a sound demo database with exit 0, counting every row, table and audited record', async () => {
    const db = await demoDatabase();
    const r = await runCli(['check', '--db', db]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    const out = parse(r.stdout);
    assert.deepEqual(out.findings, []);
    assert.equal(out.verdict, 'no problems found');
    const tables = ['actions', 'agenda_documents', 'agenda_items', 'api_tokens', 'attendees', 'audit_log', 'bodies',
      'calendar_days', 'case_attachments', 'case_events', 'case_indicator_feeds', 'case_responses', 'case_self_assessments', 'case_types', 'cases',
      'dataset_groups', 'dataset_metrics', 'dataset_values', 'datasets', 'decisions', 'declarations',
      'forward_plan_entries', 'governance_settings', 'indicator_targets', 'indicator_values', 'indicators', 'links',
      'meetings', 'memberships', 'minutes_corrections', 'people', 'plan_items', 'plan_measures', 'plan_updates',
      'plan_versions', 'plans', 'posts', 'review_findings', 'reviews', 'risk_acceptances', 'risk_appetites',
      'risk_escalations', 'risk_issues', 'risk_matrix', 'risk_registers', 'risk_reviews', 'risks', 'sessions', 'sign_in_throttle', 'units',
      'user_roles', 'users', 'work_programme_topics'];
    assert.equal(out.tables, tables.length);
    assert.equal(out.rows, tables.reduce((n, t) => n + Number(sql(db, `SELECT count(*) FROM ${t}`)), 0));
    assert.equal(out.records, Number(sql(db, "SELECT count(DISTINCT entity || ' ' || entity_id) FROM audit_log")));
  });

  it('finds text stored before the text fix, naming the table, row and column, and exits 1', async () => {
    const db = await demoDatabase();
    const unit = unitId(db, 'Corporate Support');
    const person = sql(db, "SELECT id FROM people WHERE name = (SELECT min(name) FROM people)");
    if (backend === 'sqlite') {
      // "Caf\xe9 Team", as a CSV saved in Windows-1252 stored it; a NUL inside a summary.
      sql(db, `UPDATE units SET name = CAST(X'436166E9205465616D' AS TEXT) WHERE id = '${unit}'`);
      sql(db, `UPDATE people SET summary = CAST(X'4F6E6500547769' AS TEXT) WHERE id = '${person}'`);
    } else {
      // A UTF8 database refuses bad bytes, but not control characters.
      sql(db, `UPDATE units SET name = E'Caf\\x01 Team' WHERE id = '${unit}'`);
      sql(db, `UPDATE people SET summary = E'One\\x1bTwo' WHERE id = '${person}'`);
    }
    // Tabs and line breaks are text a description may hold.
    const chr = backend === 'sqlite' ? 'char' : 'chr';
    sql(db, `UPDATE units SET description = 'One line' || ${chr}(10) || 'and' || ${chr}(9) || 'another' WHERE id <> '${unit}'`);
    const r = await runCli(['check', '--db', db]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = parse(r.stdout);
    const control = 'contains a control character (such as NUL) that text cannot hold';
    assert.deepEqual(out.findings, [
      `people ${person}: summary ${control}`,
      backend === 'sqlite' ? `units ${unit}: name is not UTF-8 text` : `units ${unit}: name ${control}`,
    ]);
    assert.equal(out.verdict, '2 problems found');
  });

  it('finds a version changed straight in SQL, and a row written without an audit entry', async () => {
    const db = await demoDatabase();
    const unit = unitId(db, 'Corporate Support');
    const council = unitId(db, 'Demo Borough Council');
    sql(db, `UPDATE units SET version = version + 1 WHERE id = '${unit}'`);
    const stray = '01900000-0000-7000-8000-000000000001';
    sql(db, `INSERT INTO units (id, parent_id, path, name, kind, description, version, created_at, updated_at)
      VALUES ('${stray}', '${council}', '/${council}/${stray}/', 'Written by hand', 'team', '', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    const r = await runCli(['check', '--db', db]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = parse(r.stdout);
    // The audit trail's findings first, then the rows it does not name.
    assert.deepEqual(out.findings, [
      `units ${unit}: version is 2, but its audit trail ends at version 1`,
      `units ${stray}: has no entry in the audit trail`,
    ]);
    assert.equal(out.verdict, '2 problems found');
  });

  it('finds a reference to a row that is not there, with the foreign keys switched off', async () => {
    const db = await demoDatabase();
    const membership = sql(db, 'SELECT min(id) FROM memberships');
    const off = backend === 'sqlite' ? 'PRAGMA foreign_keys = OFF;' : 'SET session_replication_role = replica;';
    sql(db, `${off} UPDATE memberships SET person_id = 'gone' WHERE id = '${membership}'`);
    const r = await runCli(['check', '--db', db]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(parse(r.stdout).findings, [`memberships ${membership}: person_id names "gone", which is not a row of people`]);
  });

  it('changes nothing: no migration, no repair, the same bytes', async () => {
    const db = await demoDatabase();
    const unit = unitId(db, 'Corporate Support');
    sql(db, `UPDATE units SET version = 7 WHERE id = '${unit}'`);
    // A database a migration behind: `civic check` must not bring it up to date.
    sql(db, 'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
    const snapshot = () => backend === 'sqlite'
      ? sql(db, '.sha3sum')
      : sql(db, "SELECT (SELECT count(*) FROM schema_migrations) || ' ' || (SELECT count(*) FROM audit_log) || ' ' || " +
        `(SELECT version FROM units WHERE id = '${unit}')`);
    const before = snapshot();
    const migrations = sql(db, 'SELECT count(*) FROM schema_migrations');
    const r = await runCli(['check', '--db', db]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(snapshot(), before);
    assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations'), migrations);
    assert.equal(sql(db, `SELECT version FROM units WHERE id = '${unit}'`), '7');
  });

  it('refuses a database that is not there with exit 1, creating nothing, and a bad command line with exit 2', async () => {
    const missing = path.join(dir, 'missing.db');
    const r = await runCli(['check', '--db', missing]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `civic: There is no database at ${missing}.\n`);
    assert.equal(existsSync(missing), false);
    const bad = await runCli(['check', '--db', missing, '--repair']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "civic: The following argument was not expected: --repair (see 'civic --help')\n");
  });
});
