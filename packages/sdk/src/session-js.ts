import { penpalConnector } from './core/penpal-connector.ts';
import type {} from './global.ts';
import { createMastercardPaymentSession } from './mastercard/payment-session.ts';
import { gatewayFromScriptUrl } from './mastercard/script-url.ts';

// currentScript is only set while this file first runs, so the gateway binding is read here and nowhere else.
window.PaymentSession = createMastercardPaymentSession(
  gatewayFromScriptUrl((document.currentScript as HTMLScriptElement | null)?.src),
  penpalConnector,
);
