import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderDraft } from '../../../utils/export/draft';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { buildWithHugo, hugoTitle, skipWithoutHugo } from '../../support/hugo';

/**
 * Issue 10, defect 12: a newsletter's name (user-written, shared as a file) becomes the
 * draft's title in YAML front matter. Whatever it holds, every YAML parser must read the same
 * title back: `yaml` (YAML 1.2 and, as Hugo 0.111's parser does, 1.1) here, Hugo itself below.
 */

const named = (name: string): NewsletterPreset => ({ ...xmppNewsletter, name, titleTemplate: '{newsletter}' });

function frontMatterOf(draft: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(draft);
  if (!match) throw new Error('no front matter');
  return match[1]!;
}

/** The title as a YAML parser of `version` reads it; throws on any YAML error or warning. */
function titleRead(draft: string, version: '1.1' | '1.2'): unknown {
  const docs = parseAllDocuments(frontMatterOf(draft), { version, strict: true, uniqueKeys: true });
  if (!Array.isArray(docs) || docs.length !== 1) throw new Error('not one YAML document');
  const [doc] = docs;
  if (doc!.errors.length || doc!.warnings.length) throw new Error([...doc!.errors, ...doc!.warnings].map((e) => e.message).join('; '));
  return (doc!.toJS() as { title?: unknown }).title;
}

// Reproduced: each of these broke the front matter or changed the title.
const HOSTILE_NAMES = [
  'Line\nbreak',
  'Carriage\rreturn',
  'Tab\there',
  'NEL\u0085here',
  'LS\u2028PS\u2029here',
  'Non\uFFFEcharacter\uFFFF',
  'DEL\u007Fhere',
  'Bell\u0007 and escape\u001B and NUL\u0000',
  'C1 \u0080\u009F',
  '\uFEFFBOM first',
  'Quote " and \' and \\ backslash',
  '& anchor',
  '*alias',
  '!tag',
  '%directive',
  '@reserved',
  '`reserved',
  '- dash',
  '? key',
  ': colon',
  'a: b',
  'hash #comment',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'null',
  'Null',
  '~',
  'true',
  '1e3',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.NaN',
  '12:30:00',
  '2023-10-05',
  '1_000',
  '+12',
  '[flow, seq]',
  '{flow: map}',
  '|literal',
  '>folded',
  '---',
  '...',
  ' leading space',
  'trailing space ',
  '',
  '日本語のニュースレター',
  'Emoji 🎉 news',
  'Lone \uD800 surrogate',
  'e0',
  'E12',
  'NaN',
  'Infinity',
];

describe('defect 12: hostile newsletter names in YAML front matter', () => {
  it.each(HOSTILE_NAMES)('%j is read back as the same title by YAML 1.2 and 1.1', (name) => {
    const draft = renderDraft({ preset: named(name), issue: '2023-10', items: [] });
    expect(titleRead(draft, '1.2')).toBe(name.toWellFormed());
    expect(titleRead(draft, '1.1')).toBe(name.toWellFormed());
  });

  it('keeps plain titles plain, as the site writes them', () => {
    const draft = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: [] });
    expect(draft).toMatch(/^---\ntitle: The XMPP Newsletter October 2023\n/);
  });

  it('any name at all is read back (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...HOSTILE_NAMES.join('')), maxLength: 20 })), (name) => {
        const draft = renderDraft({ preset: named(name), issue: '2023-10', items: [] });
        expect(titleRead(draft, '1.2')).toBe(name.toWellFormed());
        expect(titleRead(draft, '1.1')).toBe(name.toWellFormed());
      }),
      { numRuns: Number(process.env.YAML_PROPERTY_RUNS ?? 1000) },
    );
  });

  it.skipIf(skipWithoutHugo)('Hugo builds every hostile name and shows it as written', () => {
    const pages = Object.fromEntries(HOSTILE_NAMES.map((name, i) => [`n${i}`, renderDraft({ preset: named(name), issue: '2023-10', items: [] })]));
    const built = buildWithHugo(pages);
    HOSTILE_NAMES.forEach((name, i) => {
      expect(hugoTitle(built.pages[`n${i}`] ?? ''), JSON.stringify(name)).toBe(name.toWellFormed());
    });
  });
});
