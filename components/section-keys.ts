/**
 * One-key section accelerators for the popup's section list: each section gets its own letter
 * (or digit), shown in front of its name and picked by typing it, so "XEP Last Call" is one
 * keystroke instead of five presses of "E". A browser's own type-ahead only matches the start
 * of the label ("Software News › Clients" cannot be reached with "c").
 */

/** Words that name no section on their own ("XEP Proposed" is about "Proposed"). */
const FILLER = new Set(['xep', 'and', 'the', 'of', 'for', 'to', 'from', 'in', 'on', 'a', 'an']);
const FALLBACK = [...'abcdefghijklmnopqrstuvwxyz1234567890'];

function letters(text: string): string[] {
  return [...text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '')];
}

/**
 * Preferred keys, best first: initials of the leaf's words, their letters, initials of its
 * acronyms ("XSF Announcements" is about announcements), the whole path's letters, anything.
 */
function candidates(path: string): string[] {
  const leaf = path.split('›').at(-1) ?? path;
  const all = leaf.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !FILLER.has(w.toLowerCase()));
  const acronyms = all.filter((w) => w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w));
  const words = all.filter((w) => !acronyms.includes(w));
  const initials = (list: string[]) => list.flatMap((w) => letters(w).slice(0, 1));
  return [...initials(words), ...words.flatMap(letters), ...initials(acronyms), ...letters(leaf), ...letters(path), ...FALLBACK];
}

/**
 * A distinct key for every section, in list order (earlier sections get first pick). Sections
 * beyond the 36 letters and digits get none and stay reachable with the arrow keys.
 */
export function sectionKeys(sections: readonly { id: string; path: string }[]): Map<string, string> {
  const taken = new Set<string>();
  const keys = new Map<string, string>();
  for (const section of sections) {
    const key = candidates(section.path).find((c) => !taken.has(c));
    if (!key) continue;
    taken.add(key);
    keys.set(section.id, key);
  }
  return keys;
}

/** The section a key press picks, or null (modifier held, or no section has that key). */
export function sectionForKey(
  keys: ReadonlyMap<string, string>,
  event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
): string | null {
  if (event.ctrlKey || event.altKey || event.metaKey || [...event.key].length !== 1) return null;
  const key = event.key.toLowerCase();
  for (const [id, k] of keys) if (k === key) return id;
  return null;
}
