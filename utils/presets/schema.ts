import { z } from '../model/zod';
import { MAX_PATTERN_LENGTH, patternProblem } from './pattern';
import { PAGE_KINDS } from '../adapters';
import { checkTemplate } from '../templates/entry-template';
import { SOFTWARE_LIST_IDS } from '../categorize/software/ids';
import { fieldName, jsonPath } from './field-names';
import { TEMPLATE_KINDS, type NewsletterPreset } from './types';

/**
 * Validation of newsletter definitions that come from outside the code: the user's own
 * (IndexedDB), imported files and backups. A definition that passes renders a draft; one that
 * does not gets an error naming the field, never a half-working newsletter.
 */

/** Ids go into stored items and file names: short, lower case, no surprises. */
export const NEWSLETTER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SECTION_ID = /^[a-z0-9][a-z0-9_-]{0,59}$/;

const text = (max: number) => z.string().max(max);
/** A name or heading written on one line of the draft. */
const oneLine = (max: number) => text(max).regex(/^[^\r\n]*$/, 'must be one line');
/** An entry or summary template: well formed (utils/templates/entry-template.ts). */
const templateText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = checkTemplate(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
const budgetSchema = z
  .strictObject({ target: z.number().int().min(40).max(2000), max: z.number().int().min(40).max(4000) })
  .refine((b) => b.target <= b.max, 'target must not exceed max');

/**
 * Front matter keys a definition may add. Not `url`, `slug`, `aliases`, `permalink`, `layout`,
 * `type`, `outputs`, `build`, `cascade`…: a definition must not move the issue's address or
 * change how the site builds it.
 */
export const FRONT_MATTER_KEYS = ['categories', 'tags', 'authors', 'author', 'description', 'draft', 'images', 'series', 'keywords', 'toc', 'weight'] as const;

/**
 * A URL pattern: compiled here (and cached, see ./pattern) so one that cannot run in bounded
 * time is refused on import with the reason.
 */
const pattern = z
  .string()
  .max(MAX_PATTERN_LENGTH)
  .superRefine((source, ctx) => {
    const problem = patternProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const hintsSchema = z.strictObject({
  urlPatterns: z.array(pattern).max(100).optional(),
  kinds: z.array(z.enum(PAGE_KINDS)).optional(),
  xepStatuses: z.array(text(40)).max(20).optional(),
  keywords: z.array(text(80)).max(200).optional(),
});

const sectionSchema = z.strictObject({
  id: z.string().regex(SECTION_ID, 'must be lower-case letters, digits, "-" or "_"'),
  heading: text(200).min(1, 'must not be empty'),
  level: z.union([z.literal(2), z.literal(3)]),
  kind: z.enum(['collected', 'container', 'fixed']),
  label: text(80).optional(),
  body: text(20_000).optional(),
  placeholder: text(500).optional(),
  optional: z.boolean().optional(),
  hints: hintsSchema.optional(),
  aliases: z.array(oneLine(200).trim().min(1, 'must not be empty')).max(20).optional(),
  layout: z.enum(['bullets', 'topics'], 'must be bullets or topics').optional(),
  occasional: z.boolean().optional(),
  entryForm: z.enum(TEMPLATE_KINDS).optional(),
  order: z.enum(['clipped', 'alphabetical']).optional(),
});

const knownProjectSchema = z.strictObject({
  name: text(100).min(1),
  section: z.string().regex(SECTION_ID),
  aliases: z.array(text(200)).max(50).optional(),
});

const prefixRuleSchema = z.strictObject({
  prefix: text(40).min(1, 'must not be empty'),
  kinds: z.array(z.enum(PAGE_KINDS)).optional(),
  urlPatterns: z.array(pattern).max(50).optional(),
});

const newsletterBase = z
  .strictObject({
    id: z.string().regex(NEWSLETTER_ID, 'must be 1–40 lower-case letters, digits or "-"'),
    family: z.string().regex(NEWSLETTER_ID, 'must be the id of a newsletter').optional(),
    name: text(120).min(1, 'must not be empty'),
    cadence: z.enum(['monthly', 'weekly']),
    titleTemplate: text(300).min(1, 'must not be empty'),
    publishDay: z.number().int().min(1).max(31),
    frontMatter: z.boolean().optional(),
    // One YAML line each: a newline would let a value start new keys or end the front matter.
    frontMatterExtra: z
      .array(
        text(500)
          .regex(/^[^\r\n]*$/, 'must be one line')
          .refine((l) => l.trim() !== '---', 'must not end the front matter')
          .refine((l) => (FRONT_MATTER_KEYS as readonly string[]).includes(/^([\w-]+)\s*:/.exec(l)?.[1] ?? ''), {
            message: `must be "key: value" with a key among ${FRONT_MATTER_KEYS.join(', ')} (never url, slug or aliases: the issue's address is the site's to decide)`,
          }),
      )
      .max(30),
    fileNameTemplate: text(120).optional(),
    entryPrefixes: z.array(prefixRuleSchema).max(20).optional(),
    updatedAt: z.iso.datetime().optional(),
    intro: text(20_000),
    sections: z.array(sectionSchema).min(1, 'needs at least one section').max(200),
    defaultSection: z.string(),
    language: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like "en"'),
    languageTag: text(40),
    knownProjects: z.array(knownProjectSchema).max(2000),
    entryBudget: budgetSchema.optional(),
    softwareList: z.enum(SOFTWARE_LIST_IDS, `must be one of the lists Newsdesk knows: ${SOFTWARE_LIST_IDS.join(', ')}`).optional(),
    siteUrl: z.url({ protocol: /^https?$/, message: 'must be the site’s address, like https://xmpp.org' }).max(200).optional(),
    siteRelativeLinks: z.boolean().optional(),
    mediaPath: text(100).regex(/^\/[\w./-]*\/$/, 'must be a path on the site like /images/').optional(),
    shortcodes: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a shortcode name like newsletter-subscribe')).max(20).optional(),
    entryTemplates: z.partialRecord(z.enum(TEMPLATE_KINDS), z.strictObject({ template: templateText(4000), budget: budgetSchema.optional() })).optional(),
    summary: z.strictObject({ template: templateText(2000) }).optional(),
    team: z
      .strictObject({
        members: z.array(oneLine(200)).max(200),
        translations: z
          .array(
            z.strictObject({
              language: oneLine(80).min(1, 'must not be empty'),
              url: text(500).regex(/^(?:https?:\/\/[^\s/]+[^\s]*|\/[^\s]*)$/, 'must be a web address or a path on the site, like /categories/newsletter/'),
              translators: z.array(oneLine(200)).max(100),
            }),
          )
          .max(50),
        translationLine: templateText(500),
      })
      .optional(),
  });

export const newsletterSchema = newsletterBase.superRefine((preset, ctx) => {
    const ids = new Set<string>();
    preset.sections.forEach((section, i) => {
      if (ids.has(section.id)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `"${section.id}" is used twice` });
      ids.add(section.id);
      // Fields that mean nothing for the kind of section would be silently ignored: say so.
      if (section.layout && section.kind !== 'collected') ctx.addIssue({ code: 'custom', path: ['sections', i, 'layout'], message: 'only a section that holds clipped items has a layout' });
      if (section.occasional && section.kind !== 'fixed') ctx.addIssue({ code: 'custom', path: ['sections', i, 'occasional'], message: 'only a fixed text can be switched on per issue' });
    });
    // An earlier heading names one section: importing an issue files what stands under it there.
    const headingOf = new Map<string, number>();
    preset.sections.forEach((section, i) => {
      const key = section.heading.trim().toLowerCase();
      if (!headingOf.has(key)) headingOf.set(key, i);
    });
    const aliasOf = new Map<string, number>();
    preset.sections.forEach((section, i) => {
      (section.aliases ?? []).forEach((alias, j) => {
        const key = alias.trim().toLowerCase();
        const other = [headingOf.get(key), aliasOf.get(key)].find((k) => k !== undefined && k !== i);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['sections', i, 'aliases', j], message: `“${alias}” also names section ${other + 1} (“${preset.sections[other]!.heading}”)` });
        }
        if (!aliasOf.has(key)) aliasOf.set(key, i);
      });
    });
    if (preset.sections[0]?.level === 3) {
      ctx.addIssue({ code: 'custom', path: ['sections', 0, 'level'], message: 'the first section must be level 2' });
    }
    const collected = new Set(preset.sections.filter((s) => s.kind === 'collected').map((s) => s.id));
    if (!collected.has(preset.defaultSection)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultSection'],
        message: `must be the id of a section that collects items (one of: ${[...collected].join(', ') || 'none'})`,
      });
    }
    preset.knownProjects.forEach((project, i) => {
      if (!collected.has(project.section)) {
        ctx.addIssue({ code: 'custom', path: ['knownProjects', i, 'section'], message: `"${project.section}" is not a section that collects items` });
      }
    });
    for (const { path, value } of presetTexts(preset)) {
      const problem = shortcodeProblem(value, preset.mediaPath ?? '/images/', preset.shortcodes ?? []);
      if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
    }
    if (preset.cadence === 'weekly' && preset.publishDay > 7) {
      ctx.addIssue({ code: 'custom', path: ['publishDay'], message: 'for a weekly newsletter, a weekday: 1 (Monday) to 7 (Sunday)' });
    }
  });

