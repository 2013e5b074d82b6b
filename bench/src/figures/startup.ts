import { join } from 'node:path';
import { WORK_DIR } from '../config.ts';
import { startGateway, startHello } from '../servers.ts';
import { ratio, round, summarize, type Summary } from '../stats.ts';

export interface StartupFigure {
  starts: number;
  /** Starts on a data folder that already holds the cluster. */
  gateway: Summary;
  baseline: Summary;
  ratio: { median: number; p95: number };
  /** The very first start on an empty DATA_DIR, of which initdb (creating the cluster) took `initdbMs`. */
  firstStart: { ms: number; initdbMs: number };
}

/**
 * Process spawn → first 200 from `/healthz` for the compiled gateway on its embedded default, against the
 * hello-world server started the same way (node) until its route answers. The first start, which creates the
 * database cluster, is reported apart; then the two alternate, each stopped before the next starts.
 */
export async function measureStartup(starts: number): Promise<StartupFigure> {
  const dataDir = join(WORK_DIR, 'startup-data');
  const first = await startGateway({ dataDir, logLevel: 'info' });
  const initdbMs = Number(/"initdbMs":(\d+)/.exec(first.output())?.[1] ?? Number.NaN);
  await first.stop();
  // Untimed: the first hello-world start warms the file cache as the gateway's first start did.
  await (await startHello()).stop();
  const gateway: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < starts; i++) {
    for (const [start, times] of [
      [() => startGateway({ dataDir }), gateway],
      [startHello, baseline],
    ] as const) {
      const server = await start();
      times.push(server.startedMs);
      await server.stop();
    }
  }
  const figure = { gateway: summarize(gateway), baseline: summarize(baseline) };
  return {
    starts,
    ...figure,
    ratio: {
      median: ratio(figure.gateway.median, figure.baseline.median),
      p95: ratio(figure.gateway.p95, figure.baseline.p95),
    },
    firstStart: { ms: round(first.startedMs), initdbMs },
  };
}
