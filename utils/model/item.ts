import { z } from './zod';
import { storedDetails } from './details';
import { HLC_PATTERN, hlcTime, isHlc } from './hlc';

/**
 * One clipped news item as stored, as written to a backup and as synced: ONE zod schema, and
 * the TypeScript type derived from it, so the store, the backup file and the editor cannot
 * drift apart. Limits are enforced where items are written (utils/storage/items.ts), with this
 * same schema, so everything the store accepts can be backed up and read back.
 *
 * Designed for merging and sync: a random stable id, a hybrid-logical-clock stamp per version
 * with the stamps it descends from, a tombstone instead of hard deletes, who clipped it and who
 * changed it last, and the versions that lost a merge (nothing disappears without a trace).
 */

export const ITEM_LIMITS = {
  id: 100,
  url: 8192,
  title: 2000,
  siteName: 500,
  author: 500,
  authors: 100,
  publishedAt: 100,
  language: 35,
  description: 20_000,
  contentMarkdown: 2_000_000,
  newsletter: 40,
  section: 60,
  entry: 100_000,
  contributor: 200,
  /** Stamps of earlier versions kept, to tell an update from a concurrent edit. */
  ancestors: 32,
  /** Versions that lost a merge or were overwritten, kept for the editor. */
  history: 20,
} as const;

export const ITEM_STATUSES = ['draft', 'ready', 'excluded'] as const;
export const itemStatusSchema = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

const str = (max: number) => z.string().max(max, { message: `is longer than ${max.toLocaleString('en')} characters` });
const nullableStr = (max: number) => str(max).nullable();
export const isoTimeSchema = z.iso.datetime({ offset: true, message: 'is not a date and time' });
export const hlcSchema = z.string().regex(HLC_PATTERN, 'is not a Newsdesk clock stamp').refine(isHlc, 'is not a Newsdesk clock stamp');
export const ISSUE_KEY = /^\d{4}-(?:0[1-9]|1[0-2]|W(?:0[1-9]|[1-4]\d|5[0-3]))$/;
const issueSchema = z.string().regex(ISSUE_KEY, 'must be an issue like 2023-10 or 2024-W07');

