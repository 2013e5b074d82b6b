import { sessionScriptPath } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import { gatewayFromScriptUrl } from '../src/mastercard/script-url.ts';

describe('gatewayFromScriptUrl', () => {
  it('reads gateway origin, API version and merchant from the script URL', () => {
    expect(
      gatewayFromScriptUrl('http://127.0.0.1:4600/form/version/100/merchant/TESTMERCHANT/session.js'),
    ).toEqual({
      origin: 'http://127.0.0.1:4600',
      apiVersion: '100',
      merchantId: 'TESTMERCHANT',
    });
  });

  it('round-trips the path the gateway serves, escapes included', () => {
    const src = `https://gateway.example${sessionScriptPath('61', 'MERCHANT 1/Ü')}?v=3#x`;
    expect(gatewayFromScriptUrl(src)).toEqual({
      origin: 'https://gateway.example',
      apiVersion: '61',
      merchantId: 'MERCHANT 1/Ü',
    });
  });

  it('reads them from the content-hashed URL too', () => {
    const src = `https://gateway.example${sessionScriptPath('100', 'TESTMERCHANT', '0123456789abcdef')}`;
    expect(src).toBe(
      'https://gateway.example/form/version/100/merchant/TESTMERCHANT/session-0123456789abcdef.js',
    );
    expect(gatewayFromScriptUrl(src)).toEqual({
      origin: 'https://gateway.example',
      apiVersion: '100',
      merchantId: 'TESTMERCHANT',
    });
  });

  it.each([
    undefined,
    '',
    'not a url',
    'https://gateway.example/session.js',
    'https://gateway.example/prefix/form/version/100/merchant/M/session.js',
    'https://gateway.example/form/version/100/merchant/M/session.js/extra',
    'https://gateway.example/form/version/100/merchant//session.js',
    'file:///form/version/100/merchant/M/session.js',
    'https://gateway.example/form/version/100/merchant/%E0%A4%A/session.js',
    'https://gateway.example/form/version/100/merchant/M/session-.js',
    'https://gateway.example/form/version/100/merchant/M/session-0123456789ABCDEF.js',
    'https://gateway.example/form/version/100/merchant/M/session-0123.js',
    'https://gateway.example/form/version/100/merchant/M/evil-0123456789abcdef.js',
  ])('refuses %s', (src) => {
    expect(gatewayFromScriptUrl(src)).toBeUndefined();
  });
});
