import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEARER, postSession, sessionRequest } from './checkout-helpers.ts';
import { testApp } from './helpers.ts';

const CARD = { type: 'card', number: '5123450000000008', expiry_month: 1, expiry_year: 2039 };
const base = sessionRequest();
const without = (field: string) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== field));
const withCard = (fields: object) => ({ ...base, source: { ...CARD, ...fields } });
const withCompletion = (completion: unknown) => ({ ...base, completion });

/** [name, body (a string is sent as it is), the error codes Checkout.com-style] */
const rows: [string, unknown, string[]][] = [
  ['empty body', '', ['request_body_invalid']],
  ['not JSON', '{"source":', ['request_body_malformed']],
  ['a JSON array', [base], ['request_body_invalid']],
  ['a JSON string', '"sessions"', ['request_body_invalid']],
  ['a JSON number', '42', ['request_body_invalid']],
  ['JSON null', 'null', ['request_body_invalid']],
  ['an empty object', {}, ['source_required', 'completion_required']],
  ['no source', without('source'), ['source_required']],
  ['source a string', { ...base, source: '5123450000000008' }, ['source_invalid']],
  ['source without type', { ...base, source: { number: '5123450000000008' } }, ['source_type_required']],
  ['source of an unknown type', { ...base, source: { ...CARD, type: 'paypal' } }, ['source_type_invalid']],
  ['card without number', withCard({ number: undefined }), ['card_number_required']],
  ['card number with letters', withCard({ number: '5123abcd00000008' }), ['card_number_invalid']],
  ['card number as a JSON number', withCard({ number: 5123450000000008 }), ['card_number_invalid']],
  ['card number too short', withCard({ number: '51234500' }), ['card_number_invalid']],
  ['card number failing Luhn', withCard({ number: '5123450000000009' }), ['card_number_invalid']],
  ['card of a brand the merchant refuses', withCard({ number: '6011003179988686' }), ['card_number_invalid']],
  ['expiry month 0', withCard({ expiry_month: 0 }), ['card_expiry_month_invalid']],
  ['expiry month 13', withCard({ expiry_month: 13 }), ['card_expiry_month_invalid']],
  ['expiry month a string', withCard({ expiry_month: '01' }), ['card_expiry_month_invalid']],
  ['expiry month missing', withCard({ expiry_month: undefined }), ['card_expiry_month_required']],
  ['expiry year two digits', withCard({ expiry_year: 39 }), ['card_expiry_year_invalid']],
  ['expiry year a float', withCard({ expiry_year: 2039.5 }), ['card_expiry_year_invalid']],
  ['an expired card', withCard({ expiry_month: 1, expiry_year: 2020 }), ['card_expired']],
  ['expiry too far ahead', withCard({ expiry_year: 2099 }), ['card_expiry_year_invalid']],
  ['cardholder email not an email', withCard({ email: 'not-an-email' }), ['source_email_invalid']],
  [
    'billing country of three letters',
    withCard({ billing_address: { country: 'GBR' } }),
    ['source_billing_address_country_invalid'],
  ],
  [
    'phone with letters',
    withCard({ mobile_phone: { number: 'call-me' } }),
    ['source_mobile_phone_number_invalid'],
  ],
  [
    'hosted session id malformed',
    { ...base, source: { type: 'token', token: 'tok_123' } },
    ['token_invalid'],
  ],
  ['stored card id malformed', { ...base, source: { type: 'id', id: 'src_123' } }, ['source_id_invalid']],
  ['no amount', without('amount'), ['amount_required']],
  ['amount negative', { ...base, amount: -1 }, ['amount_invalid']],
  ['amount with decimals', { ...base, amount: 10.5 }, ['amount_invalid']],
  ['amount a string', { ...base, amount: '100' }, ['amount_invalid']],
  ['amount beyond 2^53', { ...base, amount: 2 ** 53 }, ['amount_invalid']],
  ['no currency', without('currency'), ['currency_required']],
  ['currency lower case', { ...base, currency: 'usd' }, ['currency_invalid']],
  ['currency not taken', { ...base, currency: 'XYZ' }, ['currency_invalid']],
  [
    'authentication type unknown',
    { ...base, authentication_type: 'one_off' },
    ['authentication_type_invalid'],
  ],
  [
    'authentication category unknown',
    { ...base, authentication_category: 'other' },
    ['authentication_category_invalid'],
  ],
  [
    'challenge indicator unknown',
    { ...base, challenge_indicator: 'please_challenge' },
    ['challenge_indicator_invalid'],
  ],
  ['transaction type unknown', { ...base, transaction_type: 'gift' }, ['transaction_type_invalid']],
  ['reference too long', { ...base, reference: 'r'.repeat(81) }, ['reference_invalid']],
  ['reference empty', { ...base, reference: '' }, ['reference_invalid']],
  ['shipping address not an object', { ...base, shipping_address: 'London' }, ['shipping_address_invalid']],
  [
    'shipping country lower case',
    { ...base, shipping_address: { country: 'gb' } },
    ['shipping_address_country_invalid'],
  ],
  [
    'address match not a boolean',
    { ...base, shipping_address_matches_billing: 'yes' },
    ['shipping_address_matches_billing_invalid'],
  ],
  ['no completion', without('completion'), ['completion_required']],
  ['completion of an unknown type', withCompletion({ type: 'popup' }), ['completion_type_invalid']],
  [
    'hosted without success_url',
    withCompletion({ type: 'hosted', failure_url: 'http://e.com/f' }),
    ['success_url_required'],
  ],
  [
    'hosted without failure_url',
    withCompletion({ type: 'hosted', success_url: 'http://e.com/s' }),
    ['failure_url_required'],
  ],
  ['non-hosted without callback_url', withCompletion({ type: 'non_hosted' }), ['callback_url_required']],
  [
    'success_url not a URL',
    withCompletion({ type: 'hosted', success_url: 'not a url', failure_url: 'http://e.com/f' }),
    ['success_url_invalid'],
  ],
  [
    'callback_url of a data: URL',
    withCompletion({ type: 'non_hosted', callback_url: 'data:text/plain,hi' }),
    ['callback_url_invalid'],
  ],
  [
    'recurring days 0',
    { ...base, authentication_type: 'recurring', recurring: { days_between_payments: 0 } },
    ['recurring_days_between_payments_invalid'],
  ],
  [
    'recurring expiry not a date',
    { ...base, authentication_type: 'recurring', recurring: { expiry: '20301340' } },
    ['recurring_expiry_invalid'],
  ],
  [
    'recurring expiry with slashes',
    { ...base, authentication_type: 'recurring', recurring: { expiry: '2030/12/31' } },
    ['recurring_expiry_invalid'],
  ],
  [
    'installment without number of payments',
    { ...base, authentication_type: 'installment', installment: {} },
    ['number_of_payments_required'],
  ],
  [
    'installment with a negative count',
    { ...base, authentication_type: 'installment', installment: { number_of_payments: -3 } },
    ['number_of_payments_invalid'],
  ],
  [
    'purchase count over 9999',
    { ...base, account_info: { purchase_count: 10_000 } },
    ['account_info_purchase_count_invalid'],
  ],
  [
    'suspicious activity not a boolean',
    { ...base, account_info: { suspicious_account_activity: 1 } },
    ['account_info_suspicious_account_activity_invalid'],
  ],
  [
    'account change not a date-time',
    { ...base, account_info: { account_change: 'yesterday' } },
    ['account_info_account_change_invalid'],
  ],
  [
    'delivery timeframe unknown',
    { ...base, merchant_risk_info: { delivery_timeframe: 'someday' } },
    ['merchant_risk_info_delivery_timeframe_invalid'],
  ],
  [
    'shipping indicator unknown',
    { ...base, merchant_risk_info: { shipping_indicator: 'drone' } },
    ['merchant_risk_info_shipping_indicator_invalid'],
  ],
  ['channel unknown', { ...base, channel_data: { channel: 'fax' } }, ['channel_data_channel_invalid']],
  [
    'initial transaction ACS id not a UUID',
    { ...base, initial_transaction: { acs_transaction_id: '123' } },
    ['initial_transaction_acs_transaction_id_invalid'],
  ],
  [
    'billing descriptor name too long',
    { ...base, billing_descriptor: { name: 'n'.repeat(51) } },
    ['billing_descriptor_name_invalid'],
  ],
  [
    'several problems at once',
    { ...base, amount: -5, currency: 'euro', challenge_indicator: 'maybe' },
    ['amount_invalid', 'currency_invalid', 'challenge_indicator_invalid'],
  ],
];

