// Launching each engine the suites and the benchmark run in, and where each comes from on Debian.
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';
import type { Engine, EngineName } from './page.ts';
import { playwrightEngine } from './playwright-page.ts';
import { FIREFOX_PATH, launchFirefox } from './puppeteer-page.ts';
import { launchWebKit, WEBKIT_DRIVER_PATH, XVFB_PATH } from './webkit-engine.ts';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** The Debian packages an engine needs (what `scripts/setup.sh` installs), if a binary is missing. */
export function missingPackages(engine: EngineName, chromiumPath?: string): string[] {
  switch (engine) {
    case 'chromium':
      return chromiumPath && existsSync(chromiumPath) ? [] : ['chromium'];
    case 'firefox':
      return existsSync(FIREFOX_PATH) ? [] : ['firefox-esr'];
    case 'webkit':
      return [
        ...(existsSync(WEBKIT_DRIVER_PATH) ? [] : ['webkit2gtk-driver']),
        ...(existsSync(XVFB_PATH) ? [] : ['xvfb']),
      ];
  }
}

export interface LaunchSettings {
  /** Playwright's launch options for Chromium (the tests' executable and flags). */
  chromium?: LaunchOptions;
  /** Firefox preferences, on top of the ones puppeteer sets. */
  firefoxPrefs?: Record<string, unknown>;
}

export async function launchEngine(engine: EngineName, settings: LaunchSettings = {}): Promise<Engine> {
  switch (engine) {
    case 'chromium':
      return playwrightEngine(await chromium.launch({ ...settings.chromium, headless: true }));
    case 'firefox':
      return launchFirefox(settings.firefoxPrefs);
    case 'webkit':
      return launchWebKit();
  }
}
