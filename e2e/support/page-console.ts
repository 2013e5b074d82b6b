// The merchant page's own console, as its developer sees it: the SDK's warnings and errors. Recorded by a
// wrapper in the page itself, so it reads the same in every engine, WebDriver ones included.
import type { BrowserPage } from './browser/page.ts';

export async function recordPageConsole(page: BrowserPage): Promise<void> {
  await page.evaluate(() => {
    const logged: Array<{ type: string; text: string }> = [];
    (window as any).__console = logged;
    for (const type of ['warn', 'error'] as const) {
      const original = console[type];
      console[type] = (...args: unknown[]) => {
        logged.push({ type, text: args.map(String).join(' ') });
        original.apply(console, args);
      };
    }
  });
}

export function pageConsole(page: BrowserPage, type: 'warn' | 'error'): Promise<string[]> {
  return page.evaluate(
    (type) =>
      ((window as any).__console as Array<{ type: string; text: string }>)
        .filter((entry) => entry.type === type)
        .map((entry) => entry.text),
    type,
  );
}
