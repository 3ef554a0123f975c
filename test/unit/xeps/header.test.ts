import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEntityDeclarations } from '../../../utils/xeps/entities';
import { parseXepHeader, plainText, type XepHeader } from '../../../utils/xeps/header';
import { xepsClone } from '../../support/xeps-clone';

const DOCTYPE = `<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE xep SYSTEM 'xep.dtd' [
  <!ENTITY % ents SYSTEM 'xep.ent'>
%ents;
]>`;

function xep(header: string, doctype = DOCTYPE): string {
  return `${doctype}\n<xep>\n<header>\n${header}\n</header>\n<section1 topic='Intro'><p>Body</p></section1>\n</xep>\n`;
}

function read(source: string, entities = new Map<string, string>()): XepHeader {
  const result = parseXepHeader(source, entities);
  if (!result.ok) throw new Error(result.reason);
  return result.header;
}

describe('parseXepHeader on real sources', () => {
  let clone: string;
  beforeAll(() => {
    clone = xepsClone();
  }, 120_000);
  const show = (spec: string) => execFileSync('git', ['-C', clone, 'show', spec], { encoding: 'utf8', maxBuffer: 1e8 });

  it('XEP-0505 as of October 2025: a remark in <ul>/<li>, entities from xep.ent', () => {
    const entities = parseEntityDeclarations(show('6b0e9acc:xep.ent'));
    const header = read(show('6b0e9acc:xep-0505.xml'), entities);
    expect(header).toMatchObject({ number: '0505', title: 'Data Forms File Input Element', status: 'Experimental', type: 'Standards Track', shortname: 'file-input', lastcalls: [], warnings: [] });
    expect(plainText(header.abstract)).toBe('This specification defines an element which can be used with data forms to let users upload one or more files.');
    expect(header.revisions.map((r) => r.version)).toEqual(['0.1.1', '0.1.0', '0.0.1']);
    expect(header.revisions[0]).toMatchObject({ date: '2025-10-13', initials: 'jp' });
    expect(header.revisions[0]!.remark.map(plainText)).toEqual([
      'Replaced XEP-0446 with XEP-0447, which is necessary to have file sources.',
      'Fixed the incorrectly‑named <file> element (now <file-input>).',
      'Add tags.',
      'Various minor fixes.',
    ]);
  });

  it('XEP-0377 in Last Call: every <lastcall>, newest first', () => {
    const header = read(show('5e5040f9:xep-0377.xml'), parseEntityDeclarations(show('5e5040f9:xep.ent')));
    expect(header.status).toBe('Proposed');
    expect(header.lastcalls).toEqual(['2026-04-14', '2026-01-05']);
    expect(header.title).toBe('Blocking Command Reports');
  });

  it('XEP-0484 as accepted (an unclosed <remark>): read, and says it was repaired', () => {
    const header = read(show('919fb356:xep-0484.xml'));
    expect(header.revisions[0]).toMatchObject({ version: '0.1.0', initials: 'XEP Editor: kis' });
    expect(header.revisions[0]!.remark.map(plainText)).toEqual(['Promoted to Experimental.']);
    expect(header.revisions[1]!.version).toBe('0.0.1');
    expect(header.warnings[0]).toMatch(/^the <header> is not well-formed XML \(Missing end tag for element remark \(near line 34\)\); read after closing/);
  });
});

