import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../cli/run';

/**
 * The real CLI as a child process, on the fixture backups. Most cases run the bundle that
 * `npm run build:cli` makes (built once here; ~0.1 s a start); the source entry (bin/, through
 * tsx) and `npx newsdesk` are checked to give the same results.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/backups');
const golden = readFileSync(path.join(repoRoot, 'test/fixtures/export/xmpp-2023-10.expected.md'), 'utf8');
const bin = path.join(repoRoot, 'bin/newsdesk.mjs');
const bundle = path.join(repoRoot, '.output/cli/newsdesk.mjs');
const f = (name: string) => path.join(fixtures, name);

function run(args: string[], entry = bundle) {
  const result = spawnSync(process.execPath, [entry, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'cli/build.ts'], { cwd: repoRoot, timeout: 60_000 });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('newsdesk export', () => {
  it('merges two contributors’ backups into the golden October 2023 draft on stdout, conflicts on stderr', () => {
    // The newsletter as it looked in 2023 (its items are the XMPP Newsletter's: the 2023 shape lays them out).
    const { code, stdout, stderr } = run(['export', f('emus.json'), f('cal0pteryx.json'), '--issue', '2023-10', '-n', 'xmpp-2023']);
    expect(stderr).toMatch(/^Merged 2 backups: 15 items in all, 14 in xmpp-2023 2023-10\./);
    expect(stderr).toMatch(/Conflict: “.*” \(https:\/\/.*\) — kept the later edit \(.*, by Licaon_Kter\); the (imported version|version already there) differs in entry and is kept in the item’s history\./);
    expect(stdout).toBe(golden);
    expect(code).toBe(0);
  });

  it('gives the same draft whatever the order of the files, and writes it with -o', () => {
    const file = path.join(out, 'draft.md');
    const { code, stderr } = run(['export', f('cal0pteryx.json'), f('emus.json'), '-i', '2023-10', '-n', 'xmpp-2023', '-o', file]);
    expect(code).toBe(0);
    expect(stderr).toContain(`Wrote ${file} (xmpp.org would name it 2023-11-05-newsletter.md)`);
    expect(readFileSync(file, 'utf8')).toBe(golden);
  });

  it('uses a newsletter defined in a backup, with its weekly issue, and applies --publish-date', () => {
    const { code, stdout } = run(['export', f('our-week.json'), '--issue', '2024-W07', '--publish-date', '2024-02-20', '-q']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^---\ntitle: "This Week in Our Town #7"\ndate: 2024-02-20\n/);
    expect(stdout).toContain('- [video] [Council meeting recording](https://video.town.example/w/abcdefghijkl)');
    expect(stdout).toContain('This issue was put together by Ada.');
  });

  it('lays the items out as the newsletter is published today unless told otherwise', () => {
    const { code, stdout } = run(['export', f('emus.json'), f('cal0pteryx.json'), '-i', '2023-10', '-q']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^---\ntitle: The XMPP Newsletter October 2023\ndate: 2023-11-05\ncategories: \['Newsletter'\]\nsummary: "In this issue: /);
    expect(stdout).toContain('\n## XMPP Articles\n');
    expect(stdout).toContain('\n### XMPP Summit 26 & FOSDEM 2024\n');
  });

  it('prints help and version with exit 0', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: newsdesk export <backup\.json>\.\.\. --issue <issue>/);
    const version = run(['--version']);
    expect(version.stdout).toBe(`newsdesk ${JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version}\n`);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no command', [], /no command given/],
    ['an unknown command', ['publish', f('emus.json')], /unknown command "publish"/],
    ['no file', ['export', '--issue', '2023-10'], /no backup file given/],
    ['no --issue', ['export', f('emus.json')], /--issue is required/],
    ['an unknown option', ['export', f('emus.json'), '--issue', '2023-10', '--frobnicate'], /Unknown option '--frobnicate'/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 1 on ${what}, saying so on stderr`, () => {
      const { code, stdout, stderr } = run(args);
      expect(stderr).toMatch(message);
      expect(stderr).toContain('Run "newsdesk --help" for usage.');
      expect(stdout).toBe('');
      expect(code).toBe(1);
    });
  }

  const input: Array<[string, string[], RegExp]> = [
    ['a missing file', ['export', f('nope.json'), '-i', '2023-10'], /cannot read .*nope\.json: no such file/],
    ['a cut-off file', ['export', f('corrupt.json'), '-i', '2023-10'], /corrupt\.json is not valid JSON .* damaged or cut off/],
    ['a foreign JSON file', ['export', f('foreign.json'), '-i', '2023-10'], /foreign\.json is not a Newsdesk backup/],
    ['a backup from a newer Newsdesk', ['export', f('newer.json'), '-i', '2023-10'], /version 3 backup from a newer Newsdesk/],
    ['an unknown newsletter', ['export', f('emus.json'), '-i', '2023-10', '-n', 'xmp'], /unknown newsletter "xmp" \(known: xmpp, xmpp-2024, xmpp-2023, weekly-digest, generic\)/],
    ['a bad issue key', ['export', f('emus.json'), '-i', '2023-13'], /"2023-13" is not an issue: use a month like 2023-10 or an ISO week like 2024-W07/],
    ['an issue of the wrong cadence', ['export', f('emus.json'), '-i', '2024-W07', '-n', 'xmpp'], /The XMPP Newsletter is monthly: --issue must be a month like 2023-10/],
    ['a bad publish date', ['export', f('emus.json'), '-i', '2023-10', '-d', '5 Nov'], /"5 Nov" is not a date/],
  ];
  for (const [what, args, message] of input) {
    it(`exits 2 on ${what}, with a clear message and no draft`, () => {
      const { code, stdout, stderr } = run(args);
      expect(stderr).toMatch(message);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    });
  }

  it('a backup with one damaged record: the draft has the good items, the bad one is named on stderr, exit 3', () => {
    const { code, stdout, stderr } = run(['export', f('damaged.json'), '-i', '2023-10', '-q']);
    expect(stderr).toMatch(/^Not imported: “.*” \(item \d+ of .*damaged\.json\): status: Invalid option/m);
    expect(stdout).toMatch(/^---\ntitle: The XMPP Newsletter October 2023\n/);
    expect(code).toBe(3);
  });

  it('two contributors who clipped the same page independently: both entries stay, the duplicate is named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-dup-'));
    try {
      const emus = JSON.parse(readFileSync(f('emus.json'), 'utf8'));
      const page = emus.items.find((i: { issue: string; deletedAt: unknown }) => i.issue === '2023-10' && !i.deletedAt);
      const other = { ...emus, exportedBy: 'nicola', items: [{ ...page, id: 'nicola-own-clip', contributor: 'nicola', entry: 'nicola’s words' }] };
      writeFileSync(path.join(dir, 'nicola.json'), JSON.stringify(other));
      const { code, stdout, stderr } = run(['export', f('emus.json'), path.join(dir, 'nicola.json'), '-i', '2023-10']);
      expect(code).toBe(0);
      expect(stderr).toContain(`Possible duplicate: ${page.canonicalUrl} is now 2 items in xmpp 2023-10`);
      expect(stdout).toContain('nicola’s words');
      expect(stdout).toContain(page.entry.split('\n')[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 when one of several files is bad, and writes no output file', () => {
    const file = path.join(out, 'not-written.md');
    const { code } = run(['export', f('emus.json'), f('foreign.json'), '-i', '2023-10', '-o', file]);
    expect(code).toBe(2);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});

describe('how the CLI is run', () => {
  it('runs as `npx newsdesk` from the repository (npm exec finds the package’s own bin)', () => {
    const stdout = execFileSync('npx', ['--no-install', 'newsdesk', '--version'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(stdout).toMatch(/^newsdesk \d+\.\d+\.\d+\n$/);
  });

  it('runs from source (bin/newsdesk.mjs) with the same draft and messages as the bundle', () => {
    const args = ['export', f('emus.json'), f('cal0pteryx.json'), '-i', '2023-10', '-n', 'xmpp-2023'];
    const fromSource = run(args, bin);
    expect(fromSource.code).toBe(0);
    expect(fromSource.stdout).toBe(golden);
    expect(fromSource.stderr).toBe(run(args).stderr);
    const bad = run(['export', f('foreign.json'), '-i', '2023-10'], bin);
    expect([bad.code, bad.stderr]).toEqual([2, run(['export', f('foreign.json'), '-i', '2023-10']).stderr]);
  });

  it('asks for --newsletter when the backups hold the issue of several newsletters (exit 1)', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const emus = readFileSync(f('emus.json'), 'utf8');
    const files: Record<string, string> = { 'a.json': emus, 'b.json': emus.replaceAll('"newsletter": "xmpp"', '"newsletter": "xmpp-2024"').replaceAll('"id": "0b7e', '"id": "1b7e').replaceAll('"canonicalUrl": "https://', '"canonicalUrl": "https://other.') };
    const io: CliIo = {
      readFile: async (p) => files[p] ?? '',
      writeFile: async () => {},
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    };
    expect(await runCli(['export', 'a.json', 'b.json', '-i', '2023-10'], io)).toBe(1);
    expect(err.join('')).toContain('the backups hold issue 2023-10 of several newsletters (xmpp, xmpp-2024): choose one with --newsletter');
    expect(await runCli(['export', 'a.json', 'b.json', '-i', '2023-10', '-n', 'xmpp-2024', '-q'], io)).toBe(0);
    expect(out.join('')).toContain('## XMPP Articles');
  });

  it('says on stderr what it changed for safety', async () => {
    const err: string[] = [];
    const out: string[] = [];
    const emus = readFileSync(f('emus.json'), 'utf8').replace('"entry": "The XSF is planning the XMPP Summit 26', '"entry": "![](https://beacon.example/p.png) [x](javascript:alert(1)) The XSF is planning the XMPP Summit 26');
    const io: CliIo = { readFile: async () => emus, writeFile: async () => {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
    expect(await runCli(['export', 'a.json', '-i', '2023-10'], io)).toBe(0);
    expect(err.join('')).toMatch(/Changed for safety in ".+": Removed an image \(https:\/\/beacon\.example\/p\.png\)\./);
    expect(err.join('')).toMatch(/Changed for safety in ".+": Removed a javascript: link; kept its text\./);
    expect(out.join('')).not.toMatch(/beacon\.example|javascript:/);
  });

  it('runs in-process too (same function), with a failing write reported as an input error', async () => {
    const err: string[] = [];
    const io: CliIo = {
      readFile: async (p) => readFileSync(p, 'utf8'),
      writeFile: async () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      stdout: () => {},
      stderr: (t) => err.push(t),
    };
    expect(await runCli(['export', f('emus.json'), '-i', '2023-10', '-o', '/root/x.md'], io)).toBe(2);
    expect(err.join('')).toContain('cannot write /root/x.md: permission denied');
  });
});
