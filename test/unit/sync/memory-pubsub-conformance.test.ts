import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { NewsroomChannel } from '../../../utils/sync/channel';
import { pubsubChannel } from '../../../utils/sync/channel';
import { connect, isXmppError, PubSub, type PubSubEvent, type XmppSession } from '../../../utils/sync/xmpp';
import { MemoryPubSub } from '../../support/memory-pubsub';
import { createNewsroom, eventually } from '../../support/newsroom';
import { startProsody, type Prosody } from '../../support/prosody';

/**
 * The in-memory PubSub server that the model test runs thousands of interleavings against must
 * behave like the real one where the sync engine can tell: the same operations are run against
 * Prosody 0.12 and against the in-memory server, and what each member observes (answers, errors,
 * notifications) must be the same.
 */

interface Member {
  channel: NewsroomChannel;
  retract(id: string): Promise<void>;
  events: PubSubEvent[];
  /** The connection drops… */
  offline(): Promise<void>;
  /** …and comes back as a new session (the subscription stays on the server). */
  online(): Promise<void>;
}

interface Target {
  member(user: string): Promise<Member>;
  /** Deliver what is in flight (the network; a no-op for the real server). */
  settle(): void;
  close(): Promise<void>;
}

let server: Prosody;
beforeAll(async () => {
  server = await startProsody({ users: { alice: 'alice-secret', bob: 'bob-secret', mallory: 'mallory-secret' } });
}, 60_000);
afterAll(async () => {
  await server?.stop();
}, 30_000);

async function prosodyTarget(node: string): Promise<Target> {
  await createNewsroom(server, node, ['alice', 'bob']);
  const sessions: XmppSession[] = [];
  const open = async (user: string) => {
    const session = await connect({ service: server.websocketUrl, jid: server.jid(user), password: server.users[user]!, WebSocket, keepAliveMs: 0 });
    sessions.push(session);
    return { session, pubsub: new PubSub(session, server.pubsub) };
  };
  return {
    async member(user) {
      let { session, pubsub } = await open(user);
      const events: PubSubEvent[] = [];
      const m: Member = {
        channel: pubsubChannel(pubsub, node),
        retract: (id) => pubsub.retract(node, id),
        events,
        async offline() {
          await session.close();
        },
        async online() {
          ({ session, pubsub } = await open(user));
          m.channel = pubsubChannel(pubsub, node);
          m.retract = (id) => pubsub.retract(node, id);
          m.channel.onEvent((event) => events.push(event));
        },
      };
      m.channel.onEvent((event) => events.push(event));
      return m;
    },
    settle() {},
    async close() {
      await Promise.all(sessions.map((s) => s.close()));
    },
  };
}

function memoryTarget(node: string): Target {
  const pubsub = new MemoryPubSub(node, `editor@${server.host}`);
  pubsub.setAffiliation(`alice@${server.host}`, 'publisher');
  pubsub.setAffiliation(`bob@${server.host}`, 'publisher');
  const clients: Array<ReturnType<MemoryPubSub['client']>> = [];
  return {
    async member(user) {
      let client = pubsub.client(`${user}@${server.host}`);
      clients.push(client);
      const events: PubSubEvent[] = [];
      client.onEvent((event) => events.push(event));
      const m: Member = {
        channel: client,
        retract: (id) => client.retract(id),
        events,
        async offline() {
          client.disconnect();
        },
        async online() {
          client = pubsub.client(client.jid);
          clients.push(client);
          client.onEvent((event) => events.push(event));
          m.channel = client;
          m.retract = (id) => client.retract(id);
        },
      };
      return m;
    },
    settle() {
      for (const client of clients) while (client.deliver() !== undefined);
    },
    async close() {},
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return isXmppError(error) ? error.code : `not an XmppError: ${String(error)}`;
  }
}

const view = (events: readonly PubSubEvent[]) =>
  events.map((e) => (e.type === 'published' ? { type: e.type, id: e.id, publisher: e.publisher, json: e.json } : e.type === 'retracted' ? { type: e.type, id: e.id } : { type: e.type }));

/** The script: every observation goes into the returned record. */
async function script(target: Target): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  const editor = await target.member('editor');
  const alice = await target.member('alice');
  const bob = await target.member('bob');
  const mallory = await target.member('mallory');
  const wait = async (member: Member, n: number) => {
    target.settle();
    await eventually(`${n} events`, () => member.events.length >= n, 10_000);
  };

  seen.subscribe = [await codeOf(alice.channel.subscribe()), await codeOf(bob.channel.subscribe())];
  await alice.channel.publish('a', { n: 1, text: 'één <b>&' });
  await alice.channel.publish('b', { n: 2 });
  await bob.channel.publish('c', { n: 3 });
  await alice.channel.publish('a', { n: 4 });
  await wait(bob, 4);
  await wait(alice, 4);
  seen.bobEvents = view(bob.events);
  seen.aliceEvents = view(alice.events);
  seen.editorEvents = view(editor.events); // the editor did not subscribe
  seen.ids = await editor.channel.listIds();
  seen.fetched = (await bob.channel.fetch(['b', 'zz', 'a'])).map(({ id, publisher, json }) => ({ id, publisher, json }));
  seen.newest = (await bob.channel.fetchNewest(2)).map(({ id, json }) => ({ id, json }));
  seen.newestAll = (await bob.channel.fetchNewest(10)).map(({ id }) => id);

  await editor.retract('b');
  await wait(bob, 5);
  seen.afterRetract = { event: view(bob.events.slice(4)), ids: await alice.channel.listIds() };

  seen.outsider = {
    subscribe: await codeOf(mallory.channel.subscribe()),
    list: await codeOf(mallory.channel.listIds()),
    fetch: await codeOf(mallory.channel.fetch(['a'])),
    publish: await codeOf(mallory.channel.publish('m', { spam: true })),
  };
  seen.tooLarge = await codeOf(alice.channel.publish('big', { text: 'x'.repeat(300 * 1024) }));
  seen.afterTooLarge = await alice.channel.listIds();

  // Offline: what is published meanwhile is not replayed, but it is there to fetch.
  await bob.offline();
  await alice.channel.publish('d', { n: 5 });
  await bob.online();
  await alice.channel.publish('e', { n: 6 });
  await wait(bob, 6);
  seen.afterReconnect = { events: view(bob.events.slice(5)), ids: await bob.channel.listIds() };
  await target.close();
  return seen;
}

describe('the in-memory PubSub server behaves like Prosody where the engine can tell', () => {
  it('gives the same answers, errors and notifications for the same operations', async () => {
    const real = await script(await prosodyTarget('conformance'));
    const memory = await script(memoryTarget('conformance'));
    expect(memory).toEqual(real);
    // And what was observed is what XEP-0060 says (so both are not wrong the same way).
    expect(real.ids).toEqual(['a', 'c', 'b']);
    expect(real.newestAll).toEqual(['a', 'c', 'b']);
    expect(real.outsider).toEqual({ subscribe: 'forbidden', list: 'forbidden', fetch: 'forbidden', publish: 'forbidden' });
    expect(real.tooLarge).toBe('too-large');
    expect((real.afterReconnect as { events: unknown[] }).events).toEqual([{ type: 'published', id: 'e', publisher: `alice@${server.host}`, json: { n: 6 } }]);
  });
});
