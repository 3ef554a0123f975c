import { escapeInline } from '../markdown/escape';
import type { TeamDef } from '../presets/types';
import { renderEntryTemplate } from '../templates/entry-template';

/**
 * The contributors block from data: who is credited for this issue, in the order the newsletter
 * credits people (the issue's own list when it has one, e.g. an imported issue; else the team's
 * order, newcomers after them alphabetically), and the translations with their translators from
 * the newsletter's team data — nothing invented. Names are escaped for Markdown.
 */

const collator = new Intl.Collator('en', { sensitivity: 'base' });

export function orderedContributors(itemContributors: readonly string[], issueContributors: readonly string[], team: TeamDef | undefined): string[] {
  const names = new Set<string>();
  const add = (name: string) => {
    const n = name.trim();
    if (n) names.add(n);
  };
  issueContributors.forEach(add);
  const fromItems = [...new Set(itemContributors.map((n) => n.trim()).filter(Boolean))];
  const order = team?.members ?? [];
  const rank = (name: string) => {
    const i = order.findIndex((m) => collator.compare(m, name) === 0);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  fromItems.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)).forEach(add);
  return [...names];
}

/** The {translations} lines of the contributors block. */
export function translationLines(team: TeamDef | undefined): string {
  if (!team) return '';
  return team.translations
    .map((t) =>
      renderEntryTemplate(team.translationLine, {
        language: escapeInline(t.language),
        url: t.url.replace(/[\s()<>]/g, encodeURIComponent),
        translators: t.translators.map(escapeInline).join(', '),
      }),
    )
    .join('\n');
}
