import { escapeInline } from '../markdown/escape';
import type { DraftItem } from './select';

/** Shown instead of names when nobody is recorded, so the editor cannot miss it. */
export const NO_CONTRIBUTORS = 'TODO: add contributors';

// Case-insensitive, as the published issues list them ("Arne, cal0pteryx, emus, Jonas Stein").
const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** The distinct non-empty contributor names of `items`, sorted case-insensitively. */
export function contributorNames(items: readonly DraftItem[]): string[] {
  const names = new Set<string>();
  for (const item of items) {
    const name = item.contributor.trim();
    if (name) names.add(name);
  }
  return [...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The `{contributors}` text: names joined with ", ". Names are user text going into Markdown
 * (inside "**…**"), so each is escaped as inline text.
 */
export function formatContributors(items: readonly DraftItem[]): string {
  const names = contributorNames(items);
  return names.length ? names.map(escapeInline).join(', ') : NO_CONTRIBUTORS;
}
