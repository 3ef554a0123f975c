/** 32-bit FNV-1a of a string's UTF-16 code units: fast, stable across runs and machines (not a secure hash). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** FNV-1a in base 36, seven characters: a short stable part of a derived id or key. */
export function fingerprint(text: string): string {
  return fnv1a(text).toString(36).padStart(7, '0');
}
