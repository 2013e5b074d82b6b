import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { workspaceSources } from '../../scripts/workspace-sources.ts';

// The gateway serves these pages under a per-merchant path, so every asset URL must be relative.
export default defineConfig({
  ...workspaceSources,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be a second script per page for browsers the frames do not support anyway.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: { chunkFileNames: 'assets/shared-[hash].js' },
      input: {
        field: resolve(import.meta.dirname, 'field.html'),
        hub: resolve(import.meta.dirname, 'hub.html'),
        'threeds-interceptor': resolve(import.meta.dirname, 'threeds-interceptor.html'),
        'threeds-relay': resolve(import.meta.dirname, 'threeds-relay.html'),
        'threeds-challenge': resolve(import.meta.dirname, 'threeds-challenge.html'),
      },
    },
  },
});
