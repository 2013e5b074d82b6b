import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR, REPO_ROOT } from '../config.ts';
import { ratio } from '../stats.ts';

export interface SessionMemoryFigure {
  sessions: number;
  /** V8 heap growth per session. */
  bytesPerSession: number;
  /** Growth outside the V8 heap per session: the embedded database's WebAssembly memory. */
  externalBytesPerSession: number;
  /** Growth of the embedded database's files per session. */
  diskBytesPerSession: number;
  /** A plain object holding the create response's data, per entry of a Map. */
  baselineBytesPerEntry: number;
  ratio: number;
}

/** Memory growth per live session in the gateway's own code (app.inject, no sockets), after full GCs. */
export async function measureSessionMemory(sessions: number): Promise<SessionMemoryFigure> {
  const { stdout } = await promisify(execFile)(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['--expose-gc', join(BENCH_DIR, 'src/figures/session-memory-probe.ts'), String(sessions)],
    { cwd: BENCH_DIR, maxBuffer: 1024 * 1024 },
  );
  const probe = JSON.parse(stdout) as {
    count: number;
    sessionBytes: number;
    externalBytes: number;
    diskGrowth: number;
    mapBytes: number;
  };
  const bytesPerSession = Math.round(probe.sessionBytes / probe.count);
  const externalBytesPerSession = Math.round(probe.externalBytes / probe.count);
  const baselineBytesPerEntry = Math.round(probe.mapBytes / probe.count);
  return {
    sessions,
    bytesPerSession,
    externalBytesPerSession,
    diskBytesPerSession: Math.round(probe.diskGrowth / probe.count),
    baselineBytesPerEntry,
    ratio: ratio(bytesPerSession, baselineBytesPerEntry),
  };
}
