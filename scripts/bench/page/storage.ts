/**
 * Storage bench code, bundled by esbuild (bundle.ts) and evaluated in an extension page of
 * the built extension, so it runs on Chromium's real IndexedDB in the extension's origin —
 * the database the background uses. Nothing here ships in the extension.
 * Each function returns its own duration, measured in the page.
 */
import { parseBackup } from '../../../utils/backup/format';
import type { PageCapture } from '../../../utils/model/capture';
import type { NewsItem } from '../../../utils/model/item';
import { ItemStore, type ClipInput } from '../../../utils/storage/items';
import { NewsdeskDb } from '../../../utils/storage/schema';

const db = new NewsdeskDb();
const items = new ItemStore(db);

interface Timed<T> {
  ms: number;
  value: T;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** What the popup sends for a clip of this (generated) item. */
export function clipInputOf(item: NewsItem): ClipInput {
  const capture: PageCapture = {
    url: item.url,
    canonicalUrl: item.canonicalUrl,
    title: item.title,
    siteName: item.siteName,
    authors: item.authors,
    publishedAt: item.publishedAt,
    modifiedAt: null,
    language: item.language,
    description: item.description,
    image: null,
    schemaTypes: [],
    keywords: [],
    contentMarkdown: item.contentMarkdown,
    selectionMarkdown: null,
    kind: item.kind,
    release: item.release,
    xep: item.xep,
    video: item.video,
    event: item.event,
  };
  return { capture, newsletter: item.newsletter, issue: item.issue, section: item.section, entry: item.entry, title: item.title };
}

/** The extension's own message path: page → background → IndexedDB → page. */
async function send<T>(type: string, request: unknown): Promise<T> {
  const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
  const reply = (await chrome.runtime.sendMessage({ type, request })) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply?.ok) throw new Error(reply?.error?.message ?? 'no reply');
  return reply.value as T;
}

export const clear = () => timed(() => db.items.clear());
export const count = () => db.items.count();

export const saveViaBackground = (item: NewsItem) =>
  timed(() => send<{ item: NewsItem }>('clip.save', { input: clipInputOf(item), mode: { kind: 'create' }, suggested: item.section }).then((r) => r.item.id));

export const saveDirect = (item: NewsItem) =>
  timed(() => items.saveClip(clipInputOf(item), { kind: 'create' }).then((r) => r.item.id));

/** Bulk write of many items in one transaction (seeding for the other measures). */
export const bulkPut = (list: NewsItem[]) => timed(() => db.items.bulkPut(list).then(() => list.length));

/** The backup import as the options page runs it: parse + validate the file, plan the merge, write in one transaction. */
export const importBackupFile = (json: string) =>
  timed(() => items.importFiles([parseBackup(json)]).then((plan) => plan.items.added.length + plan.items.updated.length));

/** The popup's path to an issue: the background reads it and renders the draft. */
export const loadIssueViaBackground = (newsletter: string, issue: string) =>
  timed(() => send<{ count: number }>('export.draft', { newsletter, issue }).then((r) => r.count));

export const loadIssueDirect = (newsletter: string, issue: string) =>
  timed(() => items.listIssue(newsletter, issue).then((list) => list.items.length));

/** Every issue with its live item count (the Desk's issue list; reads all of a newsletter's items). */
export const listIssuesDirect = (newsletter: string) =>
  timed(() => items.listIssues(newsletter).then((list) => list.length));

/**
 * Full-text search as the collection allows it today (no search index): one cursor over all
 * items, matching title, entry, site and clipped text case-insensitively.
 */
export const searchScan = (query: string) =>
  timed(async () => {
    const needle = query.toLowerCase();
    const hits = await db.items
      .filter(
        (item) =>
          item.deletedAt === null &&
          (item.title.toLowerCase().includes(needle) ||
            item.entry.toLowerCase().includes(needle) ||
            (item.siteName ?? '').toLowerCase().includes(needle) ||
            item.contentMarkdown.toLowerCase().includes(needle)),
      )
      .toArray();
    return hits.length;
  });

/** The same search over all items loaded into memory first (what a page holding the list does). */
export const searchInMemory = (query: string) =>
  timed(async () => {
    const all = await db.items.toArray();
    const needle = query.toLowerCase();
    return all.filter((item) => `${item.title}\n${item.entry}\n${item.contentMarkdown}`.toLowerCase().includes(needle)).length;
  });
