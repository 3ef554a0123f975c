import type { PageKind } from '../model/capture';
import type { Cadence } from '../model/issue';
import type { SoftwareListId } from '../categorize/software/ids';

/**
 * A newsletter described as data: its sections in order, their headings, placeholders and
 * fixed text, and hints for categorizing. Text fields are templates: `{name}` is replaced by
 * a variable (see utils/export/template.ts); anything else, Hugo shortcodes included, is
 * emitted verbatim.
 */
export interface NewsletterPreset {
  id: string;
  /**
   * Another layout of the newsletter with this id: its items are this newsletter's too (the
   * XMPP Newsletter in its 2023 or 2024 shape lays out the items of "xmpp"). New items are filed
   * under the family.
   */
  family?: string;
  name: string;
  /** How often an issue appears; decides the issue keys ("2023-10" or "2024-W07"). */
  cadence: Cadence;
  /** e.g. "The XMPP Newsletter {month} {year}" */
  titleTemplate: string;
  /**
   * When the issue is published (front matter date): the day of the following month
   * (monthly), or the weekday of the following week, 1 = Monday … 7 = Sunday (weekly).
   */
  publishDay: number;
  /**
   * Hugo front matter (title, date, then `frontMatterExtra`) opens the draft. When false, the
   * draft opens with "# {title}" instead, for newsletters that are not a Hugo page. Default true.
   */
  frontMatter?: boolean;
  /** YAML front matter lines after title and date, verbatim. */
  frontMatterExtra: string[];
  /** File name of the exported draft, a template; default "{publishDate}-newsletter.md". */
  fileNameTemplate?: string;
  /**
   * Markers put before an entry in the export, e.g. "[video]" for videos: the first rule
   * that matches an item applies, unless its entry already starts with that marker.
   */
  entryPrefixes?: EntryPrefixRule[];
  /** Set on user-made newsletters: when the definition was last changed (ISO 8601). */
  updatedAt?: string;
  /** Markdown between the front matter and the first section. */
  intro: string;
  /** Sections in the newsletter's order; a level-3 section belongs to the level-2 before it. */
  sections: SectionDef[];
  /** Where a page goes when no rule matches. */
  defaultSection: string;
  /** Language the newsletter is written in; other languages get a tag like "[DE]". */
  language: string;
  /** Template for the language tag after a link; `{LANG}` is the upper-case code. */
  languageTag: string;
  /** Projects the newsletter covers, to file releases under the right subsection. */
  knownProjects: KnownProject[];
  /**
   * The community software list the newsletter's projects are matched against ("xmpp": the
   * XSF's list, utils/categorize/software). Its categories pick the software subsection.
   */
  softwareList?: SoftwareListId;
  /**
   * Length of a drafted entry's first line in Markdown characters: aim for `target`, never
   * exceed `max`. Optional; drafting falls back to 220/300.
   */
  entryBudget?: { target: number; max: number };
  /** The site the issue is published on ("https://xmpp.org"): site-relative links resolve against it. */
  siteUrl?: string;
  /**
   * Links to the site's own pages are written site-relative ("/extensions/xep-0461.html"), as
   * the XMPP Newsletter does since 2025. Default false: absolute.
   */
  siteRelativeLinks?: boolean;
  /** Where the site keeps its pictures ("/images/"): a figure's src must start with it. */
  mediaPath?: string;
  /** Shortcodes without parameters the site provides ("newsletter-subscribe"); figures are always allowed. */
  shortcodes?: string[];
  /** How each kind of entry is written, as templates (utils/templates/entry-template.ts). */
  entryTemplates?: Partial<Record<TemplateKind, EntryTemplate>>;
  /** The front matter `summary:` teaser drafted from the items; absent: no summary line. */
  summary?: SummaryDef;
  /** The people who make the newsletter: the contributors block credits them from here. */
  team?: TeamDef;
}

