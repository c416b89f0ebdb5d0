// SPDX-License-Identifier: AGPL-3.0-or-later
// The civic command line beyond imports: init, demo, backup, version, help, and the
// refusals a new user meets (a missing database, a newer schema, an existing backup file).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, sql, civicBin } from './harness.mjs';

describe('the civic command line', () => {
  let dir;
  let db;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-cli-'));
    db = path.join(dir, 'nested', 'civic.db');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its version and exits 0', async () => {
    const r = await runCli(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^civic \d+\.\d+\.\d+\n$/);
  });

  it('shows help for every subcommand and exits 0', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['init', '--help'], ['demo', '--help'],
      ['user', 'add', '--help'], ['token', 'create', '--help'], ['import', 'units', '--help'],
      ['import', 'people', '--help'], ['backup', '--help']]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage|Options|Subcommands/i, args.join(' '));
    }
  });

  it('shows the defaults of port and bind address in serve --help', async () => {
    const r = await runCli(['serve', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}--port UINT:INT in \[0 - 65535\]=8080$/m);
    assert.match(r.stdout, /^ {2}--bind TEXT:\(IPV4\) OR \(\{::,::1\}\)=127\.0\.0\.1$/m);
  });

  it('lists only the routes, one a line, without the migrations of its in-memory database', async () => {
    const r = await runCli(['routes']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.ok(lines.length > 40, `${lines.length} routes`);
    for (const line of lines) assert.match(line, /^(GET|POST|PATCH|PUT|DELETE) \/\S*$/);
    assert.ok(lines.includes('GET /api/v1/calendar/meetings'));
  });

  it('refuses a bad value with a one-line error and exit 2', async () => {
    const r = await runCli(['serve', '--port', 'eighty']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /port/);
    const timeout = await runCli(['serve', '--header-timeout-s', '0']);
    assert.equal(timeout.code, 2);
    assert.equal(timeout.stderr.trim().split('\n').length, 1);
    assert.match(timeout.stderr, /^civic: --header-timeout-s: Value 0 not in range 1 to 600/);
  });

  // Issue 7, item 1: the text rule holds for command-line arguments too.
  it('refuses an argument that is not UTF-8 text or holds a control character, naming the option, with exit 2', async () => {
    // Node passes arguments as UTF-8, so bytes that are not UTF-8 go through bash's $'\\xff'.
    const bad = spawnSync('bash', ['-c', `"$0" user add --db "$1" --username $'caf\\xe9' --name Cafe`, civicBin, db], { encoding: 'utf8' });
    assert.equal(bad.status, 2, bad.stderr);
    assert.equal(bad.stderr, "civic: the value of --username is not UTF-8 text (see 'civic --help')\n");
    const control = await runCli(['calendar', 'timing', 'Autumn\u00011999']);
    assert.equal(control.code, 2);
    assert.equal(control.stderr, "civic: argument 3 contains a control character (such as NUL) that text cannot hold (see 'civic --help')\n");
    const equals = await runCli(['user', 'add', `--db=${db}`, '--username=a\tb', '--name', 'A B']);
    assert.equal(equals.code, 2);
    assert.match(equals.stderr, /^civic: the value of --username must be on one line/);
    assert.equal(existsSync(db), false, 'nothing was created');
  });

  it('refuses to add a user to a database that does not exist, naming civic init', async () => {
    const r = await runCli(['user', 'add', '--db', path.join(dir, 'missing.db'), '--username', 'x', '--name', 'X']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /civic init/);
    assert.equal(existsSync(path.join(dir, 'missing.db')), false);
  });

  it('creates the database and its folder with init, then loads the demo council once', async () => {
    const init = await runCli(['init', '--db', db]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /ready \(schema version \d+\)/);
    const demo = await runCli(['demo', '--db', db]);
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /Loaded the demo council, Demo Borough Council: \d+ units/);
    const units = Number(sql(db, 'SELECT count(*) FROM units'));
    assert.ok(units > 20);
    assert.equal(sql(db, "SELECT count(*) FROM units WHERE kind = 'council'"), '1');

    const again = await runCli(['demo', '--db', db]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has units/);
    assert.equal(Number(sql(db, 'SELECT count(*) FROM units')), units);
  });

  it('backs up the database to a new file holding the same rows, and will not overwrite one', async () => {
    const copy = path.join(dir, 'backup.db');
    const r = await runCli(['backup', copy, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    for (const table of ['units', 'people', 'posts', 'memberships', 'audit_log']) {
      assert.equal(sql(copy, `SELECT count(*) FROM ${table}`), sql(db, `SELECT count(*) FROM ${table}`), table);
    }
    const again = await runCli(['backup', copy, '--db', db]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
  });

  it('refuses a database whose schema is newer than itself, changing nothing', async () => {
    const future = path.join(dir, 'future.db');
    assert.equal((await runCli(['init', '--db', future])).code, 0);
    sql(future, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')");
    for (const args of [['init', '--db', future], ['serve', '--db', future, '--port', '0']]) {
      const r = await runCli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /schema version 9999, newer than this Civic build/);
    }
    assert.equal(sql(future, 'SELECT count(*) FROM units'), '0');
  });

  it('creates a token only for a user who exists', async () => {
    const r = await runCli(['token', 'create', '--db', db, '--user', 'nobody']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no user called nobody/);
    assert.equal(sql(db, 'SELECT count(*) FROM api_tokens'), '0');
  });

  it('refuses a weak password and a bad role scope without adding the user', async () => {
    const weak = await runCli(['user', 'add', '--db', db, '--username', 'clerk', '--name', 'A Clerk',
      '--password-stdin'], { input: 'short\n' });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /password: Password must be at least 10 characters/);
    const scope = await runCli(['user', 'add', '--db', db, '--username', 'clerk', '--name', 'A Clerk',
      '--role', 'editor', '--unit', 'not-a-unit']);
    assert.equal(scope.code, 1);
    assert.match(scope.stderr, /unit: There is no unit called "not-a-unit"/);
    assert.equal(sql(db, "SELECT count(*) FROM users WHERE username = 'clerk'"), '0');
  });

  it('adds a user without --role as a viewer, and says so in its help and its answer', async () => {
    const help = await runCli(['user', 'add', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /--role TEXT:\{administrator,editor,viewer\}=viewer\s+administrator, editor or viewer; without --role the user is a viewer/);
    const r = await runCli(['user', 'add', '--db', db, '--username', 'reader', '--name', 'A Reader', '--password-stdin'],
      { input: 'a-long-enough-password-1\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Added reader (A Reader) as viewer.\n');
    assert.equal(sql(db, "SELECT r.role || '|' || coalesce(r.unit_id, '-') FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = 'reader'"), 'viewer|-');
  });
});
