// session.js under its content-hashed URL, pinned with Subresource Integrity by the script-tag shop: the
// browser runs the build the shop's server read from integrity.json, and nothing else.
import { createHash } from 'node:crypto';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { DemoCheckout } from './support/demo-checkout-page.ts';
import { DEMO_URL } from './support/demo-ports.ts';
import { GATEWAY_URL, MERCHANT_URL } from './support/ports.ts';

const sri = (body: Buffer) => `sha384-${createHash('sha384').update(body).digest('base64')}`;

async function gatewayScriptTag(page: Page, path: string) {
  return page.locator(`script[src^="${GATEWAY_URL}${path}"]`).evaluate((script: HTMLScriptElement) => ({
    src: script.src,
    integrity: script.integrity,
    crossOrigin: script.crossOrigin,
  }));
}

test('the script-tag shop loads session.js from its immutable URL, pinned to the published hash', async ({
  page,
  request,
}) => {
  await page.goto(`${DEMO_URL}/`);
  await new DemoCheckout(page).ready();
  const tag = await gatewayScriptTag(page, '/form/');

  const manifest = await (
    await request.get(`${GATEWAY_URL}/form/version/100/merchant/TESTMERCHANT/integrity.json`)
  ).json();
  expect(tag).toEqual({
    src: `${GATEWAY_URL}${manifest.sessionJs.path}`,
    integrity: manifest.sessionJs.integrity,
    crossOrigin: 'anonymous',
  });
  expect(tag.src).toMatch(/\/session-[0-9a-f]{16}\.js$/);

  // The hashes published are those of the bytes served: session.js under both URLs, and every frame asset.
  const pinned = await request.get(tag.src);
  expect(pinned.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(sri(await pinned.body())).toBe(manifest.sessionJs.integrity);
  const unversioned = await request.get(`${GATEWAY_URL}/form/version/100/merchant/TESTMERCHANT/session.js`);
  expect(sri(await unversioned.body())).toBe(manifest.sessionJs.integrity);
  expect(manifest.frameAssets.length).toBeGreaterThan(0);
  for (const asset of manifest.frameAssets) {
    expect(sri(await (await request.get(`${GATEWAY_URL}${asset.path}`)).body())).toBe(asset.integrity);
  }

  // The ThreeDS script too: the tag names the manifest's hash, which is that of the bytes served.
  expect(await gatewayScriptTag(page, '/static/threeDS/')).toEqual({
    src: `${GATEWAY_URL}${manifest.threeDSJs.path}`,
    integrity: manifest.threeDSJs.integrity,
    crossOrigin: 'anonymous',
  });
  const threeDS = await request.get(`${GATEWAY_URL}${manifest.threeDSJs.path}`);
  expect(sri(await threeDS.body())).toBe(manifest.threeDSJs.integrity);
});

test('a ThreeDS script changed on its way to the browser is refused by the shop’s page', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route(/\/static\/threeDS\/1\.3\.0\/three-ds\.min\.js$/, async (route) => {
    const response = await route.fetch();
    const body = Buffer.concat([await response.body(), Buffer.from('\n;window.tampered = true;')]);
    await route.fulfill({ response, body });
  });
  await page.goto(`${DEMO_URL}/`);
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => 'ThreeDS' in window || 'tampered' in window)).toBe(false);
  expect(errors.join('\n')).toMatch(/integrity/i);
});

test('a session.js changed on its way to the browser is refused by the shop’s page', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  // Whatever sits between gateway and payer (a CDN, a proxy, a compromised cache) adds a line.
  await page.route(/\/session-[0-9a-f]{16}\.js$/, async (route) => {
    const response = await route.fetch();
    const body = Buffer.concat([await response.body(), Buffer.from('\n;window.tampered = true;')]);
    await route.fulfill({ response, body });
  });
  await page.goto(`${DEMO_URL}/`);
  await page.waitForLoadState('load');

  expect(await page.evaluate(() => 'PaymentSession' in window || 'tampered' in window)).toBe(false);
  expect(await page.locator(`iframe[src^="${GATEWAY_URL}"]`).count()).toBe(0);
  expect(errors.join('\n')).toMatch(/integrity/i);
});

test('session.js runs only with the hash of the bytes served', async ({ page, request }) => {
  const { sessionJs } = await (
    await request.get(`${GATEWAY_URL}/form/version/100/merchant/TESTMERCHANT/integrity.json`)
  ).json();
  const load = async (integrity: string) => {
    const errors: string[] = [];
    const listener = (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text());
    page.on('console', listener);
    const query = new URLSearchParams({ src: `${GATEWAY_URL}${sessionJs.path}`, integrity });
    await page.goto(`${MERCHANT_URL}/pages/pinned-script.html?${query}`);
    await expect.poll(() => page.evaluate(() => (window as any).loaded)).toBeTruthy();
    page.off('console', listener);
    return {
      loaded: await page.evaluate(() => (window as any).loaded),
      ran: await page.evaluate(() => typeof (window as any).PaymentSession === 'object'),
      errors: errors.join('\n'),
    };
  };

  const pinned = await load(sessionJs.integrity);
  expect(pinned).toMatchObject({ loaded: 'ran', ran: true });
  expect(pinned.errors).not.toMatch(/integrity/i);
  // A page pinned to another build (an older one, or a hash the page got wrong) refuses this one.
  const other = await load(sri(Buffer.from('another build')));
  expect(other).toMatchObject({ loaded: 'refused', ran: false });
  expect(other.errors).toMatch(/integrity/i);
});
