// SPDX-License-Identifier: AGPL-3.0-or-later
// The set-up split: `make run` installs what building and running need, `make test` adds the
// test tools, and CMake configures the civic binary when the test tools are missing.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

// The lines of `scripts/setup --print`: "set: run", "debian: a b c", "npm: npm ci ...".
async function printed(...args) {
  const r = await run('scripts/setup', ['--print', ...args]);
  assert.equal(r.code, 0, r.stderr);
  const fields = Object.fromEntries(r.stdout.trim().split('\n').map((line) => {
    const at = line.indexOf(': ');
    return [line.slice(0, at), line.slice(at + 2)];
  }));
  return { ...fields, debian: fields.debian.split(' ') };
}

const testDebianPackages = [
  'postgresql-15', 'sqlite3', 'libgtest-dev', 'libgmock-dev', 'clang-16', 'libclang-rt-16-dev',
  'clang-format', 'python3', 'python3-jsonschema', 'python3-icalendar', 'wrk', 'poppler-utils',
  'libreoffice-calc-nogui',
];
const testNpmPackages = ['@redocly/cli', 'playwright-core', 'axe-core', 'ajv', 'ajv-formats', 'ical.js'];

describe('scripts/setup', () => {
  it('installs no test tool for make run', async () => {
    const p = await printed();
    assert.equal(p.set, 'run');
    assert.deepEqual(p.debian.filter((name) => testDebianPackages.includes(name)), []);
    for (const name of ['g++', 'cmake', 'ninja-build', 'libpq-dev', 'libical-dev', 'libssl-dev', 'libxlsxwriter-dev', 'chromium', 'qpdf', 'pandoc']) {
      assert.ok(p.debian.includes(name), name);
    }
    assert.equal(p.npm, 'npm ci --no-audit --no-fund --loglevel=error --omit=dev');
  });

  it('adds exactly the test tools for make test', async () => {
    const runSet = await printed();
    const testSet = await printed('--test');
    assert.equal(testSet.set, 'test');
    assert.deepEqual(testSet.debian, [...runSet.debian, ...testDebianPackages]);
    assert.equal(testSet.npm, 'npm ci --no-audit --no-fund --loglevel=error');
  });

  it('refuses an option it does not know with exit 2', async () => {
    const r = await run('scripts/setup', ['--tests']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^setup: unknown option --tests\n/);
  });
});

// Which Node.js scripts/setup chooses, seen through `--print` on a copy of the script (so that
// no .tools/node of this clone counts) with a stand-in `node` that only reports its version.
describe('the Node.js scripts/setup uses', () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-setup-node-'));
    await mkdir(path.join(dir, 'clone', 'scripts'), { recursive: true });
    await copyFile(path.join(root, 'scripts/setup'), path.join(dir, 'clone', 'scripts/setup'));
    // The few commands `--print` runs, and no node.
    await mkdir(path.join(dir, 'bin'));
    for (const tool of ['bash', 'dirname', 'tr', 'grep', 'paste', 'sed']) {
      const found = await run('bash', ['-c', `command -v ${tool}`]);
      await symlink(found.stdout.trim(), path.join(dir, 'bin', tool));
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function plan(version) {
    const env = { PATH: path.join(dir, 'bin') };
    if (version) {
      const nodeDir = path.join(dir, `node-${version}`);
      await mkdir(nodeDir, { recursive: true });
      await writeFile(path.join(nodeDir, 'node'),
        `#!/bin/sh\ncase "$1" in --version) echo v${version} ;; *) echo ${version} ;; esac\n`);
      await chmod(path.join(nodeDir, 'node'), 0o755);
      env.PATH = `${nodeDir}:${env.PATH}`;
    }
    const r = await run(path.join(dir, 'clone', 'scripts/setup'), ['--print'], env);
    assert.equal(r.code, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('node: '));
    return line.startsWith(`node: ${path.join(dir, `node-${version}`, 'node')} (v${version})`)
      ? 'machine' : line;
  }

  it('is the machine\'s when the npm packages accept it', async () => {
    for (const version of ['20.19.0', '20.20.2', '22.12.0', '24.1.0']) {
      assert.equal(await plan(version), 'machine', version);
    }
  });

  it('is fetched into .tools/node when the machine has none or one too old', async () => {
    const fetch = `node: fetch node-linux-ARCH@22.23.5 from the npm registry into ${dir}/clone/.tools/node`;
    for (const version of [undefined, '18.20.4', '20.18.3', '21.7.3', '22.11.0']) {
      assert.equal(await plan(version), fetch, version ?? 'no node');
    }
  });
});

describe('the npm packages', () => {
  it('build the pages from dependencies and keep the test tools in devDependencies', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['govuk-frontend', 'sass']);
    assert.deepEqual(Object.keys(manifest.devDependencies).sort(), [...testNpmPackages].sort());
  });

  it('leave every test tool out of what npm ci --omit=dev installs, by the lock file', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8'));
    assert.deepEqual(lock.packages[''].dependencies, manifest.dependencies);
    assert.deepEqual(lock.packages[''].devDependencies, manifest.devDependencies);
    for (const name of testNpmPackages) {
      assert.equal(lock.packages[`node_modules/${name}`]?.dev, true, name);
    }
    for (const name of ['govuk-frontend', 'sass']) {
      assert.equal(lock.packages[`node_modules/${name}`]?.dev, undefined, name);
    }
  });
});

describe('the Makefile', () => {
  it('sets up make run without the test tools and make test with them', async () => {
    const runPlan = await run('make', ['-n', 'run']);
    assert.equal(runPlan.code, 0, runPlan.stderr);
    assert.match(runPlan.stdout, /^scripts\/setup$/m);
    assert.doesNotMatch(runPlan.stdout, /--test|CIVIC_TESTS/);
    const testPlan = await run('make', ['-n', 'test']);
    assert.equal(testPlan.code, 0, testPlan.stderr);
    assert.match(testPlan.stdout, /^scripts\/setup --test$/m);
    assert.match(testPlan.stdout, /-DCIVIC_TESTS=ON/);
  });
});

describe('cmake without GoogleTest', () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'civic-setup-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('configures the civic binary and leaves the tests out', async () => {
    const build = path.join(dir, 'default');
    const r = await run('cmake', ['-S', root, '-B', build, '-G', 'Ninja',
      '-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Tests not configured \(CIVIC_TESTS is OFF\)/);
    const targets = await run('ninja', ['-C', build, '-t', 'targets', 'all']);
    assert.match(targets.stdout, /^civic: /m);
    assert.doesNotMatch(targets.stdout, /civic_unit_tests/);
  });

  it('refuses CIVIC_TESTS=ON and says how to install the test tools', async () => {
    const r = await run('cmake', ['-S', root, '-B', path.join(dir, 'tests-on'), '-G', 'Ninja',
      '-DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON', '-DCIVIC_TESTS=ON']);
    assert.equal(r.code, 1);
    // CMake folds the message over lines.
    assert.match(r.stderr.replace(/\s+/g, ' '),
      /The tests need GoogleTest: run scripts\/setup --test, or configure with -DCIVIC_TESTS=OFF/);
  });
});
