import type { Figure, ItemLayout } from '../model/item';
import type { PageKind, XepInfo } from '../model/details';
import { issueCadence, monthName } from '../model/issue';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { firstLink, parseIssue, type Block, type Heading } from './parse';
import { fingerprint } from '../model/fingerprint';

/**
 * A published issue (or the team's pad in the same shape) as items of a newsletter: one item
 * per entry, in the section and order it was published in, with its link, title and text
 * exactly as written. Bullets stay bullets; a subsection of its own under a collected section
 * ("### XSF Membership" and its prose) becomes a topic item; prose under a section heading a
 * paragraph item; a figure after an entry goes with that entry. Placeholders ("No XEPs …") and
 * the newsletter's fixed blocks are not items. Pure: the store writes the result.
 */

export interface ArchivedEntry {
  /** Stable for the same entry of the same issue: importing the file again finds the same item. */
  key: string;
  section: string;
  layout: ItemLayout;
  title: string;
  /** The entry's Markdown as published (for a bullet: without "- "). */
  entry: string;
  url: string | null;
  kind: PageKind;
  xep: XepInfo | null;
  release: { project: string; version: string } | null;
  figures: Figure[];
  position: number;
}

export interface ArchivedIssue {
  /** "2026-03", from the front matter (title, or the date a month back) or given. */
  issue: string;
  title: string | null;
  summary: string | null;
  /** Names the issue credits as its contributors. */
  contributors: string[];
  entries: ArchivedEntry[];
  /** Fixed sections the issue has, and occasional ones it lacks (ids). */
  fixedPresent: string[];
  /** What could not be placed, in words. */
  notices: string[];
}

export class ArchiveFormatError extends Error {
  override name = 'ArchiveFormatError';
}

/** "XMPP Clients and Applications" ~ "Clients and applications" ~ "clients & applications". */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(the\s+)?xmpp\s+/, '')
    .replace(/\band\b/g, '&')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim();
}

function namesOf(section: SectionDef): string[] {
  return [section.heading, section.label ?? '', ...(section.aliases ?? [])].filter(Boolean).map(normalizeHeading);
}

const PLACEHOLDER = /^no\b[^[\]()]*\bthis (?:month|week)\b[.!]?$/i;

function isPlaceholder(text: string, section: SectionDef): boolean {
  const t = text.trim();
  const own = section.placeholder?.replace(/^-\s+/, '').trim();
  return t === own || PLACEHOLDER.test(t);
}


function issueFromTitle(title: string | undefined): string | null {
  if (!title) return null;
  const m = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b/i.exec(title);
  if (!m) return null;
  const month = Array.from({ length: 12 }, (_, i) => monthName(i + 1).toLowerCase()).indexOf(m[1]!.toLowerCase()) + 1;
  return `${m[2]}-${String(month).padStart(2, '0')}`;
}

function issueFromDate(date: string | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(date ?? '');
  if (!m) return null;
  const index = Number(m[1]) * 12 + Number(m[2]) - 2; // the month before publication
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Names in the contributors block: "To [this issue](…): *a, b*" (2025–) or "General contributors: *a, b*". */
function contributorsOf(blocks: readonly Block[]): string[] {
  for (const block of blocks) {
    const text = block.kind === 'list' ? block.raw : block.kind === 'paragraph' ? block.text : '';
    const m = /(?:this issue\]?(?:\([^)]*\))?|General contributors)\s*:\s*(\*\*|__|\*|_)(.+?)\1(?:\s|$)/im.exec(text);
    // Commas inside parentheses belong to a name: "MSavoritias (fae,ve)".
    if (m) return m[2]!.split(/,(?![^()]*\))/).map((n) => n.trim()).filter(Boolean);
  }
  return [];
}

function xepDetails(entry: string, url: string | null): XepInfo | null {
  const number = /xep-(\d{4})\.html/.exec(url ?? '')?.[1] ?? null;
  const version = /^Version\s+([\w.+-]+)\s+of\b/i.exec(entry)?.[1] ?? null;
  const title = /\]\([^)]*\)\s*\(([^)]+)\)/.exec(entry)?.[1] ?? firstLink(entry)?.label ?? '';
  const changes = entry
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\s*[-*+]\s+/, '').trim())
    .filter(Boolean);
  const initials = /\(([^()]+)\)\s*$/.exec(changes[changes.length - 1] ?? '')?.[1] ?? null;
  return { number, title: title.slice(0, 500), version, status: null, abstract: null, lastUpdated: null, changes: changes.slice(0, 200), initials };
}