describe('POST /sessions refuses malformed bodies in Checkout.com’s shape', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it(`has more than 40 rows`, () => {
    expect(rows.length).toBeGreaterThan(40);
  });

  it.each(rows)('%s', async (_name, body, codes) => {
    const response = await postSession(app, body);
    expect(response.statusCode).toBe(422);
    const answer = response.json();
    expect(answer).toEqual({
      request_id: response.headers['cko-request-id'],
      error_type: 'request_invalid',
      error_codes: codes,
    });
    // Nothing submitted comes back, the card number least of all.
    expect(response.body).not.toContain('5123450000000008');
  });

  it('answers any JSON body with a session or Checkout.com’s error, never a 500', async () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record(
        {
          source: fc.oneof(fc.constant(CARD), fc.jsonValue({ maxDepth: 2 })),
          amount: fc.oneof(fc.integer(), fc.double(), fc.string()),
          currency: fc.constantFrom('USD', 'EUR', 'usd', 'XXX', ''),
          challenge_indicator: fc.oneof(fc.constantFrom('low_value', 'challenge_requested'), fc.string()),
          authentication_type: fc.constantFrom('regular', 'recurring', 'installment', 'x'),
          completion: fc.oneof(fc.constant(base.completion), fc.jsonValue({ maxDepth: 2 })),
          recurring: fc.jsonValue({ maxDepth: 2 }),
          installment: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(value, async (body) => {
        const response = await postSession(app, JSON.stringify(body));
        expect([201, 202, 422]).toContain(response.statusCode);
        if (response.statusCode === 422) {
          expect(response.json().error_type).toBe('request_invalid');
          expect(response.json().error_codes.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers a body too large 413 in the same shape', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sessions',
      headers: { authorization: BEARER, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...base, reference: 'r'.repeat(20_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error_type: 'request_invalid',
      error_codes: ['request_body_too_large'],
    });
  });
});
