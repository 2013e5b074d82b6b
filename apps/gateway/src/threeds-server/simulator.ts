import { randomBytes, randomUUID } from 'node:crypto';
import type { Brand } from '@hosted-session/card';
import { currencyExponent } from '../domain/money/index.ts';
import { eciOf } from './eci.ts';
import { decideExemption, schemeTakesExemptions } from './exemptions.ts';
import {
  SIMULATED_CHALLENGE_ATTEMPTS,
  SIMULATED_CHALLENGE_CODE,
  simulatedCard,
  type SimulatedCard,
} from './simulator-cards.ts';
import type {
  AuthenticationOutcome,
  AuthenticationRequest,
  AuthenticationResponse,
  ChallengeAnswer,
  ChallengeOutcome,
  DirectoryCard,
  DirectoryLookup,
  FinalTransStatus,
  ThreeDSServer,
  Transaction3DSIds,
} from './three-ds-server.ts';

/**
 * Where the simulated issuers' ACS pages live: on the gateway itself, which serves them (api/threeds). An
 * issuer whose 3DS Method never reports back has a URL of its own, as every real issuer has.
 */
export const SIMULATED_ACS_PATHS = Object.freeze({
  method: '/3ds/acs/method',
  silentMethod: '/3ds/acs/unresponsive/method',
  challenge: '/3ds/acs/challenge',
  /** 3-D Secure 1: the browser posts the PAReq here, and the ACS posts the PARes to the merchant. */
  payerAuthentication: '/3ds/acs/pareq',
});

/** The schemes' directory server ids (their RIDs). */
const DIRECTORY_IDS: Partial<Record<Brand, string>> = {
  MASTERCARD: 'A000000004',
  MAESTRO: 'A000000004',
  VISA: 'A000000003',
  AMEX: 'A000000025',
  JCB: 'A000000065',
  DINERS_CLUB: 'A000000152',
  DISCOVER: 'A000000152',
};

/** transStatusReason codes (EMV 3DS): card authentication failed, transaction not permitted, system unavailable. */
const REASON_AUTHENTICATION_FAILED = '01';
const REASON_NOT_PERMITTED = '12';
const REASON_SYSTEM_UNAVAILABLE = '14';

/**
 * A 3DS Server with simulated directory servers and issuer ACSs. The test card decides (simulator-cards.ts),
 * as the processor simulator's expiry dates do; exemptions follow the rules in exemptions.ts. Stateless:
 * everything an answer depends on arrives with the call, so any number of gateways can share the work.
 */
export class SimulatedThreeDSServer implements ThreeDSServer {
  async lookup(card: DirectoryCard): Promise<DirectoryLookup> {
    const range = simulatedCard(card.number);
    if (!range) return { enrolled: false };
    const methodUrl =
      range.method === 'answers'
        ? SIMULATED_ACS_PATHS.method
        : range.method === 'silent'
          ? SIMULATED_ACS_PATHS.silentMethod
          : undefined;
    return {
      enrolled: true,
      protocolVersion: range.protocolVersion,
      dsId: DIRECTORY_IDS[card.brand as Brand] ?? 'A000000000',
      ...(methodUrl ? { methodUrl } : {}),
    };
  }

  async authenticate(request: AuthenticationRequest): Promise<AuthenticationResponse> {
    const ids = newIds(request.card.brand);
    const range = simulatedCard(request.card.number);
    if (!range) return { ...ids, ...final(request, 'U', { statusReason: REASON_SYSTEM_UNAVAILABLE }) };
    const decision = this.decide(range, request);
    if (decision.kind === 'challenge') {
      return {
        ...ids,
        transStatus: 'C',
        challenge: { acsUrl: SIMULATED_ACS_PATHS.challenge, trustPrompt: decision.trustPrompt },
      };
    }
    return { ...ids, ...final(request, decision.transStatus, decision.extra) };
  }

