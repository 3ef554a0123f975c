import { escapeInline, mdLink } from '../markdown/escape';
import { issueCadence } from '../model/issue';
import type { NewsItem } from '../model/item';
import { urlPattern } from '../presets/pattern';
import type { EntryPrefixRule, NewsletterPreset, SectionDef } from '../presets/types';
import { formatContributors } from './contributors';
import { entryToBullet } from './entry';
import { defaultPublishDate, isIsoDate } from './publish';
import { collectIssueItems } from './select';
import { issueVariables, renderTemplate } from './template';
import { yamlScalar } from './yaml';

// The export's callers need the file name with the text; one import gives both.
export { defaultPublishDate, draftFileName } from './publish';

export interface DraftInput {
  preset: NewsletterPreset;
  /** "YYYY-MM" */
  issue: string;
  /** Everything stored; the draft picks this issue's live, non-excluded items. */
  items: readonly NewsItem[];
  /** "YYYY-MM-DD"; default: the preset's publish day of the following month. */
  publishDate?: string;
}

/**
 * A month's items as a complete draft issue in Hugo Markdown: front matter, intro, every
 * section of the preset in order (placeholders for empty ones, optional ones left out), the
 * fixed closing blocks. Blocks are separated by one blank line; the file ends with "\n".
 * Cost is one pass over the items plus sorting each section.
 */
export function renderDraft(input: DraftInput): string {
  const { preset, issue } = input;
  const cadence = issueCadence(issue);
  if (cadence !== (preset.cadence ?? 'monthly')) {
    const expected = preset.cadence === 'weekly' ? 'an ISO week like 2024-W07' : 'a month like 2023-10';
    throw new Error(`"${issue}" is not an issue of ${preset.name} (expected ${expected})`);
  }
  const date = input.publishDate ?? defaultPublishDate(preset, issue);
  // The date goes into YAML verbatim, so it must be exactly a date.
  if (!isIsoDate(date)) throw new Error(`Not a publish date: "${date}" (expected YYYY-MM-DD)`);

  const { items, bySection } = collectIssueItems(preset, issue, input.items);
  const vars = issueVariables({
    newsletterName: preset.name,
    titleTemplate: preset.titleTemplate,
    issue,
    publishDate: date,
    contributors: formatContributors(items),
  });
  const title = vars.title ?? '';

  const blocks: string[] = [
    preset.frontMatter === false
      ? `# ${title}`
      : ['---', `title: ${yamlScalar(title)}`, `date: ${date}`, ...preset.frontMatterExtra, '---'].join('\n'),
  ];
  pushText(blocks, renderTemplate(preset.intro, vars));
  const bullet = itemBulleter(preset.entryPrefixes ?? []);
  for (const group of groupSections(preset.sections)) {
    blocks.push(...renderGroup(group, bySection, vars, bullet));
  }
  return `${blocks.join('\n\n')}\n`;
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

type Bulleter = (item: NewsItem) => string;

function renderGroup(group: SectionGroup, bySection: ReadonlyMap<string, NewsItem[]>, vars: Vars, bullet: Bulleter): string[] {
  const own = renderSection(group.head, bySection, vars, bullet);
  if (!own) return [];
  const children = group.children.flatMap((child) => renderSection(child, bySection, vars, bullet) ?? []);
  // A container exists to hold its subsections: with none of them and no text of its own, drop it.
  if (group.head.kind === 'container' && group.children.length > 0 && children.length === 0 && own.length === 1) {
    return [];
  }
  return [...own, ...children];
}

/** The blocks of one section (heading, body, list), or null when it is left out. */
function renderSection(
  section: SectionDef,
  bySection: ReadonlyMap<string, NewsItem[]>,
  vars: Vars,
  bullet: Bulleter,
): string[] | null {
  const items = section.kind === 'collected' ? (bySection.get(section.id) ?? []) : [];
  if (section.kind === 'collected' && section.optional && items.length === 0) return null;

  const blocks = [`${'#'.repeat(section.level)} ${renderTemplate(section.heading, vars)}`];
  if (section.body) pushText(blocks, renderTemplate(section.body, vars));
  if (section.kind !== 'collected') return blocks;

  if (items.length > 0) blocks.push(items.map(bullet).join('\n'));
  else if (section.placeholder) pushText(blocks, renderTemplate(section.placeholder, vars));
  return blocks;
}

/**
 * An item's bullet, with the preset's marker ("[video] …") when a rule matches. An item with an
 * empty entry still shows up, as a link to what was clipped.
 */
function itemBulleter(rules: readonly EntryPrefixRule[]): Bulleter {
  const compiled = rules.map((rule) => ({
    prefix: rule.prefix.trim(),
    kinds: new Set(rule.kinds ?? []),
    // Linear-time matching (RE2); a pattern that cannot run matches nothing.
    urls: (rule.urlPatterns ?? []).flatMap((source) => urlPattern(source) ?? []),
  }));
  return (item) => {
    const rule = compiled.find((r) => r.kinds.has(item.kind) || r.urls.some((re) => re.test(item.url)));
    const entry = entryToBullet(item.entry) ?? `- ${mdLink(item.title, item.url) || escapeInline(item.url)}`;
    if (!rule || !rule.prefix || entry.slice(2).startsWith(rule.prefix)) return entry;
    return `- ${rule.prefix} ${entry.slice(2)}`;
  };
}

/** Preset text trimmed of surrounding blank lines, so block spacing stays exactly one blank line. */
function pushText(blocks: string[], text: string): void {
  const trimmed = text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (trimmed) blocks.push(trimmed);
}