/** Every text of a definition that reaches the draft, with where it is. */
function presetTexts(preset: z.infer<typeof newsletterBase>): Array<{ path: Array<string | number>; value: string }> {
  const out: Array<{ path: Array<string | number>; value: string }> = [
    { path: ['titleTemplate'], value: preset.titleTemplate },
    { path: ['intro'], value: preset.intro },
    ...preset.frontMatterExtra.map((value, i) => ({ path: ['frontMatterExtra', i], value })),
  ];
  preset.sections.forEach((section, i) => {
    for (const key of ['heading', 'body', 'placeholder'] as const) {
      const value = section[key];
      if (value !== undefined) out.push({ path: ['sections', i, key], value });
    }
  });
  for (const [kind, t] of Object.entries(preset.entryTemplates ?? {})) if (t) out.push({ path: ['entryTemplates', kind, 'template'], value: t.template });
  if (preset.summary) out.push({ path: ['summary', 'template'], value: preset.summary.template });
  if (preset.team) out.push({ path: ['team', 'translationLine'], value: preset.team.translationLine });
  return out;
}

/**
 * Hugo runs a shortcode wherever it stands, before Markdown. A definition may use a figure from
 * the site's own media path (quoted src and caption, nothing else) and the parameterless
 * shortcodes it declares; any other shortcode is refused.
 */
