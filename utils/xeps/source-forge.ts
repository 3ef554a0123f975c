import { z } from '../model/zod';
import { XepSourceError } from './errors';
import { XEPS_REPOSITORY, type ChangedFile, type CommitMeta, type HistoryBackend } from './history';

/**
 * xsf/xeps history from GitHub's public REST API (no clone; works in a browser extension with
 * a host permission): the branch's commits since the month began, each first-parent commit's
 * changed files, and raw file texts at a commit (from the raw host, which does not count
 * against the API's hourly limit). Everything keyed by a commit sha is immutable and cached.
 *
 * Requests for a month: ⌈commits since the month began / 100⌉ to list them, plus one per
 * commit of the month; raw files only for XEPs whose header changed. 60 API requests an hour
 * are allowed without a token, 5,000 with one.
 */

export const GITHUB_API = 'https://api.github.com';
export const GITHUB_RAW = 'https://raw.githubusercontent.com';

/** Where answers keyed by commit sha are kept between months and runs (e.g. extension storage). */
export interface ForgeCache {
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: unknown): unknown;
}

/** A cache for one session. */
export function memoryCache(): ForgeCache {
  const map = new Map<string, unknown>();
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) };
}

export interface ForgeOptions {
  fetch?: typeof fetch;
  /** A personal access token (no scope needed): raises the limit from 60 to 5,000 an hour. */
  token?: string | null;
  cache?: ForgeCache;
  apiBase?: string;
  rawBase?: string;
  repository?: string;
  /** For "resets in N minutes". */
  now?: () => Date;
}

export interface ForgeStats {
  /** Requests to the API (count against the hourly limit). */
  apiRequests: number;
  /** Requests for raw files (do not). */
  rawRequests: number;
  /** Answers taken from the cache instead. */
  cacheHits: number;
  /** The API's own count after the last answer, if it said. */
  rateLimit: { limit: number; remaining: number; resetsAt: string } | null;
}

const commitSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  parents: z.array(z.object({ sha: z.string() })),
  commit: z.object({
    message: z.string(),
    committer: z.object({ date: z.string() }).nullable(),
  }),
});
type ListedCommit = z.infer<typeof commitSchema>;

const fileSchema = z.object({
  filename: z.string(),
  status: z.enum(['added', 'removed', 'modified', 'renamed', 'copied', 'changed', 'unchanged']),
  patch: z.string().optional(),
  previous_filename: z.string().optional(),
});
type ForgeFile = z.infer<typeof fileSchema>;
const commitFilesSchema = z.object({ files: z.array(fileSchema).optional() });

export class ForgeHistory implements HistoryBackend {
  readonly label: string;
  readonly stats: ForgeStats = { apiRequests: 0, rawRequests: 0, cacheHits: 0, rateLimit: null };
  private readonly fetch: typeof fetch;
  private readonly cache: ForgeCache;
  private readonly api: string;
  private readonly raw: string;
  private readonly repository: string;
  private readonly now: () => Date;
  /** Merge commits seen in the listing: their files come from a comparison with the first parent. */
  private readonly merges = new Set<string>();

