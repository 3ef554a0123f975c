import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewsItem } from '../../../utils/model/item';

/** Test helpers for the export tests (not a test file itself). */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/export');
export const sharedDir = path.resolve(repoRoot, '../shared');

/** The October 2023 items, modelled on the published issue. */
export function october2023Items(): NewsItem[] {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'xmpp-2023-10.items.json'), 'utf8')) as NewsItem[];
}

export function readReference(name: string): string {
  return readFileSync(path.join(sharedDir, 'reference', name), 'utf8');
}

let counter = 0;

/** A stored item with realistic defaults; override what the test is about. */
export function makeItem(overrides: Partial<NewsItem> = {}): NewsItem {
  counter++;
  const n = String(counter).padStart(6, '0');
  const url = `https://blog.example.org/posts/${n}`;
  const updatedAt = overrides.updatedAt ?? '2023-10-10T10:00:00.000Z';
  return {
    id: `00000000-0000-4000-8000-${n.padStart(12, '0')}`,
    canonicalUrl: url,
    url,
    title: `Post ${n}`,
    siteName: 'Example Blog',
    authors: [],
    publishedAt: null,
    language: 'en',
    description: null,
    contentMarkdown: '',
    kind: 'article',
    release: null,
    xep: null,
    video: null,
    event: null,
    newsletter: 'xmpp',
    issue: '2023-10',
    section: 'articles',
    entry: `[Post ${n}](${url})`,
    status: 'ready',
    position: 0,
    contributor: 'emus',
    createdAt: updatedAt < '2023-10-10T10:00:00.000Z' ? new Date(updatedAt).toISOString() : '2023-10-10T10:00:00.000Z',
    deletedAt: null,
    // A version stamped at its own updatedAt, as an item from before clock stamps would be.
    hlc: `${new Date(updatedAt).toISOString()}~0000~test`,
    updatedBy: overrides.contributor ?? 'emus',
    ancestors: [],
    history: [],
    ...overrides,
    updatedAt: new Date(overrides.hlc ? overrides.hlc.slice(0, 24) : updatedAt).toISOString(),
  };
}

/** "## Heading" lines as [level, text] pairs, front matter skipped. */
export function headingTree(markdown: string): Array<[number, string]> {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const tree: Array<[number, string]> = [];
  for (const line of body.split('\n')) {
    const m = /^(#{1,6}) (.+)$/.exec(line);
    if (m?.[1] && m[2]) tree.push([m[1].length, m[2]]);
  }
  return tree;
}

/** The text under `heading` (exact heading line) up to the next heading of any level. */
export function sectionText(markdown: string, heading: string): string | null {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^#{1,6} /.test(lines[end] ?? '')) end++;
  return lines.slice(start + 1, end).join('\n').trim();
}
