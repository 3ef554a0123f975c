import { TEMPLATE_KINDS, type EntryTemplate, type NewsletterPreset, type SectionDef, type SectionKind, type TeamDef, type TemplateKind } from '../../utils/presets/types';
import { checkTemplate, templateNames } from '../../utils/templates/entry-template';
import { TEMPLATE_NAMES, unknownAmong, type TemplateName } from '../../utils/templates/names';

/**
 * Pure helpers of the newsletter editor: starting a definition from a preset, editing the
 * section list, and the text fields that stand for lists. The background validates on save.
 */

/** A new definition copied from `base` under a fresh id that clashes with none of `taken`. */
export function copyOf(base: NewsletterPreset, name: string, taken: readonly string[]): NewsletterPreset {
  const copy = structuredClone(base);
  delete copy.updatedAt;
  return { ...copy, id: uniqueId(slug(name) || 'newsletter', taken), name };
}

/** "This Week in Matrix!" → "this-week-in-matrix" (the id format: a-z, 0-9, "-", ≤ 40). */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/, '');
}

export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** `sections` with the one at `index` moved by `delta` places (clamped). */
export function moveSection(sections: readonly SectionDef[], index: number, delta: number): SectionDef[] {
  const to = Math.max(0, Math.min(sections.length - 1, index + delta));
  const out = [...sections];
  const [moved] = out.splice(index, 1);
  if (moved) out.splice(to, 0, moved);
  return out;
}

export function newSection(sections: readonly SectionDef[]): SectionDef {
  const id = uniqueId('section', sections.map((s) => s.id));
  return { id, heading: 'New section', level: 2, kind: 'collected', placeholder: '- Nothing this time.' };
}

/** One entry a line; blank lines dropped. */
export function linesToList(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** Comma-separated words; blanks dropped. */
export function commasToList(text: string): string[] {
  return text.split(',').map((w) => w.trim()).filter(Boolean);
}

/** A patch for optional fields: an empty value removes the field instead of storing "". */
export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value && value.trim() ? ({ [key]: value } as Record<K, string>) : {};
}

/** Set or clear one optional field (of a section, a newsletter…): empty values remove it. */
export function withField<T extends object, K extends keyof T>(record: T, key: K, value: T[K] | undefined): T {
  const next = { ...record };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * A section holding something else: fields that mean nothing for the new kind go (a layout is
 * for sections of items, the on/off switch for fixed text), as the schema would refuse them.
 */
export function withKind(section: SectionDef, kind: SectionKind): SectionDef {
  let next: SectionDef = { ...section, kind };
  if (kind !== 'collected') next = withField(next, 'layout', undefined);
  if (kind !== 'fixed') next = withField(next, 'occasional', undefined);
  return next;
}

/**
 * The entry forms a section may use for pages that are no release, XEP, video or event: those
 * whose values such a page has (an article's: author, site, date…), so no name stays unfilled;
 * and the section's current one, whatever it is.
 */
export function otherPageForms(current: TemplateKind | undefined): TemplateKind[] {
  const article = TEMPLATE_NAMES.article;
  const fits = (kind: TemplateKind) => unknownAmong(article, TEMPLATE_NAMES[kind].map((n) => n.name)).length === 0;
  return TEMPLATE_KINDS.filter((kind) => fits(kind) || kind === current);
}

/** Names separated by commas; a comma inside parentheses belongs to the name ("MSavoritias (fae,ve)"). */
export function namesToList(text: string): string[] {
  return text.split(/,(?![^()]*\))/).map((n) => n.trim()).filter(Boolean);
}

/** What the editor says of a template as it is typed: why it is malformed, and names it does not know. */
export interface TemplateFeedback {
  /** The template cannot be used (saving is refused with this reason). */
  problem: string | null;
  /** Names the template uses that are not among the known ones: they would show as typed. */
  unknown: string[];
}

export function templateFeedback(template: string, known: readonly TemplateName[]): TemplateFeedback {
  const problem = checkTemplate(template);
  return { problem, unknown: problem ? [] : unknownAmong(known, templateNames(template)) };
}

export type Budget = NonNullable<EntryTemplate['budget']>;

/**
 * A length budget from the two number fields: none when both are empty; a field left empty
 * takes the value the newsletter would use otherwise (`fallback`).
 */
export function budgetFrom(target: string, max: string, fallback: Budget): Budget | undefined {
  const number = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Math.round(Number(text)));
  const t = number(target);
  const m = number(max);
  if (t === null && m === null) return undefined;
  return { target: t ?? fallback.target, max: m ?? fallback.max };
}

/**
 * The entry forms with one kind's form set, or removed when its template is empty: the kind
 * is then written in Newsdesk's built-in wording. No forms left: undefined.
 */
export function withEntryTemplate(
  templates: NewsletterPreset['entryTemplates'],
  kind: TemplateKind,
  template: string,
  budget: Budget | undefined,
): NewsletterPreset['entryTemplates'] {
  const next = { ...templates };
  if (template.trim() === '') delete next[kind];
  else next[kind] = budget ? { template, budget } : { template };
  return Object.keys(next).length ? next : undefined;
}

/** How the XMPP Newsletter writes a translation line; new teams start from it. */
export const DEFAULT_TRANSLATION_LINE = '  - [{language}]({url}): *{translators}*';

/** The team with `patch` applied; a team with no one and the default line is no team at all. */
export function withTeam(team: TeamDef | undefined, patch: Partial<TeamDef>): TeamDef | undefined {
  const next: TeamDef = { members: [], translations: [], translationLine: DEFAULT_TRANSLATION_LINE, ...team, ...patch };
  const empty = next.members.length === 0 && next.translations.length === 0 && next.translationLine === DEFAULT_TRANSLATION_LINE;
  return empty ? undefined : next;
}

/** `list` with the element at `index` replaced by `value`. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((x, i) => (i === index ? value : x));
}

/** Hints with empty lists removed, or undefined when nothing is left. */
export function cleanHints(hints: SectionDef['hints']): SectionDef['hints'] {
  if (!hints) return undefined;
  const out = Object.fromEntries(Object.entries(hints).filter(([, v]) => Array.isArray(v) && v.length > 0));
  return Object.keys(out).length ? out : undefined;
}
