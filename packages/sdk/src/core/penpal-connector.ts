import { connect, WindowMessenger, type Methods } from 'penpal';
import { checkConfiguration } from './configuration-check.ts';
import type { FrameConnector, FrameLink } from './connector.ts';

function link<T>(iframe: HTMLIFrameElement, host: object, origin: string): FrameLink<T> {
  let destroy = (): void => {};
  // Inside the executor, so a synchronous refusal (no window) becomes a rejection like any other failure.
  const remote = new Promise<unknown>((resolve) => {
    const connection = connect<Methods>({
      messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow!, allowedOrigins: [origin] }),
      methods: host as Methods,
    });
    destroy = connection.destroy;
    resolve(connection.promise);
  });
  return { remote: remote as Promise<T>, destroy: () => destroy() };
}

/** The real transport: penpal 7 over postMessage, restricted to the gateway origin; fetch for the check. */
export const penpalConnector: FrameConnector = {
  connectField: link,
  connectHub: link,
  checkGateway: checkConfiguration,
};
