import { z } from '../../model/zod';

/** A page that is an error, not the page the user meant to clip (404, 410, a "soft 404"). */
export const errorPageSchema = z.object({
  /** 404, 410, 403, 500 … when the page states the code; null for a soft 404. */
  status: z.number().int().nullable(),
  /** What the popup tells the user, in plain words. */
  message: z.string(),
});
export type ErrorPageInfo = z.infer<typeof errorPageSchema>;
