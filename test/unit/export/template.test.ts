import { describe, expect, it } from 'vitest';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { issueVariables, renderTemplate } from '../../../utils/export/template';

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

describe('issueVariables', () => {
  const monthly = issueVariables({
    newsletterName: 'The XMPP Newsletter',
    titleTemplate: 'The XMPP Newsletter {month} {year}',
    issue: '2023-10',
    publishDate: '2023-11-05',
    contributors: 'Arne, emus',
  });
  const weekly = issueVariables({
    newsletterName: 'This Week in the Community',
    titleTemplate: '{newsletter} #{week} ({period})',
    issue: '2025-W01',
    publishDate: '2025-01-08',
    contributors: 'Alice',
  });

  it('gives every documented variable for a monthly issue', () => {
    expect(monthly).toEqual({
      newsletter: 'The XMPP Newsletter',
      issue: '2023-10',
      title: 'The XMPP Newsletter October 2023',
      month: 'October',
      year: '2023',
      start: '2023-10-01',
      end: '2023-10-31',
      period: '1–31 October 2023',
      publishDate: '2023-11-05',
      contributors: 'Arne, emus',
    });
    // No week in a monthly issue: "{week}" stays visible for the editor to notice.
    expect(renderTemplate('{week}', monthly)).toBe('{week}');
  });

  it('gives the week, its ISO year and the month of its Thursday for a weekly issue', () => {
    expect(weekly).toMatchObject({
      issue: '2025-W01',
      week: '1',
      year: '2025',
      month: 'January',
      start: '2024-12-30',
      end: '2025-01-05',
      period: '30 December 2024 – 5 January 2025',
      publishDate: '2025-01-08',
      contributors: 'Alice',
      title: 'This Week in the Community #1 (30 December 2024 – 5 January 2025)',
    });
  });

  it('renders every variable in one template', () => {
    const all = '{newsletter}|{issue}|{title}|{month}|{year}|{week}|{start}|{end}|{period}|{publishDate}|{contributors}';
    expect(renderTemplate(all, weekly)).toBe(
      'This Week in the Community|2025-W01|This Week in the Community #1 (30 December 2024 – 5 January 2025)|January|2025|1|2024-12-30|2025-01-05|30 December 2024 – 5 January 2025|2025-01-08|Alice',
    );
  });

  it('keeps a malicious template inert: no code runs, prototype keys and shortcodes untouched', () => {
    const hostile = [
      '{constructor}{__proto__}{prototype}{toString}',
      '${process.exit(1)} {{= 7*7 }} <%= 7*7 %> {7*7} {title.constructor}',
      '{{< figure src="{title}" >}} {{% x %}}',
      '{title}{title}'.repeat(2),
    ].join('\n');
    const out = renderTemplate(hostile, monthly);
    expect(out).toBe(
      [
        '{constructor}{__proto__}{prototype}{toString}',
        '${process.exit(1)} {{= 7*7 }} <%= 7*7 %> {7*7} {title.constructor}',
        '{{< figure src="{title}" >}} {{% x %}}',
        'The XMPP Newsletter October 2023'.repeat(4),
      ].join('\n'),
    );
    expect(out).not.toContain('49');
  });

  it('runs under a CSP that forbids eval: the module never builds code from text', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../../utils/export/template.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
  });
});
