import { formatAmount } from '../../../domain/money/index.ts';
import type { AuthenticationRecord, AuthenticationStatus } from '../../../domain/threeds/index.ts';
import type { RedirectBody } from './redirect.ts';

/** What the Mastercard face keeps with its authentications (`face`), beside what the engine keeps. */
export interface MastercardFace {
  kind: 'mastercard';
  acceptVersions: string;
  channel: string;
  purpose: string;
  redirectResponseUrl?: string;
  /** The session whose id may drive this authentication from the payer's browser. */
  sessionId?: string;
}

export function mastercardFace(record: AuthenticationRecord): MastercardFace | undefined {
  return record.face.kind === 'mastercard' ? (record.face as unknown as MastercardFace) : undefined;
}

/** Mastercard's `transaction.authenticationStatus` and `order.authenticationStatus`. */
export type MastercardAuthenticationStatus =
  | 'AUTHENTICATION_AVAILABLE'
  | 'AUTHENTICATION_PENDING'
  | 'AUTHENTICATION_SUCCESSFUL'
  | 'AUTHENTICATION_ATTEMPTED'
  | 'AUTHENTICATION_EXEMPT'
  | 'AUTHENTICATION_FAILED'
  | 'AUTHENTICATION_REJECTED'
  | 'AUTHENTICATION_UNAVAILABLE'
  | 'AUTHENTICATION_NOT_SUPPORTED';

export type GatewayRecommendation = 'PROCEED' | 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS';

interface Outcome {
  authenticationStatus: MastercardAuthenticationStatus;
  orderStatus: 'AUTHENTICATION_INITIATED' | 'AUTHENTICATED' | 'AUTHENTICATION_UNSUCCESSFUL';
  result: 'SUCCESS' | 'PENDING' | 'FAILURE';
  gatewayCode: 'AUTHENTICATION_IN_PROGRESS' | 'PENDING' | 'APPROVED' | 'DECLINED' | 'NOT_ENROLLED_3D_SECURE';
  recommendation: GatewayRecommendation;
}

/**
 * How an authentication's state reads in Mastercard's words. PROCEED: pay (with the authentication when it
 * succeeded; without one when the card is outside 3-D Secure, liability staying with the merchant).
 * RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS: the payer should use another card.
 */
export function outcomeOf(record: AuthenticationRecord): Outcome {
  const failed = (authenticationStatus: MastercardAuthenticationStatus): Outcome => ({
    authenticationStatus,
    orderStatus: 'AUTHENTICATION_UNSUCCESSFUL',
    result: 'FAILURE',
    gatewayCode: 'DECLINED',
    recommendation: 'RESUBMIT_WITH_ALTERNATIVE_PAYMENT_DETAILS',
  });
  const succeeded = (authenticationStatus: MastercardAuthenticationStatus): Outcome => ({
    authenticationStatus,
    orderStatus: 'AUTHENTICATED',
    result: 'SUCCESS',
    gatewayCode: 'APPROVED',
    recommendation: 'PROCEED',
  });
  const status: AuthenticationStatus = record.status;
  switch (status) {
    case 'pending':
    case 'processing':
      return {
        authenticationStatus: 'AUTHENTICATION_AVAILABLE',
        orderStatus: 'AUTHENTICATION_INITIATED',
        result: 'SUCCESS',
        gatewayCode: 'AUTHENTICATION_IN_PROGRESS',
        recommendation: 'PROCEED',
      };
    case 'challenged':
      return {
        authenticationStatus: 'AUTHENTICATION_PENDING',
        orderStatus: 'AUTHENTICATION_INITIATED',
        result: 'PENDING',
        gatewayCode: 'PENDING',
        recommendation: 'PROCEED',
      };
    case 'approved':
      return succeeded(
        record.result?.exemptionApplied ? 'AUTHENTICATION_EXEMPT' : 'AUTHENTICATION_SUCCESSFUL',
      );
    case 'attempted':
      return succeeded('AUTHENTICATION_ATTEMPTED');
    case 'rejected':
      return failed('AUTHENTICATION_REJECTED');
    case 'unavailable':
      return record.result?.reason === 'card_not_enrolled'
        ? {
            authenticationStatus: 'AUTHENTICATION_NOT_SUPPORTED',
            orderStatus: 'AUTHENTICATION_UNSUCCESSFUL',
            result: 'SUCCESS',
            gatewayCode: 'NOT_ENROLLED_3D_SECURE',
            recommendation: 'PROCEED',
          }
        : failed('AUTHENTICATION_UNAVAILABLE');
    case 'expired':
      return failed('AUTHENTICATION_UNAVAILABLE');
    case 'declined':
    case 'challenge_abandoned':
      return failed('AUTHENTICATION_FAILED');
  }
}

