import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_CONFIG_MARKER, type IntegrityManifest } from '@hosted-session/protocol';
import { builtAssets } from './form-assets.ts';
import { testApp } from './helpers.ts';

const FORM = '/form/version/100/merchant';

describe('form pages and session.js', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ formAssets: builtAssets() });
  });
  afterAll(() => app.close());

  it('serves session.js for a known merchant, loadable cross-site', async () => {
    const response = await app.inject(`${FORM}/TESTMERCHANT/session.js`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toBe('window.PaymentSession = {};');
  });

  it("serves Mastercard's ThreeDS script where checkout pages load it, as script a page may load cross-site", async () => {
    const response = await app.inject('/static/threeDS/1.3.0/three-ds.min.js');
    expect(response.statusCode).toBe(200);
    // A script type (not JSON, not HTML): the browser's ORB would block anything else from a <script src>.
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.body).toBe('window.ThreeDS = {};');
    expect((await app.inject('/static/threeDS/1.2.0/three-ds.min.js')).statusCode).toBe(404);
  });

  it('serves frame pages with the merchant config and a CSP bound to its origins', async () => {
    const response = await app.inject(`${FORM}/OTHER_MERCHANT-2/frames/field.html`);
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain('frame-ancestors https://shop.example');
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['cache-control']).toBe('no-store');
    const config = /<script type="application\/json" id="hs-config">(.*?)<\/script>/.exec(response.body)?.[1];
    expect(JSON.parse(config!)).toEqual({
      merchantId: 'OTHER_MERCHANT-2',
      apiVersion: '100',
      allowedOrigins: ['https://shop.example'],
      supportedBrands: ['VISA'],
      cscRequired: false,
    });
    expect(response.body).not.toContain(FRAME_CONFIG_MARKER);
  });

  it('binds the page to the API version in its URL', async () => {
    const response = await app.inject('/form/version/57/merchant/TESTMERCHANT/frames/hub.html');
    expect(JSON.parse(/id="hs-config">(.*?)</.exec(response.body)![1]!).apiVersion).toBe('57');
    expect(response.headers['content-security-policy']).toContain('frame-ancestors http://localhost:*');
  });

  it('serves the hashed assets with a long cache', async () => {
    const response = await app.inject(`${FORM}/TESTMERCHANT/frames/assets/field-abc.js`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.body).toBe("console.log('field')");
  });

  it.each([
    [`${FORM}/NOBODY/session.js`, 404],
    [`${FORM}/NOBODY/frames/field.html`, 404],
    [`${FORM}/TESTMERCHANT/frames/other.html`, 404],
    [`${FORM}/TESTMERCHANT/frames/assets/missing.js`, 404],
    [`${FORM}/TESTMERCHANT/frames/assets/..%2f..%2fsession.js`, 404],
    [`${FORM}/TESTMERCHANT/frames/..%2F..%2F..%2Fetc%2Fpasswd`, 404],
    ['/form/version/17/merchant/TESTMERCHANT/session.js', 400],
    ['/form/version/abc/merchant/TESTMERCHANT/session.js', 400],
    [`${FORM}/bad%20id/session.js`, 400],
    [`${FORM}/TESTMERCHANT/session-0000000000000000.js`, 404],
    [`${FORM}/TESTMERCHANT/session.js.map`, 404],
    [`${FORM}/NOBODY/integrity.json`, 404],
  ])("answers %s with %i and Mastercard's error body", async (url, status) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  });

  describe('Subresource Integrity', () => {
    const sri = (body: Buffer | string) => `sha384-${createHash('sha384').update(body).digest('base64')}`;
    const manifest = async (merchant = 'TESTMERCHANT'): Promise<IntegrityManifest> =>
      (await app.inject(`${FORM}/${merchant}/integrity.json`)).json();

    it('publishes session.js under an immutable, content-hashed URL that keeps version and merchant', async () => {
      const { sessionJs } = await manifest();
      expect(sessionJs.path).toMatch(
        /^\/form\/version\/100\/merchant\/TESTMERCHANT\/session-[0-9a-f]{16}\.js$/,
      );
      const pinned = await app.inject(sessionJs.path);
      expect(pinned.statusCode).toBe(200);
      expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(pinned.headers['access-control-allow-origin']).toBe('*');
      expect(pinned.headers['content-type']).toMatch(/^text\/javascript/);
      // The hash in the manifest is the hash of the bytes served, under both URLs.
      expect(sri(pinned.rawPayload)).toBe(sessionJs.integrity);
      const unversioned = await app.inject(`${FORM}/TESTMERCHANT/session.js`);
      expect(sri(unversioned.rawPayload)).toBe(sessionJs.integrity);
      expect(unversioned.headers['cache-control']).toBe('public, max-age=300');
    });

    it('publishes the ThreeDS script with the hash of the bytes it serves', async () => {
      const { threeDSJs } = await manifest();
      expect(threeDSJs.path).toBe('/static/threeDS/1.3.0/three-ds.min.js');
      const served = await app.inject(threeDSJs.path);
      expect(served.statusCode).toBe(200);
      expect(served.headers['access-control-allow-origin']).toBe('*');
      expect(sri(served.rawPayload)).toBe(threeDSJs.integrity);
    });

    it('answers each merchant and API version with its own paths, readable by a merchant server', async () => {
      const other = await manifest('OTHER_MERCHANT-2');
      expect(other.sessionJs.path).toMatch(/^\/form\/version\/100\/merchant\/OTHER_MERCHANT-2\/session-/);
      const v57 = (await app.inject('/form/version/57/merchant/TESTMERCHANT/integrity.json')).json();
      expect(v57.sessionJs.path).toMatch(/^\/form\/version\/57\//);
      const response = await app.inject(`${FORM}/TESTMERCHANT/integrity.json`);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('lists every frame asset with the hash of the bytes served, and the frame pages carry it', async () => {
      const { frameAssets } = await manifest();
      // The frames build holds the 3-D Secure pages' assets too.
      expect(frameAssets.map((asset) => asset.path).sort()).toEqual([
        `${FORM}/TESTMERCHANT/frames/assets/field-abc.js`,
        `${FORM}/TESTMERCHANT/frames/assets/hub-abc.js`,
        `${FORM}/TESTMERCHANT/frames/assets/threeds-challenge-abc.js`,
        `${FORM}/TESTMERCHANT/frames/assets/threeds-interceptor-abc.js`,
        `${FORM}/TESTMERCHANT/frames/assets/threeds-relay-abc.js`,
      ]);
      for (const asset of frameAssets) {
        expect(sri((await app.inject(asset.path)).rawPayload)).toBe(asset.integrity);
      }
      const page = (await app.inject(`${FORM}/TESTMERCHANT/frames/field.html`)).body;
      const field = frameAssets.find((asset) => asset.path.endsWith('field-abc.js'))!;
      expect(page).toContain(`src="./assets/field-abc.js" integrity="${field.integrity}"`);
    });
  });

  it('serves the declarations of window.PaymentSession beside session.js', async () => {
    const response = await app.inject(`${FORM}/TESTMERCHANT/session.d.ts`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body).toContain('var PaymentSession');
    expect((await app.inject(`${FORM}/NOBODY/session.d.ts`)).statusCode).toBe(404);
  });

  describe('configuration check', () => {
    const check = async (merchant: string, origin?: string) => {
      const response = await app.inject({
        url: `${FORM}/${merchant}/check`,
        headers: origin ? { origin } : {},
      });
      expect(response.statusCode).toBe(200);
      // Readable by any page (no credentials), never cached: registrations change.
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['cache-control']).toBe('no-store');
      return response.json();
    };

    it('says ok to a page on an origin the merchant registered', async () => {
      expect(await check('OTHER_MERCHANT-2', 'https://shop.example')).toEqual({ status: 'ok' });
    });

    it('tells an unregistered origin, or none, apart from an unknown merchant', async () => {
      expect(await check('OTHER_MERCHANT-2', 'https://shop.example.evil.test')).toEqual({
        status: 'origin_not_allowed',
      });
      expect(await check('OTHER_MERCHANT-2')).toEqual({ status: 'origin_not_allowed' });
      expect(await check('NOBODY', 'https://shop.example')).toEqual({ status: 'unknown_merchant' });
    });

    it('answers about the merchant in the path only: nothing lists merchants or origins', async () => {
      const body = JSON.stringify(await check('OTHER_MERCHANT-2', 'https://elsewhere.example'));
      expect(body).not.toContain('shop.example');
      expect(body).not.toContain('TESTMERCHANT');
    });
  });

  it('refuses to start without a build', async () => {
    await expect(
      testApp({ formAssets: { framesDir: '/nonexistent/frames', sdkDir: '/nonexistent/sdk' } }),
    ).rejects.toThrow(/run "pnpm build"/);
  });
});
