import { z } from '../model/zod';
import { hlcTime, legacyHlc } from '../model/hlc';
import { checkItem, isoTimeSchema, recordLabel, type NewsItem } from '../model/item';
import { checkIssueMeta, issueMetaLabel, type IssueMeta } from '../model/issue-meta';
import { describeIssues, describeNewsletterIssues, newsletterSchema } from '../presets/schema';
import type { NewsletterPreset } from '../presets/types';

/**
 * The backup file: a versioned JSON document with items (tombstones included, so a deletion
 * travels to whoever imports it), the user's own newsletters, the issues' metadata (teaser,
 * extra contributors, occasional blocks; an optional list, so files written before it existed
 * read the same and older readers skip it), records this browser could not read (kept, never
 * dropped), and optionally settings.
 *
 * Reading is per record: the file as a whole must be a Newsdesk backup of a version this code
 * knows; then every item and definition is checked on its own with the same schema the store
 * writes with. Good records are imported, bad ones are listed with their reasons — never
 * all-or-nothing, never partial without saying so. Version 1 files (before clock stamps) are
 * read too.
 */

export const BACKUP_FORMAT = 'newsdesk-backup';
/** Bump on any change a previous reader could not handle; readers refuse newer versions. */
export const BACKUP_SCHEMA_VERSION = 2;

export type BackupScope = { kind: 'all' } | { kind: 'issue'; newsletter: string; issue: string };

/** A record the writer could not read, kept in the file as it was, with why. */
export interface DamagedRecord {
  record: unknown;
  reasons: string[];
}

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
  /** What the issues have beyond their items (utils/model/issue-meta.ts); absent in older files. */
  issueMeta?: IssueMeta[];
  /** Records the exporting browser could not read; carried so nothing is lost. */
  damaged: DamagedRecord[];
  /** This browser's settings; informative, an import does not apply them. */
  settings?: { contributor: string; newsletter: string };
}

/** A record of the file that is not imported, and why, in words. */
export interface RejectedRecord {
  /** "item 12", "newsletter 2", "damaged record 1" */
  where: string;
  label: string;
  reasons: string[];
  /** The record as it was in the file, kept aside by the import so nothing is lost. */
  record: unknown;
}

export interface ParsedBackup {
  backup: Backup;
  /** Name of the file, for messages. */
  fileName: string;
  rejected: RejectedRecord[];
}

export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

const str = (max: number) => z.string().max(max);

/** The file's frame: everything but the records, which are checked one by one. */
const frameSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  exportedAt: isoTimeSchema,
  exportedBy: str(200),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('issue'), newsletter: str(40), issue: str(20) }),
  ]),
  items: z.array(z.unknown()).max(1_000_000),
  newsletters: z.array(z.unknown()).max(500),
  issueMeta: z.array(z.unknown()).max(100_000).optional(),
  damaged: z.array(z.object({ record: z.unknown(), reasons: z.array(z.string()) })).max(1_000_000).optional(),
  settings: z.object({ contributor: str(200), newsletter: str(40) }).optional(),
});

/**
 * A version 1 item (no clock stamp): stamped from its own `updatedAt`, so importing the same
 * old file twice gives the same versions.
 */
function fromVersion1(record: unknown): unknown {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const old = record as Record<string, unknown>;
  if (typeof old.updatedAt !== 'string' || Number.isNaN(Date.parse(old.updatedAt))) return record;
  const hlc = legacyHlc(old.updatedAt, 'v1');
  const updatedAt = hlcTime(hlc);
  // Version 1 did not check that an item was created (or deleted) before its last change.
  const notAfter = (value: unknown) => (typeof value === 'string' && Date.parse(value) > Date.parse(updatedAt) ? updatedAt : value);
  return {
    ...old,
    hlc,
    updatedAt,
    createdAt: notAfter(old.createdAt),
    deletedAt: notAfter(old.deletedAt),
    updatedBy: typeof old.contributor === 'string' ? old.contributor : '',
    ancestors: [],
    history: [],
  };
}

/**
 * A backup file's text, parsed. Throws BackupFormatError (in words) only when the file as a
 * whole is not usable: not JSON, not a Newsdesk backup, from a newer Newsdesk, or a broken
 * frame. Records are checked one by one; the bad ones are in `rejected`.
 */
export function parseBackup(json: string, fileName = 'This file'): ParsedBackup {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new BackupFormatError(`${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}); it may be damaged or cut off. Nothing was imported.`);
  }
  return readBackupData(data, fileName);
}

