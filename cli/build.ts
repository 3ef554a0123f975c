import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * `npm run build:cli`: cli/main.ts and the core it uses (backup, presets, export, zod) as one
 * ES module for Node, with no dependencies: copy .output/cli/newsdesk.mjs anywhere and run it.
 */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

await build({
  entryPoints: [new URL('./main.ts', import.meta.url).pathname],
  outfile: new URL('../.output/cli/newsdesk.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { __NEWSDESK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