export interface AuthenticationTransactionBody {
  correlationId?: string;
  merchant: string;
  result: Outcome['result'];
  response: { gatewayCode: Outcome['gatewayCode']; gatewayRecommendation: GatewayRecommendation };
  order: {
    id: string;
    amount: string;
    currency: string;
    status: Outcome['orderStatus'];
    authenticationStatus: MastercardAuthenticationStatus;
    creationTime: string;
    lastUpdatedTime: string;
    totalAuthorizedAmount: string;
    totalCapturedAmount: string;
    totalRefundedAmount: string;
  };
  transaction: {
    id: string;
    type: 'AUTHENTICATION';
    amount: string;
    currency: string;
    authenticationStatus: MastercardAuthenticationStatus;
  };
  authentication: { [field: string]: unknown };
  sourceOfFunds: { type: 'CARD'; provided: { card: { brand: string; number: string; expiry: object } } };
  timeOfRecord: string;
  timeOfLastUpdate: string;
  version: string;
}

/**
 * An INITIATE_AUTHENTICATION or AUTHENTICATE_PAYER transaction as Mastercard shows it: in the operation's
 * answer (with the snippet the page inserts, while there is one), and in Retrieve Transaction and Order.
 * Codes, ids and the masked card only.
 */
export function authenticationTransactionBody(
  record: AuthenticationRecord,
  context: { apiVersion: string; correlationId?: string; redirect?: RedirectBody },
): AuthenticationTransactionBody {
  const face = mastercardFace(record);
  const outcome = outcomeOf(record);
  const { orderId, transactionId } = record.orderTransaction!;
  const amount = formatAmount(record.amount, record.currency);
  const zero = formatAmount(0n, record.currency);
  const created = new Date(record.createdAt).toISOString();
  const updated = new Date(record.updatedAt).toISOString();
  return {
    ...(context.correlationId === undefined ? {} : { correlationId: context.correlationId }),
    merchant: record.merchantId,
    result: outcome.result,
    response: { gatewayCode: outcome.gatewayCode, gatewayRecommendation: outcome.recommendation },
    order: {
      id: orderId,
      amount,
      currency: record.currency,
      status: outcome.orderStatus,
      authenticationStatus: outcome.authenticationStatus,
      creationTime: created,
      lastUpdatedTime: updated,
      totalAuthorizedAmount: zero,
      totalCapturedAmount: zero,
      totalRefundedAmount: zero,
    },
    transaction: {
      id: transactionId,
      type: 'AUTHENTICATION',
      amount,
      currency: record.currency,
      authenticationStatus: outcome.authenticationStatus,
    },
    authentication: authenticationGroup(record, face, context.redirect),
    sourceOfFunds: {
      type: 'CARD',
      provided: {
        card: { brand: record.card.brand, number: record.card.number, expiry: record.card.expiry },
      },
    },
    timeOfRecord: created,
    timeOfLastUpdate: updated,
    version: context.apiVersion,
  };
}

function authenticationGroup(
  record: AuthenticationRecord,
  face: MastercardFace | undefined,
  redirect: RedirectBody | undefined,
): { [field: string]: unknown } {
  const result = record.result;
  const enrolled = record.protocolVersion !== undefined;
  const methodSupported = record.directory?.methodUrl ? 'SUPPORTED' : 'NOT_SUPPORTED';
  return {
    ...(face
      ? {
          acceptVersions: face.acceptVersions,
          channel: face.channel,
          purpose: face.purpose,
          ...(face.redirectResponseUrl ? { redirectResponseUrl: face.redirectResponseUrl } : {}),
        }
      : {}),
    version: enrolled ? '3DS2' : 'NONE',
    amount: formatAmount(record.amount, record.currency),
    ...(enrolled
      ? {
          '3ds': {
            transactionId: record.transactionId,
            ...(result?.eci ? { acsEci: result.eci } : {}),
            ...(result?.authenticationValue ? { authenticationToken: result.authenticationValue } : {}),
          },
          '3ds2': {
            protocolVersion: record.protocolVersion,
            methodSupported,
            ...(record.method ? { methodCompleted: record.method.completed } : {}),
            ...(record.ids?.dsTransactionId ? { dsTransactionId: record.ids.dsTransactionId } : {}),
            ...(record.ids?.acsTransactionId ? { acsTransactionId: record.ids.acsTransactionId } : {}),
            ...(result?.transStatus ? { transactionStatus: result.transStatus } : {}),
            ...(record.status === 'challenged' ? { transactionStatus: 'C' } : {}),
            ...(result?.statusReason ? { statusReasonCode: result.statusReason } : {}),
          },
        }
      : {}),
    ...(record.status === 'challenged' || result
      ? {
          payerInteraction:
            record.status === 'challenged' || result?.flow === 'challenged' ? 'REQUIRED' : 'NOT_REQUIRED',
        }
      : {}),
    ...(result ? { time: result.authenticatedAt } : {}),
    ...(redirect ? { redirect } : {}),
  };
}
