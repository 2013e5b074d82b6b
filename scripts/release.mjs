// `pnpm release`: builds the public packages, checks every tarball (contents, publint, are-the-types-wrong),
// then publishes what changesets has versioned (`changeset publish`, which skips versions already on the
// registry). `pnpm release --dry-run` stops before publishing and leaves the tarballs in .release/.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  npmPack,
  packageProblems,
  packedManifest,
  publicPackages,
  root,
  runAttw,
  runPublint,
} from './public-packages.mjs';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
const destination = join(root, '.release');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const packages = publicPackages();
run('pnpm', ['-s', ...packages.flatMap((pkg) => ['--filter', pkg.name]), 'run', 'build']);

rmSync(destination, { recursive: true, force: true });
let failed = false;
for (const pkg of packages) {
  const { tarball, files } = npmPack(pkg.dir, destination);
  const problems = packageProblems(packedManifest(tarball), files);
  for (const problem of problems) console.error(`${pkg.name}: ${problem}`);
  const linted = runPublint(tarball) && runAttw(tarball);
  failed ||= problems.length > 0 || !linted;
  const kilobytes = (statSync(tarball).size / 1024).toFixed(1);
  console.log(`${pkg.name}@${pkg.version}: ${tarball} (${kilobytes} KiB, ${files.length} files)`);
}
if (failed) {
  console.error('Not releasing: see the problems above.');
  process.exit(1);
}
if (values['dry-run']) {
  console.log(`Dry run: nothing published; the tarballs are in ${destination}.`);
} else {
  run('pnpm', ['exec', 'changeset', 'publish']);
}
