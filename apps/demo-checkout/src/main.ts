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
// The page authenticates the payer with the gateway's ThreeDS script, for the order each session is given.
const api = createMerchantApi(config, { pageAuthentication: true, limits: readShopLimits() });
const gatewayScripts = createScriptPinning(config);
const assets = loadStaticFiles(join(import.meta.dirname, '..', 'public', 'static'));

serve('demo checkout', port, async (request, response, path) => {
  if (await api.handle(request, response, path)) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/') {
    // A page view hands out a session: each counts as a checkout.
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
    const [sessionId, scripts] = await Promise.all([api.newSession(), gatewayScripts()]);
    const html = renderCheckoutPage(sessionId, scripts, config);
    response.writeHead(200, pageHeaders(html, config.gatewayUrl)).end(html);
  } else {
    const asset = path.startsWith('/static/') ? assets.get(path.slice('/static'.length)) : undefined;
    if (asset) sendStatic(response, asset);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
});
