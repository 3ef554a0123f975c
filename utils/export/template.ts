import { issueRange, monthName, parseIssue, periodText } from '../model/issue';

/**
 * `{name}` placeholders in preset text (titles, intro, section bodies).
 *
 * One regular expression, one pass: a substituted value is never scanned again, so a
 * contributor called "{year}" stays literal. Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) are
 * matched first and copied as they are, so nothing inside them is ever substituted.
 */
const TOKEN = /\{\{[<%][\s\S]*?[%>]\}\}|\{(\w+)\}/g;

export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(TOKEN, (match: string, name: string | undefined) => {
    if (name === undefined) return match; // a shortcode
    // Own string properties only: "{constructor}" or "{__proto__}" must not print Object internals.
    if (!Object.hasOwn(vars, name)) return match;
    const value: unknown = vars[name];
    return typeof value === 'string' ? value : match;
  });
}

/**
 * The variables every template of a newsletter can use. Values are plain text; page text in
 * them (contributor names) is already escaped for Markdown by the caller.
 *
 * | name          | monthly example                    | weekly example                  |
 * |---------------|------------------------------------|---------------------------------|
 * | newsletter    | The XMPP Newsletter                | This Week in the Community      |
 * | issue         | 2023-10                            | 2024-W07                        |
 * | title         | The XMPP Newsletter October 2023   | (the rendered title template)   |
 * | month         | October                            | February (month of its Thursday)|
 * | year          | 2023                               | 2024 (ISO week-numbering year)  |
 * | week          | (not set: stays "{week}")          | 7                               |
 * | start, end    | 2023-10-01, 2023-10-31             | 2024-02-12, 2024-02-18          |
 * | period        | 1–31 October 2023                  | 12–18 February 2024             |
 * | publishDate   | 2023-11-05                         | 2024-02-21                      |
 * | contributors  | Arne, emus, nicola                 | (same)                          |
 */
export interface IssueContext {
  newsletterName: string;
  titleTemplate: string;
  issue: string;
  publishDate: string;
  /** Already formatted and escaped, e.g. "Arne, emus". */
  contributors: string;
}

export function issueVariables(context: IssueContext): Record<string, string> {
  const period = parseIssue(context.issue);
  const { start, end } = issueRange(context.issue);
  const base: Record<string, string> = {
    newsletter: context.newsletterName,
    issue: context.issue,
    start,
    end,
    period: periodText(context.issue),
    publishDate: context.publishDate,
    contributors: context.contributors,
  };
  if (period.cadence === 'monthly') {
    base.month = monthName(period.month);
    base.year = String(period.year);
  } else {
    const thursday = new Date(Date.parse(`${start}T00:00:00Z`) + 3 * 86_400_000);
    base.month = monthName(thursday.getUTCMonth() + 1);
    base.year = String(period.year);
    base.week = String(period.week);
  }
  // The title may use every other variable; then it is one itself.
  base.title = renderTemplate(context.titleTemplate, base);
  return base;
}
