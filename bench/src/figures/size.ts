import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../config.ts';
import { ratio } from '../stats.ts';

export interface Sizes {
  minified: number;
  gzip: number;
  brotli: number;
}

export interface SizeEntry extends Sizes {
  name: string;
  /** Compared with the peer's page-side or frame-side size. */
  side: 'page' | 'frame';
  files: string[];
  /** gzip over the peer's (page-side or frame-side) gzip size. */
  ratioToPeer: number;
}

export interface SizeFigure {
  entries: SizeEntry[];
  baseline: {
    /** The SDK's one dependency as its authors ship it minified, measured in the run: the page's floor. */
    penpal: Sizes & { file: string };
    /** The peer's sizes from our survey (gzip -9), not re-measured: sizes do not drift with the machine. */
    peer: { source: string; pageGzip: number; frameGzip: number };
  };
  /** session.js (gzip) over penpal alone. */
  sessionJsToPenpal: number;
}

// Braintree hosted-fields + client, the smallest peer in the project's survey of peers (esbuild, gzip -9).
const BRAINTREE = {
  source: 'Braintree hosted-fields + client (peer survey)',
  pageGzip: 37 * 1024,
  frameGzip: 39 * 1024,
};

const SDK_DIST = join(REPO_ROOT, 'packages/sdk/dist');
const PENPAL_MIN = join(
  dirname(createRequire(join(REPO_ROOT, 'packages/sdk/package.json')).resolve('penpal')),
  'penpal.min.js',
);
const FRAMES_DIST = join(REPO_ROOT, 'apps/frames/dist');

function measure(bytes: Buffer): Sizes {
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** Files are compressed one by one and summed, as the browser fetches them one by one. */
function total(files: string[]): Sizes {
  const sum: Sizes = { minified: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const sizes = measure(readFileSync(file));
    sum.minified += sizes.minified;
    sum.gzip += sizes.gzip;
    sum.brotli += sizes.brotli;
  }
  return sum;
}

function entry(name: string, side: 'page' | 'frame', files: string[]): SizeEntry {
  const sizes = total(files);
  const peer = side === 'page' ? BRAINTREE.pageGzip : BRAINTREE.frameGzip;
  const relativeFiles = files.map((file) => relative(REPO_ROOT, file));
  return { name, side, files: relativeFiles, ...sizes, ratioToPeer: ratio(sizes.gzip, peer) };
}

/** Every script a frame page loads: its module entry, its preloads, and what those import, transitively. */
function frameScripts(page: string): string[] {
  const html = readFileSync(join(FRAMES_DIST, page), 'utf8');
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const source = readFileSync(file, 'utf8');
    // Static and dynamic imports alike: a lazily loaded chunk is still code the frame downloads.
    for (const [, specifier] of source.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(join(dirname(file), specifier!));
  };
  for (const [, src] of html.matchAll(
    /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
  ))
    visit(join(FRAMES_DIST, src!));
  if (found.size === 0) throw new Error(`no script found in apps/frames/dist/${page}`);
  return [...found];
}

export function measureSize(): SizeFigure {
  const field = frameScripts('field.html');
  const hub = frameScripts('hub.html');
  const entries = [
    entry('session.js (IIFE, penpal included)', 'page', [join(SDK_DIST, 'session.js')]),
    entry('ES module (penpal external)', 'page', [join(SDK_DIST, 'index.mjs')]),
    // Loaded beside session.js by checkouts that run 3-D Secure the Mastercard way.
    entry('three-ds.min.js (ThreeDS script)', 'page', [join(SDK_DIST, 'three-ds.min.js')]),
    entry('field frame JS', 'frame', field),
    entry('hub frame JS', 'frame', hub),
    entry('field + hub JS (shared chunk once)', 'frame', [...new Set([...field, ...hub])]),
  ];
  const penpal = { file: relative(REPO_ROOT, PENPAL_MIN), ...total([PENPAL_MIN]) };
  return {
    entries,
    baseline: { penpal, peer: BRAINTREE },
    sessionJsToPenpal: ratio(entries[0]!.gzip, penpal.gzip),
  };
}
