import type { Processor, ProcessorCard, ProcessorResponse, TargetReference } from '../../processor/index.ts';
import type { Transaction } from './model.ts';
import type { Plan } from './plan.ts';

/**
 * Sends a plan to the processor. `card` is the clear card, read from the vault for this call only; card
 * operations need it, follow-ups ignore it.
 */
export async function executePlan(
  processor: Processor,
  plan: Plan,
  ids: { merchantId: string; orderId: string },
  card?: ProcessorCard,
): Promise<ProcessorResponse> {
  const reference = { ...ids, transactionId: plan.transactionId };
  const money = { ...reference, amount: plan.amount, currency: plan.currency };
  const authentication =
    'authentication' in plan && plan.authentication ? { authentication: plan.authentication } : {};
  switch (plan.apiOperation) {
    case 'PAY':
      return processor.pay({ ...money, card: required(card), ...authentication });
    case 'AUTHORIZE':
      return processor.authorize({ ...money, card: required(card), ...authentication });
    case 'VERIFY':
      return processor.verify({ ...reference, currency: plan.currency, card: required(card) });
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

function required(card: ProcessorCard | undefined): ProcessorCard {
  if (!card) throw new TypeError('A card operation needs the clear card.');
  return card;
}

function targetReference(target: Transaction): TargetReference {
  return {
    transactionId: target.id,
    receipt: target.receipt,
    ...(target.authorizationCode ? { authorizationCode: target.authorizationCode } : {}),
  };
}