export function shortcodeProblem(text: string, mediaPath: string, allowed: readonly string[]): string | null {
  for (const m of text.matchAll(/\{\{([<%])([\s\S]*?)([%>])\}\}|\{\{[<%]/g)) {
    if (m[2] === undefined) return 'has an unclosed shortcode';
    const inner = m[2].trim();
    const figure = /^figure((?:\s+(?:src|caption|alt)="[^"{}<>\\]*")+)$/.exec(inner);
    if (figure) {
      const src = /src="([^"]*)"/.exec(figure[1]!)?.[1];
      if (!src || !src.startsWith(mediaPath) || src.includes('..')) return `has a figure whose src is not under ${mediaPath}`;
      continue;
    }
    if (allowed.includes(inner)) continue;
    return `has the shortcode "{{${m[1]} ${inner.slice(0, 40)} ${m[3]}}}": only figures from ${mediaPath} and ${allowed.length ? allowed.join(', ') : 'no other shortcode'} may appear`;
  }
  return null;
}

export class NewsletterFormatError extends Error {
  override name = 'NewsletterFormatError';
}

/** `value` as a newsletter definition, or a NewsletterFormatError that lists every problem. */
export function parseNewsletter(value: unknown, what = 'This newsletter definition'): NewsletterPreset {
  const result = newsletterSchema.safeParse(value);
  if (result.success) return result.data as NewsletterPreset;
  throw new NewsletterFormatError(`${what} is not valid:\n${describeNewsletterIssues(result.error, value)}`);
}

/**
 * Zod issues as "- sections[2].heading: must not be empty" lines (at most 10); `name` writes
 * the field's path (as in the JSON by default).
 */
export function describeIssues(error: z.ZodError, name: (path: readonly PropertyKey[]) => string = jsonPath): string {
  const lines = error.issues.slice(0, 10).map((issue) => `- ${name(issue.path) || '(file)'}: ${issue.message}`);
  if (error.issues.length > 10) lines.push(`- … and ${error.issues.length - 10} more`);
  return lines.join('\n');
}

/**
 * A newsletter definition's issues with each field named as the options page names it:
 * "- Entry form for releases: {?summary} is never closed (add {/summary})".
 */
export function describeNewsletterIssues(error: z.ZodError, definition: unknown): string {
  return describeIssues(error, (path) => (path.length ? fieldName(path, definition) : ''));
}

/** The file a newsletter definition is exported to and imported from. */
export const NEWSLETTER_FILE_FORMAT = 'newsdesk-newsletter';
export const NEWSLETTER_FILE_VERSION = 1;

export interface NewsletterFile {
  format: typeof NEWSLETTER_FILE_FORMAT;
  version: typeof NEWSLETTER_FILE_VERSION;
  newsletter: NewsletterPreset;
}

/** A definition as pretty JSON, ready to download. */
export function newsletterToJson(preset: NewsletterPreset): string {
  const file: NewsletterFile = { format: NEWSLETTER_FILE_FORMAT, version: NEWSLETTER_FILE_VERSION, newsletter: preset };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The text of an exported definition file, parsed and validated. A bare definition (without
 * the file wrapper) is accepted too, so hand-written JSON works.
 */
export function newsletterFromJson(json: string): NewsletterPreset {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new NewsletterFormatError(`This file is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new NewsletterFormatError('This file is not a Newsdesk newsletter definition.');
  }
  const record = data as Record<string, unknown>;
  if ('format' in record) {
    if (record.format !== NEWSLETTER_FILE_FORMAT) {
      throw new NewsletterFormatError(`This file is not a Newsdesk newsletter definition (format "${String(record.format)}").`);
    }
    if (typeof record.version !== 'number' || record.version > NEWSLETTER_FILE_VERSION) {
      throw new NewsletterFormatError(
        `This newsletter file is version ${String(record.version)}; this Newsdesk reads version ${NEWSLETTER_FILE_VERSION}. Update Newsdesk to import it.`,
      );
    }
    return parseNewsletter(record.newsletter);
  }
  return parseNewsletter(record);
}
