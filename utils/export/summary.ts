import { oneLine } from '../markdown/escape';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { renderEntryTemplate } from '../templates/entry-template';
import type { DraftItem } from './select';

/**
 * The front matter teaser ("In this issue: …") drafted from the items, in the words the
 * XMPP Newsletter uses since November 2025: what the XSF announces, the events, the articles and
 * talks by title; the projects with releases by section ("Update your clients with Gajim and
 * Monal and your servers with ejabberd 26.03"); the XEP news counted in words ("a proposed XEP,
 * four updated ones, and a Last Call"). The editor rewrites it in the Desk; this is the start.
 * Plain text (it is a YAML string, never Markdown).
 */

export type SummaryItem = DraftItem & { release?: { project: string } | null };

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function inWords(n: number): string {
  return WORDS[n] ?? n.toLocaleString('en');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b and c" — the newsletter's own lists use no Oxford comma in names. */
export function listOf(parts: readonly string[], lastJoin = ' and '): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')}${lastJoin}${parts[parts.length - 1]}`;
}

/** What the summary says about a XEP section with `n` entries, or null when it is not XEP news. */
function xepPhrase(section: SectionDef, n: number): string | null {
  const one = n === 1;
  const count = inWords(n);
  switch (section.id) {
    case 'xep-proposed':
      return one ? 'a proposed XEP' : `${count} proposed XEPs`;
    case 'xep-new':
      return one ? 'a new XEP' : `${count} new ones`;
    case 'xep-updated':
      return one ? 'an updated one' : `${count} updated ones`;
    case 'xep-last-call':
      return one ? 'a Last Call' : `${count} Last Calls`;
    case 'xep-stable':
      return one ? 'a XEP moved to Stable' : `${count} moved to Stable`;
    case 'xep-deferred':
      return one ? 'a deferred one' : `${count} deferred`;
    case 'xep-deprecated':
      return one ? 'a deprecated one' : `${count} deprecated`;
    case 'xep-rejected':
      return one ? 'a rejected one' : `${count} rejected`;
    default:
      return null;
  }
}

/** "clients", "servers", "libraries and tools" for "Update your clients with …". */
function audience(section: SectionDef): string {
  return (section.label ?? section.heading).replace(/^xmpp\s+/i, '').replace(/\s*&\s*/, ' and ').toLowerCase();
}

function titleOf(item: SummaryItem): string {
  return oneLine(item.title).replace(/[.!?]+$/, '');
}

const MAX_HIGHLIGHTS = 8;

/** The teaser's parts, for the preset's summary template. */
export function summaryParts(preset: NewsletterPreset, bySection: ReadonlyMap<string, readonly SummaryItem[]>): { highlights: string; releases: string; xeps: string } {
  const highlights: string[] = [];
  const releases: string[] = [];
  const xeps: string[] = [];
  // Software News: every subsection beside the one that takes releases holds releases too.
  const parentOf = (section: SectionDef) => {
    const index = preset.sections.indexOf(section);
    for (let i = index - 1; i >= 0; i--) if (preset.sections[i]!.level < section.level) return preset.sections[i]!.id;
    return null;
  };
  const releaseParents = new Set(preset.sections.filter((s) => s.level === 3 && s.hints?.kinds?.includes('release')).map(parentOf));
  for (const section of preset.sections) {
    const items = bySection.get(section.id) ?? [];
    if (items.length === 0 || section.kind !== 'collected') continue;
    const xep = xepPhrase(section, items.length);
    if (xep) {
      xeps.push(xep);
      continue;
    }
    const kinds = section.hints?.kinds ?? [];
    if (kinds.includes('release') || (section.level === 3 && releaseParents.has(parentOf(section)))) {
      const projects = [...new Set(items.map((i) => oneLine(i.release?.project || i.title)))].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
      releases.push(`your ${audience(section)} with ${listOf(projects)}`);
    } else if (kinds.includes('event') && items.length > 1) {
      highlights.push(`${capitalised(inWords(items.length))} ${section.heading}`);
    } else if (kinds.includes('video')) {
      highlights.push(...items.map((i) => `on video: ${titleOf(i)}`));
    } else {
      highlights.push(...items.map(titleOf));
    }
  }
  const shown = highlights.slice(0, MAX_HIGHLIGHTS);
  if (highlights.length > shown.length) shown.push(`${inWords(highlights.length - shown.length)} more`);
  return {
    highlights: listOf(shown, ', and '),
    releases: releases.length ? `Update ${listOf(releases)}` : '',
    xeps: listOf(xeps, ', and '),
  };
}

/** The drafted teaser, or null when the newsletter has none (or the issue has nothing yet). */
export function draftSummary(preset: NewsletterPreset, bySection: ReadonlyMap<string, readonly SummaryItem[]>): string | null {
  if (!preset.summary) return null;
  const parts = summaryParts(preset, bySection);
  if (!parts.highlights && !parts.releases && !parts.xeps) return null;
  return oneLine(renderEntryTemplate(preset.summary.template, { ...parts, highlights: parts.highlights || 'news from the XMPP community' }));
}
