import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * JS the popup loads before its first paint: the scripts popup.html names and every module
 * they import statically, gzipped one by one (as the browser would fetch them).
 */
export function popupFirstLoad(outDir: string): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(path.join(outDir, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => path.join(outDir, m[1]!.replace(/^\//, '')));
  const seen = new Set<string>();
  let raw = 0;
  let gzip = 0;
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file);
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    // Static imports only: dynamic import() loads after first paint.
    for (const m of code.toString().matchAll(/\bimport\s*(?:[\w*{}\s,$]+?from\s*)?["']([^"']+\.js)["']/g)) {
      const spec = m[1]!;
      queue.push(spec.startsWith('/') ? path.join(outDir, spec.slice(1)) : path.resolve(path.dirname(file), spec));
    }
  }
  return { files: [...seen].map((f) => path.relative(outDir, f)), raw, gzip };
}
