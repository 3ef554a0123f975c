import { escapeInline, mdLink, oneLine } from '../markdown/escape';
import { figureShortcode } from '../markdown/figure';
import { escapePlainText, sanitizeMarkdown, type Sanitized } from '../markdown/sanitize';
import { verifyDraft } from '../markdown/verify';
import { issueCadence } from '../model/issue';
import { urlPattern } from '../presets/pattern';
import type { EntryPrefixRule, NewsletterPreset, SectionDef } from '../presets/types';
import { contributorNames, formatContributors } from './contributors';
import { draftSummary } from './summary';
import { orderedContributors, translationLines } from './team';
import { entryBullet } from './entry';
import { compareVersions, groupReleases } from './group-releases';
import { defaultPublishDate, isIsoDate } from './publish';
import { collectIssueItems, type DraftItem } from './select';
import { issueVariables, renderTemplate } from './template';
import { yamlScalar } from './yaml';

// The export's callers need the file name with the text; one import gives both.
export { defaultPublishDate, draftFileName } from './publish';

export interface DraftInput {
  preset: NewsletterPreset;
  /** "YYYY-MM" */
  issue: string;
  /** Everything stored; the draft picks this issue's live, non-excluded items. */
  items: readonly DraftItem[];
  /** "YYYY-MM-DD"; default: the preset's publish day of the following month. */
  publishDate?: string;
  /** What the issue has beyond its items (utils/model/issue-meta.ts): the editor's teaser, extra credits, occasional blocks. */
  meta?: { summary: string | null; contributors: readonly string[]; blocks: Readonly<Record<string, boolean>> } | null;
}

/** An item the draft could not include: it stands in the draft as a visible TODO line instead. */
export interface DraftProblem {
  itemId: string;
  title: string;
  reason: string;
}

/** Something the export changed for safety, in plain words; `itemId` null for the newsletter's own text. */
export interface DraftNotice {
  itemId: string | null;
  /** The item's title, or which part of the newsletter ("intro", "section “Articles”"). */
  title: string;
  notice: string;
}

export interface ComposedDraft {
  markdown: string;
  problems: DraftProblem[];
  notices: DraftNotice[];
}

/** Shortcodes the newsletter's site has and the built-in newsletters use; entries may use none. */
export const DRAFT_SHORTCODES: readonly string[] = ['newsletter-subscribe', 'figure'];

/** The draft failed its last check outside any item: the newsletter definition's own text. */
export class DraftSafetyError extends Error {
  override name = 'DraftSafetyError';
}

/**
 * A month's items as a complete draft issue in Hugo Markdown: front matter, intro, every
 * section of the preset in order (placeholders for empty ones, optional ones left out), the
 * fixed closing blocks. Blocks are separated by one blank line; the file ends with "\n".
 *
 * Every entry and every piece of the newsletter's text is sanitized (../markdown/sanitize),
 * and the assembled draft is checked as a whole (../markdown/verify). An item that cannot be
 * rendered, or that fails the check, still appears at its place as a TODO line and is listed
 * in `problems`: the draft never silently misses an item. Cost: one pass over the items,
 * sorting each section, and one parse of the whole draft (unchanged entries come from a cache).
 */
