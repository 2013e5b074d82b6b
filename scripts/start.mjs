// `npm start`: the gateway (embedded default) and both demo checkouts, with their output prefixed; prints
// the URLs once all three answer, and stops all three on Ctrl-C or SIGTERM (or when one of them stops).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const gatewayPort = process.env.PORT ?? '4600';
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const demoUrl = `http://localhost:${process.env.DEMO_PORT ?? '4700'}`;
const spaUrl = `http://localhost:${process.env.DEMO_SPA_PORT ?? '4701'}`;
const env = { ...process.env, PORT: gatewayPort, GATEWAY_URL: gatewayUrl };

const services = [
  { name: 'gateway', filter: '@hosted-session/gateway', health: `${gatewayUrl}/healthz` },
  { name: 'demo', filter: '@hosted-session/demo-checkout', health: `${demoUrl}/healthz` },
  { name: 'spa', filter: '@hosted-session/spa-checkout', health: `${spaUrl}/healthz` },
];
const width = Math.max(...services.map((s) => s.name.length));
let stopping = false;

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

// Something already answering on a port would pass for our service: say so instead.
for (const service of services) {
  if (await answers(service.health)) {
    console.error(
      `${service.health} already answers: stop what runs there, or choose other ports (PORT, DEMO_PORT, DEMO_SPA_PORT).`,
    );
    process.exit(1);
  }
}

for (const service of services) {
  // Its own process group, so stopping it also stops what pnpm and tsx started under it.
  const child = spawn('pnpm', ['-s', '--filter', service.filter, 'start'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.child = child;
  const prefix = `[${service.name.padEnd(width)}]`;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
  }
  child.on('exit', (code, signal) => {
    service.exited = true;
    if (stopping) return;
    console.error(`${prefix} stopped (${signal ?? `exit code ${code}`}); stopping the others.`);
    stop(code || 1);
  });
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const { child, exited } of services) {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
  // Whatever ignores SIGTERM for five seconds is killed.
  const deadline = setTimeout(() => {
    for (const { child, exited } of services) if (!exited) process.kill(-child.pid, 'SIGKILL');
    process.exit(code);
  }, 5000);
  deadline.unref();
  const poll = setInterval(() => {
    if (services.every((s) => s.exited)) {
      clearInterval(poll);
      process.exit(code);
    }
  }, 100);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const started = Date.now();
while (!stopping) {
  const up = await Promise.all(services.map((s) => answers(s.health)));
  if (up.every(Boolean)) {
    console.log(`
  hosted-session is running. Ctrl-C stops everything.

    Checkout (script tag)    ${demoUrl}/
    Checkout (React SPA)     ${spaUrl}/
    Gateway                  ${gatewayUrl}

  Pay with 5123 4500 0000 0008, expiry 01/39, security code 100: approved.
  Expiry 05/39 is declined; the page lists every test card and outcome.
`);
    break;
  }
  if (Date.now() - started > 60_000) {
    console.error(
      `Not every service answered within a minute: ${services
        .filter((_, i) => !up[i])
        .map((s) => s.name)
        .join(', ')}.`,
    );
    stop(1);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}
