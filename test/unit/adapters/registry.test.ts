/** The adapter registry is the one list of page kinds: nothing drifts between it and the kind enum. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS } from '../../../utils/adapters';
import { ADAPTERS } from '../../../utils/adapters/readers';

const adaptersDir = path.resolve(__dirname, '../../../utils/adapters');
/** Folders that hold shared code or data, not an adapter of their own. */
const SHARED_FOLDERS = new Set(['release']);

describe('adapter registry', () => {
  it('every adapter produces a listed kind, and every kind has an adapter', () => {
    for (const adapter of ADAPTERS) expect(PAGE_KINDS, adapter.id).toContain(adapter.kind);
    for (const kind of PAGE_KINDS) expect(ADAPTERS.map((a) => a.kind), kind).toContain(kind);
  });

  it('ids are unique, every adapter folder is registered, and the generic page comes last', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const folders = readdirSync(adaptersDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !SHARED_FOLDERS.has(d.name))
      .map((d) => d.name);
    for (const folder of folders) {
      expect(existsSync(path.join(adaptersDir, folder, 'read.ts')), `${folder}/read.ts`).toBe(true);
      expect(ids, `${folder} is not in readers.ts`).toContain(folder);
      const fixtures = path.join(adaptersDir, folder, 'fixtures');
      expect(existsSync(fixtures) && readdirSync(fixtures).some((f) => f.endsWith('.json')), `${folder} has no golden fixture`).toBe(true);
    }
    expect(ids[ids.length - 1]).toBe('page');
  });
});
