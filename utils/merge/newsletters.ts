import { isBuiltInPreset } from '../presets';
import type { NewsletterPreset } from '../presets/types';
import { canonicalJson } from './versions';

/**
 * Newsletter definitions from a backup. A definition with a new id is added; one that differs
 * from the user's own definition with the same id is NEVER applied without consent: the plan
 * lists what differs, and only the ids the user accepts are replaced. Built-in ids are refused.
 */

export interface DefinitionDifference {
  local: NewsletterPreset;
  incoming: NewsletterPreset;
  /** What differs, in words: "name: “A” → “B”", "sections added: videos". */
  changes: string[];
}

export interface NewsletterPlan {
  added: NewsletterPreset[];
  differing: DefinitionDifference[];
  skipped: Array<{ incoming: NewsletterPreset; reason: 'same' | 'built-in' | 'superseded' }>;
}

function newer(a: NewsletterPreset, b: NewsletterPreset): NewsletterPreset {
  const [x, y] = [a.updatedAt ?? '', b.updatedAt ?? ''];
  if (x !== y) return x > y ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

export function planNewsletters(local: readonly NewsletterPreset[], incoming: readonly NewsletterPreset[]): NewsletterPlan {
  const plan: NewsletterPlan = { added: [], differing: [], skipped: [] };
  // Several versions of one id in the files: the newest is the candidate.
  const candidates = new Map<string, NewsletterPreset>();
  for (const version of incoming) {
    if (isBuiltInPreset(version.id)) {
      plan.skipped.push({ incoming: version, reason: 'built-in' });
      continue;
    }
    const seen = candidates.get(version.id);
    if (!seen) {
      candidates.set(version.id, version);
      continue;
    }
    const keep = newer(seen, version);
    plan.skipped.push({ incoming: keep === seen ? version : seen, reason: 'superseded' });
    candidates.set(version.id, keep);
  }
  const mine = new Map(local.map((n) => [n.id, n]));
  for (const candidate of candidates.values()) {
    const current = mine.get(candidate.id);
    if (!current) plan.added.push(candidate);
    else if (canonicalJson(withoutStamp(current)) === canonicalJson(withoutStamp(candidate))) plan.skipped.push({ incoming: candidate, reason: 'same' });
    else plan.differing.push({ local: current, incoming: candidate, changes: describeDifferences(current, candidate) });
  }
  return plan;
}

/** The definitions to write: every added one, and the differing ones the user accepted. */
export function acceptedDefinitions(plan: NewsletterPlan, accept: ReadonlySet<string>): NewsletterPreset[] {
  return [...plan.added, ...plan.differing.filter((d) => accept.has(d.incoming.id)).map((d) => d.incoming)];
}

function withoutStamp(preset: NewsletterPreset): Omit<NewsletterPreset, 'updatedAt'> {
  const { updatedAt: _u, ...rest } = preset;
  return rest;
}

const quote = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
};

/** A short description of how `b` differs from `a`, for the user deciding. */
export function describeDifferences(a: NewsletterPreset, b: NewsletterPreset): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof NewsletterPreset>;
  for (const key of [...keys].sort()) {
    if (key === 'updatedAt' || key === 'sections') continue;
    const [x, y] = [a[key], b[key]];
    if (canonicalJson(x) === canonicalJson(y)) continue;
    out.push(typeof x === 'string' || typeof y === 'string' || typeof x === 'number' ? `${key}: ${quote(x ?? '')} → ${quote(y ?? '')}` : `${key} changed`);
  }
  const before = new Map(a.sections.map((s) => [s.id, s]));
  const after = new Map(b.sections.map((s) => [s.id, s]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.keys()].filter((id) => before.has(id) && canonicalJson(before.get(id)) !== canonicalJson(after.get(id)));
  if (added.length) out.push(`sections added: ${added.join(', ')}`);
  if (removed.length) out.push(`sections removed: ${removed.join(', ')}`);
  if (changed.length) out.push(`sections changed: ${changed.join(', ')}`);
  const order = (list: Map<string, unknown>) => [...list.keys()].filter((id) => before.has(id) && after.has(id)).join(',');
  if (!added.length && !removed.length && order(before) !== order(after)) out.push('sections reordered');
  return out;
}
