import { compareHlc } from '../model/hlc';
import { changedFields, contentOf, ITEM_LIMITS, type EditableField, type LostVersion, type NewsItem } from '../model/item';

/**
 * Two versions of ONE item (same id), as pure functions. Each version carries its clock stamp
 * and the stamps it descends from, so a merge can tell:
 *   - the same version seen twice                         → same
 *   - an older version of what is stored                  → older (nothing to do)
 *   - a later edit of what is stored                      → fast-forward (an update, no conflict)
 *   - two edits made without seeing each other            → concurrent: the higher stamp wins,
 *     the other is kept in the item's history and reported — never dropped.
 * Bookkeeping (ancestors, history) is unioned, so replicas that saw the same versions hold the
 * same item whatever order they saw them in.
 */

/** What merging needs of a versioned record (an item, an issue's details). */
interface Versioned<L> {
  hlc: string;
  ancestors: string[];
  history: L[];
}

/** What it needs of a version kept in a record's history after it lost. */
interface Lost {
  hlc: string;
  ancestors: string[];
  dismissed: boolean;
}

export type MergeOutcome<V, F> =
  | { kind: 'same'; result: V }
  | { kind: 'older'; result: V }
  | { kind: 'fast-forward'; result: V; fields: F[] }
  | { kind: 'concurrent'; result: V; winner: 'local' | 'incoming'; lost: V; fields: F[] };

/** One kind of versioned record: how a version is kept once it lost, which fields differ, how much history is kept. */
export interface VersionedKind<V extends Versioned<L>, L extends Lost, F> {
  asLost(version: V, reason: 'merge'): L;
  changedFields(a: V, b: V): F[];
  historyLimit: number;
}

export type VersionOutcome = MergeOutcome<NewsItem, EditableField>;

/** JSON with sorted keys: equal data, equal text, whatever order the keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Everything but the bookkeeping a merge unions. */
function contentKey(record: Versioned<unknown>): string {
  const { ancestors: _a, history: _h, ...rest } = record;
  return canonicalJson(rest);
}

/**
 * Every version a record's copy accounts for: itself, the versions it was edited from, and the
 * versions that lost to it (its history) with theirs.
 */
function known(record: Versioned<Lost>): Set<string> {
  const stamps = new Set([record.hlc, ...record.ancestors]);
  for (const lost of record.history) {
    stamps.add(lost.hlc);
    for (const stamp of lost.ancestors) stamps.add(stamp);
  }
  return stamps;
}

/**
 * A version as kept in history after it lost, with the versions it was edited from (so a lost
 * version that a later lost version was edited from can be dropped: the later one carries it).
 */
export function asLost(version: NewsItem, reason: LostVersion['reason']): LostVersion {
  const content = contentOf(version);
  return { ...content, hlc: version.hlc, updatedAt: version.updatedAt, updatedBy: version.updatedBy, reason, dismissed: false, ancestors: version.ancestors };
}

/** Stamps newest first, each once, at most the limit. */
export function unionAncestors(current: string, ...lists: ReadonlyArray<readonly string[]>): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const stamp of list) if (stamp !== current) all.add(stamp);
  return [...all].sort((a, b) => compareHlc(b, a)).slice(0, ITEM_LIMITS.ancestors);
}

/**
 * Lost versions by stamp, newest first, at most `limit`; a dismissal anywhere stays dismissed.
 * A lost version that the current version or another lost version was edited from is dropped:
 * the later edit carries it. This keeps the history the same whatever order the versions
 * arrived in.
 */
export function unionLost<L extends Lost>(current: Pick<Versioned<L>, 'hlc' | 'ancestors'> | null, limit: number, ...lists: ReadonlyArray<readonly L[]>): L[] {
  const byStamp = new Map<string, L>();
  for (const list of lists) {
    for (const entry of list) {
      if (entry.hlc === current?.hlc) continue;
      const seen = byStamp.get(entry.hlc);
      byStamp.set(entry.hlc, seen ? { ...seen, dismissed: seen.dismissed || entry.dismissed } : entry);
    }
  }
  const superseded = new Set<string>(current?.ancestors ?? []);
  for (const entry of byStamp.values()) for (const stamp of entry.ancestors) superseded.add(stamp);
  return [...byStamp.values()]
    .filter((entry) => !superseded.has(entry.hlc))
    .sort((a, b) => compareHlc(b.hlc, a.hlc))
    .slice(0, limit);
}

/** An item's lost versions (see unionLost). */
export function unionHistory(current: Pick<NewsItem, 'hlc' | 'ancestors'> | null, ...lists: ReadonlyArray<readonly LostVersion[]>): LostVersion[] {
  return unionLost(current, ITEM_LIMITS.history, ...lists);
}

/** Merge two versions of the same record (same id). `local` is what this side holds. */
export function mergeVersionsOf<V extends Versioned<L>, L extends Lost, F>(kind: VersionedKind<V, L, F>, local: V, incoming: V): MergeOutcome<V, F> {
  const withHistory = (base: V, ...lists: ReadonlyArray<readonly L[]>): V => ({ ...base, history: unionLost(base, kind.historyLimit, ...lists) });
  if (local.hlc === incoming.hlc && contentKey(local) === contentKey(incoming)) {
    const result = { ...withHistory(local, local.history, incoming.history), ancestors: unionAncestors(local.hlc, local.ancestors, incoming.ancestors) };
    return { kind: 'same', result };
  }
  if (local.hlc !== incoming.hlc) {
    if (known(local).has(incoming.hlc)) {
      return { kind: 'older', result: withHistory(local, local.history, incoming.history) };
    }
    if (known(incoming).has(local.hlc)) {
      const result = withHistory(incoming, local.history, incoming.history);
      const fields = kind.changedFields(local, incoming);
      // The local version lost a conflict elsewhere (it is in the incoming history): say so here too.
      const lostElsewhere = incoming.history.some((h) => h.hlc === local.hlc);
      if (lostElsewhere && fields.length > 0) return { kind: 'concurrent', result, winner: 'incoming', lost: local, fields };
      return { kind: 'fast-forward', result, fields };
    }
  }
  // Concurrent edits (or, with equal stamps, a forged or damaged copy): the higher stamp wins;
  // equal stamps fall back to a fixed order of the content, so every replica picks the same.
  const order = compareHlc(incoming.hlc, local.hlc) || (contentKey(incoming) > contentKey(local) ? 1 : -1);
  const [winner, loser] = order > 0 ? [incoming, local] : [local, incoming];
  const result = withHistory(winner, [kind.asLost(loser, 'merge')], local.history, incoming.history);
  return { kind: 'concurrent', result, winner: winner === local ? 'local' : 'incoming', lost: loser, fields: kind.changedFields(winner, loser) };
}

const itemKind: VersionedKind<NewsItem, LostVersion, EditableField> = { asLost, changedFields, historyLimit: ITEM_LIMITS.history };

/** Merge two versions of the same item (same id). `local` is what this replica holds. */
export function mergeVersions(local: NewsItem, incoming: NewsItem): VersionOutcome {
  return mergeVersionsOf(itemKind, local, incoming);
}

export function sameItem(a: NewsItem, b: NewsItem): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
