import { ItemStore, type StoreEnv } from '../../utils/storage/items';
import type { NewsdeskDb } from '../../utils/storage/schema';

/** A clock that moves one second per reading, from `start`. */
export function steppingNow(start = Date.parse('2023-11-01T10:00:00Z'), stepMs = 1000): () => number {
  let t = start;
  return () => (t += stepMs);
}

/** Ids id-1, id-2, … */
export function idSequence(prefix = '00000000-0000-4000-8000-'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(12, '0')}`;
}

/** A store on `db` with a stepping clock and predictable ids; `contributor` is who is writing. */
export async function storeOn(db: NewsdeskDb, options: StoreEnv & { contributor?: string } = {}): Promise<ItemStore> {
  if (options.contributor !== undefined) await db.settings.put({ key: 'contributor', value: options.contributor });
  return new ItemStore(db, { now: options.now ?? steppingNow(), newId: options.newId ?? idSequence() });
}
