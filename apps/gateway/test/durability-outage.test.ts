import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_REST,
  cardSessionOn,
  createSessionOn,
  pay,
  sharedVaultKey,
  startGateway,
  stopAll,
  type GatewayProcess,
} from './gateway-process.ts';
import { testDatabase } from './postgres-test-db.ts';

/**
 * A TCP relay between the gateway and PostgreSQL that the test can cut and restore: the database "goes away"
 * for this gateway only, without stopping the server other test files use.
 */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  // Kept after the first open, so a restored relay listens where the gateway's DATABASE_URL points.
  private port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

describe('database outage', () => {
  let gateway: GatewayProcess;
  let relay: Relay;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase();
    drop = database.drop;
    const url = new URL(database.url);
    relay = new Relay({ host: url.hostname, port: Number(url.port) });
    url.port = String(await relay.open());
    gateway = await startGateway({ DATABASE_URL: url.toString(), VAULT_KEY: sharedVaultKey() });
  }, 60_000);
  afterAll(async () => {
    await stopAll();
    await relay?.cut();
    await drop?.();
  });

  it('answers SERVER_BUSY while the database is unreachable, keeps running, and recovers without loss', async () => {
    const sessionId = await cardSessionOn(gateway);
    const paid = await gateway.call('PUT', `${SANDBOX_REST}/order/o-outage/transaction/t-1`, pay(sessionId));
    expect(paid.status).toBe(201);

    await relay.cut();
    const during = await Promise.all([
      gateway.call('POST', `${SANDBOX_REST}/session`, {}),
      gateway.call('GET', `${SANDBOX_REST}/order/o-outage`),
      gateway.call('PUT', `${SANDBOX_REST}/order/o-outage/transaction/t-2`, {
        apiOperation: 'REFUND',
        transaction: { amount: '1.00', currency: 'USD' },
      }),
    ]);
    for (const reply of during) {
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ result: 'ERROR', error: { cause: 'SERVER_BUSY' } });
    }
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);

    await relay.open();
    const order = await gateway.call('GET', `${SANDBOX_REST}/order/o-outage`);
    expect(order.status).toBe(200);
    expect(order.body.totalRefundedAmount).toBe('0.00');
    expect(order.body.transaction).toHaveLength(1);
    expect(await createSessionOn(gateway)).toMatch(/^SESSION/);
  }, 60_000);
});
