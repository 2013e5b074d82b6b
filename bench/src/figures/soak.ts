import { join } from 'node:path';
import { GATEWAY_PORT, WORK_DIR } from '../config.ts';
import { LoadGenerator } from '../load.ts';
import { startGateway } from '../servers.ts';

export interface SoakWindow {
  /** Seconds since the soak began, at the window's end. */
  atSeconds: number;
  requestsPerSecond: number;
  p99Ms: number;
  failures: number;
}

export interface SoakFigure {
  connections: number;
  seconds: number;
  windows: SoakWindow[];
  failures: number;
  failuresByStatus: Record<string, number>;
  start: { heapUsed: number; rss: number };
  end: { heapUsed: number; rss: number };
}

const WARMUP_SECONDS = 5;

/**
 * The embedded default under steady load: whole checkouts (create a session, put the card in from the
 * browser, pay) on every connection for `seconds`, in windows whose p99 shows any drift, with the gateway's
 * heap (after a full GC) and RSS once warm and at the end.
 */
export async function measureSoak(
  connections: number,
  seconds: number,
  windowSeconds: number,
): Promise<SoakFigure> {
  const port = GATEWAY_PORT + 4;
  const gateway = await startGateway({
    store: 'embedded',
    port,
    dataDir: join(WORK_DIR, 'gateway-data-soak'),
    probeMemory: true,
  });
  const load = new LoadGenerator();
  try {
    const url = `http://127.0.0.1:${port}`;
    const workload = { kind: 'checkout' as const, runId: 'soak' };
    await load.run({ url, connections, seconds: WARMUP_SECONDS, workload });
    const start = await gateway.memory();
    const windows: SoakWindow[] = [];
    const failuresByStatus: Record<string, number> = {};
    for (let elapsed = 0; elapsed < seconds; elapsed += windowSeconds) {
      const result = await load.run({ url, connections, seconds: windowSeconds, workload });
      windows.push({
        atSeconds: elapsed + windowSeconds,
        requestsPerSecond: result.requestsPerSecond,
        p99Ms: result.p99Ms,
        failures: result.failures,
      });
      for (const [status, count] of Object.entries(result.failuresByStatus)) {
        failuresByStatus[status] = (failuresByStatus[status] ?? 0) + count;
      }
    }
    const end = await gateway.memory();
    return {
      connections,
      seconds,
      windows,
      failures: windows.reduce((sum, w) => sum + w.failures, 0),
      failuresByStatus,
      start: { heapUsed: start.heapUsed, rss: start.rss },
      end: { heapUsed: end.heapUsed, rss: end.rss },
    };
  } finally {
    load.close();
    await gateway.stop();
  }
}
