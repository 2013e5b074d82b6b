import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

const MAX_BODY_BYTES = 4096;

export class BadRequest extends Error {}

/** A small JSON body; anything larger or malformed is the client's fault, never a crash. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('The request body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new BadRequest('The request body is not JSON.');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The hashes of a page's inline `<script>` and `<style>` blocks, so its CSP needs no 'unsafe-inline'. */
function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const blocks = html.matchAll(new RegExp(`<${tag}(?![^>]*\\ssrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g'));
  return [...blocks].map((block) => sha256(block[1] ?? ''));
}

/**
 * The checkout's headers. Scripts and frames only from this server and the gateway, and the documented
 * clickjacking defences: no one may frame the page (CSP `frame-ancestors` and X-Frame-Options).
 */
export function pageHeaders(html: string, gatewayOrigin: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${gatewayOrigin} ${inlineHashes(html, 'script').join(' ')}`,
    `style-src 'self' ${inlineHashes(html, 'style').join(' ')}`,
    `frame-src ${gatewayOrigin}`,
    "img-src 'self' data:",
    // The SDK asks the gateway's configuration check while the frames load, and the gateway's 3-D Secure
    // operations are called from the page (the ThreeDS script, authenticate()).
    `connect-src 'self' ${gatewayOrigin}`,
    "base-uri 'none'",
    // The issuer's 3DS Method and challenge are form posts into gateway frames.
    `form-action 'self' ${gatewayOrigin}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** A built folder read once into memory: request paths are looked up, never joined onto the file system. */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType)
      files.set(`/${name.split('\\').join('/')}`, { body: readFileSync(join(dir, name)), contentType });
  }
  return files;
}

export function sendStatic(response: ServerResponse, file: StaticFile): void {
  response.writeHead(200, {
    'content-type': file.contentType,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  response.end(file.body);
}
