import { describe, expect, it } from 'vitest';
import { renderDraft } from '../../../utils/export/draft';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { headingTree, october2023Items, readReference, sectionText } from './fixtures';

const reference = readReference('xmpp-newsletter-2023-11-05.md');
const draft = renderDraft({ preset: xmppNewsletter, issue: '2023-10', items: october2023Items() });

/**
 * The reference's heading tree without the free-topic ### headings under the announcements
 * (they are the editor's prose, not the newsletter's structure), with its 2023 misspelling fixed.
 */
function referenceSkeleton(): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let inAnnouncements = false;
  for (const [level, text] of headingTree(reference)) {
    if (level === 2) inAnnouncements = text === 'XSF Announcments';
    if (inAnnouncements && level === 3) continue;
    out.push([level, text === 'XSF Announcments' ? 'XSF Announcements' : text]);
  }
  return out;
}

/** The draft's tree without its announcement topics (one per announcement item). */
function draftSkeleton(): Array<[number, string]> {
  let inAnnouncements = false;
  return headingTree(draft).filter(([level, text]) => {
    if (level === 2) inAnnouncements = text === 'XSF Announcements';
    return !(inAnnouncements && level === 3);
  });
}

describe('draft structure against the published October 2023 issue', () => {
  it('has the same heading tree, level by level and in order', () => {
    const skeleton = referenceSkeleton();
    expect(skeleton.length).toBeGreaterThan(15); // the reference was really parsed
    expect(draftSkeleton()).toEqual(skeleton);
    // The announcement is a topic of its own, under the heading the issue gave it.
    expect(headingTree(draft)).toContainEqual([3, 'XMPP Summit 26 & FOSDEM 2024']);
    expect(headingTree(reference)).toContainEqual([3, 'XMPP Summit 26 & FOSDEM 2024']);
  });

  it('has the same front matter and intro', () => {
    const upToFirstSection = (md: string) => md.slice(0, md.indexOf('\n## '));
    expect(upToFirstSection(draft)).toBe(upToFirstSection(reference));
    expect(draft.startsWith('---\ntitle: The XMPP Newsletter October 2023\ndate: 2023-11-05\n')).toBe(true);
  });

  it('shows the placeholder exactly for the empty XEP subsections, as the reference does', () => {
    for (const [heading, placeholder] of [
      ['### New', '- No new XEPs this month.'],
      ['### Stable', '- No XEP moved to stable this month.'],
      ['### Deprecated', '- No XEP deprecated this month.'],
    ] as const) {
      expect(sectionText(draft, heading)).toBe(placeholder);
      expect(sectionText(reference, heading)).toBe(placeholder);
    }
    expect(sectionText(draft, '### Deferred')).toBe(sectionText(reference, '### Deferred'));
    // Sections with items show no placeholder.
    expect(draft).not.toContain('- No XEPs updated this month.');
    expect(draft).not.toContain('- No client news this month.');
  });

  it('keeps the fixed texts verbatim: XEP intro, Spread the news, Help us, License', () => {
    for (const heading of [
      '## Extensions and specifications',
      '### Proposed',
      '### Last Call',
      '## Spread the news',
      '## Help us to build the newsletter',
      '## License',
    ]) {
      const mine = sectionText(draft, heading);
      expect(mine, heading).not.toBeNull();
      const ref = sectionText(reference, heading) ?? '';
      // Proposed and Last Call continue with items; compare their fixed text before the list.
      const fixed = (text: string) => text.split('\n- ')[0];
      expect(fixed(mine ?? ''), heading).toBe(fixed(ref));
    }
    expect(sectionText(draft, '## Spread the news')).toBe(sectionText(reference, '## Spread the news'));
    expect(draft).toContain('\n{{< newsletter-subscribe >}}\n');
  });

  it('fills the contributors block with this issue’s contributors, the translators kept verbatim', () => {
    const heading = '### Newsletter Contributors & Translations';
    const general = /^ {2}- General contributors: .*$/m;
    const mine = sectionText(draft, heading) ?? '';
    expect(mine.replace(general, '')).toBe((sectionText(reference, heading) ?? '').replace(general, ''));
    expect(mine).toContain('  - General contributors: **cal0pteryx, emus, Jonas Stein, Licaon\\_Kter, melvo, nicola**');
  });

  it('ends with the License block and a single newline', () => {
    expect(draft.endsWith('## License\n\nThis newsletter is published under [CC BY-SA license](https://creativecommons.org/licenses/by-sa/4.0/).\n')).toBe(true);
    expect(draft).not.toMatch(/\n\n\n/);
  });
});
