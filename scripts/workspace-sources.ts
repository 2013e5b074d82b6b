import { defaultClientConditions, defaultServerConditions, type UserConfig } from 'vite';

/**
 * The export condition under which the workspace's public packages name their TypeScript sources (their
 * `import`/`require` conditions name the built `dist/`). tsconfig.base.json sets it for type checking.
 */
export const SOURCE_CONDITION = '@hosted-session/source';

/** Vite and Vitest read workspace packages from source, so nothing waits on a package's build. */
export const workspaceSources = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
} satisfies UserConfig;
