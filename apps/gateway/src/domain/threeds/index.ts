export {
  AuthenticationService,
  type AuthenticationServiceOptions,
  type BrowserStep,
  type ChallengeStep,
  type CompletionListener,
  type NewAuthentication,
  type NotificationUrls,
  type PaymentUse,
} from './authentications.ts';
export { ThreeDSError, type ThreeDSErrorCode } from './errors.ts';
export {
  decodeChallengeRequest,
  decodeChallengeResponse,
  decodeMethodData,
  decodePayerAuthenticationRequest,
  decodePayerAuthenticationResponse,
  encodeChallengeResponse,
  encodePayerAuthenticationRequest,
  encodePayerAuthenticationResponse,
  threeDS1Xid,
} from './messages.ts';
export {
  AUTHENTICATION_STATUSES,
  SUCCESSFUL_STATUSES,
  isFinal,
  type AuthenticationCard,
  type AuthenticationCategory,
  type AuthenticationPurpose,
  type AuthenticationRecord,
  type AuthenticationResult,
  type AuthenticationStatus,
  type AuthenticationType,
  type AuthenticationUse,
  type FinalStatus,
} from './model.ts';
