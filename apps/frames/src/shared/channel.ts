export interface Channel<Out> {
  post(message: Out): void;
  close(): void;
}

/**
 * Sends on one BroadcastChannel and listens on another, passing on only messages `parse` accepts.
 * A malformed message is dropped silently: its sender is a gateway-origin document that is broken or stale,
 * and nothing it says can be trusted.
 */
export function openChannel<In, Out>(
  sendName: string,
  receiveName: string,
  parse: (data: unknown) => In | undefined,
  onMessage: (message: In) => void,
): Channel<Out> {
  const send = new BroadcastChannel(sendName);
  const receive = new BroadcastChannel(receiveName);
  receive.onmessage = (event: MessageEvent) => {
    const message = parse(event.data);
    if (message !== undefined) onMessage(message);
  };
  return {
    post: (message) => send.postMessage(message),
    close() {
      send.close();
      receive.close();
    },
  };
}
