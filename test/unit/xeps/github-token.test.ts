import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkGithubToken, GITHUB_TOKEN_KEY, readGithubToken, saveGithubToken } from '../../../utils/xeps/github-token';

/** The optional GitHub token in the extension's local storage (here WXT's fake of it). */

beforeEach(() => fakeBrowser.reset());

const CLASSIC = `ghp_${'a1B2'.repeat(9)}`;
const FINE = `github_pat_${'Ab3_'.repeat(20)}xy`;

describe('the GitHub token', () => {
  it('is saved in storage.local, read back, and removed by saving an empty text', async () => {
    const area = browser.storage.local;
    expect(await readGithubToken(area)).toBeNull();
    expect(await saveGithubToken(area, `  ${FINE}\n`)).toBe(FINE);
    expect(await browser.storage.local.get(GITHUB_TOKEN_KEY)).toEqual({ [GITHUB_TOKEN_KEY]: FINE });
    expect(await readGithubToken(area)).toBe(FINE);
    expect(await saveGithubToken(area, ' ')).toBeNull();
    expect(await readGithubToken(area)).toBeNull();
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it('refuses what is not a token, in plain words, and keeps the one stored', async () => {
    const area = browser.storage.local;
    await saveGithubToken(area, CLASSIC);
    await expect(saveGithubToken(area, `Bearer ${CLASSIC}`)).rejects.toThrow(/without “Bearer”/);
    await expect(saveGithubToken(area, 'my password!')).rejects.toThrow(/not a GitHub token: a token is letters, digits and underscores/);
    await expect(saveGithubToken(area, 'ghp_short')).rejects.toThrow(/it has 9 characters/);
    expect(await readGithubToken(area)).toBe(CLASSIC);
    expect(checkGithubToken('0123456789abcdef0123456789abcdef01234567')).toHaveLength(40);
  });

  it('a stored value that is not a token any more reads as none', async () => {
    await browser.storage.local.set({ [GITHUB_TOKEN_KEY]: 'not a token' });
    expect(await readGithubToken(browser.storage.local)).toBeNull();
    await browser.storage.local.set({ [GITHUB_TOKEN_KEY]: 42 });
    expect(await readGithubToken(browser.storage.local)).toBeNull();
  });
});