/** The kinds of entry a newsletter writes differently. */
export const TEMPLATE_KINDS = ['release', 'xep-update', 'xep-new', 'xep-proposed', 'xep-last-call', 'article', 'video', 'event', 'announcement'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface EntryTemplate {
  /** e.g. "{projectLink} has released {versions}{?description} of its {description}{/description}." */
  template: string;
  /** Length of the entry's first line in Markdown characters: aim for `target`, never exceed `max`. */
  budget?: { target: number; max: number };
}

export interface SummaryDef {
  /**
   * The teaser; variables: {highlights} (announcements, events, articles and videos by title),
   * {releases} ("Update your clients with A, B and C and your servers with D"), {xeps}
   * ("a proposed XEP, four updated ones, and a Last Call").
   */
  template: string;
}

export interface TeamDef {
  /** Regular contributors, in the order the newsletter credits them. */
  members: string[];
  /** Published translations, each with its translators. */
  translations: Array<{ language: string; url: string; translators: string[] }>;
  /** One line of the {translations} list; variables {language}, {url}, {translators}. */
  translationLine: string;
}

export interface EntryPrefixRule {
  /** Text put before the entry, followed by one space: "[video]". */
  prefix: string;
  /** Page kinds it applies to. */
  kinds?: PageKind[];
  /** Regular expressions (source strings, case-insensitive) matched against the item's URL. */
  urlPatterns?: string[];
}

export type SectionKind =
  /** Items are clipped into it. */
  | 'collected'
  /** A heading that only groups level-3 sections. */
  | 'container'
  /** Fixed text, emitted as is. */
  | 'fixed';

export interface SectionDef {
  /** Stable id, used in stored items. */
  id: string;
  heading: string;
  level: 2 | 3;
  kind: SectionKind;
  /** Short name for pickers, e.g. "Clients". */
  label?: string;
  /** Markdown emitted under the heading before the items (or the whole body when fixed). */
  body?: string;
  /** The line emitted when no item is in the section, e.g. "- No new XEPs this month.". */
  placeholder?: string;
  /** Leave the section out entirely when it has no items. */
  optional?: boolean;
  /** Rules that propose this section for a page. */
  hints?: SectionHints;
  /** Other headings this section had in past issues ("Talks", "Software news"), for imports. */
  aliases?: string[];
  /**
   * How items are written: as one list of bullets (default), or each as a subsection of its
   * own ("### Title" and its prose). An item may say otherwise (its `layout`).
   */
  layout?: 'bullets' | 'topics';
  /** A fixed section that appears only in the issues where the editor switches it on. */
  occasional?: boolean;
  /**
   * The entry template for pages that are not a release, XEP, video or event filed here
   * (default "article"); e.g. "announcement" for the newsletter's own news.
   */
  entryForm?: TemplateKind;
  /**
   * Where a newly clipped item goes: after the others (default), or in alphabetical order of
   * its project (or title) among them, as the newsletter orders its software sections. The
   * editor can still move it.
   */
  order?: 'clipped' | 'alphabetical';
}

export interface SectionHints {
  /** Regular expressions (source strings, case-insensitive) matched against the URL. */
  urlPatterns?: string[];
  /** Page kinds that belong here. */
  kinds?: PageKind[];
  /** For XEP pages: the XEP status values that belong here (e.g. "Experimental"). */
  xepStatuses?: string[];
  /** Words in the title or description that suggest this section. */
  keywords?: string[];
}

export interface KnownProject {
  name: string;
  /** Section id releases of this project go to. */
  section: string;
  /** Other spellings, and host names that identify it (e.g. "gajim.org"). */
  aliases?: string[];
}

/** The newsletter ids whose items this newsletter lays out: its own and its family's. */
export function newsletterIds(preset: Pick<NewsletterPreset, 'id' | 'family'>): string[] {
  return preset.family && preset.family !== preset.id ? [preset.id, preset.family] : [preset.id];
}

/** The id new items of this newsletter are filed under. */
export function filingId(preset: Pick<NewsletterPreset, 'id' | 'family'>): string {
  return preset.family ?? preset.id;
}

/** Sections that can hold items, in order. */
export function collectedSections(preset: NewsletterPreset): SectionDef[] {
  return preset.sections.filter((s) => s.kind === 'collected');
}

export function findSection(preset: NewsletterPreset, id: string): SectionDef | undefined {
  return preset.sections.find((s) => s.id === id);
}

/** "Software News › Servers" for a level-3 section, the heading otherwise. */
export function sectionPath(preset: NewsletterPreset, id: string): string {
  const index = preset.sections.findIndex((s) => s.id === id);
  const section = preset.sections[index];
  if (!section) return id;
  const label = section.label ?? section.heading;
  if (section.level === 2) return label;
  for (let i = index - 1; i >= 0; i--) {
    const parent = preset.sections[i];
    if (parent && parent.level === 2) return `${parent.label ?? parent.heading} › ${label}`;
  }
  return label;
}
