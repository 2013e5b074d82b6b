import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIST = join(import.meta.dirname, '..', 'dist');

/** A built page; fails with what to do when the build has not run. */
export function readBuiltPage(page: string): string {
  const file = join(DIST, page);
  if (!existsSync(file)) {
    throw new Error(
      `apps/frames/dist/${page} is missing: run the build first (pnpm --filter @hosted-session/frames build)`,
    );
  }
  return readFileSync(file, 'utf8');
}
