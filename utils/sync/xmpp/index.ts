/**
 * XMPP transport for the shared newsroom: a WebSocket client (connection.ts), PubSub on top
 * (pubsub.ts), endpoint discovery (discovery.ts) and reconnection with backoff (reconnect.ts).
 * No storage, no item model: the sync layer builds on this.
 */
export type { Clock } from './clock';
export { systemClock } from './clock';
export {
  checkServiceUrl,
  connect,
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_MAX_INCOMING_CHARS,
  DEFAULT_MAX_STANZA_BYTES,
  DEFAULT_TIMEOUT_MS,
  isLoopbackHost,
  type ConnectOptions,
  type IqOptions,
  type WebSocketConstructor,
  type WebSocketLike,
  type XmppSession,
  type XmppStatus,
} from './connection';
export { discoverWebSocket, type Discovery, type DiscoverOptions, type FetchLike } from './discovery';
export { isXmppError, XmppError, type XmppErrorCode } from './errors';
export { bareJid, parseJid, sameJid, type Jid } from './jid';
export {
  NS_JSON,
  PubSub,
  type AccessModel,
  type Affiliation,
  type FetchOptions,
  type NodeConfig,
  type NodeConfigReport,
  type PublishOptions,
  type PubSubEvent,
  type PubSubItem,
} from './pubsub';
export { backoffDelay, keepConnected, type Keeper, type KeepConnectedOptions } from './reconnect';
export type { MechanismName } from './sasl';
export { xml, type XmlElement } from './xml';
