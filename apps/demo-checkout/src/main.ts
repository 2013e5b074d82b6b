// The script-tag checkout: a merchant server that renders the page with a fresh session per view.
import { join } from 'node:path';
import {
  createMerchantApi,
  createScriptPinning,
  loadStaticFiles,
  pageHeaders,
  readMerchantConfig,
  checkoutsRefused,
  readPort,
  readShopLimits,
  sendStatic,
  serve,
} from './merchant/index.ts';
import { renderBusyPage, renderCheckoutPage } from './page.ts';

const config = readMerchantConfig();
const port = readPort(process.env.DEMO_PORT, 4700);
// The payer's bank sends them back here after 3-D Secure, whatever the outcome.
const returnPath = '/3ds/return';
const api = createMerchantApi(config, {
  threeDS: { returnUrl: `http://localhost:${port}${returnPath}`, shopName: 'Harbor & Pine Coffee' },
  limits: readShopLimits(),
});
const sessionScript = createScriptPinning(config);
const assets = loadStaticFiles(join(import.meta.dirname, '..', 'public', 'static'));

serve('demo checkout', port, async (request, response, path) => {
  if (await api.handle(request, response, path)) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/' || path === returnPath) {
    // A page view hands out a session, the bank's way back included: each counts as a checkout.
    const admission = api.admitCheckout(request);
    if (!admission.allowed) {
      const html = renderBusyPage(checkoutsRefused(admission.retryAfterSeconds));
      const headers = {
        ...pageHeaders(html, config.gatewayUrl),
        'retry-after': String(admission.retryAfterSeconds),
      };
      response.writeHead(429, headers).end(html);
      return;
    }
    // Every view gets its own session: a session pays once, so "try again" is simply a fresh page.
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const [status, result] =
      path === returnPath ? await api.completeAuthentication(query.get('cko-session-id')) : [200, undefined];
    const [sessionId, script] = await Promise.all([api.newSession(), sessionScript()]);
    const html = renderCheckoutPage(sessionId, script, result);
    response.writeHead(status, pageHeaders(html, config.gatewayUrl)).end(html);
  } else {
    const asset = path.startsWith('/static/') ? assets.get(path.slice('/static'.length)) : undefined;
    if (asset) sendStatic(response, asset);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
});
