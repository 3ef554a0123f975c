import { mergeItems, type ItemMerge } from '../../../utils/merge/items';
import { fitCapture } from '../../../utils/model/fit';
import { HybridClock } from '../../../utils/model/hlc';
import type { ItemStatus, NewsItem } from '../../../utils/model/item';
import { stampVersion, type VersionFields } from '../../../utils/model/stamp';
import type { ClipInput, ItemPatch, SaveMode } from '../../../utils/storage/items';

/**
 * The collection as a plain Map: what Newsdesk promises about items, written as simply as
 * possible, so the model-based test can hold the real Dexie code to it. Errors are named the
 * way the real code names them; everything else is data. Every change is stamped by one
 * hybrid logical clock, as the real store's one write path does.
 */

export type Outcome = { ok: true; item?: NewsItem } | { ok: false; error: string };

export class CollectionModel {
  readonly items = new Map<string, NewsItem>();
  /** Who is writing (the real store reads it from its settings). */
  contributor = '';
  private clock: HybridClock;

  constructor(
    private readonly now: () => number,
    private readonly newId: () => string,
    last?: string,
  ) {
    this.clock = new HybridClock('model', now, last);
  }

  clone(): CollectionModel {
    const copy = new CollectionModel(this.now, this.newId, this.clock.last);
    copy.contributor = this.contributor;
    for (const [id, item] of this.items) copy.items.set(id, structuredClone(item));
    return copy;
  }

  private stamp(before: NewsItem | undefined, fields: VersionFields): NewsItem {
    return stampVersion(before, fields, this.clock.now(), this.contributor);
  }

  /** The live item with the page in one issue of one newsletter: a page clipped twice there. */
  private live(url: string, newsletter: string, issue: string): NewsItem | undefined {
    return [...this.items.values()].find((i) => i.canonicalUrl === url && i.deletedAt === null && i.newsletter === newsletter && i.issue === issue);
  }

  /** A new item goes last in its section: one past the highest live position (at least 1). */
  private nextPosition(newsletter: string, issue: string, section: string): number {
    let max = 0;
    for (const i of this.items.values()) {
      if (i.deletedAt === null && i.newsletter === newsletter && i.issue === issue && i.section === section) max = Math.max(max, i.position);
    }
    return max + 1;
  }

  saveClip(input: ClipInput, mode: SaveMode): Outcome {
    const { fields } = fitCapture(input.capture, input.title);
    const url = fields.canonicalUrl;
    const here = (i: NewsItem) => i.canonicalUrl === url && i.newsletter === input.newsletter && i.issue === input.issue;
    const live = this.live(url, input.newsletter, input.issue);
    if (mode.kind === 'create' && live) return { ok: false, error: 'DuplicateError' };
    const previous =
      mode.kind === 'update'
        ? this.items.get(mode.id)
        : [...this.items.values()].filter((i) => here(i) && i.deletedAt !== null).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (mode.kind === 'update' && (!previous || previous.canonicalUrl !== url)) return { ok: false, error: 'NotFoundError' };
    const otherLive = [...this.items.values()].find((i) => here(i) && i.deletedAt === null && i.id !== previous?.id);
    if (mode.kind === 'update' && previous?.deletedAt !== null && otherLive) return { ok: false, error: 'DuplicateError' };
    const stays = previous && previous.deletedAt === null && previous.issue === input.issue && previous.section === input.section && previous.newsletter === input.newsletter;
    const item = this.stamp(previous, {
      ...fields,
      id: previous?.id ?? this.newId(),
      newsletter: input.newsletter,
      issue: input.issue,
      section: input.section,
      entry: input.entry,
      status: previous?.status ?? 'draft',
      position: stays ? previous.position : this.nextPosition(input.newsletter, input.issue, input.section),
      contributor: previous?.contributor || this.contributor,
      createdAt: previous?.createdAt ?? new Date(this.now()).toISOString(),
      deletedAt: null,
    });
    this.items.set(item.id, item);
    return { ok: true, item: structuredClone(item) };
  }

  update(id: string, patch: ItemPatch): Outcome {
    const item = this.items.get(id);
    if (!item || item.deletedAt !== null) return { ok: false, error: 'NotFoundError' };
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ItemPatch;
    const fields = Object.keys(changes) as Array<keyof ItemPatch>;
    if (fields.every((f) => item[f] === changes[f])) return { ok: true, item: structuredClone(item) };
    const moved = (changes.section !== undefined && changes.section !== item.section) || (changes.issue !== undefined && changes.issue !== item.issue);
    const position = changes.position ?? (moved ? this.nextPosition(item.newsletter, changes.issue ?? item.issue, changes.section ?? item.section) : item.position);
    const next = this.stamp(item, { ...item, ...changes, position });
    this.items.set(id, next);
    return { ok: true, item: structuredClone(next) };
  }

  setDeleted(id: string, deleted: boolean): Outcome {
    const item = this.items.get(id);
    if (!item) return { ok: false, error: 'NotFoundError' };
    if ((item.deletedAt !== null) === deleted) return { ok: true, item: structuredClone(item) };
    if (!deleted) {
      const live = this.live(item.canonicalUrl, item.newsletter, item.issue);
      if (live && live.id !== id) return { ok: false, error: 'DuplicateError' };
    }
    const next = this.stamp(item, { ...item, deletedAt: null });
    const stamped = deleted ? { ...next, deletedAt: next.updatedAt } : next;
    this.items.set(id, stamped);
    return { ok: true, item: structuredClone(stamped) };
  }

  /** A contributor's backup arrives: the merge rules, with far-ahead clocks held back. */
  receive(versions: readonly NewsItem[]): ItemMerge {
    const result = mergeItems([...this.items.values()], versions, { holdBack: (v) => (this.clock.trusts(v.hlc) ? null : 'ahead') });
    for (const item of [...result.added, ...result.updated.map((u) => u.after)]) this.clock.observe(item.hlc);
    this.items.clear();
    for (const item of result.items) this.items.set(item.id, item);
    return result;
  }

  /** Live items of an issue in the order every view and the export use. */
  listIssue(newsletter: string, issue: string): NewsItem[] {
    return [...this.items.values()]
      .filter((i) => i.newsletter === newsletter && i.issue === issue && i.deletedAt === null)
      .sort((a, b) => a.position - b.position || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id))
      .map((i) => structuredClone(i));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { ItemStatus };
