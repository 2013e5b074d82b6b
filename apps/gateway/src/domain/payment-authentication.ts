import type { FundsSource } from './funds-source.ts';
import { FieldError } from './errors.ts';
import { isJsonObject } from './json-fields.ts';
import type { CardPlan, OperationFields, TransactionAuthentication } from './orders/index.ts';
import {
  ThreeDSError,
  threeDS1Xid,
  type AuthenticationService,
  type AuthenticationUse,
} from './threeds/index.ts';

const THREEDS_FIELD = 'authentication.3ds.transactionId';
const ORDER_FIELD = 'authentication.transactionId';
const THREEDS1_FIELD = '3DSecureId';

/** A 3-D Secure authentication a PAY or AUTHORIZE holds while its operation runs. */
export interface HeldAuthentication {
  result: TransactionAuthentication;
  /** Gives it back: the operation was refused before the processor was asked. */
  release(): Promise<void>;
}

/**
 * Takes the authentication a PAY or AUTHORIZE names (in its request, else in its session), for this payment
 * only: the engine checks merchant, card, amount, currency and success, and that no other payment holds it.
 * It is named by its 3DS Server transaction id (`authentication.3ds.transactionId`) or by the id of the
 * order's authentication transaction (`authentication.transactionId`, Mastercard's INITIATE_AUTHENTICATION)
 * or by the merchant's 3DSecureId (`3DSecureId`, Mastercard's 3-D Secure 1 CHECK_3DS_ENROLLMENT).
 * Undefined when none is named (a payment without one costs no lookup). Refusals are Mastercard field errors on
 * the reference, a gift card or bank account payment that names one among them.
 */
export async function holdAuthentication(
  authentications: AuthenticationService,
  fields: OperationFields,
  payment: { merchantId: string; use: AuthenticationUse; plan: CardPlan; source: FundsSource },
): Promise<HeldAuthentication | undefined> {
  const reference = await referenceOf(authentications, fields, payment);
  if (reference === undefined) return undefined;
  const { transactionId, field } = reference;
  const { cardNumber } = payment.source;
  if (cardNumber === undefined) throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
  try {
    const { result, protocolVersion, threeDSecureId } = await authentications.use(
      payment.merchantId,
      transactionId,
      {
        ...payment.use,
        cardNumber,
        amount: payment.plan.amount,
        currency: payment.plan.currency,
      },
    );
    return {
      result: {
        transactionId,
        ...(protocolVersion ? { protocolVersion } : {}),
        ...(result.dsTransactionId ? { dsTransactionId: result.dsTransactionId } : {}),
        ...(result.acsTransactionId ? { acsTransactionId: result.acsTransactionId } : {}),
        transStatus: result.transStatus!,
        ...(result.eci ? { eci: result.eci } : {}),
        ...(result.authenticationValue ? { authenticationValue: result.authenticationValue } : {}),
        ...(result.exemptionApplied ? { exemption: result.exemptionApplied } : {}),
        liabilityShift: result.liabilityShift,
        ...(threeDSecureId === undefined ? {} : { threeDSecureId, xid: threeDS1Xid(transactionId) }),
      },
      release: () => authentications.release(transactionId, payment.use),
    };
  } catch (error) {
    if (error instanceof ThreeDSError) throw new FieldError(field, 'INVALID', error.explanation);
    throw error;
  }
}

/** The 3DS Server transaction id of the authentication to take, and the field that named it. */
async function referenceOf(
  authentications: AuthenticationService,
  fields: OperationFields,
  payment: { merchantId: string; use: AuthenticationUse; source: FundsSource },
): Promise<{ transactionId: string; field: string } | undefined> {
  // Both already checked by the request and session schemas: a UUID, and one of the merchant's ids.
  const threeDS = fields.authentication?.['3ds'];
  const serverId = isJsonObject(threeDS) ? threeDS.transactionId : undefined;
  const named = fields.authentication?.transactionId;
  const threeDSecureId = fields['3DSecureId'];
  const field =
    typeof serverId === 'string'
      ? THREEDS_FIELD
      : typeof named === 'string'
        ? ORDER_FIELD
        : threeDSecureId !== undefined
          ? THREEDS1_FIELD
          : undefined;
  if (field === undefined) return undefined;
  // 3-D Secure authenticates a card; passing one off as a gift card's or bank account's would claim a
  // liability shift no issuer gave.
  const type = payment.source.preview?.type;
  if (type !== undefined && type !== 'CARD') {
    throw new FieldError(field, 'UNSUPPORTED', '3-D Secure applies to card payments only.');
  }
  if (typeof serverId === 'string') return { transactionId: serverId, field };
  if (field === THREEDS1_FIELD) {
    const record = await authentications.byThreeDSecureId(payment.merchantId, threeDSecureId!);
    if (!record) throw new FieldError(THREEDS1_FIELD, 'INVALID', 'No such 3-D Secure authentication.');
    return { transactionId: record.transactionId, field };
  }
  const ofOrder = await authentications.ofOrder(payment.merchantId, payment.use.orderId);
  const record = ofOrder.filter((r) => r.orderTransaction?.transactionId === named).at(-1);
  if (!record) throw new FieldError(ORDER_FIELD, 'INVALID', 'No such authentication on this order.');
  return { transactionId: record.transactionId, field };
}
