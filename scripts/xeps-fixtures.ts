/**
 * `npx tsx scripts/xeps-fixtures.ts <clone of xsf/xeps>`: writes the recorded forge answers the
 * tests replay (test/fixtures/xeps/forge-<month>.json), with content taken from the real history
 * in the clone, shaped as GitHub's REST API and raw host answer: the commit list (paged by 100,
 * with Link headers), each commit's files (a comparison for merges), raw file texts. Texts are
 * stored once per distinct content. Only the months the tests use, to keep the fixtures small.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMonthHistory, monthWindow, type ChangedFile, type CommitMeta, type HistoryBackend } from '../utils/xeps/history';
import { GITHUB_API, GITHUB_RAW } from '../utils/xeps/source-forge';
import { GitHistory } from '../utils/xeps/source-git';

/** The months, and the tip each walks from: "master" as an editor would, or a pinned commit. */
export const FORGE_FIXTURE_MONTHS: { month: string; tip: string }[] = [
  // Linear history, a ProtoXEP, four updates and a Last Call; listed from the branch itself.
  { month: '2026-03', tip: 'master' },
  // Merge commits (diffs against the first parent), two ProtoXEPs; walked from the first
  // commit after October 2023 (2023-12-11; November had none) so the listing stays short.
  { month: '2023-10', tip: '00d25204932155d968321cf930da70f37f2385ce' },
];

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON or text body, or a key into `blobs`. */
  body?: string;
  blob?: string;
}

export interface ForgeFixture {
  repository: string;
  month: string;
  tip: string;
  note: string;
  responses: Record<string, RecordedResponse>;
  blobs: Record<string, string>;
}

const REPO = 'xsf/xeps';
const RESET = 1_900_000_000;

export async function recordMonth(clone: string, month: string, tip: string): Promise<ForgeFixture> {
  const git = new GitHistory(clone);
  const responses: Record<string, RecordedResponse> = {};
  const blobs: Record<string, string> = {};
  let remaining = 60;
  const apiHeaders = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': '60',
    'x-ratelimit-remaining': String(Math.max(0, --remaining)),
    'x-ratelimit-reset': String(RESET),
    ...extra,
  });

  // The listing: every commit reachable from the tip committed since the month began.
  const { since } = monthWindow(month);
  const log = execFileSync('git', ['-C', clone, 'log', `--since=${since.toISOString()}`, '--format=%H%x1f%P%x1f%cI%x1f%aI%x1f%an%x1f%B%x1e', tip], { encoding: 'utf8', maxBuffer: 1e9 });
  const listed = log
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r.trim() !== '')
    .map((r) => {
      const [sha, parents, committed, authored, author, message] = r.split('\x1f');
      return {
        sha: sha!,
        parents: (parents ?? '').split(' ').filter(Boolean).map((p) => ({ sha: p })),
        commit: {
          author: { name: author, date: new Date(authored!).toISOString().replace(/\.\d{3}Z$/, 'Z') },
          committer: { name: 'recorded', date: new Date(committed!).toISOString().replace(/\.\d{3}Z$/, 'Z') },
          message: (message ?? '').replace(/\n+$/, ''),
        },
      };
    })
    .filter((c) => Date.parse(c.commit.committer.date) >= since.getTime());
  const listUrl = (page: number) =>
    `${GITHUB_API}/repos/${REPO}/commits?sha=${encodeURIComponent(tip)}&since=${since.toISOString()}&per_page=100${page > 1 ? `&page=${page}` : ''}`;
  const pages = Math.max(1, Math.ceil(listed.length / 100));
  for (let page = 1; page <= pages; page++) {
    const link: Record<string, string> = page < pages ? { link: `<${listUrl(page + 1)}>; rel="next", <${listUrl(pages)}>; rel="last"` } : {};
    responses[listUrl(page)] = { status: 200, headers: apiHeaders(link), body: JSON.stringify(listed.slice((page - 1) * 100, page * 100)) };
  }
  const merges = new Set(listed.filter((c) => c.parents.length > 1).map((c) => c.sha));

  // Each commit's files and the raw texts, exactly as the loader asks for them.
  const recorder: HistoryBackend = {
    label: 'recorder',
    firstParentCommits: (t, s) => git.firstParentCommits(t, s),
    async changedFiles(commit: CommitMeta): Promise<ChangedFile[]> {
      const files = await git.changedFiles(commit);
      const url =
        merges.has(commit.sha) && commit.parent
          ? `${GITHUB_API}/repos/${REPO}/compare/${commit.parent}...${commit.sha}?per_page=100`
          : `${GITHUB_API}/repos/${REPO}/commits/${commit.sha}?per_page=300`;
      const status = { added: 'added', deleted: 'removed', modified: 'modified' } as const;
      const body = {
        sha: commit.sha,
        files: files.map((f) => ({ filename: f.path, status: status[f.kind], ...(f.patch !== undefined ? { patch: f.patch } : {}) })),
      };
      responses[url] = { status: 200, headers: apiHeaders(), body: JSON.stringify(body) };
      return files;
    },
    async readFile(sha: string, file: string): Promise<string | null> {
      const text = await git.readFile(sha, file);
      const url = `${GITHUB_RAW}/${REPO}/${sha}/${file.split('/').map(encodeURIComponent).join('/')}`;
      if (text === null) {
        responses[url] = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404: Not Found' };
      } else {
        const id = createHash('sha1').update(text).digest('hex');
        blobs[id] = text;
        responses[url] = { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, blob: id };
      }
      return text;
    },
  };
  await loadMonthHistory(recorder, month, { tip });
  return {
    repository: REPO,
    month,
    tip,
    note: 'Generated by scripts/xeps-fixtures.ts from the xsf/xeps history (../shared/data/xsf-xeps.bundle); shaped as GitHub answers.',
    responses,
    blobs,
  };
}

async function main(): Promise<void> {
  const clone = process.argv[2];
  if (!clone) {
    process.stderr.write('usage: npx tsx scripts/xeps-fixtures.ts <clone of xsf/xeps>\n');
    process.exitCode = 1;
    return;
  }
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/xeps');
  mkdirSync(out, { recursive: true });
  for (const { month, tip } of FORGE_FIXTURE_MONTHS) {
    const fixture = await recordMonth(clone, month, tip);
    const file = path.join(out, `forge-${month}.json`);
    writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
    process.stdout.write(`${file}: ${Object.keys(fixture.responses).length} responses, ${Object.keys(fixture.blobs).length} texts\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
