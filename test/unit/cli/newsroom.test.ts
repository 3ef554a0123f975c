import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseBackup } from '../../../utils/backup';
import type { NewsItem } from '../../../utils/model/item';
import { connect, PubSub } from '../../../utils/sync/xmpp';
import { makeItem } from '../export/fixtures';
import { createNewsroom } from '../../support/newsroom';
import { startProsody, type Prosody } from '../../support/prosody';

/**
 * `newsdesk newsroom pull` and `newsdesk export --newsroom` as child processes (the bundle that
 * `npm run build:cli` makes, built here into a folder of its own) against a real Prosody. The
 * password comes from NEWSDESK_PASSWORD; with neither that nor a terminal, the CLI says so.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let server: Prosody;
let out: string;
let bundle: string;

const ISSUE = '2026-11';
function story(n: number, extra: Partial<NewsItem> = {}): NewsItem {
  const url = `https://news.example.org/${n}`;
  return makeItem({ id: `00000000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`, url, canonicalUrl: url, title: `Story ${n}`, entry: `[Story ${n}](${url}) happened.`, issue: ISSUE, section: 'articles', position: n, status: 'draft', updatedAt: '2026-11-03T10:00:00.000Z', ...extra });
}
const STORIES = [story(1), story(2), story(3, { deletedAt: '2026-11-03T10:00:00.000Z' })];

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-newsroom-'));
  bundle = path.join(out, 'newsdesk.mjs');
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'cli/build.ts', bundle], { cwd: repoRoot, timeout: 60_000 });
  server = await startProsody({ users: { alice: 'alice-secret', mallory: 'mallory-secret' } });
  await createNewsroom(server, 'clean', ['alice']);
  await createNewsroom(server, 'messy', ['alice']);
  const session = await connect({ service: server.websocketUrl, jid: server.jid('alice'), password: 'alice-secret', WebSocket, keepAliveMs: 0 });
  const pubsub = new PubSub(session, server.pubsub);
  for (const item of STORIES) {
    await pubsub.publish('clean', item.id, item);
    await pubsub.publish('messy', item.id, item);
  }
  await pubsub.publish('messy', 'junk', { hello: 'not an item' });
  await session.close();
}, 90_000);

afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await server?.stop();
}, 30_000);

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const reach = (user: string, node: string, nodeOption = '--node') => ['--service', server.websocketUrl, '--jid', server.jid(user), nodeOption, node];

describe('newsdesk newsroom pull', () => {
  it('writes every item of the newsroom (deleted ones too) as a backup the extension imports', () => {
    const file = path.join(out, 'clean.json');
    const { code, stderr } = run(['newsroom', 'pull', ...reach('alice', 'clean'), '-o', file], { NEWSDESK_PASSWORD: 'alice-secret' });
    expect(stderr).toBe(`Read 3 items from the newsroom “clean” on pubsub.newsdesk.test (2 live, 1 deleted). Wrote ${file}.\n`);
    expect(code).toBe(0);
    const parsed = parseBackup(readFileSync(file, 'utf8'), 'clean.json');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.backup.exportedBy).toBe('alice@newsdesk.test');
    expect(parsed.backup.items.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(STORIES);
  });

  it('keeps a record that is not a Newsdesk item in the backup as damaged, says so, and exits 3', () => {
    const { code, stdout, stderr } = run(['newsroom', 'pull', ...reach('alice', 'messy'), '-q'], { NEWSDESK_PASSWORD: 'alice-secret' });
    expect(stderr).toMatch(/^Not a Newsdesk item, kept in the backup as damaged: newsroom item “junk”; id: Invalid input/);
    expect(code).toBe(3);
    const parsed = parseBackup(stdout, 'stdout');
    expect(parsed.backup.items).toHaveLength(3);
    expect(parsed.backup.damaged).toEqual([{ record: { hello: 'not an item' }, reasons: expect.arrayContaining(['newsroom item “junk”']) }]);
  });

  it('never takes the password as an argument, and asks for it in words when there is no terminal', () => {
    const asArgument = run(['newsroom', 'pull', ...reach('alice', 'clean'), '--password', 'alice-secret']);
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr).toContain("Unknown option '--password'");
    const none = run(['newsroom', 'pull', ...reach('alice', 'clean')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('newsdesk: no password: set NEWSDESK_PASSWORD (or run in a terminal to be asked)\nRun "newsdesk --help" for usage.\n');
  });

  it('says why the newsroom cannot be read: a wrong password, an outsider, a missing option', () => {
    const wrong = run(['newsroom', 'pull', ...reach('alice', 'clean')], { NEWSDESK_PASSWORD: 'guess' });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'newsdesk: The server refused the password for alice@newsdesk.test.\n']);
    const outsider = run(['newsroom', 'pull', ...reach('mallory', 'clean')], { NEWSDESK_PASSWORD: 'mallory-secret' });
    expect([outsider.code, outsider.stderr]).toEqual([2, 'newsdesk: mallory@newsdesk.test is not a member of the newsroom “clean” on pubsub.newsdesk.test; ask its editor to add you.\n']);
    const missing = run(['newsroom', 'pull', '--jid', server.jid('alice')], { NEWSDESK_PASSWORD: 'x' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^newsdesk: --service, --node are required to reach the newsroom/);
  });
});

describe('newsdesk export --newsroom', () => {
  it('builds the month’s draft straight from the newsroom', () => {
    const { code, stdout, stderr } = run(['export', ...reach('alice', 'clean', '--newsroom'), '--issue', ISSUE], { NEWSDESK_PASSWORD: 'alice-secret' });
    expect(stderr).toBe('Merged the newsroom: 2 items in all, 2 in xmpp 2026-11.\n1 deletion of items not in this collection recorded.\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^---\ntitle: /);
    expect(stdout).toContain('- [Story 1](https://news.example.org/1) happened.');
    expect(stdout).toContain('- [Story 2](https://news.example.org/2) happened.');
    expect(stdout).not.toContain('Story 3'); // deleted
  });
});
