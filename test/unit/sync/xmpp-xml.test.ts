import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childElement, parseElement, serialize, textOf, xml, XmlError, type XmlElement } from '../../../utils/sync/xmpp/xml';

describe('parseElement', () => {
  it('reads a stanza with namespaces, prefixes, entities and CDATA', () => {
    const element = parseElement(
      `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism><mechanism a="&lt;&amp;&#x41;&#66;&quot;&apos;&gt;">PLAIN</mechanism></mechanisms><x><![CDATA[<not a tag> & raw]]></x></stream:features>`,
    );
    expect(element.name).toBe('features');
    expect(element.xmlns).toBe('http://etherx.jabber.org/streams');
    const mechanisms = childElement(element, 'mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl')!;
    expect(mechanisms.children.map((child) => textOf(child as XmlElement))).toEqual(['SCRAM-SHA-1', 'PLAIN']);
    expect((mechanisms.children[1] as XmlElement).attrs.a).toBe('<&AB"\'>');
    expect((mechanisms.children[1] as XmlElement).xmlns).toBe('urn:ietf:params:xml:ns:xmpp-sasl');
    const x = childElement(element, 'x')!;
    expect(x.xmlns).toBe(''); // unprefixed, and no default namespace declared
    expect(textOf(x)).toBe('<not a tag> & raw');
  });

  it('keeps JSON text exactly, including characters that need escaping', () => {
    const json = JSON.stringify({ title: 'a < b && c > d', quote: '"\'', emoji: '🦊', newline: 'x\ny' });
    const stanza = xml('item', { id: 'x' }, xml('json', { xmlns: 'urn:xmpp:json:0' }, json));
    const parsed = parseElement(serialize(stanza));
    expect(textOf(childElement(parsed, 'json', 'urn:xmpp:json:0'))).toBe(json);
  });

  it('round-trips any text and attribute value through serialize and parse', () => {
    const xmlChar = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
    fc.assert(
      fc.property(xmlChar, xmlChar, (text, value) => {
        const element = xml('message', { xmlns: 'jabber:client', id: value }, xml('body', {}, text));
        const parsed = parseElement(serialize(element));
        expect(parsed.attrs.id).toBe(value);
        expect(textOf(childElement(parsed, 'body'))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a DOCTYPE with entities (billion laughs)', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><message>&lol2;</message>', /document type declaration/],
    ['an undeclared entity', '<message>&lol;</message>', /entity reference "&lol;"/],
    ['an external entity reference', '<message>&xxe;</message>', /entity reference/],
    ['a comment', '<message><!-- hi --></message>', /comment/],
    ['a processing instruction', '<message><?php echo 1 ?></message>', /processing instruction/],
    ['an unclosed element', '<message><body>hi</message>', /does not match/],
    ['a second root', '<a/><b/>', /second element/],
    ['text outside', 'x<a/>', /Text outside/],
    ['an undeclared prefix', '<stream:features/>', /undeclared namespace prefix/],
    ['a duplicate attribute', '<a x="1" x="2"/>', /twice/],
    ['a "<" in an attribute', '<a x="<"/>', /inside an attribute/],
    ['an invalid character reference', '<a>&#0;</a>', /invalid character reference/],
    ['a bare ampersand', '<a>fish & chips</a>', /"&"/],
    ['nothing', '   ', /No element/],
  ])('refuses %s', (_, source, message) => {
    expect(() => parseElement(source)).toThrow(XmlError);
    expect(() => parseElement(source)).toThrow(message);
  });

  it('refuses nesting deeper than the limit instead of recursing', () => {
    const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
    expect(() => parseElement(deep)).toThrow(/nested deeper than 64/);
    expect(parseElement(deep, { maxDepth: 200 }).name).toBe('a');
  });

  it('parses a 1,000-item answer (~0.5 MB) quickly enough to print', () => {
    const items = Array.from({ length: 1_000 }, (_, i) =>
      xml('item', { id: `item-${i}`, publisher: 'alice@example.org' }, xml('json', { xmlns: 'urn:xmpp:json:0' }, JSON.stringify({ i, text: 'A clipped article & more. '.repeat(18) }))),
    );
    const text = serialize(xml('iq', { xmlns: 'jabber:client', type: 'result' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'n' }, items))));
    const started = performance.now();
    const parsed = parseElement(text);
    console.log(`parse a ${Math.round(text.length / 1024)} KiB stanza of 1,000 items: ${(performance.now() - started).toFixed(1)} ms`);
    expect(childElement(childElement(parsed, 'pubsub')!, 'items')!.children).toHaveLength(1_000);
  });
});

describe('serialize', () => {
  it('writes xmlns only where the namespace changes, children without one inherit', () => {
    const stanza = xml('iq', { xmlns: 'jabber:client', type: 'set', id: '1' }, xml('bind', { xmlns: 'urn:ietf:params:xml:ns:xmpp-bind' }, xml('resource', {}, 'r&d')));
    expect(serialize(stanza)).toBe('<iq xmlns="jabber:client" type="set" id="1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>r&amp;d</resource></bind></iq>');
  });

  it('leaves out undefined attributes and empty children', () => {
    expect(serialize(xml('a', { x: undefined, y: 2 }, null, false, undefined, [xml('b')]))).toBe('<a y="2"><b/></a>');
  });
});
