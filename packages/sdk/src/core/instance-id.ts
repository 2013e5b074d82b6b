/** 128 random bits as 32 hex characters: names one scope's frames and their gateway-origin channel. */
export function instanceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

let pageLoad: string | undefined;

/** One id per page load, however many forms it mounts: the gateway binds a session token to one page load. */
export function pageLoadId(): string {
  return (pageLoad ??= instanceId());
}