export function composeDraft(input: DraftInput): ComposedDraft {
  const { preset, issue } = input;
  const cadence = issueCadence(issue);
  if (cadence !== (preset.cadence ?? 'monthly')) {
    const expected = preset.cadence === 'weekly' ? 'an ISO week like 2024-W07' : 'a month like 2023-10';
    throw new Error(`"${issue}" is not an issue of ${preset.name} (expected ${expected})`);
  }
  const date = input.publishDate ?? defaultPublishDate(preset, issue);
  // The date goes into YAML verbatim, so it must be exactly a date.
  if (!isIsoDate(date)) throw new Error(`Not a publish date: "${date}" (expected YYYY-MM-DD)`);

  const { items, bySection: collected } = collectIssueItems(preset, issue, input.items);
  const { bySection, notices: groupNotices } = withGroupedReleases(collected);
  const meta = input.meta ?? null;
  const vars = {
    ...issueVariables({
      newsletterName: preset.name,
      titleTemplate: preset.titleTemplate,
      issue,
      publishDate: date,
      contributors: credits(preset, items, meta?.contributors ?? []),
    }),
    translations: translationLines(preset.team),
  };
  const summary = preset.summary ? (meta?.summary ?? draftSummary(preset, bySection)) : null;
  const failed = new Map<string, DraftProblem>();
  // Each round takes the items the check found out; a second round is rare, a fourth a bug.
  for (let round = 0; round < 4; round++) {
    const notices: DraftNotice[] = [...groupNotices];
    const problems = new Map(failed);
    const blocks = assemble(preset, date, vars, bySection, problems, notices, { summary, blocks: meta?.blocks ?? {} });
    const { markdown, spans } = joinBlocks(blocks);
    const violations = verifyDraft(markdown, { allowedShortcodes: shortcodesOf(preset), mediaPath: mediaPathOf(preset) });
    if (violations.length === 0) return { markdown, problems: [...problems.values()], notices };
    for (const violation of violations) {
      const span = spans.find((s) => violation.line >= s.first && violation.line <= s.last);
      if (!span) {
        throw new DraftSafetyError(
          `The draft cannot be exported: the newsletter's own text has ${violation.detail} (line ${violation.line} of the draft). Change it in the newsletter's definition (Settings).`,
        );
      }
      if (!failed.has(span.item.id)) failed.set(span.item.id, problemOf(span.item, `the draft check found ${violation.detail}`));
    }
  }
  throw new DraftSafetyError('The draft cannot be exported: its check kept finding problems.');
}

/** Each section with the releases of one project written as one entry (./group-releases.ts), and a notice for each. */
function withGroupedReleases(bySection: ReadonlyMap<string, DraftItem[]>): { bySection: Map<string, DraftItem[]>; notices: DraftNotice[] } {
  const out = new Map<string, DraftItem[]>();
  const notices: DraftNotice[] = [];
  for (const [section, items] of bySection) {
    const { items: grouped, groups } = groupReleases(items);
    out.set(section, grouped);
    for (const group of groups) {
      const all = [group.item, ...group.merged];
      const project = group.item.release?.project ?? group.item.title;
      const versions = all.map((i) => i.release?.version ?? '?').sort(compareVersions);
      notices.push({
        itemId: group.item.id,
        title: String(group.item.title ?? ''),
        notice: `${all.length} releases of ${project} (${versions.join(', ')}) are written as one entry. Edit one of them to keep it apart.`,
      });
    }
  }
  return { bySection: out, notices };
}

/** The draft's Markdown (see composeDraft); for callers that show no problems or notices. */
export function renderDraft(input: DraftInput): string {
  return composeDraft(input).markdown;
}

/** The names credited in the contributors block, escaped for Markdown. */
function credits(preset: NewsletterPreset, items: readonly DraftItem[], extra: readonly string[]): string {
  if (!preset.team && extra.length === 0) return formatContributors(items);
  const names = orderedContributors(contributorNames(items), extra, preset.team);
  // An underscore inside a word opens no emphasis (CommonMark): "Licaon_Kter" stays as written.
  const escapeName = (name: string) => escapeInline(name).replace(/(?<=[\p{L}\p{N}])\\_(?=[\p{L}\p{N}])/gu, '_');
  return names.length ? names.map(escapeName).join(', ') : formatContributors([]);
}

function shortcodesOf(preset: NewsletterPreset): string[] {
  return ['figure', ...(preset.shortcodes ?? DRAFT_SHORTCODES.filter((s) => s !== 'figure'))];
}

function mediaPathOf(preset: NewsletterPreset): string {
  return preset.mediaPath ?? '/images/';
}

/** A top-level block: text, or a list with one bullet per item. */
type Block = string | Array<{ item: DraftItem; text: string }>;

