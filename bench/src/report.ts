import type { Mode, Plan } from './config.ts';
import type { EventFigure } from './figures/events.ts';
import type { ReadyFigure } from './figures/ready.ts';
import type { SessionMemoryFigure } from './figures/session-memory.ts';
import type { SizeFigure, Sizes } from './figures/size.ts';
import type { StartupFigure } from './figures/startup.ts';
import type { SoakFigure } from './figures/soak.ts';
import { STORES, throughputRatio, type Measured, type ThroughputFigure } from './figures/throughput.ts';
import type { UpdateFigure } from './figures/update.ts';
import type { Machine } from './machine.ts';
import { ratio, type Summary } from './stats.ts';

/** The browser figures measured again in another engine, or why that engine was not measured. */
export type OtherEngineFigures =
  { version: string; ready: ReadyFigure; events: EventFigure } | { available: false; reason: string };

export interface Results {
  mode: Mode;
  date: string;
  durationSeconds: number;
  machine: Machine;
  plan: Plan;
  figures: {
    size: SizeFigure;
    ready: ReadyFigure;
    update: UpdateFigure;
    events: EventFigure;
    /** Absent from results written before Firefox was measured. */
    firefox?: OtherEngineFigures;
    throughput: ThroughputFigure;
    soak: SoakFigure;
    sessionMemory: SessionMemoryFigure;
    startup: StartupFigure;
  };
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const sizes = (s: Sizes) => `${number(s.gzip)} / ${number(s.brotli)} / ${number(s.minified)} B`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${number(value)}`;
const times = (s: Summary) => `${number(s.median)} / ${number(s.p95)} ms`;
const pair = (r: { median: number; p95: number }) => `${number(r.median)}× / ${number(r.p95)}×`;
const load = (r: Measured) =>
  `${number(r.requestsPerSecond)} req/s, p50 ${number(r.p50Ms)} / p99 ${number(r.p99Ms)} ms, CPU ${number(r.cpuMsPerRequest)} ms/req` +
  (r.failures > 0 ? ` (${number(r.failures)} failed: ${statuses(r.failuresByStatus)})` : '');
const statuses = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .map(([status, count]) => `${number(count)}× ${status === '0' ? 'no answer' : status}`)
    .join(', ');
const mib = (bytes: number) => `${number(Math.round((bytes / 2 ** 20) * 10) / 10)} MiB`;
const STORE_NAMES = {
  memory: 'memory store',
  embedded: 'embedded PostgreSQL (default)',
  server: 'PostgreSQL server',
};

/** Every store side by side, each row's baseline measured right before it. */
export function throughputTable({ seconds, rows }: ThroughputFigure): string {
  const header = [
    'Endpoint',
    'Conns',
    ...STORES.map((s) => STORE_NAMES[s]),
    'Fastify hello-world',
    'Embedded ÷ memory',
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map((row) =>
      line([
        row.endpoint,
        String(row.connections),
        ...STORES.map((store) => (row.byStore[store] ? load(row.byStore[store]) : '—')),
        load(row.baseline),
        `${number(throughputRatio(row, 'embedded', 'memory') ?? Number.NaN)}×`,
      ]),
    ),
    '',
    `${seconds} s per cell after a 1 s warm-up; CPU is the measured server's process tree (the gateway, with its embedded database's processes; the server's for the PostgreSQL server).`,
  ].join('\n');
}

function otherEngineRows(engine: string, figures: OtherEngineFigures | undefined): string[][] {
  if (!figures) return [];
  if ('available' in figures)
    return [
      ['2, 4', `${engine}: time to ready and event latency`, `not measured (${figures.reason})`, '—', '—'],
    ];
  const { ready, events } = figures;
  return [
    [
      '2',
      `${engine}, time to ready: configure → initialized ok (median / p95, ${ready.loads} loads)`,
      times(ready.sdk),
      `6 empty gateway-origin iframes → load, in ${engine}: ${times(ready.baseline)}`,
      pair(ready.ratio),
    ],
    [
      '4',
      `${engine}, event latency: key in number frame → onValidityChange (median / p95, n=${events.keys})`,
      times(events.sdk),
      `bare postMessage frame → page, in ${engine}: ${times(events.baseline)}`,
      `${signed(events.difference.median)} / ${signed(events.difference.p95)} ms`,
    ],
  ];
}

