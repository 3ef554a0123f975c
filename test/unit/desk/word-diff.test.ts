import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff, type DiffRun } from '../../../components/desk/word-diff';

const side = (runs: DiffRun[], drop: DiffRun['kind']) => runs.filter((r) => r.kind !== drop).map((r) => r.text).join('');

describe('wordDiff', () => {
  it('marks the words an editor changed in an entry, keeping the rest', () => {
    const yours = 'Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - Fix the example. (mye)';
    const drafted = 'Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - Update the example to use the correct fallback namespace. (mye)';
    expect(wordDiff(yours, drafted)).toEqual([
      { kind: 'same', text: 'Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - ' },
      { kind: 'removed', text: 'Fix' },
      { kind: 'added', text: 'Update' },
      { kind: 'same', text: ' the ' },
      { kind: 'removed', text: 'example.' },
      { kind: 'added', text: 'example' },
      { kind: 'same', text: ' ' },
      { kind: 'added', text: 'to use the correct fallback namespace. ' },
      { kind: 'same', text: '(mye)' },
    ]);
  });

  it('same texts are one run; an empty side is all added or all removed', () => {
    expect(wordDiff('a b', 'a b')).toEqual([{ kind: 'same', text: 'a b' }]);
    expect(wordDiff('', 'new entry')).toEqual([{ kind: 'added', text: 'new entry' }]);
    expect(wordDiff('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
  });

  it('always gives back both texts whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'c') }), fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'd') }), (a, b) => {
        const runs = wordDiff(a, b);
        expect(side(runs, 'added')).toBe(a);
        expect(side(runs, 'removed')).toBe(b);
      }),
    );
  });

  it('very long texts are shown as one change rather than diffed', () => {
    const long = 'word '.repeat(1_000);
    expect(wordDiff(long, `${long}more`)).toEqual([
      { kind: 'removed', text: long },
      { kind: 'added', text: `${long}more` },
    ]);
  });
});
