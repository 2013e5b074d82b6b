import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@hosted-session/gateway/src/store/sql/embedded-postgres.ts';
import { GATEWAY_PORT, HELLO_URL, WORK_DIR } from '../config.ts';
import { treeCpuMs } from '../cpu.ts';
import { CALLS_PER_SESSION } from '../gateway-api.ts';
import { LoadGenerator, type LoadResult, type Workload } from '../load.ts';
import { ratio, round } from '../stats.ts';
import { startGateway, type Server, type StoreKind } from '../servers.ts';

export interface Measured extends Omit<LoadResult, 'sessionIds' | 'sessionsTaken'> {
  /** CPU of the measured server (the gateway with its embedded database, or the database server too). */
  cpuMsPerRequest: number;
}

export interface ThroughputRow {
  endpoint: 'create session' | 'browser update' | 'PAY' | 'browser update, one session (contention)';
  connections: number;
  byStore: Partial<Record<StoreKind, Measured>>;
  /** Fastify hello-world, measured right before this connection level's rows. */
  baseline: Measured;
}

export interface ThroughputFigure {
  seconds: number;
  rows: ThroughputRow[];
}

export const STORES: StoreKind[] = ['memory', 'embedded', 'server'];
const WARMUP_SECONDS = 1;

interface Target {
  store: StoreKind;
  url: string;
  gateway: Server;
  /** CPU so far of everything serving the requests. */
  cpuMs(): number;
}

/**
 * Every store side by side in one run: a gateway per store (memory, the embedded default, and a PostgreSQL
 * server by DATABASE_URL), all up at once so each connection level runs them back to back after its
 * hello-world baseline. The load comes from a process of its own; CPU is read from /proc for the gateway's
 * process tree (and the server's).
 */
export async function measureThroughput(
  connectionLevels: number[],
  seconds: number,
  helloPid: number,
): Promise<ThroughputFigure> {
  const load = new LoadGenerator();
  const serverDir = mkdtempSync(join(WORK_DIR, 'postgres-server-'));
  const server = await startEmbeddedPostgres({ dataDir: join(serverDir, 'postgres') });
  const serverPid = Number(
    readFileSync(join(serverDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const targets: Target[] = [];
  try {
    for (const [index, store] of STORES.entries()) {
      const port = GATEWAY_PORT + 1 + index;
      const gateway = await startGateway({ store, port, databaseUrl: server.url });
      targets.push({
        store,
        url: `http://127.0.0.1:${port}`,
        gateway,
        cpuMs: () => treeCpuMs(gateway.pid) + (store === 'server' ? treeCpuMs(serverPid) : 0),
      });
    }
    const measure = async (url: string, connections: number, workload: Workload, cpuMs: () => number) => {
      const warm = await load.run({ url, connections, seconds: WARMUP_SECONDS, workload });
      const before = cpuMs();
      // Browser updates go on with sessions the warm-up left untouched.
      const measured =
        workload.kind === 'update'
          ? { ...workload, sessions: workload.sessions.slice(warm.sessionsTaken) }
          : workload;
      const result = await load.run({ url, connections, seconds, workload: measured });
      return {
        ...result,
        cpuMsPerRequest: round((cpuMs() - before) / Math.max(1, result.requests), 3),
      } satisfies Measured;
    };
    const sessions = async (target: Target, count: number) => {
      const made = await load.run({
        url: target.url,
        connections: Math.min(20, count),
        amount: count,
        workload: { kind: 'create' },
        collectSessionIds: true,
      });
      if (made.failures > 0) throw new Error(`${made.failures} of ${count} session creations failed`);
      return made.sessionIds!;
    };
    // The password check is remembered after one call, as for a merchant server in steady state.
    for (const target of targets) await sessions(target, 1);

    const rows: ThroughputRow[] = [];
    for (const connections of connectionLevels) {
      const baseline = await measure(HELLO_URL, connections, { kind: 'hello' }, () => treeCpuMs(helloPid));
      const create: ThroughputRow = { endpoint: 'create session', connections, byStore: {}, baseline };
      const update: ThroughputRow = { endpoint: 'browser update', connections, byStore: {}, baseline };
      const pay: ThroughputRow = { endpoint: 'PAY', connections, byStore: {}, baseline };
      for (const target of targets) {
        const created = await measure(target.url, connections, { kind: 'create' }, target.cpuMs);
        create.byStore[target.store] = created;
        // Enough sessions for 25 calls each at three times the create rate, warm-up included, and one that
        // each connection leaves partly used at the end of the warm-up and of the run.
        const needed =
          Math.ceil((created.requestsPerSecond * 3 * (seconds + WARMUP_SECONDS)) / CALLS_PER_SESSION) +
          2 * connections;
        const updating = await sessions(target, needed);
        update.byStore[target.store] = await measure(
          target.url,
          connections,
          { kind: 'update', sessions: updating },
          target.cpuMs,
        );
        // Each connection pays with a session of its own that holds a card, a new order each time. (The
        // update runs' first sessions may not: a request still in flight when a run ends may be dropped.)
        const paying = await sessions(target, connections);
        const carded = await load.run({
          url: target.url,
          connections,
          amount: connections,
          workload: { kind: 'update', sessions: paying },
        });
        if (carded.failures > 0) throw new Error(`${carded.failures} of ${connections} card updates failed`);
        pay.byStore[target.store] = await measure(
          target.url,
          connections,
          {
            kind: 'pay',
            sessions: paying,
            runId: `${target.store.slice(0, 3)}${connections}`,
          },
          target.cpuMs,
        );
      }
      rows.push(create, update, pay);
    }

    // Contention, apart: every connection updates the same session (the next once 25 calls used it up).
    const connections = Math.max(...connectionLevels);
    const baseline = await measure(HELLO_URL, connections, { kind: 'hello' }, () => treeCpuMs(helloPid));
    const contention: ThroughputRow = {
      endpoint: 'browser update, one session (contention)',
      connections,
      byStore: {},
      baseline,
    };
    const createRow = rows.find(
      (row) => row.endpoint === 'create session' && row.connections === connections,
    )!;
    for (const target of targets) {
      const rate = createRow.byStore[target.store]!.requestsPerSecond * 1.5;
      const updating = await sessions(
        target,
        Math.ceil((rate * (seconds + WARMUP_SECONDS)) / CALLS_PER_SESSION),
      );
      contention.byStore[target.store] = await measure(
        target.url,
        connections,
        { kind: 'update', sessions: updating, oneSessionAtATime: true },
        target.cpuMs,
      );
    }
    rows.push(contention);
    return { seconds, rows };
  } finally {
    load.close();
    for (const target of targets) await target.gateway.stop();
    await server.stop();
  }
}

/** A store's throughput over another's (or hello-world's) in the same row. */
export function throughputRatio(
  row: ThroughputRow,
  store: StoreKind,
  over: StoreKind | 'hello',
): number | undefined {
  const measured = row.byStore[store];
  const base = over === 'hello' ? row.baseline : row.byStore[over];
  return measured && base ? ratio(measured.requestsPerSecond, base.requestsPerSecond) : undefined;
}
