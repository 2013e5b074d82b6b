// Installed before any page script: everything a malicious page script could see, it records. It wraps
// every message listener and port, so it also sees what penpal's private ports deliver.
export function recordEverything() {
  const seen: string[] = [];
  (window as any).__seen = seen;
  const record = (what: string, data: unknown) => {
    try {
      seen.push(`${what} ${JSON.stringify(data)}`);
    } catch {
      seen.push(`${what} ${String(data)}`);
    }
  };
  window.addEventListener('message', (event) => record('window-message', event.data), true);
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type: string, listener: any, options?: any) {
    if (type === 'message' && listener) {
      const original = listener;
      const wrapped = function (this: unknown, event: Event) {
        record('listener', (event as MessageEvent).data);
        return typeof original === 'function' ? original.call(this, event) : original.handleEvent(event);
      };
      return addEventListener.call(this, type, wrapped, options);
    }
    return addEventListener.call(this, type, listener, options);
  };
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(handler: any) {
      onmessage.set!.call(
        this,
        handler && ((event: MessageEvent) => (record('port', event.data), handler(event))),
      );
    },
  });
  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, data: unknown, ...rest: any[]) {
    record('port-out', data);
    return (portPost as any).call(this, data, ...rest);
  };
}
