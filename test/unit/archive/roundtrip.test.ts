import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archivedItemFields, readArchivedIssue } from '../../../utils/archive/import';
import { composeDraft } from '../../../utils/export/draft';
import type { DraftItem } from '../../../utils/export/select';
import { getPreset } from '../../../utils/presets';
import { buildWithHugo, skipWithoutHugo } from '../../support/hugo';
import { headingTree, sharedDir } from '../export/fixtures';

/**
 * Each published reference issue, imported with the newsletter shape of its time and exported
 * again, must come back as it was published: the same section tree, every entry in the same
 * section and order, placeholders and fixed blocks as printed. The only lines allowed to
 * differ are listed below with the reason — what depends on data Newsdesk cannot know (a
 * typo in that month's issue, wording the editors retouched since, that month's translators)
 * or Markdown that renders the same. Hugo builds every exported draft.
 */

interface Case {
  file: string;
  preset: string;
  /** Lines of the published issue the export writes differently, with why. */
  published: Record<string, string>;
  /** Lines the export writes that the published issue does not have, with why. */
  exported: Record<string, string>;
}

const CASES: Case[] = [
  {
    file: 'xmpp-newsletter-2026-04-05.md',
    preset: 'xmpp',
    published: {
      "Once again, this year [JMP](https://jmp.chat/) is pleased to announce its annual offer for funding to the potential speakers who would like to host a talk on the XMPP track. Please, join them at [discuss@conference.soprani.ca](xmpp:discuss@conference.soprani.ca?join), and don't hesitate to ask for more information!":
        'a lazy continuation line of a bullet: the export indents it (the same Markdown)',
    },
    exported: {
      "  Once again, this year [JMP](https://jmp.chat/) is pleased to announce its annual offer for funding to the potential speakers who would like to host a talk on the XMPP track. Please, join them at [discuss@conference.soprani.ca](xmpp:discuss@conference.soprani.ca?join), and don't hesitate to ask for more information!":
        'the same line, indented',
    },
  },
  {
    file: 'xmpp-newsletter-2025-11-05.md',
    preset: 'xmpp',
    published: {
      '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" alt="XMPP Newsletter Banner" >}}': 'the banner had alt=, since 2026 caption=',
      'Just like any other product or project by the XSF, the Newsletter is the result of voluntary work of its members and contributors. If you are happy with the services and software you may be using, please consider saying thanks or help these projects!':
        'intro wording retouched in 2026',
      '': 'the intro lost a blank line in 2026; blank lines around a level-2 section moved below',
      '## Events': 'renamed "XMPP Events" in 2026',
      '- No XEPs moved to Stable this month.': 'placeholder worded "No stable XEPs this month." in 2026',
      '  - [German](/categories/newsletter/): *Millesimus*': 'that month’s translators (team data is 2026’s)',
      '  - [Italian](https://notes.nicfab.eu/en/newsletter/): *nicola*': 'that month’s translators',
      '  ': 'a line of two spaces in the contributors block',
      '## XSF Fiscal Hosting Projects': 'published at the very end as a level-2 section; Newsdesk files it as a subsection of the default section',
      'To unsubscribe from this list, [please log in first](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/).': 'Unsubscribe text rewritten in 2026',
      'If you have not previously logged in, you may need to set up an account with the appropriate email address.': 'Unsubscribe text rewritten in 2026',
    },
    exported: {
      '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="XMPP Newsletter Banner" >}}': 'the banner as of 2026',
      'Just like any other product or project by the XSF, the Newsletter is the result of the voluntary work of its members and contributors. If you are happy with the services and software you may be using, please consider saying thanks or help these projects!':
        'intro as of 2026',
      '## XMPP Events': 'heading as of 2026',
      '- No stable XEPs this month.': 'placeholder as of 2026',
      '  - [Italian](/categories/newsletter/): *Mario Sabatino, Roberto Resoli*': 'translators as of 2026',
      '### XSF Fiscal Hosting Projects': 'the misplaced section, as a subsection',
      'For this newsletter either [log in here](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/) and unsubscribe or simply send an email to newsletter-leave@xmpp.org.': 'Unsubscribe as of 2026',
      '(If you have not previously logged in, you may need to set up an account with the appropriate email address.)': 'Unsubscribe as of 2026',
      '': 'blank lines around the moved subsection',
    },
  },
  {
    file: 'xmpp-newsletter-2024-10-05.md',
    preset: 'xmpp-2024',
    published: {
      'This is a community effort, and we would like to thank translators for their contributions. Volunteers an more languages are welcome! Translations of the XMPP Newsletter will be released here (with some delay):': 'a typo of that issue ("an more")',
      '- Spanish: [xmpp.org](https://xmpp.org/categories/newsletter/])': 'a typo of that issue (a "]" in the address)',
      '- German: [xmpp.org](https://xmpp.org/categories/newsletter/])': 'a typo of that issue',
    },
    exported: {
      'This is a community effort, and we would like to thank translators for their contributions. Volunteers and more languages are welcome! Translations of the XMPP Newsletter will be released here (with some delay):': 'the typo fixed',
      '- Spanish: [xmpp.org](https://xmpp.org/categories/newsletter/)': 'the typo fixed',
      '- German: [xmpp.org](https://xmpp.org/categories/newsletter/)': 'the typo fixed',
      '': 'a blank line between blocks the issue wrote without one (the same Markdown)',
    },
  },
  {
    file: 'xmpp-newsletter-2023-11-05.md',
    preset: 'xmpp-2023',
    published: { '## XSF Announcments': 'a typo of that issue' },
    exported: { '## XSF Announcements': 'the typo fixed' },
  },
  {
    file: 'xmpp-newsletter-2024-02-05.md',
    preset: 'xmpp-2023',
    published: {
      '## Talks': 'that month the videos section was headed "Talks"',
      'title: The XMPP Newsletter December 2023 & January 2024': 'a double issue: its title names two months',
      'Welcome to the XMPP Newsletter, great to have you here again! This issue covers the month of December 2023 & January 2024. After a winter break we are back - a wonderful happy new year 2024 still!':
        'the double issue’s own welcome',
      '  {{< figure src="/images/newsletter/2024-02-02/network_graph.jpeg" caption="XMPP Network Graph" >}}': 'a figure inside a list item; the export writes it after the list',
      ' ': 'a line of one space',
      '- No last call this month.': 'placeholder worded "No Last Call" in the 2023 shape',
      '- [XMPP Facebook page (unofficial)](https://www.facebook.com/jabber)': 'a link the 2023 shape’s list does not have',
    },
    exported: {
      '## Videos': 'the heading of the 2023 shape',
      'title: The XMPP Newsletter December 2023': 'the title pattern names one month',
      'Welcome to the XMPP Newsletter, great to have you here again! This issue covers the month of December 2023.': 'the welcome of the 2023 shape',
      '{{< figure src="/images/newsletter/2024-02-02/network_graph.jpeg" caption="XMPP Network Graph" >}}': 'the figure after the list',
      '- No Last Call this month.': 'the 2023 shape’s placeholder',
      '- German: [xmpp.org](https://xmpp.org/categories/newsletter/) and [anoxinon.de](https://anoxinon.de/blog/)': 'translations of the 2023 team data, not listed that month',
      '  - Translators: **Jeybe, wh0nix**': 'translations of the 2023 team data',
      '- Spanish: [xmpp.org](https://xmpp.org/categories/newsletter/)': 'translations of the 2023 team data',
      '  - Translators: **daimonduff, TheCoffeMaker**': 'translations of the 2023 team data',
      '': 'blank lines around the figure moved after the list',
    },
  },
  // Not here: xmpp-newsletter-2021-11-05.md. Its shape predates every built-in one (prose
  // paragraphs and topics interleaved in one section, pictures as Markdown images, which a
  // draft never carries: figures only), so there is no newsletter of its time to import it with.
];

