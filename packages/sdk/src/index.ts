/**
 * The merchant-page library: `createPaymentSession`, a Promise API over card fields that live in the gateway's
 * iframes. The script-tag build and its `window.PaymentSession` are in `@hosted-session/sdk/session.js`.
 *
 * @module @hosted-session/sdk
 */
export {
  createPaymentSession,
  type CreatePaymentSessionOptions,
  type PaymentSession,
  type SessionEventMap,
  type SessionEventType,
  type SessionUpdate,
} from './promise/create-payment-session.ts';
export type { AuthenticateRequest, AuthenticationOutcome } from './threeds/authenticate.ts';
export type {
  AchFieldSelectors,
  CardFieldSelectors,
  FrameEmbeddingMitigation,
  GiftCardFieldSelectors,
  SessionOptions,
} from './core/options.ts';
export type { FrameConnector, FrameLink, Remote, FieldRemote, HubRemote } from './core/connector.ts';
export { HostedSessionError, type ErrorCode } from './errors.ts';
export type {
  CardBrand,
  CardField,
  CardRole,
  FieldRole,
  PaymentType,
  CardTypeState,
  ErrorReason,
  FormSessionUpdateResponse,
  Locale,
  StyleDeclarations,
  StyleState,
  ValidateResult,
  Validity,
} from '@hosted-session/protocol';
