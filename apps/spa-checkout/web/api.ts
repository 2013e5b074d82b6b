// The shop's own API (this app's server), never the gateway's: the merchant password stays server-side.
import type { Cart, PayResult, TestCard } from '@hosted-session/demo-checkout/merchant';

export { formatMoney } from '@hosted-session/demo-checkout/cart';
export type { Cart, PayResult, TestCard };

export interface CheckoutSession {
  /** The session id, or the session token of a "save card for later" form (which names its session). */
  sessionId: string;
  gateway: { url: string; merchantId: string; apiVersion: string };
  /** Whether `sessionId` is a session token, which the fields take as `sessionToken`. */
  fromToken?: boolean;
  /** The order the page authenticates with 3-D Secure before the shop pays it. */
  authentication?: { orderId: string; transactionId: string };
}

/** The card the payer saved, as the shop shows it: brand, masked number, expiry (MMYY). */
export interface SavedCard {
  brand: string;
  number: string;
  expiry: string;
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

/** A session token for a form that saves the card for later (or updates the card saved already). */
export async function createSaveCardSession(): Promise<CheckoutSession> {
  const response = await fetch('/api/saved-card/session', { method: 'POST' });
  const body = (await response.json()) as Omit<CheckoutSession, 'sessionId'> & {
    sessionToken: string;
    message?: string;
  };
  if (response.ok) return { sessionId: body.sessionToken, gateway: body.gateway, fromToken: true };
  throw typeof body.message === 'string'
    ? new ShopRefusal(body.message)
    : new Error(`/api/saved-card/session: ${response.status}`);
}

export async function getSavedCard(): Promise<SavedCard | null> {
  return (await request<{ card: SavedCard | null }>('/api/saved-card')).card;
}

/** Tells the shop the form saved the card; the shop asks the gateway which card that was. */
export async function keepSavedCard(sessionToken: string): Promise<SavedCard> {
  const response = await fetch('/api/saved-card', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionToken }),
  });
  const body = (await response.json()) as { card?: SavedCard; message?: string };
  if (response.ok && body.card) return body.card;
  throw new ShopRefusal(body.message ?? `/api/saved-card: ${response.status}`);
}

export function payWithSavedCard(): Promise<PayResult> {
  return request('/api/pay-saved', { method: 'POST' });
}

export function pay(sessionId: string, sessionVersion: string): Promise<PayResult> {
  return request('/api/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, sessionVersion }),
  });
}
