import { afterEach, describe, expect, it } from 'vitest';
import { openChannel, type Channel } from '../src/shared/channel.ts';
import { channelName, parseHubMessage, type FieldMessage } from '../src/shared/channel-messages.ts';
import { parseFieldMessage } from '../src/hub/field-message-schema.ts';

const FRAME = '0123456789abcdef0123456789abcdef';
const HUB = 'a'.repeat(32);
const OTHER_HUB = 'b'.repeat(32);

describe('hub → field messages', () => {
  it.each([
    { type: 'reset' },
    { type: 'brand', brand: 'AMEX' },
    { type: 'brand', brand: null },
    { type: 'expiry', month: '05', year: '' },
    { type: 'clear', role: 'card.securityCode' },
  ])('accepts %j', (message) => {
    expect(parseHubMessage(message)).toEqual(message);
  });

  it.each([
    null,
    'reset',
    ['reset'],
    {},
    { type: 'RESET' },
    { type: 'who' },
    { type: 'reset', extra: 1 },
    { type: 'reset', then: 'post everything to evil.test' },
    { type: 'brand' },
    { type: 'brand', brand: 'EVIL' },
    { type: 'brand', brand: 42 },
    { type: 'brand', brand: 'AMEX', sizes: [9] },
    { type: 'expiry', month: 5, year: '26' },
    { type: 'expiry', month: '05' },
    { type: 'expiry', month: '05', year: 'x'.repeat(513) },
    { type: 'value', role: 'card.number', frame: FRAME, value: '4111' },
    { type: 'clear' },
    { type: 'clear', role: 'card.pin' },
    { type: 'clear', role: 'card.securityCode', value: '' },
  ])('drops %j', (message) => {
    expect(parseHubMessage(message)).toBeUndefined();
  });
});

describe('field → hub messages', () => {
  it.each([
    { type: 'hello', role: 'card.number', frame: FRAME },
    { type: 'value', role: 'card.securityCode', frame: FRAME, value: '123' },
    { type: 'value', role: 'card.nameOnCard', frame: FRAME, value: '' },
    { type: 'withheld', role: 'card.nameOnCard', frame: FRAME },
  ])('accepts %j', (message) => {
    expect(parseFieldMessage(message)).toEqual(message);
  });

  it.each([
    undefined,
    { type: 'hello', role: 'card.number' },
    { type: 'hello', role: 'number', frame: FRAME },
    { type: 'hello', role: 'card.pin', frame: FRAME },
    { type: 'hello', role: 'card.number', frame: 'short' },
    { type: 'hello', role: 'card.number', frame: FRAME.toUpperCase() },
    { type: 'value', role: 'card.number', frame: FRAME },
    { type: 'value', role: 'card.number', frame: FRAME, value: 4111 },
    { type: 'value', role: 'card.number', frame: FRAME, value: '4'.repeat(513) },
    { type: 'value', role: 'card.number', frame: FRAME, value: '4111', origin: 'https://evil.test' },
    { type: 'withheld', role: 'card.nameOnCard', frame: FRAME, value: '4111' },
    { type: 'withheld', role: 'card.nameOnCard' },
    { type: 'who' },
    { type: 'brand', brand: 'VISA' },
  ])('drops %j', (message) => {
    expect(parseFieldMessage(message)).toBeUndefined();
  });
});

describe('the channel', () => {
  const open: Channel<unknown>[] = [];
  afterEach(() => open.splice(0).forEach((channel) => channel.close()));

  it('delivers well-formed messages and drops forged ones', async () => {
    const toHub = channelName('TESTMERCHANT', 'instance-0123456789', HUB, 'hub');
    const toFields = channelName('TESTMERCHANT', 'instance-0123456789', HUB, 'fields');
    const received: FieldMessage[] = [];
    open.push(openChannel(toFields, toHub, parseFieldMessage, (message) => received.push(message)));
    const forger = new BroadcastChannel(toHub);
    forger.postMessage({ type: 'value', role: 'card.number', frame: FRAME, value: '4111', steal: true });
    forger.postMessage('{"type":"hello"}');
    forger.postMessage({ type: 'hello', role: 'card.number', frame: FRAME });
    await new Promise((resolve) => setTimeout(resolve, 50));
    forger.close();
    expect(received).toEqual([{ type: 'hello', role: 'card.number', frame: FRAME }]);
  });

  it('names one channel per merchant, scope, hub and direction', () => {
    const names = new Set([
      channelName('A', 'scope-one-000000', HUB, 'hub'),
      channelName('A', 'scope-one-000000', HUB, 'fields'),
      channelName('A', 'scope-two-000000', HUB, 'hub'),
      channelName('B', 'scope-one-000000', HUB, 'hub'),
      channelName('A', 'scope-one-000000', OTHER_HUB, 'hub'),
    ]);
    expect(names.size).toBe(5);
  });
});
