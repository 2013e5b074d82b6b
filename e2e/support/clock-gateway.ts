// A second, real gateway in the test process, on a clock the test moves: what a token's expiry looks like to a
// page without waiting ten minutes. The same code, frames and session.js as the gateway under test; its store
// is in memory, so it lives as long as the test file.
import { fileURLToPath } from 'node:url';
import { buildGateway } from '@hosted-session/gateway/src/app.ts';
import { loadConfig } from '@hosted-session/gateway/src/config.ts';
import { CLOCK_GATEWAY_PORT, CLOCK_GATEWAY_URL } from './ports.ts';

export interface ClockGateway {
  url: string;
  /** Moves the gateway's clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startClockGateway(): Promise<ClockGateway> {
  let offset = 0;
  const config = await loadConfig({ STORE: 'memory', PORT: String(CLOCK_GATEWAY_PORT), LOG_LEVEL: 'warn' });
  const app = buildGateway(config, {
    now: () => Date.now() + offset,
    formAssets: {
      framesDir: fileURLToPath(new URL('../../apps/frames/dist', import.meta.url)),
      sdkDir: fileURLToPath(new URL('../../packages/sdk/dist', import.meta.url)),
    },
  });
  await app.listen({ host: config.host, port: config.port });
  return {
    url: CLOCK_GATEWAY_URL,
    advance: (ms) => {
      offset += ms;
    },
    close: () => app.close(),
  };
}
