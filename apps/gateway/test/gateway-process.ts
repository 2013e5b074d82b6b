import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SANDBOX_PASSWORD } from '../src/config.ts';

const GATEWAY_DIR = fileURLToPath(new URL('..', import.meta.url));
const READY = /Gateway ready at (\S+)/;
const START_TIMEOUT_MS = 30_000;

export const SANDBOX_AUTH = `Basic ${Buffer.from(`merchant.TESTMERCHANT:${DEFAULT_SANDBOX_PASSWORD}`).toString('base64')}`;
export const SANDBOX_REST = '/api/rest/version/100/merchant/TESTMERCHANT';
export const SANDBOX_BROWSER = '/api/browser/version/100/merchant/TESTMERCHANT';

/** A vault key several gateway processes can share (each would otherwise make its own in DATA_DIR). */
export function sharedVaultKey(): string {
  return randomBytes(32).toString('base64');
}

export interface GatewayProcess {
  url: string;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches (log lines may arrive after the ready line). */
  outputMatching(pattern: RegExp): Promise<string>;
  /** JSON in and out; the status and the parsed body. */
  call(method: string, path: string, body?: object, authorization?: string): Promise<Reply>;
  stop(): Promise<void>;
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

const running = new Set<ChildProcess>();

/**
 * `src/main.ts` in a child process on a free port, with only the environment given here (never the test
 * run's own DATABASE_URL). Tests must `stop()` it; `stopAll` in an afterAll catches any a failure left behind.
 */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: GATEWAY_DIR,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const watchers = new Set<() => void>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway not ready:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += String(chunk);
      for (const watcher of watchers) watcher();
      const ready = READY.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${code}) before ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop(child);
    throw error;
  });
  return {
    url,
    output: () => output,
    outputMatching: (pattern) =>
      new Promise((resolve) => {
        const check = () => {
          if (!pattern.test(output)) return;
          watchers.delete(check);
          resolve(output);
        };
        watchers.add(check);
        check();
      }),
    async call(method, path, body, authorization = SANDBOX_AUTH) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stop: () => stop(child),
  };
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stop));
}

// SIGTERM lets the gateway close its database cleanly; SIGKILL if it has not exited within five seconds.
async function stop(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A session with the test card in it, put in through the browser endpoint as the hosted fields do. */
export async function cardSessionOn(gateway: GatewayProcess, sessionId?: string): Promise<string> {
  const id = sessionId ?? (await createSessionOn(gateway));
  const update = await browserUpdate(gateway, id);
  if (update.status !== 200) throw new Error(`card update failed: ${JSON.stringify(update.body)}`);
  return id;
}

export async function createSessionOn(gateway: GatewayProcess, body: object = {}): Promise<string> {
  const created = await gateway.call('POST', `${SANDBOX_REST}/session`, body);
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  return (created.body.session as { id: string }).id;
}

export const TEST_CARD_NUMBER = '5123450000000008';
export const TEST_CSC = '100';

export function browserUpdate(gateway: GatewayProcess, sessionId: string): Promise<Reply> {
  const card = {
    number: TEST_CARD_NUMBER,
    expiry: { month: '1', year: '39' },
    securityCode: TEST_CSC,
    nameOnCard: 'Jane Payer',
  };
  return gateway.call(
    'PUT',
    `${SANDBOX_BROWSER}/session/${sessionId}`,
    { sourceOfFunds: { type: 'CARD', provided: { card } } },
    `Basic ${Buffer.from(`merchant.TESTMERCHANT:${sessionId}`).toString('base64')}`,
  );
}

export function pay(sessionId: string, amount = '10.00'): object {
  return {
    apiOperation: 'PAY',
    order: { amount, currency: 'USD' },
    session: { id: sessionId },
    sourceOfFunds: { type: 'CARD' },
  };
}
