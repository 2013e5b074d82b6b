import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceSources } from '../../scripts/workspace-sources.ts';

// `vite` (dev) forwards the shop's API to the SPA server (`pnpm start` in this folder).
export default defineConfig({
  ...workspaceSources,
  plugins: [react()],
  build: {
    outDir: 'dist',
    // brands.svg is referenced as `sprite#icon`, which a data: URL cannot do.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': `http://localhost:${process.env.DEMO_SPA_PORT ?? 4701}` },
  },
});
