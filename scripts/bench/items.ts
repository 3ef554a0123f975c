import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NewsItem } from '../../utils/model/item';
import { repoRoot } from './corpus';

/**
 * Realistic items in bulk: the 14 items of the October 2023 issue (test fixture, modelled on
 * the published issue: releases, XEP updates with nested change bullets, articles, events,
 * videos), repeated with unique ids, URLs and titles. Deterministic, so runs compare.
 */

const templates = JSON.parse(
  readFileSync(path.join(repoRoot, 'test/fixtures/export/xmpp-2023-10.items.json'), 'utf8'),
) as NewsItem[];

export interface GenerateOptions {
  issue?: string;
  /** Spread items over this many issues ending with `issue` (for storage: one issue among many). */
  issues?: number;
  /** Characters of clipped Markdown per item (stored items carry the page text). */
  contentChars?: number;
}

const LOREM =
  'XMPP is the open standard for messaging and presence. Clients, servers and libraries implement the extensions the XSF publishes; ';

function issueBefore(issue: string, monthsBack: number): string {
  const [y, m] = issue.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - monthsBack;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function generateItems(count: number, options: GenerateOptions = {}): NewsItem[] {
  const issue = options.issue ?? '2023-10';
  const issues = options.issues ?? 1;
  const content = LOREM.repeat(Math.ceil((options.contentChars ?? 0) / LOREM.length)).slice(0, options.contentChars ?? 0);
  const items: NewsItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const t = templates[i % templates.length]!;
    const n = String(i).padStart(7, '0');
    const url = `${t.canonicalUrl.replace(/\/?$/, '')}/${n}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    items.push({
      ...t,
      id: `00000000-0000-4000-8000-${n.padStart(12, '0')}`,
      canonicalUrl: url,
      url,
      title: `${t.title} #${i}`,
      entry: t.entry.replace(t.canonicalUrl, url),
      contentMarkdown: content || t.contentMarkdown,
      issue: issueBefore(issue, i % issues),
      position: i,
      // Issues are written by a few dozen people; the contributor list grows with them.
      contributor: i < templates.length ? t.contributor : `contributor${i % 40}`,
      createdAt: `2023-10-${day}T10:00:00.000Z`,
      updatedAt: `2023-10-${day}T10:00:00.000Z`,
      hlc: `2023-10-${day}T10:00:00.000Z~0000~bench`,
      updatedBy: i < templates.length ? t.contributor : `contributor${i % 40}`,
      ancestors: [],
      history: [],
    });
  }
  return items;
}
