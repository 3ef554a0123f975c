/**
 * One XMPP client connection over WebSocket (RFC 7395): stream opening, SASL sign-in, resource
 * binding, initial presence, IQ request/response with per-request timeouts, keep-alive pings.
 * Pure TypeScript: the WebSocket constructor and the clock are injected, so the same code runs in
 * Node (the `ws` package), a page or an MV3 service worker.
 *
 * A session is one connection. It does not reconnect by itself: when the connection ends, every
 * request still waiting fails at once with `connection-lost`, the status becomes `offline` (with
 * the reason) or `refused` (the password or account was refused: retrying will not help), and the
 * caller decides whether to connect again (`keepConnected` in reconnect.ts does it with backoff).
 */
import { systemClock, type Clock } from './clock';
import { codeForCondition, XmppError, type XmppErrorCode } from './errors';
import { bareJid, parseJid, sameJid } from './jid';
import { base64ToUtf8, createExchange, MECHANISMS, SaslError, type MechanismName } from './sasl';
import { childElement, childElements, parseElement, serialize, textOf, xml, XmlError, type XmlElement } from './xml';

export const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
export const NS_STREAMS = 'http://etherx.jabber.org/streams';
export const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
export const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
export const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
export const NS_CLIENT = 'jabber:client';
export const NS_PING = 'urn:xmpp:ping';

/** Prosody's default `c2s_stanza_size_limit` (256 KiB); ejabberd's example config uses the same. */
export const DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
/** Largest incoming stanza we parse. Prosody 0.12 cannot page items, so a whole node's items can arrive at once. */
export const DEFAULT_MAX_INCOMING_CHARS = 16 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Chrome keeps an MV3 service worker alive while WebSocket traffic flows at least every 30 s. */
export const DEFAULT_KEEP_ALIVE_MS = 20_000;

/** What we use of a WebSocket: the DOM's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export type XmppStatus =
  | { state: 'connecting' }
  | { state: 'online'; jid: string }
  /** The connection ended (or never came up); `error` is absent when we closed it ourselves. */
  | { state: 'offline'; reason: string; error?: XmppError }
  /** Sign-in refused, or the service is not acceptable: needs the user, not a retry. */
  | { state: 'refused'; reason: string; error: XmppError };

export interface ConnectOptions {
  /** WebSocket URL: wss://…, or ws:// only on loopback (127.0.0.1, ::1, localhost). */
  service: string;
  /** The account, `name@example.org`. */
  jid: string;
  password: string;
  /** Resource to bind; default "newsdesk-" + random, so two pages never kick each other out. */
  resource?: string;
  /** Default: globalThis.WebSocket (browsers, service workers; Node 20 needs the `ws` package). */
  WebSocket?: WebSocketConstructor;
  clock?: Clock;
  onStatus?: (status: XmppStatus) => void;
  /** Mechanisms to try, in order (default SCRAM-SHA-256, SCRAM-SHA-1, PLAIN). */
  mechanisms?: readonly MechanismName[];
  /** Each sign-in step and each request (default 15 s; requests may set their own). */
  timeoutMs?: number;
  /** Largest stanza we send; must not exceed the server's limit (default 256 KiB). */
  maxStanzaBytes?: number;
  /** Largest stanza we accept (default 16 Mi characters). */
  maxIncomingChars?: number;
  /** Ping the server this often (0: never). A ping without answer ends the connection. */
  keepAliveMs?: number;
}

export interface IqOptions {
  timeoutMs?: number;
}

