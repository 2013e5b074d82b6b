import { defineConfig } from 'vitest/config';
import { workspaceSources } from './scripts/workspace-sources.ts';

// One Vitest run for the whole workspace: plain Node tests, and DOM tests (`*.dom.test.ts`) in happy-dom.
export default defineConfig({
  ...workspaceSources,
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/*.dom.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'dom',
          include: ['packages/*/test/**/*.dom.test.ts', 'apps/*/test/**/*.dom.test.ts'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
