import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The 130 real pages of ../shared/corpus/pages (saved as served), by folder name. */

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/pages');

export interface CorpusPage {
  name: string;
  file: string;
  bytes: number;
}

export function corpusPages(): CorpusPage[] {
  if (!existsSync(corpusDir)) throw new Error(`Corpus missing: ${corpusDir} (../shared must sit beside the repository)`);
  return readdirSync(corpusDir)
    .sort()
    .map((name) => ({ name, file: path.join(corpusDir, name, 'source.html') }))
    .filter((page) => existsSync(page.file))
    .map((page) => ({ ...page, bytes: readFileSync(page.file).length }));
}

/** The URL a corpus page is served and clipped at; every host name maps to the local server. */
export const pageUrl = (name: string): string => `http://corpus.newsdesk.test/${encodeURIComponent(name)}/`;
