// The workspace's public packages (those not marked private) and how they are packed for a registry. Shared
// by the release (scripts/release.mjs) and the packaging check (scripts/check-packages.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** @returns {{ name: string, version: string, dir: string, manifest: Record<string, any> }[]} */
export function publicPackages() {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir, manifest }));
}

/**
 * Packs one package with npm into `destination`, as `npm publish` would upload it.
 * @returns {{ tarball: string, files: string[] }}
 */
export function npmPack(dir, destination) {
  mkdirSync(destination, { recursive: true });
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination, '--loglevel=error'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm pack failed in ${dir}:\n${result.stderr}`);
  const [packed] = JSON.parse(result.stdout);
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path).sort() };
}

/**
 * Packs one package with pnpm into `destination`, as `pnpm publish` would upload it.
 * @returns {{ tarball: string, files: string[] }}
 */
export function pnpmPack(dir, destination) {
  mkdirSync(destination, { recursive: true });
  const result = spawnSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pnpm pack failed in ${dir}:\n${result.stderr}`);
  const packed = JSON.parse(result.stdout);
  return { tarball: packed.filename, files: packed.files.map((file) => file.path).sort() };
}

/** The package.json inside a tarball. */
export function packedManifest(tarball) {
  const result = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`no package.json in ${tarball}`);
  return JSON.parse(result.stdout);
}

/** Every file path a manifest points at (exports, main, module, types, typesVersions). */
function pointedFiles(manifest) {
  const found = [];
  const walk = (value) => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.typesVersions);
  for (const field of ['main', 'module', 'types']) walk(manifest[field]);
  return found.map((path) => path.replace(/^\.\//, ''));
}

// The scripts the gateway serves to pages as they are (session.js, the ThreeDS script): minified, without a
// sourcemap comment that would point a payer's browser at a file the gateway does not serve.
const SERVED_SCRIPTS = ['dist/session.js', 'dist/three-ds.min.js'];

/**
 * What is wrong with a packed package, as its users would find it; empty when nothing is.
 * @param {Record<string, any>} manifest the package.json inside the tarball
 * @param {string[]} files the tarball's file list
 */
export function packageProblems(manifest, files) {
  const problems = [];
  const has = new Set(files);
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'])
    if (!has.has(file)) problems.push(`${file} is not in the tarball`);
  for (const file of pointedFiles(manifest))
    if (!has.has(file)) problems.push(`package.json points at ${file}, which is not in the tarball`);
  for (const file of files) {
    if (/(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]sx?$/.test(file))
      problems.push(`a test ships: ${file}`);
    if (/^dist\/.*\.[cm]?js$/.test(file) && !SERVED_SCRIPTS.includes(file) && !has.has(`${file}.map`))
      problems.push(`${file} has no sourcemap`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {}))
      if (/^(workspace|link|file|portal):/.test(spec))
        problems.push(`${field}.${name} is "${spec}", which no registry install understands`);
  }
  if (manifest.sideEffects === undefined) problems.push('sideEffects is not declared');
  if (manifest.license !== 'MIT') problems.push('license is not MIT');
  return problems;
}

function execInRoot(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status === 0;
}

/** publint on the tarball as published, warnings counted as errors. */
export const runPublint = (tarball) => execInRoot('pnpm', ['exec', 'publint', 'run', tarball, '--strict']);

/** are-the-types-wrong on the tarball, every resolution mode: node10, node16 (CommonJS and ESM), bundler. */
export const runAttw = (tarball) =>
  execInRoot('pnpm', ['exec', 'attw', tarball, '--format', 'ascii', '--profile', 'strict']);