/** Lines of `a` not matched by a line of `b` (as multisets). */
function unmatched(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of a) {
    const n = counts.get(line) ?? 0;
    if (n > 0) counts.set(line, n - 1);
    else out.push(line);
  }
  return out;
}

const figures: string[] = [];
const drafts: Record<string, string> = {};
afterAll(() => console.log(`round trip of the reference issues, line similarity: ${figures.join('; ')}`));

function roundTrip(c: Case) {
  const preset = getPreset(c.preset);
  const published = readFileSync(path.join(sharedDir, 'reference', c.file), 'utf8');
  const archived = readArchivedIssue(published, preset);
  const items = archivedItemFields(archived, preset, { newsletter: preset.family ?? preset.id, file: c.file, createdAt: '2026-01-01T00:00:00.000Z' }) as DraftItem[];
  const { markdown, problems } = composeDraft({
    preset,
    issue: archived.issue,
    items,
    publishDate: /^date: (\S+)$/m.exec(published)?.[1],
    meta: { summary: archived.summary, contributors: archived.contributors, blocks: Object.fromEntries(archived.fixedPresent.map((id) => [id, true])) },
  });
  return { preset, published, archived, markdown, problems };
}

describe('reference issues: import, export, compare', () => {
  for (const c of CASES) {
    it(`${c.file} with ${c.preset}: the same tree, the same entries in the same places, only the listed lines differ`, () => {
      const { preset, published, archived, markdown, problems } = roundTrip(c);
      drafts[c.file.replace(/\W+/g, '-')] = markdown;
      expect(problems).toEqual([]);
      // Every entry, in the same section, layout and order, with the same text.
      const again = readArchivedIssue(markdown, preset, { issue: archived.issue });
      // Per section, in order (a section the issue misplaced moves to its section, entries and all).
      const shape = (a: typeof archived) =>
        preset.sections.map((s) => [s.id, a.entries.filter((e) => e.section === s.id).map((e) => [e.layout, e.title, e.entry.replace(/\n +/g, '\n')])]);
      expect(shape(again)).toEqual(shape(archived));
      expect(again.contributors).toEqual(archived.contributors);
      // The heading tree, but for the listed renames.
      const renamed = (tree: Array<[number, string]>, list: Record<string, string>) =>
        tree.filter(([level, text]) => !(`${'#'.repeat(level)} ${text}` in list));
      expect(renamed(headingTree(markdown), c.exported)).toEqual(renamed(headingTree(published), c.published));
      // Only the listed lines differ.
      const out = markdown.split('\n');
      const orig = published.split('\n');
      expect(unmatched(orig, out).filter((line) => !(line in c.published))).toEqual([]);
      expect(unmatched(out, orig).filter((line) => !(line in c.exported))).toEqual([]);
      const same = orig.length - unmatched(orig, out).length;
      figures.push(`${c.file.slice(16, 26)} (${c.preset}) ${((2 * same) / (orig.length + out.length)).toFixed(3)}`);
    });
  }

  it.skipIf(skipWithoutHugo)('Hugo builds every exported draft, figures and the subscribe form included', () => {
    for (const c of CASES) if (!drafts[c.file.replace(/\W+/g, '-')]) drafts[c.file.replace(/\W+/g, '-')] = roundTrip(c).markdown;
    const { pages } = buildWithHugo(drafts);
    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).toContain('<form id="subscribe"></form>');
      expect(html, name).not.toMatch(/<script|onerror=|javascript:/i);
    }
    expect(pages['xmpp-newsletter-2026-04-05-md']).toContain('<img src="/images/newsletter/2026-04-05/gajim-timezone-update.png"');
  });
});
