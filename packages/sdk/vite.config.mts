import { defineConfig } from 'vite';
import { workspaceSources } from '../../scripts/workspace-sources.ts';

// The script-tag files the gateway serves unchanged, each an IIFE (one entry per build): `vite build` makes
// session.js (penpal included; sets window.PaymentSession), `vite build --mode three-ds` Mastercard's ThreeDS
// script, three-ds.min.js (sets window.ThreeDS). The npm entry is built by tsdown (tsdown.config.ts) into the
// same folder, first.
export default defineConfig(({ mode }) => ({
  ...workspaceSources,
  build: {
    emptyOutDir: false,
    lib:
      mode === 'three-ds'
        ? {
            entry: 'src/three-ds-js.ts',
            formats: ['iife'],
            // Required by Vite for IIFE; unused, since the entry exports nothing and only sets window.ThreeDS.
            name: 'HostedSessionThreeDS',
            fileName: () => 'three-ds.min.js',
          }
        : {
            entry: 'src/session-js.ts',
            formats: ['iife'],
            // Required by Vite for IIFE; unused, since the entry exports nothing and only sets window.PaymentSession.
            name: 'HostedSession',
            fileName: () => 'session.js',
          },
  },
}));
