/**
 * Hugo expands shortcodes (`{{< name … >}}`, `{{% name … %}}`) before Markdown runs, wherever
 * they stand, code included; one it does not know fails the site's build. So they are found
 * on the raw text, not in the Markdown tree.
 */

export interface ShortcodeUse {
  /** Offset of the opening "{{". */
  offset: number;
  /** The shortcode's name ("figure"); "" when none follows, "/*" for a comment. */
  name: string;
  /** The text from "{{" to the closing ">}}" / "%}}" (or the next 200 characters). */
  text: string;
}

const OPENER = /\{\{([<%])/g;

export function findShortcodes(text: string): ShortcodeUse[] {
  const uses: ShortcodeUse[] = [];
  for (const match of text.matchAll(OPENER)) {
    const offset = match.index;
    const after = text.slice(offset + 3, offset + 203);
    const name = /^\s*(\/\*|\/?\s*[^\s<>%/*}]*)/.exec(after)?.[1]?.replace(/^\/\s*/, '') ?? '';
    const close = after.search(match[1] === '<' ? />\}\}/ : /%\}\}/);
    uses.push({ offset, name, text: text.slice(offset, close >= 0 ? offset + 3 + close + 3 : offset + 203) });
  }
  return uses;
}

/**
 * Breaks every shortcode whose name is not allowed: "&#123;" (an entity Markdown shows as
 * "{") replaces the first brace, so Hugo no longer sees "{{<". Returns the defused uses.
 */
export function defuseShortcodes(text: string, allowed: ReadonlySet<string>): { text: string; defused: ShortcodeUse[] } {
  const defused = findShortcodes(text).filter((use) => !allowed.has(use.name));
  if (defused.length === 0) return { text, defused };
  let out = '';
  let from = 0;
  for (const use of defused) {
    out += `${text.slice(from, use.offset)}&#123;`;
    from = use.offset + 1;
  }
  return { text: out + text.slice(from), defused };
}

/** The value of a `name="…"` parameter in a shortcode's text, if given. */
export function shortcodeParam(use: ShortcodeUse, param: string): string | null {
  const re = new RegExp(String.raw`\s${param}\s*=\s*(?:"((?:[^"\\]|\\.)*)"|\x60([^\x60]*)\x60|([^\s"\x60>%]+))`);
  const match = re.exec(use.text);
  if (!match) return null;
  return match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? null;
}
