import type { NewsletterPreset, SectionDef } from '../../utils/presets/types';

/**
 * Pure helpers of the newsletter editor: starting a definition from a preset, editing the
 * section list, and the text fields that stand for lists. The background validates on save.
 */

/** A new definition copied from `base` under a fresh id that clashes with none of `taken`. */
export function copyOf(base: NewsletterPreset, name: string, taken: readonly string[]): NewsletterPreset {
  const copy = structuredClone(base);
  delete copy.updatedAt;
  return { ...copy, id: uniqueId(slug(name) || 'newsletter', taken), name };
}

/** "This Week in Matrix!" → "this-week-in-matrix" (the id format: a-z, 0-9, "-", ≤ 40). */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/, '');
}

export function uniqueId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** `sections` with the one at `index` moved by `delta` places (clamped). */
export function moveSection(sections: readonly SectionDef[], index: number, delta: number): SectionDef[] {
  const to = Math.max(0, Math.min(sections.length - 1, index + delta));
  const out = [...sections];
  const [moved] = out.splice(index, 1);
  if (moved) out.splice(to, 0, moved);
  return out;
}

export function newSection(sections: readonly SectionDef[]): SectionDef {
  const id = uniqueId('section', sections.map((s) => s.id));
  return { id, heading: 'New section', level: 2, kind: 'collected', placeholder: '- Nothing this time.' };
}

/** One entry a line; blank lines dropped. */
export function linesToList(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** Comma-separated words; blanks dropped. */
export function commasToList(text: string): string[] {
  return text.split(',').map((w) => w.trim()).filter(Boolean);
}

/** A patch for optional fields: an empty value removes the field instead of storing "". */
export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value && value.trim() ? ({ [key]: value } as Record<K, string>) : {};
}

/** Set or clear one optional field of a section. */
export function withField<K extends keyof SectionDef>(section: SectionDef, key: K, value: SectionDef[K] | undefined): SectionDef {
  const next = { ...section };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

/** Hints with empty lists removed, or undefined when nothing is left. */
export function cleanHints(hints: SectionDef['hints']): SectionDef['hints'] {
  if (!hints) return undefined;
  const out = Object.fromEntries(Object.entries(hints).filter(([, v]) => Array.isArray(v) && v.length > 0));
  return Object.keys(out).length ? out : undefined;
}
