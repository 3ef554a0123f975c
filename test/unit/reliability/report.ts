import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Figures the reliability tests measure while they run (operations, bad inputs tried, items
 * lost, scripts executed). Each test file writes its own JSON under .tmp/reliability/, so
 * `npm run reliability` prints what the real runs did rather than numbers typed by hand.
 */

export const REPORT_DIR = path.resolve(import.meta.dirname, '../../../.tmp/reliability');

export interface FamilyFigures {
  /** What was exercised, e.g. "model-based storage test". */
  title: string;
  /** Counters, e.g. { sequences: 1000, operations: 18234, itemsLost: 0 }. */
  figures: Record<string, number>;
  /** Per-family counts of bad inputs, e.g. { "deep nesting": 3 }. */
  inputs?: Record<string, number>;
  writtenAt?: string;
}

export function writeFigures(name: string, figures: FamilyFigures): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = path.join(REPORT_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ ...figures, writtenAt: new Date().toISOString() }, null, 2)}\n`);
}

export function readAllFigures(dir: string = REPORT_DIR): Record<string, FamilyFigures> {
  const out: Record<string, FamilyFigures> = {};
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    out[name.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as FamilyFigures;
  }
  return out;
}
