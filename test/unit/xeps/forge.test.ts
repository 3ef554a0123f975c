import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForgeFixture } from '../../../scripts/xeps-fixtures';
import { FORGE_FIXTURE_MONTHS } from '../../../scripts/xeps-fixtures';
import { monthChanges } from '../../../utils/xeps/changes';
import { xepEntry } from '../../../utils/xeps/entries';
import { XepSourceError } from '../../../utils/xeps/errors';
import { loadMonthHistory } from '../../../utils/xeps/history';
import { ForgeHistory, memoryCache } from '../../../utils/xeps/source-forge';
import { GitHistory } from '../../../utils/xeps/source-git';
import { xmppNewsletter } from '../../../utils/presets/xmpp';
import { xepItems } from '../../../utils/xeps/items';
import { xepsClone } from '../../support/xeps-clone';

/**
 * The forge (GitHub REST API) path on recorded answers whose content is the real xsf/xeps
 * history (scripts/xeps-fixtures.ts), against the local-clone path on the same history.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/xeps');

function loadFixture(month: string): ForgeFixture {
  return JSON.parse(readFileSync(path.join(fixtures, `forge-${month}.json`), 'utf8')) as ForgeFixture;
}

/** A fetch that answers from the recording and remembers what it was asked. */
function replay(fixture: ForgeFixture) {
  const asked: string[] = [];
  const unknown: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const recorded = fixture.responses[url];
    if (!recorded) {
      unknown.push(url);
      return new Response(JSON.stringify({ message: 'Not Found' }), { status: 404 });
    }
    const body = recorded.blob !== undefined ? fixture.blobs[recorded.blob]! : (recorded.body ?? '');
    return new Response(body, { status: recorded.status, headers: recorded.headers });
  }) as typeof globalThis.fetch;
  return { fetch, asked, unknown };
}

let clone: string;
beforeAll(() => {
  clone = xepsClone();
}, 120_000);

describe('the forge path gives what the local clone gives', () => {
  for (const { month, tip } of FORGE_FIXTURE_MONTHS) {
    it(`${month}: identical changes, entries and items, in a handful of API requests`, { timeout: 60_000 }, async () => {
      const fixture = loadFixture(month);
      const { fetch, unknown } = replay(fixture);
      const forge = new ForgeHistory({ fetch });
      const fromForge = monthChanges(await loadMonthHistory(forge, month, { tip }));
      const fromGit = monthChanges(await loadMonthHistory(new GitHistory(clone), month, { tip }));

      expect(unknown).toEqual([]);
      expect(fromForge.changes.length).toBeGreaterThan(2);
      expect(fromForge).toEqual(fromGit);
      const entries = (r: typeof fromGit) => r.changes.map((c) => xepEntry(c, xmppNewsletter));
      expect(entries(fromForge)).toEqual(entries(fromGit));
      // …and the same items, field for field (ids, sections, entries, source commits).
      const items = (r: typeof fromGit) => xepItems(r, xmppNewsletter, { newsletter: 'xmpp', createdAt: '2026-07-01T00:00:00.000Z' }).map((d) => d.fields);
      expect(items(fromForge)).toEqual(items(fromGit));
      expect(new Set(items(fromForge).map((i) => i.id)).size).toBe(fromForge.changes.length);
      // One request per commit of the month plus the listing; raw texts do not count.
      expect(forge.stats.apiRequests).toBe(fromGit.commitCount + Object.keys(fixture.responses).filter((u) => u.includes('/commits?')).length);
      expect(forge.stats.rateLimit?.limit).toBe(60);
    });
  }

  it('2026-03 again with the same cache: only the commit listing is asked again', { timeout: 60_000 }, async () => {
    const fixture = loadFixture('2026-03');
    const cache = memoryCache();
    const first = new ForgeHistory({ fetch: replay(fixture).fetch, cache });
    await loadMonthHistory(first, '2026-03');
    const again = replay(fixture);
    const second = new ForgeHistory({ fetch: again.fetch, cache });
    const changes = monthChanges(await loadMonthHistory(second, '2026-03'));
    expect(changes.changes.map((c) => `${c.subsection} ${c.number ?? c.protoName}`)).toContain('last-call 0377');
    expect(again.asked.every((u) => u.includes('/commits?sha='))).toBe(true);
    expect(second.stats.apiRequests).toBe(again.asked.length);
    expect(second.stats.rawRequests).toBe(0);
  });

  it('sends the token to the API only, never to the raw host', async () => {
    const fixture = loadFixture('2023-10');
    const seen: { url: string; auth: string | null }[] = [];
    const inner = replay(fixture).fetch;
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return inner(input, init);
    }) as typeof globalThis.fetch;
    await loadMonthHistory(new ForgeHistory({ fetch, token: 'ghp_example' }), '2023-10', { tip: FORGE_FIXTURE_MONTHS[1]!.tip });
    expect(seen.filter((s) => s.url.startsWith('https://api.github.com/')).every((s) => s.auth === 'Bearer ghp_example')).toBe(true);
    expect(seen.filter((s) => s.url.startsWith('https://raw.githubusercontent.com/')).every((s) => s.auth === null)).toBe(true);
  });
});

describe('the forge path says what went wrong in plain words', () => {
  const now = () => new Date('2026-04-02T10:00:00Z');
  const failing = (response: () => Response | Promise<Response>) =>
    new ForgeHistory({ fetch: (async () => response()) as typeof globalThis.fetch, now });

  async function failure(source: ForgeHistory): Promise<XepSourceError> {
    try {
      await loadMonthHistory(source, '2026-03');
    } catch (error) {
      if (error instanceof XepSourceError) return error;
      throw error;
    }
    throw new Error('no error');
  }

  it('offline', async () => {
    const error = await failure(failing(() => Promise.reject(new TypeError('fetch failed'))));
    expect(error.kind).toBe('offline');
    expect(error.message).toMatch(/Cannot reach api\.github\.com .* offline/);
  });

  it('rate limited: says when the limit resets and that a token helps', async () => {
    const reset = Math.round(Date.parse('2026-04-02T10:42:00Z') / 1000);
    const error = await failure(
      failing(
        () =>
          new Response(JSON.stringify({ message: 'API rate limit exceeded' }), {
            status: 403,
            headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
          }),
      ),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.resetsAt).toBe('2026-04-02T10:42:00.000Z');
    expect(error.message).toBe(
      "GitHub's request limit is used up (60 requests an hour without a token); it resets at 10:42 UTC, in 42 minutes. A GitHub token raises the limit to 5,000 an hour.",
    );
  });

  it('secondary rate limit (Retry-After)', async () => {
    const error = await failure(failing(() => new Response('{}', { status: 429, headers: { 'retry-after': '120' } })));
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/in 2 minutes/);
  });

  it('not found, refused token, server trouble, garbage', async () => {
    expect((await failure(failing(() => new Response('{"message":"Not Found"}', { status: 404 })))).message).toBe('Not found on api.github.com: the commits of xsf/xeps since 2026-03-01 (404).');
    expect((await failure(failing(() => new Response('{}', { status: 401 })))).kind).toBe('unauthorized');
    expect((await failure(failing(() => new Response('oops', { status: 502 })))).message).toMatch(/failed to answer .* \(502\); try again later/);
    expect((await failure(failing(() => new Response('<html>', { status: 200 })))).kind).toBe('bad-response');
    expect((await failure(failing(() => new Response('[{"sha": 1}]', { status: 200 })))).message).toMatch(/not in the expected shape/);
  });
});
