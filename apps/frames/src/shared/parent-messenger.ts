import { WindowMessenger, type InitializeMessengerOptions, type Message } from 'penpal';

const HANDSHAKE = ['SYN', 'ACK1', 'ACK2'];

/**
 * penpal's messenger to the parent window, keeping the first connection for the frame's life. penpal starts
 * over whenever the parent window sends a new handshake: it drops the private port it has and takes the new
 * one. Every script in the merchant page speaks as the parent window, so any of them could take the frame
 * from the SDK that way, leaving the SDK's calls unanswered and driving the frame itself. Once the first
 * handshake is complete, this one ignores handshake messages.
 */
export function parentMessenger(win: Window, parentOrigin: string): WindowMessenger {
  const messenger = new WindowMessenger({ remoteWindow: win.parent, allowedOrigins: [parentOrigin] });
  let connected = false;
  const { initialize, sendMessage } = messenger;
  messenger.initialize = (options: InitializeMessengerOptions) =>
    initialize({
      ...options,
      validateReceivedMessage: (data): data is Message => {
        if (!options.validateReceivedMessage(data)) return false;
        if (connected && HANDSHAKE.includes(data.type)) return false;
        // Received, ACK2 completes the handshake (this frame led it); sent, it completes it too (below).
        if (data.type === 'ACK2') connected = true;
        return true;
      },
    });
  messenger.sendMessage = (message, transferables) => {
    sendMessage(message, transferables);
    if (message.type === 'ACK2') connected = true;
  };
  return messenger;
}