function assemble(
  preset: NewsletterPreset,
  date: string,
  vars: Vars,
  bySection: ReadonlyMap<string, DraftItem[]>,
  problems: Map<string, DraftProblem>,
  notices: DraftNotice[],
  issue: { summary: string | null; blocks: Readonly<Record<string, boolean>> },
): Block[] {
  const title = vars.title ?? '';
  const allowed = shortcodesOf(preset);
  const text: PresetText = (markdown, where) => {
    const sanitized = sanitizePresetText(markdown, allowed);
    for (const notice of sanitized.notices) notices.push({ itemId: null, title: where, notice });
    return sanitized.markdown;
  };
  const blocks: Block[] = [
    preset.frontMatter === false
      ? text(`# ${title}`, 'title')
      : [
          '---',
          `title: ${yamlScalar(title)}`,
          `date: ${date}`,
          ...preset.frontMatterExtra,
          // The teaser is always quoted, as the newsletter writes it.
          ...(issue.summary ? [`summary: ${yamlQuoted(issue.summary)}`] : []),
          '---',
        ].join('\n'),
  ];
  pushText(blocks, text(renderTemplate(preset.intro, vars), 'intro'));
  const writer: ItemWriter = {
    bullet: itemBulleter(preset.entryPrefixes ?? [], problems, notices),
    prose: itemProse(problems, notices),
    figures: figureBlocks(mediaPathOf(preset), notices),
  };
  const shown = (section: SectionDef) => !(section.kind === 'fixed' && section.occasional && issue.blocks[section.id] !== true);
  for (const group of groupSections(preset.sections.filter(shown))) {
    blocks.push(...renderGroup(group, bySection, vars, writer, text));
  }
  return blocks;
}

/** The blocks joined by one blank line, with the lines each item's bullet occupies (1-based). */
function joinBlocks(blocks: readonly Block[]): { markdown: string; spans: Array<{ item: DraftItem; first: number; last: number }> } {
  const parts: string[] = [];
  const spans: Array<{ item: DraftItem; first: number; last: number }> = [];
  let line = 1;
  const newlines = (t: string) => t.split('\n').length - 1;
  blocks.forEach((block, i) => {
    if (i > 0) {
      parts.push('\n\n');
      line += 2;
    }
    if (typeof block === 'string') {
      parts.push(block);
      line += newlines(block);
      return;
    }
    block.forEach(({ item, text }, j) => {
      if (j > 0) {
        parts.push('\n');
        line += 1;
      }
      spans.push({ item, first: line, last: line + newlines(text) });
      parts.push(text);
      line += newlines(text);
    });
  });
  return { markdown: `${parts.join('')}\n`, spans };
}

/** Preset text (intro, headings, bodies, placeholders) made safe; where it is, for notices. */
type PresetText = (markdown: string, where: string) => string;

// The newsletter's text is the same on every export: it is checked once.
const presetTextCache = new Map<string, Sanitized>();

function sanitizePresetText(markdown: string, allowed: readonly string[]): Sanitized {
  const key = `${allowed.join(',')}\u0000${markdown}`;
  let sanitized = presetTextCache.get(key);
  if (!sanitized) {
    // A fixed block may be long (a whole "about us"); it is the definition's author's text.
    sanitized = sanitizeMarkdown(markdown, { allowedShortcodes: allowed, maxChars: 40_000 });
    if (presetTextCache.size >= 500) presetTextCache.delete(presetTextCache.keys().next().value as string);
    presetTextCache.set(key, sanitized);
  }
  return sanitized;
}

/** A YAML double-quoted string, as the newsletter writes its summary: every special character escaped. */
function yamlQuoted(value: string): string {
  const scalar = yamlScalar(value);
  return scalar.startsWith('"') ? scalar : JSON.stringify(value);
}

function problemOf(item: DraftItem, reason: string): DraftProblem {
  return { itemId: String(item.id), title: String(item.title ?? ''), reason };
}
/** A level-2 section with the level-3 sections under it. */
interface SectionGroup {
  head: SectionDef;
  children: SectionDef[];
}

