import { changedFields, type EditableField, type NewsItem } from '../model/item';
import { mergeVersions, sameItem } from './versions';
import { fingerprint } from '../model/fingerprint';

/**
 * Merging collections (a backup into this browser, several backups in the CLI, later the
 * newsroom's items), as pure functions over plain data. Items are matched by id only:
 *   - a version of an item this side has merges by its clock (utils/merge/versions.ts);
 *   - a different page that arrives under an id this side uses for another page keeps both:
 *     the arriving one gets an id derived from its own (the same one every time) and is listed;
 *   - two items of the same page (two contributors clipped it) are both kept and listed as
 *     possible duplicates — the editor decides; an editor may also place one link in two
 *     sections on purpose;
 *   - a version whose clock is far ahead of this computer's is held back and listed.
 * Every version that loses is reported and kept in the item's history.
 */

export interface ItemConflict {
  id: string;
  canonicalUrl: string;
  title: string;
  /** The version now in the collection. */
  kept: NewsItem;
  /** The version that lost, in full (it is also in the kept item's history). */
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
  /** Stored items whose stored version changes. */
  updated: Array<{ before: NewsItem; after: NewsItem; fields: EditableField[] }>;
  /** Incoming versions that change nothing: the same version, or an older one. */
  skipped: Array<{ incoming: NewsItem; reason: 'same' | 'older' }>;
  conflicts: ItemConflict[];
  /** Incoming items whose id this side uses for another page: kept under a derived id. */
  renamed: Array<{ from: string; to: string; canonicalUrl: string; otherUrl: string }>;
  /** Incoming versions not applied, with the reason in words. */
  heldBack: Array<{ version: NewsItem; reason: string }>;
  /** Pages that are more than one live item in one issue after the merge (new ones involved). */
  duplicates: Array<{ canonicalUrl: string; newsletter: string; issue: string; ids: string[] }>;
}

export interface MergeOptions {
  /** Why a version cannot be applied now (its clock is far ahead), or null when it can. Items and issue details alike. */
  holdBack?: (version: Pick<NewsItem, 'hlc' | 'updatedAt' | 'updatedBy'>) => string | null;
}


/** The id an item gets when its own is taken by another page: the same one on every import. */
export function derivedId(id: string, canonicalUrl: string): string {
  return `${id.slice(0, 90)}~${fingerprint(canonicalUrl)}`;
}

export function mergeItems(local: readonly NewsItem[], incoming: readonly NewsItem[], options: MergeOptions = {}): ItemMerge {
  const state = new Map<string, NewsItem>();
  const original = new Map<string, NewsItem>();
  for (const item of local) {
    state.set(item.id, item);
    original.set(item.id, item);
  }
  const result: Omit<ItemMerge, 'items' | 'added' | 'updated' | 'duplicates'> = { skipped: [], conflicts: [], renamed: [], heldBack: [] };

  for (const arriving of incoming) {
    const held = options.holdBack?.(arriving) ?? null;
    if (held) {
      result.heldBack.push({ version: arriving, reason: held });
      continue;
    }
    let version = arriving;
    const taken = state.get(version.id);
    if (taken && taken.canonicalUrl !== version.canonicalUrl) {
      const to = derivedId(version.id, version.canonicalUrl);
      const again = state.get(to);
      if (again && again.canonicalUrl !== version.canonicalUrl) {
        result.heldBack.push({ version, reason: `Its id is used by two other pages here (${taken.canonicalUrl}, ${again.canonicalUrl}).` });
        continue;
      }
      if (!result.renamed.some((r) => r.from === version.id && r.to === to)) {
        result.renamed.push({ from: version.id, to, canonicalUrl: version.canonicalUrl, otherUrl: taken.canonicalUrl });
      }
      version = { ...version, id: to };
    }
    const current = state.get(version.id);
    if (!current) {
      state.set(version.id, version);
      continue;
    }
    const outcome = mergeVersions(current, version);
    if (outcome.kind === 'same' || outcome.kind === 'older') result.skipped.push({ incoming: arriving, reason: outcome.kind });
    if (outcome.kind === 'concurrent' && outcome.fields.length > 0) {
      const before = original.get(version.id);
      const lostSide = before && before.hlc === outcome.lost.hlc ? 'local' : 'incoming';
      result.conflicts.push({
        id: version.id,
        canonicalUrl: version.canonicalUrl,
        title: outcome.result.title,
        kept: outcome.result,
        lost: outcome.lost,
        lostSide,
        fields: outcome.fields,
      });
    }
    state.set(version.id, outcome.result);
  }

  const added: NewsItem[] = [];
  const updated: ItemMerge['updated'] = [];
  for (const [id, item] of state) {
    const before = original.get(id);
    if (!before) added.push(item);
    else if (before !== item && !sameItem(before, item)) {
      updated.push({ before, after: item, fields: changedFields(before, item) });
    }
  }
  const items = [...state.values()];
  return { items, added, updated, ...result, duplicates: findDuplicates(items, new Set(added.map((i) => i.id))) };
}

/** Live items sharing a page within one issue, where at least one of them is new. */
function findDuplicates(items: readonly NewsItem[], fresh: ReadonlySet<string>): ItemMerge['duplicates'] {
  const groups = new Map<string, NewsItem[]>();
  for (const item of items) {
    if (item.deletedAt !== null) continue;
    const key = `${item.newsletter}\n${item.issue}\n${item.canonicalUrl}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const out: ItemMerge['duplicates'] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((i) => fresh.has(i.id))) continue;
    const [first] = group;
    out.push({ canonicalUrl: first!.canonicalUrl, newsletter: first!.newsletter, issue: first!.issue, ids: group.map((i) => i.id).sort() });
  }
  return out;
}
