import type { RelayConfig } from '@hosted-session/protocol';
import { isBag, isText } from '../shared/guards.ts';
import { isNavigable, readPageConfig } from './page-config.ts';
import './threeds.css';

function isConfig(value: unknown): value is RelayConfig {
  if (!isBag(value)) return false;
  switch (value.action) {
    case 'submit':
      return true;
    case 'redirect':
      return isText(value.url, 2048, 1);
    case 'message':
      return isText(value.targetOrigin, 256, 1) && isBag(value.message);
    default:
      return false;
  }
}

/**
 * A page that passes the browser on: an issuer's page posting back to the gateway, the 3DS Method frame
 * telling the interceptor it is done, or the end of the steps (back to the merchant, or a message to the
 * merchant's framing page at its exact origin). Without script, the page's own link or button does it.
 */
export function runRelay(win: Window): void {
  const config = readPageConfig(win.document, isConfig);
  if (!config) return;
  if (config.action === 'submit') {
    win.document.querySelector('form')?.submit();
  } else if (config.action === 'redirect') {
    if (isNavigable(config.url, win.location.href)) win.location.replace(config.url);
  } else if (win.parent !== win) {
    win.parent.postMessage(config.message, config.targetOrigin);
  }
}
