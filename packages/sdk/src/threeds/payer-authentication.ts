/**
 * The payer's side of Mastercard's 3-D Secure operations, shared by the ThreeDS script and `authenticate()`:
 * INITIATE_AUTHENTICATION and AUTHENTICATE_PAYER called from the page with the session id as the password
 * (so they count against the session's authenticationLimit), the issuer's 3DS Method run in a hidden frame,
 * and the issuer's challenge shown in a gateway-origin frame. Nothing here ever holds card data: the gateway
 * reads the card from the session, and the answers show it masked.
 */

/** Where the calls go: the gateway that served the script, and whose session they use. */
export interface AuthenticationTarget {
  gatewayOrigin: string;
  apiVersion: string;
  merchantId: string;
  sessionId: string;
}

/** The gateway's answer: a Mastercard transaction (with `authentication`), or Mastercard's error body. */
export interface RestAnswer {
  status: number;
  body: RestBody;
}

export interface RestBody {
  result?: string;
  correlationId?: string;
  error?: { cause?: string; explanation?: string; field?: string; validationType?: string };
  response?: { gatewayRecommendation?: string; gatewayCode?: string };
  order?: { authenticationStatus?: string; status?: string };
  transaction?: { authenticationStatus?: string };
  authentication?: {
    version?: string;
    redirect?: {
      customizedHtml?: {
        '3ds2'?: { methodUrl?: string; methodPostData?: string; acsUrl?: string; cReq?: string };
      };
    };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The message the gateway's last challenge page posts to the page that framed it, at its exact origin. */
const COMPLETE_MESSAGE = 'hosted-session:3ds-complete';

type Bag = { [field: string]: unknown };

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extra` over `base`, object members merged at every depth (the merchant's optional request fields). */
export function mergeRequest(base: Bag, extra: unknown): Bag {
  if (!isBag(extra)) return base;
  const merged: Bag = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (key === '__proto__') continue;
    merged[key] = isBag(value) && isBag(base[key]) ? mergeRequest(base[key] as Bag, value) : value;
  }
  return merged;
}

export async function callOperation(
  target: AuthenticationTarget,
  orderId: string,
  transactionId: string,
  request: Bag,
): Promise<RestAnswer> {
  const path =
    `/api/rest/version/${encodeURIComponent(target.apiVersion)}/merchant/${encodeURIComponent(target.merchantId)}` +
    `/order/${encodeURIComponent(orderId)}/transaction/${encodeURIComponent(transactionId)}`;
  const response = await fetch(target.gatewayOrigin + path, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${btoa(`merchant.${target.merchantId}:${target.sessionId}`)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ ...request, session: { id: target.sessionId } }),
    credentials: 'omit',
  });
  const body = (await response.json().catch(() => ({}))) as RestBody;
  return { status: response.status, body: isBag(body) ? body : {} };
}

/** What EMV 3DS asks of the browser, as Mastercard's `device` group carries it. */
export function deviceOf(win: Window, language?: string): Bag {
  const { navigator: nav, screen } = win;
  return {
    browser: nav.userAgent.slice(0, 2048),
    browserDetails: {
      // A script cannot read the Accept header its page was loaded with; this is what browsers send for pages.
      acceptHeaders: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      colorDepth: screen.colorDepth,
      javaEnabled: false,
      javaScriptEnabled: true,
      language: (language ?? nav.language ?? 'en').slice(0, 35),
      screenHeight: screen.height,
      screenWidth: screen.width,
      timeZone: new Date().getTimezoneOffset(),
      '3DSecureChallengeWindowSize': 'FULL_SCREEN',
    },
  };
}

let frameCount = 0;

/** An iframe the form posts into; the form is removed once submitted (its fields are ids only). */
function postIntoFrame(
  container: HTMLElement,
  action: string,
  fields: Record<string, string>,
  frame: Partial<Pick<HTMLIFrameElement, 'title' | 'hidden' | 'className'>>,
): HTMLIFrameElement {
  const doc = container.ownerDocument;
  const iframe = doc.createElement('iframe');
  iframe.name = `hs-3ds-${Date.now().toString(36)}-${frameCount++}`;
  Object.assign(iframe, frame);
  container.appendChild(iframe);
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = action;
  form.target = iframe.name;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  container.appendChild(form);
  form.submit();
  form.remove();
  return iframe;
}

/** Only the gateway's own pages are posted to. */
function onGateway(url: string | undefined, gatewayOrigin: string): url is string {
  try {
    return url !== undefined && new URL(url).origin === gatewayOrigin;
  } catch {
    return false;
  }
}

/** Starts the issuer's 3DS Method the answer asks for, in a hidden frame; it reports to the gateway itself. */
export function runMethod(container: HTMLElement, body: RestBody, gatewayOrigin: string): void {
  const method = body.authentication?.redirect?.customizedHtml?.['3ds2'];
  if (!method?.methodPostData || !onGateway(method.methodUrl, gatewayOrigin)) return;
  postIntoFrame(
    container,
    method.methodUrl,
    { threeDSMethodData: method.methodPostData },
    { title: 'Device check', hidden: true },
  );
}

/** The challenge the answer asks for, if any: its URL (on the gateway) and CReq. */
export function challengeOf(
  body: RestBody,
  gatewayOrigin: string,
): { acsUrl: string; creq: string } | undefined {
  const challenge = body.authentication?.redirect?.customizedHtml?.['3ds2'];
  if (!challenge?.cReq || !onGateway(challenge.acsUrl, gatewayOrigin)) return undefined;
  return { acsUrl: challenge.acsUrl, creq: challenge.cReq };
}

/**
 * Shows the issuer's challenge in a gateway-origin frame inside `container`, and resolves when the gateway's
 * last page in that frame says it is over (only that frame's message, from the gateway's origin, delivered by the
 * browser, counts).
 * `cancelled` ends the wait early (the payer closed the dialog).
 */
export function showChallenge(
  container: HTMLElement,
  challenge: { acsUrl: string; creq: string },
  gatewayOrigin: string,
  cancelled?: Promise<void>,
): { frame: HTMLIFrameElement; done: Promise<'complete' | 'cancelled'> } {
  const win = container.ownerDocument.defaultView!;
  const frame = postIntoFrame(
    container,
    challenge.acsUrl,
    { creq: challenge.creq },
    { title: 'Confirm your payment with your bank', className: 'hs-3ds-challenge' },
  );
  const done = new Promise<'complete' | 'cancelled'>((resolve) => {
    const listener = (event: MessageEvent) => {
      // A script of the page can dispatch a MessageEvent with any origin and source; only the browser's own
      // delivery of a postMessage is trusted.
      if (!event.isTrusted || event.origin !== gatewayOrigin || event.source !== frame.contentWindow) return;
      if (!isBag(event.data) || event.data.type !== COMPLETE_MESSAGE) return;
      win.removeEventListener('message', listener);
      resolve('complete');
    };
    win.addEventListener('message', listener);
    void cancelled?.then(() => {
      win.removeEventListener('message', listener);
      resolve('cancelled');
    });
  });
  return { frame, done };
}
