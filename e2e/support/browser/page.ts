// The few things the core browser suites and the benchmark do with a browser, written once and implemented
// per engine: Playwright for Chromium, puppeteer-core over WebDriver BiDi for Firefox, classic WebDriver for
// WebKitGTK. Everything the payer does goes through real key and pointer events; what only a test can do
// (reading a frame's value, recording the console) stays read-only.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** What an engine's automation protocol may not offer; a test that needs one says so with `needs`. */
export type Capability = 'console' | 'initScript' | 'requests';

export interface ConsoleMessage {
  /** `log`, `warning`, `error`…, as Chromium names them (Firefox's `warn` is reported as `warning`). */
  type: string;
  text: string;
}

export interface SentRequest {
  method: string;
  url: string;
  postData: string;
  /** Sent by the top document, not by one of its frames. */
  fromTop: boolean;
}

/** A function run inside a document: its source is sent to the browser, so it closes over nothing. */
export type InPage<A, R> = (arg: A) => R | Promise<R>;

export interface BrowserFrame {
  /** The frame's URL, fragment included, as it is now. */
  url(): Promise<string>;
  evaluate<R, A = undefined>(fn: InPage<A, R>, arg?: A): Promise<R>;
  /** Focuses the element the way a payer's click would and types `text` key by key. */
  type(selector: string, text: string): Promise<void>;
  /** Presses one key (`Backspace`, `Tab`…) in the element, focusing it first. */
  press(selector: string, key: string): Promise<void>;
  /** Picks the `<option>` with this value, as a payer choosing from the list. */
  select(selector: string, value: string): Promise<void>;
  /** Selects the whole value and deletes it with one Backspace. */
  clear(selector: string): Promise<void>;
  hover(selector: string): Promise<void>;
  /** A pointer click in the middle of the element. */
  click(selector: string): Promise<void>;
  /** The element's current `value` (read-only: tests look, payers type). */
  value(selector: string): Promise<string>;
}

export interface BrowserPage {
  readonly engine: EngineName;
  /** How this page drives its engine, for the reason a test cannot run in it. */
  readonly automation: string;
  /** What this page cannot do, for each capability it lacks (`read the browser console`…). */
  readonly cannot: Partial<Record<Capability, string>>;
  goto(url: string): Promise<void>;
  /** The top document's URL, as it is now (the page may be navigating by itself). */
  url(): Promise<string>;
  /** Runs in the top document. */
  evaluate<R, A = undefined>(fn: InPage<A, R>, arg?: A): Promise<R>;
  /** Runs `fn` in every document this page loads from now on, before any of the document's own scripts. */
  addInitScript(fn: () => void): Promise<void>;
  /** The frame of the `<iframe>` that `selector` matches in the top document, once it has one. */
  frame(selector: string): Promise<BrowserFrame>;
  /** A pointer click in the middle of the element of the top document. */
  click(selector: string): Promise<void>;
  /** Types into whatever has the focus, in whichever frame that is. */
  type(text: string): Promise<void>;
  /** One key or chord (`Tab`, `Shift+Tab`, `Enter`) to whatever has the focus. */
  press(key: string): Promise<void>;
  /** Every console message of the page and its frames so far. */
  console(): ConsoleMessage[];
  /** Every request the page and its frames sent so far, with its body. */
  requests(): Promise<SentRequest[]>;
  /** A PNG of what the payer sees now, for people to look at (never for an assertion). */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

/** One running browser of an engine: a fresh, isolated page (its own cookies and storage) per test. */
export interface Engine {
  readonly name: EngineName;
  readonly version: string;
  newPage(): Promise<BrowserPage>;
  close(): Promise<void>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The WebDriver code points (classic and BiDi alike) of the named keys the suites press. */
const KEY_CODES: Record<string, string> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Delete: '\uE017',
};

interface KeyAction {
  type: 'keyDown' | 'keyUp';
  value: string;
}

/** WebDriver key actions for a chord (`Tab`, `Shift+Tab`): modifiers down, the key down and up, modifiers up. */
export function chordActions(chord: string): KeyAction[] {
  const keys = chord.split('+').map((key) => KEY_CODES[key] ?? key);
  const modifiers = keys.slice(0, -1);
  const key = keys.at(-1)!;
  return [
    ...modifiers.map((value) => ({ type: 'keyDown' as const, value })),
    { type: 'keyDown', value: key },
    { type: 'keyUp', value: key },
    ...modifiers.reverse().map((value) => ({ type: 'keyUp' as const, value })),
  ];
}

/** WebDriver key actions that type `text` character by character. */
export function textActions(text: string): KeyAction[] {
  return [...text].flatMap((value) => [
    { type: 'keyDown' as const, value },
    { type: 'keyUp' as const, value },
  ]);
}
