// Run by session-memory.ts in a process of its own (with --expose-gc), so nothing else shares its heap.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildGateway } from '@hosted-session/gateway/src/app.ts';
import { loadConfig } from '@hosted-session/gateway/src/config.ts';
import { openStore } from '@hosted-session/gateway/src/store/open-store.ts';
import { WORK_DIR } from '../config.ts';
import { createSessionRequest } from '../gateway-api.ts';

const count = Number(process.argv[2]);
const BATCH = 50;

const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');
/** The V8 heap, and memory outside it (buffers); the embedded PostgreSQL is another process. */
function memory(): { heap: number; external: number } {
  gc!();
  gc!();
  const { heapUsed, external } = process.memoryUsage();
  return { heap: heapUsed, external };
}

// The embedded default, as `pnpm start` opens it, in a data folder of its own.
const config = await loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATA_DIR: `${WORK_DIR}/probe-data` });
const app = buildGateway(config, { store: await openStore(config.storage) });
await app.ready();
const { method, path, headers, body } = createSessionRequest();
const create = async (): Promise<string> => {
  const response = await app.inject({ method, url: path, headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`create session answered ${response.statusCode}`);
  return response.payload;
};

// Warms the code path and the merchant password cache, whose entry would otherwise count as sessions' memory.
const sample = await create();

/** The embedded PostgreSQL keeps its cluster under DATA_DIR: what the sessions cost on disk, WAL included. */
function diskBytes(): number {
  const dir = `${WORK_DIR}/probe-data`;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const beforeDisk = diskBytes();
const beforeSessions = memory();
for (let made = 0; made < count; made += BATCH) await Promise.all(Array.from({ length: BATCH }, create));
const afterSessions = memory();
const sessionBytes = afterSessions.heap - beforeSessions.heap;
const externalBytes = afterSessions.external - beforeSessions.external;
const diskGrowth = diskBytes() - beforeDisk;

// The baseline: the same data as the create response, one parsed object per id in a Map.
const kept = new Map<string, unknown>();
const beforeMap = memory().heap;
for (let i = 0; i < count; i++) {
  const record = JSON.parse(sample) as { session: { id: string } };
  record.session.id = `SESSION${i.toString(36).padStart(24, '0')}`;
  kept.set(record.session.id, record);
}
const mapBytes = memory().heap - beforeMap;

process.stdout.write(
  JSON.stringify({ count, sessionBytes, externalBytes, diskGrowth, mapBytes, kept: kept.size }),
);
await app.close();
