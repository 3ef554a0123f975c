import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coveredMonths, entryKey, publishedEntries } from '../../../scripts/xeps-eval';

/** The evaluation reads the published issues right (its figures depend on it). */
const reference = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/reference');
const issue = (name: string) => readFileSync(path.join(reference, `xmpp-newsletter-${name}.md`), 'utf8');

describe('xeps:eval reading published issues', () => {
  it('finds the months an issue covers', () => {
    expect(coveredMonths(issue('2026-04-05'))).toEqual(['2026-03']);
    expect(coveredMonths(issue('2024-02-05'))).toEqual(['2023-12', '2024-01']);
  });

  it('reads the entries of the current form, placeholders left out', () => {
    const entries = publishedEntries(issue('2026-04-05'));
    expect(entries.map((e) => `${e.heading}: ${e.key}`)).toEqual([
      'Proposed: inbox/explicit-mentions',
      'Updated: XEP-0461 0.2.1',
      'Updated: XEP-0473 0.1.1',
      'Updated: XEP-0493 0.1.1',
      'Updated: XEP-0511 0.1.1',
      'Last Call: XEP-0377',
    ]);
    expect(entries[1]!.text).toBe('Version 0.2.1 of [XEP-0461](/extensions/xep-0461.html) (Message Replies)\n  - Update the example to use the correct fallback namespace. (mye)');
  });

  it('reads the 2021 form: paragraphs between bullets, four-space nesting, "Stable (formerly known as Draft)"', () => {
    const entries = publishedEntries(issue('2021-11-05'));
    expect(entries.filter((e) => e.heading === 'Stable').map((e) => e.key)).toEqual(['XEP-0280 1.0.0']);
    expect(entries.filter((e) => e.heading === 'Updated')).toHaveLength(6);
    expect(entries.find((e) => e.key === 'XEP-0355 0.5')!.text.split('\n')).toHaveLength(6);
    expect(entryKey('[Community Code of Conduct](https://xmpp.org/extensions/xep-0458.html)')).toBe('XEP-0458');
    expect(entryKey('0.3.0 of [XEP-0474 (SASL SCRAM Downgrade Protection)](https://xmpp.org/extensions/xep-0474.html)')).toBe('XEP-0474 0.3.0');
  });
});
