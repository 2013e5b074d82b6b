// The script-tag checkout: a merchant server that renders the page with a fresh session per view.
import { join } from 'node:path';
import {
  createMerchantApi,
  loadStaticFiles,
  pageHeaders,
  readMerchantConfig,
  readPort,
  sendStatic,
  serve,
} from './merchant/index.ts';
import { renderCheckoutPage } from './page.ts';

const config = readMerchantConfig();
const port = readPort(process.env.DEMO_PORT, 4700);
// The payer's bank sends them back here after 3-D Secure, whatever the outcome.
const returnPath = '/3ds/return';
const api = createMerchantApi(config, {
  threeDS: { returnUrl: `http://localhost:${port}${returnPath}`, shopName: 'Harbor & Pine Coffee' },
});
const assets = loadStaticFiles(join(import.meta.dirname, '..', 'public', 'static'));

serve('demo checkout', port, async (request, response, path) => {
  if (await api.handle(request, response, path)) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/' || path === returnPath) {
    // Every view gets its own session: a session pays once, so "try again" is simply a fresh page.
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const [status, result] =
      path === returnPath ? await api.completeAuthentication(query.get('cko-session-id')) : [200, undefined];
    const html = renderCheckoutPage(config, await api.newSession(), result);
    response.writeHead(status, pageHeaders(html, config.gatewayUrl)).end(html);
  } else {
    const asset = path.startsWith('/static/') ? assets.get(path.slice('/static'.length)) : undefined;
    if (asset) sendStatic(response, asset);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
});
