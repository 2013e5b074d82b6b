// The packages as a front-end team gets them: packs every public package (npm and pnpm must agree), lints
// each tarball (publint, are-the-types-wrong in every resolution mode), then installs the tarballs, not the
// workspace, into fresh copies of the consumer projects under examples/ with each package manager, and type
// checks and builds them. The browser examples' builds are kept under .test-output/examples/ for
// e2e/examples.spec.ts. Run after `pnpm build`.
//
//   node scripts/check-packages.mjs [--pm npm,pnpm,yarn] [--example vite-react,...] [--summary file.json]
//
// Each check prints "== title" and its outcome; the summary file holds the counts for scripts/run-tests.mjs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import {
  npmPack,
  packageProblems,
  packedManifest,
  pnpmPack,
  publicPackages,
  root,
  runAttw,
  runPublint,
} from './public-packages.mjs';

const { values: args } = parseArgs({
  options: {
    pm: { type: 'string', default: 'npm,pnpm,yarn' },
    example: { type: 'string' },
    summary: { type: 'string' },
  },
});
const managers = args.pm.split(',');
const EXAMPLES = join(root, 'examples');
const examples = (args.example?.split(',') ?? readdirSync(EXAMPLES)).filter((name) =>
  existsSync(join(EXAMPLES, name, 'package.json')),
);
/** The browser examples' builds, served by the test merchant under /examples/<name>/. */
const BUILDS = join(root, '.test-output', 'examples');
const TARBALLS = join(root, '.test-output', 'tarballs');
// Outside the repository, so nothing resolves from the workspace's node_modules by accident; one folder per
// checkout, so two checkouts on one machine do not collide.
const WORK = join(
  tmpdir(),
  `hosted-session-consumers-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`,
);
const YARN_VERSION = '1.22.22';
const YARN_DIR = join(root, '.tools', 'yarn');

const checks = [];
const started = Date.now();

/** Runs one check; a thrown error or a false result fails it. */
function check(title, run) {
  console.log(`\n== ${title}`);
  const start = Date.now();
  let ok;
  try {
    ok = run() !== false;
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
    ok = false;
  }
  const seconds = (Date.now() - start) / 1000;
  console.log(`${ok ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`);
  checks.push({ title, ok, seconds });
  return ok;
}

function exec(command, commandArgs, cwd, env = {}) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.error) throw result.error;
  return result.status === 0;
}

// 1. Pack with npm and pnpm: the same files and the same manifest, and nothing missing or extra.
rmSync(TARBALLS, { recursive: true, force: true });
const packages = publicPackages();
/** package name → npm tarball */
const tarballs = {};
for (const pkg of packages) {
  check(`pack ${pkg.name} (npm and pnpm alike)`, () => {
    const npm = npmPack(pkg.dir, join(TARBALLS, 'npm'));
    const pnpm = pnpmPack(pkg.dir, join(TARBALLS, 'pnpm'));
    tarballs[pkg.name] = npm.tarball;
    const manifest = packedManifest(npm.tarball);
    const problems = packageProblems(manifest, npm.files);
    if (!isDeepStrictEqual(npm.files, pnpm.files))
      problems.push(`npm and pnpm pack different files:\n  npm:  ${npm.files}\n  pnpm: ${pnpm.files}`);
    if (!isDeepStrictEqual(manifest, packedManifest(pnpm.tarball)))
      problems.push('npm and pnpm pack different package.json files');
    for (const problem of problems) console.log(`  ${problem}`);
    console.log(`  ${npm.files.length} files: ${npm.files.join(' ')}`);
    return problems.length === 0;
  });
}

// 2. Lint each tarball as it will be published.
for (const pkg of packages) {
  const tarball = tarballs[pkg.name];
  if (!tarball) continue;
  check(`publint ${pkg.name}`, () => runPublint(tarball));
  check(`are-the-types-wrong ${pkg.name} (node10, node16 CJS and ESM, bundler)`, () => runAttw(tarball));
}

// 3. Fresh consumer projects, each package manager in turn.
const INSTALL = {
  npm: ['npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']],
  pnpm: ['pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=silent']],
  yarn: [
    join(YARN_DIR, 'node_modules', '.bin', 'yarn'),
    ['install', '--prefer-offline', '--non-interactive', '--silent', '--no-lockfile'],
  ],
};

/** yarn classic, installed under .tools/yarn like the workspace's pnpm: never over a yarn the user has. */
function ensureYarn() {
  const yarn = INSTALL.yarn[0];
  const version = spawnSync(yarn, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version === YARN_VERSION) return true;
  return exec(
    'npm',
    [
      'install',
      '--prefix',
      YARN_DIR,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `yarn@${YARN_VERSION}`,
    ],
    root,
  );
}

/**
 * The example's package.json as a consumer would have it after installing the tarballs: every
 * @hosted-session package, direct or not, comes from its tarball (overrides for npm, resolutions for yarn,
 * pnpm-workspace.yaml for pnpm), so nothing is fetched from a registry under that name.
 */
function consumerManifest(manifest) {
  const specs = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  for (const field of ['dependencies', 'devDependencies'])
    for (const name of Object.keys(manifest[field] ?? {}))
      if (specs[name]) manifest[field][name] = specs[name];
  return { ...manifest, overrides: specs, resolutions: specs };
}

function prepare(manager, example) {
  const dir = join(WORK, manager, example);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(EXAMPLES, example), dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  const manifest = consumerManifest(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (manager === 'pnpm') {
    // Its own workspace root (so pnpm never joins a workspace above it), with the same overrides.
    const overrides = Object.entries(manifest.overrides).map(([name, spec]) => `  '${name}': '${spec}'`);
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), `overrides:\n${overrides.join('\n')}\n`);
  }
  return dir;
}

rmSync(WORK, { recursive: true, force: true });
rmSync(BUILDS, { recursive: true, force: true });
const packed = Object.keys(tarballs).length === packages.length;
for (const manager of managers) {
  if (!packed) break;
  if (manager === 'yarn' && !check('yarn classic for the consumer projects', ensureYarn)) continue;
  const [command, installArgs] = INSTALL[manager];
  for (const example of examples) {
    const dir = prepare(manager, example);
    const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts ?? {};
    if (!check(`${example} with ${manager}: install the tarballs`, () => exec(command, installArgs, dir)))
      continue;
    for (const script of ['typecheck', 'build', 'start']) {
      if (!scripts[script]) continue;
      check(`${example} with ${manager}: ${script}`, () => exec(command, ['run', script], dir));
    }
    // The first package manager's builds are the ones the browser tests drive.
    if (manager === managers[0] && existsSync(join(dir, 'dist', 'index.html')))
      cpSync(join(dir, 'dist'), join(BUILDS, example), { recursive: true });
  }
}

const failed = checks.filter((c) => !c.ok).length;
// Kept after a failure, to look into; otherwise their node_modules would only fill the disk.
if (failed === 0) rmSync(WORK, { recursive: true, force: true });
const total = (Date.now() - started) / 1000;
console.log(
  `\npackages and examples: ${checks.length - failed} of ${checks.length} checks passed in ${total.toFixed(0)} s`,
);
if (args.summary) {
  writeFileSync(
    args.summary,
    JSON.stringify({ passed: checks.length - failed, failed, seconds: total, checks }, null, 2),
  );
}
process.exit(failed === 0 ? 0 : 1);
