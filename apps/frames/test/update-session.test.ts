import type { CardRole, FormSessionUpdateOk, FrameConfig } from '@hosted-session/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateSession as updateWithOutcome, type UpdateRequest } from '../src/hub/update-session.ts';

const CONFIG: FrameConfig = {
  merchantId: 'TESTMERCHANT',
  apiVersion: '100',
  allowedOrigins: ['https://shop.example'],
  supportedBrands: ['VISA', 'MASTERCARD', 'AMEX'],
  cscRequired: true,
};
const SESSION = 'SESSION0002816562472I0271878F98';
const ROLES: CardRole[] = [
  'card.number',
  'card.securityCode',
  'card.expiryMonth',
  'card.expiryYear',
  'card.nameOnCard',
];
const CARD: Record<CardRole, string> = {
  'card.number': '5123 4500 0000 0008',
  'card.securityCode': '100',
  'card.expiryMonth': '01',
  'card.expiryYear': '2039',
  'card.nameOnCard': 'Ann Smith',
};

const OK: FormSessionUpdateOk = {
  status: 'ok',
  merchant: 'TESTMERCHANT',
  session: { id: SESSION, updateStatus: 'SUCCESS', version: 'e3f144ce02' },
  sourceOfFunds: {
    provided: {
      card: {
        brand: 'MASTERCARD',
        scheme: 'MASTERCARD',
        fundingMethod: 'CREDIT',
        expiry: { month: '1', year: '39' },
        nameOnCard: 'Ann Smith',
        number: '512345xxxxxx0008',
        securityCode: 'xxx',
      },
    },
    type: 'CARD',
  },
  version: '100',
};

function request(
  overrides: Partial<UpdateRequest> = {},
  card: Partial<Record<CardRole, string>> = CARD,
  withheld: CardRole[] = [],
): UpdateRequest {
  return {
    paymentType: 'card',
    sessionId: SESSION,
    roles: ROLES,
    form: { values: new Map(Object.entries(card)) as Map<CardRole, string>, withheld: new Set(withheld) },
    ...overrides,
  };
}

const answer = (status: number, body: unknown) =>
  vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }));

const gatewayError = (status: number, error: Record<string, string>) =>
  answer(status, { result: 'ERROR', error });

/** The answer the page gets; what the hub keeps for itself (`sessionProblem`) is tested on its own below. */
const updateSession = async (...args: Parameters<typeof updateWithOutcome>) =>
  (await updateWithOutcome(...args)).response;

afterEach(() => vi.useRealTimers());

