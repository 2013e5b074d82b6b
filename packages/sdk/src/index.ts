export {
  createPaymentSession,
  type CreatePaymentSessionOptions,
  type PaymentSession,
  type SessionEventMap,
  type SessionEventType,
} from './promise/create-payment-session.ts';
export type { AuthenticateRequest, AuthenticationOutcome } from './threeds/authenticate.ts';
export type { CardFieldSelectors, FrameEmbeddingMitigation, SessionOptions } from './core/options.ts';
export type { FrameConnector, FrameLink, Remote, FieldRemote, HubRemote } from './core/connector.ts';
export { HostedSessionError, type ErrorCode } from './errors.ts';
export type {
  CardBrand,
  CardRole,
  CardTypeState,
  ErrorReason,
  FormSessionUpdateResponse,
  Locale,
  StyleDeclarations,
  StyleState,
  ValidateResult,
  Validity,
} from '@hosted-session/protocol';
