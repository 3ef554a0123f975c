import { checkItem, recordLabel, type NewsItem } from '../model/item';
import type { ItemConflict } from './items';
import { mergeVersions, sameItem } from './versions';

/**
 * Versions arriving from the shared newsroom, merged into what this browser holds, as a pure
 * function (utils/storage/items.ts `applyRemote` reads and writes around it). Remote content is
 * untrusted exactly like a backup file or a clipped page:
 *   - each record is validated with the item schema on its own; one that does not pass is kept
 *     aside with its reasons, never hiding the others;
 *   - a version whose clock is far ahead of this computer's is held back (kept aside);
 *   - a record whose payload names another id than its newsroom item, or that uses the id of
 *     another page here, is kept aside (only forged or hand-edited data does that);
 *   - versions merge by their clocks (utils/merge/versions.ts): the loser of a conflict stays in
 *     the item's history and is reported.
 *
 * What to send back: a merge result the newsroom does not hold yet (a concurrent edit merged
 * here, a history entry it lacks, a newer local version) is queued, so every member ends with
 * the same item. A result equal to the newsroom's version is not sent (no echo), and a queued
 * local change it already contains is settled. Nothing is queued in answer to a record kept
 * aside: two members with different views of a clock would otherwise overwrite each other
 * forever.
 */

/** One newsroom item as the transport read it. */
export interface RemoteRecord {
  /** The PubSub item id (the news item's id). */
  id: string;
  /** The parsed payload; undefined when `problem` says why it could not be read. */
  json: unknown;
  /** Bare address of who published it, as the server says. */
  publisher?: string;
  problem?: string;
}

export interface AsideRecord {
  kind: 'held-back' | 'unreadable';
  id: string;
  label: string;
  record: unknown;
  reasons: string[];
}

export interface RemotePlan {
  /** Versions to store (new items and changed ones). */
  writes: NewsItem[];
  /** Items whose merged version the newsroom lacks: send them. */
  queue: NewsItem[];
  /** Ids whose stored version the newsroom already holds exactly: nothing of theirs is waiting. */
  settled: string[];
  /** The server-stamped sender of versions that are now current here. */
  senders: Array<{ id: string; hlc: string; jid: string; first: boolean }>;
  conflicts: ItemConflict[];
  aside: AsideRecord[];
  /** Stamps of the versions accepted (the local clock observes them). */
  observed: string[];
  added: number;
  updated: number;
  unchanged: number;
}

export interface RemoteOptions {
  /** Why a version cannot be applied now (its clock is far ahead), or null. */
  holdBack?: (version: NewsItem) => string | null;
}

/**
 * `local` holds this browser's readable versions of (at least) the ids in `records`; records
 * are in the order the newsroom delivered them.
 */
export function planRemote(local: ReadonlyMap<string, NewsItem>, records: readonly RemoteRecord[], options: RemoteOptions = {}): RemotePlan {
  const state = new Map<string, NewsItem>();
  /** The newsroom's latest readable version of each id seen in this batch. */
  const node = new Map<string, NewsItem>();
  const plan: RemotePlan = { writes: [], queue: [], settled: [], senders: [], conflicts: [], aside: [], observed: [], added: 0, updated: 0, unchanged: 0 };
  const senders = new Map<string, RemotePlan['senders'][number]>();
  const current = (id: string) => state.get(id) ?? local.get(id);

  for (const record of records) {
    const aside = (kind: AsideRecord['kind'], reasons: string[]) =>
      plan.aside.push({ kind, id: record.id, label: recordLabel(record.json), record: record.json ?? null, reasons });
    if (record.problem !== undefined) {
      aside('unreadable', [record.problem]);
      continue;
    }
    const checked = checkItem(record.json);
    if (!checked.ok) {
      aside('unreadable', checked.reasons);
      continue;
    }
    const version = checked.item;
    if (version.id !== record.id) {
      aside('unreadable', [`Its payload is the item “${version.id.slice(0, 100)}”, not the newsroom item “${record.id.slice(0, 100)}” it was published as.`]);
      continue;
    }
    const held = options.holdBack?.(version) ?? null;
    if (held) {
      aside('held-back', [held]);
      continue;
    }
    const before = current(version.id);
    if (before && before.canonicalUrl !== version.canonicalUrl) {
      aside('held-back', [`Its id is that of another page here (${before.canonicalUrl}); both are kept, this one aside.`]);
      continue;
    }
    plan.observed.push(version.hlc);
    let result: NewsItem;
    if (!before) {
      result = version;
      node.set(version.id, version);
    } else if (before.hlc === version.hlc && sameItem(before, version)) {
      // The same version again (a full catch-up reads the whole newsroom): nothing to merge.
      result = before;
      node.set(version.id, before);
    } else {
      node.set(version.id, version);
      const outcome = mergeVersions(before, version);
      result = outcome.result;
      if (outcome.kind === 'concurrent' && outcome.fields.length > 0) {
        const original = local.get(version.id);
        plan.conflicts.push({
          id: version.id,
          canonicalUrl: version.canonicalUrl,
          title: result.title,
          kept: result,
          lost: outcome.lost,
          lostSide: original && original.hlc === outcome.lost.hlc ? 'local' : 'incoming',
          fields: outcome.fields,
        });
      }
    }
    state.set(version.id, result);
    if (record.publisher && result.hlc === version.hlc) {
      senders.set(version.id, { id: version.id, hlc: version.hlc, jid: record.publisher, first: !local.has(version.id) && version.ancestors.length === 0 });
    }
  }

  for (const [id, result] of state) {
    const before = local.get(id);
    if (!before) {
      plan.added++;
      plan.writes.push(result);
    } else if (before === result || sameItem(before, result)) {
      plan.unchanged++;
    } else {
      plan.updated++;
      plan.writes.push(result);
    }
    const theirs = node.get(id);
    if (theirs && (theirs === result || sameItem(theirs, result))) plan.settled.push(id);
    else plan.queue.push(result);
  }
  plan.senders = [...senders.values()];
  return plan;
}
