import type { FieldOptions, FieldRole, StyleDeclarations } from '@hosted-session/protocol';

/** Placeholders currently replaced by a frame, so no two sessions mount on the same element. */
const mounted = new WeakSet<Element>();

export function isMounted(element: Element): boolean {
  return mounted.has(element);
}

/** The look the frame's input copies from the placeholder, so a frame looks like the field it replaces. */
const COPIED_STYLES = [
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontWeight',
  'color',
  'letterSpacing',
  'lineHeight',
  'padding',
  'textAlign',
  'backgroundColor',
] as const;

/**
 * ARIA attributes an iframe element may carry itself (global ones). The rest, such as aria-required or
 * aria-invalid, describe the input and go to the input inside the frame only.
 */
const IFRAME_ARIA = new Set(['aria-describedby', 'aria-details', 'aria-label', 'aria-labelledby']);

/** The iframe's title when the placeholder has none; the frame's own label is in the payer's language. */
const DEFAULT_TITLES: Record<FieldRole, string> = {
  'card.number': 'Card number',
  'card.securityCode': 'Security code',
  'card.expiryMonth': 'Expiry month',
  'card.expiryYear': 'Expiry year',
  'card.nameOnCard': 'Name on card',
  'giftCard.number': 'Gift card number',
  'giftCard.pin': 'Gift card PIN',
  'ach.accountType': 'Account type',
  'ach.bankAccountHolder': 'Account holder name',
  'ach.bankAccountNumber': 'Account number',
  'ach.bankAccountNumberConfirmation': 'Confirm account number',
  'ach.routingNumber': 'Routing number',
};

export type PlaceholderLook = Pick<FieldOptions, 'placeholder' | 'title' | 'aria' | 'options' | 'styles'>;

export interface MountedFrame {
  iframe: HTMLIFrameElement;
  unmount(): void;
}

export interface MountedField extends MountedFrame {
  /** What the field frame needs to know about its placeholder, read before it was hidden. */
  look: PlaceholderLook;
}

/**
 * Puts the field's iframe where the placeholder is, with its size, title and global aria-* attributes, and hides
 * the placeholder (kept in the DOM so `unmount` restores the page exactly as it was).
 */
export function mountField(element: HTMLElement, role: FieldRole, src: string): MountedField {
  const box = element.getBoundingClientRect();
  const computed = getComputedStyle(element);
  const base: StyleDeclarations = {};
  for (const property of COPIED_STYLES) if (computed[property]) base[property] = computed[property];
  const aria: Record<string, string> = {};
  for (const { name, value } of Array.from(element.attributes))
    if (name.startsWith('aria-')) aria[name] = value;

  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = element.title || DEFAULT_TITLES[role];
  for (const [name, value] of Object.entries(aria))
    if (IFRAME_ARIA.has(name)) iframe.setAttribute(name, value);
  Object.assign(iframe.style, {
    width: box.width ? `${box.width}px` : computed.width,
    height: box.height ? `${box.height}px` : computed.height,
    border: 'none',
    background: 'transparent',
  });
  const display = element.style.display;
  element.before(iframe);
  element.style.display = 'none';
  // Hidden, the placeholder reports the width its style asks for ('100%', 'calc(…)') rather than the pixels
  // it had: a relative width carries over, so the frame follows its container as the placeholder would.
  const asked = getComputedStyle(element);
  if (!/px$|^auto$/.test(asked.width)) iframe.style.width = asked.width;
  mounted.add(element);
  return {
    iframe,
    look: {
      placeholder: element.getAttribute('placeholder') ?? undefined,
      title: element.title || undefined,
      aria,
      options:
        element instanceof HTMLSelectElement
          ? Array.from(element.options, (option) => ({ value: option.value, label: option.text }))
          : undefined,
      styles: { base },
    },
    unmount() {
      iframe.remove();
      element.style.display = display;
      mounted.delete(element);
    },
  };
}
/** The scope's hidden hub frame: loaded (so not `display: none`) but invisible and out of the tab order. */
export function mountHub(src: string): MountedFrame {
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = 'Payment session';
  iframe.tabIndex = -1;
  iframe.setAttribute('aria-hidden', 'true');
  Object.assign(iframe.style, { position: 'absolute', width: '0', height: '0', border: '0' });
  document.body.append(iframe);
  return { iframe, unmount: () => iframe.remove() };
}
