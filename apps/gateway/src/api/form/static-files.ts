import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  // session.d.ts, the declarations of window.PaymentSession.
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Reads a built folder once, at start-up, into memory. Requests are answered from this map only, so no
 * request path ever reaches the file system (no traversal to guard against) and a missing build fails at
 * start, not at the first payer.
 */
export function loadStaticFiles(dir: string, what: string): Map<string, StaticFile> {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    throw new Error(`${what} not found in ${dir}: run "pnpm build" first`);
  }
  const files = new Map<string, StaticFile>();
  for (const name of names) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    files.set(name.split('\\').join('/'), { body: readFileSync(join(dir, name)), contentType });
  }
  return files;
}
