import { z } from './zod';

/**
 * What a page kind adds to an item (release, XEP, video, event), as zod schemas: the one
 * definition the capture, the stored item and the backup file share. Limits are the stored
 * item's; `fitCapture` (utils/model/fit.ts) shortens page text to them before a write.
 */

export const PAGE_KINDS = ['article', 'release', 'video', 'xep', 'event', 'social', 'page'] as const;
export const pageKindSchema = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof pageKindSchema>;

const str = (max: number) => z.string().max(max);
const nullableStr = (max: number) => str(max).nullable();

export const releaseSchema = z.object({
  /** Project name as the newsletter writes it, e.g. "Gajim". */
  project: str(200),
  /** Version without a leading "v", e.g. "1.8.2". */
  version: str(100),
});
export type ReleaseInfo = z.infer<typeof releaseSchema>;

/** An XMPP extension (XEP) page as xmpp.org/extensions serves it. */
export const xepSchema = z.object({
  /** "0424", or null for a ProtoXEP in the inbox. */
  number: nullableStr(10),
  title: str(500),
  version: nullableStr(50),
  /** "Experimental", "Stable", "Deferred", "ProtoXEP" … as the page states it. */
  status: nullableStr(50),
  abstract: nullableStr(5000),
  /** ISO date (YYYY-MM-DD) of the latest revision. */
  lastUpdated: nullableStr(50),
  /** Remarks of the latest revision, one per change. */
  changes: z.array(str(5000)).max(200),
  /** Initials of whoever made the latest revision, e.g. "jcb". */
  initials: nullableStr(200),
});
export type XepInfo = z.infer<typeof xepSchema>;

export const videoSchema = z.object({
  channel: nullableStr(500),
  /** ISO 8601 duration, e.g. "PT12M3S". */
  duration: nullableStr(50),
});
export type VideoInfo = z.infer<typeof videoSchema>;

export const eventSchema = z.object({
  /** ISO 8601 date or date-time. */
  startDate: nullableStr(50),
  endDate: nullableStr(50),
  location: nullableStr(500),
  /** The town or city alone ("Berlin"), when the page states it; entries say "in Berlin". */
  locality: nullableStr(200).optional(),
});
export type EventInfo = z.infer<typeof eventSchema>;
