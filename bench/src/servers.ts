import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BENCH_DIR,
  GATEWAY_PORT,
  GATEWAY_URL,
  HELLO_PORT,
  HELLO_URL,
  MERCHANT_PORT,
  MERCHANT_URL,
  REPO_ROOT,
  WORK_DIR,
} from './config.ts';

export interface Server {
  /** Spawn to first good answer. */
  startedMs: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// tsx runs the script in a child node process: each server gets its own process group, so a kill reaches both.
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A failed or interrupted run must not leave servers behind on the shared machine. */
export function stopAllNow(): void {
  for (const child of running) killGroup(child, 'SIGKILL');
  running.clear();
}
process.once('exit', stopAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAllNow();
    process.exit(130);
  });
}

export interface StartOptions {
  name: string;
  cwd: string;
  script: string;
  env: Record<string, string>;
  /** Answers 200 once the server is ready. */
  readyUrl: string;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Starts a TypeScript server with tsx, as the packages' own `start` scripts do, and resolves when it answers.
 * Output goes straight to a file, so logging costs the benchmark process nothing.
 */
export async function startServer(options: StartOptions): Promise<Server> {
  mkdirSync(WORK_DIR, { recursive: true });
  const log = join(WORK_DIR, `${options.name}.log`);
  const out = openSync(log, 'w');
  const started = performance.now();
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), [options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(3000).then(() => false)]);
    if (!killed) killGroup(child, 'SIGKILL');
    running.delete(child);
  };
  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(options.readyUrl)) {
      return { startedMs: performance.now() - started, stop };
    }
    await sleep(5);
  }
  await stop();
  throw new Error(`${options.name} did not become ready at ${options.readyUrl}; see ${log}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The embedded default (memory store, sandbox merchant). Request logs are off (LOG_LEVEL=warn) so the figures
 * measure the request path, not pino writing a line per request on the same two cores. The load comes from
 * one address at thousands of requests a second: the card-testing limits stay on (their statements are part
 * of the request path) but so high that no request is refused.
 */
const UNREACHABLE_LIMIT = '9999999/1s';

export function startGateway() {
  return startServer({
    name: 'gateway',
    cwd: join(REPO_ROOT, 'apps/gateway'),
    script: 'src/main.ts',
    env: {
      PORT: String(GATEWAY_PORT),
      DATA_DIR: join(WORK_DIR, 'gateway-data'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_BROWSER_PER_ADDRESS: UNREACHABLE_LIMIT,
      RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: UNREACHABLE_LIMIT,
      RATE_LIMIT_DECLINES_PER_CARD: UNREACHABLE_LIMIT,
      RATE_LIMIT_CARDS_PER_MERCHANT: UNREACHABLE_LIMIT,
    },
    readyUrl: `${GATEWAY_URL}/healthz`,
  });
}

/** The baseline server: a bare Fastify hello-world route, started the same way as the gateway. */
export function startHello() {
  return startServer({
    name: 'hello',
    cwd: BENCH_DIR,
    script: 'src/hello-server.ts',
    env: { PORT: String(HELLO_PORT) },
    readyUrl: `${HELLO_URL}/`,
  });
}

/** The browser tests' merchant server (pages on localhost, sessions made server-side), serving bench/pages. */
export function startMerchant() {
  return startServer({
    name: 'merchant',
    cwd: REPO_ROOT,
    script: 'e2e/support/merchant-server.ts',
    env: {
      E2E_MERCHANT_PORT: String(MERCHANT_PORT),
      E2E_GATEWAY_PORT: String(GATEWAY_PORT),
      E2E_PAGES_DIR: join(BENCH_DIR, 'pages'),
    },
    readyUrl: `${MERCHANT_URL}/healthz`,
  });
}
