import { monthChanges, type MonthChanges, type XepChange } from '../utils/xeps/changes';
import { draftSection, NoXepSectionError, xepEntry, type XepEntry } from '../utils/xeps/entries';
import { XepSourceError } from '../utils/xeps/errors';
import { loadMonthHistory, monthWindow, type HistoryBackend } from '../utils/xeps/history';
import { ForgeHistory } from '../utils/xeps/source-forge';
import { GitHistory } from '../utils/xeps/source-git';
import { buildBackup, type Backup } from '../utils/backup/format';
import { HybridClock, newNodeId } from '../utils/model/hlc';
import { itemSchema, type NewsItem } from '../utils/model/item';
import { stampVersion } from '../utils/model/stamp';
import type { NewsletterPreset } from '../utils/presets/types';
import { filingId } from '../utils/presets/types';
import { xepItems } from '../utils/xeps/items';

/**
 * `newsdesk xeps`: the month's "Extensions and specifications" changes from the xsf/xeps
 * history (a local clone, or GitHub's API), as JSON with each change's entry in the
 * newsletter's form. What an editor must look at goes to standard error.
 */

export interface XepsCommand {
  month: string;
  repo?: string | undefined;
  github?: boolean | undefined;
  token?: string | undefined;
  ref?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** The newsletter whose sections and entry templates write the entries. */
  preset: NewsletterPreset;
  /** The issue the items go in (default: the month). */
  issue?: string | undefined;
  /** This computer's clock, for the items' stamps. */
  now: number;
}

export interface XepsReport {
  month: string;
  repository: string;
  /** Where the history was read: a clone's path or github.com/xsf/xeps. */
  source: string;
  tip: string;
  commits: number;
  changes: (XepChange & { entry: XepEntry })[];
  skipped: MonthChanges['skipped'];
  warnings: MonthChanges['warnings'];
  /** The entries under their headings, as Markdown. */
  section: string;
}

/** The month's changes as items of a backup (`--backup`), stamped by this run's own clock. */
export function xepsBackup(result: MonthChanges, command: Pick<XepsCommand, 'preset' | 'issue' | 'now'>): Backup {
  const newsletter = filingId(command.preset);
  const createdAt = new Date(command.now).toISOString();
  const drafts = xepItems(result, command.preset, { newsletter, createdAt, ...(command.issue ? { issue: command.issue } : {}) });
  const clock = new HybridClock(newNodeId(), () => command.now);
  const items: NewsItem[] = drafts.map(({ fields }) => {
    const parsed = itemSchema.safeParse(stampVersion(undefined, fields, clock.now(), ''));
    if (!parsed.success) throw new XepsInputError(`the entry for ${fields.title.slice(0, 80)} cannot be stored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  });
  return buildBackup({
    items,
    newsletters: [],
    scope: { kind: 'issue', newsletter, issue: command.issue ?? result.month },
    exportedAt: new Date(command.now),
    exportedBy: '',
  });
}

export class XepsInputError extends Error {}

export async function draftXeps(command: XepsCommand): Promise<{ report: XepsReport; result: MonthChanges; log: string[] }> {
  try {
    monthWindow(command.month);
  } catch (error) {
    throw new XepsInputError(error instanceof Error ? error.message : String(error));
  }
  let backend: HistoryBackend;
  let forge: ForgeHistory | null = null;
  if (command.github) {
    forge = new ForgeHistory({ fetch: command.fetch, token: command.token ?? null });
    backend = forge;
  } else if (command.repo) {
    backend = new GitHistory(command.repo);
  } else {
    throw new XepsInputError('say where the history is: --repo <clone of xsf/xeps> or --github');
  }
  let result: MonthChanges;
  try {
    result = monthChanges(await loadMonthHistory(backend, command.month, command.ref ? { tip: command.ref } : {}));
  } catch (error) {
    if (error instanceof XepSourceError) throw new XepsInputError(error.message);
    throw error;
  }
  let changes: XepsReport['changes'];
  try {
    changes = result.changes.map((c) => ({ ...c, entry: xepEntry(c, command.preset) }));
  } catch (error) {
    if (error instanceof NoXepSectionError) throw new XepsInputError(error.message);
    throw error;
  }
  const report: XepsReport = {
    month: result.month,
    repository: result.repository,
    source: backend.label,
    tip: result.tip,
    commits: result.commitCount,
    changes,
    skipped: result.skipped,
    warnings: result.warnings,
    section: draftSection(changes.map((c) => c.entry), command.preset),
  };
  const log = [`${summary(report)}`];
  for (const s of report.skipped) log.push(`Skipped ${s.path} at ${s.commit.slice(0, 10)}: ${s.reason}.`);
  for (const w of report.warnings) log.push(`Note: ${w.path} at ${w.commit.slice(0, 10)}: ${w.message}.`);
  for (const c of changes) for (const note of c.entry.notes) log.push(`To do (${c.entry.heading}, ${c.number ? `XEP-${c.number}` : c.title}): ${note}`);
  if (forge) {
    const { apiRequests, rawRequests, rateLimit } = forge.stats;
    const left = rateLimit ? `, ${rateLimit.remaining} of ${rateLimit.limit} left until ${rateLimit.resetsAt.slice(11, 16)} UTC` : '';
    log.push(`GitHub: ${apiRequests} API request${apiRequests === 1 ? '' : 's'}${left}; ${rawRequests} raw file${rawRequests === 1 ? '' : 's'}.`);
  }
  return { report, result, log };
}

function summary(report: XepsReport): string {
  const counts = new Map<string, number>();
  for (const c of report.changes) counts.set(c.entry.heading, (counts.get(c.entry.heading) ?? 0) + 1);
  const parts = [...counts].map(([heading, n]) => `${n} ${heading}`);
  const what = report.changes.length === 0 ? 'no XEP changes' : `${report.changes.length} change${report.changes.length === 1 ? '' : 's'} (${parts.join(', ')})`;
  return `${report.month}: ${report.commits} commit${report.commits === 1 ? '' : 's'} of ${report.repository} read from ${report.source}: ${what}.`;
}