describe('updateSessionFromForm', () => {
  it('sends the card to the browser endpoint with the session as the credential, and passes the masked answer on', async () => {
    const fetch = answer(200, { ...OK, debug: 'dropped' });
    const result = await updateSession(request({ localBrand: 'CARTES_BANCAIRES' }), {
      config: CONFIG,
      fetch,
    });
    expect(result).toEqual(OK);

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/browser/version/100/merchant/TESTMERCHANT/session/${SESSION}`);
    expect(init?.method).toBe('PUT');
    expect(init?.credentials).toBe('omit');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${btoa(`merchant.TESTMERCHANT:${SESSION}`)}`);
    expect(JSON.parse(String(init?.body))).toEqual({
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: {
            number: '5123450000000008',
            expiry: { month: '1', year: '39' },
            securityCode: '100',
            nameOnCard: 'Ann Smith',
          },
        },
      },
      localBrand: 'CARTES_BANCAIRES',
    });
  });

  it('leaves out what the payer did not give and fields the scope does not have', async () => {
    const fetch = answer(200, { ...OK, sourceOfFunds: { ...OK.sourceOfFunds } });
    const card = { ...CARD, 'card.nameOnCard': '' };
    await updateSession(
      request({ roles: ['card.number', 'card.expiryMonth', 'card.expiryYear', 'card.nameOnCard'] }, card),
      {
        config: CONFIG,
        fetch,
      },
    );
    const body = JSON.parse(String(fetch.mock.calls[0]![1]?.body));
    expect(body.sourceOfFunds.provided.card).toEqual({
      number: '5123450000000008',
      expiry: { month: '1', year: '39' },
    });
  });

  it('answers fields_in_error without calling the gateway when the form is not valid', async () => {
    const fetch = answer(200, OK);
    const result = await updateSession(
      request({}, { ...CARD, 'card.number': '5123', 'card.securityCode': '' }),
      {
        config: CONFIG,
        fetch,
      },
    );
    expect(result).toEqual({
      status: 'fields_in_error',
      session: { id: SESSION },
      errors: { cardNumber: 'invalid', securityCode: 'missing' },
      version: '100',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('answers system_error without a session id', async () => {
    const fetch = answer(200, OK);
    const result = await updateSession(request({ sessionId: undefined }), { config: CONFIG, fetch });
    expect(result).toMatchObject({ status: 'system_error', version: '100' });
    expect(result.status === 'system_error' && result.errors.message).toMatch(/No session id/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['sourceOfFunds.provided.card.number', 'INVALID', { cardNumber: 'invalid' }],
    ['sourceOfFunds.provided.card.number', 'MISSING', { cardNumber: 'missing' }],
    ['sourceOfFunds.provided.card.securityCode', 'INVALID', { securityCode: 'invalid' }],
    ['sourceOfFunds.provided.card.expiry.month', 'INVALID', { expiryMonth: 'invalid' }],
    ['sourceOfFunds.provided.card.expiry', 'INVALID', { expiryMonth: 'invalid', expiryYear: 'invalid' }],
  ])('maps the gateway blaming %s (%s) to fields_in_error', async (field, validationType, errors) => {
    const fetch = gatewayError(400, { cause: 'INVALID_REQUEST', explanation: 'x', field, validationType });
    expect(await updateSession(request(), { config: CONFIG, fetch })).toEqual({
      status: 'fields_in_error',
      session: { id: SESSION },
      errors,
      version: '100',
    });
  });

  it.each([
    [403, { cause: 'REQUEST_REJECTED', supportCode: 'abc123' }, /authentication limit.*support code abc123/],
    [
      429,
      {
        cause: 'REQUEST_REJECTED',
        explanation: 'Too many requests from this address; retry later.',
        supportCode: 'c0de',
      },
      /refusing updates for a while: Too many requests from this address.*Try again later.*c0de/,
    ],
    [400, { cause: 'INVALID_REQUEST', explanation: 'Session has expired.' }, /Session has expired\./],
    [400, { cause: 'INVALID_REQUEST', explanation: 'Session not found.' }, /Session not found\./],
    [401, { cause: 'INVALID_REQUEST', explanation: 'Invalid credentials.' }, /Invalid credentials\..*401/],
    [503, { cause: 'SERVER_BUSY', explanation: 'busy' }, /try again/],
    [500, { cause: 'SERVER_FAILED', supportCode: 'f00' }, /try again.*f00/],
  ])('answers system_error with a clear message for HTTP %i %j', async (status, error, message) => {
    const fetch = gatewayError(status, error);
    const result = await updateSession(request(), { config: CONFIG, fetch });
    expect(result.status).toBe('system_error');
    expect(result.status === 'system_error' && result.errors.message).toMatch(message);
    expect(result).toMatchObject({ session: { id: SESSION }, version: '100' });
  });

  it('answers system_error when the gateway cannot be reached or answers nonsense', async () => {
    const down = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const unreachable = await updateSession(request(), { config: CONFIG, fetch: down });
    expect(unreachable.status === 'system_error' && unreachable.errors.message).toMatch(
      /could not be reached/,
    );

    const html = vi.fn<typeof fetch>(async () => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const bad = await updateSession(request(), { config: CONFIG, fetch: html });
    expect(bad.status === 'system_error' && bad.errors.message).toMatch(/HTTP 502/);
  });

  it('never sends a name that could be a card number or CSC, typed or withheld by its field', async () => {
    const fetch = answer(200, OK);
    const { 'card.nameOnCard': _name, ...rest } = CARD;
    for (const update of [
      request({}, { ...CARD, 'card.nameOnCard': '4508 7500 1574 1019' }),
      request({}, { ...CARD, 'card.nameOnCard': 'Ann 8264' }),
      request({}, rest, ['card.nameOnCard']),
    ]) {
      expect(await updateSession(update, { config: CONFIG, fetch })).toEqual({
        status: 'fields_in_error',
        session: { id: SESSION },
        errors: { nameOnCard: 'invalid' },
        version: '100',
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a success body whose name could be a card number (one stored before names were checked)', async () => {
    const stored = structuredClone(OK) as typeof OK & { sourceOfFunds: { type: 'CARD' } };
    stored.sourceOfFunds.provided.card.nameOnCard = '4508750015741019';
    const result = await updateSession(request(), { config: CONFIG, fetch: answer(200, stored) });
    expect(result.status).toBe('system_error');
    expect(JSON.stringify(result)).not.toContain('4508750015741019');
  });

  it('refuses a success body whose card number is not masked', async () => {
    const leaky = structuredClone(OK) as typeof OK & { sourceOfFunds: { type: 'CARD' } };
    leaky.sourceOfFunds.provided.card.number = '5123450000000008';
    const result = await updateSession(request(), { config: CONFIG, fetch: answer(200, leaky) });
    expect(result.status).toBe('system_error');
    expect(JSON.stringify(result)).not.toContain('5123450000000008');
  });

  it('answers request_timeout when the gateway does not answer in time, and aborts the call', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const hanging = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const pending = updateSession(request(), { config: CONFIG, fetch: hanging });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(signal?.aborted).toBe(true);
    expect(result).toMatchObject({ status: 'request_timeout', session: { id: SESSION }, version: '100' });
    expect(result.status === 'request_timeout' && result.errors.message).toMatch(/20 s/);
  });

  it('never puts the card into an error message', async () => {
    const results = await Promise.all([
      updateSession(request(), { config: CONFIG, fetch: gatewayError(403, { cause: 'REQUEST_REJECTED' }) }),
      updateSession(request(), { config: CONFIG, fetch: answer(500, {}) }),
      updateSession(request({}, { ...CARD, 'card.number': '5123450000000009' }), {
        config: CONFIG,
        fetch: answer(200, OK),
      }),
    ]);
    const text = JSON.stringify(results);
    expect(text).not.toMatch(/5123|0008|0009|Ann Smith/);
  });
});
