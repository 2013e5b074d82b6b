import type { AuthenticationOutcome } from '../../threeds-server/index.ts';
import type { AuthenticationResult, FinalStatus } from './model.ts';

/** The status an issuer's final answer gives the authentication. */
export function statusOf(outcome: Pick<AuthenticationOutcome, 'transStatus' | 'cancelled'>): FinalStatus {
  if (outcome.cancelled) return 'challenge_abandoned';
  switch (outcome.transStatus) {
    case 'Y':
    case 'I':
      return 'approved';
    case 'A':
      return 'attempted';
    case 'N':
      return 'declined';
    case 'R':
      return 'rejected';
    case 'U':
      return 'unavailable';
  }
}

/**
 * An authenticated or attempted payment moves fraud liability to the issuer; one the issuer let through on
 * an exemption does not.
 */
export function liabilityShifts(
  outcome: Pick<AuthenticationOutcome, 'transStatus' | 'exemptionApplied'>,
): boolean {
  return (outcome.transStatus === 'Y' || outcome.transStatus === 'A') && !outcome.exemptionApplied;
}

export type ResultIds = Pick<
  AuthenticationResult,
  'dsTransactionId' | 'acsTransactionId' | 'dsReferenceNumber' | 'acsReferenceNumber'
>;

/** What the engine keeps of the issuer's final answer. */
export function resultOf(
  outcome: AuthenticationOutcome,
  context: { flow: AuthenticationResult['flow']; ids?: ResultIds; at: Date },
): AuthenticationResult {
  return {
    ...outcome,
    ...context.ids,
    authenticatedAt: context.at.toISOString(),
    flow: context.flow,
    liabilityShift: liabilityShifts(outcome),
  };
}
