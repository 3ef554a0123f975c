/**
 * Last resort for a header that is not well-formed. Real xsf/xeps history has headers with an
 * unclosed `<remark>` (XEP-0483/0484 as accepted in December 2023), a misspelt end tag
 * (`<intials>…</initials>`) or a bare `&`; xmpp.org still published them, so the newsletter
 * reported them. The repair is what an HTML parser would do: an end tag closes the elements
 * opened after its own start tag, an end tag with no start tag is dropped, elements still open
 * at the end are closed, and a `&` that starts no reference becomes `&amp;`. The result is then
 * parsed strictly; whoever calls this says that the file was repaired.
 */
export function repairMarkup(xml: string): string {
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const open: string[] = [];
  let out = '';
  let at = 0;
  for (const match of xml.matchAll(token)) {
    out += text(xml.slice(at, match.index));
    at = match.index + match[0].length;
    const [whole, slash, name, , selfClosing] = match;
    if (!name) {
      out += whole;
    } else if (slash) {
      const depth = open.lastIndexOf(name);
      if (depth === -1) continue;
      while (open.length > depth) out += `</${open.pop()!}>`;
    } else {
      out += whole;
      if (!selfClosing) open.push(name);
    }
  }
  out += text(xml.slice(at));
  while (open.length > 0) out += `</${open.pop()!}>`;
  return out;
}

/** Character data: a stray `<` or `&` is escaped. */
function text(chunk: string): string {
  return chunk.replace(/&(?!(?:[A-Za-z_][\w.:-]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;').replace(/</g, '&lt;');
}
