import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * `npm run build:cli`: cli/main.ts and the core it uses (backup, presets, export, zod, the
 * newsroom's XMPP client and `ws`) as one ES module for Node, with no dependencies: copy
 * .output/cli/newsdesk.mjs anywhere and run it.
 */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

await build({
  entryPoints: [new URL('./main.ts', import.meta.url).pathname],
  // Another place may be given (tests that build in parallel): `tsx cli/build.ts <outfile>`.
  outfile: process.argv[2] ?? new URL('../.output/cli/newsdesk.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // `ws` (the newsroom's WebSocket in Node) is CommonJS: give the bundle a real `require` for
  // Node's own modules; its optional native speed-ups are left out.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __newsdeskRequire } from 'node:module';\nconst require = __newsdeskRequire(import.meta.url);" },
  external: ['bufferutil', 'utf-8-validate'],
  define: { __NEWSDESK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
