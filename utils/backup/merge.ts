import type { NewsItem } from '../model/item';
import { isBuiltInPreset } from '../presets';
import type { NewsletterPreset } from '../presets/types';

/**
 * Merge rules, as pure functions over plain data. Two versions of an item are the same item
 * when they share an id or, failing that, a canonical URL. Of two versions the newer edit
 * (`updatedAt`) wins as a whole, a tombstone included, so a deletion newer than the other side's
 * edit deletes and an edit newer than a deletion restores. The merged item keeps the local id,
 * and the credit (contributor and createdAt) of whoever clipped the page first. Every version that
 * loses with different content is reported, never dropped silently.
 *
 * The rules make merging commutative and associative up to ids (the same backups in any order
 * give the same items by canonical URL), and idempotent (a second import changes nothing).
 */

/** Fields an editor changes; a losing version that differs in them is reported as a conflict. */
export const EDITABLE_FIELDS = ['entry', 'title', 'section', 'issue', 'status', 'deletedAt'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** JSON with sorted keys: equal data, equal text, whatever order the keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The content that decides a tie: everything but what the merge itself settles. */
function contentKey(item: NewsItem): string {
  const { id: _id, createdAt: _c, contributor: _p, ...content } = item;
  return canonicalJson(content);
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
}

/** The version whose content is kept: the newer edit; on a tie, a fixed order of the content. */
export function newerVersion(a: NewsItem, b: NewsItem): NewsItem {
  const d = time(a.updatedAt) - time(b.updatedAt);
  if (d !== 0) return d > 0 ? a : b;
  return contentKey(a) >= contentKey(b) ? a : b;
}

/**
 * The version that gets the credit: a named contributor before an unnamed one, then whoever
 * clipped first, then by name. Its contributor and createdAt travel together, so merging in any
 * order credits the same person.
 */
function creditVersion(a: NewsItem, b: NewsItem): NewsItem {
  const rank = (item: NewsItem) => [item.contributor.trim() ? 0 : 1, time(item.createdAt), item.contributor] as const;
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) {
    if (ra[i]! < rb[i]!) return a;
    if (ra[i]! > rb[i]!) return b;
  }
  return a;
}

/** One item from two versions of it; `local` gives the id. */
export function combineVersions(local: NewsItem, incoming: NewsItem): NewsItem {
  const winner = newerVersion(local, incoming);
  const credit = creditVersion(local, incoming);
  return { ...winner, id: local.id, createdAt: credit.createdAt, contributor: credit.contributor };
}

export function changedFields(a: NewsItem, b: NewsItem): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => a[field] !== b[field]);
}

export function sameItem(a: NewsItem, b: NewsItem): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A version that lost with different content: shown to the user, with what was kept. */
export interface ItemConflict {
  canonicalUrl: string;
  /** The version now in the collection. */
  kept: NewsItem;
  /** The version that lost, in full, so nothing in it is lost to the user. */
  lost: NewsItem;
  /** Which side the lost version came from. */
  lostSide: 'local' | 'incoming';
  fields: EditableField[];
}

export interface ItemMerge {
  /** Every item after the merge: the local ones (changed or not) and the added ones. */
  items: NewsItem[];
  /** Items that were not in the collection (tombstones included). */
  added: NewsItem[];
  /** Items whose stored version changes. */
  updated: Array<{ before: NewsItem; after: NewsItem; fields: EditableField[] }>;
  /** Incoming versions that change nothing: identical, or older than what is stored. */
  skipped: Array<{ incoming: NewsItem; reason: 'same' | 'older' }>;
  conflicts: ItemConflict[];
}

/**
 * Merge `incoming` items into `local` ones. Incoming items are folded one by one, so several
 * versions of one page in the incoming list (e.g. from several contributors' backups) merge
 * with each other too. Cost: one pass with two hash maps.
 */