export interface XmppSession {
  /** Full JID the server bound. */
  readonly jid: string;
  readonly bareJid: string;
  readonly domain: string;
  readonly status: XmppStatus;
  /** The SASL mechanism used to sign in. */
  readonly mechanism: MechanismName;
  /** Largest stanza this session sends (bytes, UTF-8); larger ones fail with `too-large` before sending. */
  readonly maxStanzaBytes: number;
  /** Resolves when the session ends, with its final status. */
  readonly ended: Promise<XmppStatus>;
  onStatus(listener: (status: XmppStatus) => void): () => void;
  /**
   * Incoming <message/> and <presence/> stanzas. Stanzas that arrive before the first listener
   * is added are kept and handed to it, so nothing is missed between connect() and onStanza().
   */
  onStanza(listener: (stanza: XmlElement) => void): () => void;
  /** Send an IQ and wait for its result; an error reply rejects with an XmppError. */
  iq(type: 'get' | 'set', to: string | undefined, payload: XmlElement, options?: IqOptions): Promise<XmlElement>;
  send(stanza: XmlElement): void;
  /** Bytes (UTF-8) of a stanza as it would be sent. */
  sizeOf(stanza: XmlElement): number;
  /** Close the stream politely and end the session. */
  close(): Promise<void>;
}

const encoder = new TextEncoder();

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws `insecure` unless the URL is wss://, or ws:// on loopback. */
export function checkServiceUrl(service: string): URL {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    throw new XmppError('insecure', `"${service}" is not a WebSocket address (expected wss://example.org/xmpp-websocket).`);
  }
  if (url.protocol === 'wss:') return url;
  if (url.protocol === 'ws:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'ws:') {
    throw new XmppError('insecure', `Newsdesk connects only over an encrypted WebSocket (wss://); ${service} is not encrypted and not on this computer.`);
  }
  throw new XmppError('insecure', `"${service}" is not a WebSocket address (expected wss://example.org/xmpp-websocket).`);
}

const STREAM_ERROR_WORDS: Record<string, string> = {
  conflict: 'another connection signed in with the same resource and replaced this one',
  'connection-timeout': 'the server closed the idle connection',
  'host-unknown': 'the server does not serve this domain',
  'not-authorized': 'the server no longer accepts this sign-in',
  'policy-violation': 'Newsdesk sent more than the server accepts (a stanza over its size limit, or too fast)',
  'resource-constraint': 'the server is out of resources',
  'system-shutdown': 'the server is shutting down',
  'see-other-host': 'the server redirected to another host, which Newsdesk does not follow',
  'reset': 'the server reset the connection',
};

const SASL_WORDS: Record<string, (jid: string) => string> = {
  'not-authorized': (jid) => `The server refused the password for ${jid}.`,
  'account-disabled': (jid) => `The server has disabled the account ${jid}.`,
  'credentials-expired': (jid) => `The password for ${jid} has expired; set a new one with your XMPP provider.`,
  'invalid-authzid': (jid) => `The server refused to sign in ${jid} (invalid authorization identity).`,
  'encryption-required': (jid) => `The server requires an encrypted connection to sign in ${jid}.`,
  'mechanism-too-weak': (jid) => `The server considers the sign-in method too weak for ${jid}.`,
  'malformed-request': (jid) => `The server could not read the sign-in request for ${jid}.`,
  aborted: (jid) => `The sign-in of ${jid} was aborted.`,
};

function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** First element child in the stanza-errors (or stream-errors) namespace, and the server's text. */
export function errorCondition(error: XmlElement | undefined, xmlns = NS_STANZAS): { condition: string; text?: string; appCondition?: string } {
  if (!error) return { condition: 'undefined-condition' };
  const conditions = childElements(error).filter((child) => child.xmlns === xmlns && child.name !== 'text');
  const text = textOf(childElement(error, 'text', xmlns)).trim();
  const app = childElements(error).find((child) => child.xmlns !== xmlns);
  return {
    condition: conditions[0]?.name ?? 'undefined-condition',
    ...(text ? { text } : {}),
    ...(app ? { appCondition: app.name } : {}),
  };
}

