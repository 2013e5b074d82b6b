import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  // Client components for React Server Components frameworks (the fields need the browser); code only, since
  // a statement in a declaration file is an error.
  outputOptions: { banner: (chunk) => (/\.d\.[cm]?ts$/.test(chunk.fileName) ? '' : "'use client';") },
});
