import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { draftFileName, renderDraft } from '../../../utils/export/draft';
import { builtInPresets, getPreset, listNewsletters, resolveNewsletter } from '../../../utils/presets';
import { newsletterFromJson, newsletterSchema, newsletterToJson } from '../../../utils/presets/schema';
import type { NewsletterPreset } from '../../../utils/presets/types';
import { headingTree, readReference, sectionText } from '../export/fixtures';
import { genericItems, goldenDir, octoberItemsFor, weeklyItems } from './fixtures';

// Regenerate with UPDATE_FIXTURES=1 and read the diff before committing.
function expectGolden(name: string, text: string): void {
  const file = fileURLToPath(new URL(name, goldenDir));
  if (process.env.UPDATE_FIXTURES === '1') {
    mkdirSync(fileURLToPath(goldenDir), { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${name} is missing; run with UPDATE_FIXTURES=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const cases: Array<{ id: string; issue: string; items: () => ReturnType<typeof weeklyItems>; file: string; golden?: string }> = [
  // The same October 2023 items in today's shape, in 2024's, and in 2023's (whose golden is the
  // export tests' own: one file, so the two cannot drift apart).
  { id: 'xmpp', issue: '2023-10', items: () => octoberItemsFor('xmpp'), file: '2023-11-05-newsletter.md' },
  { id: 'xmpp-2024', issue: '2023-10', items: () => octoberItemsFor('xmpp-2024'), file: '2023-11-05-newsletter.md' },
  { id: 'xmpp-2023', issue: '2023-10', items: () => octoberItemsFor('xmpp'), file: '2023-11-05-newsletter.md', golden: '../../../fixtures/export/xmpp-2023-10.expected.md' },
  { id: 'weekly-digest', issue: '2024-W07', items: weeklyItems, file: '2024-02-21-this-week-2024-W07.md' },
  { id: 'generic', issue: '2024-03', items: genericItems, file: 'newsletter-2024-03.md' },
];

describe('built-in presets', () => {
  it('are the five that ship, each valid under the schema the user’s own newsletters meet', () => {
    expect(builtInPresets.map((p) => p.id)).toEqual(['xmpp', 'xmpp-2024', 'xmpp-2023', 'weekly-digest', 'generic']);
    for (const preset of builtInPresets) {
      const result = newsletterSchema.safeParse(preset);
      expect(result.success, `${preset.id}: ${result.error?.message}`).toBe(true);
    }
  });

  for (const { id, issue, items, file, golden } of cases) {
    it(`${id}: exports ${issue} exactly as its golden draft, under the name ${file}`, () => {
      const preset = getPreset(id);
      expectGolden(golden ?? `${id}.md`, renderDraft({ preset, issue, items: items() }));
      expect(draftFileName(preset, issue)).toBe(file);
    });

    it(`${id}: survives export to JSON and import unchanged`, () => {
      const preset = getPreset(id);
      expect(newsletterFromJson(newsletterToJson(preset))).toEqual(preset);
    });
  }

  it('xmpp-2024 has the heading tree of the September 2024 issue', () => {
    const reference = readReference('xmpp-newsletter-2024-10-05.md');
    const skeleton: Array<[number, string]> = [];
    let inAnnouncements = false;
    for (const [level, text] of headingTree(reference)) {
      if (level === 2) inAnnouncements = text === 'XSF Announcements';
      if (inAnnouncements && level === 3) continue; // the editor's free topics
      skeleton.push([level, text]);
    }
    const items = octoberItemsFor('xmpp-2024').concat(); // announcements present in the fixture
    const draft = renderDraft({ preset: getPreset('xmpp-2024'), issue: '2024-09', items: items.map((i) => ({ ...i, issue: '2024-09' })) });
    let inDraftAnnouncements = false;
    const withoutTopics = headingTree(draft).filter(([level, text]) => {
      if (level === 2) inDraftAnnouncements = text === 'XSF Announcements';
      return !(inDraftAnnouncements && level === 3);
    });
    expect(withoutTopics).toEqual(skeleton);
    expect(sectionText(draft, '### Rejected')).toBe('- No XEP rejected this month.');
    expect(draft).toContain('Welcome to the XMPP Newsletter, great to have you here again!\nThis issue covers the month of September 2024.');
  });

  it('weekly digest: italic placeholders, [video]/[audio] markers once, contributors credited', () => {
    const draft = renderDraft({ preset: getPreset('weekly-digest'), issue: '2024-W07', items: weeklyItems() });
    expect(draft).toContain('title: This Week in the Community, week 7 of 2024\ndate: 2024-02-21\n');
    expect(draft).toContain('covering 12–18 February 2024.');
    expect(sectionText(draft, '## Quote of the Week')).toBe('*No quote was selected this week.*');
    expect(sectionText(draft, '### Videos & Podcasts')).toBe(
      [
        '- [video] [Building a community, one meetup at a time](https://www.youtube.com/watch?v=abcdefghijk)',
        '- [audio] [Episode 42: maintainers talk](https://podcast.example.net/episodes/42)',
        '- [video] [A talk that was already marked](https://video.example.org/w/abcdefghijkl)',
      ].join('\n'),
    );
    expect(draft).not.toContain('## Jobs'); // optional and empty
    expect(draft).toContain('put together by Alice, bob, Chen.');
    expect(draft).not.toContain('Mallory');
  });

  it('refuses an issue key of the wrong cadence with a message saying what is expected', () => {
    expect(() => renderDraft({ preset: getPreset('weekly-digest'), issue: '2024-02', items: [] })).toThrow(/ISO week like 2024-W07/);
    expect(() => renderDraft({ preset: getPreset('xmpp'), issue: '2024-W07', items: [] })).toThrow(/month like 2023-10/);
  });

  it('generic: plain Markdown with a title heading, excluded items left out', () => {
    const draft = renderDraft({ preset: getPreset('generic'), issue: '2024-03', items: genericItems() });
    expect(draft.startsWith('# Monthly Newsletter: March 2024\n\nWhat happened in March 2024, collected by Dana, Eve.\n')).toBe(true);
    expect(draft).not.toContain('Excluded');
    expect(draft).not.toContain('---');
  });
});

describe('newsletter lookup', () => {
  const own: NewsletterPreset = { ...getPreset('generic'), id: 'our-weekly', name: 'Our weekly' };

  it('finds built-ins and the user’s own, and never lets a user definition shadow a built-in', () => {
    expect(resolveNewsletter('our-weekly', [own]).name).toBe('Our weekly');
    expect(resolveNewsletter('xmpp', [{ ...own, id: 'xmpp', name: 'Impostor' }]).name).toBe('The XMPP Newsletter');
    expect(() => resolveNewsletter('nope', [own])).toThrow(/Unknown newsletter "nope" \(known: xmpp, xmpp-2024, xmpp-2023, weekly-digest, generic, our-weekly\)/);
    expect(listNewsletters([own]).map((n) => `${n.id}:${n.builtIn}`)).toEqual([
      'xmpp:true', 'xmpp-2024:true', 'xmpp-2023:true', 'weekly-digest:true', 'generic:true', 'our-weekly:false',
    ]);
  });
});
