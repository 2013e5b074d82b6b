/** 128 random bits as 32 hex characters: names one scope's frames and their gateway-origin channel. */
export function instanceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
