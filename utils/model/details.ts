import type { z } from './zod';
import { eventSchema, pageKindSchema, releaseSchema, videoSchema, xepSchema } from '../adapters';

/**
 * What a page kind adds to an item (release, XEP, video, event): the page-kind adapters'
 * own zod schemas (utils/adapters), so the capture, the stored item and the backup file share
 * one definition. The stored item bounds them by size (utils/model/item.ts); `fitCapture`
 * (utils/model/fit.ts) shortens page text to fit before a write.
 */
export { PAGE_KINDS, pageKindSchema, eventSchema, releaseSchema, videoSchema, xepSchema } from '../adapters';
export type { EventInfo, PageKind, ReleaseInfo, VideoInfo, XepInfo } from '../adapters';

/** Characters of JSON one kind's details may take in a stored item. */
export const DETAILS_MAX_CHARS = 100_000;

/** A detail schema that also refuses details larger than DETAILS_MAX_CHARS. */
export function bounded<S extends z.ZodType>(schema: S): S {
  return schema.refine((value) => value === null || value === undefined || JSON.stringify(value).length <= DETAILS_MAX_CHARS, {
    message: `is larger than ${DETAILS_MAX_CHARS.toLocaleString('en')} characters`,
  }) as unknown as S;
}

export const storedDetails = {
  kind: pageKindSchema,
  release: bounded(releaseSchema.nullable()),
  xep: bounded(xepSchema.nullable()),
  video: bounded(videoSchema.nullable()),
  event: bounded(eventSchema.nullable()),
};
