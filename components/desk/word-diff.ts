/**
 * The difference between two short texts (an editor's entry and the fresh draft of the same
 * change), word by word, for the eye: runs kept in both, only in the first, only in the second.
 * A longest-common-subsequence over words, spaces and line breaks: entries are a few hundred
 * characters, so the table is small; past LIMIT tokens the texts are shown as one change,
 * whole, rather than spending time on a diff nobody reads word by word.
 */

export type DiffRun = { kind: 'same' | 'removed' | 'added'; text: string };

const LIMIT = 600;

function tokens(text: string): string[] {
  return text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
}

function push(runs: DiffRun[], kind: DiffRun['kind'], text: string): void {
  const last = runs[runs.length - 1];
  if (last && last.kind === kind) last.text += text;
  else runs.push({ kind, text });
}

/** `before` → `after`: 'removed' runs are only in `before`, 'added' only in `after`. */
export function wordDiff(before: string, after: string): DiffRun[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  const runs: DiffRun[] = [];
  if (a.length > LIMIT || b.length > LIMIT) {
    if (before) push(runs, 'removed', before);
    if (after) push(runs, 'added', after);
    return runs;
  }
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(runs, 'same', a[i++]!);
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push(runs, 'removed', a[i++]!);
    } else {
      push(runs, 'added', b[j++]!);
    }
  }
  while (i < a.length) push(runs, 'removed', a[i++]!);
  while (j < b.length) push(runs, 'added', b[j++]!);
  return runs;
}
