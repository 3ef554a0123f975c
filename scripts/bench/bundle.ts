import { build } from 'esbuild';
import path from 'node:path';

/**
 * A module bundled into one classic script that assigns its exports to `globalThis[name]`,
 * so page.evaluate can define it in any page (served pages, extension pages) without
 * shipping anything in the extension.
 */
export async function bundleForPage(entry: string, name: string): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve(import.meta.dirname, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: name,
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  // `var name = ...` at top level of an evaluated script is a global in pages; be explicit.
  return `${code}\nglobalThis.${name} = ${name};`;
}
