import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../utils/presets';
import { NewsletterFormatError, newsletterFromJson, newsletterToJson, parseNewsletter } from '../../../utils/presets/schema';
import type { NewsletterPreset } from '../../../utils/presets/types';

const base = (): NewsletterPreset => structuredClone({ ...getPreset('generic'), id: 'ours', name: 'Ours' });

function problems(value: unknown): string {
  try {
    parseNewsletter(value);
  } catch (error) {
    expect(error).toBeInstanceOf(NewsletterFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the definition to be refused');
}

describe('newsletter definitions from outside', () => {
  it('accepts a valid definition as it is', () => {
    expect(parseNewsletter(base())).toEqual(base());
  });

  it('names each broken field', () => {
    const preset = base();
    preset.sections.push({ ...preset.sections[1]!, heading: '' });
    preset.sections[2]!.hints = { urlPatterns: ['(unclosed'] };
    preset.defaultSection = 'thanks';
    const message = problems(preset);
    expect(message).toMatch(/^- Section 7, heading: must not be empty$/m);
    expect(message).toMatch(/^- Section 7, id: "news" is used twice$/m);
    expect(message).toMatch(/^- Section 3 \(“Releases”\), URL pattern 1: is not a valid regular expression/m);
    expect(message).toMatch(/Section for pages no rule matches: must be the id of a section that collects items/);
  });

  it('refuses ids that could shadow files or other keys, a weekly publish day past Sunday, and YAML injection', () => {
    expect(problems({ ...base(), id: '../etc' })).toMatch(/^- Id:/m);
    expect(problems({ ...base(), cadence: 'weekly', publishDay: 9 })).toMatch(/Publish day: for a weekly newsletter/);
    expect(problems({ ...base(), frontMatterExtra: ['a: 1\nb: 2'] })).toMatch(/Extra front matter line 1: must be one line/);
    expect(problems({ ...base(), frontMatterExtra: ['---'] })).toMatch(/must not end the front matter/);
    expect(problems({ ...base(), script: 'alert(1)' })).toMatch(/script/);
  });

  it('reads its own export, and a bare definition', () => {
    expect(newsletterFromJson(newsletterToJson(base()))).toEqual(base());
    expect(newsletterFromJson(JSON.stringify(base()))).toEqual(base());
  });

  it('gives a clear error for a file that is not JSON, foreign, or from a newer Newsdesk', () => {
    expect(() => newsletterFromJson('{"format": "newsdesk-newsletter", ')).toThrow(/not JSON/);
    expect(() => newsletterFromJson('[1,2]')).toThrow(/not a Newsdesk newsletter definition/);
    expect(() => newsletterFromJson('{"format": "something-else", "version": 1}')).toThrow(/format "something-else"/);
    expect(() => newsletterFromJson(JSON.stringify({ format: 'newsdesk-newsletter', version: 99, newsletter: base() }))).toThrow(
      /version 99; this Newsdesk reads version 1/,
    );
  });
});
