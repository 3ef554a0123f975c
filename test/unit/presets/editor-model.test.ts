import { describe, expect, it } from 'vitest';
import { cleanHints, commasToList, copyOf, linesToList, moveSection, newSection, slug, uniqueId, withField } from '../../../components/newsletter-editor/model';
import { getPreset } from '../../../utils/presets';
import { parseNewsletter } from '../../../utils/presets/schema';

describe('newsletter editor helpers', () => {
  it('copies a preset under a fresh, valid id, without touching the original', () => {
    const weekly = getPreset('weekly-digest');
    const copy = copyOf(weekly, 'This Week in Ünïcode Town!', ['this-week-in-unicode-town']);
    expect(copy.id).toBe('this-week-in-unicode-town-2');
    expect(copy.name).toBe('This Week in Ünïcode Town!');
    copy.sections[0]!.heading = 'Changed';
    expect(weekly.sections[0]!.heading).toBe('Updates from the Community');
    expect(parseNewsletter(copyOf(weekly, 'x', []))).toMatchObject({ id: 'x' });
    expect(slug('   ')).toBe('');
    expect(copyOf(weekly, '!!!', []).id).toBe('newsletter');
    expect(uniqueId('a', ['a', 'a-2'])).toBe('a-3');
  });

  it('moves sections up and down, clamped at the ends', () => {
    const sections = getPreset('generic').sections;
    const ids = (s: typeof sections) => s.map((x) => x.id);
    expect(ids(moveSection(sections, 1, -1)).slice(0, 2)).toEqual(['news', 'highlights']);
    expect(ids(moveSection(sections, 0, -1))).toEqual(ids(sections));
    expect(ids(moveSection(sections, sections.length - 1, 5))).toEqual(ids(sections));
    expect(newSection(sections)).toMatchObject({ id: 'section', kind: 'collected', level: 2 });
  });

  it('turns text fields into lists and drops empty optional fields instead of storing ""', () => {
    expect(linesToList(' a \n\n b\r\n')).toEqual(['a', 'b']);
    expect(commasToList('meetup, , conference ')).toEqual(['meetup', 'conference']);
    const section = { id: 's', heading: 'S', level: 2 as const, kind: 'collected' as const, placeholder: 'x' };
    expect(withField(section, 'placeholder', '')).not.toHaveProperty('placeholder');
    expect(withField(section, 'label', 'L')).toMatchObject({ label: 'L' });
    expect(cleanHints({ kinds: [], keywords: ['a'] })).toEqual({ keywords: ['a'] });
    expect(cleanHints({ kinds: [] })).toBeUndefined();
  });
});
