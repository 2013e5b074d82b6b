import { THREEDS_CONFIG_ELEMENT_ID } from '@hosted-session/protocol';

/**
 * The configuration the gateway wrote into a 3-D Secure page. Undefined when it is missing or not what the
 * guard expects: the page then does nothing rather than guess.
 */
export function readPageConfig<T>(doc: Document, guard: (value: unknown) => value is T): T | undefined {
  const text = doc.getElementById(THREEDS_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return guard(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Only same-site paths and http(s) URLs are ever navigated to or posted to. */
export function isNavigable(url: unknown, base: string): url is string {
  if (typeof url !== 'string') return false;
  try {
    const protocol = new URL(url, base).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Posts a form of hidden fields, as EMV 3DS browser messages travel, into `target` (default: this window). */
export function postForm(
  doc: Document,
  action: string,
  fields: Record<string, string>,
  target?: string,
): void {
  const form = doc.createElement('form');
  form.method = 'post';
  form.action = action;
  form.hidden = true;
  if (target) form.target = target;
  for (const [name, value] of Object.entries(fields)) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  doc.body.append(form);
  form.submit();
  form.remove();
}
