// WebKitGTK for the tests: Debian's WebKitWebDriver drives its MiniBrowser, a GTK window that needs a display,
// so it runs on a virtual X server of its own. WebKitWebDriver holds one session at a time: one page at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Engine } from './page.ts';
import { WebDriverPage, WebDriverSession } from './webdriver-page.ts';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

/** A loopback port nobody listens on right now. */
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

/** Starts Xvfb on the first free display; it writes the number it took to the pipe given with -displayfd. */
function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const xvfb = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    xvfb.stderr!.on('data', (chunk) => (errors += chunk));
    xvfb.stdio[3]!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve({ process: xvfb, display: `:${output.trim()}` });
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors.trim()}`)));
  });
}

async function waitForDriver(base: string, driver: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    const ready = await fetch(`${base}/status`).then(
      async (response) => ((await response.json()) as { value?: { ready?: boolean } }).value?.ready,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer at ${base}`);
}

export async function launchWebKit(): Promise<Engine> {
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    driver.kill();
    xvfb.process.kill();
  };
  try {
    await waitForDriver(base, driver);
    // The version is the browser's, which only a session reports.
    const probe = await WebDriverSession.create(base);
    await probe.command('DELETE', '');
    return {
      name: 'webkit',
      version: probe.browserVersion,
      newPage: async () => new WebDriverPage(await WebDriverSession.create(base)),
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
