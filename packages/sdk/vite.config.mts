import { defineConfig } from 'vite';
import { workspaceSources } from '../../scripts/workspace-sources.ts';

// The script-tag file the gateway serves unchanged: an IIFE with penpal included that sets window.PaymentSession.
// The npm entry is built by tsdown (tsdown.config.ts) into the same folder, first.
export default defineConfig({
  ...workspaceSources,
  build: {
    emptyOutDir: false,
    lib: {
      entry: 'src/session-js.ts',
      formats: ['iife'],
      // Required by Vite for IIFE; unused, since the entry exports nothing and only sets window.PaymentSession.
      name: 'HostedSession',
      fileName: () => 'session.js',
    },
  },
});
