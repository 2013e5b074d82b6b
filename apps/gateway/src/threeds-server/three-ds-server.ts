import type { Brand } from '@hosted-session/card';
import type { Currency } from '../domain/money/index.ts';

/**
 * What the 3-D Secure engine needs of a 3DS Server and the directory servers and issuer ACSs behind it
 * (EMV 3-D Secure 2). The simulator in this folder implements it; a connection to a real 3DS Server would
 * implement the same three calls. Like `ProcessorCard`, card numbers given here exist only for the call.
 */
export interface ThreeDSServer {
  /** PReq/PRes: whether the card's range takes part in 3-D Secure, at which version, with which 3DS Method. */
  lookup(card: DirectoryCard): Promise<DirectoryLookup>;
  /** AReq/ARes: the issuer's decision, frictionless or a challenge. */
  authenticate(request: AuthenticationRequest): Promise<AuthenticationResponse>;
  /**
   * One answer of the cardholder to the ACS's challenge (CReq/CRes). The last one carries the result the ACS
   * reports to the directory in its RReq. With a real ACS the challenge screen is the issuer's own, and this
   * call becomes the 3DS Server's RReq for the transaction.
   */
  respondToChallenge(answer: ChallengeAnswer): Promise<ChallengeOutcome>;
}

/**
 * EMV 3-D Secure 2.1.0 and 2.2.0, and 3-D Secure 1.0.2 for the API faces that still ask for it (Mastercard's
 * 3DSecureId resource). 3-D Secure 1 runs through the same three calls: its VEReq/VERes is the lookup and its
 * PAReq the authentication request; it has no 3DS Method, its issuer always sees the cardholder's browser (the
 * browser posts the PAReq), and its PARes knows no R or I.
 */
export type ProtocolVersion = '1.0.2' | '2.1.0' | '2.2.0';

/** EMV 3DS transStatus: authenticated, not authenticated, unavailable, attempted, challenge, rejected, informational (exemption). */
export type TransStatus = 'Y' | 'N' | 'U' | 'A' | 'C' | 'R' | 'I';
export type FinalTransStatus = Exclude<TransStatus, 'C'>;

/** Exemptions a merchant may ask the issuer for (PSD2 SCA). */
export const EXEMPTIONS = [
  'low_value',
  'secure_corporate_payment',
  'trusted_listing',
  'trusted_listing_prompt',
  'transaction_risk_assessment',
] as const;
export type Exemption = (typeof EXEMPTIONS)[number];

/** What the issuer granted: a prompt to trust the merchant is a challenge, so it is never granted as such. */
export type AppliedExemption = Exclude<Exemption, 'trusted_listing_prompt'>;

/** threeDSRequestorChallengeInd, in the words of the Checkout.com API. */
export const CHALLENGE_PREFERENCES = [
  'no_preference',
  'no_challenge_requested',
  'challenge_requested',
  'challenge_requested_mandate',
] as const;
export type ChallengePreference = (typeof CHALLENGE_PREFERENCES)[number];

export interface DirectoryCard {
  number: string;
  brand: Brand | 'UNKNOWN';
}

export type DirectoryLookup =
  | { enrolled: false }
  | {
      enrolled: true;
      protocolVersion: ProtocolVersion;
      /** The directory server's id (the scheme's RID). */
      dsId: string;
      /** The issuer ACS's 3DS Method URL; absent when the range has none. Relative URLs are on the gateway. */
      methodUrl?: string;
    };

export interface BrowserData {
  acceptHeader: string;
  userAgent: string;
  ipAddress: string;
  javaEnabled: boolean;
  javascriptEnabled: boolean;
  language: string;
  colorDepth: number;
  screenHeight: number;
  screenWidth: number;
  /** Minutes from UTC, as `Date.getTimezoneOffset` gives them. */
  timezoneOffset: number;
}

export interface AuthenticationRequest {
  threeDSServerTransactionId: string;
  protocolVersion: ProtocolVersion;
  card: DirectoryCard & { expiry: { month: string; year: string }; nameOnCard?: string };
  /** Minor units of `currency`. */
  amount: bigint;
  currency: Currency;
  merchantName: string;
  challengePreference: ChallengePreference;
  exemption?: Exemption;
  /** 'Y' the 3DS Method ran to the end; 'N' it did not; 'U' the range has none. */
  methodCompletion: 'Y' | 'N' | 'U';
  browser: BrowserData;
  /** Where the ACS sends the cardholder's browser (CRes) once a challenge ends. */
  notificationUrl: string;
  purpose: {
    type: 'regular' | 'recurring' | 'installment' | 'add_card' | 'maintain_card';
    category: 'payment' | 'non_payment';
    recurring?: { daysBetweenPayments: number; expiry: string; numberOfPayments?: number };
  };
  /** The merchant's own knowledge of the cardholder (account age, shipping, suspicious activity …). */
  riskData: { [field: string]: unknown };
}

/** The ACS's result, as the ARes (frictionless) or the RReq (after a challenge) carries it. */
export interface AuthenticationOutcome {
  transStatus: FinalTransStatus;
  /** Electronic Commerce Indicator, per scheme. */
  eci?: string;
  /** The CAVV/AAV: base64, present for Y, A and I. */
  authenticationValue?: string;
  /** transStatusReason, e.g. '01' card authentication failed. */
  statusReason?: string;
  exemptionApplied?: AppliedExemption;
  /** Only after a `trusted_listing_prompt` challenge: whether the cardholder added the merchant. */
  trustedBeneficiary?: boolean;
  /** Only when the cardholder cancelled the challenge. */
  cancelled?: boolean;
}

export interface Transaction3DSIds {
  dsTransactionId: string;
  acsTransactionId: string;
  dsReferenceNumber: string;
  acsReferenceNumber: string;
}

export type AuthenticationResponse = Transaction3DSIds &
  (
    | { transStatus: 'C'; challenge: { acsUrl: string; trustPrompt: boolean } }
    | { transStatus: FinalTransStatus; outcome: AuthenticationOutcome }
  );

export interface ChallengeAnswer {
  acsTransactionId: string;
  protocolVersion: ProtocolVersion;
  brand: Brand | 'UNKNOWN';
  /** 1 for the first answer. */
  attempt: number;
  /** `trustMerchant` only when the challenge asked whether to trust the merchant. */
  answer: { kind: 'code'; code: string; trustMerchant?: boolean } | { kind: 'cancel' };
}

export type ChallengeOutcome =
  { kind: 'retry'; attemptsLeft: number } | { kind: 'final'; outcome: AuthenticationOutcome };
