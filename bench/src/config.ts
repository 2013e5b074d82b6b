import { fileURLToPath } from 'node:url';

/**
 * Ports of their own, apart from the tests' (4610/4710) and development's (4600/4700); the gateways take
 * GATEWAY_PORT to GATEWAY_PORT + 4. Each can be moved, so two runs can share a machine.
 */
export const GATEWAY_PORT = port('BENCH_GATEWAY_PORT', 4650);
export const HELLO_PORT = port('BENCH_HELLO_PORT', 4660);
export const MERCHANT_PORT = port('BENCH_MERCHANT_PORT', 4750);

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65_535 - 4) {
    throw new Error(`${name} must be a port number, not ${JSON.stringify(value)}.`);
  }
  return number;
}

/** Gateway on 127.0.0.1, pages on localhost: different sites, so Chromium isolates the frames as on the web. */
export const GATEWAY_URL = `http://127.0.0.1:${GATEWAY_PORT}`;
export const HELLO_URL = `http://127.0.0.1:${HELLO_PORT}`;
export const MERCHANT_URL = `http://localhost:${MERCHANT_PORT}`;

export const MERCHANT_ID = 'TESTMERCHANT';
export const API_VERSION = '100';
export const SANDBOX_PASSWORD = process.env.SANDBOX_API_PASSWORD ?? 'sandbox-password-not-for-production';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
export const RESULTS_DIR = `${BENCH_DIR}results`;
/** Logs and data folders of one run (git-ignored). */
export const WORK_DIR = `${RESULTS_DIR}/tmp`;

export type Mode = 'full' | 'quick';

/** How much of each figure a run takes; quick mode only proves the harness still works. */
export interface Plan {
  pageLoads: number;
  updates: number;
  keys: number;
  loadSeconds: number;
  connectionLevels: number[];
  soakSeconds: number;
  soakWindowSeconds: number;
  memorySessions: number;
  starts: number;
}

export const PLANS: Record<Mode, Plan> = {
  full: {
    pageLoads: 40,
    updates: 40,
    keys: 60,
    loadSeconds: 5,
    connectionLevels: [1, 10, 50],
    soakSeconds: 60,
    soakWindowSeconds: 10,
    memorySessions: 20_000,
    starts: 10,
  },
  quick: {
    pageLoads: 5,
    updates: 5,
    keys: 10,
    loadSeconds: 1,
    connectionLevels: [1, 50],
    soakSeconds: 4,
    soakWindowSeconds: 2,
    memorySessions: 10_000,
    starts: 2,
  },
};
