import { z } from './zod';
import { hlcTime, isHlc } from './hlc';
import { hlcSchema, isoTimeSchema, ISSUE_KEY } from './item';

/**
 * What an issue has beyond its items: the teaser the editor wrote (front matter `summary`), the
 * people credited besides those who clipped (an imported issue lists its contributors), and
 * which occasional fixed blocks appear this time (e.g. "XMPP Public channels"). One record per
 * newsletter and issue, versioned like items: a clock stamp, the stamps it descends from, and
 * the versions that lost a merge or were overwritten (the later edit wins; nothing is lost
 * without a trace).
 */

export const ISSUE_META_LIMITS = {
  summary: 5000,
  contributor: 200,
  contributors: 200,
  ancestors: 32,
  history: 10,
} as const;

const contributorsSchema = z.array(z.string().max(ISSUE_META_LIMITS.contributor)).max(ISSUE_META_LIMITS.contributors);
const blocksSchema = z.record(z.string().max(60), z.boolean());

/** The fields an editor changes; versions differing in them are different edits. */
export const ISSUE_META_FIELDS = ['summary', 'contributors', 'blocks'] as const;
export type IssueMetaField = (typeof ISSUE_META_FIELDS)[number];

/** A version that lost a merge (or was overwritten by a concurrent edit), kept on the record. */
export const lostIssueMetaSchema = z.object({
  hlc: hlcSchema,
  updatedAt: isoTimeSchema,
  updatedBy: z.string().max(200),
  reason: z.enum(['merge', 'overwritten']),
  summary: z.string().max(ISSUE_META_LIMITS.summary).nullable(),
  contributors: contributorsSchema,
  blocks: blocksSchema,
  /** The editor has seen it and chose to keep the current version. */
  dismissed: z.boolean(),
  ancestors: z.array(hlcSchema).max(ISSUE_META_LIMITS.ancestors),
});
export type LostIssueMeta = z.infer<typeof lostIssueMetaSchema>;

export const issueMetaSchema = z
  .object({
    /** `${newsletter}|${issue}` */
    key: z.string().max(80),
    /** The id items are filed under (a newsletter's family id). */
    newsletter: z.string().min(1).max(40),
    issue: z.string().regex(ISSUE_KEY, 'must be an issue like 2023-10 or 2024-W07'),
    /** The teaser as the editor wrote it; null: drafted from the items at export. */
    summary: z.string().max(ISSUE_META_LIMITS.summary).nullable(),
    /** Names credited in the contributors block in addition to the items' contributors. */
    contributors: contributorsSchema,
    /** Occasional fixed sections switched on (true) or off (false) for this issue, by section id. */
    blocks: blocksSchema,
    hlc: hlcSchema,
    updatedAt: isoTimeSchema,
    updatedBy: z.string().max(200),
    /** Stamps of the versions this one descends from, newest first. */
    ancestors: z.array(hlcSchema).max(ISSUE_META_LIMITS.ancestors),
    /** Versions that lost to this one, newest first. */
    history: z.array(lostIssueMetaSchema).max(ISSUE_META_LIMITS.history),
  })
  .superRefine((meta, ctx) => {
    if (meta.key !== issueMetaKey(meta.newsletter, meta.issue)) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: `is not “${issueMetaKey(meta.newsletter, meta.issue)}”` });
    }
    if (isHlc(meta.hlc) && hlcTime(meta.hlc) !== meta.updatedAt) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'does not match the clock stamp' });
    }
  });

export type IssueMeta = z.infer<typeof issueMetaSchema>;

/** What an editor changes of an issue's metadata. */
export type IssueMetaContent = Pick<IssueMeta, IssueMetaField>;

export function issueMetaKey(newsletter: string, issue: string): string {
  return `${newsletter}|${issue}`;
}

/** Metadata as an issue has it before anyone set any. */
export function emptyIssueMeta(newsletter: string, issue: string): Omit<IssueMeta, 'hlc' | 'updatedAt' | 'updatedBy' | 'ancestors' | 'history'> {
  return { key: issueMetaKey(newsletter, issue), newsletter, issue, summary: null, contributors: [], blocks: {} };
}

export function issueMetaContentOf(meta: IssueMetaContent): IssueMetaContent {
  return { summary: meta.summary, contributors: [...meta.contributors], blocks: { ...meta.blocks } };
}

/** Sorted-key JSON of one field's value, so {a,b} and {b,a} compare equal. */
function fieldKey(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return JSON.stringify(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return JSON.stringify(value);
}

export function changedMetaFields(a: IssueMetaContent, b: IssueMetaContent): IssueMetaField[] {
  return ISSUE_META_FIELDS.filter((field) => fieldKey(a[field]) !== fieldKey(b[field]));
}

/** Whether a metadata record says nothing beyond the defaults (no teaser, no names, no blocks). */
export function isEmptyIssueMeta(meta: IssueMetaContent): boolean {
  return meta.summary === null && meta.contributors.length === 0 && Object.keys(meta.blocks).length === 0;
}

/** Names as the contributors list keeps them: trimmed, none empty, each once (case-insensitive), in the order given. */
export function cleanContributors(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim().slice(0, ISSUE_META_LIMITS.contributor);
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out.slice(0, ISSUE_META_LIMITS.contributors);
}

/** "Alice, Bob (fae, ve), Carol" → names; a comma inside parentheses belongs to a name. */
export function parseContributorList(text: string): string[] {
  return cleanContributors(text.split(/,(?![^()]*\))/));
}

export type CheckedIssueMeta = { ok: true; meta: IssueMeta } | { ok: false; reasons: string[] };

export function checkIssueMeta(record: unknown): CheckedIssueMeta {
  const result = issueMetaSchema.safeParse(record);
  if (result.success) return { ok: true, meta: result.data };
  return { ok: false, reasons: result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`) };
}

/** What a metadata record is called in messages. */
export function issueMetaLabel(record: unknown): string {
  const { newsletter, issue, key } = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  if (typeof newsletter === 'string' && typeof issue === 'string') return `the details of ${newsletter.slice(0, 40)} ${issue.slice(0, 20)}`;
  if (typeof key === 'string' && key) return `issue details ${key.slice(0, 80)}`;
  return 'issue details without a key';
}

/**
 * The id of an issue's metadata in the newsroom (a PubSub item beside the news items) and in
 * the outbox. Item ids never take this form (random UUIDs,
 * "archive-…"); an item forged with such an id is read as metadata, fails its check and is kept aside.
 */
export const ISSUE_META_RECORD_PREFIX = 'issue-meta:';

export function issueMetaRecordId(key: string): string {
  return `${ISSUE_META_RECORD_PREFIX}${key}`;
}

/** The metadata key of a newsroom/outbox id, or null when the id is an item's. */
export function issueMetaKeyOfRecord(id: string): string | null {
  return id.startsWith(ISSUE_META_RECORD_PREFIX) ? id.slice(ISSUE_META_RECORD_PREFIX.length) : null;
}
