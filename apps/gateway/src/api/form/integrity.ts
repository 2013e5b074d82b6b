import { createHash } from 'node:crypto';
import type { StaticFile } from './static-files.ts';

/** The Subresource Integrity value of a file: `sha384-` and the base64 of its SHA-384. */
export function integrityOf(body: Buffer): string {
  return `sha384-${createHash('sha384').update(body).digest('base64')}`;
}

/** A file's content hash for its immutable URL: 64 bits of its SHA-384 in hex, enough to tell builds apart. */
export function contentHash(body: Buffer): string {
  return createHash('sha384').update(body).digest('hex').slice(0, 16);
}

/** The integrity of every asset of a build (`assets/…`), by file name. */
export function assetIntegrity(files: ReadonlyMap<string, StaticFile>): Map<string, string> {
  return new Map(
    [...files]
      .filter(([name]) => name.startsWith('assets/'))
      .map(([name, file]) => [name, integrityOf(file.body)]),
  );
}

/**
 * A page of the frames build (a frame page, a 3-D Secure page) whose script and stylesheet tags carry the
 * integrity of the asset they name, so the browser runs its code only as built, whatever a cache between
 * gateway and payer may hold.
 */
export function withIntegrity(page: StaticFile, integrity: ReadonlyMap<string, string>): string {
  return page.body
    .toString('utf8')
    .replace(/\s(?:src|href)="\.\/([^"]+)"/g, (attribute: string, name: string) => {
      const value = integrity.get(name);
      return value ? `${attribute} integrity="${value}"` : attribute;
    });
}
