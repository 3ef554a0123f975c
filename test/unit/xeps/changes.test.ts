import { describe, expect, it } from 'vitest';
import { monthChanges, type XepChange } from '../../../utils/xeps/changes';
import { plainText } from '../../../utils/xeps/header';
import type { FileVersion, HistoryCommit, MonthHistory } from '../../../utils/xeps/history';

/** The classification rules on small, readable histories (the real ones are in months.test.ts). */

interface Spec {
  title?: string;
  status: string;
  lastcalls?: string[];
  revisions?: [version: string, initials: string, remark: string][];
}

function xml(spec: Spec): string {
  const revisions = (spec.revisions ?? [])
    .map(([v, i, r]) => `<revision><version>${v}</version><date>2026-03-01</date><initials>${i}</initials><remark><p>${r}</p></remark></revision>`)
    .join('\n');
  const lastcalls = (spec.lastcalls ?? []).map((d) => `<lastcall>${d}</lastcall>`).join('');
  return `<xep><header><title>${spec.title ?? 'Example'}</title><abstract>An example.</abstract><number>0999</number><status>${spec.status}</status>${lastcalls}<type>Standards Track</type>${revisions}</header></xep>`;
}

let n = 0;
function commit(day: number, subject: string, files: Record<string, [before: Spec | string | null, after: Spec | string | null] | 'unloaded'>): HistoryCommit {
  const sha = (++n).toString(16).padStart(40, 'a');
  const xeps: FileVersion[] = Object.entries(files).map(([path, f]) => {
    if (f === 'unloaded') return { path, kind: 'modified', before: null, after: null, loaded: false };
    const [before, after] = f;
    const text = (s: Spec | string | null) => (s === null ? null : typeof s === 'string' ? s : xml(s));
    return { path, kind: before === null ? 'added' : after === null ? 'deleted' : 'modified', before: text(before), after: text(after), loaded: true };
  });
  return { sha, parent: (n - 1).toString(16).padStart(40, 'a'), date: `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`, subject, paths: Object.keys(files), xeps };
}

function month(...commits: HistoryCommit[]): MonthHistory {
  return { month: '2026-03', repository: 'xsf/xeps', tip: 'master', entities: null, commits };
}

const summary = (c: XepChange) => `${c.subsection} ${c.number ?? c.protoName} ${c.version ?? '-'}`;

