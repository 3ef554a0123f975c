/**
 * The page kinds and the shape of a capture, from the adapters' own field schemas. This module
 * holds data and zod schemas only (no DOM code), so stored items, backups, presets and the
 * newsletter editor can import it without pulling the extractor in. The adapters themselves
 * (detect and read, in the page) are listed in ./readers.ts; test/unit/adapters/registry.test.ts
 * checks that every kind here has an adapter and every adapter's kind is here.
 */
import { z } from '../model/zod';
import { errorPageSchema } from './error-page/fields';
import { eventSchema } from './event/fields';
import { fieldSourceSchema, sourcedFieldSchema } from './fields';
import { mailSchema } from './mailing-list/fields';
import { releaseSchema } from './release/fields';
import { videoSchema } from './video/fields';
import { xepSchema } from './xep/fields';

export { errorPageSchema, type ErrorPageInfo } from './error-page/fields';
export { eventSchema, type EventInfo } from './event/fields';
export { fieldSourceSchema, inlinePartSchema, sourcedFieldSchema, type FieldSource, type InlinePart, type SourcedField } from './fields';
export { mailSchema, type MailInfo } from './mailing-list/fields';
export { releaseSchema, repositorySchema, type ReleaseInfo, type Repository } from './release/fields';
export { videoSchema, type VideoInfo } from './video/fields';
export { xepRevisionSchema, xepSchema, type XepInfo, type XepRevision } from './xep/fields';

/**
 * What kind of page this is; drives the section and the entry's wording. Several adapters may
 * produce one kind (every forge's release page is a "release").
 */
export const PAGE_KINDS = ['article', 'release', 'video', 'xep', 'event', 'social', 'mailing-list', 'error', 'page'] as const;
export const pageKindSchema = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof pageKindSchema>;

/**
 * What the injected script reads off a page. Plain data (structured-clone safe): it crosses
 * from the page's isolated world to the extension through scripting.executeScript.
 */
export const pageCaptureSchema = z.object({
  /** The tab's URL as loaded. */
  url: z.string(),
  /** rel=canonical / og:url, absolute, tracking parameters removed. Dedupe key. */
  canonicalUrl: z.string(),
  /** Title without a " | Site name" suffix. Never empty (falls back to the host). */
  title: z.string(),
  siteName: z.string().nullable(),
  authors: z.array(z.string()),
  /** ISO 8601, keeping the page's own offset; null when the page does not say. */
  publishedAt: z.string().nullable(),
  modifiedAt: z.string().nullable(),
  /** BCP 47 primary tag as the page declares it, lower case ("en", "de"). */
  language: z.string().nullable(),
  /** The page's own description (meta description / og:description / JSON-LD). */
  description: z.string().nullable(),
  image: z.string().nullable(),
  /** schema.org @type values found in JSON-LD, e.g. ["BlogPosting"]. */
  schemaTypes: z.array(z.string()),
  keywords: z.array(z.string()),
  /** Main content as Markdown; '' when none could be found. */
  contentMarkdown: z.string(),
  /** The user's selection as Markdown, when there was one; it replaces the content. */
  selectionMarkdown: z.string().nullable(),
  kind: pageKindSchema,
  release: releaseSchema.nullable(),
  xep: xepSchema.nullable(),
  video: videoSchema.nullable(),
  event: eventSchema.nullable(),
  /** A mailing-list message: list and subject. */
  mail: mailSchema.nullable().optional(),
  /** The page is an error page (404, 410, soft 404): what to tell the user. */
  error: errorPageSchema.nullable().optional(),
  /** Which adapter read the page ("github-release", "xep", "article" …). */
  adapter: z.string().optional(),
  /**
   * The text's own opening paragraph as plain text, captions, credits, bylines, datelines and
   * headings skipped; what an entry leads with when the description does not describe the page.
   */
  lead: z.string().nullable().optional(),
  /** Per field, where its value came from; a field that was not found has no entry. */
  sources: z.partialRecord(sourcedFieldSchema, fieldSourceSchema).optional(),
});
export type PageCapture = z.infer<typeof pageCaptureSchema>;
