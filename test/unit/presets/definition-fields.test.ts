import { describe, expect, it } from 'vitest';
import { readBackupData } from '../../../utils/backup/format';
import { builtInPresets, getPreset } from '../../../utils/presets';
import { fieldName } from '../../../utils/presets/field-names';
import { NewsletterFormatError, parseNewsletter } from '../../../utils/presets/schema';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { SOFTWARE_LIST_IDS } from '../../../utils/categorize/software/ids';
import { SOFTWARE_LISTS } from '../../../utils/categorize/software/list';

/** The XMPP Newsletter as a user's own copy: every field of today's format is set. */
const ours = (): NewsletterPreset => structuredClone({ ...getPreset('xmpp'), id: 'ours', name: 'Ours' });

function problems(value: unknown): string[] {
  try {
    parseNewsletter(value);
  } catch (error) {
    expect(error).toBeInstanceOf(NewsletterFormatError);
    return (error as Error).message.split('\n').slice(1);
  }
  throw new Error('expected the definition to be refused');
}

const indexOf = (preset: NewsletterPreset, id: string) => preset.sections.findIndex((s) => s.id === id);

describe('the fields of today’s newsletter format, as the options page saves them', () => {
  it('accepts the XMPP Newsletter’s own definition as a copy, unchanged', () => {
    expect(parseNewsletter(ours())).toEqual(ours());
  });

  it('names a malformed template by the form it belongs to, in the editor’s words', () => {
    const preset = ours();
    preset.entryTemplates!.release = { template: '{projectLink} has released {versions}.{?summary} {summary}' };
    preset.summary = { template: 'In this issue: {highlights}{/xeps}' };
    preset.team!.translationLine = '  - {?language}[{language}]({url})';
    expect(problems(preset)).toEqual([
      '- Entry form for releases: {?summary} is never closed (add {/summary}).',
      '- Summary teaser: {/xeps} closes nothing.',
      '- Translation line: {?language} is never closed (add {/language}).',
    ]);
  });

  it('saves a template that uses a name its kind does not have: the typo shows in the draft, the editor warns', () => {
    const preset = ours();
    preset.entryTemplates!.article = { template: '{titleLnk}: {summary}' };
    expect(parseNewsletter(preset).entryTemplates?.article?.template).toBe('{titleLnk}: {summary}');
  });

  it('refuses a length budget whose target exceeds its maximum, naming the form', () => {
    const preset = ours();
    preset.entryTemplates!.video = { template: '{titleLink}', budget: { target: 500, max: 300 } };
    expect(problems(preset)).toEqual(['- Entry form for videos and talks, length: target must not exceed max']);
  });

  it('refuses a layout or an on/off switch on a section where it would be silently ignored', () => {
    const preset = ours();
    const spread = indexOf(preset, 'spread');
    const articles = indexOf(preset, 'articles');
    preset.sections[spread] = { ...preset.sections[spread]!, layout: 'topics' };
    preset.sections[articles] = { ...preset.sections[articles]!, occasional: true };
    expect(problems(preset)).toEqual([
      `- Section ${articles + 1} (“XMPP Articles”), only when switched on: only a fixed text can be switched on per issue`,
      `- Section ${spread + 1} (“Spread the news”), layout: only a section that holds clipped items has a layout`,
    ]);
    const grid = ours();
    (grid.sections[articles] as { layout?: string }).layout = 'grid';
    expect(problems(grid)).toEqual([`- Section ${articles + 1} (“XMPP Articles”), layout: must be bullets or topics`]);
  });

  it('refuses an earlier heading that names another section too, or is empty', () => {
    const preset = ours();
    const videos = indexOf(preset, 'videos');
    const articles = indexOf(preset, 'articles');
    preset.sections[articles]!.aliases = ['Articles', ' '];
    expect(problems(preset)).toEqual([`- Section ${articles + 1} (“XMPP Articles”), earlier heading 2: must not be empty`]);
    preset.sections[articles]!.aliases = ['Articles', 'talks'];
    expect(problems(preset)).toEqual([`- Section ${articles + 1} (“XMPP Articles”), earlier heading 2: “talks” also names section ${videos + 1} (“Videos and Talks”)`]);
    preset.sections[articles]!.aliases = ['Articles', 'XMPP Events'];
    expect(problems(preset)[0]).toMatch(/earlier heading 2: “XMPP Events” also names section \d+ \(“XMPP Events”\)/);
  });

  it('accepts only the software lists Newsdesk ships, and the XMPP presets name theirs', () => {
    expect(problems({ ...ours(), softwareList: 'matrix' })).toEqual(['- Software list: must be one of the lists Newsdesk knows: xmpp']);
    expect(Object.keys(SOFTWARE_LISTS).sort()).toEqual([...SOFTWARE_LIST_IDS].sort());
    for (const preset of builtInPresets.filter((p) => p.id.startsWith('xmpp'))) expect(preset.softwareList, preset.id).toBe('xmpp');
  });

  it('keeps team names on one line and translation addresses on the web or the site', () => {
    const preset = ours();
    preset.team!.members.push('Eve\n## Injected heading');
    preset.team!.translations[0]!.url = 'javascript:alert(1)';
    preset.team!.translations[1]!.translators.push('a\nb');
    expect(problems(preset)).toEqual([
      `- Team member ${preset.team!.members.length}: must be one line`,
      '- Translation 1 (French), address: must be a web address or a path on the site, like /categories/newsletter/',
      '- Translation 2 (Italian), translators: must be one line',
    ]);
  });

  it('names the same fields in words when a backup carries a broken definition', () => {
    const newsletter = ours();
    newsletter.entryTemplates!.event = { template: '{?when}{when}' };
    const parsed = readBackupData({ format: 'newsdesk-backup', version: 2, exportedAt: '2026-05-01T00:00:00.000Z', exportedBy: 'Ada', scope: { kind: 'all' }, items: [], newsletters: [newsletter] });
    expect(parsed.rejected.map((r) => r.reasons)).toEqual([['Entry form for events: {?when} is never closed (add {/when}).']]);
  });

  it('writes a path it has no words for as in the JSON', () => {
    expect(fieldName(['entryTemplates', 'blog'])).toBe('entryTemplates.blog');
    expect(fieldName(['knownProjects', 3, 'aliases', 0], { knownProjects: [{}, {}, {}, { name: 'Gajim' }] })).toBe('Known project 4 (“Gajim”), other name 1');
    expect(fieldName(['knownProjects', 0, 'section'])).toBe('Known project 1, section');
    expect(fieldName(['sections', 0, 'hints', 'kinds'], { sections: [{ heading: 'News' }] })).toBe('Section 1 (“News”), page kinds');
    expect(fieldName(['sections', 1, 'heading'], { sections: 'not a list' })).toBe('Section 2, heading');
  });
});
