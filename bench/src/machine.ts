import { cpus, release, totalmem } from 'node:os';

export interface Machine {
  /** Names the committed results file; BENCH_MACHINE overrides the one made from the CPU. */
  name: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
}

export function describeMachine(chromium: string): Machine {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  const cores = cpus().length;
  const slug = `${cpu}-${cores}c`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    name: process.env.BENCH_MACHINE ?? slug,
    cpu,
    cores,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium,
  };
}
