import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One gateway per embedded database: a second would find the server's own lock taken, or worse, take a
 * server left by a crash for its own. A lock file next to the data directory names the gateway process holding
 * it; one left by a process that died is taken over. Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  await mkdir(dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
    if (isOtherLiveProcess(holder)) {
      throw new Error(
        `The embedded database ${dataDir} is in use by process ${holder}. Several gateways need DATABASE_URL.`,
      );
    }
    await rm(lockFile, { force: true });
  }
}

// Our own pid in the file means a previous run in a container that reuses pids (pid 1), so it is stale too.
function isOtherLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
