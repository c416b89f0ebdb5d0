// SPDX-License-Identifier: AGPL-3.0-or-later
// civic user add and user grant name a unit as a person would, by its exact name, on SQLite
// and PostgreSQL, so nobody needs sqlite3 to find a unit's id.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, mustSucceed, newDatabase, dropDatabase, sql, backend } from './harness.mjs';

describe(`civic user with a unit named (${backend})`, { timeout: 60000 }, () => {
  let dir;
  let db;
  const password = { input: 'a-long-enough-password-1\n' };
  const roles = (username) =>
    sql(db, `SELECT r.role || '|' || coalesce(r.unit_id, '-') FROM user_roles r JOIN users u ON u.id = r.user_id
      WHERE u.username = '${username}' ORDER BY r.role`);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-users-'));
    db = newDatabase(dir);
    mustSucceed('civic init', await runCli(['init', '--db', db]));
    mustSucceed('civic demo', await runCli(['demo', '--db', db]));
  });
  after(async () => {
    dropDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });

  it('adds an editor of a unit named in any case, and grants a role on a unit named the same way', async () => {
    const unit = sql(db, "SELECT id FROM units WHERE name = 'Corporate Support'");
    const added = await runCli(['user', 'add', '--db', db, '--username', 'jo.bloggs', '--name', 'Jo Bloggs', '--role', 'editor',
      '--unit', 'corporate SUPPORT', '--password-stdin'], password);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, `Added jo.bloggs (Jo Bloggs) as editor of unit Corporate Support (${unit}).\n`);
    const council = sql(db, "SELECT id FROM units WHERE name = 'Demo Borough Council'");
    const granted = await runCli(['user', 'grant', '--db', db, '--username', 'jo.bloggs', '--role', 'viewer', '--unit', 'Demo Borough Council']);
    assert.equal(granted.code, 0, granted.stderr);
    assert.equal(granted.stdout, `jo.bloggs is now also viewer of unit Demo Borough Council (${council}).\n`);
    assert.equal(roles('jo.bloggs'), `editor|${unit}\nviewer|${council}`);
    // An id still works, as before.
    const byId = await runCli(['user', 'grant', '--db', db, '--username', 'jo.bloggs', '--role', 'administrator', '--unit', unit]);
    assert.equal(byId.code, 0, byId.stderr);
    assert.equal(byId.stdout, `jo.bloggs is now also administrator of unit Corporate Support (${unit}).\n`);
  });

  it('links a user to the person they are in the register, by name or id, and audits it', async () => {
    const fiona = sql(db, "SELECT id FROM people WHERE name = 'Fiona Rudge'");
    const added = await runCli(['user', 'add', '--db', db, '--username', 'fiona', '--name', 'Fiona Rudge', '--role', 'editor',
      '--unit', 'Improvement Programme Office', '--person', 'FIONA rudge', '--password-stdin'], password);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(sql(db, "SELECT person_id FROM users WHERE username = 'fiona'"), fiona);
    const helen = sql(db, "SELECT id FROM people WHERE name = 'Helen Marsden'");
    const linked = await runCli(['user', 'link', '--db', db, '--username', 'fiona', '--person', helen]);
    assert.equal(linked.code, 0, linked.stderr);
    assert.equal(linked.stdout, `fiona is now linked to ${helen} (${helen}).\n`);
    assert.equal(sql(db, "SELECT person_id FROM users WHERE username = 'fiona'"), helen);
    assert.equal(sql(db, `SELECT a.action || '|' || a.after_json FROM audit_log a JOIN users u ON u.id = a.entity_id
      WHERE a.entity = 'user' AND u.username = 'fiona' ORDER BY a.id DESC LIMIT 1`),
    `link person|{"person_id":"${helen}"}`);
    const nobody = await runCli(['user', 'link', '--db', db, '--username', 'fiona', '--person', 'Nobody Atall']);
    assert.equal(nobody.code, 1);
    assert.equal(nobody.stderr, 'civic: Some fields need correcting.\n' +
      '  person: There is no one in the register called "Nobody Atall"; give their exact name (capital letters do not matter) or their id\n');
    assert.equal(sql(db, "SELECT person_id FROM users WHERE username = 'fiona'"), helen);
  });

  it('refuses a name no unit has, adding no one', async () => {
    const r = await runCli(['user', 'add', '--db', db, '--username', 'nobody', '--name', 'No One', '--unit', 'Ministry of Magic']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'civic: Some fields need correcting.\n' +
      '  unit: There is no unit called "Ministry of Magic"; give its exact name (capital letters do not matter) or its id\n');
    assert.equal(sql(db, "SELECT count(*) FROM users WHERE username = 'nobody'"), '0');
  });

  it('asks for the id when two live units share the name, and ignores an archived one', async () => {
    const csv = path.join(dir, 'twins.csv');
    await writeFile(csv, 'name,kind,parent,description\nTwin Team,team,Demo Borough Council,\nTwin Team,service,Demo Borough Council,\n');
    mustSucceed('civic import units', await runCli(['import', 'units', '--db', db, csv]));
    const [first, second] = sql(db, "SELECT id FROM units WHERE name = 'Twin Team' ORDER BY id").split('\n');
    const r = await runCli(['user', 'grant', '--db', db, '--username', 'jo.bloggs', '--role', 'viewer', '--unit', 'twin team']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'civic: Some fields need correcting.\n' +
      `  unit: 2 units are called "twin team"; give the id of the one you mean: ${first} (team, under Demo Borough Council), ` +
      `${second} (service, under Demo Borough Council)\n`);
    assert.equal(sql(db, `SELECT count(*) FROM user_roles WHERE unit_id IN ('${first}', '${second}')`), '0');

    sql(db, `UPDATE units SET archived_at = '2025-01-01T00:00:00Z' WHERE id = '${first}'`);
    const one = await runCli(['user', 'grant', '--db', db, '--username', 'jo.bloggs', '--role', 'viewer', '--unit', 'Twin Team']);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, `jo.bloggs is now also viewer of unit Twin Team (${second}).\n`);
  });
});
