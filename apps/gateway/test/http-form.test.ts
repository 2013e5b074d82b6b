import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_CONFIG_MARKER } from '@hosted-session/protocol';
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
  ])("answers %s with %i and Mastercard's error body", async (url, status) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } });
  });

  it('refuses to start without a build', async () => {
    await expect(
      testApp({ formAssets: { framesDir: '/nonexistent/frames', sdkDir: '/nonexistent/sdk' } }),
    ).rejects.toThrow(/run "pnpm build"/);
  });
});
