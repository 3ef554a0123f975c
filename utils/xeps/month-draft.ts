import { filingId, sectionPath, type NewsletterPreset } from '../presets/types';
import { monthChanges, type MonthChanges, type XepChange } from './changes';
import { xepEntry, type XepEntry } from './entries';
import { loadMonthHistory, monthWindow, type CommitMeta } from './history';
import { xepItemId } from './items';
import { ForgeHistory, GITHUB_API, GITHUB_RAW, type ForgeCache, type ForgeStats } from './source-forge';

/**
 * "Draft XEP updates" for one month, as the Desk runs it, without any browser API: the month
 * read from GitHub (ForgeHistory over the fetch it is given), its changes with their entries
 * grouped under the newsletter's XEP subsections, and whether the month can have changes yet.
 */

/** The two origins ForgeHistory reads, as host permission patterns: the API and the raw file host. */
export const GITHUB_ORIGINS: readonly string[] = [`${new URL(GITHUB_API).origin}/*`, `${new URL(GITHUB_RAW).origin}/*`];

/** Whether a month is over, running, or still to come (UTC, as the XSF's tools and monthWindow count). */
export function monthTiming(month: string, now: Date): 'past' | 'current' | 'future' {
  const { since, until } = monthWindow(month);
  if (now.getTime() < since.getTime()) return 'future';
  return now.getTime() < until.getTime() ? 'current' : 'past';
}

export interface ForgeMonth {
  result: MonthChanges;
  stats: ForgeStats;
  /** "github.com/xsf/xeps" */
  source: string;
}

export interface ForgeMonthOptions {
  fetch: typeof fetch;
  token: string | null;
  cache: ForgeCache;
  /** For "resets in N minutes". */
  now?: () => Date;
  onCommit?: (commit: CommitMeta, index: number, total: number) => void;
}

/** The month's XEP changes from GitHub. Throws XepSourceError (offline, rate limited…) in plain words. */
export async function draftMonthFromGithub(month: string, options: ForgeMonthOptions): Promise<ForgeMonth> {
  const forge = new ForgeHistory({ fetch: options.fetch, token: options.token, cache: options.cache, ...(options.now ? { now: options.now } : {}) });
  const history = await loadMonthHistory(forge, month, options.onCommit ? { onCommit: options.onCommit } : {});
  return { result: monthChanges(history), stats: forge.stats, source: forge.label };
}

export interface DraftedChange {
  change: XepChange;
  entry: XepEntry;
  /** The item the change becomes (the same on every run of the month). */
  itemId: string;
}

export interface EntryGroup {
  section: string;
  /** "Extensions and specifications › Updated" */
  path: string;
  changes: DraftedChange[];
}

/**
 * The changes with their entries, under their sections in the newsletter's order. Throws
 * NoXepSectionError when the newsletter has no XEP sections.
 */
export function entryGroups(result: MonthChanges, preset: NewsletterPreset): EntryGroup[] {
  const newsletter = filingId(preset);
  const drafted = result.changes.map((change) => ({
    change,
    entry: xepEntry(change, preset),
    itemId: xepItemId(newsletter, result.repository, result.month, change),
  }));
  return preset.sections
    .map((section) => ({ section: section.id, path: sectionPath(preset, section.id), changes: drafted.filter((d) => d.entry.section === section.id) }))
    .filter((group) => group.changes.length > 0);
}