function groupSections(sections: readonly SectionDef[]): SectionGroup[] {
  const groups: SectionGroup[] = [];
  for (const section of sections) {
    const last = groups[groups.length - 1];
    if (section.level === 3 && last) last.children.push(section);
    else groups.push({ head: section, children: [] });
  }
  return groups;
}

type Vars = Readonly<Record<string, string>>;

type Bulleter = (item: DraftItem) => string;

/** How items become text: as a bullet, as prose (a paragraph, or a topic's body), and their figures. */
interface ItemWriter {
  bullet: Bulleter;
  prose: (item: DraftItem) => string;
  figures: (item: DraftItem) => string[];
}

function renderGroup(group: SectionGroup, bySection: ReadonlyMap<string, DraftItem[]>, vars: Vars, writer: ItemWriter, text: PresetText): Block[] {
  const own = renderSection(group.head, bySection, vars, writer, text);
  if (!own) return [];
  const children = group.children.flatMap((child) => renderSection(child, bySection, vars, writer, text) ?? []);
  // A container exists to hold its subsections: with none of them and no text of its own, drop it.
  if (group.head.kind === 'container' && group.children.length > 0 && children.length === 0 && own.length === 1) {
    return [];
  }
  return [...own, ...children];
}

/** The blocks of one section (heading, body, list), or null when it is left out. */
function renderSection(
  section: SectionDef,
  bySection: ReadonlyMap<string, DraftItem[]>,
  vars: Vars,
  writer: ItemWriter,
  text: PresetText,
): Block[] | null {
  const items = section.kind === 'collected' ? (bySection.get(section.id) ?? []) : [];
  if (section.kind === 'collected' && section.optional && items.length === 0) return null;

  const heading = renderTemplate(section.heading, vars);
  const where = `section “${heading}”`;
  const blocks: Block[] = [text(`${'#'.repeat(section.level)} ${heading}`, where)];
  if (section.body) pushText(blocks, text(renderTemplate(section.body, vars), where));
  if (section.kind !== 'collected') return blocks;

  if (items.length === 0) {
    if (section.placeholder) pushText(blocks, text(renderTemplate(section.placeholder, vars), where));
    return blocks;
  }
  const layoutOf = (item: DraftItem) => item.layout ?? (section.layout === 'topics' ? 'topic' : 'bullet');
  // Bullets and paragraphs in their order (a run of bullets is one list; a figure ends it),
  // then each topic as a subsection of its own: a later bullet would otherwise fall under the
  // last topic's heading.
  let list: Array<{ item: DraftItem; text: string }> = [];
  const flush = () => {
    if (list.length) blocks.push(list);
    list = [];
  };
  for (const item of items.filter((i) => layoutOf(i) !== 'topic')) {
    if (layoutOf(item) === 'paragraph') {
      flush();
      blocks.push([{ item, text: writer.prose(item) }]);
    } else {
      list.push({ item, text: writer.bullet(item) });
    }
    const figures = writer.figures(item);
    if (figures.length) {
      flush();
      blocks.push(...figures);
    }
  }
  flush();
  for (const item of items.filter((i) => layoutOf(i) === 'topic')) {
    // A heading's text: escaped like any page text, but "|" needs no escape outside a table.
    const title = escapeInline(oneLine(String(item.title ?? ''))).replace(/\\\|/g, '|') || 'Untitled';
    blocks.push(`${'#'.repeat(Math.min(section.level + 1, 6))} ${title}`);
    blocks.push([{ item, text: writer.prose(item) }]);
    blocks.push(...writer.figures(item));
  }
  return blocks;
}

/**
 * An item written as prose (a paragraph under its section, or a topic's body): the editor's
 * Markdown, paragraphs and lists kept, made safe like an entry (no heading, rule, link to an
 * unsafe address, image, raw HTML or shortcode). A failure becomes the TODO line.
 */
