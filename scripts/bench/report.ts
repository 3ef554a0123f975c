import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Summary } from './stats';

/**
 * One benchmark run's figures: rows for the printed table, and the same rows (plus details)
 * in bench-results/latest.json.
 */

export interface Row {
  /** Suite: clip, popup, storage, export, desk. */
  suite: string;
  /** What was measured, in words a reader understands. */
  metric: string;
  /** The figure as printed ("12.3 / 40.1 / 88.0 ms", "31.2 KB"). */
  value: string;
  /** The budget in words, when the issue sets one. */
  budget?: string;
  /** Whether the figure meets the budget; undefined when there is none or nothing ran. */
  ok?: boolean;
  /** Raw numbers behind the figure, for the JSON file. */
  data?: unknown;
}

export interface SuiteResult {
  rows: Row[];
  /** Free-form details for the JSON file (per-page figures, notes). */
  details?: unknown;
}

export const ms = (v: number, digits = 1): string => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const triple = (s: Summary, digits = 1): string =>
  `${s.p50.toFixed(digits)} / ${s.p95.toFixed(digits)} / ${s.max.toFixed(digits)} ms`;

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** The rows as a Markdown table (readable in a terminal and pasteable into docs). */
export function markdownTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.suite, r.metric, r.value, r.budget ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED']);
  const head = ['suite', 'measure', 'figure', 'budget', ''];
  const widths = head.map((h, i) => Math.max([...h].length, ...cells.map((c) => [...c[i]!].length)));
  const line = (c: string[]) => `| ${c.map((text, i) => pad(text, widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function writeResults(file: string, payload: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
}