describe('parseXepHeader on the shapes history has', () => {
  it('plain-text, <p> and mixed remarks; inline code and links; odd whitespace', () => {
    const header = read(
      xep(`<title>  Message
        Replies </title>
  <abstract>
    This document defines a way to indicate that a message is a reply.
  </abstract>
  <number>0461</number><status>Experimental</status>
  <revision><version>0.3.0</version><date>2026-01-02</date><initials>  XEP Editor: dg </initials>
    <remark>Use <tt>urn:xmpp:reply:0</tt> and see <link url='https://example.org/a'>the notes</link>.</remark></revision>
  <revision><version>0.2.0</version><date>2025-01-02</date><initials>nc</initials>
    <remark><p>First   paragraph.</p>
    <p>Second, with <code>&lt;reply/&gt;</code>.</p></remark></revision>
  <revision><version>0.1.0</version><date>2024-01-02</date><initials></initials>
    <remark><p>Intro:</p><ul><li>one</li><li><p>two</p></li></ul> trailing words</remark></revision>`),
    );
    expect(header.title).toBe('Message Replies');
    expect(plainText(header.abstract)).toBe('This document defines a way to indicate that a message is a reply.');
    expect(header.revisions[0]!.initials).toBe('XEP Editor: dg');
    expect(header.revisions[0]!.remark).toEqual([
      [
        { kind: 'text', text: 'Use ' },
        { kind: 'code', text: 'urn:xmpp:reply:0' },
        { kind: 'text', text: ' and see ' },
        { kind: 'link', text: 'the notes', url: 'https://example.org/a' },
        { kind: 'text', text: '.' },
      ],
    ]);
    expect(header.revisions[1]!.remark.map(plainText)).toEqual(['First paragraph.', 'Second, with <reply/>.']);
    expect(header.revisions[2]!.initials).toBeNull();
    expect(header.revisions[2]!.remark.map(plainText)).toEqual(['Intro:', 'one', 'two', 'trailing words']);
  });

  it('expands xep.ent and DOCTYPE entities (references read back as "Title (XEP-NNNN)"), CDATA as text', () => {
    const entities = parseEntityDeclarations(
      `<!ENTITY xep0446 "<span class='ref'><link url='https://xmpp.org/extensions/xep-0446.html'>File metadata element (XEP-0446)</link></span> <note>XEP-0446: File metadata element &lt;<link url='https://xmpp.org/extensions/xep-0446.html'>https://xmpp.org/extensions/xep-0446.html</link>&gt;.</note>" >
       <!ENTITY MESSAGE "&lt;message/&gt;">
       <!ENTITY tm "&#153;">`,
    );
    const header = read(
      xep(
        `<title>T</title><abstract>A</abstract><number>xxxx</number><status>ProtoXEP</status>
  <revision><version>0.0.1</version><date>2026-01-01</date><initials>ab</initials>
  <remark><p>Replaced &xep0446; in every &MESSAGE;; see &own;. <![CDATA[<raw> & text]]></p></remark></revision>`,
        `<!DOCTYPE xep SYSTEM 'xep.dtd' [ <!ENTITY own "our own words"> <!ENTITY % ents SYSTEM 'xep.ent'> %ents; ]>`,
      ),
      entities,
    );
    expect(header.revisions[0]!.remark).toEqual([
      [
        { kind: 'text', text: 'Replaced ' },
        { kind: 'link', text: 'File metadata element (XEP-0446)', url: 'https://xmpp.org/extensions/xep-0446.html' },
        { kind: 'text', text: ' in every <message/>; see our own words. <raw> & text' },
      ],
    ]);
  });

  it('never loads an external entity: a SYSTEM entity stays a name, and says so', () => {
    const source = xep(
      `<title>&xxe;</title><abstract>A</abstract><status>ProtoXEP</status>`,
      `<!DOCTYPE xep [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>`,
    );
    const header = read(source);
    expect(header.title).toBe('&xxe;');
    expect(header.warnings).toEqual(['undefined entities left as written: &xxe;']);
  });

  it('refuses an entity bomb and a self-reference with a reason, never a throw', () => {
    const lol = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('\n');
    const bomb = parseXepHeader(xep('<title>&l9;</title>', `<!DOCTYPE xep [ ${lol} ]>`));
    expect(bomb).toEqual({ ok: false, reason: expect.stringMatching(/^the <header> could not be read: entities nested more than 6 deep/) });
    const loop = parseXepHeader(xep('<title>&a;</title>', `<!DOCTYPE xep [ <!ENTITY a "x&b;"> <!ENTITY b "&a;"> ]>`));
    expect(loop).toEqual({ ok: false, reason: 'the <header> could not be read: entity &a; refers to itself' });
  });

  it('a file that is not a XEP, or whose header cannot be repaired, yields a reason', () => {
    expect(parseXepHeader('')).toEqual({ ok: false, reason: 'the file has no <header> element' });
    expect(parseXepHeader('<html><body>404</body></html>')).toEqual({ ok: false, reason: 'the file has no <header> element' });
    expect(parseXepHeader('<xep><header><title>Cut off')).toEqual({ ok: false, reason: 'the <header> element is never closed' });
    const broken = parseXepHeader('<xep><header><title>T\u0001</title></header></xep>');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.reason).toMatch(/^the <header> is not well-formed XML: .*\(near line 1\)$/);
  });

  it('a <header> inside a comment is not the header', () => {
    const header = read(`<xep><!-- <header><title>Wrong</title></header> --><header><title>Right</title><status>Experimental</status></header></xep>`);
    expect(header.title).toBe('Right');
  });
});
