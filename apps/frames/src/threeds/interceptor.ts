import {
  METHOD_COMPLETE_MESSAGE,
  isOriginAllowed,
  type InterceptorConfig,
  type InterceptorStart,
  type InterceptorStep,
} from '@hosted-session/protocol';
import { isBag, isText } from '../shared/guards.ts';
import { isNavigable, postForm, readPageConfig } from './page-config.ts';
import './threeds.css';

const FAILED = 'We could not reach your bank. Go back to the shop and try again; you have not been charged.';
const METHOD_FRAME = 'hs-3ds-method';

function isConfig(value: unknown): value is InterceptorConfig {
  return (
    isBag(value) &&
    isText(value.startUrl, 300, 1) &&
    isText(value.continueUrl, 300, 1) &&
    isText(value.acceptHeader, 2048) &&
    Array.isArray(value.allowedOrigins) &&
    value.allowedOrigins.every((origin) => isText(origin, 256))
  );
}

/**
 * The gateway's interceptor page, where the cardholder lands (hosted) or which the merchant frames
 * (non-hosted): it gives the gateway the browser's data, runs the issuer's 3DS Method in a hidden frame,
 * then shows the issuer's challenge in this window or goes on to the end. No card data is on this page.
 */
export async function runInterceptor(win: Window): Promise<void> {
  const status = win.document.getElementById('status');
  const config = readPageConfig(win.document, isConfig);
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  if (!config) return say(FAILED);
  try {
    let step = await call(win, config.startUrl, startRequest(win, config));
    for (;;) {
      if (step.kind === 'method') {
        await runMethod(win, step);
        step = await call(win, config.continueUrl);
      } else if (step.kind === 'wait') {
        await new Promise((resolve) => win.setTimeout(resolve, step.kind === 'wait' ? step.waitMs : 0));
        step = await call(win, config.continueUrl);
      } else if (step.kind === 'challenge') {
        say('Your bank is asking you to confirm this payment…');
        return postForm(win.document, step.acsUrl, { creq: step.creq });
      } else {
        say('Done. Taking you back…');
        return win.location.replace(step.url);
      }
    }
  } catch {
    say(FAILED);
  }
}

function startRequest(win: Window, config: InterceptorConfig): InterceptorStart {
  const parentOrigin = framingOrigin(win, config.allowedOrigins);
  return {
    browser: {
      acceptHeader: config.acceptHeader,
      javaEnabled: false,
      language: win.navigator.language,
      colorDepth: win.screen.colorDepth,
      screenHeight: win.screen.height,
      screenWidth: win.screen.width,
      timezoneOffset: new Date().getTimezoneOffset(),
    },
    ...(parentOrigin ? { parentOrigin } : {}),
  };
}

/**
 * The merchant page framing this one, if it is an origin the merchant registered: the browser's own
 * ancestor list where it has one, else the `#origin=` the page put in the URL. The gateway checks it again.
 */
function framingOrigin(win: Window, allowedOrigins: string[]): string | undefined {
  if (win.parent === win) return undefined;
  const fromFragment = new URLSearchParams(win.location.hash.slice(1)).get('origin') ?? undefined;
  const candidate = win.location.ancestorOrigins?.[0] ?? fromFragment;
  return candidate && isOriginAllowed(allowedOrigins, candidate) ? candidate : undefined;
}

/** The issuer's 3DS Method in a hidden frame; over when its notification page says so, or when time is up. */
function runMethod(win: Window, step: Extract<InterceptorStep, { kind: 'method' }>): Promise<void> {
  const doc = win.document;
  const frame = doc.createElement('iframe');
  frame.name = METHOD_FRAME;
  frame.title = 'Device check for your bank';
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  doc.body.append(frame);
  return new Promise((resolve) => {
    const done = () => {
      win.removeEventListener('message', onMessage);
      win.clearTimeout(timer);
      frame.remove();
      resolve();
    };
    const onMessage = (event: MessageEvent) => {
      const ours = event.origin === win.location.origin && event.source === frame.contentWindow;
      if (ours && isBag(event.data) && event.data.type === METHOD_COMPLETE_MESSAGE) done();
    };
    const timer = win.setTimeout(done, step.waitMs);
    win.addEventListener('message', onMessage);
    postForm(doc, step.url, { threeDSMethodData: step.threeDSMethodData }, METHOD_FRAME);
  });
}

async function call(win: Window, url: string, body?: InterceptorStart): Promise<InterceptorStep> {
  const response = await win.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
    credentials: 'omit',
  });
  if (!response.ok) throw new Error(`The gateway answered ${response.status}.`);
  const step: unknown = await response.json();
  if (!isStep(step, win.location.href)) throw new Error('The gateway sent an unknown step.');
  return step;
}

function isStep(value: unknown, base: string): value is InterceptorStep {
  if (!isBag(value)) return false;
  switch (value.kind) {
    case 'method':
      return (
        isNavigable(value.url, base) &&
        isText(value.threeDSMethodData, 4096) &&
        typeof value.waitMs === 'number'
      );
    case 'wait':
      return typeof value.waitMs === 'number' && value.waitMs >= 0 && value.waitMs <= 60_000;
    case 'challenge':
      return isNavigable(value.acsUrl, base) && isText(value.creq, 4096);
    case 'complete':
      return isNavigable(value.url, base);
    default:
      return false;
  }
}
