import { canonicalJson } from '../merge/versions';
import type { NewsletterPreset } from '../presets/types';
import { sectionPath } from '../presets/types';
import type { NewsItem } from './item';
import type { VersionFields } from './stamp';

/**
 * The one rule for items Newsdesk writes from a source rather than from a clip — a published
 * issue or pad (utils/archive), the XSF's XEP history (utils/xeps) — when the source is read
 * again and the item (same id) is already in the collection:
 *   - not there: added;
 *   - deleted: stays deleted (an editor deleted it);
 *   - its entry no longer what Newsdesk drafted (`drafted`), or moved to another issue, section
 *     or newsletter: an editor's, kept as it is;
 *   - else brought up to date with the source (`apply`), or unchanged when that changes nothing.
 * Pure; the store stamps and writes what the plans built on it decide.
 */

export type RedraftOutcome =
  | { kind: 'add' }
  | { kind: 'deleted'; before: NewsItem }
  | { kind: 'edited'; before: NewsItem; why: string }
  | { kind: 'unchanged'; before: NewsItem }
  | { kind: 'update'; before: NewsItem; fields: VersionFields };

/** Where the source files the item. */
export type RedraftTarget = Pick<NewsItem, 'issue' | 'section' | 'newsletter'>;

function bookkeepingFree(item: VersionFields | NewsItem): string {
  const { hlc: _h, updatedAt: _u, updatedBy: _b, ancestors: _a, history: _y, ...rest } = item as NewsItem;
  return canonicalJson(rest);
}

/** Why an editor's hand is on the item (in words), or null when it is still as Newsdesk drafted it. */
export function editedBecause(before: NewsItem, target: RedraftTarget, preset: NewsletterPreset): string | null {
  if (before.drafted === undefined || before.entry !== before.drafted) return 'its entry was edited';
  if (before.issue !== target.issue) return `it was moved to ${before.issue}`;
  if (before.section !== target.section) return `it was moved to ${sectionPath(preset, before.section)}`;
  if (before.newsletter !== target.newsletter) return `it was moved to the newsletter ${before.newsletter}`;
  return null;
}

export function redraftOutcome(before: NewsItem | undefined, target: RedraftTarget, preset: NewsletterPreset, apply: (before: NewsItem) => VersionFields): RedraftOutcome {
  if (!before) return { kind: 'add' };
  if (before.deletedAt !== null) return { kind: 'deleted', before };
  const why = editedBecause(before, target, preset);
  if (why) return { kind: 'edited', before, why };
  const fields = apply(before);
  if (bookkeepingFree(fields) === bookkeepingFree(before)) return { kind: 'unchanged', before };
  return { kind: 'update', before, fields };
}
