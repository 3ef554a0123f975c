import { monthChanges, type MonthChanges, type XepChange } from '../utils/xeps/changes';
import { draftSection, xepEntry, type XepEntry } from '../utils/xeps/entries';
import { XepSourceError } from '../utils/xeps/errors';
import { loadMonthHistory, monthWindow, type HistoryBackend } from '../utils/xeps/history';
import { ForgeHistory } from '../utils/xeps/source-forge';
import { GitHistory } from '../utils/xeps/source-git';

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

export class XepsInputError extends Error {}

export async function draftXeps(command: XepsCommand): Promise<{ report: XepsReport; log: string[] }> {
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
  const changes = result.changes.map((c) => ({ ...c, entry: xepEntry(c) }));
  const report: XepsReport = {
    month: result.month,
    repository: result.repository,
    source: backend.label,
    tip: result.tip,
    commits: result.commitCount,
    changes,
    skipped: result.skipped,
    warnings: result.warnings,
    section: draftSection(changes.map((c) => c.entry)),
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
  return { report, log };
}

function summary(report: XepsReport): string {
  const counts = new Map<string, number>();
  for (const c of report.changes) counts.set(c.entry.heading, (counts.get(c.entry.heading) ?? 0) + 1);
  const parts = [...counts].map(([heading, n]) => `${n} ${heading}`);
  const what = report.changes.length === 0 ? 'no XEP changes' : `${report.changes.length} change${report.changes.length === 1 ? '' : 's'} (${parts.join(', ')})`;
  return `${report.month}: ${report.commits} commit${report.commits === 1 ? '' : 's'} of ${report.repository} read from ${report.source}: ${what}.`;
}
