import { z } from './zod';
import { hlcSchema, isoTimeSchema, ISSUE_KEY } from './item';

/**
 * What an issue has beyond its items: the teaser the editor wrote (front matter `summary`), the
 * people credited besides those who clipped (an imported issue lists its contributors), and
 * which occasional fixed blocks appear this time (e.g. "XMPP Public channels"). One record per
 * newsletter and issue, versioned like items (a clock stamp; the later edit wins).
 */
export const issueMetaSchema = z.object({
  /** `${newsletter}|${issue}` */
  key: z.string().max(80),
  newsletter: z.string().min(1).max(40),
  issue: z.string().regex(ISSUE_KEY, 'must be an issue like 2023-10 or 2024-W07'),
  /** The teaser as the editor wrote it; null: drafted from the items at export. */
  summary: z.string().max(5000).nullable(),
  /** Names credited in the contributors block in addition to the items' contributors. */
  contributors: z.array(z.string().max(200)).max(200),
  /** Occasional fixed sections switched on (true) or off (false) for this issue, by section id. */
  blocks: z.record(z.string().max(60), z.boolean()),
  hlc: hlcSchema,
  updatedAt: isoTimeSchema,
  updatedBy: z.string().max(200),
});

export type IssueMeta = z.infer<typeof issueMetaSchema>;

export function issueMetaKey(newsletter: string, issue: string): string {
  return `${newsletter}|${issue}`;
}

/** Metadata as an issue has it before anyone set any. */
export function emptyIssueMeta(newsletter: string, issue: string): Omit<IssueMeta, 'hlc' | 'updatedAt' | 'updatedBy'> {
  return { key: issueMetaKey(newsletter, issue), newsletter, issue, summary: null, contributors: [], blocks: {} };
}
