import { describe, expect, it } from 'vitest';
import type { PageCapture, PageKind } from '../../../utils/model/capture';
import { escapeInline } from '../../../utils/markdown/escape';
import { draftEntry } from '../../../utils/summarize/entry';
import { leadSentences } from '../../../utils/summarize/lead';
import { suggestSection } from '../../../utils/categorize/suggest';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { capture } from './captures';

/** mulberry32: a small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = [
  'XMPP', 'server', 'client', 'federation', 'release', 'brings', 'support', 'group', 'chats', 'encryption',
  'OMEMO', 'Gajim', 'Prosody', 'v1.2.3', 'e.g.', 'Dr.', 'improved', 'stability', 'Übersetzung', 'naïve',
  'https://example.org/a.b', 'messaging', 'interoperability', 'extraordinarily', 'the', 'a', 'of', 'and',
];
const HOSTILE = ['[', ']', '](x)', '`', '<script>', '{{<', '>}}', '*', '_', '#', '|', '&amp;', '\\'];
const KINDS: PageKind[] = ['article', 'release', 'video', 'event', 'social', 'page'];

function generate(seed: number): PageCapture {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => (r() < 0.08 ? pick(HOSTILE) : pick(VOCAB))).join(' ');
  const sentence = () => {
    const s = words(3 + Math.floor(r() * 40));
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}${pick(['.', '!', '?', ''])}`;
  };
  const kind = pick(KINDS);
  const paragraphs = Array.from({ length: Math.floor(r() * 4) }, () => Array.from({ length: 1 + Math.floor(r() * 4) }, sentence).join(' '));
  const list = r() < 0.4 ? Array.from({ length: 1 + Math.floor(r() * 5) }, () => `- ${sentence()}`).join('\n') : '';
  return capture({
    url: `https://site${seed % 7}.example/${seed}/post`,
    title: words(1 + Math.floor(r() * (r() < 0.1 ? 60 : 12))),
    kind,
    language: pick(['en', 'de', 'en-GB', null]),
    description: r() < 0.6 ? Array.from({ length: 1 + Math.floor(r() * 3) }, sentence).join(' ') : null,
    contentMarkdown: [...paragraphs, list].join('\n\n'),
    release: kind === 'release' ? { project: pick(['Gajim', 'Hopper', 'ejabberd']), version: '1.0.1' } : null,
    event: kind === 'event' ? { startDate: '2024-03-02', endDate: r() < 0.5 ? '2024-03-03' : null, location: r() < 0.5 ? 'Brussels' : null } : null,
  });
}

/** Undo escapeInline enough to compare words with the vocabulary. */
function unescape(text: string): string {
  return text.replace(/&#123;/g, '{').replace(/&amp;(?=#?\w+;)/g, '&').replace(/\\(.)/g, '$1');
}

/** A token without the punctuation around it, lower case ("e.g." and "e.g" compare equal). */
function bare(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
}

const LINK_AT_START = /^\[(?:[^\]\\]|\\.)*\]\(https:\/\/[^\s()]+\)/;
/** What an entry writer puts between the link and the summary. */
const HEAD = /^( \[[A-Z]{2}\])?(: | - |, March \d+(–\d+)?, 2024( in Brussels)?(: )?| has been released(, bringing |\. )?)?/;
const ALLOWED = new Set([...VOCAB, ...HOSTILE].flatMap((w) => w.split(/\s+/)).map(bare));

describe('draftEntry over 600 generated pages', () => {
  const pages = Array.from({ length: 600 }, (_, i) => generate(i + 1));

  it('keeps the summary within the budget, the link intact and never calls a shortcode', () => {
    for (const page of pages) {
      const { section } = suggestSection(page, xmppNewsletter);
      const entry = draftEntry(page, xmppNewsletter, section);
      const first = entry.split('\n')[0] ?? '';
      // The line may be longer than the budget only by its link: a long URL must not turn a
      // complete first sentence into a "…" fragment (": " and a " [DE]" tag are the rest).
      if (first.length > 300) {
        expect(first.replace(LINK_AT_START, '').replace(HEAD, '').length, entry).toBeLessThanOrEqual(300);
        expect(first, entry).not.toMatch(/…$/);
      }
      expect(entry, entry).toMatch(LINK_AT_START);
      expect(entry).not.toMatch(/\{\{[<%]/);
      expect(entry).not.toMatch(/<script>/);
    }
  });

  it('never ends in "…" when the page\'s first sentence fits the budget on its own', () => {
    for (const page of pages) {
      const { section } = suggestSection(page, xmppNewsletter);
      const entry = draftEntry(page, xmppNewsletter, section);
      if (!/…$/.test(entry) || page.release) continue;
      // A cut is only allowed when the lead's first sentence is longer than the whole budget.
      expect(escapeInline(leadSentences(page)[0] ?? '').length, entry).toBeGreaterThan(300);
    }
  });

  it('never cuts a word in half', () => {
    for (const page of pages) {
      const { section } = suggestSection(page, xmppNewsletter);
      const entry = draftEntry(page, xmppNewsletter, section);
      const summary = unescape(entry.replace(LINK_AT_START, ''));
      const tokens = summary
        .replace(/^( \[[A-Z]{2}\])?(: | - |, March \d+(–\d+)?, 2024( in Brussels)?(: )?| has been released(, bringing |\. )?)?/, '')
        .split(/\s+/)
        .filter(Boolean)
        .map(bare)
        .filter((t) => t && !/^(and|a|fix|for)$/.test(t));
      for (const token of tokens) {
        expect(ALLOWED.has(token), `"${token}" in ${entry}`).toBe(true);
      }
    }
  });

  it('is never a bare link when the page has a description or text', () => {
    for (const page of pages) {
      const hasText = /[A-Za-z]{4,}/.test(`${page.description ?? ''} ${page.contentMarkdown}`);
      if (!hasText || page.kind === 'release') continue;
      const entry = draftEntry(page, xmppNewsletter, 'articles');
      expect(entry.replace(LINK_AT_START, '').replace(/^ \[[A-Z]{2}\]/, ''), entry).not.toBe('');
    }
  });
});
