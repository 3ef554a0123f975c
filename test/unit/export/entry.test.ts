import { describe, expect, it } from 'vitest';
import { entryBullet, entryToBullet } from '../../../utils/export/entry';

describe('entryToBullet', () => {
  it('prefixes the first line and keeps nested change bullets as written', () => {
    const entry = 'Version 0.3.1 of [XEP-0377 (Spam Reporting)](https://xmpp.org/extensions/xep-0377.html)\n  - Add XML Schema. (egp)';
    expect(entryToBullet(entry)).toBe(`- ${entry}`);
  });

  it('indents continuation lines that start at column 0 (any line ending style)', () => {
    expect(entryToBullet('Gajim 1.8.2 released\r\n- better gateways\rmore text\nend')).toBe(
      '- Gajim 1.8.2 released\n  - better gateways\n  more text\n  end',
    );
  });

  it('keeps deeper indentation relative, tabs included', () => {
    expect(entryToBullet('Head\n  - a\n    - b\n\t- c\n - d')).toBe('- Head\n  - a\n    - b\n\t- c\n   - d');
  });

  it('trims blank lines at the ends, collapses runs inside, and flushes the first line left', () => {
    expect(entryToBullet('\n\n   [Title](https://example.org)\n\n\n\nSecond paragraph\n  \n')).toBe(
      '- [Title](https://example.org)\n\n  Second paragraph',
    );
  });

  it('returns null for an entry without text', () => {
    expect(entryToBullet('')).toBeNull();
    expect(entryToBullet(' \n\t\n')).toBeNull();
  });

  it('escapes a first line that would open a heading, rule, list, quote or fence inside the bullet', () => {
    expect(entryToBullet('# Big news')).toBe('- \\# Big news');
    expect(entryToBullet('---')).toBe('- \\---');
    expect(entryToBullet('* * *')).toBe('- \\* * *');
    expect(entryToBullet('- nested?')).toBe('- \\- nested?');
    expect(entryToBullet('> quoted')).toBe('- \\> quoted');
    expect(entryToBullet('```js')).toBe('- \\```js');
    expect(entryToBullet('2023. A year of XMPP')).toBe('- 2023\\. A year of XMPP');
  });

  it('leaves ordinary first lines alone: bold, code, links, numbers', () => {
    for (const text of ['**Monal 6.0** is out', '`slixmpp` 1.8.4', '[Dino](https://dino.im)', '2.12.12 has been released', '#hashtag news']) {
      expect(entryToBullet(text)).toBe(`- ${text}`);
    }
  });

  it('escapes headings, rules and setext underlines on continuation lines, keeping their indent', () => {
    expect(entryToBullet('Title\n# heading\n---\n  ===\n- - -\n  - fine')).toBe(
      '- Title\n  \\# heading\n  \\---\n  \\===\n  \\- - -\n  - fine',
    );
  });

  it('escapes headings and rules inside quotes and nested lists too, where no line-start rule sees them', () => {
    expect(entryToBullet('x\n> # y')).toBe('- x\n  > \\# y');
    expect(entryToBullet('x\n- ## y\n1. ### z')).toBe('- x\n  - \\## y\n  1. \\### z');
    expect(entryToBullet('a\n> b\n> ===')).toBe('- a\n  > b\n  > \\===');
    expect(entryToBullet('a\n> ***')).toBe('- a\n  > \\***');
  });

  it('defuses Hugo shortcode openers anywhere in the entry', () => {
    expect(entryToBullet('{{< x >}} and {{% y %}}\nsee {{< figure src="a.png" >}}')).toBe(
      '- &#123;{< x >}} and &#123;{% y %}}\n  see &#123;{< figure src="a.png" >}}',
    );
    // "<figure …>" right after the braces is raw HTML: shown as text, which ends the opener too.
    expect(entryToBullet('see {{<figure src="a.png">}}')).toBe('- see {{&lt;figure src="a.png">}}');
    // Go-template-looking text that Hugo does not expand in content is left as written.
    expect(entryToBullet('Use {{ .Title }} in layouts')).toBe('- Use {{ .Title }} in layouts');
  });

  it('drops link targets that would run script or load inline data and keeps the link text, however they are spelled', () => {
    const hostile = [
      '[y](javascript:alert(1))',
      '[y](JAVASCRIPT:alert(1))',
      '[y]( <javascript:alert(1)>)',
      '[y](java&#9;script:alert(1))',
      '[y](javascript&#58;alert(1))',
      '[y](javascript&colon;alert(1))',
      '[y](&#x6A;avascript:alert(1))',
      '[y](data:text/html,<script>alert(1)</script>)',
      '[y](vbscript:msgbox(1))',
      '[y](\nJAVASCRIPT:alert(1))',
    ];
    for (const text of hostile) {
      const { markdown, notices } = entryBullet(`Read ${text} now`);
      expect(markdown, text).toBe('- Read y now');
      expect(notices.join(' '), text).toMatch(/^Removed an? (javascript|data|vbscript): link; kept its text\.$/);
    }
    expect(entryToBullet('see <javascript:alert(2)> and <https://ok.example>')).toBe('- see &lt;javascript:alert(2)> and <https://ok.example>');
    // An escaped backslash before the autolink does not protect it from the check.
    expect(entryToBullet('see \\\\<javascript:alert(2)>')).toBe('- see \\\\&lt;javascript:alert(2)>');
    // A definition is taken out; the reference that used it keeps its text.
    expect(entryToBullet('Text [a]\n\n  [a]: javascript:alert(1)')).toBe('- Text a');
    // A definition cannot interrupt a paragraph, but a line that reads like one is escaped all
    // the same: goldmark accepts some definitions micromark does not.
    expect(entryToBullet('Text [a]\n  [a]: javascript:alert(1)')).toBe('- Text [a]\n  &#91;a]: javascript:alert(1)');
  });

  it('keeps safe links as the editor wrote them: web, xmpp, mailto, anchors, relative', () => {
    for (const text of [
      '[Gajim](https://gajim.org/post/1/)',
      '[MUC](xmpp:commteam@muc.xmpp.org?join)',
      '[mail](mailto:editor@example.org)',
      '[above](#articles)',
      '[logo](/images/logo.svg "Logo")',
    ]) {
      expect(entryToBullet(text)).toBe(`- ${text}`);
    }
  });
});
