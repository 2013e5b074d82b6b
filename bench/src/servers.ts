import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BENCH_DIR,
  GATEWAY_PORT,
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
  pid: number;
  /** The server's own memory (a full GC first), when it was started with the memory probe. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server's output so far (its log file). */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// Each server gets its own process group, so a kill reaches whatever it started (tsx's child, pnpm's).
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
  /** Run with node: plain JavaScript, or TypeScript through tsx (`--import tsx`). */
  script: string;
  env: Record<string, string>;
  /** Answers 200 once the server is ready. */
  readyUrl: string;
  /** Loads the memory probe (and --expose-gc) so `memory()` answers. */
  probeMemory?: boolean;
}

const START_TIMEOUT_MS = 60_000;
const MEMORY_PROBE = join(BENCH_DIR, 'src/memory-probe.mjs');

/**
 * Starts a server with node and resolves when it answers. Output goes straight to a file, so logging costs
 * the benchmark process nothing.
 */
export async function startServer(options: StartOptions): Promise<Server> {
  mkdirSync(WORK_DIR, { recursive: true });
  const log = join(WORK_DIR, `${options.name}.log`);
  const out = openSync(log, 'a');
  const args = [
    ...(options.script.endsWith('.ts') ? ['--import', 'tsx'] : []),
    ...(options.probeMemory ? ['--expose-gc', '--import', MEMORY_PROBE] : []),
    options.script,
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, out, ...(options.probeMemory ? (['ipc'] as const) : [])],
    detached: true,
  });
  closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // The gateway stops its embedded database on SIGTERM: give it the time it needs.
    killGroup(child, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) killGroup(child, 'SIGKILL');
    running.delete(child);
  };
  const memory = () =>
    new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
      if (!child.send) return reject(new Error(`${options.name} was started without the memory probe`));
      child.once('message', (message) => resolve((message as { memory: NodeJS.MemoryUsage }).memory));
      child.send('memory');
    });
  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(options.readyUrl)) {
      return {
        startedMs: performance.now() - started,
        pid: child.pid!,
        memory,
        output: () => readFileSync(log, 'utf8'),
        stop,
      };
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
 * The load comes from one address at thousands of requests a second: the card-testing limits stay on (their
 * statements are part of the request path) but so high that no request is refused.
 */
const UNREACHABLE_LIMIT = '9999999/1s';

/** Where the gateway keeps its data: in memory, its embedded PostgreSQL (the default), or a server. */
export type StoreKind = 'memory' | 'embedded' | 'server';

export interface GatewayOptions {
  store?: StoreKind;
  /** The server's URL, for `server`. */
  databaseUrl?: string;
  /** Default: a folder of its own under the run's work folder, per store. */
  dataDir?: string;
  probeMemory?: boolean;
  logLevel?: string;
  /** Default GATEWAY_PORT. */
  port?: number;
}

/**
 * The compiled gateway (`dist/main.js`, as `npm start` runs it; `pnpm build` made it). Request logs are off
 * (LOG_LEVEL=warn) unless asked for, so the figures measure the request path, not a log line per request.
 */
export function startGateway(options: GatewayOptions = {}) {
  const store = options.store ?? 'embedded';
  return startServer({
    name: `gateway-${store}`,
    cwd: join(REPO_ROOT, 'apps/gateway'),
    script: 'dist/main.js',
    env: {
      PORT: String(options.port ?? GATEWAY_PORT),
      DATA_DIR: options.dataDir ?? join(WORK_DIR, `gateway-data-${store}`),
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...(store === 'memory' ? { STORE: 'memory' } : {}),
      ...(store === 'server' ? { STORE: 'postgres', DATABASE_URL: options.databaseUrl ?? '' } : {}),
      RATE_LIMIT_BROWSER_PER_ADDRESS: UNREACHABLE_LIMIT,
      RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: UNREACHABLE_LIMIT,
      RATE_LIMIT_DECLINES_PER_CARD: UNREACHABLE_LIMIT,
      RATE_LIMIT_CARDS_PER_MERCHANT: UNREACHABLE_LIMIT,
    },
    readyUrl: `http://127.0.0.1:${options.port ?? GATEWAY_PORT}/healthz`,
    ...(options.probeMemory ? { probeMemory: true } : {}),
  });
}

/** The baseline server: a bare Fastify hello-world route, started the same way as the gateway. */
export function startHello() {
  return startServer({
    name: 'hello',
    cwd: BENCH_DIR,
    script: 'src/hello-server.mjs',
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
