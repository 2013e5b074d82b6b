// The single-page app's server: the built app, and the same merchant API as the script-tag demo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMerchantApi,
  loadStaticFiles,
  pageHeaders,
  readMerchantConfig,
  readPort,
  readShopLimits,
  sendStatic,
  serve,
} from '@hosted-session/demo-checkout/merchant';

const config = readMerchantConfig();
const api = createMerchantApi(config, { limits: readShopLimits(), pageAuthentication: true });
// SPA_DIST: another build of the app, e.g. the tests' development build, where StrictMode mounts twice.
const dist = process.env.SPA_DIST ?? join(import.meta.dirname, '..', 'dist');
let files: ReturnType<typeof loadStaticFiles>;
try {
  files = loadStaticFiles(dist);
} catch {
  console.error(`The single-page app is not built (${dist}): run "pnpm build" first.`);
  process.exit(1);
}
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
const indexHeaders = pageHeaders(indexHtml, config.gatewayUrl);

serve('spa checkout', readPort(process.env.DEMO_SPA_PORT, 4701), async (request, response, path) => {
  if (await api.handle(request, response, path)) return;
  const file = files.get(path);
  if (file && path !== '/index.html') sendStatic(response, file);
  else if (request.method === 'GET' && !/\.[a-z0-9]+$/i.test(path)) {
    // Every route of the app (/, /checkout, /receipt) is the same page; the app's router takes it from there.
    response.writeHead(200, indexHeaders).end(indexHtml);
  } else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
});
