import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchivedIssue } from '../../../utils/archive/import';
import { parseBackup } from '../../../utils/backup';
import { getPreset } from '../../../utils/presets';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';
import { ItemStore } from '../../../utils/storage/items';
import { openTestDb } from '../../support/db';
import { headingTree } from '../export/fixtures';

/**
 * `newsdesk import` as a child process (the bundle, built here into a folder of its own): the
 * published March 2026 issue becomes a backup, `newsdesk export` turns that backup into the
 * issue again — the same section tree, every entry in its section and order, the same teaser
 * and credits — and the extension's store imports the file.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const reference = path.resolve(repoRoot, '../shared/reference/xmpp-newsletter-2026-04-05.md');
let out: string;
let bundle: string;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd: out, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'newsdesk-import-'));
  bundle = path.join(out, 'newsdesk.mjs');
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'cli/build.ts', bundle], { cwd: repoRoot, timeout: 60_000 });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const frontMatterLine = (markdown: string, key: string) => new RegExp(`^${key}: .*$`, 'm').exec(markdown)?.[0];
const contributorsLine = (markdown: string) => /^ {2}- To \[this issue\].*$/m.exec(markdown)?.[0];

describe('newsdesk import', () => {
  it('the published March 2026 issue → backup → export: the same tree, entries, teaser and credits', () => {
    const backupFile = path.join(out, 'march.json');
    const imported = run(['import', reference, '--issue', '2026-03', '-o', backupFile]);
    expect(imported.code).toBe(0);
    const count = JSON.parse(readFileSync(backupFile, 'utf8')).items.length;
    expect(imported.stderr).toMatch(new RegExp(`^The XMPP Newsletter, 2026-03: ${count} items from .*xmpp-newsletter-2026-04-05\\.md\\.\n`));
    expect(imported.stderr).toContain('  Articles: 11\n');
    expect(imported.stderr).toContain('Credited in this issue: emus, cal0pteryx, Gonzalo Raúl Nemmi, Ludovic Bocquet, Sairam Bisoyi, XSF iTeam.');
    expect(imported.stderr).toContain(`Wrote ${backupFile}.`);

    const draftFile = path.join(out, 'march.md');
    const exported = run(['export', backupFile, '--issue', '2026-03', '-o', draftFile]);
    expect(exported.code).toBe(0);
    const published = readFileSync(reference, 'utf8');
    const draft = readFileSync(draftFile, 'utf8');
    expect(headingTree(draft)).toEqual(headingTree(published));
    expect(frontMatterLine(draft, 'summary')).toBe(frontMatterLine(published, 'summary'));
    expect(frontMatterLine(draft, 'title')).toBe(frontMatterLine(published, 'title'));
    expect(contributorsLine(draft)).toBe(contributorsLine(published));
    // Every entry back in its section, in its order, with its text.
    const preset = getPreset('xmpp');
    const shape = (markdown: string) => {
      const issue = readArchivedIssue(markdown, preset, { issue: '2026-03' });
      return preset.sections.map((s) => [s.id, issue.entries.filter((e) => e.section === s.id).map((e) => [e.layout, e.title, e.entry.replace(/\n +/g, '\n')])]);
    };
    expect(shape(draft)).toEqual(shape(published));
  });

  it('reads the issue from the front matter when --issue is not given, and writes the backup to stdout', () => {
    const { code, stdout, stderr } = run(['import', reference, '-q']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const { backup, rejected } = parseBackup(stdout, 'stdout');
    expect(rejected).toEqual([]);
    expect(backup.scope).toEqual({ kind: 'issue', newsletter: 'xmpp', issue: '2026-03' });
    expect(new Set(backup.items.map((i) => i.issue))).toEqual(new Set(['2026-03']));
    expect(backup.issueMeta).toHaveLength(1);
  });

  it('the extension imports the file; a second import of the same issue’s file changes nothing', async () => {
    const { stdout } = run(['import', reference, '-q']);
    const db = openTestDb();
    try {
      const store = new ItemStore(db);
      const plan = await store.importFiles([parseBackup(stdout, 'march.json')]);
      expect(plan.summary).toMatchObject({ added: plan.items.added.length, issueMetaAdded: 1, rejected: 0, conflicts: 0 });
      expect((await store.listIssue('xmpp', '2026-03')).items).toHaveLength(plan.items.added.length);
      expect((await new IssueMetaStore(db).get('xmpp', '2026-03'))?.contributors).toContain('XSF iTeam');
      // The Desk's import of the Markdown finds the same items (same ids): nothing is added twice.
      const report = await store.importArchive(readFileSync(reference, 'utf8'), getPreset('xmpp'), { file: 'xmpp-newsletter-2026-04-05.md' });
      expect(report).toMatchObject({ added: 0, updated: 0, keptEdited: [] });
    } finally {
      db.close();
    }
  });

  it('says what is wrong, in words, with the exit codes of the other commands', () => {
    const bare = path.join(out, 'pad.md');
    writeFileSync(bare, '## XMPP Articles\n\n- [A post](https://example.org/post)\n');
    const cases: Array<[string[], number, RegExp]> = [
      [['import'], 1, /no issue file given/],
      [['import', reference, bare], 1, /reads one issue at a time/],
      [['import', reference, '--month', '2026-03'], 1, /--month is not an option of "import"/],
      [['import', path.join(out, 'missing.md')], 2, /cannot read .*missing\.md: no such file/],
      [['import', reference, '-n', 'nope'], 2, /unknown newsletter "nope" \(known: xmpp, /],
      [['import', reference, '--issue', 'March'], 2, /"March" is not an issue/],
      [['import', bare], 2, /pad\.md: This file does not say which month it covers .* say which issue it is \(e\.g\. --issue 2026-03\)/],
    ];
    for (const [args, code, message] of cases) {
      const result = run(args);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.code, args.join(' ')).toBe(code);
    }
    const pad = run(['import', bare, '--issue', '2026-05']);
    expect(pad.code).toBe(0);
    expect(parseBackup(pad.stdout).backup.items.map((i) => [i.issue, i.section, i.title])).toEqual([['2026-05', 'articles', 'A post']]);
  });

  it('lists import in the help', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('newsdesk import <issue.md> [--issue <YYYY-MM>] [--newsletter <id>] [-o <items.json>]');
  });
});
