// Makes tsc's declarations usable from npm: the protocol package is private, so its declarations ship inside
// dist/types and imports of it become relative; `.ts` import extensions become `.js`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const types = join(dist, 'types');
const protocolIndex = join(types, 'protocol/src/index.js');

for (const entry of readdirSync(types, { recursive: true })) {
  if (!entry.endsWith('.d.ts')) continue;
  const file = join(types, entry);
  const toProtocol = relative(dirname(file), protocolIndex);
  const source = readFileSync(file, 'utf8')
    .replace(/(from '\.{1,2}\/[^']+)\.ts'/g, "$1.js'")
    .replaceAll(
      "'@hosted-session/protocol'",
      `'${toProtocol.startsWith('.') ? toProtocol : `./${toProtocol}`}'`,
    );
  writeFileSync(file, source);
}
writeFileSync(join(dist, 'index.d.ts'), "export * from './types/sdk/src/index.js';\n");