  constructor(private readonly options: ForgeOptions = {}) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.cache = options.cache ?? memoryCache();
    this.api = (options.apiBase ?? GITHUB_API).replace(/\/$/, '');
    this.raw = (options.rawBase ?? GITHUB_RAW).replace(/\/$/, '');
    this.repository = options.repository ?? XEPS_REPOSITORY;
    this.now = options.now ?? (() => new Date());
    this.label = `github.com/${this.repository}`;
  }

  async firstParentCommits(tip: string, since: Date): Promise<CommitMeta[]> {
    const listed: ListedCommit[] = [];
    let url: string | null = `${this.api}/repos/${this.repository}/commits?sha=${encodeURIComponent(tip)}&since=${since.toISOString()}&per_page=100`;
    while (url) {
      const response = await this.request(url, 'api', `the commits of ${this.repository} since ${since.toISOString().slice(0, 10)}`);
      listed.push(...parse(z.array(commitSchema), await json(response), 'commit list'));
      url = nextPage(response);
    }
    const bySha = new Map(listed.map((c) => [c.sha, c]));
    const parentsOfOthers = new Set(listed.flatMap((c) => c.parents.map((p) => p.sha)));
    // The walk starts at the tip: the listed commit no other listed commit descends from.
    let current = /^[0-9a-f]{40}$/.test(tip) ? bySha.get(tip) : listed.find((c) => !parentsOfOthers.has(c.sha));
    const chain: CommitMeta[] = [];
    while (current) {
      if (current.parents.length > 1) this.merges.add(current.sha);
      const parent = current.parents[0]?.sha ?? null;
      const date = current.commit.committer?.date;
      if (!date || Number.isNaN(Date.parse(date))) throw new XepSourceError('bad-response', `GitHub gave commit ${current.sha} no commit date`);
      chain.push({ sha: current.sha, parent, date: new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z'), subject: current.commit.message.split('\n')[0] ?? '' });
      current = parent ? bySha.get(parent) : undefined;
    }
    return chain;
  }

  async changedFiles(commit: CommitMeta): Promise<ChangedFile[]> {
    const key = `files:${this.repository}:${commit.sha}`;
    const cached = await this.cache.get(key);
    if (cached !== undefined) {
      this.stats.cacheHits++;
      return cached as ChangedFile[];
    }
    // A merge's own commit page would not be its diff against the first parent; a comparison is.
    let url: string | null =
      this.merges.has(commit.sha) && commit.parent
        ? `${this.api}/repos/${this.repository}/compare/${commit.parent}...${commit.sha}?per_page=100`
        : `${this.api}/repos/${this.repository}/commits/${commit.sha}?per_page=300`;
    const files: ForgeFile[] = [];
    while (url) {
      const response = await this.request(url, 'api', `commit ${commit.sha.slice(0, 10)} of ${this.repository}`);
      files.push(...(parse(commitFilesSchema, await json(response), 'commit').files ?? []));
      url = nextPage(response);
    }
    const changed = files.flatMap(toChangedFiles);
    await this.cache.set(key, changed);
    return changed;
  }

  async readFile(sha: string, path: string): Promise<string | null> {
    const key = `raw:${this.repository}:${sha}:${path}`;
    const cached = await this.cache.get(key);
    if (cached !== undefined) {
      this.stats.cacheHits++;
      return cached as string | null;
    }
    const url = `${this.raw}/${this.repository}/${sha}/${path.split('/').map(encodeURIComponent).join('/')}`;
    const response = await this.request(url, 'raw', `${path} at ${sha.slice(0, 10)}`, true);
    const text = response.status === 404 ? null : await response.text();
    await this.cache.set(key, text);
    return text;
  }

  private async request(url: string, kind: 'api' | 'raw', what: string, allowMissing = false): Promise<Response> {
    const headers: Record<string, string> = {};
    if (kind === 'api') {
      headers.Accept = 'application/vnd.github+json';
      headers['X-GitHub-Api-Version'] = '2022-11-28';
      // Only the API gets the token: the raw host serves public files without one.
      if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
      this.stats.apiRequests++;
    } else {
      this.stats.rawRequests++;
    }
    const host = new URL(url).host;
    let response: Response;
    try {
      response = await this.fetch(url, { headers });
    } catch (error) {
      throw new XepSourceError('offline', `Cannot reach ${host} to read ${what}: the computer seems to be offline or the site is unreachable (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (kind === 'api') this.noteRateLimit(response);
    if (response.ok) return response;
    if (response.status === 404 && allowMissing) return response;
    throw this.failure(response, host, what);
  }

  private noteRateLimit(response: Response): void {
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    const remaining = Number(response.headers.get('x-ratelimit-remaining'));
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (response.headers.has('x-ratelimit-remaining') && Number.isFinite(remaining) && Number.isFinite(reset)) {
      this.stats.rateLimit = { limit, remaining, resetsAt: new Date(reset * 1000).toISOString() };
    }
  }

  private failure(response: Response, host: string, what: string): XepSourceError {
    const status = response.status;
    const remaining = response.headers.get('x-ratelimit-remaining');
    const retryAfter = Number(response.headers.get('retry-after'));
    if ((status === 403 || status === 429) && (remaining === '0' || Number.isFinite(retryAfter) && retryAfter > 0)) {
      const resetsAt =
        remaining === '0' && response.headers.has('x-ratelimit-reset')
          ? new Date(Number(response.headers.get('x-ratelimit-reset')) * 1000)
          : new Date(this.now().getTime() + (Number.isFinite(retryAfter) ? retryAfter : 60) * 1000);
      const minutes = Math.max(1, Math.ceil((resetsAt.getTime() - this.now().getTime()) / 60_000));
      const limit = response.headers.get('x-ratelimit-limit');
      const allowance = limit ? ` (${limit} requests an hour${this.options.token ? '' : ' without a token'})` : '';
      const advice = this.options.token ? '' : ' A GitHub token raises the limit to 5,000 an hour.';
      return new XepSourceError(
        'rate-limited',
        `GitHub's request limit is used up${allowance}; it resets at ${resetsAt.toISOString().slice(11, 16)} UTC, in ${minutes} minute${minutes === 1 ? '' : 's'}.${advice}`,
        resetsAt.toISOString(),
      );
    }
    if (status === 401) return new XepSourceError('unauthorized', 'GitHub refused the token (bad or expired credentials): check it or remove it.');
    if (status === 404) return new XepSourceError('not-found', `Not found on ${host}: ${what} (404).`);
    if (status === 403) return new XepSourceError('unauthorized', `${host} refused to give ${what} (403 forbidden).`);
    if (status >= 500) return new XepSourceError('server', `${host} failed to answer for ${what} (${status}); try again later.`);
    return new XepSourceError('bad-response', `${host} answered ${status} for ${what}.`);
  }
}

/** A rename is the old file removed and the new one added, as the git source sees it. */
function toChangedFiles(file: ForgeFile): ChangedFile[] {
  switch (file.status) {
    case 'added':
    case 'copied':
      return [{ path: file.filename, kind: 'added' }];
    case 'removed':
      return [{ path: file.filename, kind: 'deleted' }];
    case 'renamed':
      return [
        ...(file.previous_filename ? [{ path: file.previous_filename, kind: 'deleted' as const }] : []),
        { path: file.filename, kind: 'added' },
      ];
    case 'unchanged':
      return [];
    default:
      return [{ path: file.filename, kind: 'modified', patch: file.patch }];
  }
}

function nextPage(response: Response): string | null {
  const link = response.headers.get('link') ?? '';
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] ?? null;
}

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new XepSourceError('bad-response', `GitHub answered with something that is not JSON (${text.slice(0, 80)}…).`);
  }
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new XepSourceError('bad-response', `GitHub's ${what} is not in the expected shape: ${result.error.issues[0]?.message ?? 'unknown'}.`);
  return result.data;
}
