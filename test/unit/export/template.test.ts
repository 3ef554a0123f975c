import { describe, expect, it } from 'vitest';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { renderTemplate } from '../../../utils/export/template';

describe('renderTemplate', () => {
  it('replaces every known variable, as often as it occurs', () => {
    expect(
      renderTemplate('{title}: {month} {year} ({issue}) — {month}, by {contributors}', {
        title: 'The XMPP Newsletter October 2023',
        month: 'October',
        year: '2023',
        issue: '2023-10',
        contributors: 'emus, nicola',
      }),
    ).toBe('The XMPP Newsletter October 2023: October 2023 (2023-10) — October, by emus, nicola');
  });

  it('renders the preset title and intro', () => {
    const vars = { month: 'October', year: '2023' };
    expect(renderTemplate(xmppNewsletter.titleTemplate, vars)).toBe('The XMPP Newsletter October 2023');
    expect(renderTemplate(xmppNewsletter.intro, vars)).toContain('This issue covers the month of October 2023.');
  });

  it('leaves unknown names and non-word braces as they are', () => {
    expect(renderTemplate('{month} {unknown} {not a var} {} {a-b} { month }', { month: 'May' })).toBe(
      'May {unknown} {not a var} {} {a-b} { month }',
    );
  });

  it('passes Hugo shortcodes through untouched, even with a variable name inside', () => {
    const text = [
      '{{< newsletter-subscribe >}}',
      '{{< figure src="/images/newsletter/{year}/logo.svg" caption="{month}" >}}',
      '{{% notice %}}{month}{{% /notice %}}',
      'After: {month}',
    ].join('\n');
    expect(renderTemplate(text, { month: 'May', year: '2024' })).toBe(
      [
        '{{< newsletter-subscribe >}}',
        '{{< figure src="/images/newsletter/{year}/logo.svg" caption="{month}" >}}',
        '{{% notice %}}May{{% /notice %}}',
        'After: May',
      ].join('\n'),
    );
  });

  it('never expands a value again (a contributor called "{year}" stays literal)', () => {
    expect(renderTemplate('By {contributors} in {year}', { contributors: '{year}, {month}', year: '2023', month: 'May' })).toBe(
      'By {year}, {month} in 2023',
    );
  });

  it('does not print inherited Object members for hostile names', () => {
    const out = renderTemplate('{constructor} {__proto__} {toString} {hasOwnProperty} {valueOf}', {});
    expect(out).toBe('{constructor} {__proto__} {toString} {hasOwnProperty} {valueOf}');
    expect(out).not.toMatch(/function|\[object/);
  });

  it('uses an own "__proto__" or "toString" key when one really is given', () => {
    const vars: Record<string, string> = JSON.parse('{"__proto__": "p", "toString": "s"}') as Record<string, string>;
    expect(renderTemplate('{__proto__}/{toString}', vars)).toBe('p/s');
  });

  it('substitutes "$" patterns literally', () => {
    expect(renderTemplate('{price}', { price: "$& $1 $' $$" })).toBe("$& $1 $' $$");
  });
});
