// A minimal merchant for the browser tests: serves test pages on localhost (another site than the gateway)
// and creates sessions server-side with the merchant's password, which never reaches the browser.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createSession } from './gateway-client.ts';
import { shopPay } from './shop-plugin.ts';
import { threeDS1Checkout, threeDS1Return } from './threeds1-shop.ts';
import { API_VERSION, CLOCK_GATEWAY_URL, GATEWAY_URL, MERCHANT_ID, MERCHANT_PORT } from './ports.ts';

// The benchmarks serve their own pages through this same server (bench/src/servers.ts).
const pagesDir = process.env.E2E_PAGES_DIR ?? join(import.meta.dirname, '..', 'pages');
// The consumer examples as built from the packed packages (scripts/check-packages.mjs).
const examplesDir = join(import.meta.dirname, '..', '..', '.test-output', 'examples');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
// Requests that hostile styles or scripts would make to exfiltrate data land here, for the tests to count.
const leaks: string[] = [];
// 3-D Secure results the gateway posted to this merchant's callback URL, with their signatures.
const callbacks: { body: string; signature: string }[] = [];
// penpal, for the hostile-page tests: a script in the merchant page drives gateway frames with the very
// library the SDK uses.
const penpal = await readFile(new URL(import.meta.resolve('penpal')), 'utf8');
// The npm build of the SDK (its entry and the chunks it imports beside it), with the one workspace module it
// imports, for pages on its Promise API.
const sdkDist = new URL('../../packages/sdk/dist/', import.meta.url);
const sdkChunks = (await readdir(sdkDist)).filter((name) => name.endsWith('.mjs') && name !== 'index.mjs');
const esModules: Record<string, string> = {
  '/vendor/sdk.mjs': await readFile(new URL('index.mjs', sdkDist), 'utf8'),
  ...Object.fromEntries(
    await Promise.all(
      sdkChunks.map(async (name) => [`/vendor/${name}`, await readFile(new URL(name, sdkDist), 'utf8')]),
    ),
  ),
  '/vendor/protocol.js': await readFile(
    new URL('../../packages/protocol/dist/index.js', import.meta.url),
    'utf8',
  ),
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    if (url.pathname === '/healthz') {
      response.writeHead(200).end('ok');
      return;
    }
    if (url.pathname.startsWith('/leak/')) {
      leaks.push(url.pathname);
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/3ds/return') {
      // Where the cardholder's bank sends them back (hosted 3-D Secure).
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html lang="en"><title>Back at the shop</title><h1>Back at the shop</h1></html>',
      );
      return;
    }
    if (url.pathname === '/3ds/callback' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      callbacks.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(request.headers['cko-signature']),
      });
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/3ds/callbacks') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(callbacks));
      return;
    }
    if (url.pathname === '/vendor/penpal.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(penpal);
      return;
    }
    const esModule = esModules[url.pathname];
    if (esModule) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(esModule);
      return;
    }
    if (url.pathname === '/leaks') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(leaks));
      return;
    }
    const page = /^\/pages\/([a-z0-9-]+)\.html$/.exec(url.pathname)?.[1];
    if (page) {
      const html = await readFile(join(pagesDir, `${page}.html`), 'utf8');
      // `?gateway=clock`: the page on the gateway whose clock a test moves (support/clock-gateway.ts).
      const gateway = url.searchParams.get('gateway') === 'clock' ? CLOCK_GATEWAY_URL : GATEWAY_URL;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html.replaceAll('{{GATEWAY}}', gateway));
      return;
    }
    if (url.pathname === '/shop/pay' && request.method === 'POST') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(await shopPay(request)));
      return;
    }
    if (url.pathname === '/shop/3ds1/checkout') {
      await threeDS1Checkout(url, response);
      return;
    }
    if (url.pathname === '/shop/3ds1/return' && request.method === 'POST') {
      await threeDS1Return(request, response);
      return;
    }
    const example = /^\/examples\/([a-z0-9-]+)\/((?:[\w-]+\/)*[\w.-]*)$/.exec(url.pathname);
    if (example) {
      const file = example[2] || 'index.html';
      const type = TYPES[file.slice(file.lastIndexOf('.'))];
      if (!type || file.includes('..')) throw new Error('not an example file');
      const body = await readFile(join(examplesDir, example[1]!, file), 'utf8');
      response.writeHead(200, { 'content-type': type });
      response.end(file.endsWith('.html') ? body.replaceAll('{{GATEWAY}}', GATEWAY_URL) : body);
      return;
    }
    if (url.pathname === '/api/session' && request.method === 'POST') {
      const limit = url.searchParams.get('authenticationLimit');
      const session = await createSession(limit === null ? {} : { authenticationLimit: Number(limit) });
      response.writeHead(200, { 'content-type': 'application/json' });
      // What a merchant's page needs to mount the fields: the session, and the gateway that holds it.
      response.end(
        JSON.stringify({
          id: session.id,
          gatewayUrl: GATEWAY_URL,
          merchantId: MERCHANT_ID,
          apiVersion: API_VERSION,
        }),
      );
      return;
    }
    response.writeHead(404).end('not found');
  } catch (error) {
    response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  }
});

// Every loopback address: the tests also load pages from 127.0.0.2, an origin the merchant never registered.
server.listen(MERCHANT_PORT, () => console.log(`merchant test pages on http://localhost:${MERCHANT_PORT}`));