function kindFor(section: SectionDef, url: string | null): PageKind {
  const kinds = section.hints?.kinds ?? [];
  if (kinds.includes('xep') || /\/extensions\/(inbox\/)?[\w-]+\.html/.test(url ?? '')) return kinds.includes('xep') ? 'xep' : 'article';
  if (kinds.includes('release')) return 'release';
  if (kinds.includes('event')) return 'event';
  if (kinds.includes('video')) return 'video';
  if (kinds.includes('article')) return 'article';
  return 'page';
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'list':
      return block.raw;
    case 'paragraph':
      return block.text;
    default:
      return block.raw;
  }
}

function asFigure(block: Extract<Block, { kind: 'figure' }>): Figure {
  return { src: block.src, caption: block.caption, alt: block.alt };
}

/** Prose compared loosely: links, emphasis and spacing aside. */
function normalizeProse(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Read an issue file as entries of `preset`. `issue` overrides what the file says. */
export function readArchivedIssue(markdown: string, preset: NewsletterPreset, options: { issue?: string } = {}): ArchivedIssue {
  const parsed = parseIssue(markdown);
  const fields = parsed.frontMatter?.fields ?? {};
  const issue = options.issue ?? issueFromTitle(fields.title) ?? issueFromDate(fields.date);
  if (!issue || issueCadence(issue) !== preset.cadence) {
    throw new ArchiveFormatError(
      issue
        ? `"${issue}" is not an issue of ${preset.name}; say which issue this file is (e.g. --issue 2026-03).`
        : 'This file does not say which month it covers (no "title: … Month YYYY" or "date:" in its front matter); say which issue it is (e.g. --issue 2026-03).',
    );
  }
  const notices: string[] = [];
  const contributors: string[] = [];
  const entries: ArchivedEntry[] = [];
  const fixedPresent = new Set<string>();
  const counters = new Map<string, number>();
  const occurrences = new Map<string, number>();

  const add = (section: SectionDef, layout: ItemLayout, entry: string, title: string | null, figures: Figure[] = []) => {
    const link = firstLink(entry);
    const url = link?.url ?? null;
    const kind = layout === 'bullet' ? kindFor(section, url) : 'page';
    const position = (counters.get(section.id) ?? 0) + 1;
    counters.set(section.id, position);
    const base = `${issue}\n${section.id}\n${layout}\n${url ?? (title ?? entry).slice(0, 80)}`;
    const seen = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, seen);
    const project = link?.label.replace(/\s+v?\d[\w.+-]*$/, '').trim() ?? '';
    const version = [...entry.matchAll(/\[(v?\d[\w.+-]*)\]\(/g)].map((m) => m[1]!.replace(/^v/, ''))[0] ?? '';
    entries.push({
      key: `${fingerprint(base)}${seen > 1 ? `-${seen}` : ''}`,
      section: section.id,
      layout,
      title: (title ?? link?.label ?? entry.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim().slice(0, 2000),
      entry,
      url,
      kind,
      xep: kind === 'xep' ? xepDetails(entry, url) : null,
      release: kind === 'release' && project ? { project: project.slice(0, 200), version: version.slice(0, 100) } : null,
      figures,
      position,
    });
  };

  const collectedIn = (heading: Heading, parent: SectionDef | null): SectionDef | undefined => {
    const name = normalizeHeading(heading.text);
    const matches = preset.sections.filter((s) => namesOf(s).includes(name));
    if (matches.length <= 1) return matches[0];
    // Same name at several places ("Servers" was once level 2): prefer the level, then the parent's children.
    const sameLevel = matches.filter((s) => s.level === heading.level);
    const underParent = parent ? sameLevel.filter((s) => parentOf(preset, s) === parent) : [];
    return underParent[0] ?? sameLevel[0] ?? matches[0];
  };

  let level2: SectionDef | null = null;
  /** Where blocks go: a collected section, a topic being read, or nowhere (fixed text). */
  type Context =
    | { kind: 'section'; section: SectionDef; level: number }
    | { kind: 'topic'; section: SectionDef; level: number; title: string; blocks: Block[] }
    | { kind: 'skip'; level: number };
  // Assigned in the loop and read by flushTopic: typed wide so neither narrows it away.
  let context = null as Context | null;

  const flushTopic = () => {
    if (context?.kind !== 'topic') return;
    const figures = context.blocks.filter((b): b is Extract<Block, { kind: 'figure' }> => b.kind === 'figure').map(asFigure);
    const text = context.blocks.filter((b) => b.kind !== 'figure').map(blockText).join('\n\n');
    add(context.section, 'topic', text, context.title, figures);
  };

  for (const heading of parsed.headings) {
    const section = collectedIn(heading, level2);
    const inCollected: { section: SectionDef; level: number } | null = context && context.kind !== 'skip' && heading.level > context.level ? context : null;
    if (!section && inCollected) {
      // A subsection of its own under a collected section: a topic.
      flushTopic();
      context = { kind: 'topic', section: inCollected.section, level: inCollected.level, title: heading.text, blocks: [...heading.blocks] };
      continue;
    }
    flushTopic();
    if (!section) {
      const target = preset.sections.find((s) => s.id === preset.defaultSection)!;
      notices.push(`“${'#'.repeat(heading.level)} ${heading.text}” is not a section of ${preset.name}: imported as a subsection of ${target.label ?? target.heading}.`);
      context = { kind: 'topic', section: target, level: target.level, title: heading.text, blocks: [...heading.blocks] };
      continue;
    }
    if (section.level === 2) level2 = section;
    if (section.kind !== 'collected') {
      fixedPresent.add(section.id);
      if (section.kind === 'fixed') {
        const names = contributorsOf(heading.blocks);
        if (names.length) contributors.push(...names);
      }
      context = { kind: 'skip', level: heading.level };
      continue;
    }
    context = { kind: 'section', section, level: heading.level };
    let last: ArchivedEntry | null = null;
    // The section's own text (the preset's `body`) opens it: not entries.
    const bodyParagraphs = new Set((section.body ?? '').split(/\n\s*\n/).map(normalizeProse).filter(Boolean));
    let opening = true;
    for (const block of heading.blocks) {
      if (opening && block.kind === 'paragraph' && section.body) {
        if (!bodyParagraphs.has(normalizeProse(block.text))) {
          notices.push(`The text under ${section.label ?? section.heading} differs from the newsletter’s own: “${block.text.slice(0, 80)}…” (kept as the newsletter’s, not as an entry).`);
        }
        continue;
      }
      opening = false;
      if (block.kind === 'list') {
        const items = block.items.filter((text) => !(block.items.length === 1 && isPlaceholder(text, section)));
        for (const text of items) {
          add(section, 'bullet', text, null);
          last = entries[entries.length - 1]!;
        }
      } else if (block.kind === 'paragraph') {
        add(section, 'paragraph', block.text, null);
        last = entries[entries.length - 1]!;
      } else if (block.kind === 'figure') {
        if (last) last.figures.push(asFigure(block));
        else notices.push(`A figure (${block.src}) at the top of ${section.label ?? section.heading} belongs to no entry: left out.`);
      } else {
        notices.push(`${block.raw} in ${section.label ?? section.heading} is not an entry: left out.`);
      }
    }
  }
  flushTopic();
  const contributorsList = [...new Set(contributors)];
  return {
    issue,
    title: fields.title ?? null,
    summary: fields.summary ?? null,
    contributors: contributorsList,
    entries,
    fixedPresent: [...fixedPresent],
    notices,
  };
}

function parentOf(preset: NewsletterPreset, section: SectionDef): SectionDef | null {
  const index = preset.sections.indexOf(section);
  for (let i = index - 1; i >= 0; i--) {
    const s = preset.sections[i]!;
    if (s.level < section.level) return s;
  }
  return null;
}

/** The link of an entry as an absolute URL: site-relative links resolve against the site. */
export function absoluteUrl(url: string | null, siteUrl: string): string | null {
  if (!url) return null;
  try {
    return new URL(url, siteUrl).href;
  } catch {
    return null;
  }
}


/**
 * The entries of an archived issue as stored items' fields (the store stamps and writes them):
 * filed under the newsletter's family id, credited to nobody in particular (the issue's own
 * contributors are credited through its metadata), marked as coming from the archive, and
 * with their entry as drafted, so importing the file again updates what the editor did not
 * change and never overwrites what they did.
 */
export function archivedItemFields(
  archived: ArchivedIssue,
  preset: NewsletterPreset,
  options: { newsletter: string; file: string; createdAt: string },
): Array<ArchivedItemFields> {
  const site = preset.siteUrl ?? 'https://example.invalid/';
  return archived.entries.map((entry) => {
    const url = absoluteUrl(entry.url, site);
    const canonicalUrl = url ?? `urn:newsdesk:archive:${archived.issue}:${entry.key}`;
    return {
      id: `archive-${options.newsletter}-${archived.issue}-${entry.key}`,
      canonicalUrl,
      url: url ?? '',
      title: entry.title || entry.url || 'Untitled entry',
      siteName: null,
      authors: [],
      publishedAt: null,
      language: null,
      description: null,
      contentMarkdown: '',
      kind: entry.kind,
      release: entry.release,
      xep: entry.xep,
      video: null,
      event: null,
      newsletter: options.newsletter,
      issue: archived.issue,
      section: entry.section,
      entry: entry.entry,
      drafted: entry.entry,
      status: 'ready',
      position: entry.position,
      contributor: '',
      createdAt: options.createdAt,
      deletedAt: null,
      layout: entry.layout,
      ...(entry.figures.length ? { figures: entry.figures } : {}),
      source: { kind: 'archive', file: options.file.slice(0, 300), key: entry.key },
    };
  });
}

export type ArchivedItemFields = import('../model/stamp').VersionFields & { drafted: string };
