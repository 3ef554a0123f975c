import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { connect, isXmppError, PubSub, xml, type PubSubEvent, type WebSocketConstructor, type XmppSession } from '../../../utils/sync/xmpp';
import { parseElement, serialize, type XmlElement } from '../../../utils/sync/xmpp/xml';

/**
 * What Prosody never does, a hostile or broken server might: a scripted XMPP-over-WebSocket
 * server on 127.0.0.1 (the `ws` package's server) that signs the client in with PLAIN and then
 * misbehaves on cue. The client must refuse what it should and never hang.
 */

// The DOM's WebSocket type fits the injected constructor too (browsers, service workers).
const domWebSocket: WebSocketConstructor | undefined = globalThis.WebSocket;
void domWebSocket;

let server: WebSocketServer;
let port: number;
/** Called for each stanza the client sends after sign-in; send answers with `reply`. */
let onStanza: (stanza: XmlElement, reply: (text: string) => void) => void = () => {};
const sessions: XmppSession[] = [];

const FEATURES_AUTH = `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms></stream:features>`;
const FEATURES_BIND = `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>`;

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'xmpp' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as { port: number }).port;
  server.on('connection', (socket) => {
    let authed = false;
    const reply = (text: string) => socket.send(text);
    socket.on('message', (data) => {
      const stanza = parseElement(String(data));
      if (stanza.name === 'open') {
        reply(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="example.test" id="s1" version="1.0" xml:lang="en"/>`);
        reply(authed ? FEATURES_BIND : FEATURES_AUTH);
      } else if (stanza.name === 'auth') {
        authed = true;
        reply(`<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>`);
      } else if (stanza.name === 'iq' && stanza.children.some((child) => typeof child !== 'string' && child.name === 'bind')) {
        reply(`<iq xmlns="jabber:client" type="result" id="${stanza.attrs.id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>alice@example.test/r</jid></bind></iq>`);
      } else if (stanza.name === 'iq' && stanza.attrs.type === 'get' && stanza.attrs.to === 'example.test') {
        reply(`<iq xmlns="jabber:client" type="result" id="${stanza.attrs.id}" from="example.test"/>`);
      } else if (stanza.name === 'close') {
        reply(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
        socket.close();
      } else if (stanza.name !== 'presence') {
        onStanza(stanza, reply);
      }
    });
  });
});