/** One row per figure, each with the baseline it was measured against. */
export function markdownTable({ figures, machine, mode, date, durationSeconds }: Results): string {
  const { size, ready, update, events, firefox, throughput, soak, sessionMemory, startup } = figures;
  const busiest = Math.max(...throughput.rows.map((row) => row.connections));
  const peer = size.baseline.peer;
  const rows: string[][] = [
    ...size.entries.map((entry, i) => [
      '1',
      `Size: ${entry.name} — gzip -9 / brotli 11 / minified`,
      sizes(entry),
      i === 0
        ? `penpal alone ${number(size.baseline.penpal.gzip)} B gz; ${peer.source} ${number(peer.pageGzip)} B gz`
        : `${peer.source}: ${number(entry.side === 'page' ? peer.pageGzip : peer.frameGzip)} B gz`,
      i === 0
        ? `${number(size.sessionJsToPenpal)}× penpal; ${number(entry.ratioToPeer)}× peer`
        : `${number(entry.ratioToPeer)}× peer`,
    ]),
    [
      '2',
      `Time to ready: configure → initialized ok, 5 fields (median / p95, ${ready.loads} loads)`,
      times(ready.sdk),
      `6 empty gateway-origin iframes → load: ${times(ready.baseline)}`,
      pair(ready.ratio),
    ],
    [
      '3',
      `Update latency: updateSessionFromForm → formSessionUpdate (median / p95, n=${update.updates})`,
      times(update.sdk),
      `one fetch of /healthz from the hub frame: ${times(update.baseline)}`,
      pair(update.ratio),
    ],
    [
      '4',
      `Event latency: key in number frame → onValidityChange (median / p95, n=${events.keys})`,
      times(events.sdk),
      `bare postMessage frame → page: ${times(events.baseline)}`,
      `${signed(events.difference.median)} / ${signed(events.difference.p95)} ms`,
    ],
    ...otherEngineRows('Firefox ESR', firefox),
    ...throughput.rows
      .filter((row) => row.connections === busiest && row.byStore.embedded)
      .map((row) => [
        '5',
        `Gateway, embedded default: ${row.endpoint} (${row.connections} connections; every store in the table below)`,
        load(row.byStore.embedded!),
        `Fastify hello-world, just before: ${load(row.baseline)}`,
        `${number(throughputRatio(row, 'embedded', 'hello') ?? Number.NaN)}×`,
      ]),
    [
      '5',
      `Soak: whole checkouts, embedded default (${soak.connections} connections, ${soak.seconds} s)`,
      `${number(soak.failures)} failed${soak.failures > 0 ? ` (${statuses(soak.failuresByStatus)})` : ''}; p99 per window ${soak.windows.map((w) => number(w.p99Ms)).join(' / ')} ms; ` +
        `${soak.windows.map((w) => number(w.requestsPerSecond)).join(' / ')} req/s`,
      `heap ${mib(soak.start.heapUsed)} → ${mib(soak.end.heapUsed)}, RSS ${mib(soak.start.rss)} → ${mib(soak.end.rss)} (warm → end)`,
      `${number(Math.round((soak.end.heapUsed / soak.start.heapUsed) * 100) / 100)}× heap`,
    ],
    [
      '5',
      `Gateway: memory per live session (${number(sessionMemory.sessions)} created)`,
      `${number(sessionMemory.bytesPerSession)} B heap + ${number(sessionMemory.externalBytesPerSession)} B outside; ${number(sessionMemory.diskBytesPerSession)} B on disk (embedded PostgreSQL, WAL included)`,
      `the create response as a plain object in a Map: ${number(sessionMemory.baselineBytesPerEntry)} B`,
      `${number(sessionMemory.ratio)}× (heap)`,
    ],
    [
      '6',
      `Startup: spawn → /healthz 200, compiled gateway, embedded default (median / p95, ${startup.starts} starts)`,
      times(startup.gateway),
      `Fastify hello-world, same way: ${times(startup.baseline)}`,
      pair(startup.ratio),
    ],
    [
      '6',
      'Startup: the first start on an empty DATA_DIR (creates the cluster)',
      `${number(startup.firstStart.ms)} ms, of which initdb ${number(startup.firstStart.initdbMs)} ms`,
      `Fastify hello-world: ${times(startup.baseline)}`,
      `${number(ratio(startup.firstStart.ms, startup.baseline.median))}×`,
    ],
  ];
  const header = ['#', 'Figure', 'Measured', 'Baseline', 'Ratio'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    throughputTable(throughput),
    '',
    `${mode} run, ${date}, ${durationSeconds} s: ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, ` +
      `Node ${machine.node}, Chromium ${machine.chromium}` +
      (firefox && !('available' in firefox) ? `, ${firefox.version}.` : '.'),
  ].join('\n');
}
