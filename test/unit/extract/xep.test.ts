import { describe, expect, it } from 'vitest';
import { capturePage } from '../../../utils/extract/page';
import { isXepUrl, readXep } from '../../../utils/adapters/xep/read';
import { loadFixture } from './load-fixture';

describe('readXep on real xmpp.org pages', () => {
  it('reads XEP-0424 with its latest revision split into changes', () => {
    const url = 'https://xmpp.org/extensions/xep-0424.html';
    expect(readXep(loadFixture('xep-0424.html', url), url)).toEqual({
      number: '0424',
      title: 'Message Retraction',
      version: '0.4.2',
      status: 'Proposed',
      abstract: 'This specification defines a method for indicating that a message should be retracted.',
      lastUpdated: '2025-01-18',
      changes: [
        'Use a XEP-0425 /me command in the fallback body',
        "State that a tombstone's <retracted/> element's 'id' attribute should match the retraction message's 'id'.",
        "Specify XEP-0359 as a dependency and require that the stanza 'id' be used instead of the origin-id.",
        'Update the "Security Considerations" to mention the risk of non-unique message IDs.',
      ],
      initials: 'jcb',
      type: 'Standards Track',
      // The latest revision is the only one of January 2025.
      revisions: [
        {
          version: '0.4.2',
          date: '2025-01-18',
          initials: 'jcb',
          remarks: [
            'Use a XEP-0425 /me command in the fallback body',
            "State that a tombstone's <retracted/> element's 'id' attribute should match the retraction message's 'id'.",
            "Specify XEP-0359 as a dependency and require that the stanza 'id' be used instead of the origin-id.",
            'Update the "Security Considerations" to mention the risk of non-unique message IDs.',
          ],
          statusChange: null,
        },
      ],
      // "The Last Call ends on 2025-10-28." in the status notice; the October 2025 issue gives the same date.
      lastCallEnds: '2025-10-28',
    });
  });

  it('reads an Active procedural XEP', () => {
    const url = 'https://xmpp.org/extensions/xep-0001.html';
    const xep = readXep(loadFixture('xep-0001.html', url), url)!;
    expect(xep).toMatchObject({ number: '0001', title: 'XMPP Extension Protocols', version: '1.26.0', status: 'Active', lastUpdated: '2024-12-24', initials: 'dwd' });
    expect(xep.changes).toHaveLength(7);
    expect(xep.changes[0]).toBe('Surface (and correct) the source control information.');
  });

  it('reads a ProtoXEP from the inbox: no number, one paragraph kept whole', () => {
    const url = 'https://xmpp.org/extensions/inbox/payment-required.html';
    const xep = readXep(loadFixture('inbox-payment-required.html', url), url)!;
    expect(xep).toMatchObject({ number: null, title: 'Payment Required', version: '0.0.2', status: 'ProtoXEP', lastUpdated: '2026-06-12', initials: 'jcb' });
    expect(xep.changes).toHaveLength(1);
    expect(xep.changes[0]).toMatch(/^Following community review: identify payment systems by their URI scheme instead of/);
    expect(xep.changes[0]).toMatch(/genuinely unactionable\.$/);
    expect(xep.changes[0]).not.toContain('\n');
    expect(xep.abstract).toMatch(/^This specification defines an XMPP protocol extension that enables services to require payment/);
  });

  it('keeps the inbox address of a ProtoXEP, not the xep-xxxx.html it names as canonical', () => {
    const url = 'https://xmpp.org/extensions/inbox/payment-required.html';
    const capture = capturePage(loadFixture('inbox-payment-required.html', url), { url });
    expect(capture.canonicalUrl).toBe(url);
  });

  it('keeps the editor\'s credit as the page gives it ("XEP Editor: dg", as the newsletter prints it)', () => {
    const url = 'https://xmpp.org/extensions/xep-0999.html';
    const doc = loadFixture('xep-0001.html', url);
    // Make the 1.25.0 revision (signed "XEP Editor: dg") the latest one.
    doc.querySelector('ol.revision-history > li')!.remove();
    expect(readXep(doc, url)?.initials).toBe('XEP Editor: dg');
    expect(readXep(doc, url)?.changes).toEqual(['Add note that editorial changes do not affect Deferred state']);
  });

  it('is null off xmpp.org/extensions', () => {
    const doc = loadFixture('xep-0424.html', 'https://mirror.example/xep-0424.html');
    expect(readXep(doc, 'https://mirror.example/xep-0424.html')).toBeNull();
    expect(isXepUrl('https://xmpp.org/extensions/')).toBe(false);
    expect(isXepUrl('https://xmpp.org/extensions/xep-0045.html')).toBe(true);
  });
});
