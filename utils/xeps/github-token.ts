import type { KeyValueArea } from './forge-cache';

/**
 * The editor's optional GitHub token, kept as the newsroom's password is (utils/sync/
 * credentials.ts): in the extension's own storage (browser.storage.local), so never in
 * IndexedDB, never in a backup file, never synced to another browser, never logged. Only
 * ForgeHistory sends it, and only to api.github.com. It needs no scope: it only raises the
 * API's limit from 60 to 5,000 requests an hour.
 */

export const GITHUB_TOKEN_KEY = 'githubToken';

export class GithubTokenError extends Error {
  override name = 'GithubTokenError';
}

/**
 * The token as pasted, checked: GitHub's tokens are letters, digits and underscores
 * (ghp_…, github_pat_…, and 40 hex digits for older ones). Spaces around it are dropped.
 */
export function checkGithubToken(text: string): string {
  const token = text.trim();
  if (/^(bearer|token)\s/i.test(token)) throw new GithubTokenError('Paste the token alone, without “Bearer” or “token” in front.');
  if (!/^[A-Za-z0-9_]+$/.test(token)) throw new GithubTokenError('That is not a GitHub token: a token is letters, digits and underscores, e.g. github_pat_… or ghp_….');
  if (token.length < 20 || token.length > 255) throw new GithubTokenError(`That is not a GitHub token: it has ${token.length} characters (GitHub's have 40 to 93).`);
  return token;
}

export async function readGithubToken(area: KeyValueArea): Promise<string | null> {
  const value = (await area.get(GITHUB_TOKEN_KEY))[GITHUB_TOKEN_KEY];
  if (typeof value !== 'string') return null;
  try {
    return checkGithubToken(value);
  } catch {
    return null; // not a token any more (edited by hand): as if none were set
  }
}

/** Keep the token (checked first); an empty text removes it. Returns what is stored now. */
export async function saveGithubToken(area: KeyValueArea, text: string): Promise<string | null> {
  if (text.trim() === '') {
    await area.remove(GITHUB_TOKEN_KEY);
    return null;
  }
  const token = checkGithubToken(text);
  await area.set({ [GITHUB_TOKEN_KEY]: token });
  return token;
}
