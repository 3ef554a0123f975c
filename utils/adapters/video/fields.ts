import { z } from '../../model/zod';

export const videoSchema = z.object({
  channel: z.string().nullable(),
  /** ISO 8601 duration, e.g. "PT12M3S". */
  duration: z.string().nullable(),
  /** Which video site: "youtube", "peertube", "vimeo", "media.ccc.de", "fosdem" … when known. */
  host: z.string().nullable().optional(),
});
export type VideoInfo = z.infer<typeof videoSchema>;
