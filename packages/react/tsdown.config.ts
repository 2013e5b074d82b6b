import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  // Client components for React Server Components frameworks: the fields need the browser.
  outputOptions: { banner: "'use client';" },
});
