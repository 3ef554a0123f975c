import type { ItemStatus, NewsItem } from '../../../utils/model/item';
import type { ClipInput, ItemPatch, SaveMode } from '../../../utils/storage/collection';

/**
 * The collection as a plain Map: what Newsdesk promises about items, written as simply as
 * possible, so the model-based test can hold the real Dexie code to it. Errors are named the
 * way the real code names them; everything else is data.
 */

export type Outcome = { ok: true; item?: NewsItem } | { ok: false; error: string };

export class ModelError extends Error {}

export class CollectionModel {
  readonly items = new Map<string, NewsItem>();

  constructor(
    private readonly now: () => string,
    private readonly newId: () => string,
  ) {}

  clone(now: () => string, newId: () => string): CollectionModel {
    const copy = new CollectionModel(now, newId);
    for (const [id, item] of this.items) copy.items.set(id, structuredClone(item));
    return copy;
  }

  private live(url: string): NewsItem | undefined {
    return [...this.items.values()].find((i) => i.canonicalUrl === url && i.deletedAt === null);
  }

  /** A new item goes last in its section: one past the highest live position (at least 1). */
  private nextPosition(newsletter: string, issue: string, section: string, except: string): number {
    let max = 0;
    for (const i of this.items.values()) {
      if (i.id !== except && i.deletedAt === null && i.newsletter === newsletter && i.issue === issue && i.section === section) {
        max = Math.max(max, i.position);
      }
    }
    return max + 1;
  }

  saveClip(input: ClipInput, contributor: string, mode: SaveMode): Outcome {
    const url = input.capture.canonicalUrl;
    const live = this.live(url);
    if (mode.kind === 'create' && live) return { ok: false, error: 'DuplicateError' };
    const previous =
      mode.kind === 'update'
        ? this.items.get(mode.id)
        : [...this.items.values()].filter((i) => i.canonicalUrl === url && i.deletedAt !== null).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (mode.kind === 'update' && !previous) return { ok: false, error: 'NotFoundError' };
    if (mode.kind === 'update' && live && live.id !== mode.id) return { ok: false, error: 'DuplicateError' };
    const now = this.now();
    const { capture } = input;
    const item: NewsItem = {
      id: previous?.id ?? this.newId(),
      canonicalUrl: url,
      url: capture.url,
      title: input.title.trim() || capture.title,
      siteName: capture.siteName,
      authors: capture.authors,
      publishedAt: capture.publishedAt,
      language: capture.language,
      description: capture.description,
      contentMarkdown: capture.selectionMarkdown ?? capture.contentMarkdown,
      kind: capture.kind,
      release: capture.release,
      xep: capture.xep,
      video: capture.video,
      event: capture.event,
      newsletter: input.newsletter,
      issue: input.issue,
      section: input.section,
      entry: input.entry,
      status: previous?.status ?? 'draft',
      position: previous?.position ?? 0,
      contributor: previous?.contributor || contributor,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      deletedAt: null,
    };
    const stays = previous && previous.deletedAt === null && previous.issue === item.issue && previous.section === item.section;
    if (!stays) item.position = this.nextPosition(item.newsletter, item.issue, item.section, item.id);
    this.items.set(item.id, item);
    return { ok: true, item: structuredClone(item) };
  }

  update(id: string, patch: ItemPatch): Outcome {
    const item = this.items.get(id);
    if (!item || item.deletedAt !== null) return { ok: false, error: 'NotFoundError' };
    const next: NewsItem = { ...item, updatedAt: this.now() };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    const moved = (patch.section && patch.section !== item.section) || (patch.issue && patch.issue !== item.issue);
    if (moved && patch.position === undefined) next.position = this.nextPosition(next.newsletter, next.issue, next.section, id);
    this.items.set(id, next);
    return { ok: true, item: structuredClone(next) };
  }

  setDeleted(id: string, deleted: boolean): Outcome {
    const item = this.items.get(id);
    if (!item) return { ok: false, error: 'NotFoundError' };
    if (!deleted && item.deletedAt !== null) {
      const live = this.live(item.canonicalUrl);
      if (live) return { ok: false, error: 'DuplicateError' };
    }
    const now = this.now();
    this.items.set(id, { ...item, deletedAt: deleted ? now : null, updatedAt: now });
    return { ok: true };
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
