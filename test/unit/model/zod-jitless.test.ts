import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * zod reads `jitless` when a schema is built, so the setting only holds if every schema gets
 * `z` from utils/model/zod.ts (which sets it first). A module importing 'zod' directly would
 * bring back the eval probe and its CSP violation in extension pages.
 */

const root = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe('zod in the extension', () => {
  it('is imported only through utils/model/zod.ts', () => {
    const direct = ['utils', 'components', 'entrypoints']
      .flatMap(sources)
      .filter((file) => file !== path.join('utils', 'model', 'zod.ts'))
      .filter((file) => /from\s+['"]zod(\/[^'"]*)?['"]/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(direct).toEqual([]);
  });
});
