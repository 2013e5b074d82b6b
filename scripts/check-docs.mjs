// The integrator docs hold together: every relative link in the project's Markdown (docs/, the READMEs,
// CONTRIBUTING) names a file that exists and, for `#anchor`, a heading in it. Run after the API reference is
// built (`pnpm docs:api`), which docs/api-reference.md links to.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { root } from './public-packages.mjs';

const SKIP = new Set(['node_modules', 'dist', '.git', '.test-output', '.tools', '.release', 'api', 'seeds']);

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name) || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');
}

function anchors(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map(([, heading]) => slug(heading)));
}

const problems = [];
const files = markdownFiles(root);
let links = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue;
    links += 1;
    const [path, anchor] = target.split('#');
    const resolved = path ? join(dirname(file), decodeURIComponent(path)) : file;
    const where = `${relative(root, file)}: ${target}`;
    if (!existsSync(resolved)) problems.push(`${where} names no file`);
    else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor))
      problems.push(`${where} names no heading in ${relative(root, resolved)}`);
  }
}
for (const problem of problems) console.log(problem);
console.log(`${links} links in ${files.length} Markdown files, ${problems.length} broken`);
process.exit(problems.length ? 1 : 0);
