/**
 * The script-tag build: `<script src="<gateway>/form/version/100/merchant/<id>/session.js">` defines
 * `window.PaymentSession`. These declarations type it: `/// <reference types="@hosted-session/sdk/session.js" />`
 * in a source file, or `"types": ["@hosted-session/sdk/session.js"]` in tsconfig.json. The gateway also serves
 * them beside the script, as `session.d.ts`.
 *
 * @module @hosted-session/sdk/session.js
 */
import type { MastercardPaymentSession } from './mastercard/payment-session.ts';

export type {
  InitializedResult,
  MastercardConfig,
  MastercardPaymentSession,
} from './mastercard/payment-session.ts';

declare global {
  interface Window {
    PaymentSession: MastercardPaymentSession;
  }
  /** Mastercard's Hosted Session API, defined by session.js. */
  var PaymentSession: MastercardPaymentSession;
}
