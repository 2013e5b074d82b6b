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
