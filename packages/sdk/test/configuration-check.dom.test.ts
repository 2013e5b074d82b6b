import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkConfiguration } from '../src/core/configuration-check.ts';
import { GATEWAY } from './fake-connector.ts';

afterEach(() => vi.unstubAllGlobals());

function answer(body: unknown, status = 200) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('checkConfiguration', () => {
  it('asks the merchant’s check endpoint without credentials', async () => {
    const fetch = answer({ status: 'ok' });
    await expect(checkConfiguration(GATEWAY)).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith('https://gateway.test/form/version/100/merchant/TESTMERCHANT/check', {
      credentials: 'omit',
    });
  });

  it.each([
    ['unknown_merchant', 'UNKNOWN_MERCHANT', 'No merchant TESTMERCHANT at https://gateway.test'],
    ['origin_not_allowed', 'ORIGIN_NOT_ALLOWED', 'is not registered for this merchant'],
  ])('turns %s into %s', async (status, code, message) => {
    answer({ status });
    const error = await checkConfiguration(GATEWAY);
    expect(error).toMatchObject({ code });
    expect(error!.message).toContain(message);
  });

  it('reports a gateway that does not answer', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(checkConfiguration(GATEWAY)).resolves.toMatchObject({ code: 'GATEWAY_UNREACHABLE' });
  });

  it('leaves it to the frames when the page’s CSP keeps it from asking', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        const violation = new Event('securitypolicyviolation') as SecurityPolicyViolationEvent;
        Object.defineProperty(violation, 'blockedURI', { value: `${GATEWAY.origin}/form/version/100/` });
        setTimeout(() => dispatchEvent(violation));
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(checkConfiguration(GATEWAY)).resolves.toBeUndefined();
  });

  it('leaves an answer it cannot read to the frames (an older gateway without the endpoint)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Not found</html>', { status: 404 })),
    );
    await expect(checkConfiguration(GATEWAY)).resolves.toBeUndefined();
  });
});
