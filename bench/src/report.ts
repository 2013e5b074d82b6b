import type { Mode, Plan } from './config.ts';
import type { EventFigure } from './figures/events.ts';
import type { ReadyFigure } from './figures/ready.ts';
import type { SessionMemoryFigure } from './figures/session-memory.ts';
import type { SizeFigure, Sizes } from './figures/size.ts';
import type { StartupFigure } from './figures/startup.ts';
import type { LoadResult, ThroughputFigure } from './figures/throughput.ts';
import type { UpdateFigure } from './figures/update.ts';
import type { Machine } from './machine.ts';
import type { Summary } from './stats.ts';

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
    sessionMemory: SessionMemoryFigure;
    startup: StartupFigure;
  };
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const sizes = (s: Sizes) => `${number(s.gzip)} / ${number(s.brotli)} / ${number(s.minified)} B`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${number(value)}`;
const times = (s: Summary) => `${number(s.median)} / ${number(s.p95)} ms`;
const pair = (r: { median: number; p95: number }) => `${number(r.median)}× / ${number(r.p95)}×`;
const load = (r: LoadResult) =>
  `${number(r.requestsPerSecond)} req/s, p50 ${number(r.p50Ms)} ms, p99 ${number(r.p99Ms)} ms` +
  (r.failures > 0 ? ` (${number(r.failures)} failed)` : '');

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
  const { size, ready, update, events, firefox, throughput, sessionMemory, startup } = figures;
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
    ...throughput.endpoints.map((row) => [
      '5',
      `Gateway: ${row.name} (${throughput.connections} connections, ${throughput.seconds} s)`,
      'available' in row ? `not available (${row.reason})` : load(row),
      'available' in row ? '—' : `Fastify hello-world, just before: ${load(row.baseline)}`,
      'available' in row ? '—' : `${number(row.ratio)}×`,
    ]),
    [
      '5',
      `Gateway: memory per live session (${number(sessionMemory.sessions)} created)`,
      `${number(sessionMemory.bytesPerSession)} B heap + ${number(sessionMemory.externalBytesPerSession)} B outside; ${number(sessionMemory.diskBytesPerSession)} B on disk (PGlite)`,
      `the create response as a plain object in a Map: ${number(sessionMemory.baselineBytesPerEntry)} B`,
      `${number(sessionMemory.ratio)}× (heap)`,
    ],
    [
      '6',
      `Startup: spawn → /healthz 200, embedded default (median / p95, ${startup.starts} starts)`,
      times(startup.gateway),
      `Fastify hello-world, same way: ${times(startup.baseline)}`,
      pair(startup.ratio),
    ],
  ];
  const header = ['#', 'Figure', 'Measured', 'Baseline', 'Ratio'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    `${mode} run, ${date}, ${durationSeconds} s: ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, ` +
      `Node ${machine.node}, Chromium ${machine.chromium}` +
      (firefox && !('available' in firefox) ? `, ${firefox.version}.` : '.'),
  ].join('\n');
}
