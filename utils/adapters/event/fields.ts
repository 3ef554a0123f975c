import { z } from '../../model/zod';

export const eventSchema = z.object({
  /** ISO 8601 date or date-time. */
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  location: z.string().nullable(),
  /** The town or city alone ("Berlin"), when the page states it; entries say "in Berlin". */
  locality: z.string().nullable().optional(),
});
export type EventInfo = z.infer<typeof eventSchema>;