/** The XmppError for an IQ error reply, in generic words (callers add what they were doing). */
export function iqError(stanza: XmlElement, doing: string): XmppError {
  const { condition, text, appCondition } = errorCondition(childElement(stanza, 'error'));
  const named = appCondition ?? condition;
  const code: XmppErrorCode = appCondition === 'payload-too-big' ? 'too-large' : appCondition === 'precondition-not-met' ? 'precondition-not-met' : codeForCondition(condition);
  return new XmppError(code, `Could not ${doing}: the server answered ${named}.${text ? ` The server said: "${text}".` : ''}`, {
    condition: named,
    ...(text ? { serverText: text } : {}),
  });
}

interface PendingIq {
  resolve(stanza: XmlElement): void;
  reject(error: XmppError): void;
  timer: unknown;
  to: string | undefined;
}

class Connection implements XmppSession {
  jid = '';
  bareJid: string;
  domain: string;
  mechanism: MechanismName = 'PLAIN';
  status: XmppStatus = { state: 'connecting' };
  readonly maxStanzaBytes: number;
  readonly ended: Promise<XmppStatus>;

  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly maxIncomingChars: number;
  private readonly keepAliveMs: number;
  private socket: WebSocketLike | undefined;
  private readonly pending = new Map<string, PendingIq>();
  private readonly statusListeners = new Set<(status: XmppStatus) => void>();
  private readonly stanzaListeners = new Set<(stanza: XmlElement) => void>();
  private early: XmlElement[] | undefined = [];
  /** During stream negotiation, incoming top-level elements go here instead of the dispatcher. */
  private negotiation: { queue: XmlElement[]; waiter?: { resolve(el: XmlElement): void; reject(error: XmppError): void } } | undefined = { queue: [] };
  private finished = false;
  private closing: { resolve(): void } | undefined;
  private keepAliveTimer: unknown;
  private resolveEnded!: (status: XmppStatus) => void;
  private nextId = 0;
  private readonly idPrefix = randomId();

  constructor(private readonly options: ConnectOptions) {
    const account = parseJid(options.jid);
    if (!account.local) throw new Error(`"${options.jid}" is not an account address (expected name@example.org).`);
    this.bareJid = bareJid(account);
    this.domain = account.domain;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxStanzaBytes = options.maxStanzaBytes ?? DEFAULT_MAX_STANZA_BYTES;
    this.maxIncomingChars = options.maxIncomingChars ?? DEFAULT_MAX_INCOMING_CHARS;
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    if (options.onStatus) this.statusListeners.add(options.onStatus);
  }

