#!/usr/bin/env node
// `npx newsdesk …` from the repository (npm exec runs the package's own "bin"). Runs the
// TypeScript source through tsx, so it is never stale and needs no build after `npm ci`.
// `npm run build:cli` makes a standalone bundle (.output/cli/newsdesk.mjs) for use elsewhere.
import { tsImport } from 'tsx/esm/api';

await tsImport('../cli/main.ts', import.meta.url);
