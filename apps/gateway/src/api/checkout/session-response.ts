import type { Brand } from '@hosted-session/card';
import type { AuthenticationSession, Completion } from '@hosted-session/rest/checkout';
import { isFinal, type AuthenticationRecord } from '../../domain/threeds/index.ts';
import { THREEDS_PATHS } from '../threeds/paths.ts';

/** What the Checkout.com face keeps with an authentication (opaque to the engine). */
export interface CheckoutFace {
  kind: 'checkout';
  base: string;
  challenge_indicator: string;
  reference?: string;
  completion: Completion;
  recurring?: AuthenticationSession['recurring'];
  installment?: AuthenticationSession['installment'];
}

export function checkoutFace(record: AuthenticationRecord): CheckoutFace | undefined {
  return record.face.kind === 'checkout' ? (record.face as unknown as CheckoutFace) : undefined;
}

const SCHEMES: Partial<Record<Brand, string>> = {
  VISA: 'visa',
  MASTERCARD: 'mastercard',
  MAESTRO: 'mastercard',
  AMEX: 'amex',
  JCB: 'jcb',
  DINERS_CLUB: 'diners',
  DISCOVER: 'discover',
};

/** `GET /sessions/{id}` (and `POST /sessions`): the session as Checkout.com shows one. */
export function authenticationSessionBody(
  record: AuthenticationRecord,
  face: CheckoutFace,
): AuthenticationSession {
  const completed = isFinal(record.status);
  const result = record.result;
  const answered = result?.transStatus !== undefined;
  const self = `${face.base}/sessions/${record.id}`;
  const scheme = SCHEMES[record.card.brand as Brand];
  return {
    id: record.id,
    transaction_id: record.transactionId,
    ...(scheme ? { scheme } : {}),
    amount: Number(record.amount),
    currency: record.currency,
    completed,
    challenged: record.challenge !== undefined,
    authentication_type: record.purpose.type,
    authentication_category: record.purpose.category,
    status: record.status,
    ...(completed ? { approved: record.status === 'approved' || record.status === 'attempted' } : {}),
    ...(record.protocolVersion ? { protocol_version: record.protocolVersion } : {}),
    ...(face.reference ? { reference: face.reference } : {}),
    transaction_type: record.purpose.transactionType,
    next_actions: completed ? ['complete'] : ['redirect_cardholder'],
    ...(record.ids
      ? {
          ds: {
            ...(record.directory ? { ds_id: record.directory.dsId } : {}),
            reference_number: record.ids.dsReferenceNumber,
            transaction_id: record.ids.dsTransactionId,
          },
          acs: {
            reference_number: record.ids.acsReferenceNumber,
            transaction_id: record.ids.acsTransactionId,
            challenge_mandated: record.challengePreference === 'challenge_requested_mandate',
            ...(result?.cancelled ? { challenge_cancel_reason: 'cardholder_cancel' as const } : {}),
          },
        }
      : {}),
    ...(answered
      ? {
          response_code: result.transStatus,
          ...(result.statusReason ? { response_status_reason: result.statusReason } : {}),
          ...(result.authenticationValue ? { cryptogram: result.authenticationValue } : {}),
          ...(result.eci ? { eci: result.eci } : {}),
          authentication_date: result.authenticatedAt,
          flow_type: result.flow,
        }
      : {}),
    ...(record.exemption || result?.exemptionApplied
      ? {
          exemption: {
            ...(record.exemption ? { requested: record.exemption } : {}),
            ...(result?.exemptionApplied ? { applied: result.exemptionApplied } : {}),
            ...(result?.trustedBeneficiary === undefined
              ? {}
              : {
                  trusted_beneficiary: {
                    status: result.trustedBeneficiary ? ('Y' as const) : ('N' as const),
                  },
                }),
          },
        }
      : {}),
    challenge_indicator: face.challenge_indicator,
    ...(completed && result ? { liability_shift: result.liabilityShift } : {}),
    ...(face.recurring ? { recurring: face.recurring } : {}),
    ...(face.installment ? { installment: face.installment } : {}),
    _links: {
      self: { href: self },
      ...(completed ? {} : { redirect: { href: `${face.base}${THREEDS_PATHS.interceptor(record.id)}` } }),
      ...(face.completion.callback_url ? { callback_url: { href: face.completion.callback_url } } : {}),
      ...(face.completion.type === 'hosted'
        ? {
            success_url: { href: face.completion.success_url },
            failure_url: { href: face.completion.failure_url },
          }
        : {}),
    },
  };
}
