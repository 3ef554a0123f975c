/**
 * Publish-subscribe (XEP-0060) on one service (e.g. `pubsub.example.org`) over an XmppSession:
 * nodes with their configuration and affiliations, items carrying JSON (XEP-0335
 * `<json xmlns="urn:xmpp:json:0">`), subscriptions, and the notifications that arrive for them.
 *
 * Prosody 0.12 has no RSM paging of items: `<items max_items=N>` returns the N newest, and all
 * of them arrive in one stanza. `fetchAllItems` therefore lists the ids first (disco#items, a
 * small answer) and fetches them in batches by id, so no answer grows with the node.
 */
import type { XmppSession } from './connection';
import { isXmppError, XmppError } from './errors';
import { bareJid } from './jid';
import { childElement, childElements, textOf, xml, type XmlElement } from './xml';

export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_OWNER = `${NS_PUBSUB}#owner`;
export const NS_PUBSUB_EVENT = `${NS_PUBSUB}#event`;
export const NS_PUBSUB_NODE_CONFIG = `${NS_PUBSUB}#node_config`;
export const NS_PUBSUB_PUBLISH_OPTIONS = `${NS_PUBSUB}#publish-options`;
export const NS_DATA_FORMS = 'jabber:x:data';
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
export const NS_JSON = 'urn:xmpp:json:0';

export type AccessModel = 'open' | 'presence' | 'roster' | 'authorize' | 'whitelist';
export type PublishModel = 'publishers' | 'subscribers' | 'open';
export type Affiliation = 'owner' | 'publisher' | 'publish-only' | 'member' | 'none' | 'outcast';

export interface NodeConfig {
  accessModel?: AccessModel;
  publishModel?: PublishModel;
  /** Items the node keeps; 'max' is the server's ceiling (Prosody: `pubsub_max_items`). */
  maxItems?: number | 'max';
  persistItems?: boolean;
  notifyRetract?: boolean;
  notifyDelete?: boolean;
  title?: string;
  payloadType?: string;
}

/** A node's configuration as the server reports it; `fields` holds every field as sent. */
export interface NodeConfigReport extends NodeConfig {
  fields: Record<string, string[]>;
}

export interface PubSubItem {
  id: string;
  /** Bare JID of who published it, where the server tells (Prosody: `expose_publisher`). Set by the server, not the publisher. */
  publisher?: string;
  /** The parsed JSON payload; untrusted data from another member. Undefined when `problem` is set. */
  json: unknown;
  /** Why the payload could not be read (no XEP-0335 element, or invalid JSON). */
  problem?: string;
}

export type PubSubEvent =
  | ({ type: 'published'; node: string } & PubSubItem)
  | { type: 'retracted'; node: string; id: string }
  | { type: 'purged'; node: string }
  | { type: 'deleted'; node: string };

const CONFIG_FIELDS = {
  accessModel: 'pubsub#access_model',
  publishModel: 'pubsub#publish_model',
  maxItems: 'pubsub#max_items',
  persistItems: 'pubsub#persist_items',
  notifyRetract: 'pubsub#notify_retract',
  notifyDelete: 'pubsub#notify_delete',
  title: 'pubsub#title',
  payloadType: 'pubsub#type',
} as const satisfies Record<keyof NodeConfig, string>;

function formValue(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** A submitted data form (XEP-0004) of the given FORM_TYPE. */
function submitForm(formType: string, config: NodeConfig): XmlElement {
  const fields = Object.entries(config)
    .filter(([key, value]) => value !== undefined && key in CONFIG_FIELDS)
    .map(([key, value]) => xml('field', { var: CONFIG_FIELDS[key as keyof NodeConfig] }, xml('value', {}, formValue(value as string | number | boolean))));
  return xml(
    'x',
    { xmlns: NS_DATA_FORMS, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    fields,
  );
}

function readForm(form: XmlElement | undefined): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const field of childElements(form ?? xml('x'), 'field')) {
    const name = field.attrs.var;
    if (name) fields[name] = childElements(field, 'value').map((value) => textOf(value));
  }
  return fields;
}

