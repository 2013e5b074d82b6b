import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRAME_CONFIG_MARKER } from '@hosted-session/protocol';
import { CONTENT_MARKER } from '../src/api/threeds/pages.ts';

/** Stand-ins for the built SDK and frames (the pages with their markers), so gateway tests need no build. */
export function builtAssets() {
  const root = mkdtempSync(join(tmpdir(), 'hs-form-'));
  const framesDir = join(root, 'frames');
  const sdkDir = join(root, 'sdk');
  mkdirSync(join(framesDir, 'assets'), { recursive: true });
  mkdirSync(sdkDir);
  for (const page of ['field', 'hub', 'threeds-interceptor', 'threeds-relay', 'threeds-challenge']) {
    writeFileSync(
      join(framesDir, `${page}.html`),
      `<!doctype html><head>${FRAME_CONFIG_MARKER}<script type="module" src="./assets/${page}-abc.js"></script></head><body>${CONTENT_MARKER}</body>`,
    );
    writeFileSync(join(framesDir, 'assets', `${page}-abc.js`), `console.log('${page}')`);
  }
  writeFileSync(join(sdkDir, 'session.js'), 'window.PaymentSession = {};');
  writeFileSync(join(sdkDir, 'three-ds.min.js'), 'window.ThreeDS = {};');
  writeFileSync(join(sdkDir, 'session.d.ts'), 'declare global { var PaymentSession: unknown }\nexport {};\n');
  return { framesDir, sdkDir };
}
