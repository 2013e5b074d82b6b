import { penpalConnector } from './core/penpal-connector.ts';
import {
  createMastercardPaymentSession,
  type MastercardPaymentSession,
} from './mastercard/payment-session.ts';
import { gatewayFromScriptUrl } from './mastercard/script-url.ts';

declare global {
  interface Window {
    PaymentSession: MastercardPaymentSession;
  }
}

// currentScript is only set while this file first runs, so the gateway binding is read here and nowhere else.
window.PaymentSession = createMastercardPaymentSession(
  gatewayFromScriptUrl((document.currentScript as HTMLScriptElement | null)?.src),
  penpalConnector,
);
