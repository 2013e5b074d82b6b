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
    // Self-contained (the protocol's types inlined): the gateway serves it beside session.js, for pages that
    // load the script and install nothing.
    dts: { emitDtsOnly: true, resolve: true },
    noExternal: ['@hosted-session/protocol'],
    clean: false,
  },
]);