describe('monthChanges follows the XSF’s announcement rules', () => {
  const exp = (...revisions: Spec['revisions'] & object): Spec => ({ status: 'Experimental', revisions });

  it('a new revision is Updated; two in a month: the latest, both revisions kept newest first', () => {
    const r = monthChanges(
      month(
        commit(3, 'first', { 'xep-0999.xml': [exp(['0.1.0', 'ed', 'Accepted']), exp(['0.1.1', 'ab', 'Fix one'], ['0.1.0', 'ed', 'Accepted'])] }),
        commit(9, 'second', { 'xep-0999.xml': [exp(['0.1.1', 'ab', 'Fix one'], ['0.1.0', 'ed', 'Accepted']), exp(['0.2.0', 'cd', 'Big change'], ['0.1.1', 'ab', 'Fix one'], ['0.1.0', 'ed', 'Accepted'])] }),
      ),
    );
    expect(r.changes.map(summary)).toEqual(['updated 0999 0.2.0']);
    expect(r.changes[0]!.revisions.map((v) => [v.version, v.initials, v.remark.map(plainText).join()])).toEqual([
      ['0.2.0', 'cd', 'Big change'],
      ['0.1.1', 'ab', 'Fix one'],
    ]);
    expect(r.changes[0]!.commits.map((c) => c.subject)).toEqual(['first', 'second']);
  });

  it('Deferred → Experimental with a revision is Updated; a revision during a Last Call that ends back in Experimental is not news', () => {
    const revived = monthChanges(month(commit(2, 'revive', { 'xep-0999.xml': [{ status: 'Deferred', revisions: [['0.1.0', 'a', 'x']] }, exp(['0.2.0', 'b', 'Revived'], ['0.1.0', 'a', 'x'])] })));
    expect(revived.changes.map(summary)).toEqual(['updated 0999 0.2.0']);
    expect(revived.changes[0]!.previousStatus).toBe('Deferred');

    const proposed = (...revisions: Spec['revisions'] & object): Spec => ({ status: 'Proposed', lastcalls: ['2026-01-05'], revisions });
    const feedback = monthChanges(
      month(
        commit(10, 'work in feedback', { 'xep-0999.xml': [proposed(['0.3.0', 'a', 'x']), proposed(['0.4.0', 'b', 'Feedback'], ['0.3.0', 'a', 'x'])] }),
        commit(10, 'back to experimental', { 'xep-0999.xml': [proposed(['0.4.0', 'b', 'Feedback'], ['0.3.0', 'a', 'x']), { status: 'Experimental', lastcalls: ['2026-01-05'], revisions: [['0.4.0', 'b', 'Feedback'], ['0.3.0', 'a', 'x']] }] }),
      ),
    );
    expect(feedback.changes).toEqual([]);
  });

  it('a new <lastcall> is a Last Call, from the day of the commit to the date in the header', () => {
    const r = monthChanges(month(commit(31, 'Issue last call', { 'xep-0999.xml': [exp(['0.4.0', 'a', 'x']), { status: 'Proposed', lastcalls: ['2026-04-14'], revisions: [['0.4.0', 'a', 'x']] }] })));
    expect(r.changes.map(summary)).toEqual(['last-call 0999 -']);
    expect(r.changes[0]!.lastCall).toEqual({ begins: '2026-03-31', ends: '2026-04-14' });
    // A second Last Call on a XEP that stayed Proposed is one too.
    const again = monthChanges(month(commit(5, 'again', { 'xep-0999.xml': [{ status: 'Proposed', lastcalls: ['2026-01-05'] }, { status: 'Proposed', lastcalls: ['2026-03-19', '2026-01-05'] }] })));
    expect(again.changes.map(summary)).toEqual(['last-call 0999 -']);
  });

  it('status-only changes carry no version and no old remark; with a revision they carry it', () => {
    const deprecated = monthChanges(month(commit(4, 'deprecate', { 'xep-0999.xml': [{ status: 'Stable', revisions: [['1.2.0', 'a', 'Old remark']] }, { status: 'Deprecated', revisions: [['1.2.0', 'a', 'Old remark']] }] })));
    expect(deprecated.changes.map(summary)).toEqual(['deprecated 0999 -']);
    expect(deprecated.changes[0]!.revisions).toEqual([]);
    const stable = monthChanges(month(commit(4, 'advance', { 'xep-0999.xml': [{ status: 'Proposed', lastcalls: ['2026-02-01'], revisions: [['0.9.0', 'a', 'x']] }, { status: 'Stable', lastcalls: ['2026-02-01'], revisions: [['1.0.0', 'XEP Editor: dg', 'Accept as Stable'], ['0.9.0', 'a', 'x']] }] })));
    expect(stable.changes.map(summary)).toEqual(['stable 0999 1.0.0']);
    // Draft was renamed Stable in 2021: a file saying so is no news.
    const renamed = monthChanges(month(commit(4, 's/Draft/Stable/', { 'xep-0999.xml': [{ status: 'Draft', revisions: [['1.0.0', 'a', 'x']] }, { status: 'Stable', revisions: [['1.0.0', 'a', 'x']] }] })));
    expect(renamed.changes).toEqual([]);
  });

  it('a XEP added and revised in the same month is New and Updated; a Last Call issued and closed in the month is still news', () => {
    const r = monthChanges(
      month(
        commit(2, 'accept', { 'xep-0999.xml': [null, exp(['0.1.0', 'XEP Editor: dg', 'Accepted'])] }),
        commit(20, 'update', { 'xep-0999.xml': [exp(['0.1.0', 'XEP Editor: dg', 'Accepted']), exp(['0.2.0', 'x', 'More'], ['0.1.0', 'XEP Editor: dg', 'Accepted'])] }),
      ),
    );
    expect(r.changes.map(summary)).toEqual(['new 0999 0.1.0', 'updated 0999 0.2.0']);
    expect(r.changes[1]!.revisions.map((v) => v.version)).toEqual(['0.2.0']);

    const quick = monthChanges(
      month(
        commit(1, 'LC', { 'xep-0999.xml': [exp(['0.9.0', 'a', 'x']), { status: 'Proposed', lastcalls: ['2026-03-15'], revisions: [['0.9.0', 'a', 'x']] }] }),
        commit(30, 'advance', { 'xep-0999.xml': [{ status: 'Proposed', lastcalls: ['2026-03-15'], revisions: [['0.9.0', 'a', 'x']] }, { status: 'Stable', lastcalls: ['2026-03-15'], revisions: [['1.0.0', 'e', 'Advanced'], ['0.9.0', 'a', 'x']] }] }),
      ),
    );
    expect(quick.changes.map(summary)).toEqual(['last-call 0999 -', 'stable 0999 1.0.0']);
  });

  it('ProtoXEPs: added is Proposed, edited is not; one commit can touch several XEPs', () => {
    const proto: Spec = { title: 'Explicit Mentions', status: 'ProtoXEP', revisions: [['0.0.1', 'a', 'First draft.']] };
    const r = monthChanges(
      month(
        commit(10, 'several', {
          'inbox/explicit-mentions.xml': [null, proto],
          'inbox/older.xml': [proto, { ...proto, revisions: [['0.0.2', 'a', 'b'], ['0.0.1', 'a', 'First draft.']] }],
          'xep-0998.xml': [exp(['0.1.0', 'a', 'x']), exp(['0.1.1', 'b', 'y'], ['0.1.0', 'a', 'x'])],
          'xep-0999.xml': [exp(['0.3.0', 'a', 'x']), exp(['0.3.1', 'c', 'z'], ['0.3.0', 'a', 'x'])],
          'xep-0400.xml': 'unloaded',
        }),
      ),
    );
    expect(r.changes.map(summary)).toEqual(['proposed explicit-mentions 0.0.1', 'updated 0998 0.1.1', 'updated 0999 0.3.1']);
    expect(new Set(r.changes.flatMap((c) => c.commits.map((k) => k.subject)))).toEqual(new Set(['several']));
    expect(r.changes[0]).toMatchObject({ path: 'inbox/explicit-mentions.xml', title: 'Explicit Mentions', number: null });
  });

  it('a file that cannot be read is skipped with its reason; the rest of the month is kept', () => {
    const r = monthChanges(
      month(
        commit(5, 'break it', {
          'xep-0997.xml': [exp(['0.1.0', 'a', 'x']), '<html>oops</html>'],
          'xep-0999.xml': [exp(['0.3.0', 'a', 'x']), exp(['0.3.1', 'c', 'z'], ['0.3.0', 'a', 'x'])],
        }),
      ),
    );
    expect(r.changes.map(summary)).toEqual(['updated 0999 0.3.1']);
    expect(r.skipped).toEqual([{ path: 'xep-0997.xml', commit: expect.stringMatching(/^[0-9a]{40}$/), reason: 'the file has no <header> element' }]);
  });
});
