import { createThreeDS, type ThreeDS } from './threeds/three-ds.ts';

declare global {
  interface Window {
    ThreeDS: ThreeDS;
  }
}

// The gateway is the origin this file was loaded from; currentScript is only set while it first runs.
function scriptOrigin(): string | undefined {
  try {
    const url = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? '');
    return /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

window.ThreeDS = createThreeDS(window, scriptOrigin());