function itemProse(problems: Map<string, DraftProblem>, notices: DraftNotice[]): (item: DraftItem) => string {
  return orTodoLine(problems, (item, entryText) => {
    const url = String(item.url ?? '');
    const entry = entryText.trim() ? entryText.trim() : mdLink(String(item.title ?? ''), url) || escapeInline(url);
    const sanitized = sanitizeMarkdown(entry, { allowedShortcodes: [], noHeadings: true });
    for (const notice of sanitized.notices) notices.push({ itemId: String(item.id), title: String(item.title ?? ''), notice });
    // Prose stands at the start of the line: nothing in it may reach column 0 as a block
    // opener the check does not know (a front-matter break), and blank runs stay single.
    return sanitized.markdown.replace(/\n{3,}/g, '\n\n').replace(/^(?=-{3,}\s*$)/gm, '\\');
  });
}

/**
 * An item rendered by `render`, or — when it already failed the draft's check, its entry is
 * not text, or rendering throws — the TODO line naming it and the reason (recorded as a problem).
 */
function orTodoLine(problems: Map<string, DraftProblem>, render: (item: DraftItem, entry: string) => string): (item: DraftItem) => string {
  return (item) => {
    const problem = problems.get(String(item.id));
    if (problem) return todoLine(item, problem.reason);
    try {
      if (typeof item.entry !== 'string') throw new Error(`its entry is not text (${item.entry === null ? 'null' : typeof item.entry})`);
      return render(item, item.entry);
    } catch (error) {
      const failure = problemOf(item, error instanceof Error ? error.message : String(error));
      problems.set(failure.itemId, failure);
      return todoLine(item, failure.reason);
    }
  };
}

/** An item's figures as shortcodes; one from outside the media path is left out, with a notice. */
function figureBlocks(mediaPath: string, notices: DraftNotice[]): (item: DraftItem) => string[] {
  return (item) =>
    (item.figures ?? []).flatMap((figure) => {
      try {
        return [figureShortcode(figure, mediaPath)];
      } catch (error) {
        notices.push({ itemId: String(item.id), title: String(item.title ?? ''), notice: error instanceof Error ? error.message : String(error) });
        return [];
      }
    });
}

/**
 * An item's bullet, with the preset's marker ("[video] …") when a rule matches. An item with an
 * empty entry still shows up, as a link to what was clipped. An item that cannot be rendered
 * (or failed the draft's check) becomes a TODO line naming it and the reason.
 */
function itemBulleter(rules: readonly EntryPrefixRule[], problems: Map<string, DraftProblem>, notices: DraftNotice[]): Bulleter {
  const compiled = rules.map((rule) => ({
    prefix: rule.prefix.trim(),
    kinds: new Set(rule.kinds ?? []),
    urls: (rule.urlPatterns ?? []).flatMap((source) => urlPattern(source) ?? []),
  }));
  return orTodoLine(problems, (item, entryText) => {
    const url = String(item.url ?? '');
    const rule = compiled.find((r) => r.kinds.has(item.kind) || r.urls.some((re) => re.test(url)));
    const entry = entryText.trim() ? entryText : mdLink(String(item.title ?? ''), url) || escapeInline(url);
    const prefix = rule?.prefix && !entry.trimStart().startsWith(rule.prefix) ? rule.prefix : '';
    const { markdown, notices: changes } = entryBullet(entry, { prefix });
    if (markdown === null) throw new Error('it has neither an entry nor a title or link');
    for (const notice of changes) notices.push({ itemId: String(item.id), title: String(item.title ?? ''), notice });
    return markdown;
  });
}

/** The visible stand-in for an item the draft could not include: plain text, nothing in it is syntax. */
function todoLine(item: DraftItem, reason: string): string {
  const plain = (text: unknown) => escapePlainText(oneLine(String(text ?? '')));
  const title = plain(item.title) || 'an item without a title';
  const url = plain(item.url);
  return `- TODO: Newsdesk could not include “${title}”${url ? ` (${url})` : ''}: ${plain(reason)}`;
}

/** Preset text trimmed of surrounding blank lines, so block spacing stays exactly one blank line. */
function pushText(blocks: Block[], text: string): void {
  const trimmed = text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (trimmed) blocks.push(trimmed);
}
