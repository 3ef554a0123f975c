import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { urlMatches, patternProblem } from '../../../utils/presets/pattern';
import { getPreset } from '../../../utils/presets';
import { NewsletterFormatError, parseNewsletter } from '../../../utils/presets/schema';
import { repoRoot } from '../export/fixtures';

/**
 * Issue 10, defect 6: URL patterns in newsletter definitions are written by users and shared
 * as files. Run by a backtracking matcher, `(a+)+$` against a URL of 40 "a"s takes longer
 * than the age of the universe; they must run in time linear in the URL, and a pattern that
 * cannot must be refused on import with a plain message.
 */

/** Categorize and export `url` in a child process; null when it did not finish within the deadline. */
function runIsolated(patterns: string[], url: string): { section: string; prefixed: boolean } | null {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/hostile-patterns.ts'), JSON.stringify(patterns), url], {
    cwd: repoRoot,
    encoding: 'utf8',
    // A liveness bound for one case, not a speed measure: a linear matcher needs milliseconds.
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  if (result.status !== 0) return null;
  return JSON.parse(result.stdout) as { section: string; prefixed: boolean };
}

const URL_OF_AS = `https://example.org/${'a'.repeat(40)}!`;

describe('defect 6: hostile URL patterns', () => {
  it.each([
    ['nested quantifiers', '(a+)+$'],
    ['anchored nested quantifiers', String.raw`^https://example\.org/(a+)+$`],
    ['overlapping alternation', '(a|a)*b$'],
    ['quantified wildcard groups', '(.*a){25}$'],
  ])('%s (%s): categorizing and exporting still finish', (_name, pattern) => {
    const result = runIsolated([pattern], URL_OF_AS);
    expect(result, 'the child process did not finish within 20 s').not.toBeNull();
    expect(result).toEqual({ section: 'articles', prefixed: false });
  });

  it('a hostile pattern still matches what it should (and the prefix is applied)', () => {
    expect(runIsolated(['(a+)+!$'], URL_OF_AS)).toEqual({ section: 'events', prefixed: true });
  });

  it('patterns match case-insensitively, as the built-in newsletters expect', () => {
    expect(urlMatches(String.raw`(^|\.)youtube\.com/(watch|live|shorts|@|channel|c/)`, 'https://www.YouTube.com/watch?v=1')).toBe(true);
    expect(urlMatches(String.raw`/w/[0-9A-Za-z]{10,}`, 'https://video.example/w/abcdefghij')).toBe(true);
    expect(urlMatches(String.raw`\u0065vents?/`, 'https://example.org/events/x')).toBe(true);
    expect(urlMatches(String.raw`^https?://(www\.)?xmpp\.org/20\d\d/`, 'https://example.org/2023/')).toBe(false);
  });

  it('every pattern of the built-in newsletters runs', () => {
    for (const id of ['xmpp', 'xmpp-2024', 'weekly-digest', 'generic']) {
      const preset = getPreset(id);
      const patterns = [...preset.sections.flatMap((s) => s.hints?.urlPatterns ?? []), ...(preset.entryPrefixes ?? []).flatMap((r) => r.urlPatterns ?? [])];
      for (const p of patterns) expect(patternProblem(p), `${id}: ${p}`).toBeNull();
    }
  });

  it('refuses on import, in plain words, a pattern that cannot run in linear time or is too long', () => {
    const base = structuredClone(getPreset('generic'));
    const withPattern = (p: string) => ({ ...base, id: 'ours', sections: base.sections.map((s, i) => (i === 1 ? { ...s, hints: { urlPatterns: [p] } } : s)) });
    const refusal = (p: string) => {
      try {
        parseNewsletter(withPattern(p));
      } catch (error) {
        expect(error).toBeInstanceOf(NewsletterFormatError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(String.raw`(?<=/)events`)).toMatch(/Section 2 \(“News”\), URL pattern 1: uses regular-expression syntax that Newsdesk does not run.*look-around/);
    expect(refusal(String.raw`(a)\1`)).toMatch(/back-references/);
    expect(refusal('(unclosed')).toMatch(/is not a valid regular expression/);
    expect(refusal('a'.repeat(301))).toMatch(/Section 2 \(“News”\), URL pattern 1: /);
    expect(refusal('(a+)+$')).toBe('accepted'); // harmless on a linear-time matcher
  });
});
