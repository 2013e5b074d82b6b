// `pnpm bench [--quick]`: every figure with its baseline, a markdown table on stdout, the numbers as JSON.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, unavailable } from './browser.ts';
import { PLANS, RESULTS_DIR, WORK_DIR, type Mode } from './config.ts';
import { measureEvents, type EventFigure } from './figures/events.ts';
import { measureReady, type ReadyFigure } from './figures/ready.ts';
import { measureSessionMemory } from './figures/session-memory.ts';
import { measureSize } from './figures/size.ts';
import { measureSoak } from './figures/soak.ts';
import { measureStartup } from './figures/startup.ts';
import { measureThroughput } from './figures/throughput.ts';
import { measureUpdate, type UpdateFigure } from './figures/update.ts';
import { describeMachine } from './machine.ts';
import { markdownTable, type OtherEngineFigures, type Results } from './report.ts';
import { startGateway, startHello, startMerchant, type Server } from './servers.ts';

const mode: Mode = process.argv.includes('--quick') ? 'quick' : 'full';
// A fresh embedded database each run: rows left by earlier runs would slow this one down.
rmSync(WORK_DIR, { recursive: true, force: true });
mkdirSync(WORK_DIR, { recursive: true });
const plan = PLANS[mode];
const began = performance.now();
// Progress goes to stderr, so stdout is the table alone.
const step = (what: string) => console.error(`[bench ${mode}] ${what}`);

step('size');
const size = measureSize();
// The processes that start and stop run first, with none of the long-lived servers beside them.
step(`startup x${plan.starts}`);
const startup = await measureStartup(plan.starts);
step(`memory per session (${plan.memorySessions} sessions)`);
const sessionMemory = await measureSessionMemory(plan.memorySessions);

const servers: Server[] = [];
let results: Results;
try {
  const hello = await startHello();
  servers.push(
    await startGateway({ dataDir: join(WORK_DIR, 'gateway-data-browser') }),
    await startMerchant(),
    hello,
  );
  const browser = await launchBrowser('chromium');
  const chromium = browser.version;
  let ready: ReadyFigure, update: UpdateFigure, events: EventFigure;
  try {
    step(`time to ready x${plan.pageLoads}`);
    ready = await measureReady(browser, plan.pageLoads);
    step(`update latency x${plan.updates}`);
    update = await measureUpdate(browser, plan.updates);
    step(`event latency x${plan.keys}`);
    events = await measureEvents(browser, plan.keys);
  } finally {
    await browser.close();
  }
  const firefox = await measureFirefox();
  // After the browser figures: the load would otherwise leave the machine busy under them.
  step(
    `throughput, every store, ${plan.connectionLevels.join('/')} connections, ${plan.loadSeconds} s per endpoint`,
  );
  const throughput = await measureThroughput(plan.connectionLevels, plan.loadSeconds, hello.pid);
  step(`soak, ${plan.soakSeconds} s`);
  const soak = await measureSoak(
    Math.max(...plan.connectionLevels),
    plan.soakSeconds,
    plan.soakWindowSeconds,
  );
  results = {
    mode,
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - began) / 1000),
    machine: describeMachine(chromium),
    plan,
    figures: { size, ready, update, events, firefox, throughput, soak, sessionMemory, startup },
  };
} finally {
  for (const server of servers.reverse()) await server.stop();
}

/** Time to ready and event latency again in Firefox ESR, each against its baseline in Firefox, same run. */
async function measureFirefox(): Promise<OtherEngineFigures> {
  const reason = unavailable('firefox');
  if (reason) {
    step(`Firefox: ${reason}`);
    return { available: false, reason };
  }
  const firefox = await launchBrowser('firefox');
  try {
    step(`Firefox: time to ready x${plan.pageLoads}`);
    const ready = await measureReady(firefox, plan.pageLoads);
    step(`Firefox: event latency x${plan.keys}`);
    const events = await measureEvents(firefox, plan.keys);
    return { version: firefox.version, ready, events };
  } finally {
    await firefox.close();
  }
}

// Quick runs check the harness; only full runs replace the committed results.
const json = `${JSON.stringify(results, null, 2)}\n`;
if (mode === 'full') {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const latest = join(RESULTS_DIR, 'latest.json');
  writeFileSync(latest, json);
  copyFileSync(latest, join(RESULTS_DIR, `${results.date.slice(0, 10)}-${results.machine.name}.json`));
} else {
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(join(WORK_DIR, 'quick.json'), json);
}
console.log(markdownTable(results));
