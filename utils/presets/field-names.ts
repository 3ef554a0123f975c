import { TEMPLATE_KIND_LABELS } from '../templates/names';
import { TEMPLATE_KINDS, type TemplateKind } from './types';

/**
 * A field of a newsletter definition named as the options page names it, for error messages:
 * ["entryTemplates", "release", "template"] → "Entry form for releases",
 * ["sections", 6, "heading"] → "Section 7 (“Thanks”), heading". Section and list numbers count
 * from 1, as the editor shows them. A path without a name here is written as in the JSON
 * ("entryTemplates.blog"), so a hand-edited file still points at the line.
 */
export function fieldName(path: readonly PropertyKey[], definition?: unknown): string {
  const [head, ...rest] = path;
  const at = (value: unknown, key: PropertyKey): unknown =>
    value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 60) : null);
  const nth = (key: PropertyKey | undefined) => (typeof key === 'number' ? key + 1 : null);

  if (typeof head === 'string' && Object.hasOwn(TOP, head) && rest.length === 0) return TOP[head]!;
  if (head === 'frontMatterExtra' && nth(rest[0])) return `Extra front matter line ${nth(rest[0])}`;
  if (head === 'entryPrefixes' && nth(rest[0])) return `Entry marker ${nth(rest[0])}`;
  if (head === 'shortcodes') return 'Shortcodes';
  if (head === 'entryBudget') return 'Entry length';
  if (head === 'summary') return 'Summary teaser';
  if (head === 'sections' && nth(rest[0])) {
    const section = at(at(definition, 'sections'), rest[0]!);
    const heading = text(at(section, 'heading'));
    const where = `Section ${nth(rest[0])}${heading ? ` (“${heading}”)` : ''}`;
    const [key, ...more] = rest.slice(1);
    if (key === undefined) return where;
    if (key === 'hints') {
      const [hint, index] = more;
      const [plural, one] = typeof hint === 'string' && Object.hasOwn(HINTS, hint) ? HINTS[hint]! : ['hints', 'hint'];
      return `${where}, ${nth(index) ? `${one} ${nth(index)}` : plural}`;
    }
    const name = typeof key === 'string' && Object.hasOwn(SECTION, key) ? SECTION[key]! : String(key);
    return `${where}, ${name}${nth(more[0]) ? ` ${nth(more[0])}` : ''}`;
  }
  if (head === 'knownProjects' && nth(rest[0])) {
    const name = text(at(at(at(definition, 'knownProjects'), rest[0]!), 'name'));
    const where = `Known project ${nth(rest[0])}${name ? ` (“${name}”)` : ''}`;
    const [key, index] = rest.slice(1);
    if (key === 'aliases') return `${where}, ${nth(index) ? `other name ${nth(index)}` : 'other names'}`;
    return key === undefined ? where : `${where}, ${String(key)}`;
  }
  if (head === 'entryTemplates' && (TEMPLATE_KINDS as readonly unknown[]).includes(rest[0])) {
    const form = `Entry form for ${TEMPLATE_KIND_LABELS[rest[0] as TemplateKind]}`;
    return rest[1] === 'budget' ? `${form}, length` : form;
  }
  if (head === 'team') {
    const [key, index, field] = rest;
    if (key === 'members') return nth(index) ? `Team member ${nth(index)}` : 'Team members';
    if (key === 'translationLine') return 'Translation line';
    if (key === 'translations' && nth(index)) {
      const language = text(at(at(at(at(definition, 'team'), 'translations'), index!), 'language'));
      const where = `Translation ${nth(index)}${language ? ` (${language})` : ''}`;
      return field === 'url' ? `${where}, address` : field === 'translators' ? `${where}, translators` : field === 'language' ? `${where}, language` : where;
    }
    return 'Team';
  }
  return jsonPath(path);
}

const TOP: Readonly<Record<string, string>> = {
  id: 'Id',
  family: 'Family',
  name: 'Name',
  cadence: 'Cadence',
  titleTemplate: 'Title pattern',
  publishDay: 'Publish day',
  frontMatter: 'Front matter',
  frontMatterExtra: 'Extra front matter lines',
  fileNameTemplate: 'Draft file name',
  entryPrefixes: 'Entry markers',
  updatedAt: 'Last changed',
  intro: 'Intro',
  sections: 'Sections',
  defaultSection: 'Section for pages no rule matches',
  language: 'Language',
  languageTag: 'Language tag',
  knownProjects: 'Known projects',
  softwareList: 'Software list',
  siteUrl: 'Site address',
  siteRelativeLinks: 'Site-relative links',
  mediaPath: 'Media path',
  entryTemplates: 'Entry forms',
  team: 'Team',
};

const SECTION: Readonly<Record<string, string>> = {
  id: 'id',
  heading: 'heading',
  level: 'level',
  kind: 'what it holds',
  label: 'short name',
  body: 'text',
  placeholder: 'placeholder',
  optional: 'leave out when empty',
  aliases: 'earlier heading',
  layout: 'layout',
  occasional: 'only when switched on',
  entryForm: 'entry form for other pages',
};

const HINTS: Readonly<Record<string, readonly [string, string]>> = {
  urlPatterns: ['URL patterns', 'URL pattern'],
  kinds: ['page kinds', 'page kind'],
  xepStatuses: ['XEP statuses', 'XEP status'],
  keywords: ['keywords', 'keyword'],
};

/** ["sections", 2, "hints"] → "sections[2].hints" */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