  onStatus(listener: (status: XmppStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onStanza(listener: (stanza: XmlElement) => void): () => void {
    this.stanzaListeners.add(listener);
    const early = this.early;
    this.early = undefined;
    for (const stanza of early ?? []) listener(stanza);
    return () => this.stanzaListeners.delete(listener);
  }

  private setStatus(status: XmppStatus): void {
    this.status = status;
    for (const listener of [...this.statusListeners]) {
      try {
        listener(status);
      } catch {
        // A listener's failure must not break the connection.
      }
    }
  }

  async run(): Promise<void> {
    const url = checkServiceUrl(this.options.service);
    const Socket = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Socket) throw new XmppError('connection-lost', 'No WebSocket implementation is available here (in Node 20, pass the `ws` package).');
    this.setStatus({ state: 'connecting' });
    const socket = new Socket(url.href, 'xmpp');
    this.socket = socket;
    await this.waitForOpen(socket);
    if (socket.protocol !== 'xmpp') throw new XmppError('protocol-error', `${url.host} did not accept the XMPP WebSocket protocol (is ${url.href} an XMPP WebSocket endpoint?).`);
    let features = await this.openStream();
    await this.authenticate(features);
    features = await this.openStream();
    this.negotiation = undefined; // from here on, IQs and the dispatcher take over
    if (!childElement(features, 'bind', NS_BIND)) throw new XmppError('protocol-error', 'The server offered no resource binding after sign-in.');
    const resource = this.options.resource ?? `newsdesk-${randomId()}`;
    const bound = await this.iq('set', undefined, xml('bind', { xmlns: NS_BIND }, xml('resource', {}, resource))).catch((error: unknown) => {
      throw error instanceof XmppError ? new XmppError(error.code, `The server refused to bind the resource "${resource}" for ${this.bareJid}.`, { ...(error.condition ? { condition: error.condition } : {}) }) : error;
    });
    this.jid = textOf(childElement(childElement(bound, 'bind', NS_BIND) ?? bound, 'jid'));
    if (!this.jid) throw new XmppError('protocol-error', 'The server bound no address.');
    const session = childElement(features, 'session', NS_SESSION);
    if (session && !childElement(session, 'optional')) await this.iq('set', undefined, xml('session', { xmlns: NS_SESSION }));
    // Initial presence: PubSub notifications to the bare JID reach only available resources.
    this.send(xml('presence', {}));
    // The server handles one session's stanzas in order: once the ping is answered, the presence
    // is in effect and no notification published after connect() resolves can be missed.
    await this.iq('get', this.domain, xml('ping', { xmlns: NS_PING })).catch((error: unknown) => {
      if (!(error instanceof XmppError) || error.code === 'timeout' || error.code === 'connection-lost') throw error;
    });
    this.setStatus({ state: 'online', jid: this.jid });
    this.scheduleKeepAlive();
  }

  private waitForOpen(socket: WebSocketLike): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        reject(new XmppError('timeout', `${this.options.service} did not answer within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      let opened = false;
      socket.onopen = () => {
        opened = true;
        this.clock.clearTimeout(timer);
        resolve();
      };
      socket.onmessage = (event: { data: unknown }) => this.receive(event.data);
      socket.onerror = (event: { message?: string }) => {
        const detail = typeof event?.message === 'string' && event.message ? ` (${event.message})` : '';
        const error = new XmppError('connection-lost', opened ? `The connection to ${this.hostName()} failed${detail}.` : `Could not reach ${this.options.service}${detail}.`);
        this.clock.clearTimeout(timer);
        reject(error);
        this.finish(error);
      };
      socket.onclose = (event: { code?: number; reason?: string }) => {
        const detail = event?.code === 1009 ? ' (a message was over the size limit)' : event?.reason ? ` (${event.reason})` : '';
        const error = new XmppError('connection-lost', opened ? `The connection to ${this.hostName()} was lost${detail}.` : `Could not reach ${this.options.service}${detail}.`);
        this.clock.clearTimeout(timer);
        reject(error);
        // Closing the socket after our own <close/> is the normal end, not a loss.
        this.finish(this.closing ? undefined : error);
      };
    });
  }

  private hostName(): string {
    try {
      return new URL(this.options.service).host;
    } catch {
      return this.options.service;
    }
  }

  private next(): Promise<XmlElement> {
    const negotiation = this.negotiation;
    if (!negotiation) return Promise.reject(new XmppError('protocol-error', 'Stream negotiation already over.'));
    const queued = negotiation.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.finished) return Promise.reject(this.endError());
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        negotiation.waiter = undefined;
        reject(new XmppError('timeout', `${this.hostName()} stopped answering while signing in ${this.bareJid} (no answer within ${this.timeoutMs / 1000} s).`));
      }, this.timeoutMs);
      negotiation.waiter = {
        resolve: (el) => {
          this.clock.clearTimeout(timer);
          resolve(el);
        },
        reject: (error) => {
          this.clock.clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  private endError(): XmppError {
    const status = this.status;
    return status.state === 'offline' || status.state === 'refused'
      ? status.error ?? new XmppError('connection-lost', status.reason)
      : new XmppError('connection-lost', `The connection to ${this.hostName()} was lost.`);
  }

  private async openStream(): Promise<XmlElement> {
    this.send(xml('open', { xmlns: NS_FRAMING, to: this.domain, version: '1.0' }));
    const open = await this.next();
    if (open.name !== 'open' || open.xmlns !== NS_FRAMING) throw new XmppError('protocol-error', `The server answered <${open.name}> where it should open the stream.`);
    if (open.attrs.version !== '1.0') throw new XmppError('protocol-error', 'The server does not speak XMPP 1.0.');
    const features = await this.next();
    if (features.name !== 'features' || features.xmlns !== NS_STREAMS) throw new XmppError('protocol-error', `The server sent <${features.name}> where it should list its features.`);
    return features;
  }

  private async authenticate(features: XmlElement): Promise<void> {
    const offered = childElements(childElement(features, 'mechanisms', NS_SASL) ?? features, 'mechanism').map((el) => textOf(el).trim());
    const wanted = this.options.mechanisms ?? MECHANISMS;
    const mechanism = wanted.find((name) => offered.includes(name));
    if (!mechanism) {
      throw new XmppError('refused', `The server offers no sign-in method Newsdesk can use (it offers: ${offered.join(', ') || 'none'}).`, { condition: 'no-mechanism' });
    }
    this.mechanism = mechanism;
    const { local } = parseJid(this.bareJid);
    const exchange = createExchange(mechanism, local, this.options.password);
    try {
      this.send(xml('auth', { xmlns: NS_SASL, mechanism }, (await exchange.start()) || '='));
      for (;;) {
        const answer = await this.next();
        if (answer.xmlns !== NS_SASL) throw new XmppError('protocol-error', `The server sent <${answer.name}> during sign-in.`);
        if (answer.name === 'challenge') {
          this.send(xml('response', { xmlns: NS_SASL }, (await exchange.step(textOf(answer).trim())) || '='));
        } else if (answer.name === 'success') {
          await exchange.finish(textOf(answer).trim().replace(/^=$/, ''));
          return;
        } else if (answer.name === 'failure') {
          const { condition, text } = errorCondition(answer, NS_SASL);
          const words = SASL_WORDS[condition]?.(this.bareJid) ?? `The server refused to sign in ${this.bareJid} (${condition}).`;
          if (condition === 'temporary-auth-failure') {
            throw new XmppError('service-unavailable', `The server could not check the password for ${this.bareJid} just now; try again later.`, { condition });
          }
          throw new XmppError('refused', words, { condition, ...(text ? { serverText: text } : {}) });
        } else {
          throw new XmppError('protocol-error', `The server sent <${answer.name}> during sign-in.`);
        }
      }
    } catch (error) {
      if (error instanceof SaslError) throw new XmppError('refused', `Sign-in of ${this.bareJid} stopped: ${error.message}`, { condition: 'sasl', cause: error });
      if (error instanceof DOMException || (error instanceof Error && error.name === 'InvalidCharacterError')) {
        throw new XmppError('protocol-error', 'The server sent a malformed sign-in challenge.', { cause: error });
      }
      throw error;
    }
  }

  /** The text sent for a stanza: top-level iq/message/presence built without a namespace get jabber:client. */
  private text(stanza: XmlElement): string {
    const top = stanza.xmlns === '' && (stanza.name === 'iq' || stanza.name === 'message' || stanza.name === 'presence') ? { ...stanza, xmlns: NS_CLIENT } : stanza;
    return serialize(top);
  }

  sizeOf(stanza: XmlElement): number {
    return encoder.encode(this.text(stanza)).length;
  }

  send(stanza: XmlElement): void {
    if (this.finished || !this.socket) throw this.endError();
    const text = this.text(stanza);
    const bytes = text.length * 3 <= this.maxStanzaBytes ? text.length : encoder.encode(text).length;
    if (bytes > this.maxStanzaBytes) {
      throw new XmppError('too-large', `A ${kib(bytes)} stanza is over the ${kib(this.maxStanzaBytes)} the server accepts; nothing was sent.`, { condition: 'stanza-too-large' });
    }
    this.socket.send(text);
  }

  iq(type: 'get' | 'set', to: string | undefined, payload: XmlElement, options: IqOptions = {}): Promise<XmlElement> {
    const id = `${this.idPrefix}-${++this.nextId}`;
    const stanza = xml('iq', { type, id, to }, payload);
    return new Promise((resolve, reject) => {
      try {
        this.send(stanza);
      } catch (error) {
        reject(error);
        return;
      }
      const timeoutMs = options.timeoutMs ?? this.timeoutMs;
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(id);
        reject(new XmppError('timeout', `${to ?? this.hostName()} did not answer within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, to });
    });
  }

  private receive(data: unknown): void {
    if (this.finished) return;
    if (typeof data !== 'string') {
      this.finish(new XmppError('protocol-error', 'The server sent a binary WebSocket message; XMPP uses text.'));
      return;
    }
    if (data.length > this.maxIncomingChars) {
      this.finish(new XmppError('too-large', `The server sent a stanza of ${kib(data.length)}, over Newsdesk's limit of ${kib(this.maxIncomingChars)}; the connection was closed.`, { condition: 'incoming-too-large' }));
      return;
    }
    let element: XmlElement;
    try {
      element = parseElement(data);
    } catch (error) {
      const detail = error instanceof XmlError ? error.message : String(error);
      this.finish(new XmppError('protocol-error', `The server sent XML that Newsdesk refuses to read: ${detail}`, { cause: error }));
      return;
    }
    if (element.xmlns === NS_FRAMING && element.name === 'close') {
      this.handleServerClose();
      return;
    }
    if (element.xmlns === NS_STREAMS && element.name === 'error') {
      const { condition, text } = errorCondition(element, NS_STREAM_ERRORS);
      const words = STREAM_ERROR_WORDS[condition] ?? `the server ended the stream (${condition})`;
      const code: XmppErrorCode = condition === 'policy-violation' ? 'too-large' : 'connection-lost';
      this.finish(new XmppError(code, `The server closed the connection: ${words}${text ? ` ("${text}")` : ''}.`, { condition, ...(text ? { serverText: text } : {}) }));
      return;
    }
    if (this.negotiation) {
      const waiter = this.negotiation.waiter;
      this.negotiation.waiter = undefined;
      if (waiter) waiter.resolve(element);
      else this.negotiation.queue.push(element);
      return;
    }
    this.dispatch(element);
  }

  private dispatch(stanza: XmlElement): void {
    if (stanza.name === 'iq' && stanza.xmlns === NS_CLIENT) {
      const { type, id, from } = stanza.attrs;
      if (type === 'result' || type === 'error') {
        const pending = id === undefined ? undefined : this.pending.get(id);
        if (!pending || !this.fromMatches(from, pending.to)) return; // not ours, or spoofed
        this.pending.delete(id!);
        this.clock.clearTimeout(pending.timer);
        if (type === 'result') pending.resolve(stanza);
        else pending.reject(iqError(stanza, 'complete the request'));
      } else if (type === 'get' || type === 'set') {
        this.answerIq(stanza);
      }
      return;
    }
    if ((stanza.name === 'message' || stanza.name === 'presence') && stanza.xmlns === NS_CLIENT) {
      if (this.early) {
        if (this.early.length < 10_000) this.early.push(stanza);
        return;
      }
      for (const listener of [...this.stanzaListeners]) {
        try {
          listener(stanza);
        } catch {
          // A listener's failure must not stop delivery to the others.
        }
      }
    }
  }

  /** RFC 6120 §10.1: a reply comes from the address asked (our own server answers for our bare JID). */
  private fromMatches(from: string | undefined, to: string | undefined): boolean {
    if (to === undefined || sameJid(to, this.bareJid) || sameJid(to, this.domain)) {
      return from === undefined || sameJid(from, this.bareJid) || sameJid(from, this.domain) || sameJid(from, this.jid) || (to !== undefined && sameJid(from, to));
    }
    return from !== undefined && sameJid(from, to);
  }

  private answerIq(request: XmlElement): void {
    const { id, from } = request.attrs;
    const ping = childElement(request, 'ping', NS_PING);
    const reply =
      ping && request.attrs.type === 'get'
        ? xml('iq', { type: 'result', id, to: from })
        : xml('iq', { type: 'error', id, to: from }, xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS })));
    try {
      this.send(reply);
    } catch {
      // Connection ending: nothing to answer on.
    }
  }

  private scheduleKeepAlive(): void {
    if (this.keepAliveMs <= 0 || this.finished) return;
    this.keepAliveTimer = this.clock.setTimeout(() => {
      this.iq('get', this.domain, xml('ping', { xmlns: NS_PING })).then(
        () => this.scheduleKeepAlive(),
        (error: unknown) => {
          if (error instanceof XmppError && error.code === 'timeout') {
            this.finish(new XmppError('timeout', `${this.hostName()} stopped answering (no reply to a ping within ${this.timeoutMs / 1000} s).`));
          } else this.scheduleKeepAlive();
        },
      );
    }, this.keepAliveMs);
  }

  private handleServerClose(): void {
    if (this.closing) {
      this.finish(undefined);
      return;
    }
    try {
      this.socket?.send(serialize(xml('close', { xmlns: NS_FRAMING })));
    } catch {
      // already closed
    }
    this.finish(new XmppError('connection-lost', `The server closed the connection to ${this.bareJid}.`));
  }

  async close(): Promise<void> {
    if (this.finished) return;
    const done = new Promise<void>((resolve) => (this.closing = { resolve }));
    try {
      this.socket?.send(serialize(xml('close', { xmlns: NS_FRAMING })));
    } catch {
      this.finish(undefined);
    }
    // The server answers <close/>; don't wait long for it.
    const timer = this.clock.setTimeout(() => this.finish(undefined), Math.min(this.timeoutMs, 2_000));
    await Promise.race([done, this.ended]);
    this.clock.clearTimeout(timer);
  }

  /** End the session once: reject everything waiting, close the socket, report the final status. */
  finish(error: XmppError | undefined): void {
    if (this.finished) return;
    this.finished = true;
    this.clock.clearTimeout(this.keepAliveTimer);
    const lost = error ?? new XmppError('connection-lost', `The connection to ${this.hostName()} was closed.`);
    const status: XmppStatus =
      error && (error.code === 'refused' || error.code === 'insecure')
        ? { state: 'refused', reason: error.message, error }
        : error
          ? { state: 'offline', reason: error.message, error }
          : { state: 'offline', reason: 'Signed out.' };
    this.status = status;
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    for (const pending of inFlight) {
      this.clock.clearTimeout(pending.timer);
      // Whatever ended the connection, for a request it is the same: no answer will come.
      pending.reject(new XmppError('connection-lost', `${lost.message} The request was not answered; it may or may not have been carried out.`, { ...(lost.condition ? { condition: lost.condition } : {}), cause: lost }));
    }
    this.negotiation?.waiter?.reject(lost);
    if (this.negotiation) this.negotiation.waiter = undefined;
    try {
      this.socket?.close(1000);
    } catch {
      // already closed
    }
    this.closing?.resolve();
    this.setStatus(status);
    this.resolveEnded(status);
  }
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Connect, sign in, bind, send initial presence. Resolves with the session once online; rejects
 * with an XmppError (`refused` for a wrong password, `insecure` for ws:// off loopback, …).
 */
export async function connect(options: ConnectOptions): Promise<XmppSession> {
  let connection: Connection;
  try {
    connection = new Connection(options);
  } catch (error) {
    const refused = new XmppError('refused', error instanceof Error ? error.message : String(error));
    options.onStatus?.({ state: 'refused', reason: refused.message, error: refused });
    throw refused;
  }
  try {
    await connection.run();
    return connection;
  } catch (error) {
    const failure =
      error instanceof XmppError ? error : new XmppError('protocol-error', `Could not connect: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    connection.finish(failure);
    // The socket may have failed first (then the status holds the original reason).
    const status = connection.status;
    throw status.state !== 'online' && status.state !== 'connecting' && status.error ? status.error : failure;
  }
}
