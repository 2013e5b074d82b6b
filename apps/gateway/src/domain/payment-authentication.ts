import type { TransactionRequest } from '@hosted-session/protocol/rest';
import type { CardSource } from './card-source.ts';
import { FieldError } from './errors.ts';
import type { CardPlan, TransactionAuthentication } from './orders/index.ts';
import { ThreeDSError, type AuthenticationService, type AuthenticationUse } from './threeds/index.ts';

const FIELD = 'authentication.3ds.transactionId';

/** A 3-D Secure authentication a PAY or AUTHORIZE holds while its operation runs. */
export interface HeldAuthentication {
  result: TransactionAuthentication;
  /** Gives it back: the operation was refused before the processor was asked. */
  release(): Promise<void>;
}

/**
 * Takes the authentication a PAY or AUTHORIZE names, for this payment only: the engine checks merchant,
 * card, amount, currency and success, and that no other payment holds it. Undefined when none is named.
 * Refusals are Mastercard field errors on the reference.
 */
export async function holdAuthentication(
  authentications: AuthenticationService,
  request: TransactionRequest,
  payment: { merchantId: string; use: AuthenticationUse; plan: CardPlan; source: CardSource },
): Promise<HeldAuthentication | undefined> {
  const transactionId =
    'authentication' in request ? request.authentication?.['3ds'].transactionId : undefined;
  if (transactionId === undefined) return undefined;
  try {
    const { result, protocolVersion } = await authentications.use(payment.merchantId, transactionId, {
      ...payment.use,
      cardNumber: await payment.source.number(),
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