afterEach(async () => {
  onStanza = () => {};
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signIn(extra: { maxIncomingChars?: number; timeoutMs?: number } = {}): Promise<XmppSession> {
  const session = await connect({ service: `ws://127.0.0.1:${port}/`, jid: 'alice@example.test', password: 'x', WebSocket, keepAliveMs: 0, ...extra });
  sessions.push(session);
  return session;
}

describe('what connect() refuses before connecting', () => {
  it.each([
    ['example.test', '"example.test" is not an account address (expected name@example.org).'],
    ['alice@', '"alice@" is not an XMPP address (expected name@example.org).'],
    ['al ice@example.test', '"al ice@example.test" is not an XMPP address (expected name@example.org).'],
  ])('the address %s', async (jid, message) => {
    const states: string[] = [];
    const error = await connect({ service: `ws://127.0.0.1:${port}/`, jid, password: 'x', WebSocket, onStatus: (status) => states.push(status.state) }).catch((e: unknown) => e);
    expect(isXmppError(error, 'refused')).toBe(true);
    expect((error as Error).message).toBe(message);
    expect(states).toEqual(['refused']);
  });
});

describe('a hostile server', () => {
  it('cannot expand entities: a DOCTYPE ends the connection with a plain error, and the request in flight fails at once', async () => {
    const session = await signIn({ timeoutMs: 60_000 });
    onStanza = (_stanza, reply) => reply('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><iq xmlns="jabber:client" type="result">&lol2;</iq>');
    const error = await session.iq('get', 'pubsub.example.test', xml('query', { xmlns: 'urn:x' })).catch((e: unknown) => e);
    expect(isXmppError(error, 'connection-lost')).toBe(true);
    expect(session.status).toMatchObject({
      state: 'offline',
      reason: 'The server sent XML that Newsdesk refuses to read: A document type declaration, which XMPP forbids (at character 0).',
      error: { code: 'protocol-error' },
    });
  });

  it('cannot send a stanza over the incoming limit', async () => {
    const session = await signIn({ maxIncomingChars: 10_000 });
    onStanza = (stanza, reply) => reply(`<iq xmlns="jabber:client" type="result" id="${stanza.attrs.id}" from="pubsub.example.test">${'x'.repeat(20_000)}</iq>`);
    const error = await session.iq('get', 'pubsub.example.test', xml('query', { xmlns: 'urn:x' })).catch((e: unknown) => e);
    expect(isXmppError(error, 'connection-lost')).toBe(true);
    expect(session.status).toMatchObject({ state: 'offline', reason: "The server sent a stanza of 20 KiB, over Newsdesk's limit of 10 KiB; the connection was closed.", error: { code: 'too-large' } });
  });

  it('cannot answer a request in the name of another address', async () => {
    const session = await signIn();
    onStanza = (stanza, reply) => reply(`<iq xmlns="jabber:client" type="result" id="${stanza.attrs.id}" from="mallory@example.test"/>`);
    const error = await session.iq('get', 'pubsub.example.test', xml('query', { xmlns: 'urn:x' }), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(isXmppError(error, 'timeout')).toBe(true);
    expect(session.status.state).toBe('online');
  });

  it('cannot forge notifications: only messages from the service count', async () => {
    const session = await signIn();
    const events: PubSubEvent[] = [];
    new PubSub(session, 'pubsub.example.test').onEvent((event) => events.push(event));
    const notification = (from: string, id: string) =>
      `<message xmlns="jabber:client" from="${from}" to="alice@example.test"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="room"><item id="${id}" publisher="bob@example.test"><json xmlns="urn:xmpp:json:0">{"t":1}</json></item></items></event></message>`;
    onStanza = (_stanza, reply) => {
      reply(notification('mallory@example.test', 'forged'));
      reply(notification('pubsub.example.test', 'real'));
      reply(`<iq xmlns="jabber:client" type="result" id="${_stanza.attrs.id}" from="pubsub.example.test"/>`);
    };
    await session.iq('get', 'pubsub.example.test', xml('query', { xmlns: 'urn:x' }));
    expect(events).toEqual([{ type: 'published', node: 'room', id: 'real', publisher: 'bob@example.test', json: { t: 1 } }]);
  });

  it('gets an item whose payload is not JSON reported, not thrown away', async () => {
    const session = await signIn();
    onStanza = (stanza, reply) =>
      reply(
        `<iq xmlns="jabber:client" type="result" id="${stanza.attrs.id}" from="pubsub.example.test"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="room"><item id="a"><json xmlns="urn:xmpp:json:0">{broken</json></item><item id="b"><entry xmlns="http://www.w3.org/2005/Atom"/></item></items></pubsub></iq>`,
      );
    const items = await new PubSub(session, 'pubsub.example.test').fetchItems('room');
    expect(items.map((item) => [item.id, item.json, item.problem?.replace(/:.*/, '')])).toEqual([
      ['a', undefined, "The item's JSON does not parse"],
      ['b', undefined, 'The item carries no JSON payload (urn'],
    ]);
  });

  it('is answered for its own requests: ping, and service-unavailable for anything else', async () => {
    await signIn();
    const answers: string[] = [];
    const got = new Promise<void>((resolve) => {
      onStanza = (stanza) => {
        answers.push(serialize(stanza));
        if (answers.length === 2) resolve();
      };
    });
    for (const socket of server.clients) {
      socket.send(`<iq xmlns="jabber:client" type="get" id="p1" from="example.test"><ping xmlns="urn:xmpp:ping"/></iq>`);
      socket.send(`<iq xmlns="jabber:client" type="set" id="q1" from="example.test"><query xmlns="jabber:iq:roster"/></iq>`);
    }
    await got;
    expect(answers).toEqual([
      '<iq xmlns="jabber:client" type="result" id="p1" to="example.test"/>',
      '<iq xmlns="jabber:client" type="error" id="q1" to="example.test"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    ]);
  });
});
