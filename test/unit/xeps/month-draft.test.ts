import { describe, expect, it } from 'vitest';
import { listNewsletters, resolveNewsletter } from '../../../utils/presets';
import { hasXepSections, xepEntry } from '../../../utils/xeps/entries';
import type { XepChange } from '../../../utils/xeps/changes';
import { GITHUB_ORIGINS, monthTiming } from '../../../utils/xeps/month-draft';

describe('the month of a Desk issue', () => {
  it('is to come, running or over by the UTC calendar the XSF’s tools use', () => {
    expect(monthTiming('2026-04', new Date('2026-03-31T23:59:59Z'))).toBe('future');
    expect(monthTiming('2026-04', new Date('2026-04-01T00:00:00Z'))).toBe('current');
    expect(monthTiming('2026-03', new Date('2026-04-01T00:00:00Z'))).toBe('past');
  });
});

describe('GitHub origins', () => {
  it('are exactly the API and the raw file host, as host permission patterns', () => {
    expect(GITHUB_ORIGINS).toEqual(['https://api.github.com/*', 'https://raw.githubusercontent.com/*']);
  });
});

describe('hasXepSections', () => {
  const change: XepChange = {
    subsection: 'updated',
    number: '0461',
    title: 'Message Replies',
    abstract: [],
    status: 'Experimental',
    previousStatus: 'Experimental',
    version: '0.2.1',
    revisions: [],
    lastCall: null,
    path: 'xep-0461.xml',
    protoName: null,
    commits: [],
  };
  it('is true exactly for the newsletters xepEntry can file a change in', () => {
    const verdicts = listNewsletters([]).map((n) => {
      const preset = resolveNewsletter(n.id, []);
      let files = true;
      try {
        xepEntry(change, preset);
      } catch {
        files = false;
      }
      expect(hasXepSections(preset)).toBe(files);
      return [n.id, files];
    });
    expect(Object.fromEntries(verdicts)).toMatchObject({ xmpp: true, 'xmpp-2023': true, 'xmpp-2024': true, generic: false, 'weekly-digest': false });
  });
});