function readConfig(fields: Record<string, string[]>): NodeConfigReport {
  const one = (name: string) => fields[name]?.[0];
  const bool = (name: string) => {
    const value = one(name);
    return value === undefined ? undefined : value === '1' || value === 'true';
  };
  const report: NodeConfigReport = { fields };
  const access = one(CONFIG_FIELDS.accessModel);
  if (access) report.accessModel = access as AccessModel;
  const publish = one(CONFIG_FIELDS.publishModel);
  if (publish) report.publishModel = publish as PublishModel;
  const max = one(CONFIG_FIELDS.maxItems);
  if (max) report.maxItems = max === 'max' ? 'max' : Number(max);
  const persist = bool(CONFIG_FIELDS.persistItems);
  if (persist !== undefined) report.persistItems = persist;
  const retract = bool(CONFIG_FIELDS.notifyRetract);
  if (retract !== undefined) report.notifyRetract = retract;
  const del = bool(CONFIG_FIELDS.notifyDelete);
  if (del !== undefined) report.notifyDelete = del;
  const title = one(CONFIG_FIELDS.title);
  if (title) report.title = title;
  const type = one(CONFIG_FIELDS.payloadType);
  if (type) report.payloadType = type;
  return report;
}

/** Read one <item/>: its id, the publisher the server stamped, its JSON payload. */
export function readItem(item: XmlElement): PubSubItem {
  const id = item.attrs.id ?? '';
  const publisher = item.attrs.publisher ? safeBare(item.attrs.publisher) : undefined;
  const base = { id, ...(publisher ? { publisher } : {}) };
  const payload = childElement(item, 'json', NS_JSON);
  if (!payload) return { ...base, json: undefined, problem: 'The item carries no JSON payload (urn:xmpp:json:0).' };
  try {
    return { ...base, json: JSON.parse(textOf(payload)) as unknown };
  } catch (error) {
    return { ...base, json: undefined, problem: `The item's JSON does not parse: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function safeBare(jid: string): string | undefined {
  try {
    return bareJid(jid);
  } catch {
    return undefined;
  }
}

export interface PublishOptions {
  /**
   * Publish only if the node is configured so (XEP-0060 publish-options as preconditions):
   * e.g. `{ accessModel: 'whitelist' }` refuses to publish into a node someone opened up.
   * Fails with `precondition-not-met`.
   */
  require?: NodeConfig;
  timeoutMs?: number;
}

export interface FetchOptions {
  /** The newest `max` items (Prosody: newest first by publication, returned oldest first). */
  max?: number;
  /** Only these ids (missing ones are left out, in the order asked). */
  ids?: readonly string[];
  timeoutMs?: number;
}

/** Overhead of the publish stanza around the JSON text, for a node name and item id of ordinary length. */
const PUBLISH_ENVELOPE_BYTES = 1_024;

export class PubSub {
  constructor(
    readonly session: XmppSession,
    /** The service's JID, e.g. `pubsub.example.org`. */
    readonly service: string,
  ) {}

  /**
   * Largest JSON text (UTF-8 bytes, after XML escaping of <, > and &) an item can carry on this
   * session: the stanza limit less the publish envelope. `publish` checks the exact size.
   */
  get maxJsonBytes(): number {
    return this.session.maxStanzaBytes - PUBLISH_ENVELOPE_BYTES;
  }

  private async request(type: 'get' | 'set', payload: XmlElement, doing: string, timeoutMs?: number, wordings?: Wordings): Promise<XmlElement> {
    try {
      return await this.session.iq(type, this.service, payload, timeoutMs === undefined ? {} : { timeoutMs });
    } catch (error) {
      throw explain(error, doing, this.session.bareJid, wordings);
    }
  }

  /** Create a node (only the service's admins may, on Prosody). Defaults: whitelist, publishers publish, 'max' items, retractions notified. */
  async createNode(node: string, config: NodeConfig = {}): Promise<void> {
    const full: NodeConfig = { accessModel: 'whitelist', publishModel: 'publishers', maxItems: 'max', persistItems: true, notifyRetract: true, notifyDelete: true, payloadType: NS_JSON, ...config };
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('create', { node }), xml('configure', {}, submitForm(NS_PUBSUB_NODE_CONFIG, full))),
      `create the node "${node}" on ${this.service}`,
      undefined,
      {
        forbidden: (doing, who) => `Could not ${doing}: only the service's administrators may create nodes (on Prosody, the pubsub component's \`admins\`), and ${who} is not one.`,
      },
    );
  }

  async getNodeConfig(node: string): Promise<NodeConfigReport> {
    const result = await this.request('get', xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('configure', { node })), `read the configuration of "${node}"`);
    const form = childElement(childElement(childElement(result, 'pubsub', NS_PUBSUB_OWNER) ?? result, 'configure') ?? result, 'x', NS_DATA_FORMS);
    return readConfig(readForm(form));
  }

  async configureNode(node: string, config: NodeConfig): Promise<void> {
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('configure', { node }, submitForm(NS_PUBSUB_NODE_CONFIG, config))),
      `configure the node "${node}"`,
    );
  }

  async deleteNode(node: string): Promise<void> {
    await this.request('set', xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('delete', { node })), `delete the node "${node}"`);
  }

  /** Who may do what on the node (owner only): bare JID → affiliation. */
  async getAffiliations(node: string): Promise<Map<string, Affiliation>> {
    const result = await this.request('get', xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('affiliations', { node })), `read the members of "${node}"`);
    const list = childElement(childElement(result, 'pubsub', NS_PUBSUB_OWNER) ?? result, 'affiliations');
    const map = new Map<string, Affiliation>();
    for (const entry of childElements(list ?? result, 'affiliation')) {
      const jid = entry.attrs.jid && safeBare(entry.attrs.jid);
      if (jid && entry.attrs.affiliation) map.set(jid, entry.attrs.affiliation as Affiliation);
    }
    return map;
  }

  /** Grant or remove rights (owner only); 'none' removes the member. */
  async setAffiliation(node: string, jid: string, affiliation: Affiliation): Promise<void> {
    const who = bareJid(jid);
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('affiliations', { node }, xml('affiliation', { jid: who, affiliation }))),
      `make ${who} ${affiliation === 'none' ? 'no longer a member' : `a ${affiliation}`} of "${node}"`,
    );
  }

  /** Who is subscribed to the node (owner only): bare or full JID → subscription state. */
  async getSubscriptions(node: string): Promise<Map<string, string>> {
    const result = await this.request('get', xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('subscriptions', { node })), `read the subscribers of "${node}"`);
    const list = childElement(childElement(result, 'pubsub', NS_PUBSUB_OWNER) ?? result, 'subscriptions');
    const map = new Map<string, string>();
    for (const entry of childElements(list ?? result, 'subscription')) {
      if (entry.attrs.jid && entry.attrs.subscription) map.set(entry.attrs.jid, entry.attrs.subscription);
    }
    return map;
  }

  /** Subscribe or unsubscribe someone else (owner only); 'none' ends their notifications. */
  async setSubscription(node: string, jid: string, subscription: 'subscribed' | 'none'): Promise<void> {
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('subscriptions', { node }, xml('subscription', { jid, subscription }))),
      `${subscription === 'none' ? 'end the subscription of' : 'subscribe'} ${jid} to "${node}"`,
    );
  }

  /**
   * Take someone out of the node: end their subscriptions first, then their affiliation.
   * Prosody 0.12 keeps a subscriber subscribed when only the affiliation is removed (and answers
   * `forbidden` although the affiliation is gone), so a removed member would still be notified.
   */
  async removeMember(node: string, jid: string): Promise<void> {
    const who = bareJid(jid);
    const subscriptions = await this.getSubscriptions(node);
    for (const [subscriber, state] of subscriptions) {
      if (state !== 'none' && safeBare(subscriber) === who) await this.setSubscription(node, subscriber, 'none');
    }
    await this.setAffiliation(node, who, 'none');
  }

  /** The publish stanza for an item, as sent (for size checks). */
  private publishStanza(node: string, itemId: string, json: unknown, options: PublishOptions): XmlElement {
    const text = JSON.stringify(json);
    if (text === undefined) throw new XmppError('bad-request', `The item "${itemId}" has no JSON value to publish.`);
    return xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node }, xml('item', { id: itemId }, xml('json', { xmlns: NS_JSON }, text))),
      options.require && xml('publish-options', {}, submitForm(NS_PUBSUB_PUBLISH_OPTIONS, options.require)),
    );
  }

  /**
   * Publish (or replace: same id) one item. Fails with `too-large` before sending when the
   * stanza would exceed the session's limit (a server that receives an oversized stanza closes
   * the whole connection), `forbidden` for non-publishers, `precondition-not-met` when
   * `require` does not match the node.
   */
  async publish(node: string, itemId: string, json: unknown, options: PublishOptions = {}): Promise<void> {
    const payload = this.publishStanza(node, itemId, json, options);
    const size = this.session.sizeOf(xml('iq', { type: 'set', id: 'x'.repeat(24), to: this.service }, payload));
    if (size > this.session.maxStanzaBytes) {
      throw new XmppError(
        'too-large',
        `The item "${itemId}" is too large to publish: ${Math.ceil(size / 1024)} KiB, and the server accepts at most ${Math.floor(this.session.maxStanzaBytes / 1024)} KiB per item. Nothing was sent.`,
        { condition: 'payload-too-big' },
      );
    }
    await this.request('set', payload, `publish "${itemId}" to "${node}"`, options.timeoutMs);
  }

  /** Remove an item; with `notify` (default) subscribers get a retraction event. */
  async retract(node: string, itemId: string, options: { notify?: boolean } = {}): Promise<void> {
    const notify = options.notify ?? true;
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node, notify: notify ? 'true' : undefined }, xml('item', { id: itemId }))),
      `retract "${itemId}" from "${node}"`,
    );
  }

  /** Items of the node, as the server returns them in one answer (see `fetchAllItems` for large nodes). */
  async fetchItems(node: string, options: FetchOptions = {}): Promise<PubSubItem[]> {
    const ids = options.ids ?? [];
    const result = await this.request(
      'get',
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node, max_items: options.max }, ids.map((id) => xml('item', { id })))),
      `read the items of "${node}"`,
      options.timeoutMs,
    );
    const items = childElement(childElement(result, 'pubsub', NS_PUBSUB) ?? result, 'items');
    return childElements(items ?? result, 'item').map(readItem);
  }

  /** One item; `item-not-found` if it is not there. */
  async fetchItem(node: string, itemId: string, options: { timeoutMs?: number } = {}): Promise<PubSubItem> {
    const [item] = await this.fetchItems(node, { ids: [itemId], ...options });
    if (!item) throw new XmppError('item-not-found', `The item "${itemId}" is not in "${node}".`, { condition: 'item-not-found' });
    return item;
  }

  /** The ids of all items in the node (disco#items; Prosody lists them newest first). */
  async listItemIds(node: string, options: { timeoutMs?: number } = {}): Promise<string[]> {
    const result = await this.request('get', xml('query', { xmlns: NS_DISCO_ITEMS, node }), `list the items of "${node}"`, options.timeoutMs);
    const query = childElement(result, 'query', NS_DISCO_ITEMS);
    return childElements(query ?? result, 'item')
      .map((item) => item.attrs.name ?? '')
      .filter((id) => id !== '');
  }

  /**
   * Every item of the node, in bounded answers: ids first, then batches of `batchSize` by id.
   * Items retracted between the two steps are simply absent; `onBatch` reports progress.
   */
  async fetchAllItems(node: string, options: { batchSize?: number; timeoutMs?: number; onBatch?: (done: number, total: number) => void } = {}): Promise<PubSubItem[]> {
    const batchSize = options.batchSize ?? 250;
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    const ids = await this.listItemIds(node, timeout);
    const items: PubSubItem[] = [];
    for (let at = 0; at < ids.length; at += batchSize) {
      items.push(...(await this.fetchItems(node, { ids: ids.slice(at, at + batchSize), ...timeout })));
      options.onBatch?.(Math.min(at + batchSize, ids.length), ids.length);
    }
    return items;
  }

  /** Subscribe our bare JID: notifications then reach every online resource of the account. */
  async subscribe(node: string): Promise<'subscribed' | 'pending' | 'unconfigured' | 'none'> {
    const result = await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node, jid: this.session.bareJid })),
      `subscribe to "${node}"`,
    );
    const subscription = childElement(childElement(result, 'pubsub', NS_PUBSUB) ?? result, 'subscription');
    const state = subscription?.attrs.subscription;
    return state === 'pending' || state === 'unconfigured' || state === 'none' ? state : 'subscribed';
  }

  async unsubscribe(node: string): Promise<void> {
    await this.request(
      'set',
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('unsubscribe', { node, jid: this.session.bareJid })),
      `unsubscribe from "${node}"`,
    );
  }

  /**
   * Notifications from this service (only from it: the server stamps `from`, so another user
   * cannot forge them). One event per published item, retraction, purge or node deletion.
   */
  onEvent(listener: (event: PubSubEvent) => void, node?: string): () => void {
    return this.session.onStanza((stanza) => {
      if (stanza.name !== 'message' || !stanza.attrs.from || safeBare(stanza.attrs.from) !== this.service.toLowerCase()) return;
      const event = childElement(stanza, 'event', NS_PUBSUB_EVENT);
      if (!event) return;
      for (const events of parseEvent(event)) if (node === undefined || events.node === node) listener(events);
    });
  }
}

