// Searching observed text for card data. Digits alone are searched as whole tokens, so that random ids and
// timings that merely contain the same digits do not count as a leak, while any real appearance does.

export function containsToken(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z])${escaped}([^0-9A-Za-z]|$)`).test(text);
}

/** Every way a card number could show up: plain, grouped by four, or its hidden middle and end digits. */
export function numberForms(pan: string): string[] {
  return [pan, pan.replace(/(\d{4})(?=\d)/g, '$1 '), pan.slice(6)];
}

export function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter(
    (secret) =>
      text.includes(secret) && (/\D/.test(secret) || secret.length > 6 || containsToken(text, secret)),
  );
}
