import { connect } from 'penpal';
import type { FieldHostMethods } from '@hosted-session/protocol';
import { openChannel } from '../shared/channel.ts';
import {
  channelName,
  parseHubMessage,
  type FieldMessage,
  type HubMessage,
} from '../shared/channel-messages.ts';
import { readFrameContext } from '../shared/frame-context.ts';
import { parentMessenger } from '../shared/parent-messenger.ts';
import { randomId } from '../shared/random-id.ts';
import { binLookup } from './bin-lookup.ts';
import { createField } from './field.ts';

/**
 * Boots a field page: refuses to run for a parent the merchant did not register, else waits for the page to
 * configure it over penpal, talking to that one parent origin only.
 */
export function startFieldPage(win: Window): void {
  const context = readFrameContext(win);
  const role = context?.params.role;
  if (!context || !role) {
    console.warn('hosted-session: this field frame is not embedded by an allowed page; it will not run.');
    return;
  }
  const { params, config } = context;
  const field = createField({
    document: win.document,
    role,
    config,
    frame: randomId(),
    // Events wait for the connection and keep their order; once it is gone there is no one to tell.
    emit: (event) => void connection.promise.then((host) => host.emit(event)).catch(() => undefined),
    // Once, at configure: the field talks to the one hub it was configured with, and hears no other.
    joinHub: (hub, receive) =>
      openChannel<HubMessage, FieldMessage>(
        channelName(config.merchantId, params.instance, hub, 'hub'),
        channelName(config.merchantId, params.instance, hub, 'fields'),
        parseHubMessage,
        receive,
      ).post,
    // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation".
    lookupBin: binLookup(config, win.fetch.bind(win)),
  });
  const connection = connect<Pick<FieldHostMethods, 'emit'>>({
    messenger: parentMessenger(win, params.parent),
    methods: field.methods,
  });
}
