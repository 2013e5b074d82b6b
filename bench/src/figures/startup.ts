import { startGateway, startHello } from '../servers.ts';
import { ratio, summarize, type Summary } from '../stats.ts';

export interface StartupFigure {
  starts: number;
  gateway: Summary;
  baseline: Summary;
  ratio: { median: number; p95: number };
}

/**
 * Process spawn → first 200 from `/healthz` for the embedded default, against the hello-world server started
 * the same way (tsx) until its route answers. Each start is stopped before the next, alternating the two.
 */
export async function measureStartup(starts: number): Promise<StartupFigure> {
  // Untimed: the first start creates the vault key and fills tsx's transform cache.
  for (const start of [startGateway, startHello]) await (await start()).stop();
  const gateway: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < starts; i++) {
    for (const [start, times] of [
      [startGateway, gateway],
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
  };
}
