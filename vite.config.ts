import { defineConfig } from 'vitest/config';
import { workspaceSources } from './scripts/workspace-sources.ts';

// One Vitest run for the whole workspace: plain Node tests, and DOM tests (`*.dom.test.ts`) in happy-dom. Both
// read the workspace's packages from source.
export default defineConfig({
  test: {
    projects: [
      {
        ...workspaceSources,
        test: {
          name: 'node',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/*.dom.test.{ts,tsx}', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        ...workspaceSources,
        test: {
          name: 'dom',
          include: ['packages/*/test/**/*.dom.test.{ts,tsx}', 'apps/*/test/**/*.dom.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
