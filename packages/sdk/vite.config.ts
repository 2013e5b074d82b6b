import { defineConfig } from 'vite';

// Three library builds (an IIFE cannot share a build with other entries): `vite build` makes the npm ES module,
// `vite build --mode session-js` the script-tag file the gateway serves unchanged, and
// `vite build --mode three-ds` Mastercard's ThreeDS script (three-ds.min.js).
export default defineConfig(({ mode }) =>
  mode === 'three-ds'
    ? {
        build: {
          emptyOutDir: false,
          lib: {
            entry: 'src/three-ds-js.ts',
            formats: ['iife'],
            // Required by Vite for IIFE; unused, since the entry exports nothing and only sets window.ThreeDS.
            name: 'HostedSessionThreeDS',
            fileName: () => 'three-ds.min.js',
          },
        },
      }
    : mode === 'session-js'
      ? {
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
        }
      : {
          build: {
            lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
            rolldownOptions: { external: ['penpal'] },
          },
        },
);
