import type { FieldRole, FieldEvent, HubEvent } from '@hosted-session/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createField } from '../src/field/field.ts';
import { createHub } from '../src/hub/hub.ts';
import { parseFieldMessage } from '../src/hub/field-message-schema.ts';
import { openChannel, type Channel } from '../src/shared/channel.ts';
import {
  channelName,
  parseHubMessage,
  type FieldMessage,
  type HubMessage,
} from '../src/shared/channel-messages.ts';
import { randomId } from '../src/shared/random-id.ts';
import { backspace, CONFIG, type } from './field-harness.ts';

/**
 * Field frames and hubs of one scope over real BroadcastChannels, each field in its own document, wired as
 * the pages wire them (hub/start.ts, field/start.ts): each hub under its own random id.
 */
const INSTANCE = 'flow-instance-0123456789';
const open: Channel<unknown>[] = [];
afterEach(() => open.splice(0).forEach((channel) => channel.close()));

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function startHub(fetch = vi.fn<typeof globalThis.fetch>()) {
  const events: HubEvent[] = [];
  const id = randomId();
  const hub = createHub({
    config: CONFIG,
    id,
    emit: (event) => events.push(event),
    post: (message) => channel.post(message),
    fetch,
  });
  const channel = openChannel<FieldMessage, HubMessage>(
    channelName(CONFIG.merchantId, INSTANCE, id, 'fields'),
    channelName(CONFIG.merchantId, INSTANCE, id, 'hub'),
    parseFieldMessage,
    hub.receive,
  );
  open.push(channel);
  return { hub, events, fetch };
}

function startField(role: FieldRole, hub: string) {
  const doc = document.implementation.createHTMLDocument('field');
  const events: FieldEvent[] = [];
  const field = createField({
    document: doc,
    role,
    config: CONFIG,
    frame: randomId(),
    emit: (event) => events.push(event),
    joinHub: (id, receive) => {
      const channel = openChannel<HubMessage, FieldMessage>(
        channelName(CONFIG.merchantId, INSTANCE, id, 'hub'),
        channelName(CONFIG.merchantId, INSTANCE, id, 'fields'),
        parseHubMessage,
        receive,
      );
      open.push(channel);
      return channel.post;
    },
    lookupBin: async () => undefined,
  });
  field.methods.configure({
    role,
    hub,
    locale: 'en_US',
    formatCard: 'EMBOSSED',
    invalidFieldCharacters: 'REJECT',
    aria: {},
    styles: {},
  });
  return { field, events, control: doc.getElementById('hs-field') as HTMLInputElement };
}

const SESSION = 'SESSION0002816562472I0271878F98';
const OTHER_SESSION = 'SESSION0002816562472I0271878F99';

describe('fields and hub over the channel', () => {
  it('brings the values to the hub, and the brand to the security code', async () => {
    const { hub } = startHub();
    const id = hub.methods.configure({
      sessionId: undefined,
      roles: ['card.number', 'card.securityCode'],
      locale: 'en_US',
    });
    const number = startField('card.number', id);
    const csc = startField('card.securityCode', id);
    await settle();
    type(number.control, '3718 8163 4498 004');
    type(csc.control, '100');
    await settle();
    const result = await hub.methods.validate('card');
    expect(result.card!.number?.isValid).toBe(true);
    // Amex wants four digits: the hub judged the code by the brand, and so did the field once told.
    expect(result.card!.securityCode).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(csc.events.filter((e) => e.type === 'validity').at(-1)).toEqual({
      type: 'validity',
      validity: { isValid: false, isIncomplete: true, hasError: false },
    });
  });

  it('gives a second hub of the same scope nothing: the card stays with the hub the fields joined', async () => {
    const first = startHub(vi.fn<typeof globalThis.fetch>(async () => new Response('{}', { status: 500 })));
    const id = first.hub.methods.configure({ sessionId: SESSION, roles: ['card.number'], locale: 'en_US' });
    const number = startField('card.number', id);
    type(number.control, '4111111111111111');
    await settle();

    // The page adds another hub frame with the scope's instance and configures it with another session.
    const second = startHub();
    second.hub.methods.configure({ sessionId: OTHER_SESSION, roles: ['card.number'], locale: 'en_US' });
    // Edits after it arrived go to the first hub only.
    backspace(number.control);
    type(number.control, '1');
    await settle();
    expect(await second.hub.methods.updateSessionFromForm('card')).toMatchObject({
      status: 'fields_in_error',
      errors: { cardNumber: 'missing' },
    });
    expect(second.fetch).not.toHaveBeenCalled();
    expect((await first.hub.methods.validate('card')).card!.isValid).toBe(true);
    expect(first.events).toEqual([]);
  });

  it('clears every field and tells the page when a field frame is replaced', async () => {
    const { hub, events } = startHub();
    const id = hub.methods.configure({ roles: ['card.number', 'card.nameOnCard'], locale: 'en_US' });
    const number = startField('card.number', id);
    const name = startField('card.nameOnCard', id);
    type(number.control, '4111111111111111');
    type(name.control, 'Ann');
    await settle();
    startField('card.number', id);
    await settle();
    expect(events).toEqual([{ type: 'fieldLost', role: 'card.number' }]);
    expect(number.control.value).toBe('');
    expect(name.control.value).toBe('');
    expect((await hub.methods.validate('card')).card!.number?.errorReason).toBe('EMPTY');
    // The replaced frame is no longer heard.
    type(number.control, '5');
    await settle();
    expect((await hub.methods.validate('card')).card!.number?.errorReason).toBe('EMPTY');
    expect(events).toHaveLength(1);
  });
});
