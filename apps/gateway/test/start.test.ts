import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedVaultKey, startGateway, stopAll } from './gateway-process.ts';

// The real start command: what it says about sandbox mode, and what it refuses.
describe('gateway start', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gateway-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await stopAll();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('logs sandbox mode: which merchant, that its password is the published one, and the key beside the data', async () => {
    const gateway = await startGateway({ DATA_DIR: await dataDir(), STORE: 'memory' });
    const output = await gateway.outputMatching(/sandbox mode[\s\S]*vault key generated in DATA_DIR/);
    const sandbox = output.split('\n').find((line) => line.includes('sandbox mode'));
    expect(JSON.parse(sandbox!)).toMatchObject({
      level: 40,
      sandbox: { merchant: 'TESTMERCHANT', publishedPassword: true, publishedSecretKey: true },
    });
    await gateway.stop();
  }, 60_000);

  it('says nothing of a sandbox that is not one', async () => {
    const gateway = await startGateway({
      DATA_DIR: await dataDir(),
      STORE: 'memory',
      LOG_LEVEL: 'info',
      SANDBOX_API_PASSWORD: 'a-password-of-our-own',
      VAULT_KEY: sharedVaultKey(),
    });
    // Start-up notices come before this line, in the same log.
    const output = await gateway.outputMatching(/gateway listening on/);
    expect(output).not.toContain('sandbox mode');
    expect(output).not.toContain('vault key generated');
    await gateway.stop();
  }, 60_000);

  it('runs on its embedded PostgreSQL by default, and refuses a second gateway on the same DATA_DIR', async () => {
    const dir = await dataDir();
    const first = await startGateway({ DATA_DIR: dir, LOG_LEVEL: 'info' });
    const output = await first.outputMatching(/embedded PostgreSQL created/);
    expect(output).toContain(`embedded PostgreSQL created in ${join(dir, 'postgres')}`);
    expect((await first.call('POST', '/api/rest/version/100/merchant/TESTMERCHANT/session', {})).status).toBe(
      201,
    );
    await expect(startGateway({ DATA_DIR: dir })).rejects.toThrow(
      new RegExp(
        `exited \\(1\\)[\\s\\S]*The embedded database ${join(dir, 'postgres')} is in use by process`,
      ),
    );
    await first.stop();
    // Stopping the gateway stopped its database: nothing holds the folder any more.
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('stops the database it started when the configuration is refused', async () => {
    const dir = await dataDir();
    await expect(startGateway({ DATA_DIR: dir, HOST: '0.0.0.0' })).rejects.toThrow(/beyond loopback/);
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('refuses to listen beyond loopback with the published password', async () => {
    await expect(
      startGateway({ DATA_DIR: await dataDir(), STORE: 'memory', HOST: '0.0.0.0' }),
    ).rejects.toThrow(/exited \(1\)[\s\S]*HOST 0\.0\.0\.0 is beyond loopback/);
  }, 60_000);
});
