import { defineConfig } from 'tsdown';

// The npm entry (ES module and CommonJS, penpal and the protocol package as dependencies) and the declarations
// of the script-tag global. session.js itself is built by Vite (vite.config.ts), after this.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    platform: 'browser',
    dts: true,
    sourcemap: true,
  },
  {
    // CommonJS-typed like the script itself (an IIFE is a valid CommonJS module), so every resolution mode agrees.
    entry: { session: 'src/global.ts' },
    format: ['cjs'],
    platform: 'browser',
    dts: { emitDtsOnly: true },
    clean: false,
  },
]);
