import { z } from 'zod';
import type { NewsItem } from '../model/item';
import { describeIssues, newsletterSchema } from '../presets/schema';
import type { NewsletterPreset } from '../presets/types';

/**
 * The backup file: a versioned JSON document with items (tombstones included, so a deletion
 * travels to whoever imports it), the user's own newsletters, and optionally settings.
 * Reading one validates everything; a file that does not pass is refused as a whole.
 */

export const BACKUP_FORMAT = 'newsdesk-backup';
/** Bump on any change a previous reader could not handle; readers refuse newer versions. */
export const BACKUP_SCHEMA_VERSION = 1;

export type BackupScope = { kind: 'all' } | { kind: 'issue'; newsletter: string; issue: string };

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** ISO 8601 */
  exportedAt: string;
  /** Who exported it (their contributor name), for the import report. */
  exportedBy: string;
  scope: BackupScope;
  items: NewsItem[];
  /** User-defined newsletters (built-in presets are never written). */
  newsletters: NewsletterPreset[];
  /** This browser's settings; informative, an import does not apply them. */
  settings?: { contributor: string; newsletter: string };
}

export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

const PAGE_KINDS = ['article', 'release', 'video', 'xep', 'event', 'social', 'page'] as const;
const isoTime = z.iso.datetime({ offset: true });
const str = (max: number) => z.string().max(max);
const nullableStr = (max: number) => str(max).nullable();

const itemSchema = z.object({
  id: str(100).min(1),
  canonicalUrl: str(8192).min(1),
  url: str(8192),
  title: str(2000),
  siteName: nullableStr(500),
  authors: z.array(str(500)).max(100),
  publishedAt: nullableStr(100),
  language: nullableStr(35),
  description: nullableStr(20_000),
  contentMarkdown: str(2_000_000),
  kind: z.enum(PAGE_KINDS),
  release: z.object({ project: str(200), version: str(100) }).nullable(),
  xep: z
    .object({
      number: nullableStr(10),
      title: str(500),
      version: nullableStr(50),
      status: nullableStr(50),
      abstract: nullableStr(5000),
      lastUpdated: nullableStr(50),
      changes: z.array(str(5000)).max(200),
      initials: nullableStr(50),
    })
    .nullable(),
  video: z.object({ channel: nullableStr(500), duration: nullableStr(50) }).nullable(),
  event: z.object({ startDate: nullableStr(50), endDate: nullableStr(50), location: nullableStr(500) }).nullable(),
  newsletter: str(40).min(1),
  issue: str(20).regex(/^\d{4}-(?:0[1-9]|1[0-2]|W(?:0[1-9]|[1-4]\d|5[0-3]))$/, 'must be an issue like 2023-10 or 2024-W07'),
  section: str(60).min(1),
  entry: str(100_000),
  status: z.enum(['draft', 'ready', 'excluded']),
  position: z.number().finite(),
  contributor: str(200),
  createdAt: isoTime,
  updatedAt: isoTime,
  deletedAt: isoTime.nullable(),
});

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  exportedAt: isoTime,
  exportedBy: str(200),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('issue'), newsletter: str(40), issue: str(20) }),
  ]),
  items: z.array(itemSchema).max(200_000),
  newsletters: z.array(newsletterSchema).max(500),
  settings: z.strictObject({ contributor: str(200), newsletter: str(40) }).optional(),
});

/**
 * A backup file's text, parsed and validated. Errors say what is wrong in words: not JSON, not a
 * Newsdesk backup, a backup from a newer Newsdesk, or which fields are broken.
 */
export function parseBackup(json: string, fileName = 'This file'): Backup {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new BackupFormatError(`${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}); it may be damaged or cut off.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new BackupFormatError(`${fileName} is not a Newsdesk backup (no "format": "${BACKUP_FORMAT}").`);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_SCHEMA_VERSION) {
    throw new BackupFormatError(
      `${fileName} is a version ${version} backup from a newer Newsdesk; this one reads version ${BACKUP_SCHEMA_VERSION}. Update Newsdesk to import it.`,
    );
  }
  const result = backupSchema.safeParse(data);
  if (!result.success) {
    throw new BackupFormatError(`${fileName} is a damaged Newsdesk backup; nothing was imported:\n${describeIssues(result.error)}`);
  }
  const backup = result.data as Backup;
  const ids = new Set<string>();
  for (const item of backup.items) {
    if (ids.has(item.id)) throw new BackupFormatError(`${fileName} is a damaged Newsdesk backup: item id "${item.id}" occurs twice.`);
    ids.add(item.id);
  }
  return backup;
}

/** Order in the file: stable, so two exports of the same data are byte-identical. */
function fileOrder(a: NewsItem, b: NewsItem): number {
  return cmp(a.newsletter, b.newsletter) || cmp(a.issue, b.issue) || cmp(a.section, b.section) || a.position - b.position || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface BackupInput {
  items: readonly NewsItem[];
  newsletters: readonly NewsletterPreset[];
  scope: BackupScope;
  exportedAt: Date;
  exportedBy: string;
  settings?: { contributor: string; newsletter: string };
}

/** A backup of `items` (already chosen for the scope), ready to write. */
export function buildBackup(input: BackupInput): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_SCHEMA_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    exportedBy: input.exportedBy,
    scope: input.scope,
    items: [...input.items].sort(fileOrder),
    newsletters: [...input.newsletters].sort((a, b) => cmp(a.id, b.id)),
    ...(input.settings ? { settings: input.settings } : {}),
  };
}

/**
 * The file's text. Items and newsletters are written with their keys sorted, so the same data
 * gives the same bytes however it was built or stored (a round trip is byte-identical).
 */
export function backupToJson(backup: Backup): string {
  const top = { ...backup, items: backup.items.map(sortKeys), newsletters: backup.newsletters.map(sortKeys) };
  return `${JSON.stringify(top, null, 2)}\n`;
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => cmp(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T;
  }
  return value;
}

/** "newsdesk-backup-2023-11-02.json", or "newsdesk-xmpp-2023-10-2023-11-02.json" for one issue. */
export function backupFileName(backup: Backup): string {
  const day = backup.exportedAt.slice(0, 10);
  const scope = backup.scope.kind === 'issue' ? `${backup.scope.newsletter}-${backup.scope.issue}` : 'backup';
  return `newsdesk-${scope}-${day}.json`;
}
