/**
 * A month of xsf/xeps history, as the month's changes are computed from it (changes.ts), and
 * the one loader that builds it from any source (a local clone, the forge's API), so that two
 * sources that answer the same three questions give the same month:
 *   - which commits are on the branch's first-parent chain, in the month?
 *   - which files did each commit change (against its first parent), with what diff?
 *   - what did a file say at a commit?
 */

export const XEPS_REPOSITORY = 'xsf/xeps';
export const XEPS_BRANCH = 'master';

export interface CommitMeta {
  sha: string;
  /** The first parent (the branch before this commit); null for the root commit. */
  parent: string | null;
  /** Committer date, ISO 8601 in UTC ("2026-03-31T08:47:53Z"): when it landed on the branch. */
  date: string;
  /** First line of the message. */
  subject: string;
}

export type FileChangeKind = 'added' | 'modified' | 'deleted';

export interface ChangedFile {
  path: string;
  kind: FileChangeKind;
  /** Unified diff hunks, when the source has them (the forge omits them for huge diffs). */
  patch?: string | undefined;
}

/** What a source must answer; both sources implement exactly this. */
export interface HistoryBackend {
  /** Human-readable name of where the history comes from, e.g. "../xeps" or "github.com/xsf/xeps". */
  readonly label: string;
  /**
   * The first-parent chain of `tip`, newest first, from the tip down to (not including) the
   * first commit committed before `since`. Commits committed at or after `until` may be
   * included; the loader drops them.
   */
  firstParentCommits(tip: string, since: Date, until: Date): Promise<CommitMeta[]>;
  /** Files changed by the commit against its first parent. Renames are a deletion and an addition. */
  changedFiles(commit: CommitMeta): Promise<ChangedFile[]>;
  /** The file's text at a commit, or null when the file does not exist there. */
  readFile(sha: string, path: string): Promise<string | null>;
}

export interface FileVersion {
  path: string;
  kind: FileChangeKind;
  /** Text before the commit (at its first parent); null if absent or not needed. */
  before: string | null;
  /** Text after the commit; null if absent (deleted) or not needed. */
  after: string | null;
  /** False when the diff shows no header field changed, so the texts were not fetched. */
  loaded: boolean;
}

export interface HistoryCommit extends CommitMeta {
  /** Every changed file (XEP or not), for the record. */
  paths: string[];
  /** The changed XEP sources (xep-NNNN.xml, inbox/*.xml). */
  xeps: FileVersion[];
}

export interface MonthHistory {
  /** "2026-03" */
  month: string;
  repository: string;
  /** The ref or sha whose first-parent chain was walked. */
  tip: string;
  /** xsf/xeps' xep.ent (entity declarations) at the month's last commit, if there was one. */
  entities: string | null;
  /** Oldest first. */
  commits: HistoryCommit[];
}

/** [start, end) of a month in UTC. The XSF's tools and the website run in UTC. */
export function monthWindow(month: string): { since: Date; until: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month: use YYYY-MM, e.g. 2026-03`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { since: new Date(Date.UTC(year, index, 1)), until: new Date(Date.UTC(year, index + 1, 1)) };
}

/** A XEP source the XSF's tools read: `xep-NNNN.xml` at the top, or a ProtoXEP in `inbox/`. */
export function isXepPath(path: string): boolean {
  return /^xep-\d{4}\.xml$/.test(path) || /^inbox\/[^/]+\.xml$/.test(path);
}

/** Lines whose change can change what the month's section says about a XEP. */
const HEADER_FIELD = /<\/?(?:revision|version|status|lastcall|title)\b/;

/**
 * Whether a changed file's texts are needed. Added XEPs always are. A modification matters only
 * if its diff adds or removes a line with a revision, version, status, last call or title tag:
 * a bulk edit of 150 XEPs' boilerplate then costs no download. Without a diff, fetch.
 */
export function needsContent(file: ChangedFile): boolean {
  if (file.kind === 'deleted') return false;
  if (file.kind === 'added' || file.patch === undefined) return true;
  return file.patch.split('\n').some((line) => /^[+-](?![+-]{2} )/.test(line) && HEADER_FIELD.test(line));
}

export interface LoadOptions {
  /** Branch or commit whose first-parent chain is walked. Default: master. */
  tip?: string;
  /** Called before each commit's files are asked for, e.g. to report progress. */
  onCommit?: (commit: CommitMeta, index: number, total: number) => void;
}

/** The month's history from a backend: the shared rules for what to ask and what to keep. */
export async function loadMonthHistory(backend: HistoryBackend, month: string, options: LoadOptions = {}): Promise<MonthHistory> {
  const { since, until } = monthWindow(month);
  const tip = options.tip ?? XEPS_BRANCH;
  const chain = await backend.firstParentCommits(tip, since, until);
  const inMonth = chain.filter((c) => inWindow(c.date, since, until)).reverse();
  const commits: HistoryCommit[] = [];
  for (const [index, meta] of inMonth.entries()) {
    options.onCommit?.(meta, index, inMonth.length);
    const files = await backend.changedFiles(meta);
    const xeps: FileVersion[] = [];
    for (const file of files.filter((f) => isXepPath(f.path)).sort((a, b) => cmp(a.path, b.path))) {
      if (!needsContent(file)) {
        xeps.push({ path: file.path, kind: file.kind, before: null, after: null, loaded: false });
        continue;
      }
      const before = file.kind === 'added' || meta.parent === null ? null : await backend.readFile(meta.parent, file.path);
      const after = await backend.readFile(meta.sha, file.path);
      xeps.push({ path: file.path, kind: file.kind, before, after, loaded: true });
    }
    commits.push({ ...meta, paths: files.map((f) => f.path).sort(cmp), xeps });
  }
  const last = commits[commits.length - 1];
  const entities = last ? await backend.readFile(last.sha, 'xep.ent') : null;
  return { month, repository: XEPS_REPOSITORY, tip, entities, commits };
}

function inWindow(date: string, since: Date, until: Date): boolean {
  const t = Date.parse(date);
  return t >= since.getTime() && t < until.getTime();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
