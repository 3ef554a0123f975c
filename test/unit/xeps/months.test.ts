import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthChanges, type MonthChanges } from '../../../utils/xeps/changes';
import { draftSection, xepEntry } from '../../../utils/xeps/entries';
import { loadMonthHistory } from '../../../utils/xeps/history';
import { GitHistory } from '../../../utils/xeps/source-git';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { xepsClone } from '../../support/xeps-clone';

/**
 * Golden months on the real xsf/xeps history. Each expected section (test/fixtures/xeps/golden)
 * was written from the published issue covering the month, in today's form, and says in its
 * header where and why it differs from what the issue printed.
 */

const golden = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/xeps/golden');
const expected = (month: string) => readFileSync(path.join(golden, `${month}.md`), 'utf8').replace(/^<!--[\s\S]*?-->\n/, '');

let git: GitHistory;
beforeAll(() => {
  git = new GitHistory(xepsClone());
}, 120_000);

async function draft(month: string): Promise<{ result: MonthChanges; section: string }> {
  const result = monthChanges(await loadMonthHistory(git, month));
  return { result, section: draftSection(result.changes.map((c) => xepEntry(c, xmppNewsletter)), xmppNewsletter) };
}

describe('the month’s Extensions and specifications section, drafted from the history', () => {
  for (const month of ['2021-10', '2023-12', '2024-01', '2024-03', '2024-09', '2025-10', '2026-03']) {
    it(`${month} matches its reviewed golden section`, { timeout: 60_000 }, async () => {
      const { result, section } = await draft(month);
      expect(section).toBe(expected(month));
      expect(result.skipped).toEqual([]);
    });
  }

  it('2023-12: the malformed headers of XEP-0483/0484 are repaired and reported', { timeout: 60_000 }, async () => {
    const { result } = await draft('2023-12');
    expect(result.warnings.map((w) => `${w.path} ${w.commit.slice(0, 8)}`)).toEqual(['xep-0483.xml 8997be68', 'xep-0484.xml 919fb356']);
    expect(result.warnings[0]!.message).toMatch(/not well-formed XML \(Missing end tag for element remark/);
    // The 150-XEP boilerplate merge was seen but needed no file texts.
    expect(result.commitCount).toBe(13);
  });

  it('2025-10: one commit changed two XEPs; a revision without a version is reported', { timeout: 60_000 }, async () => {
    const { result } = await draft('2025-10');
    const both = result.changes.filter((c) => c.commits.some((k) => k.sha.startsWith('84ef1733')));
    expect(both.map((c) => c.number)).toEqual(['0060', '0248']);
    expect(result.changes.find((c) => c.number === '0060')!.revisions.map((r) => r.version)).toEqual(['1.28.0', '1.27.0']);
    expect(result.warnings).toEqual([{ path: 'xep-0248.xml', commit: expect.stringMatching(/^84ef1733/), message: 'a <revision> without a <version> was ignored' }]);
  });

  it('2024-03: a status-only Rejected and a Last Call closed within the month', { timeout: 60_000 }, async () => {
    const { result } = await draft('2024-03');
    const rejected = result.changes.find((c) => c.subsection === 'rejected')!;
    expect(rejected).toMatchObject({ number: '0360', version: null, revisions: [], previousStatus: 'Proposed', status: 'Rejected' });
    expect(result.changes.filter((c) => c.number === '0392').map((c) => c.subsection)).toEqual(['last-call', 'stable']);
  });

  it('a month with no commits is an empty section, not an error', { timeout: 60_000 }, async () => {
    const { result, section } = await draft('2023-11');
    expect(result).toMatchObject({ commitCount: 0, changes: [], skipped: [] });
    expect(section).toBe('');
  });
});
