import type { ItemSource, NewsItem } from '../model/item';
import type { VersionFields } from '../model/stamp';
import type { NewsletterPreset } from '../presets/types';
import { changeCapture } from './capture';
import type { MonthChanges, XepChange } from './changes';
import { xepEntry, type XepEntry } from './entries';
import { renderLine } from './markdown';
import { fingerprint } from '../model/fingerprint';

/**
 * A month's XEP changes as items of a newsletter's issue: one item per change, in the XEP
 * subsection the change belongs to, its entry written by the newsletter's templates (as a
 * clip of the XEP's page would be, entries.ts), its link the XEP's page, its source the
 * repository, the commit that made the change and the change's key. Pure: the store stamps and
 * writes them (ItemStore.importXepChanges), the CLI puts them in a backup.
 *
 * Ids are derived from the newsletter, the repository, the month and the change's key, so
 * drafting the same month again finds the same items. One XEP may have two items in a month
 * (New and Updated, Last Call and Stable): their keys differ.
 */

/** The fields of a drafted item, as the store stamps them. */
export type XepItemFields = VersionFields & { drafted: string; source: ItemSource };

export interface XepDraft {
  fields: XepItemFields;
  change: XepChange;
  entry: XepEntry;
}

export interface XepItemsOptions {
  /** The issue the items go in (default: the month itself). */
  issue?: string;
  /** The id the items are filed under (the newsletter's family id, utils/presets filingId). */
  newsletter: string;
  /** For new items. */
  createdAt: string;
}

/** The change within its month: which kind of news, about which file. */
export function changeKey(month: string, change: Pick<XepChange, 'subsection' | 'path'>): string {
  return `${month}/${change.subsection}/${change.path}`;
}


/** "xeps-xmpp-2026-03-updated-0461-1x2y3z4": readable, and the same on every run. */
export function xepItemId(newsletter: string, repository: string, month: string, change: Pick<XepChange, 'subsection' | 'path' | 'number'>): string {
  const what = change.number ?? 'proto';
  return `xeps-${newsletter}-${month}-${change.subsection}-${what}-${fingerprint(`${newsletter}\n${repository}\n${changeKey(month, change)}`)}`;
}

/** The month's revisions of the change as Markdown, newest first: what the entry does not print is kept here. */
function revisionNotes(change: XepChange): string {
  const blocks = change.revisions.map((revision) => {
    const when = [revision.date, revision.initials].filter(Boolean).join(', ');
    const lines = revision.remark.map((line) => renderLine(line, { self: change.number })).filter(Boolean);
    return [`Version ${revision.version.replace(/[^\w.+-]/g, '')}${when ? ` (${renderLine([{ kind: 'text', text: when }])})` : ''}`, ...lines.map((l) => `- ${l}`)].join('\n');
  });
  const abstract = renderLine(change.abstract);
  return [abstract, ...blocks].filter(Boolean).join('\n\n');
}

export function xepItems(result: MonthChanges, preset: NewsletterPreset, options: XepItemsOptions): XepDraft[] {
  const issue = options.issue ?? result.month;
  const positions = new Map<string, number>();
  return result.changes.map((change) => {
    const entry = xepEntry(change, preset);
    const capture = changeCapture(change);
    const position = (positions.get(entry.section) ?? 0) + 1;
    positions.set(entry.section, position);
    const commit = change.commits[change.commits.length - 1]?.sha;
    const fields: XepItemFields = {
      id: xepItemId(options.newsletter, result.repository, result.month, change),
      canonicalUrl: capture.canonicalUrl,
      url: capture.url,
      title: capture.title.slice(0, 2000),
      siteName: capture.siteName,
      authors: [],
      publishedAt: capture.publishedAt,
      language: capture.language,
      description: capture.description,
      contentMarkdown: revisionNotes(change),
      kind: 'xep',
      release: null,
      xep: capture.xep,
      video: null,
      event: null,
      newsletter: options.newsletter,
      issue,
      section: entry.section,
      entry: entry.markdown,
      drafted: entry.markdown,
      status: 'draft',
      position,
      contributor: '',
      createdAt: options.createdAt,
      deletedAt: null,
      source: { kind: 'xeps', repository: result.repository, ...(commit ? { commit } : {}), key: changeKey(result.month, change) },
    };
    return { fields, change, entry };
  });
}

/** Whether an item came from a run over this repository's month (its key starts with the month). */
export function isFromMonth(item: Pick<NewsItem, 'source'>, repository: string, month: string): boolean {
  return item.source?.kind === 'xeps' && item.source.repository === repository && (item.source.key ?? '').startsWith(`${month}/`);
}
