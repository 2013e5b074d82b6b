import type { FastifyInstance } from 'fastify';
import { SECRET_KEY } from './helpers.ts';

export const BEARER = `Bearer ${SECRET_KEY}`;

/** The seed's own example: a card source, the payment, and where to send the cardholder back. */
export function sessionRequest(overrides: object = {}, number = '5123450000000008'): Record<string, unknown> {
  return {
    source: { type: 'card', number, expiry_month: 1, expiry_year: 2039 },
    amount: 100,
    currency: 'USD',
    authentication_type: 'regular',
    authentication_category: 'payment',
    challenge_indicator: 'no_preference',
    reference: 'ORD-5023-4E89',
    transaction_type: 'goods_service',
    shipping_address: {
      address_line1: 'Checkout.com',
      address_line2: '90 Tottenham Court Road',
      city: 'London',
      state: 'UK',
      zip: 'W1T 4TJ',
      country: 'GB',
    },
    completion: {
      type: 'hosted',
      success_url: 'http://example.com/sessions/success',
      failure_url: 'http://example.com/sessions/fail',
    },
    ...overrides,
  };
}

export function postSession(app: FastifyInstance, payload: unknown, authorization = BEARER) {
  return app.inject({
    method: 'POST',
    url: '/sessions',
    headers: { authorization, 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

export function getSession(app: FastifyInstance, id: string, authorization = BEARER) {
  return app.inject({ method: 'GET', url: `/sessions/${id}`, headers: { authorization } });
}
