import { escapeInline } from '../markdown/escape';

/**
 * Fitting untrusted text into a length budget measured in escaped Markdown characters. Cuts
 * happen on the plain text (never inside an escape sequence), at a sentence boundary when
 * the caller offers sentences, else at a word boundary with "…".
 */

/** Escaped sentences, as many as fit in `target` (at least the first one when it fits `max`). */
export function fitSentences(sentences: readonly string[], target: number, max: number): string {
  let out = '';
  let used = 0;
  for (const sentence of sentences) {
    const next = out ? `${out} ${escapeInline(sentence)}` : escapeInline(sentence);
    const limit = out ? target : max;
    if (next.length > limit) break;
    out = next;
    used++;
  }
  // A sentence that trails off ("Séries, documentaires, programmes jeunesse…") does not end
  // an entry: take the next one while the line allows, else leave it out.
  const parts = sentences.slice(0, used).map((s) => escapeInline(s));
  while (/…$/.test(out) && used < sentences.length) {
    const next = `${out} ${escapeInline(sentences[used]!)}`;
    if (next.length > max) break;
    out = next;
    parts.push(escapeInline(sentences[used]!));
    used++;
  }
  while (/…$/.test(out) && parts.length > 1) {
    parts.pop();
    out = parts.join(' ');
  }
  if (out) return out;
  const first = sentences[0];
  return first ? cutWords(first, max) : '';
}

/** Escaped text cut at a word boundary so that it, with a final "…", fits `max`. '' if not even one word fits. */
export function cutWords(text: string, max: number): string {
  const whole = escapeInline(text);
  if (whole.length <= max) return whole;
  // Escaping only lengthens text, so no more plain characters than `max` can ever fit.
  const words: string[] = [];
  let plainLength = 0;
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    plainLength += word.length + 1;
    if (plainLength > max + 1) break;
    words.push(word);
  }
  words.push(''); // the loop below always drops at least one word
  for (let n = words.length - 1; n > 0; n--) {
    // Drop trailing punctuation so the ellipsis does not read ",…".
    const plain = words.slice(0, n).join(' ').replace(/[\s,;:.!?–—-]+$/u, '');
    const escaped = `${escapeInline(plain)}…`;
    if (plain && escaped.length <= max) return escaped;
  }
  return '';
}
