import { connect } from 'penpal';
import type { HubHostMethods } from '@hosted-session/protocol';
import { openChannel } from '../shared/channel.ts';
import { channelName, type FieldMessage, type HubMessage } from '../shared/channel-messages.ts';
import { readFrameContext } from '../shared/frame-context.ts';
import { parentMessenger } from '../shared/parent-messenger.ts';
import { randomId } from '../shared/random-id.ts';
import { parseFieldMessage } from './field-message-schema.ts';
import { createHub } from './hub.ts';

/** Boots the hub page: the same origin checks as a field, and no role in its fragment. */
export function startHubPage(win: Window): void {
  const context = readFrameContext(win);
  if (!context || context.params.role) {
    console.warn('hosted-session: this hub frame is not embedded by an allowed page; it will not run.');
    return;
  }
  const { params, config } = context;
  const id = randomId();
  const hub = createHub({
    config,
    id,
    emit: (event) => void connection.promise.then((host) => host.emit(event)).catch(() => undefined),
    post: (message) => channel.post(message),
    // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation".
    fetch: win.fetch.bind(win),
  });
  const channel = openChannel<FieldMessage, HubMessage>(
    channelName(config.merchantId, params.instance, id, 'fields'),
    channelName(config.merchantId, params.instance, id, 'hub'),
    parseFieldMessage,
    hub.receive,
  );
  const connection = connect<Pick<HubHostMethods, 'emit'>>({
    messenger: parentMessenger(win, params.parent),
    methods: hub.methods,
  });
}
