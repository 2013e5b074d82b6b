import type { Processor, ProcessorFunds, ProcessorResponse, TargetReference } from '../../processor/index.ts';
import type { Transaction } from './model.ts';
import type { Plan } from './plan.ts';

/**
 * Sends a plan to the processor. `funds` are the clear payment details, read from the vault for this call
 * only; PAY, AUTHORIZE and VERIFY need them, follow-ups ignore them.
 */
export async function executePlan(
  processor: Processor,
  plan: Plan,
  ids: { merchantId: string; orderId: string },
  funds?: ProcessorFunds,
): Promise<ProcessorResponse> {
  const reference = { ...ids, transactionId: plan.transactionId };
  const money = { ...reference, amount: plan.amount, currency: plan.currency };
  const authentication =
    'authentication' in plan && plan.authentication ? { authentication: plan.authentication } : {};
  switch (plan.apiOperation) {
    case 'PAY':
      return processor.pay({ ...money, sourceOfFunds: required(funds), ...authentication });
    case 'AUTHORIZE':
      return processor.authorize({ ...money, sourceOfFunds: required(funds), ...authentication });
    case 'VERIFY':
      return processor.verify({ ...reference, currency: plan.currency, sourceOfFunds: required(funds) });
    case 'CAPTURE':
      return processor.capture({ ...money, target: targetReference(plan.target) });
    case 'REFUND':
      return processor.refund({ ...money, target: targetReference(plan.target) });
    case 'VOID':
      return processor.voidTransaction({
        ...money,
        target: targetReference(plan.target),
        targetType: plan.targetType,
      });
  }
}

function required(funds: ProcessorFunds | undefined): ProcessorFunds {
  if (!funds) throw new TypeError('A funding operation needs the clear payment details.');
  return funds;
}

function targetReference(target: Transaction): TargetReference {
  return {
    transactionId: target.id,
    receipt: target.receipt,
    ...(target.authorizationCode ? { authorizationCode: target.authorizationCode } : {}),
  };
}
