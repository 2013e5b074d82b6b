import type { Brand } from '@hosted-session/card';
import {
  AUTHENTICATION_SESSION_STATUSES,
  type AuthenticationSessionStatus,
} from '@hosted-session/rest/checkout';
import type { JsonValue } from '../../store/store.ts';
import type {
  AppliedExemption,
  BrowserData,
  ChallengePreference,
  Exemption,
  FinalTransStatus,
  ProtocolVersion,
} from '../../threeds-server/index.ts';
import type { Currency } from '../money/index.ts';

/** The lifecycle of an authentication, in the words of the Checkout.com sessions API. */
export const AUTHENTICATION_STATUSES = AUTHENTICATION_SESSION_STATUSES;
export type AuthenticationStatus = AuthenticationSessionStatus;

export type FinalStatus = Exclude<AuthenticationStatus, 'pending' | 'processing' | 'challenged'>;

/** Statuses a payment may go ahead with: the cardholder was authenticated, or the attempt is proven. */
export const SUCCESSFUL_STATUSES: readonly AuthenticationStatus[] = ['approved', 'attempted'];

export function isFinal(status: AuthenticationStatus): status is FinalStatus {
  return status !== 'pending' && status !== 'processing' && status !== 'challenged';
}

export type AuthenticationType = 'regular' | 'recurring' | 'installment' | 'add_card' | 'maintain_card';
export type AuthenticationCategory = 'payment' | 'non_payment';

export interface AuthenticationPurpose {
  type: AuthenticationType;
  category: AuthenticationCategory;
  /** The merchant's transaction type (goods and services, account funding …), kept as given. */
  transactionType: string;
  /** Recurring and installment series: the agreed schedule. */
  recurring?: { daysBetweenPayments: number; expiry: string; numberOfPayments?: number };
}

/** The card as an authentication shows it: never more than the first six and last four digits. */
export interface AuthenticationCard {
  brand: Brand | 'UNKNOWN';
  number: string;
  expiry: { month: string; year: string };
}

/** The issuer's answer, once there is one. Nothing in it is card data. */
export interface AuthenticationResult {
  /** Absent when no issuer answered: the card is outside 3-D Secure, or the device data never came. */
  transStatus?: FinalTransStatus;
  eci?: string;
  authenticationValue?: string;
  statusReason?: string;
  /** Absent when the card is outside 3-D Secure and no directory was asked. */
  dsTransactionId?: string;
  acsTransactionId?: string;
  dsReferenceNumber?: string;
  acsReferenceNumber?: string;
  /** ISO 8601 instant of the ARes or RReq (or of the end, when no issuer answered). */
  authenticatedAt: string;
  flow: 'frictionless' | 'challenged';
  exemptionApplied?: AppliedExemption;
  trustedBeneficiary?: boolean;
  cancelled?: boolean;
  /** Why the status is `unavailable` or `expired` without an issuer answer. */
  reason?: 'card_not_enrolled' | 'device_data_timeout';
  /** Approved or attempted, without an exemption: the issuer bears a fraud chargeback. */
  liabilityShift: boolean;
}

/**
 * One 3-D Secure authentication. The clear card number exists only in `panEnvelope` (the vault's
 * AES-256-GCM, bound to `id`), kept so a payment can prove it uses the authenticated card.
 */
export interface AuthenticationRecord {
  /** `sid_` and 26 base32 characters: also the credential of the browser steps. */
  id: string;
  /** The 3DS Server Transaction ID (UUID). */
  transactionId: string;
  merchantId: string;
  /** Moves on every write; writes are compare-and-set on it. */
  revision: number;
  status: AuthenticationStatus;
  protocolVersion?: ProtocolVersion;
  card: AuthenticationCard;
  panEnvelope: string;
  /** Minor units. */
  amount: bigint;
  currency: Currency;
  /** Shown to the cardholder on the issuer's screen. */
  merchantName: string;
  challengePreference: ChallengePreference;
  exemption?: Exemption;
  purpose: AuthenticationPurpose;
  riskData: { [field: string]: JsonValue };
  directory?: { dsId: string; methodUrl?: string };
  browser?: BrowserData;
  /** When the AReq went out (epoch ms): from then on one gateway waits for the issuer and no other asks again. */
  areqSentAt?: number;
  /** The 3DS Method: when it must have reported back (epoch ms), and whether it did. */
  method?: { deadline: number; completed: boolean };
  challenge?: {
    acsTransactionId: string;
    acsUrl: string;
    notificationUrl: string;
    trustPrompt: boolean;
    /** Wrong answers so far. */
    attempts: number;
  };
  /** The 3DS Server's ids of the authentication request, kept once the AReq went out. */
  ids?: {
    dsTransactionId: string;
    acsTransactionId: string;
    dsReferenceNumber: string;
    acsReferenceNumber: string;
  };
  result?: AuthenticationResult;
  /** The merchant page that frames the browser steps, when one does (an origin it registered). */
  parentOrigin?: string;
  /** The API face's own data (completion URLs, callback …), kept for it and never read by the engine. */
  face: { kind: string; [field: string]: JsonValue };
  /**
   * The merchant's order and transaction ids the authentication was asked for by (Mastercard's
   * INITIATE_AUTHENTICATION): set at creation, never changed; a payment on that order may name it by them.
   */
  orderTransaction?: AuthenticationUse;
  /**
   * The merchant's id of a 3-D Secure 1 authentication (Mastercard's 3DSecureId, `protocolVersion` 1.0.2):
   * unique for the merchant, set at creation, never changed; a payment may name the authentication by it.
   */
  threeDSecureId?: string;
  /** The payment that used the authentication; at most one ever does. */
  use?: AuthenticationUse;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export interface AuthenticationUse {
  orderId: string;
  transactionId: string;
}