  async respondToChallenge(answer: ChallengeAnswer): Promise<ChallengeOutcome> {
    const { brand } = answer;
    if (answer.answer.kind === 'cancel') {
      return { kind: 'final', outcome: outcome(brand, 'N', { cancelled: true }) };
    }
    if (answer.answer.code.trim() === SIMULATED_CHALLENGE_CODE) {
      const { trustMerchant } = answer.answer;
      return {
        kind: 'final',
        outcome: outcome(
          brand,
          'Y',
          trustMerchant === undefined ? {} : { trustedBeneficiary: trustMerchant },
        ),
      };
    }
    if (answer.attempt >= SIMULATED_CHALLENGE_ATTEMPTS) {
      return { kind: 'final', outcome: outcome(brand, 'N', { statusReason: REASON_AUTHENTICATION_FAILED }) };
    }
    return { kind: 'retry', attemptsLeft: SIMULATED_CHALLENGE_ATTEMPTS - answer.attempt };
  }

  private decide(
    range: SimulatedCard,
    request: AuthenticationRequest,
  ):
    | { kind: 'challenge'; trustPrompt: boolean }
    | { kind: 'final'; transStatus: FinalTransStatus; extra: Partial<AuthenticationOutcome> } {
    switch (range.behaviour) {
      case 'unavailable':
        return { kind: 'final', transStatus: 'U', extra: { statusReason: REASON_SYSTEM_UNAVAILABLE } };
      case 'rejected':
        // A 3-D Secure 1 PARes has no R: the issuer refusing the authentication answers N.
        return request.protocolVersion === '1.0.2'
          ? { kind: 'final', transStatus: 'N', extra: { statusReason: REASON_NOT_PERMITTED } }
          : { kind: 'final', transStatus: 'R', extra: { statusReason: REASON_NOT_PERMITTED } };
      case 'declined':
        return { kind: 'final', transStatus: 'N', extra: { statusReason: REASON_AUTHENTICATION_FAILED } };
      case 'attempted':
        return { kind: 'final', transStatus: 'A', extra: {} };
      case 'challenge':
        return { kind: 'challenge', trustPrompt: false };
      case 'frictionless':
        break;
    }
    const exemptionsApply = request.protocolVersion !== '1.0.2' && range.grantsExemptions;
    if (request.exemption && exemptionsApply && schemeTakesExemptions(request.card.brand)) {
      const decision = decideExemption(request.exemption, {
        minor: request.amount,
        currency: request.currency,
        exponent: currencyExponent(request.currency),
      });
      if (decision.kind === 'challenge') return decision;
      if (decision.kind === 'granted') {
        // Version 2.1.0 has no 'I': the issuer answers Y and says which exemption it applied.
        const transStatus = request.protocolVersion === '2.1.0' ? 'Y' : 'I';
        return { kind: 'final', transStatus, extra: { exemptionApplied: decision.applied } };
      }
    }
    if (
      request.challengePreference === 'challenge_requested' ||
      request.challengePreference === 'challenge_requested_mandate'
    ) {
      return { kind: 'challenge', trustPrompt: false };
    }
    return { kind: 'final', transStatus: 'Y', extra: {} };
  }
}

function final(
  request: AuthenticationRequest,
  transStatus: FinalTransStatus,
  extra: Partial<AuthenticationOutcome>,
): { transStatus: FinalTransStatus; outcome: AuthenticationOutcome } {
  return { transStatus, outcome: outcome(request.card.brand, transStatus, extra) };
}

function outcome(
  brand: Brand | 'UNKNOWN',
  transStatus: FinalTransStatus,
  extra: Partial<AuthenticationOutcome>,
): AuthenticationOutcome {
  const eci = extra.exemptionApplied ? eciOf(brand, 'N') : eciOf(brand, transStatus);
  const authenticated = transStatus === 'Y' || transStatus === 'A' || transStatus === 'I';
  return {
    transStatus,
    ...(eci ? { eci } : {}),
    // A CAVV/AAV is 20 bytes.
    ...(authenticated ? { authenticationValue: randomBytes(20).toString('base64') } : {}),
    ...extra,
  };
}

function newIds(brand: Brand | 'UNKNOWN'): Transaction3DSIds {
  return {
    dsTransactionId: randomUUID(),
    acsTransactionId: randomUUID(),
    dsReferenceNumber: `SIMULATED_DS_${brand}`,
    acsReferenceNumber: 'SIMULATED_ACS',
  };
}
