import type { FundsSource } from './funds-source.ts';
import { FieldError } from './errors.ts';
import { isJsonObject } from './json-fields.ts';
import type { CardPlan, OperationFields, TransactionAuthentication } from './orders/index.ts';
import { ThreeDSError, type AuthenticationService, type AuthenticationUse } from './threeds/index.ts';

const FIELD = 'authentication.3ds.transactionId';

/** A 3-D Secure authentication a PAY or AUTHORIZE holds while its operation runs. */
export interface HeldAuthentication {
  result: TransactionAuthentication;
  /** Gives it back: the operation was refused before the processor was asked. */
  release(): Promise<void>;
}

/**
 * Takes the authentication a PAY or AUTHORIZE names (in its request, else in its session), for this payment
 * only: the engine checks merchant, card, amount, currency and success, and that no other payment holds it.
 * Undefined when none is named. Refusals are Mastercard field errors on the reference.
 */
export async function holdAuthentication(
  authentications: AuthenticationService,
  fields: OperationFields,
  payment: { merchantId: string; use: AuthenticationUse; plan: CardPlan; source: FundsSource },
): Promise<HeldAuthentication | undefined> {
  const transactionId = referenceOf(fields);
  if (transactionId === undefined) return undefined;
  const { cardNumber } = payment.source;
  if (cardNumber === undefined) throw new FieldError('sourceOfFunds.provided.card.number', 'MISSING');
  try {
    const { result, protocolVersion } = await authentications.use(payment.merchantId, transactionId, {
      ...payment.use,
      cardNumber,
      amount: payment.plan.amount,
      currency: payment.plan.currency,
    });
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
      },
      release: () => authentications.release(transactionId, payment.use),
    };
  } catch (error) {
    if (error instanceof ThreeDSError) throw new FieldError(FIELD, 'INVALID', error.explanation);
    throw error;
  }
}

/** `authentication["3ds"].transactionId`, already checked as a UUID by the request and session schemas. */
function referenceOf(fields: OperationFields): string | undefined {
  const threeDS = fields.authentication?.['3ds'];
  return isJsonObject(threeDS) && typeof threeDS.transactionId === 'string'
    ? threeDS.transactionId
    : undefined;
}
