import type { FieldRole } from '@hosted-session/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createHub } from '../src/hub/hub.ts';
import type { HubMessage } from '../src/shared/channel-messages.ts';
import { CONFIG } from './field-harness.ts';

const SESSION = 'SESSION0002816562472I0271878F98';
const FRAME = 'a'.repeat(32);
const ACH_ROLES: FieldRole[] = [
  'ach.accountType',
  'ach.bankAccountHolder',
  'ach.bankAccountNumber',
  'ach.bankAccountNumberConfirmation',
  'ach.routingNumber',
];
const ACCOUNT: Partial<Record<FieldRole, string>> = {
  'ach.accountType': 'CONSUMER_SAVINGS',
  'ach.bankAccountHolder': 'Ada Lovelace',
  'ach.bankAccountNumber': '1234567800',
  'ach.bankAccountNumberConfirmation': '1234567800',
  'ach.routingNumber': '011000015',
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function hubWith(roles: FieldRole[], values: Partial<Record<FieldRole, string>>, answer?: Response) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => answer ?? json(500, {}));
  const posted: HubMessage[] = [];
  const { methods, receive } = createHub({
    config: CONFIG,
    id: 'd'.repeat(32),
    emit: () => undefined,
    post: (message) => posted.push(message),
    fetch,
  });
  methods.configure({ sessionId: SESSION, roles, locale: 'en_US' });
  for (const [role, value] of Object.entries(values)) {
    receive({ type: 'value', role: role as FieldRole, frame: FRAME, value });
  }
  const sent = () => JSON.parse(String(fetch.mock.calls[0]?.[1]?.body));
  return { methods, fetch, posted, sent };
}

