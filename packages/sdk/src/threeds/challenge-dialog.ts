/**
 * A modal dialog for the issuer's challenge: the rest of the page is inert while it is open (focus cannot
 * leave it, screen readers see only it), Tab moves between its Cancel button and the challenge frame's
 * fields, and Escape (while the focus is on the dialog's own controls) or Cancel abandons. The challenge itself is the gateway-origin frame put in `body`. Styled through
 * CSSOM only, so it works under a merchant CSP without 'unsafe-inline'.
 */
export interface ChallengeDialog {
  body: HTMLElement;
  /** Settles when the payer abandons (Escape, Cancel). */
  abandoned: Promise<void>;
  /** Sizes the challenge frame to EMV 3DS's full-screen window, within the viewport. */
  sizeFrame(frame: HTMLIFrameElement): void;
  close(): void;
}

// Set through CSSOM, which a merchant's CSP (style-src) does not govern, unlike a <style> element or attribute.
type Style = Partial<CSSStyleDeclaration>;
const BACKDROP: Style = {
  position: 'fixed',
  inset: '0',
  zIndex: '2147483646',
  background: 'rgba(0, 0, 0, 0.55)',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
};
const DIALOG: Style = {
  background: '#fff',
  color: '#111',
  borderRadius: '8px',
  maxWidth: 'calc(100vw - 16px)',
  maxHeight: 'calc(100vh - 16px)',
  display: 'flex',
  flexDirection: 'column',
  boxShadow: '0 8px 32px rgba(0, 0, 0, 0.4)',
};
const HEADER: Style = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: '12px',
  padding: '8px 12px',
  borderBottom: '1px solid #ddd',
};
const HEADING: Style = { font: '600 16px/1.3 system-ui, sans-serif', margin: '0' };
const BUTTON: Style = { font: '14px system-ui, sans-serif', padding: '6px 12px', minHeight: '32px' };
const CHALLENGE_FRAME: Style = {
  border: '0',
  display: 'block',
  width: 'min(440px, calc(100vw - 16px))',
  height: 'min(620px, calc(100vh - 72px))',
};

export function openChallengeDialog(doc: Document, title: string): ChallengeDialog {
  const previous = doc.activeElement as HTMLElement | null;
  const backdrop = doc.createElement('div');
  Object.assign(backdrop.style, BACKDROP);
  const dialog = doc.createElement('div');
  Object.assign(dialog.style, DIALOG);
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  const heading = doc.createElement('h2');
  heading.id = `hs-3ds-title-${Date.now().toString(36)}`;
  heading.textContent = title;
  Object.assign(heading.style, HEADING);
  dialog.setAttribute('aria-labelledby', heading.id);
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  cancel.setAttribute('aria-label', 'Cancel verification');
  Object.assign(cancel.style, BUTTON);
  const header = doc.createElement('header');
  Object.assign(header.style, HEADER);
  header.append(heading, cancel);
  const body = doc.createElement('div');
  dialog.append(header, body);
  backdrop.appendChild(dialog);

  // Everything else on the page is inert while the dialog is open, and gets its state back after.
  const made: Element[] = [];
  for (const element of Array.from(doc.body.children)) {
    if (!element.hasAttribute('inert')) {
      element.setAttribute('inert', '');
      made.push(element);
    }
  }
  doc.body.appendChild(backdrop);

  let abandon: () => void = () => {};
  const abandoned = new Promise<void>((resolve) => (abandon = resolve));
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      abandon();
    } else if (event.key === 'Tab' && event.shiftKey && doc.activeElement === cancel) {
      // Back from the first control wraps to the bank's frame; forward, the browser goes from Cancel into
      // the frame and through the bank's fields by itself, and nothing outside the dialog can take focus.
      const frame = body.querySelector('iframe');
      if (frame) {
        event.preventDefault();
        frame.focus();
      }
    }
  };
  dialog.addEventListener('keydown', onKey);
  cancel.addEventListener('click', () => abandon());
  // The first control takes the focus (browsers never autofocus inside another origin's frame): Escape works
  // at once, and the first Tab lands on the bank's code field.
  cancel.focus();

  return {
    body,
    abandoned,
    sizeFrame(frame) {
      Object.assign(frame.style, CHALLENGE_FRAME);
    },
    close() {
      dialog.removeEventListener('keydown', onKey);
      backdrop.remove();
      for (const element of made) element.removeAttribute('inert');
      previous?.focus?.();
    },
  };
}
