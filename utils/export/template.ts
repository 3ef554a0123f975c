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