export function readBackupData(data: unknown, fileName = 'This file'): ParsedBackup {
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new BackupFormatError(`${fileName} is not a Newsdesk backup (no "format": "${BACKUP_FORMAT}"). Nothing was imported.`);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_SCHEMA_VERSION) {
    throw new BackupFormatError(
      `${fileName} is a version ${version} backup from a newer Newsdesk; this one reads versions up to ${BACKUP_SCHEMA_VERSION}. Update Newsdesk to import it.`,
    );
  }
  const frame = frameSchema.safeParse(data);
  if (!frame.success) {
    throw new BackupFormatError(`${fileName} is a damaged Newsdesk backup; nothing was imported:\n${describeIssues(frame.error)}`);
  }
  const f = frame.data;
  const rejected: RejectedRecord[] = [];
  const items: NewsItem[] = [];
  const ids = new Map<string, number>();
  f.items.forEach((raw, index) => {
    const checked = checkItem(f.version === 1 ? fromVersion1(raw) : raw);
    if (!checked.ok) {
      rejected.push({ where: `item ${index + 1}`, label: recordLabel(raw), reasons: checked.reasons, record: raw });
      return;
    }
    const twice = ids.get(checked.item.id);
    if (twice !== undefined) {
      rejected.push({ where: `item ${index + 1}`, label: recordLabel(raw), reasons: [`its id also belongs to item ${twice + 1} of the file; the first one is imported`], record: raw });
      return;
    }
    ids.set(checked.item.id, index);
    items.push(checked.item);
  });
  const newsletters: NewsletterPreset[] = [];
  f.newsletters.forEach((raw, index) => {
    const checked = newsletterSchema.safeParse(raw);
    if (checked.success) newsletters.push(checked.data as NewsletterPreset);
    else rejected.push({ where: `newsletter ${index + 1}`, label: newsletterLabel(raw), reasons: describeNewsletterIssues(checked.error, raw).split('\n').map((l) => l.replace(/^- /, '')), record: raw });
  });
  const issueMeta: IssueMeta[] = [];
  const keys = new Map<string, number>();
  (f.issueMeta ?? []).forEach((raw, index) => {
    const checked = checkIssueMeta(raw);
    if (!checked.ok) {
      rejected.push({ where: `issue details ${index + 1}`, label: issueMetaLabel(raw), reasons: checked.reasons, record: raw });
      return;
    }
    const twice = keys.get(checked.meta.key);
    if (twice !== undefined) {
      rejected.push({ where: `issue details ${index + 1}`, label: issueMetaLabel(raw), reasons: [`the same issue as issue details ${twice + 1} of the file; the first one is imported`], record: raw });
      return;
    }
    keys.set(checked.meta.key, index);
    issueMeta.push(checked.meta);
  });
  // Records the exporting browser could not read: still not readable here (or they would have
  // been items), so they are listed — and kept by the import (utils/storage/items.ts).
  const damaged = f.damaged ?? [];
  damaged.forEach((d, index) => rejected.push({ where: `damaged record ${index + 1}`, label: recordLabel(d.record), reasons: ['the exporting browser could not read it either', ...d.reasons.slice(0, 3)], record: d.record }));
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: f.version,
    exportedAt: f.exportedAt,
    exportedBy: f.exportedBy,
    scope: f.scope,
    items,
    newsletters,
    ...(issueMeta.length ? { issueMeta } : {}),
    damaged,
    ...(f.settings ? { settings: f.settings } : {}),
  };
  return { backup, fileName, rejected };
}

function newsletterLabel(raw: unknown): string {
  const { name, id } = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (typeof name === 'string' && name) return `“${name.slice(0, 80)}”`;
  return typeof id === 'string' ? id.slice(0, 40) : 'a definition without id';
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
  issueMeta?: readonly IssueMeta[];
  damaged?: readonly DamagedRecord[];
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
    ...(input.issueMeta?.length ? { issueMeta: [...input.issueMeta].sort((a, b) => cmp(a.key, b.key)) } : {}),
    damaged: [...(input.damaged ?? [])],
    ...(input.settings ? { settings: input.settings } : {}),
  };
}

/**
 * The file's text in parts (one per record), for a Blob: a collection of any size is written
 * without building one string of it. Keys are sorted, so the same data gives the same bytes
 * however it was built or stored (a round trip is byte-identical).
 */
export function backupParts(backup: Backup): string[] {
  const { items, newsletters, issueMeta = [], damaged, ...frame } = backup;
  const head = JSON.stringify(sortKeys(frame), null, 2).replace(/\n}$/, '');
  const parts = [`${head},\n`];
  const list = (name: string, records: readonly unknown[], last: boolean) => {
    parts.push(`  "${name}": [`);
    records.forEach((record, i) => {
      const text = JSON.stringify(sortKeys(record), null, 2).replace(/\n/g, '\n    ');
      parts.push(`${i === 0 ? '\n' : ',\n'}    ${text}`);
    });
    parts.push(records.length ? `\n  ]${last ? '\n' : ',\n'}` : `]${last ? '\n' : ',\n'}`);
  };
  list('items', items, false);
  list('newsletters', newsletters, damaged.length === 0 && issueMeta.length === 0);
  if (issueMeta.length) list('issueMeta', issueMeta, damaged.length === 0);
  if (damaged.length) list('damaged', damaged, true);
  parts.push('}\n');
  return parts;
}

export function backupToJson(backup: Backup): string {
  return backupParts(backup).join('');
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
export function backupFileName(backup: Pick<Backup, 'exportedAt' | 'scope'>): string {
  const day = backup.exportedAt.slice(0, 10);
  const scope = backup.scope.kind === 'issue' ? `${backup.scope.newsletter}-${backup.scope.issue}` : 'backup';
  return `newsdesk-${scope}-${day}.json`;
}
