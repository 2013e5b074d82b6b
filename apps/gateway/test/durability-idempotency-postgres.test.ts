import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTED_FIELDS_LIB_VERSION } from '@hosted-session/protocol';
import { DEFAULT_SANDBOX_SECRET_KEY, DEFAULT_SANDBOX_TERMINAL_ID } from '../src/config.ts';
import { sharedVaultKey, startGateway, stopAll, type GatewayProcess } from './gateway-process.ts';
import { testDatabase } from './postgres-test-db.ts';

const SESSIONS = `/v1/processing-terminals/${DEFAULT_SANDBOX_TERMINAL_ID}/hosted-fields-sessions`;
const REQUEST = { libVersion: HOSTED_FIELDS_LIB_VERSION, scenario: 'payment' };

async function bearer(gateway: GatewayProcess): Promise<string> {
  const response = await fetch(`${gateway.url}/identity/authorize`, {
    method: 'POST',
    headers: { 'x-api-key': DEFAULT_SANDBOX_SECRET_KEY },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function sessionToken(gateway: GatewayProcess, token: string, key: string, body: object = REQUEST) {
  const response = await fetch(`${gateway.url}${SESSIONS}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// Gateways sharing one PostgreSQL, as behind a load balancer, and one started after another stopped: an
// Idempotency-Key answers the same whichever instance a retry reaches, and a session token is one page load's.
describe('Idempotency-Key over gateways on one PostgreSQL', () => {
  let a: GatewayProcess;
  let b: GatewayProcess;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase();
    drop = database.drop;
    env = { DATABASE_URL: database.url, VAULT_KEY: sharedVaultKey() };
    [a, b] = await Promise.all([startGateway(env), startGateway(env)]);
  }, 60_000);
  afterAll(async () => {
    await stopAll();
    await drop?.();
  });

  it('answers 20 racing requests with one key, over two gateways, with one token', async () => {
    const key = randomUUID();
    // A Bearer token from one gateway is good on the other: both hold the same key.
    const token = await bearer(a);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sessionToken(i % 2 === 0 ? a : b, token, key)),
    );
    expect(new Set(replies.map((reply) => reply.status))).toEqual(new Set([201]));
    for (const reply of replies) expect(reply.body).toEqual(replies[0]!.body);
  });

  it('refuses the key with another body on the other gateway', async () => {
    const key = randomUUID();
    const token = await bearer(a);
    expect((await sessionToken(a, token, key)).status).toBe(201);
    const other = await sessionToken(b, token, key, { ...REQUEST, scenario: 'tokenization' });
    expect(other.status).toBe(409);
  });

  it('binds a session token to one page load of 20 claiming it at once over both gateways', async () => {
    const made = await sessionToken(a, await bearer(a), randomUUID());
    const id = String(made.body.token);
    const claims = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const response = await fetch(
          `${(i % 2 === 0 ? a : b).url}/api/browser/version/100/merchant/TESTMERCHANT/session/${id}`,
          {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`merchant.TESTMERCHANT:${id}`).toString('base64')}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ pageLoad: `page-load-${String(i).padStart(8, '0')}` }),
          },
        );
        return (await response.json()) as { usedByAnotherPage: boolean };
      }),
    );
    expect(claims.filter((claim) => !claim.usedByAnotherPage)).toHaveLength(1);
  });

  it('answers a retry after a restart with the first response', async () => {
    const key = randomUUID();
    const token = await bearer(a);
    const first = await sessionToken(a, token, key);
    expect(first.status).toBe(201);
    await a.stop();
    await b.stop();
    const restarted = await startGateway(env);
    const again = await sessionToken(restarted, token, key);
    expect(again).toEqual(first);
    const next = await sessionToken(restarted, token, randomUUID());
    expect(next.body.token).not.toBe(first.body.token);
  }, 60_000);
});
