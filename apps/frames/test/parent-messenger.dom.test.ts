import type { Message } from 'penpal';
import { describe, expect, it } from 'vitest';
import { parentMessenger } from '../src/shared/parent-messenger.ts';

const SHOP = 'https://shop.example';

/** A messenger to a stand-in parent, with what it passes on to penpal. */
function setUp() {
  const parent = { postMessage: () => undefined } as unknown as Window;
  const messenger = parentMessenger({ parent } as Window, SHOP);
  messenger.initialize({
    validateReceivedMessage: (data): data is Message =>
      typeof data === 'object' && data !== null && (data as Message).namespace === 'penpal',
  });
  const passed: string[] = [];
  messenger.addMessageHandler((message) => passed.push(message.type));
  /** A message from the parent window: the SDK's or any other script's in the page, they look the same. */
  const fromParent = (type: string, ports: MessagePort[] = []) =>
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { namespace: 'penpal', type },
        origin: SHOP,
        source: parent,
        ports,
      }),
    );
  return { messenger, passed, fromParent };
}

describe('the messenger to the parent window', () => {
  it('takes the first handshake, then ignores any other while still passing calls on', () => {
    const { passed, fromParent } = setUp();
    fromParent('SYN');
    fromParent('ACK1');
    fromParent('ACK2', [new MessageChannel().port1]);
    expect(passed).toEqual(['SYN', 'ACK1', 'ACK2']);
    // A script in the page starts over to take the connection: penpal never hears of it.
    fromParent('SYN');
    fromParent('ACK1');
    fromParent('ACK2', [new MessageChannel().port1]);
    fromParent('CALL');
    expect(passed).toEqual(['SYN', 'ACK1', 'ACK2', 'CALL']);
  });

  it('counts the handshake complete when this frame sends the ACK2 itself', () => {
    const { messenger, passed, fromParent } = setUp();
    fromParent('SYN');
    messenger.sendMessage({ namespace: 'penpal', type: 'ACK2' } as Message);
    fromParent('SYN');
    expect(passed).toEqual(['SYN']);
  });

  it('hears nothing from the parent that fails penpal’s own checks', () => {
    const { passed } = setUp();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'SYN' }, origin: SHOP }));
    expect(passed).toEqual([]);
  });
});
