import type { HubEvent } from '@hosted-session/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createHub } from '../src/hub/hub.ts';
import type { HubMessage } from '../src/shared/channel-messages.ts';
import { CONFIG } from './field-harness.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const SESSION = 'SESSION0002816562472I0271878F98';
const OTHER_SESSION = 'SESSION0002816562472I0271878F99';
const HUB_ID = 'd'.repeat(32);

function hub(fetch = vi.fn<typeof globalThis.fetch>()) {
  const events: HubEvent[] = [];
  const posted: HubMessage[] = [];
  const created = createHub({
    config: CONFIG,
    id: HUB_ID,
    emit: (e) => events.push(e),
    post: (m) => posted.push(m),
    fetch,
  });
  return { ...created, events, posted, fetch };
}

describe('hub', () => {
  it('takes one configuration for its life and answers it with its id; a second is refused', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 500 }));
    const { methods, receive } = hub(fetch);
    expect(methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' })).toBe(HUB_ID);
    // A script in the page reconnects and configures again, to send the card to a session of its own.
    expect(() =>
      methods.configure({ sessionId: OTHER_SESSION, roles: ['card.number'], locale: 'en_US' }),
    ).toThrow(/already configured/);
    expect(() => methods.configure({ sessionId: SESSION, roles: [], locale: 'en_US' })).toThrow(
      /already configured/,
    );
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    await methods.updateSessionFromForm('card');
    expect(String(fetch.mock.calls[0]?.[0])).toContain(`/session/${SESSION}`);
    expect(JSON.stringify(fetch.mock.calls)).not.toContain(OTHER_SESSION);
  });

  it('validates the fields of its scope from the values they sent', async () => {
    const { methods, receive } = hub();
    methods.configure({ sessionId: SESSION, roles: ['card.number', 'card.securityCode'], locale: 'en_US' });
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    expect(await methods.validate('card')).toEqual({
      card: {
        isValid: false,
        number: { isValid: true, isIncomplete: false, hasError: false },
        securityCode: { isValid: false, isIncomplete: true, hasError: false, errorReason: 'EMPTY' },
      },
    });
    receive({ type: 'value', role: 'card.securityCode', frame: B, value: '123' });
    expect((await methods.validate('card')).card!.isValid).toBe(true);
  });

  it('tells the page when a field frame is replaced, and forgets what the form held', async () => {
    const { methods, receive, events } = hub();
    methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' });
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    receive({ type: 'hello', role: 'card.number', frame: B });
    expect(events).toEqual([{ type: 'fieldLost', role: 'card.number' }]);
    expect((await methods.validate('card')).card!.number?.errorReason).toBe('EMPTY');
  });

  it('refuses calls it cannot answer, and page input it does not understand', async () => {
    const { methods } = hub();
    await expect(methods.validate('card')).rejects.toThrow(/not configured/);
    expect(() => methods.configure({ roles: ['card.pin'], locale: 'en_US' })).toThrow(/Invalid hub options/);
    expect(() => methods.configure({ sessionId: '../../admin', roles: [], locale: 'en_US' })).toThrow();
    methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' });
    await expect(methods.validate('paypal')).rejects.toThrow(/card, giftCard or ach/);
    await expect(methods.updateSessionFromForm('wallet')).rejects.toThrow(/card, giftCard or ach/);
    await expect(methods.updateSessionFromForm('card', { brand: 'x' })).rejects.toThrow(/localBrand/);
  });

  it('updates the session with the values the fields sent', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 500 }));
    const { methods, receive } = hub(fetch);
    methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' });
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    const result = await methods.updateSessionFromForm('card');
    expect(result.status).toBe('system_error');
    const body = JSON.parse(String(fetch.mock.calls[0]?.[1]?.body));
    expect(body.sourceOfFunds.provided.card).toEqual({ number: '4111111111111111' });
  });

  it('moves the card typed so far to another session, but never its security code', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 500 }));
    const { methods, receive, posted } = hub(fetch);
    methods.configure({ sessionId: SESSION, roles: ['card.number', 'card.securityCode'], locale: 'en_US' });
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    receive({ type: 'value', role: 'card.securityCode', frame: B, value: '123' });
    methods.setSession(OTHER_SESSION);
    // The security code's frame empties its input; the hub has already forgotten the value.
    expect(posted).toContainEqual({ type: 'clear', role: 'card.securityCode' });
    expect((await methods.validate('card')).card?.securityCode?.errorReason).toBe('EMPTY');
    expect(await methods.updateSessionFromForm('card')).toMatchObject({
      status: 'fields_in_error',
      errors: { securityCode: 'missing' },
    });
    expect(fetch).not.toHaveBeenCalled();
    // The payer types the security code again, for the new session.
    receive({ type: 'value', role: 'card.securityCode', frame: B, value: '456' });
    await methods.updateSessionFromForm('card');
    expect(String(fetch.mock.calls[0]?.[0])).toContain(`/session/${OTHER_SESSION}`);
    const body = JSON.parse(String(fetch.mock.calls[0]?.[1]?.body));
    expect(body.sourceOfFunds.provided.card).toEqual({ number: '4111111111111111', securityCode: '456' });
  });

  it('moves a gift card typed so far to another session, but never its PIN', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 500 }));
    const { methods, receive, posted } = hub(fetch);
    methods.configure({ sessionId: SESSION, roles: ['giftCard.number', 'giftCard.pin'], locale: 'en_US' });
    receive({ type: 'value', role: 'giftCard.number', frame: A, value: '7700000000000000' });
    receive({ type: 'value', role: 'giftCard.pin', frame: B, value: '4321' });
    methods.setSession(OTHER_SESSION);
    expect(posted).toContainEqual({ type: 'clear', role: 'giftCard.pin' });
    expect((await methods.validate('giftCard')).giftCard?.pin?.errorReason).toBe('EMPTY');
    expect(await methods.updateSessionFromForm('giftCard', 'SANDBOX_GIFT')).toMatchObject({
      status: 'fields_in_error',
      errors: { pin: 'missing' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('takes a new session only once configured, and only a well-formed id', () => {
    const { methods } = hub();
    expect(() => methods.setSession(OTHER_SESSION)).toThrow(/not configured/);
    methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' });
    for (const bad of ['', '../../admin', 42, null])
      expect(() => methods.setSession(bad)).toThrow(/Invalid session id/);
  });
});

describe('hub on a session token', () => {
  const LIB = '1.0.0.1';
  const answer = (body: object, status = 200) =>
    vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify(body), { status }));
  const PAGE_LOAD = '0123456789abcdef0123456789abcdef';
  const description = (fields: object = {}) => ({
    session: { id: SESSION },
    expired: false,
    expiresAt: '2026-01-15T12:10:00.000Z',
    hostedFields: { scenario: 'payment', libVersion: LIB },
    usedByAnotherPage: false,
    ...fields,
  });
  const configure = (methods: ReturnType<typeof hub>['methods'], roles: string[] = ['card.number']) =>
    methods.configure({
      sessionId: SESSION,
      sessionToken: { libVersion: LIB, pageLoad: PAGE_LOAD },
      roles,
      locale: 'en_US',
    });
  const GIFT_CARD_ROLES = ['giftCard.number', 'giftCard.pin'];
  const ACH_ROLES = ['ach.accountType', 'ach.bankAccountNumber', 'ach.routingNumber'];

  it('claims the token for its page load before it answers, and then updates the session behind it', async () => {
    const { methods, receive, fetch } = hub(answer(description()));
    expect(await configure(methods)).toBe(HUB_ID);
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toEqual({ pageLoad: PAGE_LOAD });
    expect(String(fetch.mock.calls[0]?.[0])).toContain(`/session/${SESSION}`);
    receive({ type: 'value', role: 'card.number', frame: A, value: '4111 1111 1111 1111' });
    await methods.updateSessionFromForm('card');
    expect(fetch.mock.calls[1]?.[1]?.method).toBe('PUT');
  });

  it('refuses an expired token with SESSION_EXPIRED, not a timeout, and takes no card for it', async () => {
    const { methods } = hub(answer(description({ expired: true })));
    await expect(configure(methods)).rejects.toMatchObject({ name: 'SESSION_EXPIRED', message: /expired/ });
    // The hub keeps the refused configuration: nothing else may configure it afterwards.
    expect(() => configure(methods)).toThrow(/already configured/);
  });

  it('refuses a token another page load holds with SESSION_TOKEN_USED, not a timeout', async () => {
    const { methods } = hub(answer(description({ usedByAnotherPage: true })));
    await expect(configure(methods)).rejects.toMatchObject({
      name: 'SESSION_TOKEN_USED',
      message: /another page load/,
    });
  });

  it('checks the token of a gift card or bank account form as it does a card form', async () => {
    for (const roles of [GIFT_CARD_ROLES, ACH_ROLES]) {
      const expired = hub(answer(description({ expired: true })));
      await expect(configure(expired.methods, roles)).rejects.toMatchObject({ name: 'SESSION_EXPIRED' });
      const other = hub(
        answer(description({ hostedFields: { scenario: 'payment', libVersion: '2.0.0.1' } })),
      );
      await expect(configure(other.methods, roles)).rejects.toMatchObject({ name: 'LIB_VERSION_MISMATCH' });
      const good = hub(answer(description()));
      expect(await configure(good.methods, roles)).toBe(HUB_ID);
    }
  });

  it('refuses gift card or bank account fields on a tokenization token, which saves a card only', async () => {
    const tokenization = () =>
      answer(description({ hostedFields: { scenario: 'tokenization', libVersion: LIB } }));
    for (const roles of [GIFT_CARD_ROLES, ACH_ROLES, ['card.number', 'giftCard.number']]) {
      const { methods } = hub(tokenization());
      await expect(configure(methods, roles)).rejects.toMatchObject({
        name: 'INVALID_CONFIG',
        message: /tokenization.*card fields only/,
      });
    }
    expect(await configure(hub(tokenization()).methods, ['card.number', 'card.securityCode'])).toBe(HUB_ID);
  });

  it('refuses a token for another library version, naming both', async () => {
    const { methods } = hub(
      answer(description({ hostedFields: { scenario: 'payment', libVersion: '1.6.0.172441' } })),
    );
    await expect(configure(methods)).rejects.toMatchObject({
      name: 'LIB_VERSION_MISMATCH',
      message: expect.stringMatching(/1\.6\.0\.172441.*1\.0\.0\.1/),
    });
  });

  it('refuses a session id given as a token, an unknown token, and an answer for another session', async () => {
    for (const fetch of [
      answer(description({ hostedFields: undefined })),
      answer({ result: 'ERROR', error: { cause: 'INVALID_REQUEST' } }, 401),
      answer(description({ session: { id: OTHER_SESSION } })),
      answer(description({ hostedFields: { scenario: 'payment', libVersion: '<img src=x>' } })),
    ]) {
      const { methods } = hub(fetch);
      await expect(configure(methods)).rejects.toMatchObject({ name: 'INVALID_CONFIG' });
    }
  });

  it('refuses a page library version that is not one', () => {
    const { methods } = hub(answer(description()));
    expect(() =>
      methods.configure({
        sessionId: SESSION,
        sessionToken: { libVersion: 'latest', pageLoad: PAGE_LOAD },
        roles: [],
        locale: 'en_US',
      }),
    ).toThrow(/Invalid hub options/);
  });

  it('refuses a page load id that is not one', () => {
    for (const pageLoad of [undefined, 'short', 'x'.repeat(65), 'a b c d e f g h i j']) {
      const { methods } = hub(answer(description()));
      expect(() =>
        methods.configure({
          sessionId: SESSION,
          sessionToken: { libVersion: LIB, pageLoad },
          roles: [],
          locale: 'en_US',
        }),
      ).toThrow(/Invalid hub options/);
    }
  });
});
