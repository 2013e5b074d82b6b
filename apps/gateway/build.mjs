// `pnpm build`: the gateway as one ES module (dist/main.js) that `npm start` runs with plain node; tsx is for
// development only. The workspace's own packages (TypeScript sources) and whatever only they depend on are
// bundled in; the gateway's own dependencies stay in node_modules, so each exists once.
import { cp, rm } from 'node:fs/promises';
import { build } from 'esbuild';

function isGatewayDependency(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'gateway-dependencies-external',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, ({ path }) =>
          !path.startsWith('@hosted-session/') && isGatewayDependency(path) ? { external: true } : undefined,
        );
      },
    },
  ],
});
await cp('src/store/sql/migrations', 'dist/migrations', { recursive: true });
