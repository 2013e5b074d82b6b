import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/store/sql/embedded-postgres.ts';
import { migrate } from '../src/store/sql/migrate.ts';
import { openSqlClient } from '../src/store/sql/open.ts';
import type { SqlClient } from '../src/store/sql/sql-client.ts';
import { SqlStore } from '../src/store/sql/sql-store.ts';
import { describeStoreContract } from './store-contract.ts';

const GATEWAY_DIR = fileURLToPath(new URL('..', import.meta.url));
// initdb syncs a new cluster to disk: seconds on a busy machine.
const START_MS = 120_000;

const parents: string[] = [];
async function clusterDir(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'embedded-pg-'));
  parents.push(parent);
  return join(parent, 'postgres');
}
afterAll(() => Promise.all(parents.map((dir) => rm(dir, { recursive: true, force: true }))));

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(50);
}

async function serverPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

// The store exactly as the gateway opens its embedded default: durable, password, loopback.
describe('embedded PostgreSQL store', () => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await openSqlClient({ kind: 'embedded', dataDir: await clusterDir() });
    await migrate(client);
  }, START_MS);
  afterAll(() => client.close());

  describeStoreContract('embedded PostgreSQL', () => new SqlStore({ ...client, close: async () => {} }));
});

describe('the embedded server', () => {
  it(
    'keeps durable commits and its data across a restart, and answers only with its password',
    async () => {
      const dataDir = await clusterDir();
      const first = await startEmbeddedPostgres({ dataDir });
      expect(first.initdbMs).toBeGreaterThan(0);
      const client = new pg.Client(first.url);
      await client.connect();
      const settings = await client.query<{ fsync: string; synchronous_commit: string }>(
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
      );
      expect(settings.rows[0]).toEqual({ fsync: 'on', synchronous_commit: 'on' });
      await client.query('CREATE TABLE kept (value TEXT)');
      await client.query("INSERT INTO kept VALUES ('committed')");
      await client.end();
      const wrong = new URL(first.url);
      wrong.password = 'not-the-password';
      await expect(selectOne(wrong.toString())).rejects.toThrow(/password authentication failed/);
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir });
      expect(second.initdbMs).toBeUndefined();
      const again = new pg.Client(second.url);
      await again.connect();
      expect((await again.query('SELECT value FROM kept')).rows).toEqual([{ value: 'committed' }]);
      await again.end();
      await second.stop();
    },
    START_MS,
  );

  // The server's user cannot enter a private folder (root's home): a checkout there still starts as root.
  it.runIf(process.getuid?.() === 0)(
    'as root, keeps the cluster where its user can reach it when DATA_DIR is in a private folder',
    async () => {
      // DATA_DIR (made searchable by the gateway) inside a folder only root may enter.
      const dataDir = join(dirname(await clusterDir()), 'home', 'data', 'postgres');
      await mkdir(dirname(dataDir), { recursive: true });
      await chmod(dirname(dirname(dataDir)), 0o700);
      const first = await startEmbeddedPostgres({ dataDir });
      const place = await readlink(dataDir);
      try {
        expect(place.startsWith('/var/lib/hosted-session/')).toBe(true);
        expect(await selectOne(first.url)).toBe(1);
        await first.stop();
        const second = await startEmbeddedPostgres({ dataDir });
        expect(second.initdbMs).toBeUndefined();
        expect(await readlink(dataDir)).toBe(place);
        await second.stop();
      } finally {
        await first.stop();
        await rm(dirname(place), { recursive: true, force: true });
      }
    },
    START_MS,
  );

  it(
    'refuses a second gateway on the same folder, naming the process that holds it',
    async () => {
      const dataDir = await clusterDir();
      const server = await startEmbeddedPostgres({ dataDir });
      try {
        // This test's parent process is alive and is not this process: it stands for another gateway.
        await writeFile(`${dataDir}.lock`, String(process.ppid));
        await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
          `The embedded database ${dataDir} is in use by process ${process.ppid}`,
        );
      } finally {
        await writeFile(`${dataDir}.lock`, String(process.pid));
        await server.stop();
      }
    },
    START_MS,
  );

  it(
    'says so when its port is taken',
    async () => {
      const taken = createServer();
      const port = await new Promise<number>((resolve) =>
        taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
      );
      try {
        await expect(startEmbeddedPostgres({ dataDir: await clusterDir(), port })).rejects.toThrow(
          `Port ${port} on 127.0.0.1 is taken`,
        );
      } finally {
        taken.close();
      }
    },
    START_MS,
  );

  it(
    'starts over a lock file left by a crash that names some other live process',
    async () => {
      const dataDir = await clusterDir();
      await (await startEmbeddedPostgres({ dataDir })).stop();
      // After a crash the server's pid may have gone to an unrelated process: here, this test's parent.
      await writeFile(join(dataDir, 'postmaster.pid'), `${process.ppid}\n${dataDir}\n`);
      const server = await startEmbeddedPostgres({ dataDir });
      expect(await selectOne(server.url)).toBe(1);
      await server.stop();
    },
    START_MS,
  );

  it(
    'stops with its gateway however the gateway dies, and the next start finds the data',
    async () => {
      const dataDir = await clusterDir();
      // A gateway stand-in: starts the server, says so, and is then killed without a chance to stop it.
      const script = `
      import { startEmbeddedPostgres } from './src/store/sql/embedded-postgres.ts';
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      console.log(server.url);
      setInterval(() => {}, 1000);
    `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: GATEWAY_DIR,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
        child.once('exit', (code) => reject(new Error(`the stand-in exited (${code})`)));
      });
      expect(await selectOne(url)).toBe(1);
      const pid = await serverPid(dataDir);
      child.kill('SIGKILL');
      await untilGone(pid);

      const next = await startEmbeddedPostgres({ dataDir });
      expect(await selectOne(next.url)).toBe(1);
      await next.stop();
    },
    START_MS,
  );

  it(
    'stops a server left running on its folder (no parent-death signal) before starting its own',
    async () => {
      const dataDir = await clusterDir();
      const first: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir });
      const port = new URL(first.url).port;
      await first.stop();
      // The server as a gateway without a parent-death signal would have left it: detached, on its own.
      const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
        postgres: string;
      };
      const owner =
        process.getuid?.() === 0
          ? {
              uid: Number(execFileSync('id', ['-u', 'postgres'])),
              gid: Number(execFileSync('id', ['-g', 'postgres'])),
            }
          : {};
      const orphan = spawn(
        postgres,
        ['-D', dataDir, '-p', port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        { ...owner, detached: true, stdio: 'ignore' },
      );
      orphan.unref();
      while (!(await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).includes('ready')) {
        await sleep(50);
      }

      const server = await startEmbeddedPostgres({ dataDir });
      expect(isAlive(orphan.pid!)).toBe(false);
      expect(await serverPid(dataDir)).not.toBe(orphan.pid);
      expect(await selectOne(server.url)).toBe(1);
      await server.stop();
    },
    START_MS,
  );
});
