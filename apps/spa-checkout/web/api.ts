// The shop's own API (this app's server), never the gateway's: the merchant password stays server-side.
import type { Cart, PayResult, TestCard } from '@hosted-session/demo-checkout/merchant';

export { formatMoney } from '@hosted-session/demo-checkout/cart';
export type { Cart, PayResult, TestCard };

export interface CheckoutSession {
  sessionId: string;
  gateway: { url: string; merchantId: string; apiVersion: string };
  /** The order the page authenticates with 3-D Secure before the shop pays it. */
  authentication?: { orderId: string; transactionId: string };
}

export interface TestCardData {
  cards: TestCard[];
  expiryOutcomes: Array<{ expiry: string; outcome: string }>;
  cscOutcomes: Array<{ securityCode: string; amex: string; outcome: string }>;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json()) as T;
  // A payment refused by the shop (already used, expired) still has a message for the payer.
  if (!response.ok && !(body && typeof body === 'object' && 'message' in body))
    throw new Error(`${path}: ${response.status}`);
  return body;
}

export const getCart = (): Promise<Cart> => request('/api/cart');
export const getTestCards = (): Promise<TestCardData> => request('/api/test-cards');
/** A refusal the shop explains to the payer (e.g. too many checkouts from one network). */
export class ShopRefusal extends Error {}

export async function createCheckoutSession(): Promise<CheckoutSession> {
  const response = await fetch('/api/session', { method: 'POST' });
  const body = (await response.json()) as CheckoutSession & { message?: string };
  if (response.ok) return body;
  throw typeof body.message === 'string'
    ? new ShopRefusal(body.message)
    : new Error(`/api/session: ${response.status}`);
}

export function pay(sessionId: string, sessionVersion: string): Promise<PayResult> {
  return request('/api/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, sessionVersion }),
  });
}
