import { renderEntryTemplate } from './entry-template';

/** How much room an entry's first line has, in Markdown characters. */
export interface Room {
  target: number;
  max: number;
}

/**
 * What a page kind gives a newsletter's entry template: its values, escaped Markdown (see
 * utils/templates/names.ts), and the summary, which is fitted last into the room the rest of
 * the entry's first line leaves.
 */
export interface TemplateFill {
  values: Record<string, string>;
  /** The summary within `room` (escaped; '' when nothing fits or the page says nothing). */
  summary?: (room: Room) => string;
}

// Marks where the summary goes while the rest of the entry is measured; never in page text
// (escaped values cannot hold a NUL: the extractor drops control characters).
const SLOT = '\u0000';

/**
 * The entry as the template writes it. The first line keeps within `budget.max`: the summary
 * gets what the rest of that line leaves (aiming at `budget.target`); lines after the first
 * (a XEP's remarks) are the newsletter's own length.
 */
export function fillTemplate(template: string, fill: TemplateFill, budget: Room): string {
  const values = { ...fill.values, summary: fill.summary ? SLOT : '' };
  const measured = renderEntryTemplate(template, values);
  if (!measured.includes(SLOT) || !fill.summary) return tidy(renderEntryTemplate(template, { ...values, summary: '' }));
  const at = measured.indexOf(SLOT);
  const lineStart = measured.lastIndexOf('\n', at) + 1;
  const lineEnd = measured.indexOf('\n', at);
  const rest = measured.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replaceAll(SLOT, '').length;
  const room: Room = { max: Math.max(budget.max - rest, 0), target: Math.max(Math.min(budget.target - rest, budget.max - rest), 0) };
  const summary = room.max > 0 ? fill.summary(room) : '';
  return tidy(renderEntryTemplate(template, { ...fill.values, summary }));
}

/** No trailing spaces on a line, no doubled spaces where an empty value stood, no trailing newline. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/(?<=\S) {2,}(?=\S)/g, ' ').replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}