export function parseEvent(event: XmlElement): PubSubEvent[] {
  const out: PubSubEvent[] = [];
  for (const child of childElements(event)) {
    const node = child.attrs.node;
    if (!node) continue;
    if (child.name === 'items') {
      for (const entry of childElements(child)) {
        if (entry.name === 'item' && entry.attrs.id) out.push({ type: 'published', node, ...readItem(entry) });
        else if (entry.name === 'retract' && entry.attrs.id) out.push({ type: 'retracted', node, id: entry.attrs.id });
      }
    } else if (child.name === 'purge') out.push({ type: 'purged', node });
    else if (child.name === 'delete') out.push({ type: 'deleted', node });
  }
  return out;
}

type Wordings = Partial<Record<string, (doing: string, who: string) => string>>;

const CONDITION_WORDS: Wordings = {
  forbidden: (doing, who) => `Could not ${doing}: ${who} is not a member of this newsroom (or lacks the rights for this).`,
  'not-authorized': (doing, who) => `Could not ${doing}: the server does not let ${who} do this.`,
  'item-not-found': (doing) => `Could not ${doing}: no such node or item.`,
  conflict: (doing) => `Could not ${doing}: the node already exists.`,
  'precondition-not-met': (doing) => `Could not ${doing}: the node's settings are not what was required (e.g. it is no longer whitelist-only).`,
  'payload-too-big': (doing) => `Could not ${doing}: the server says the item is too large.`,
  'service-unavailable': (doing) => `Could not ${doing}: the service does not exist or does not offer this.`,
  'feature-not-implemented': (doing) => `Could not ${doing}: the server does not support this.`,
  'not-acceptable': (doing) => `Could not ${doing}: the server did not accept it.`,
  'internal-server-error': (doing) => `Could not ${doing}: the server failed (internal-server-error).`,
};

/** Reword a failed request for the person reading it. */
function explain(error: unknown, doing: string, who: string, overrides?: Wordings): unknown {
  if (!isXmppError(error) || error.condition === 'stanza-too-large') return error;
  if (error.code === 'timeout' || error.code === 'connection-lost') {
    return new XmppError(error.code, `Could not ${doing}: ${error.message}`, { ...(error.condition ? { condition: error.condition } : {}), cause: error });
  }
  const words = error.condition ? CONDITION_WORDS[error.condition] : undefined;
  const wording = (error.condition && overrides?.[error.condition]) || (error.condition ? CONDITION_WORDS[error.condition] : undefined);
  const message = wording ? wording(doing, who) : `Could not ${doing}: the server answered ${error.condition ?? error.code}.`;
  const suffix = error.serverText ? ` The server said: "${error.serverText}".` : '';
  return new XmppError(error.code, message + suffix, {
    ...(error.condition ? { condition: error.condition } : {}),
    ...(error.serverText ? { serverText: error.serverText } : {}),
    cause: error,
  });
}
