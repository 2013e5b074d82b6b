import { readdirSync, readFileSync } from 'node:fs';

// Linux's clock ticks per second for /proc times (USER_HZ), the same on every common kernel.
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user + system) used so far by a process and all its descendants (the embedded database's
 * server and its backends included), children that ended counted too. Read from /proc: 0 elsewhere.
 */
export function treeCpuMs(rootPid: number): number {
  let parents: Map<number, number[]>;
  try {
    parents = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (!stat) continue;
      const siblings = parents.get(stat.ppid) ?? [];
      siblings.push(Number(entry));
      parents.set(stat.ppid, siblings);
    }
  } catch {
    return 0;
  }
  let ticks = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    const stat = readStat(pid);
    if (stat) ticks += stat.ticks;
    queue.push(...(parents.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are counted from its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { ppid: Number(fields[1]), ticks: utime! + stime! + cutime! + cstime! };
  } catch {
    return undefined;
  }
}
