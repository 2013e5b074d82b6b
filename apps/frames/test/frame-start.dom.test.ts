import {
  FRAME_CONFIG_ELEMENT_ID,
  frameFragment,
  type FieldFrameMethods,
  type FrameConfig,
  type HubFrameMethods,
} from '@hosted-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const penpal = vi.hoisted(() => ({
  connect: vi.fn(() => ({ promise: new Promise(() => undefined), destroy: () => undefined })),
  messengers: [] as Array<{ remoteWindow: unknown; allowedOrigins: unknown }>,
}));
vi.mock('penpal', () => ({
  connect: penpal.connect,
  WindowMessenger: class {
    constructor(options: { remoteWindow: unknown; allowedOrigins: unknown }) {
      penpal.messengers.push(options);
    }
  },
}));

const { startFieldPage } = await import('../src/field/start.ts');
const { startHubPage } = await import('../src/hub/start.ts');

const SHOP = 'https://shop.example';
const INSTANCE = 'instance-0123456789abcdef';
const CONFIG: FrameConfig = {
  merchantId: 'TESTMERCHANT',
  apiVersion: '100',
  allowedOrigins: [SHOP, 'http://localhost:*'],
  supportedBrands: ['VISA'],
  cscRequired: true,
};

const channels: string[] = [];
class FakeBroadcastChannel {
  onmessage: unknown = null;
  constructor(readonly name: string) {
    channels.push(name);
  }
  postMessage(): void {}
  close(): void {}
}

const parentWindow = { postMessage: () => undefined };

function page(options: {
  parent?: string;
  role?: string;
  config?: unknown;
  framed?: boolean;
  ancestors?: string[];
}) {
  const { parent = SHOP, role = 'card.number', config = CONFIG, framed = true, ancestors } = options;
  document.head.replaceChildren();
  document.body.replaceChildren();
  if (config !== null) {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.id = FRAME_CONFIG_ELEMENT_ID;
    block.textContent = typeof config === 'string' ? config : JSON.stringify(config);
    document.head.append(block);
  }
  const fragment = frameFragment({
    instance: INSTANCE,
    parent,
    ...(role ? { role: role as 'card.number' } : {}),
  });
  window.location.hash = fragment;
  if (framed) vi.spyOn(window, 'parent', 'get').mockReturnValue(parentWindow as unknown as Window);
  if (ancestors) {
    Object.defineProperty(window.location, 'ancestorOrigins', { value: ancestors, configurable: true });
  }
}

beforeEach(() => {
  penpal.connect.mockClear();
  penpal.messengers.length = 0;
  channels.length = 0;
  vi.stubGlobal('BroadcastChannel', FakeBroadcastChannel);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(window.location, 'ancestorOrigins');
});

describe('a field frame', () => {
  it('connects to exactly the allowed parent origin, and to nothing else', () => {
    page({ ancestors: [SHOP] });
    startFieldPage(window);
    expect(penpal.connect).toHaveBeenCalledTimes(1);
    expect(penpal.messengers).toEqual([{ remoteWindow: parentWindow, allowedOrigins: [SHOP] }]);
  });

  it('opens its channels only once configured, under the id of the hub it was configured with', () => {
    page({ ancestors: [SHOP] });
    startFieldPage(window);
    expect(channels).toEqual([]);
    const [[{ methods }]] = penpal.connect.mock.calls as unknown as [[{ methods: FieldFrameMethods }]];
    const hub = 'a'.repeat(32);
    methods.configure({
      role: 'card.number',
      hub,
      locale: 'en_US',
      formatCard: 'EMBOSSED',
      invalidFieldCharacters: 'REJECT',
      aria: {},
      styles: {},
    });
    expect(channels).toEqual([
      `hosted-session:TESTMERCHANT:${INSTANCE}:${hub}:hub`,
      `hosted-session:TESTMERCHANT:${INSTANCE}:${hub}:fields`,
    ]);
  });

  it('runs when the browser hides who embeds it, still talking to the claimed parent only', () => {
    page({ ancestors: ['null'] });
    startFieldPage(window);
    expect(penpal.messengers).toEqual([{ remoteWindow: parentWindow, allowedOrigins: [SHOP] }]);
  });

  it('accepts a parent matching a port wildcard pattern', () => {
    page({ parent: 'http://localhost:5173' });
    startFieldPage(window);
    expect(penpal.messengers).toEqual([
      { remoteWindow: parentWindow, allowedOrigins: ['http://localhost:5173'] },
    ]);
  });

  it.each([
    ['a parent the merchant did not register', { parent: 'https://evil.test' }],
    ['a look-alike parent', { parent: 'https://shop.example.evil.test' }],
    ['another scheme', { parent: 'http://shop.example' }],
    ['a fragment that lies about the parent', { ancestors: ['https://evil.test'] }],
    ['a page that is not framed', { framed: false }],
    ['a page the gateway did not fill in', { config: null }],
    ['a malformed configuration', { config: '{"merchantId":' }],
    ['a configuration of the wrong shape', { config: { ...CONFIG, allowedOrigins: SHOP } }],
    ['a field URL without a role', { role: '' }],
    ['an unknown role', { role: 'card.pin' }],
  ])('refuses to run for %s', (_what, options) => {
    page(options);
    startFieldPage(window);
    expect(penpal.connect).not.toHaveBeenCalled();
    expect(channels).toEqual([]);
    expect(document.body.children).toHaveLength(0);
  });
});

describe('a hub frame', () => {
  it('connects to exactly the allowed parent origin', () => {
    page({ role: '' });
    startHubPage(window);
    expect(penpal.messengers).toEqual([{ remoteWindow: parentWindow, allowedOrigins: [SHOP] }]);
  });

  it('listens under an id of its own making, which a second hub of the same scope does not share', () => {
    page({ role: '' });
    startHubPage(window);
    startHubPage(window);
    const ids = channels.map(
      (name) => /^hosted-session:TESTMERCHANT:[^:]+:([0-9a-f]{32}):(hub|fields)$/.exec(name)?.[1],
    );
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    const [[first], [second]] = penpal.connect.mock.calls as unknown as [
      [{ methods: HubFrameMethods }],
      [{ methods: HubFrameMethods }],
    ];
    const options = { sessionId: 'SESSION0002816562472I0271878F98', roles: [], locale: 'en_US' as const };
    expect(first.methods.configure(options)).toBe(ids[0]);
    expect(second.methods.configure(options)).toBe(ids[2]);
  });

  it.each([
    ['a parent the merchant did not register', { role: '', parent: 'https://evil.test' }],
    ['a fragment that lies about the parent', { role: '', ancestors: ['https://evil.test'] }],
    ['a hub URL with a role', { role: 'card.number' }],
  ])('refuses to run for %s', (_what, options) => {
    page(options);
    startHubPage(window);
    expect(penpal.connect).not.toHaveBeenCalled();
    expect(channels).toEqual([]);
  });
});
