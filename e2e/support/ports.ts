/** Fixed test ports, apart from the ones `npm start` uses, so tests can run beside a dev server. */
export const GATEWAY_PORT = Number(process.env.E2E_GATEWAY_PORT ?? 4610);
export const MERCHANT_PORT = Number(process.env.E2E_MERCHANT_PORT ?? 4710);

/** Gateway on 127.0.0.1 and merchant on localhost: different sites, so Chromium isolates the frames. */
export const GATEWAY_URL = `http://127.0.0.1:${GATEWAY_PORT}`;
export const MERCHANT_URL = `http://localhost:${MERCHANT_PORT}`;
/** The gateway whose clock a test moves (clock-gateway.ts): beside the gateway under test, in its block of ports. */
export const CLOCK_GATEWAY_PORT = Number(process.env.E2E_CLOCK_GATEWAY_PORT ?? GATEWAY_PORT + 4);
export const CLOCK_GATEWAY_URL = `http://127.0.0.1:${CLOCK_GATEWAY_PORT}`;
/** The same test server under an origin the sandbox merchant did not register. */
export const UNREGISTERED_URL = `http://127.0.0.2:${MERCHANT_PORT}`;

export const MERCHANT_ID = 'TESTMERCHANT';
export const API_VERSION = '100';
/** The sandbox merchant's documented default password (local use only). */
export const SANDBOX_PASSWORD = process.env.SANDBOX_API_PASSWORD ?? 'sandbox-password-not-for-production';
/** The sandbox merchant's documented default secret key, for the 3-D Secure sessions API. */
export const SANDBOX_SECRET_KEY =
  process.env.SANDBOX_SECRET_KEY ?? 'sk_sandbox-secret-key-not-for-production';
/** The sandbox merchant's processing terminal, for the Payroc-shaped session tokens. */
export const SANDBOX_TERMINAL_ID = process.env.SANDBOX_TERMINAL_ID ?? '1234001';
/** The issuer's 3DS Method limit of the gateway under test: short, so the timeout test need not wait 10 s. */
export const METHOD_TIMEOUT_MS = 4000;

/** Where the gateway under test writes its log. */
export const GATEWAY_LOG = new URL('../../.test-output/gateway.log', import.meta.url).pathname;
