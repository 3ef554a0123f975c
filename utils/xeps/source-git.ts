import { execFile } from 'node:child_process';
import { XepSourceError } from './errors';
import type { ChangedFile, CommitMeta, FileChangeKind, HistoryBackend } from './history';

/**
 * xsf/xeps history from a local clone, through the `git` command (Node only: the CLI and tests).
 * Diffs are taken against the first parent, without rename detection, as the loader expects.
 */
export class GitHistory implements HistoryBackend {
  readonly label: string;
  /** git commands run, for the report. */
  commands = 0;

  constructor(private readonly repo: string) {
    this.label = repo;
  }

  async firstParentCommits(tip: string, since: Date): Promise<CommitMeta[]> {
    // %x1f between fields, %x1e between commits: subjects may hold anything else.
    const out = await this.git(['log', '--first-parent', '--format=%H%x1f%P%x1f%ct%x1f%s%x1e', tip, '--']);
    const commits: CommitMeta[] = [];
    for (const record of out.split('\x1e')) {
      const [sha, parents, time, subject] = record.replace(/^\n/, '').split('\x1f');
      if (!sha || !time) continue;
      const date = new Date(Number(time) * 1000);
      if (date.getTime() < since.getTime()) break;
      commits.push({ sha, parent: parents?.split(' ')[0] || null, date: isoSeconds(date), subject: subject ?? '' });
    }
    return commits;
  }

  async changedFiles(commit: CommitMeta): Promise<ChangedFile[]> {
    const base = commit.parent ?? (await this.emptyTree());
    const status = await this.git(['diff-tree', '-r', '--no-renames', '--name-status', '-z', base, commit.sha]);
    const parts = status.split('\0').filter((p) => p !== '');
    const files: ChangedFile[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) files.push({ path: parts[i + 1]!, kind: kindOf(parts[i]!) });
    const modified = files.filter((f) => f.kind === 'modified' && /\.xml$/.test(f.path)).map((f) => f.path);
    if (modified.length > 0) {
      const patches = splitPatches(await this.git(['diff', '--no-renames', '--no-color', '--no-ext-diff', '-U3', base, commit.sha, '--', ...modified]));
      for (const file of files) if (patches.has(file.path)) file.patch = patches.get(file.path);
    }
    return files;
  }

  async readFile(sha: string, path: string): Promise<string | null> {
    try {
      return await this.git(['show', `${sha}:${path}`]);
    } catch (error) {
      if (error instanceof XepSourceError && /does not exist|exists on disk, but not in|invalid object name/i.test(error.message)) return null;
      throw error;
    }
  }

  private emptyTreeSha: string | null = null;
  private async emptyTree(): Promise<string> {
    this.emptyTreeSha ??= (await this.git(['hash-object', '-t', 'tree', '/dev/null'])).trim();
    return this.emptyTreeSha;
  }

  private git(args: string[]): Promise<string> {
    this.commands++;
    return new Promise((resolve, reject) => {
      execFile('git', ['-C', this.repo, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT') return reject(new XepSourceError('git-missing', 'git is not installed (needed to read a local clone of xsf/xeps)'));
        const said = stderr.trim().split('\n')[0] ?? '';
        if (/not a git repository/i.test(said)) return reject(new XepSourceError('not-found', `${this.repo} is not a clone of xsf/xeps (not a git repository)`));
        if (/cannot change to|no such file or directory/i.test(said)) return reject(new XepSourceError('not-found', `${this.repo} does not exist`));
        reject(new XepSourceError('git', `git ${args[0]} failed in ${this.repo}: ${said || error.message}`));
      });
    });
  }
}

function kindOf(status: string): FileChangeKind {
  if (status.startsWith('A')) return 'added';
  if (status.startsWith('D')) return 'deleted';
  return 'modified';
}

/** `git diff` output split per file, hunks only (as the forge's `patch` field has them). */
function splitPatches(diff: string): Map<string, string> {
  const patches = new Map<string, string>();
  for (const part of diff.split(/^diff --git /m).slice(1)) {
    const path = /^\+\+\+ b\/(.+)$/m.exec(part)?.[1] ?? /^a\/(\S+) b\//.exec(part)?.[1];
    const hunks = part.indexOf('\n@@');
    if (path) patches.set(path, hunks === -1 ? '' : part.slice(hunks + 1).replace(/\n$/, ''));
  }
  return patches;
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
