import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ItemStore } from '../../../utils/storage/items';
import type { NewsdeskDb } from '../../../utils/storage/schema';
import { memoryCredentials } from '../../../utils/sync/credentials';
import { connect, PubSub } from '../../../utils/sync/xmpp';
import { createNewsroomService, type NewsroomService } from '../../../utils/sync/service';
import { openTestDb } from '../../support/db';
import { clipOf, eventually } from '../../support/newsroom';
import { startProsody, type Prosody } from '../../support/prosody';

/**
 * The background's newsroom service (what the options page, the Desk and the popup talk to), in
 * Node against a real Prosody: the editor creates the newsroom and adds a contributor from the
 * options page's tasks, both join, a clip travels, a member leaves. The password never reaches
 * IndexedDB (so never a backup).
 */

let server: Prosody;
const open: Array<{ service: NewsroomService; db: NewsdeskDb }> = [];

beforeAll(async () => {
  server = await startProsody({ users: { alice: 'alice-secret' } });
}, 60_000);
afterEach(async () => {
  for (const { service, db } of open.splice(0)) {
    await service.stop();
    db.close();
  }
});
afterAll(async () => {
  await server?.stop();
}, 30_000);

async function browserOf(user: string) {
  const db = openTestDb();
  await db.settings.put({ key: 'contributor', value: user });
  const credentials = memoryCredentials();
  const wakeUps = { started: 0, stopped: 0, start() { this.started++; }, stop() { this.stopped++; } };
  const service = createNewsroomService({ db, credentials, WebSocket, wakeUps, runner: { connection: { keepAliveMs: 0 }, reconnect: { minDelayMs: 200, maxDelayMs: 1_000 } } });
  open.push({ service, db });
  const join = (node: string, password = server.users[user]!) =>
    service.handlers['newsroom.join']({ service: server.websocketUrl, jid: ` ${server.jid(user)} `, pubsub: '', node, password });
  return { db, credentials, service, wakeUps, join, store: new ItemStore(db) };
}

const stateOf = async (b: { service: NewsroomService }) => (await b.service.handlers['newsroom.status'](null)).status.state;

describe('the background’s newsroom service', () => {
  it('the editor creates the newsroom and adds a contributor; both join; a clip travels; the password stays out of IndexedDB', async () => {
    const editor = await browserOf('editor');
    const joined = await editor.join('team');
    expect(joined).toMatchObject({ joined: true, config: { service: server.websocketUrl, jid: 'editor@newsdesk.test', pubsub: 'pubsub.newsdesk.test', node: 'team' } });
    expect(editor.wakeUps.started).toBe(1);
    // The node does not exist yet: refused, in words, until the editor creates it.
    const missing = await eventually('refused: missing', async () => {
      const report = await editor.service.handlers['newsroom.status'](null);
      return report.status.state === 'refused' ? report : undefined;
    });
    expect(missing.line).toBe('Refused: The newsroom “team” on pubsub.newsdesk.test does not exist (yet): its editor creates it in Newsdesk’s settings.');
    expect(await editor.service.handlers['newsroom.create'](null)).toEqual({ message: 'Created the newsroom “team” on pubsub.newsdesk.test: only its members can read or write it. Add contributors below.' });
    expect(await editor.service.handlers['newsroom.create'](null)).toEqual({ message: 'The newsroom “team” on pubsub.newsdesk.test already exists.' });
    expect(await editor.service.handlers['newsroom.setMember']({ jid: server.jid('alice'), member: true })).toEqual([
      { jid: 'alice@newsdesk.test', affiliation: 'publisher' },
      { jid: 'editor@newsdesk.test', affiliation: 'owner' },
    ]);
    await eventually('editor connected', async () => (await stateOf(editor)) === 'connected');

    const alice = await browserOf('alice');
    await alice.join('team');
    await eventually('alice connected', async () => (await stateOf(alice)) === 'connected');
    const { item } = await alice.store.saveClip(clipOf('Kaidan 0.10'), { kind: 'create' });
    await eventually('the clip at the editor', () => editor.store.get(item.id));
    const report = await editor.service.handlers['newsroom.status'](null);
    expect(report.line).toBe('Connected to the newsroom: everything is shared.');

    // The password is in the extension's storage only: nowhere in the database (backups read it).
    const everything = JSON.stringify(await Promise.all(editor.db.tables.map((t) => t.toArray())));
    expect(everything).not.toContain(server.users.editor);
    expect(editor.credentials.value?.password).toBe(server.users.editor);
    expect(JSON.stringify(report)).not.toContain(server.users.editor);

    // Leaving forgets the address and password and stops waking the background.
    const left = await alice.service.handlers['newsroom.leave'](null);
    expect(left).toMatchObject({ joined: false, line: 'Not in a newsroom.' });
    expect(alice.credentials.value).toBeNull();
    expect(alice.wakeUps.stopped).toBeGreaterThan(0);
    // The editor removes alice: she is no longer a member, and no longer notified (Prosody
    // 0.12 would keep her subscription if only her affiliation were removed).
    const ears = await connect({ service: server.websocketUrl, jid: server.jid('alice'), password: server.users.alice!, WebSocket, keepAliveMs: 0 });
    const heard: string[] = [];
    new PubSub(ears, server.pubsub).onEvent((e) => heard.push(e.type === 'published' ? e.id : e.type), 'team');
    expect(await editor.service.handlers['newsroom.setMember']({ jid: server.jid('alice'), member: false })).toEqual([{ jid: 'editor@newsdesk.test', affiliation: 'owner' }]);
    const after = (await editor.store.saveClip(clipOf('After alice left'), { kind: 'create' })).item;
    const before = (await editor.store.saveClip(clipOf('Marker'), { kind: 'create' })).item;
    await eventually('sent', () => editor.db.senders.get(before.id));
    await ears.close();
    expect(heard).not.toContain(after.id);
    expect(heard).not.toContain(before.id);
  });

  it('refuses an address that is not encrypted off this computer, in the transport’s words, and keeps nothing', async () => {
    const b = await browserOf('alice');
    await expect(b.service.handlers['newsroom.join']({ service: 'ws://example.org/xmpp-websocket', jid: 'alice@example.org', pubsub: '', node: 'n', password: 'x' })).rejects.toThrow(
      'Newsdesk connects only over an encrypted WebSocket (wss://); ws://example.org/xmpp-websocket is not encrypted and not on this computer.',
    );
    expect(b.credentials.value).toBeNull();
  });

  it('a wake-up after the worker was stopped resumes from the stored credentials and sends what waited', async () => {
    const editor = await browserOf('editor');
    await editor.join('resume');
    await editor.service.handlers['newsroom.create'](null);
    await eventually('connected', async () => (await stateOf(editor)) === 'connected');
    await editor.service.stop(); // the service worker is stopped…
    const { item } = await editor.store.saveClip(clipOf('Written while asleep'), { kind: 'create' });
    // …and a new one starts (same database, same extension storage).
    const next = createNewsroomService({ db: editor.db, credentials: editor.credentials, WebSocket, runner: { connection: { keepAliveMs: 0 } } });
    open.push({ service: next, db: openTestDb() });
    await next.wake();
    // The status line counts what waits once in a while; the outbox itself is the truth.
    await eventually('sent', async () => (await next.report()).status.state === 'connected' && (await editor.db.outbox.count()) === 0);
    await eventually('status', async () => (await next.report()).status.waiting === 0);
    expect((await editor.db.senders.get(item.id))?.jid).toBe('editor@newsdesk.test');
  });
});
