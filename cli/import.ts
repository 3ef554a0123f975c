import { ArchiveFormatError, readArchivedIssue } from '../utils/archive/import';
import { archiveReport, planArchiveImport, type ArchiveImportReport } from '../utils/archive/plan';
import { buildBackup, type Backup } from '../utils/backup/format';
import { HybridClock, newNodeId } from '../utils/model/hlc';
import { emptyIssueMeta, issueMetaSchema, type IssueMeta } from '../utils/model/issue-meta';
import { itemSchema, type NewsItem } from '../utils/model/item';
import { stampIssueMeta, stampVersion } from '../utils/model/stamp';
import type { NewsletterPreset } from '../utils/presets/types';
import { filingId } from '../utils/presets/types';

/**
 * `newsdesk import`: a published issue or the team's pad (Markdown) as a Newsdesk backup — one
 * item per entry, in its section and order, with the issue's credited names, teaser and
 * occasional blocks as its details — by the same reader and rules as the Desk's "Import an
 * issue or pad" (utils/archive/). The extension imports the file (items keep their ids, so
 * importing a newer file of the same issue updates them by the merge rules); `newsdesk
 * export` reads it. No database: the versions are stamped by this run's own clock.
 */

export class ImportInputError extends Error {}

export interface ImportedIssue {
  backup: Backup;
  report: ArchiveImportReport;
}

function checked<T>(result: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }, what: string): T {
  if (result.success) return result.data;
  const reasons = result.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || what} ${i.message}`);
  throw new ImportInputError(`${what} cannot be stored: ${reasons.join('; ')}`);
}

export function importIssue(markdown: string, preset: NewsletterPreset, options: { issue?: string | undefined; file: string; now: number }): ImportedIssue {
  let archived;
  try {
    archived = readArchivedIssue(markdown, preset, options.issue ? { issue: options.issue } : {});
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw new ImportInputError(`${options.file}: ${error.message}`);
    throw error;
  }
  const newsletter = filingId(preset);
  const createdAt = new Date(options.now).toISOString();
  const plan = planArchiveImport({ archived, preset, newsletter, file: options.file, createdAt, local: [], meta: undefined });
  const clock = new HybridClock(newNodeId(), () => options.now);
  const items: NewsItem[] = plan.add.map((fields) => checked(itemSchema.safeParse(stampVersion(undefined, fields, clock.now(), '')), `The entry “${fields.title.slice(0, 80)}”`));
  const issueMeta: IssueMeta[] = [];
  if (plan.meta.patch) {
    const fields = { ...emptyIssueMeta(newsletter, archived.issue), ...plan.meta.patch };
    issueMeta.push(checked(issueMetaSchema.safeParse(stampIssueMeta(undefined, fields, clock.now(), '')), 'The issue’s details'));
  }
  const backup = buildBackup({
    items,
    newsletters: [],
    issueMeta,
    scope: { kind: 'issue', newsletter, issue: archived.issue },
    exportedAt: new Date(options.now),
    exportedBy: '',
  });
  return { backup, report: archiveReport(plan, preset) };
}
