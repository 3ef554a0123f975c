import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../cli/run';
import type { XepsReport } from '../../../cli/xeps';
import type { ForgeFixture } from '../../../scripts/xeps-fixtures';
import { xepsClone } from '../../support/xeps-clone';

/** `newsdesk xeps` on the real xsf/xeps history, in process and as the real command. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const golden = (month: string) => readFileSync(path.join(repoRoot, `test/fixtures/xeps/golden/${month}.md`), 'utf8').replace(/^<!--[\s\S]*?-->\n/, '');

function io(extra: Partial<CliIo> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIo = {
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, t) => writeFile(p, t, 'utf8'),
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    ...extra,
  };
  return { cli, out };
}

let clone: string;
let dir: string;
beforeAll(() => {
  clone = xepsClone();
  dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-xeps-cli-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newsdesk xeps', () => {
  it('drafts March 2026 from a clone: JSON with entries, what to do on stderr', { timeout: 60_000 }, async () => {
    const { cli, out } = io();
    const file = path.join(dir, 'xeps.json');
    const code = await runCli(['xeps', '--month', '2026-03', '--repo', clone, '-o', file], cli);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as XepsReport;
    expect(report).toMatchObject({ month: '2026-03', repository: 'xsf/xeps', source: clone, commits: 19, skipped: [] });
    expect(report.section).toBe(golden('2026-03'));
    expect(report.changes.map((c) => `${c.entry.heading}: ${c.number ?? c.protoName}`)).toEqual([
      'Proposed: explicit-mentions',
      'Updated: 0461',
      'Updated: 0473',
      'Updated: 0493',
      'Updated: 0511',
      'Last Call: 0377',
    ]);
    expect(report.changes[5]!.commits[0]).toMatchObject({ sha: expect.stringMatching(/^5e5040f9/), subject: 'Issue last call for XEP-0377: Blocking Command Reports' });
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      [
        `2026-03: 19 commits of xsf/xeps read from ${clone}: 6 changes (1 Proposed, 4 Updated, 1 Last Call).`,
        'To do (Last Call, XEP-0377): Link the Last Call\'s own thread on the standards list: the draft links a search of the list archive for "LAST CALL: XEP-0377".',
        `Wrote ${file}.`,
        '',
      ].join('\n'),
    );
  });

  it('reports repaired headers on stderr and JSON on stdout', { timeout: 60_000 }, async () => {
    const { cli, out } = io();
    expect(await runCli(['xeps', '-m', '2023-12', '-r', clone], cli)).toBe(0);
    expect((JSON.parse(out.stdout) as XepsReport).section).toBe(golden('2023-12'));
    expect(out.stderr).toMatch(/^Note: xep-0483\.xml at 8997be68[0-9a-f]{2}: the <header> is not well-formed XML \(Missing end tag for element remark/m);
  });

  it('--github reads the same month from GitHub’s API (recorded answers) and counts requests', { timeout: 60_000 }, async () => {
    const fixture = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/xeps/forge-2026-03.json'), 'utf8')) as ForgeFixture;
    const fetch = (async (input: string | URL | Request) => {
      const hit = fixture.responses[String(input)];
      if (!hit) return new Response('{"message":"Not Found"}', { status: 404 });
      return new Response(hit.blob !== undefined ? fixture.blobs[hit.blob]! : (hit.body ?? ''), { status: hit.status, headers: hit.headers });
    }) as typeof globalThis.fetch;
    const { cli, out } = io({ fetch });
    expect(await runCli(['xeps', '--month', '2026-03', '--github'], cli)).toBe(0);
    expect((JSON.parse(out.stdout) as XepsReport).section).toBe(golden('2026-03'));
    expect(out.stderr).toMatch(/^GitHub: 20 API requests, 40 of 60 left until \d\d:\d\d UTC; 18 raw files\.$/m);
  });

  it('--backup: the changes as items that export drafts, the same ids on a second run', { timeout: 90_000 }, async () => {
    const first = path.join(dir, 'items-1.json');
    const second = path.join(dir, 'items-2.json');
    const run1 = io({ now: () => Date.parse('2026-04-01T10:00:00Z') });
    expect(await runCli(['xeps', '--month', '2026-03', '--repo', clone, '--backup', first], run1.cli)).toBe(0);
    // With --backup alone, the JSON report is not printed; the backup is what was asked for.
    expect(run1.out.stdout).toBe('');
    expect(run1.out.stderr).toContain(`Wrote ${first}: 6 items for the 2026-03 issue.`);
    const run2 = io({ now: () => Date.parse('2026-04-02T10:00:00Z') });
    expect(await runCli(['xeps', '--month', '2026-03', '--repo', clone, '--backup', second, '-q'], run2.cli)).toBe(0);
    const ids = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { items: { id: string; source: { kind: string; commit?: string } }[] }).items;
    const items = ids(first);
    expect(items.map((i) => i.id)).toEqual(ids(second).map((i) => i.id));
    expect(new Set(items.map((i) => i.id)).size).toBe(6);
    expect(items.every((i) => i.source.kind === 'xeps' && /^[0-9a-f]{40}$/.test(i.source.commit ?? ''))).toBe(true);

    // Merged with itself and drafted by `export`: each entry once, as the golden month has it.
    const draft = io();
    const out = path.join(dir, 'draft.md');
    expect(await runCli(['export', first, second, '--issue', '2026-03', '-o', out], draft.cli)).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    for (const line of golden('2026-03').split('\n').filter((l) => l.startsWith('- '))) {
      expect(markdown.split('\n').filter((l) => l === line)).toHaveLength(1);
    }
  });

  it('says what is wrong with the arguments', async () => {
    const cases: [string[], number, RegExp][] = [
      [['xeps', '--repo', '.'], 1, /--month is required/],
      [['xeps', '--month', '2026-03'], 1, /--repo <clone of xsf\/xeps> or --github/],
      [['xeps', '--month', '2026-03', '--repo', '.', '--github'], 1, /either --repo or --github/],
      [['xeps', '--month', '2026-03', '--repo', '.', '--publish-date', '2026-04-05'], 1, /--publish-date is an option of "export"/],
      [['xeps', '--month', '2026-03', '--github', '--token', 'ghp_secret'], 1, /never an argument .*\$GITHUB_TOKEN/],
      [['xeps', '--month', '2026-03', '--repo', '.', '-o', 'x.json', '--backup', 'x.json'], 1, /name the same file/],
      [['export', 'a.json', '--issue', '2026-03', '--backup', 'b.json'], 1, /--backup is an option of "xeps"/],
      [['xeps', '--month', '2026-03', '--repo', '.', '--newsletter', 'nope'], 2, /unknown newsletter "nope"/],
      [['export', 'a.json', '--issue', '2026-03', '--month', '2026-03'], 1, /--month is an option of "xeps"/],
      [['xeps', '--month', 'March', '--repo', '.'], 2, /"March" is not a month: use YYYY-MM/],
      [['xeps', '--month', '2026-03', '--repo', path.join(tmpdir(), 'no-such-clone')], 2, /no-such-clone does not exist/],
    ];
    for (const [args, expected, message] of cases) {
      const { cli, out } = io();
      expect(await runCli(args, cli)).toBe(expected);
      expect(out.stderr).toMatch(message);
    }
  });

  it('runs as `npx newsdesk xeps` (the bin through tsx)', { timeout: 60_000 }, () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/newsdesk.mjs'), 'xeps', '--month', '2025-10', '--repo', clone, '--quiet'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as XepsReport).section).toBe(golden('2025-10'));
  });
});
