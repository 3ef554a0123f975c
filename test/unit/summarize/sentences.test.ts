import { describe, expect, it } from 'vitest';
import { inlineText, splitSentences, textBlocks, topListItems } from '../../../utils/summarize/sentences';
import { joinAnd } from '../../../utils/summarize/join';
import { formatDateRange } from '../../../utils/summarize/dates';

describe('splitSentences', () => {
  it('does not split versions, abbreviations, initials or URLs', () => {
    expect(
      splitSentences('Gajim v1.8.2 is out, e.g. for Windows. See https://gajim.org/post/x.html. Dr. Smith and J. Doe tested it! Next?'),
    ).toEqual(['Gajim v1.8.2 is out, e.g. for Windows.', 'See https://gajim.org/post/x.html.', 'Dr. Smith and J. Doe tested it!', 'Next?']);
  });
});

describe('inlineText and blocks', () => {
  it('keeps link text, drops images, HTML and emphasis marks', () => {
    expect(inlineText('Use [Prosody](https://prosody.im/ "x") ![logo](l.png) **now** <b>here</b> `code`')).toBe('Use Prosody now here code');
  });
  it('skips headings, code, tables and bylines', () => {
    const md = '# Title\n\nPosted by Jane on 2023-10-01\n\n| a | b |\n|---|---|\n\n```\ncode\n```\n\nReal text here.\n\nShare this';
    expect(textBlocks(md)).toEqual(['Real text here.']);
  });
  it('top-level list items only', () => {
    expect(topListItems('- One\n  - nested\n- Two\n\n1. Three')).toEqual(['One', 'Two', 'Three']);
  });
});

describe('joinAnd and formatDateRange', () => {
  it('joins without a serial comma', () => {
    expect([joinAnd([]), joinAnd(['a']), joinAnd(['a', 'b']), joinAnd(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
  it('formats ranges the way the newsletter writes dates', () => {
    expect(formatDateRange('2023-11-18', '2023-11-19')).toBe('November 18–19, 2023');
    expect(formatDateRange('2023-11-30T10:00:00+01:00', '2023-12-01')).toBe('November 30 – December 1, 2023');
    expect(formatDateRange('2023-12-30', '2024-01-02')).toBe('December 30, 2023 – January 2, 2024');
    expect(formatDateRange('2024-02-01', null)).toBe('February 1, 2024');
    expect(formatDateRange(null, '2024-02-01')).toBeNull();
  });
});