/** The fields an editor changes; versions differing in them are different edits. */
export const EDITABLE_FIELDS = ['title', 'entry', 'section', 'issue', 'status', 'deletedAt', 'contributor', 'newsletter', 'position', 'layout'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * How an item is written in its section: a bullet of a list, its own subsection ("### Title"
 * followed by the entry as prose), or a paragraph under the section heading.
 */
export const ITEM_LAYOUTS = ['bullet', 'topic', 'paragraph'] as const;
export const itemLayoutSchema = z.enum(ITEM_LAYOUTS);
export type ItemLayout = z.infer<typeof itemLayoutSchema>;

/** A version that lost a merge (or was overwritten by a concurrent edit), kept on the item. */
export const lostVersionSchema = z.object({
  hlc: hlcSchema,
  updatedAt: isoTimeSchema,
  updatedBy: str(ITEM_LIMITS.contributor),
  /** 'merge': lost to a concurrent version from elsewhere; 'overwritten': replaced while being edited. */
  reason: z.enum(['merge', 'overwritten']),
  title: str(ITEM_LIMITS.title),
  entry: str(ITEM_LIMITS.entry),
  newsletter: str(ITEM_LIMITS.newsletter),
  section: str(ITEM_LIMITS.section),
  issue: issueSchema,
  status: itemStatusSchema,
  deletedAt: isoTimeSchema.nullable(),
  contributor: str(ITEM_LIMITS.contributor),
  position: z.number().finite(),
  layout: itemLayoutSchema.optional(),
  /** The editor has seen it and chose to keep the current version. */
  dismissed: z.boolean(),
  /** Stamps this version descended from: a lost version superseded by a later lost one is dropped. */
  ancestors: z.array(hlcSchema).max(ITEM_LIMITS.ancestors),
});
export type LostVersion = z.infer<typeof lostVersionSchema>;

/**
 * Where an item came from, when not from a clip of a page: drafted from the XSF's XEP history
 * (repository, commit, and the key that identifies the change within its month), or read from
 * a published issue or the team's pad (the archive).
 */
export const itemSourceSchema = z.object({
  kind: z.enum(['clip', 'xeps', 'archive']),
  repository: str(500).optional(),
  commit: str(100).optional(),
  /** Stable within the source: re-drafting the same change finds the same item. */
  key: str(300).optional(),
  /** The file an archived entry was read from, e.g. "2026-04-05-newsletter.md". */
  file: str(300).optional(),
});
export type ItemSource = z.infer<typeof itemSourceSchema>;

/** A picture shown after an entry: a Hugo figure, from the site's own media path only. */
export const figureSchema = z.object({
  src: str(500).min(1, 'is empty'),
  caption: str(500).nullable(),
  alt: str(500).nullable(),
});
export type Figure = z.infer<typeof figureSchema>;

export const itemSchema = z
  .object({
    /** Random UUID, never reused. */
    id: str(ITEM_LIMITS.id).min(1, 'is empty'),
    /** Dedupe key: canonical URL with tracking parameters removed. */
    canonicalUrl: str(ITEM_LIMITS.url).min(1, 'is empty'),
    /** URL the page was clipped from. */
    url: str(ITEM_LIMITS.url),
    title: str(ITEM_LIMITS.title),
    siteName: nullableStr(ITEM_LIMITS.siteName),
    authors: z.array(str(ITEM_LIMITS.author)).max(ITEM_LIMITS.authors, { message: `has more than ${ITEM_LIMITS.authors} names` }),
    publishedAt: nullableStr(ITEM_LIMITS.publishedAt),
    language: nullableStr(ITEM_LIMITS.language),
    description: nullableStr(ITEM_LIMITS.description),
    contentMarkdown: str(ITEM_LIMITS.contentMarkdown),
    ...storedDetails,
    /** Newsletter (preset) id, e.g. "xmpp". */
    newsletter: str(ITEM_LIMITS.newsletter).min(1, 'is empty'),
    /** Issue period key: "YYYY-MM" (monthly) or "YYYY-Www" (weekly). */
    issue: issueSchema,
    /** Section id within the newsletter. */
    section: str(ITEM_LIMITS.section).min(1, 'is empty'),
    /**
     * The entry as Markdown for one list item, without the leading "- ". Nested lines
     * (e.g. XEP change bullets) follow, indented by two spaces.
     */
    entry: str(ITEM_LIMITS.entry),
    status: itemStatusSchema,
    /** Sort key within a section (ascending). */
    position: z.number().finite(),
    /** Who clipped it: kept through merges; only an editor's explicit change replaces it. */
    contributor: str(ITEM_LIMITS.contributor),
    /** ISO 8601 timestamps (UTC). `updatedAt` is the wall time of `hlc`. */
    createdAt: isoTimeSchema,
    updatedAt: isoTimeSchema,
    /** Tombstone: set instead of deleting, so merges and sync see deletions. */
    deletedAt: isoTimeSchema.nullable(),
    /** Clock stamp of this version (utils/model/hlc.ts). */
    hlc: hlcSchema,
    /** Who made this version. */
    updatedBy: str(ITEM_LIMITS.contributor),
    /** Stamps of the versions this one descends from, newest first. */
    ancestors: z.array(hlcSchema).max(ITEM_LIMITS.ancestors),
    /** Versions that lost to this one, newest first. */
    history: z.array(lostVersionSchema).max(ITEM_LIMITS.history),
    /** Where the item came from (absent: clipped from its page). */
    source: itemSourceSchema.optional(),
    /**
     * The entry as Newsdesk last drafted it. An entry still equal to it was not edited by hand,
     * so drafting again may replace it; an edited one is never overwritten.
     */
    drafted: str(ITEM_LIMITS.entry).optional(),
    /** How the item is written; absent: as its section lays items out. */
    layout: itemLayoutSchema.optional(),
    /** Pictures after the entry. */
    figures: z.array(figureSchema).max(10).optional(),
  })
  .superRefine((item, ctx) => {
    if (isHlc(item.hlc) && hlcTime(item.hlc) !== item.updatedAt) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'does not match the clock stamp' });
    }
    // A version cannot have been created or deleted after it was written.
    const updated = Date.parse(item.updatedAt);
    if (Date.parse(item.createdAt) > updated) ctx.addIssue({ code: 'custom', path: ['createdAt'], message: 'is later than the last change' });
    if (item.deletedAt !== null && Date.parse(item.deletedAt) > updated) ctx.addIssue({ code: 'custom', path: ['deletedAt'], message: 'is later than the last change' });
  });

export type NewsItem = z.infer<typeof itemSchema>;

/** The part of an item an editor changes, compared across versions. */
export type ItemContent = Pick<NewsItem, EditableField>;

export function contentOf(item: Pick<NewsItem, EditableField>): ItemContent {
  const out: Partial<Record<EditableField, unknown>> = {};
  for (const field of EDITABLE_FIELDS) out[field] = item[field];
  return out as ItemContent;
}

export function changedFields(a: Pick<NewsItem, EditableField>, b: Pick<NewsItem, EditableField>): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => a[field] !== b[field]);
}

/** A record read from storage or a file, checked: the item, or the reasons it is not one. */
export type Checked = { ok: true; item: NewsItem } | { ok: false; reasons: string[] };

export function checkItem(record: unknown): Checked {
  const result = itemSchema.safeParse(record);
  if (result.success) return { ok: true, item: result.data };
  return { ok: false, reasons: result.error.issues.slice(0, 5).map((issue) => `${pathText(issue.path)}: ${issue.message}`) };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(record)';
}

/** What a damaged record is called in messages: its title or id when it has one. */
export function recordLabel(record: unknown): string {
  if (record && typeof record === 'object') {
    const { title, id, canonicalUrl } = record as Record<string, unknown>;
    if (typeof title === 'string' && title.trim()) return `“${title.trim().slice(0, 80)}”`;
    if (typeof canonicalUrl === 'string' && canonicalUrl) return canonicalUrl.slice(0, 200);
    if (typeof id === 'string' && id) return `item ${id.slice(0, 100)}`;
  }
  return 'a record without id';
}
