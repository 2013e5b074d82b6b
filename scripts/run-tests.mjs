// Runs every check and test runner of the workspace, then prints one closing line,
// "N passed, N failed", summed over all of them. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.test-output');
const postgresDir = join(out, 'pg');
const postgresScript = join(root, 'scripts', 'test-postgres.sh');
// A cluster an interrupted run left behind is stopped before its directory goes.
spawnSync('bash', [postgresScript, 'stop', postgresDir], { cwd: root, stdio: 'inherit' });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function run(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(title, command, args) {
  if (run(title, command, args)) passed += 1;
  else failed += 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', 'pnpm', ['-s', 'typecheck']);
check('lint', 'pnpm', ['-s', 'lint']);
check('API reference from the TSDoc (typedoc, warnings as errors)', 'pnpm', ['-s', 'docs:api']);
check('links in the docs and READMEs', 'node', ['scripts/check-docs.mjs']);

// A throwaway PostgreSQL on loopback for the store's server tests. If it cannot start, those tests fail under
// CI (they never skip there) and skip locally with the reason.
console.log('\n== PostgreSQL for the tests');
const postgres = spawnSync('bash', [postgresScript, 'start', postgresDir], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const testDatabaseUrl = postgres.status === 0 ? postgres.stdout.trim() : '';
if (!testDatabaseUrl) console.log('PostgreSQL did not start; see above.');

const vitestJson = join(out, 'vitest.json');
let vitestOk;
try {
  vitestOk = run(
    'unit and DOM tests (vitest)',
    'pnpm',
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    testDatabaseUrl ? { TEST_DATABASE_URL: testDatabaseUrl } : {},
  );
} finally {
  spawnSync('bash', [postgresScript, 'stop', postgresDir], { cwd: root, stdio: 'inherit' });
}
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A suite that fails to load reports no test; count it so it cannot pass silently.
  if (!vitestOk && vitest.numFailedTests === 0) failed += 1;
} else failed += 1;

/** Every test of a Playwright JSON report with its project (the engine), outcome and skip reasons. */
function* playwrightTests(suite) {
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests) yield { title: spec.title, file: spec.file, ...test };
  for (const child of suite.suites ?? []) yield* playwrightTests(child);
}

/** The browser tests counted per engine, and each test that cannot run in an engine with its one-line reason. */
function printEngines(report) {
  const engines = new Map();
  for (const suite of report.suites) {
    for (const test of playwrightTests(suite)) {
      const engine = engines.get(test.projectName) ?? { passed: 0, failed: 0, cannot: [] };
      engines.set(test.projectName, engine);
      if (test.status === 'expected' || test.status === 'flaky') engine.passed += 1;
      else if (test.status === 'unexpected') engine.failed += 1;
      else if (test.status === 'skipped') {
        const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'skipped';
        engine.cannot.push(`${test.file}: ${test.title} (${reason})`);
      }
    }
  }
  console.log('\n== browser tests by engine');
  let cannot = 0;
  for (const [name, engine] of engines) {
    console.log(
      `${name}: ${engine.passed} passed, ${engine.failed} failed, ${engine.cannot.length} cannot run`,
    );
    for (const line of engine.cannot) console.log(`  cannot run in ${name}: ${line}`);
    cannot += engine.cannot.length;
  }
  console.log(`${cannot} browser tests cannot run in an engine (reasons above)`);
}
// The public packages as a registry would serve them: packed, linted, and installed from their tarballs into
// the consumer examples with npm, pnpm and yarn; the browser run then drives the examples' builds.
const packagesJson = join(out, 'packages.json');
const packagesOk = run('packages from their tarballs (publint, attw, examples)', 'node', [
  'scripts/check-packages.mjs',
  '--summary',
  packagesJson,
]);
const packages = readJson(packagesJson);
if (packages) {
  passed += packages.passed;
  failed += packages.failed;
  if (!packagesOk && packages.failed === 0) failed += 1;
} else failed += 1;

const hasBrowserTests =
  existsSync(join(root, 'e2e')) &&
  readdirSync(join(root, 'e2e'), { recursive: true }).some((f) => String(f).endsWith('.spec.ts'));
if (hasBrowserTests) {
  const playwrightJson = join(out, 'playwright.json');
  const playwrightOk = run(
    'browser tests (playwright)',
    'pnpm',
    ['exec', 'playwright', 'test', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    },
  );
  const report = readJson(playwrightJson);
  const stats = report?.stats;
  if (stats) {
    passed += stats.expected + (stats.flaky ?? 0);
    failed += stats.unexpected;
    skipped += stats.skipped;
    if (!playwrightOk && stats.unexpected === 0) failed += 1;
    printEngines(report);
  } else failed += 1;
  // The test gateway has stopped: its embedded database must hold no card data the tests typed.
  check('card data at rest after the browser run', 'pnpm', [
    'exec',
    'tsx',
    'e2e/support/scan-database.ts',
    join(out, 'gateway-data'),
  ]);
}

// The benchmarks in quick mode: only a broken harness fails here, never a figure.
check('benchmark harness (pnpm bench --quick)', 'pnpm', [
  '-s',
  '--filter',
  '@hosted-session/bench',
  'run',
  'bench',
  '--quick',
]);

// The last line is exactly `N passed, N failed`, the form CI reads; what was skipped is told just before it.
if (skipped > 0) console.log(`\n${skipped} skipped (reasons above)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