export function mergeItems(local: readonly NewsItem[], incoming: readonly NewsItem[]): ItemMerge {
  const state = new Map<string, NewsItem>(); // id → current version
  const byUrl = new Map<string, string[]>(); // canonical URL → ids
  const original = new Map<string, NewsItem>();
  for (const item of local) {
    state.set(item.id, item);
    original.set(item.id, item);
    byUrl.set(item.canonicalUrl, [...(byUrl.get(item.canonicalUrl) ?? []), item.id]);
  }
  const skipped: ItemMerge['skipped'] = [];
  const conflicts: ItemConflict[] = [];

  for (const version of incoming) {
    const match = findMatch(version, state, byUrl);
    if (!match) {
      state.set(version.id, version);
      byUrl.set(version.canonicalUrl, [...(byUrl.get(version.canonicalUrl) ?? []), version.id]);
      continue;
    }
    const merged = combineVersions(match, version);
    const winner = newerVersion(match, version);
    const loser = winner === match ? version : match;
    const fields = changedFields(winner, loser);
    if (fields.length > 0 && (match.id !== version.id || loser === version)) {
      conflicts.push({ canonicalUrl: version.canonicalUrl, kept: merged, lost: loser, lostSide: loser === version ? 'incoming' : 'local', fields });
    }
    if (sameItem(merged, match)) {
      skipped.push({ incoming: version, reason: contentKey(version) === contentKey(match) ? 'same' : 'older' });
      continue;
    }
    state.set(match.id, merged);
  }

  const added: NewsItem[] = [];
  const updated: ItemMerge['updated'] = [];
  for (const [id, item] of state) {
    const before = original.get(id);
    if (!before) added.push(item);
    else if (before !== item && !sameItem(before, item)) updated.push({ before, after: item, fields: changedFields(before, item) });
  }
  return { items: [...state.values()], added, updated, skipped, conflicts };
}

/** Same id first; else a live item with the URL; else any item with it. */
function findMatch(version: NewsItem, state: ReadonlyMap<string, NewsItem>, byUrl: ReadonlyMap<string, string[]>): NewsItem | undefined {
  const same = state.get(version.id);
  if (same) return same;
  const candidates = (byUrl.get(version.canonicalUrl) ?? []).map((id) => state.get(id)).filter((i): i is NewsItem => !!i);
  return candidates.find((item) => item.deletedAt === null) ?? candidates[0];
}

export interface NewsletterMerge {
  newsletters: NewsletterPreset[];
  added: NewsletterPreset[];
  updated: Array<{ before: NewsletterPreset; after: NewsletterPreset }>;
  skipped: Array<{ incoming: NewsletterPreset; reason: 'same' | 'older' | 'built-in' }>;
}

/**
 * User newsletters merge by id, the newer `updatedAt` winning (a definition without one counts
 * as oldest). A definition using a built-in preset's id is skipped: built-ins are not editable.
 */
export function mergeNewsletters(local: readonly NewsletterPreset[], incoming: readonly NewsletterPreset[]): NewsletterMerge {
  const state = new Map(local.map((n) => [n.id, n]));
  const result: NewsletterMerge = { newsletters: [], added: [], updated: [], skipped: [] };
  for (const version of incoming) {
    if (isBuiltInPreset(version.id)) {
      result.skipped.push({ incoming: version, reason: 'built-in' });
      continue;
    }
    const current = state.get(version.id);
    if (!current) {
      state.set(version.id, version);
      result.added.push(version);
      continue;
    }
    if (canonicalJson(current) === canonicalJson(version)) {
      result.skipped.push({ incoming: version, reason: 'same' });
      continue;
    }
    const [a, b] = [current.updatedAt ?? '', version.updatedAt ?? ''];
    const incomingWins = b > a || (b === a && canonicalJson(version) > canonicalJson(current));
    if (!incomingWins) {
      result.skipped.push({ incoming: version, reason: 'older' });
      continue;
    }
    state.set(version.id, version);
    // A definition changed twice in one import is one update (or one addition), from what was stored.
    const wasAdded = result.added.findIndex((n) => n.id === version.id);
    const wasUpdated = result.updated.findIndex((u) => u.after.id === version.id);
    if (wasAdded >= 0) result.added[wasAdded] = version;
    else if (wasUpdated >= 0) result.updated[wasUpdated] = { before: result.updated[wasUpdated]!.before, after: version };
    else result.updated.push({ before: current, after: version });
  }
  result.newsletters = [...state.values()];
  return result;
}
