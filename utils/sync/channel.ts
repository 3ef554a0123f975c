import type { PubSub, PubSubEvent, PubSubItem } from './xmpp';

/**
 * What the sync engine needs of a newsroom: one node, seen by one member. The real one is a
 * PubSub node over XMPP (`pubsubChannel`); the model tests use an in-memory server with the same
 * observable behaviour (test/support/memory-pubsub.ts, checked against Prosody).
 */
export interface NewsroomChannel {
  /** This member's bare address. */
  readonly jid: string;
  /** Largest item JSON (UTF-8 bytes) worth trying to publish. */
  readonly maxJsonBytes: number;
  /** Ask the server to notify this member of every change from now on. */
  subscribe(): Promise<void>;
  /** The ids of every item in the node. */
  listIds(): Promise<string[]>;
  /** These items (ids that are gone are simply absent). */
  fetch(ids: readonly string[]): Promise<PubSubItem[]>;
  /** The `max` most recently published items, newest first. */
  fetchNewest(max: number): Promise<PubSubItem[]>;
  /** Publish (or replace) one item; `too-large` before sending when it does not fit. */
  publish(id: string, json: unknown): Promise<void>;
  /** Notifications of the node (published, retracted, purged, deleted). */
  onEvent(listener: (event: PubSubEvent) => void): () => void;
}

/**
 * The newsroom as a PubSub node. Publishing requires the node to still be whitelist-only
 * (publish-options precondition): a newsroom someone opened to everyone gets nothing more.
 */
export function pubsubChannel(pubsub: PubSub, node: string): NewsroomChannel {
  return {
    jid: pubsub.session.bareJid,
    get maxJsonBytes() {
      return pubsub.maxJsonBytes;
    },
    async subscribe() {
      await pubsub.subscribe(node);
    },
    listIds: () => pubsub.listItemIds(node),
    fetch: (ids) => pubsub.fetchItems(node, { ids }),
    // Prosody answers the newest N oldest first.
    fetchNewest: async (max) => (await pubsub.fetchItems(node, { max })).reverse(),
    publish: (id, json) => pubsub.publish(node, id, json, { require: { accessModel: 'whitelist' } }),
    onEvent: (listener) => pubsub.onEvent(listener, node),
  };
}
