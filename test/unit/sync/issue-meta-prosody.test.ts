import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { canonicalJson } from '../../../utils/merge/versions';
import { issueMetaRecordId, type IssueMeta } from '../../../utils/model/issue-meta';
import { IssueMetaStore } from '../../../utils/storage/issue-meta';
import { pubsubChannel } from '../../../utils/sync/channel';
import { pullNewsroom } from '../../../utils/sync/pull';
import { connect, PubSub } from '../../../utils/sync/xmpp';
import { clipOf, connected, eventually, newsroomsForThisFile, type Member } from '../../support/newsroom';

/**
 * An issue's details (teaser, extra contributors, occasional blocks) travel through the shared
 * newsroom as records of their own beside the items (PubSub item id `issue-meta:<key>`): the
 * real engine, members' real stores (Dexie on fake-indexeddb), a real Prosody on 127.0.0.1.
 */

const rooms = newsroomsForThisFile({ alice: 'alice-secret', bob: 'bob-secret' }, 'details');
const { newsroom, member } = rooms;

const details = (m: Member) => new IssueMetaStore(m.db);
const metas = async (m: Member) => (await m.db.issueMeta.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));

/** Everyone holds the same items and issue details, and nothing is waiting. */
async function converged(...ms: Member[]): Promise<IssueMeta[]> {
  return eventually(
    `${ms.map((m) => m.user).join(', ')} hold the same details`,
    async () => {
      for (const m of ms) await m.runner.idle();
      if (ms.some((m) => m.runner.status.waiting > 0 || m.runner.status.state !== 'connected')) return undefined;
      const snapshots = await Promise.all(ms.map(async (m) => canonicalJson({ items: (await m.store.readAll()).items.sort((a, b) => (a.id < b.id ? -1 : 1)), metas: await metas(m) })));
      return snapshots.every((s) => s === snapshots[0]) ? metas(ms[0]!) : undefined;
    },
    20_000,
  );
}

async function withPubSub<T>(user: string, fn: (pubsub: PubSub) => Promise<T>): Promise<T> {
  const session = await connect({ service: rooms.server.websocketUrl, jid: rooms.server.jid(user), password: rooms.server.users[user]!, WebSocket, keepAliveMs: 0 });
  try {
    return await fn(new PubSub(session, rooms.server.pubsub));
  } finally {
    await session.close();
  }
}

describe('issue details in the newsroom (Prosody)', () => {
  it('the editor’s teaser, extra names and a switched-on block reach a contributor, beside the items', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    await alice.store.saveClip(clipOf('Gajim 2.4', 'clients', '2026-03'), { kind: 'create' });
    await details(editor).update('xmpp', '2026-03', { summary: 'In this issue: Gajim.', contributors: ['XSF iTeam'], blocks: { 'public-channels': true } });
    const [meta] = await converged(editor, alice);
    expect(meta).toMatchObject({ key: 'xmpp|2026-03', summary: 'In this issue: Gajim.', contributors: ['XSF iTeam'], blocks: { 'public-channels': true }, updatedBy: 'editor' });
    expect(await details(alice).get('xmpp', '2026-03')).toEqual(meta);
    // In the node, as a record of its own.
    const ids = await withPubSub('editor', (pubsub) => pubsub.listItemIds(node));
    expect(ids).toContain(issueMetaRecordId('xmpp|2026-03'));
    // The CLI's pull reads it too.
    const pulled = await withPubSub('editor', (pubsub) => pullNewsroom(pubsubChannel(pubsub, node)));
    expect(pulled.issueMeta).toEqual([meta]);
    expect(pulled.items).toHaveLength(1);
    expect(pulled.damaged).toEqual([]);
  });

  it('concurrent offline edits of the teaser: the later one wins everywhere, the other is kept in history', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    const alice = await member('alice', node);
    await Promise.all([connected(editor), connected(alice)]);
    await details(editor).update('xmpp', '2026-03', { summary: 'First' });
    await converged(editor, alice);
    await Promise.all([alice.stop(), editor.stop()]);
    await details(alice).update('xmpp', '2026-03', { summary: 'Alice’s teaser' });
    // The editor's edit is later by the wall clock (same millisecond: the node ids would decide).
    await new Promise((resolve) => setTimeout(resolve, 5));
    await details(editor).update('xmpp', '2026-03', { summary: 'The editor’s teaser', blocks: { 'public-channels': true } });
    await Promise.all([alice.restart(), editor.restart()]);
    const [meta] = await converged(editor, alice);
    expect(meta).toMatchObject({ summary: 'The editor’s teaser', blocks: { 'public-channels': true } });
    expect(meta!.history.map((h) => [h.summary, h.reason])).toEqual([['Alice’s teaser', 'merge']]);
    const notices = [...editor.runner.status.notices, ...alice.runner.status.notices].map((n) => n.text).join('\n');
    expect(notices).toMatch(/Conflict on the details of xmpp 2026-03: kept the later edit \(by editor\)/);
  });

  it('details set before joining are sent by the first catch-up', async () => {
    const node = await newsroom('alice');
    const alice = await member('alice', node);
    await alice.stop();
    await details(alice).update('xmpp', '2026-04', { contributors: ['Alice', 'Bob'] });
    await alice.db.outbox.clear(); // as if written before the newsroom existed: only the full catch-up finds it
    await alice.restart();
    const editor = await member('editor', node);
    const [meta] = await converged(editor, alice);
    expect(meta).toMatchObject({ key: 'xmpp|2026-04', contributors: ['Alice', 'Bob'] });
  });

  it('a record published under a details id that does not match its payload is kept aside, not applied', async () => {
    const node = await newsroom('alice');
    const editor = await member('editor', node);
    await connected(editor);
    const alice = await member('alice', node);
    await connected(alice);
    await details(alice).update('xmpp', '2026-03', { summary: 'Real' });
    const [real] = await converged(editor, alice);
    // Alice (a member) publishes, by hand, the March details under April's id.
    await withPubSub('alice', (pubsub) => pubsub.publish(node, issueMetaRecordId('xmpp|2026-04'), real, { require: { accessModel: 'whitelist' } }));
    const aside = await eventually('kept aside at the editor', async () => (await editor.db.quarantine.toArray())[0]);
    expect(aside.reasons.join(' ')).toMatch(/not of the newsroom record “issue-meta:xmpp\|2026-04”/);
    expect(await details(editor).get('xmpp', '2026-04')).toBeUndefined();
    expect((await details(editor).get('xmpp', '2026-03'))?.summary).toBe('Real');
  });
});
