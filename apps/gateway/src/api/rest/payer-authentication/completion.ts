import type { AuthenticationRecord } from '../../../domain/threeds/index.ts';
import { completionMessage, type BrowserCompletion } from '../../threeds/completion.ts';
import { mastercardFace, outcomeOf } from './response.ts';

/**
 * The challenge frame of a checkout page (the ThreeDS script, `authenticate()`) tells the page, at its exact
 * origin; a snippet inserted by the merchant's own code goes to `authentication.redirectResponseUrl` with the
 * ids and the recommendation (a hint: the merchant's server reads the result with Retrieve Transaction or pays).
 */
export function mastercardCompletion(record: AuthenticationRecord): BrowserCompletion {
  const { orderId, transactionId } = record.orderTransaction!;
  if (record.parentOrigin) {
    return {
      kind: 'message',
      targetOrigin: record.parentOrigin,
      message: { ...completionMessage(record), orderId, transactionId },
    };
  }
  const url = mastercardFace(record)?.redirectResponseUrl;
  if (!url) return { kind: 'page' };
  const target = new URL(url);
  target.searchParams.set('order.id', orderId);
  target.searchParams.set('transaction.id', transactionId);
  target.searchParams.set('response.gatewayRecommendation', outcomeOf(record).recommendation);
  return { kind: 'redirect', url: target.toString() };
}