describe('gift cards in the hub', () => {
  it('send number, PIN and the program the page named; the answer keeps its own keys', async () => {
    const ok = {
      status: 'ok',
      merchant: 'TESTMERCHANT',
      session: { id: SESSION, updateStatus: 'SUCCESS', version: 'e3f144ce02' },
      sourceOfFunds: {
        provided: {
          giftCard: {
            brand: 'LOCAL_BRAND_ONLY',
            scheme: 'LOCAL_BRAND_ONLY',
            localBrand: 'SANDBOX_GIFT',
            number: 'xxxxxxxxxxxx0000',
            pin: 'xxxx',
          },
        },
        type: 'GIFT_CARD',
      },
      version: '100',
    };
    const { methods, sent } = hubWith(
      ['giftCard.number', 'giftCard.pin'],
      { 'giftCard.number': '7700 0000 0000 0000', 'giftCard.pin': '4321' },
      json(200, { ...ok, authenticationsRemaining: 4 }),
    );
    expect(await methods.updateSessionFromForm('giftCard', 'SANDBOX_GIFT')).toEqual(ok);
    expect(sent()).toEqual({
      sourceOfFunds: {
        type: 'GIFT_CARD',
        provided: { giftCard: { number: '7700000000000000', pin: '4321', localBrand: 'SANDBOX_GIFT' } },
      },
    });
  });

  it('need the program: without a local brand nothing is sent', async () => {
    const { methods, fetch } = hubWith(['giftCard.number'], { 'giftCard.number': '7700000000000000' });
    const response = await methods.updateSessionFromForm('giftCard');
    expect(response).toMatchObject({ status: 'system_error', errors: { message: /localBrand/ } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('report their fields under the keys integrations read: number and pin', async () => {
    const { methods } = hubWith(['giftCard.number', 'giftCard.pin'], { 'giftCard.number': '77' });
    expect(await methods.updateSessionFromForm('giftCard', 'SANDBOX_GIFT')).toMatchObject({
      status: 'fields_in_error',
      errors: { pin: 'missing' },
    });
    expect(await methods.validate('giftCard')).toMatchObject({
      giftCard: { isValid: false, number: { isIncomplete: true }, pin: { errorReason: 'EMPTY' } },
    });
  });

  it('name gateway field errors by their key', async () => {
    const refusal = {
      result: 'ERROR',
      error: {
        cause: 'INVALID_REQUEST',
        field: 'sourceOfFunds.provided.giftCard.pin',
        validationType: 'INVALID',
      },
    };
    const { methods } = hubWith(
      ['giftCard.number', 'giftCard.pin'],
      { 'giftCard.number': '7700000000000000', 'giftCard.pin': '4321' },
      json(400, refusal),
    );
    expect(await methods.updateSessionFromForm('giftCard', 'SANDBOX_GIFT')).toMatchObject({
      status: 'fields_in_error',
      errors: { pin: 'invalid' },
    });
  });
});

describe('ACH in the hub', () => {
  it('sends the account without its confirmation, which it checked itself', async () => {
    const { methods, sent } = hubWith(ACH_ROLES, ACCOUNT);
    await methods.updateSessionFromForm('ach');
    expect(sent()).toEqual({
      sourceOfFunds: {
        type: 'ACH',
        provided: {
          ach: {
            accountType: 'CONSUMER_SAVINGS',
            bankAccountHolder: 'Ada Lovelace',
            bankAccountNumber: '1234567800',
            routingNumber: '011000015',
          },
        },
      },
    });
  });

  it('refuses a confirmation that is not the account number, and a routing number failing its checksum', async () => {
    const { methods, fetch } = hubWith(ACH_ROLES, {
      ...ACCOUNT,
      'ach.bankAccountNumberConfirmation': '1234567801',
      'ach.routingNumber': '011000016',
    });
    expect(await methods.updateSessionFromForm('ach')).toMatchObject({
      status: 'fields_in_error',
      errors: { bankAccountNumberConfirmation: 'invalid', routingNumber: 'invalid' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tells the confirmation field whether it agrees, never the number', () => {
    const { posted } = hubWith(ACH_ROLES, {
      'ach.bankAccountNumber': '1234567800',
      'ach.bankAccountNumberConfirmation': '12345678',
    });
    const told = posted.filter((message) => message.type === 'accountNumbers');
    expect(told).toEqual([
      { type: 'accountNumbers', same: null },
      { type: 'accountNumbers', same: false },
    ]);
    expect(JSON.stringify(posted)).not.toContain('1234567800');
  });
});

describe('a session that can take no further update', () => {
  const card = { 'card.number': '4111 1111 1111 1111' };
  const limitReached = {
    result: 'ERROR',
    error: { cause: 'REQUEST_REJECTED', supportCode: 'abc123' },
  };

  it.each([
    [
      'the gateway refused it past its authentication limit',
      json(403, limitReached),
      'SESSION_AUTHENTICATION_LIMIT_EXCEEDED',
    ],
    [
      'the gateway no longer knows it',
      json(400, {
        result: 'ERROR',
        error: { cause: 'INVALID_REQUEST', explanation: 'Session has expired.' },
      }),
      'NOT_AUTHORIZED',
    ],
    [
      'the gateway refused the credential',
      json(401, { result: 'ERROR', error: { cause: 'INVALID_REQUEST' } }),
      'NOT_AUTHORIZED',
    ],
  ])('makes validate say why, for every field, once %s', async (_name, answer, reason) => {
    const { methods } = hubWith(['card.number'], card, answer);
    expect((await methods.validate('card')).card?.isValid).toBe(true);
    expect((await methods.updateSessionFromForm('card')).status).toBe('system_error');
    expect(await methods.validate('card')).toEqual({
      card: {
        isValid: false,
        number: { isValid: false, isIncomplete: false, hasError: true, errorReason: reason },
      },
    });
  });

  it('is known from the last successful update that used the last authentication', async () => {
    const ok = {
      status: 'ok',
      merchant: 'TESTMERCHANT',
      session: { id: SESSION, updateStatus: 'SUCCESS', version: 'e3f144ce02' },
      sourceOfFunds: {
        type: 'CARD',
        provided: {
          card: { brand: 'VISA', scheme: 'VISA', fundingMethod: 'UNKNOWN', number: '411111xxxxxx1111' },
        },
      },
      version: '100',
    };
    const { methods } = hubWith(['card.number'], card, json(200, { ...ok, authenticationsRemaining: 0 }));
    expect(await methods.updateSessionFromForm('card')).toEqual(ok);
    expect((await methods.validate('card')).card?.number?.errorReason).toBe(
      'SESSION_AUTHENTICATION_LIMIT_EXCEEDED',
    );
  });

  it('is the old session’s alone: a new session set after it validates the form again', async () => {
    const { methods } = hubWith(['card.number'], card, json(403, limitReached));
    await methods.updateSessionFromForm('card');
    expect((await methods.validate('card')).card?.isValid).toBe(false);
    methods.setSession('SESSION0002816562472I0271878F99');
    expect((await methods.validate('card')).card?.isValid).toBe(true);
  });

  it('is the old session’s alone even when it comes back after the new session was set', async () => {
    const { methods } = hubWith(['card.number'], card, json(403, limitReached));
    const update = methods.updateSessionFromForm('card');
    methods.setSession('SESSION0002816562472I0271878F99');
    expect((await update).status).toBe('system_error');
    expect((await methods.validate('card')).card?.isValid).toBe(true);
  });

  it('a passing failure (a server fault) leaves validate as it was', async () => {
    const { methods } = hubWith(['card.number'], card, json(500, {}));
    await methods.updateSessionFromForm('card');
    expect((await methods.validate('card')).card?.isValid).toBe(true);
  });
});
