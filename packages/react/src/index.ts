/**
 * React components for the hosted card fields: a provider owning the session, one component per field, and
 * hooks for the session's state and commands.
 *
 * @module @hosted-session/react
 */
export { HostedSessionProvider, type HostedSessionProviderProps } from './provider.tsx';
export {
  CardNumber,
  ExpiryMonth,
  ExpiryYear,
  NameOnCard,
  SecurityCode,
  type HostedFieldProps,
  type SelectFieldProps,
} from './fields.tsx';
export { useHostedField, useHostedSession, type HostedSession } from './hooks.ts';
export type { FieldState, HostedSessionState, SessionStatus } from './state.ts';
export type { ProviderSessionOptions, SessionCallbacks, SessionStyles } from './controller.ts';
export {
  HostedSessionError,
  type CardRole,
  type CardTypeState,
  type ErrorCode,
  type FormSessionUpdateResponse,
  type ValidateResult,
} from '@hosted-session/sdk';
