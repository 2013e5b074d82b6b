import type { CardRole, FieldEvent, HubEvent } from '@hosted-session/protocol';
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
import { CONFIG, type } from './field-harness.ts';

/** Field frames and a hub of one scope over real BroadcastChannels, each field in its own document. */
const INSTANCE = 'flow-instance-0123456789';
const toHub = channelName(CONFIG.merchantId, INSTANCE, 'hub');
const toFields = channelName(CONFIG.merchantId, INSTANCE, 'fields');
const open: Channel<unknown>[] = [];
afterEach(() => open.splice(0).forEach((channel) => channel.close()));

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function startHub() {
  const events: HubEvent[] = [];
  const hub = createHub({
    config: CONFIG,
    emit: (event) => events.push(event),
    post: (message) => channel.post(message),
    fetch: vi.fn<typeof fetch>(),
  });
  const channel = openChannel<FieldMessage, HubMessage>(toFields, toHub, parseFieldMessage, hub.receive);
  open.push(channel);
  hub.start();
  return { hub, events };
}

function startField(role: CardRole) {
  const doc = document.implementation.createHTMLDocument('field');
  const events: FieldEvent[] = [];
  const field = createField({
    document: doc,
    role,
    config: CONFIG,
    frame: randomId(),
    emit: (event) => events.push(event),
    post: (message) => channel.post(message),
  });
  const channel = openChannel<HubMessage, FieldMessage>(toHub, toFields, parseHubMessage, field.receive);
  open.push(channel);
  field.announce();
  field.methods.configure({
    role,
    locale: 'en_US',
    formatCard: 'EMBOSSED',
    invalidFieldCharacters: 'REJECT',
    aria: {},
    styles: {},
  });
  return { field, events, control: doc.getElementById('hs-field') as HTMLInputElement };
}

describe('fields and hub over the channel', () => {
  it('brings the values to the hub, and the brand to the security code', async () => {
    const { hub } = startHub();
    hub.methods.configure({
      sessionId: undefined,
      roles: ['card.number', 'card.securityCode'],
      locale: 'en_US',
    });
    const number = startField('card.number');
    const csc = startField('card.securityCode');
    await settle();
    type(number.control, '3718 8163 4498 004');
    type(csc.control, '100');
    await settle();
    const result = await hub.methods.validate('card');
    expect(result.card.number?.isValid).toBe(true);
    // Amex wants four digits: the hub judged the code by the brand, and so did the field once told.
    expect(result.card.securityCode).toEqual({ isValid: false, isIncomplete: true, hasError: false });
    expect(csc.events.filter((e) => e.type === 'validity').at(-1)).toEqual({
      type: 'validity',
      validity: { isValid: false, isIncomplete: true, hasError: false },
    });
  });

  it('recovers the values when the hub starts after the fields', async () => {
    const number = startField('card.number');
    type(number.control, '4111111111111111');
    const { hub } = startHub();
    hub.methods.configure({ roles: ['card.number'], locale: 'en_US' });
    await settle();
    expect((await hub.methods.validate('card')).card.isValid).toBe(true);
  });

  it('clears every field and tells the page when a field frame is replaced', async () => {
    const { hub, events } = startHub();
    hub.methods.configure({ roles: ['card.number', 'card.nameOnCard'], locale: 'en_US' });
    const number = startField('card.number');
    const name = startField('card.nameOnCard');
    type(number.control, '4111111111111111');
    type(name.control, 'Ann');
    await settle();
    startField('card.number');
    await settle();
    expect(events).toEqual([{ type: 'fieldLost', role: 'card.number' }]);
    expect(number.control.value).toBe('');
    expect(name.control.value).toBe('');
    expect((await hub.methods.validate('card')).card.number?.errorReason).toBe('EMPTY');
    // The replaced frame is no longer heard.
    type(number.control, '5');
    await settle();
    expect((await hub.methods.validate('card')).card.number?.errorReason).toBe('EMPTY');
    expect(events).toHaveLength(1);
  });
});
