import { describe, expect, it } from 'vitest';
import {
  budgetFrom,
  cleanHints,
  commasToList,
  copyOf,
  DEFAULT_TRANSLATION_LINE,
  linesToList,
  moveSection,
  namesToList,
  newSection,
  otherPageForms,
  replaceAt,
  slug,
  templateFeedback,
  uniqueId,
  withEntryTemplate,
  withField,
  withKind,
  withTeam,
} from '../../../components/newsletter-editor/model';
import { SUMMARY_NAMES, TEMPLATE_NAMES } from '../../../utils/templates/names';
import { getPreset } from '../../../utils/presets';
import { parseNewsletter } from '../../../utils/presets/schema';
import type { SectionDef } from '../../../utils/presets/types';

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
    const section: SectionDef = { id: 's', heading: 'S', level: 2, kind: 'collected', placeholder: 'x' };
    expect(withField(section, 'placeholder', '')).not.toHaveProperty('placeholder');
    expect(withField(section, 'label', 'L')).toMatchObject({ label: 'L' });
    expect(cleanHints({ kinds: [], keywords: ['a'] })).toEqual({ keywords: ['a'] });
    expect(cleanHints({ kinds: [] })).toBeUndefined();
  });

  it('clears a layout or an on/off switch when a section comes to hold something they do not apply to', () => {
    const articles: SectionDef = { id: 'a', heading: 'Articles', level: 2, kind: 'collected', layout: 'topics', aliases: ['Posts'] };
    expect(withKind(articles, 'fixed')).toEqual({ id: 'a', heading: 'Articles', level: 2, kind: 'fixed', aliases: ['Posts'] });
    expect(withKind(articles, 'collected')).toEqual(articles);
    const channels: SectionDef = { id: 'c', heading: 'Channels', level: 2, kind: 'fixed', occasional: true, body: 'x' };
    expect(withKind(channels, 'collected')).not.toHaveProperty('occasional');
    expect(withKind(channels, 'fixed')).toEqual(channels);
    // Every result is a definition the schema takes.
    const preset = structuredClone(getPreset('xmpp'));
    const swapped = { announcements: 'fixed', 'public-channels': 'collected' } as const;
    const saved = { ...preset, id: 'ours', sections: preset.sections.map((s) => (Object.hasOwn(swapped, s.id) ? withKind(s, swapped[s.id as keyof typeof swapped]) : s)) };
    expect(() => parseNewsletter(saved)).not.toThrow();
  });

  it('splits translators at commas, but not inside parentheses', () => {
    expect(namesToList('Mario Sabatino,  Roberto Resoli, ')).toEqual(['Mario Sabatino', 'Roberto Resoli']);
    expect(namesToList('MSavoritias (fae,ve), Paulo')).toEqual(['MSavoritias (fae,ve)', 'Paulo']);
    expect(namesToList('')).toEqual([]);
  });

  it('says why a template is malformed, and which names its kind does not have', () => {
    expect(templateFeedback('{titleLink}{?summary}: {summary}{/summary}', TEMPLATE_NAMES.article)).toEqual({ problem: null, unknown: [] });
    expect(templateFeedback('{titleLnk} by {author}{?chanel} on {chanel}{/chanel}', TEMPLATE_NAMES.article)).toEqual({ problem: null, unknown: ['titleLnk', 'chanel'] });
    // A release has no {author}; an article has.
    expect(templateFeedback('{author}', TEMPLATE_NAMES.release).unknown).toEqual(['author']);
    expect(templateFeedback('{projectLink} released.{?summary} {summary}', TEMPLATE_NAMES.release)).toEqual({
      problem: '{?summary} is never closed (add {/summary}).',
      unknown: [],
    });
    expect(templateFeedback('In this issue: {highlights}. {releases}', SUMMARY_NAMES)).toEqual({ problem: null, unknown: [] });
    expect(templateFeedback('', TEMPLATE_NAMES.event)).toEqual({ problem: null, unknown: [] });
  });

  it('reads a length budget from two fields; an empty one takes the newsletter’s value', () => {
    const fallback = { target: 260, max: 480 };
    expect(budgetFrom('', ' ', fallback)).toBeUndefined();
    expect(budgetFrom('200', '400', fallback)).toEqual({ target: 200, max: 400 });
    expect(budgetFrom('300', '', fallback)).toEqual({ target: 300, max: 480 });
    expect(budgetFrom('', '350.4', fallback)).toEqual({ target: 260, max: 350 });
  });

  it('sets one entry form, and removes it when its template is emptied (Newsdesk’s own wording then)', () => {
    const forms = getPreset('xmpp').entryTemplates;
    const changed = withEntryTemplate(forms, 'article', '{titleLink} — {summary}', undefined);
    expect(changed?.article).toEqual({ template: '{titleLink} — {summary}' });
    expect(changed?.release).toEqual(forms?.release);
    expect(forms?.article?.template).not.toBe('{titleLink} — {summary}');
    expect(withEntryTemplate(forms, 'video', '{titleLink}', { target: 100, max: 200 })?.video).toEqual({ template: '{titleLink}', budget: { target: 100, max: 200 } });
    const withoutArticle = withEntryTemplate(forms, 'article', '  ', { target: 100, max: 200 });
    expect(withoutArticle).not.toHaveProperty('article');
    expect(withEntryTemplate({ event: { template: '{title}' } }, 'event', '', undefined)).toBeUndefined();
    expect(withEntryTemplate(undefined, 'event', '{titleLink}', undefined)).toEqual({ event: { template: '{titleLink}' } });
  });

  it('edits the team, and drops a team left with no one', () => {
    const team = getPreset('xmpp').team;
    const more = withTeam(team, { members: [...team!.members, 'Ada'] });
    expect(more?.members.at(-1)).toBe('Ada');
    expect(more?.translations).toEqual(team?.translations);
    expect(withTeam(undefined, { members: ['Ada'] })).toEqual({ members: ['Ada'], translations: [], translationLine: DEFAULT_TRANSLATION_LINE });
    expect(withTeam({ members: ['Ada'], translations: [], translationLine: DEFAULT_TRANSLATION_LINE }, { members: [] })).toBeUndefined();
    expect(withTeam(undefined, { translationLine: '- {language}: {url}' })).toMatchObject({ members: [], translationLine: '- {language}: {url}' });
    expect(replaceAt(['a', 'b', 'c'], 1, 'B')).toEqual(['a', 'B', 'c']);
    const withTeamSaved = { ...structuredClone(getPreset('generic')), id: 'ours', team: withTeam(undefined, { members: ['Ada'] }) };
    expect(parseNewsletter(withTeamSaved).team?.members).toEqual(['Ada']);
  });

  it('offers a section, for its other pages, the entry forms whose values an article has, and its own', () => {
    expect(otherPageForms(undefined)).toEqual(['article', 'announcement']);
    expect(otherPageForms('announcement')).toEqual(['article', 'announcement']);
    expect(otherPageForms('event')).toEqual(['article', 'event', 'announcement']);
  });
});
