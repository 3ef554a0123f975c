/** Schemas every adapter shares: where a metadata field came from, and inline text with code. */
import { z } from '../model/zod';

/** Where a metadata field's value was read from (the first source in precedence that had it). */
export const fieldSourceSchema = z.enum([
  'json-ld',
  'microdata',
  'opengraph',
  'twitter',
  'meta',
  'citation',
  'dublin-core',
  'microformats',
  'time-element',
  'byline',
  'link',
  'html',
  'title',
  'heading',
  'forge',
  'url',
]);
export type FieldSource = z.infer<typeof fieldSourceSchema>;

/** The PageCapture fields that carry a provenance in `sources`. */
export const sourcedFieldSchema = z.enum([
  'title',
  'canonicalUrl',
  'siteName',
  'authors',
  'publishedAt',
  'modifiedAt',
  'language',
  'description',
  'image',
]);
export type SourcedField = z.infer<typeof sourcedFieldSchema>;

/**
 * A run of page text, marked when the page showed it as code (`<code>`, `<tt>`), so an entry
 * can write it as `code` without trusting Markdown that came from the page.
 */
export const inlinePartSchema = z.object({ text: z.string(), code: z.boolean().optional() });
export type InlinePart = z.infer<typeof inlinePartSchema>;
