import type { NewsroomChannel } from '../../utils/sync/channel';
import { XmppError, type Affiliation, type PubSubEvent, type PubSubItem } from '../../utils/sync/xmpp';

/**
 * An in-memory PubSub node with the behaviour the sync engine sees from Prosody 0.12, for model
 * tests that need thousands of interleavings (test/unit/sync/newsroom-model.test.ts). What it
 * does is checked against the real server by the same operations in
 * test/unit/sync/memory-pubsub-conformance.test.ts:
 *   - whitelist access: only the owner and publishers list, fetch, subscribe and publish;
 *     anyone else gets `forbidden`;
 *   - publishing an id again replaces the item; ids are listed newest publication first;
 *     fetching by ids returns those that exist, in the order asked; the newest N come newest
 *     first;
 *   - every subscriber's online client is notified of each publish (the publisher too, when
 *     subscribed), with the publisher's bare address; retractions are notified;
 *   - notifications sent while a client is offline are not replayed;
 *   - an item over the size limit is refused before it is sent (`too-large`).
 * Unlike a network, delivery is in the test's hands: events wait in each client's inbox until
 * `deliver` hands one (any one: reordering) to the client, or hands it twice (duplication).
 */

interface Stored {
  json: string;
  publisher: string;
  /** Publication counter: higher is newer. */
  order: number;
}

export class MemoryPubSub {
  readonly affiliations = new Map<string, Affiliation>();
  private readonly items = new Map<string, Stored>();
  private readonly subscribers = new Set<string>();
  private readonly clients = new Set<MemoryClient>();
  private counter = 0;

  constructor(
    readonly node: string,
    owner: string,
    /** Largest JSON accepted (the transport's `maxJsonBytes` on a 256 KiB server). */
    readonly maxJsonBytes = 255 * 1024,
  ) {
    this.affiliations.set(owner, 'owner');
  }

  setAffiliation(jid: string, affiliation: Affiliation): void {
    if (affiliation === 'none') {
      this.affiliations.delete(jid);
      this.subscribers.delete(jid);
    } else this.affiliations.set(jid, affiliation);
  }

  /** A client of `jid` (online at once, like a connected session). */
  client(jid: string): MemoryClient {
    const client = new MemoryClient(this, jid);
    this.clients.add(client);
    return client;
  }

  /** The node's items as the server holds them (ids newest first), for checks. */
  snapshot(): Array<{ id: string; json: unknown; publisher: string }> {
    return [...this.items.entries()].sort((a, b) => b[1].order - a[1].order).map(([id, s]) => ({ id, json: JSON.parse(s.json) as unknown, publisher: s.publisher }));
  }

  // ---- what clients call ------------------------------------------------------------------

  /** @internal */
  check(jid: string, doing: string, rights: 'read' | 'publish' | 'own'): void {
    const affiliation = this.affiliations.get(jid);
    const ok = rights === 'own' ? affiliation === 'owner' : affiliation === 'owner' || affiliation === 'publisher' || (rights === 'read' && affiliation === 'member');
    if (!ok) throw new XmppError('forbidden', `Could not ${doing}: ${jid} is not a member of this newsroom (or lacks the rights for this).`, { condition: 'forbidden' });
  }

  /** @internal */
  subscribe(jid: string): void {
    this.check(jid, `subscribe to "${this.node}"`, 'read');
    this.subscribers.add(jid);
  }

  /** @internal */
  listIds(jid: string): string[] {
    this.check(jid, `list the items of "${this.node}"`, 'read');
    return [...this.items.entries()].sort((a, b) => b[1].order - a[1].order).map(([id]) => id);
  }

  /** @internal */
  fetch(jid: string, ids: readonly string[]): PubSubItem[] {
    this.check(jid, `read the items of "${this.node}"`, 'read');
    const out: PubSubItem[] = [];
    for (const id of ids) {
      const stored = this.items.get(id);
      if (stored) out.push({ id, publisher: stored.publisher, json: JSON.parse(stored.json) as unknown });
    }
    return out;
  }

  /** @internal */
  fetchNewest(jid: string, max: number): PubSubItem[] {
    return this.fetch(jid, this.listIds(jid).slice(0, max));
  }

  /** @internal */
  publish(jid: string, id: string, json: unknown): void {
    const text = JSON.stringify(json);
    if (new TextEncoder().encode(text).length > this.maxJsonBytes) {
      throw new XmppError('too-large', `The item "${id}" is too large to publish. Nothing was sent.`, { condition: 'payload-too-big' });
    }
    this.check(jid, `publish "${id}" to "${this.node}"`, 'publish');
    this.items.set(id, { json: text, publisher: jid, order: ++this.counter });
    this.notify({ type: 'published', node: this.node, id, publisher: jid, json: JSON.parse(text) as unknown });
  }

  /** Remove an item (the owner or its publisher), telling subscribers. */
  retract(jid: string, id: string): void {
    this.check(jid, `retract "${id}"`, 'publish');
    if (!this.items.delete(id)) throw new XmppError('item-not-found', `The item "${id}" is not in "${this.node}".`, { condition: 'item-not-found' });
    this.notify({ type: 'retracted', node: this.node, id });
  }

  private notify(event: PubSubEvent): void {
    for (const client of this.clients) {
      if (client.online && this.subscribers.has(client.jid)) client.inbox.push(event);
    }
  }
}

export class MemoryClient implements NewsroomChannel {
  online = true;
  /** Notifications not yet handed to the client. */
  inbox: PubSubEvent[] = [];
  private readonly listeners = new Set<(event: PubSubEvent) => void>();

  constructor(
    private readonly server: MemoryPubSub,
    readonly jid: string,
  ) {}

  get maxJsonBytes(): number {
    return this.server.maxJsonBytes;
  }

  private live(): void {
    if (!this.online) throw new XmppError('connection-lost', `The connection of ${this.jid} was lost. The request was not answered.`);
  }

  async subscribe(): Promise<void> {
    this.live();
    this.server.subscribe(this.jid);
  }

  async listIds(): Promise<string[]> {
    this.live();
    return this.server.listIds(this.jid);
  }

  async fetch(ids: readonly string[]): Promise<PubSubItem[]> {
    this.live();
    return this.server.fetch(this.jid, ids);
  }

  async fetchNewest(max: number): Promise<PubSubItem[]> {
    this.live();
    return this.server.fetchNewest(this.jid, max);
  }

  async publish(id: string, json: unknown): Promise<void> {
    this.live();
    this.server.publish(this.jid, id, json);
  }

  async retract(id: string): Promise<void> {
    this.live();
    this.server.retract(this.jid, id);
  }

  onEvent(listener: (event: PubSubEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hand the inbox's event at `index` to the listeners; with `duplicate`, it stays in the inbox too. */
  deliver(index = 0, duplicate = false): PubSubEvent | undefined {
    if (!this.online || this.inbox.length === 0) return undefined;
    const at = index % this.inbox.length;
    const event = duplicate ? this.inbox[at]! : this.inbox.splice(at, 1)[0]!;
    for (const listener of [...this.listeners]) listener(event);
    return event;
  }

  /** The connection drops: what was not delivered is gone, and every request fails. */
  disconnect(): void {
    this.online = false;
    this.inbox = [];
    this.listeners.clear();
  }

  /** A new session (listeners and subscription must be set up again, as after a reconnect). */
  reconnect(): void {
    this.online = true;
  }
}
