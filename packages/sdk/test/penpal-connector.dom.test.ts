import { beforeEach, describe, expect, it, vi } from 'vitest';

const penpal = vi.hoisted(() => ({
  messengers: [] as unknown[],
  connections: [] as Array<{ methods: unknown; destroy: ReturnType<typeof vi.fn> }>,
  failWith: undefined as Error | undefined,
}));

vi.mock('penpal', () => ({
  WindowMessenger: class {
    constructor(options: unknown) {
      if (penpal.failWith) throw penpal.failWith;
      penpal.messengers.push(options);
    }
  },
  connect: ({ methods }: { methods: unknown }) => {
    const connection = { methods, destroy: vi.fn(), promise: Promise.resolve({ configure: () => {} }) };
    penpal.connections.push(connection);
    return connection;
  },
}));

const { penpalConnector } = await import('../src/core/penpal-connector.ts');

beforeEach(() => {
  penpal.messengers.length = 0;
  penpal.connections.length = 0;
  penpal.failWith = undefined;
});

describe('penpalConnector', () => {
  it('talks only to the frame’s window and only to the exact gateway origin', async () => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    const host = { emit: vi.fn(), resize: vi.fn() };
    const link = penpalConnector.connectField(iframe, host, 'https://gateway.test');
    await expect(link.remote).resolves.toHaveProperty('configure');
    expect(penpal.messengers).toEqual([
      { remoteWindow: iframe.contentWindow, allowedOrigins: ['https://gateway.test'] },
    ]);
    expect(penpal.connections[0]!.methods).toBe(host);
    link.destroy();
    expect(penpal.connections[0]!.destroy).toHaveBeenCalledOnce();
    iframe.remove();
  });

  it('turns a refusal to connect into a rejection, never a throw', async () => {
    penpal.failWith = new Error('remoteWindow must be defined');
    const link = penpalConnector.connectHub(
      document.createElement('iframe'),
      { emit: vi.fn() },
      'https://gateway.test',
    );
    await expect(link.remote).rejects.toThrow('remoteWindow must be defined');
    expect(() => link.destroy()).not.toThrow();
  });
});
