/**
 * SASL mechanisms (RFC 4422) for XMPP sign-in: SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 5802/7677)
 * computed with WebCrypto (native PBKDF2: milliseconds, where pure-JS SCRAM costs hundreds), and
 * PLAIN (RFC 4616), which the caller offers only over wss:// or loopback. Channel binding
 * (-PLUS) is not available to browser code, so the GS2 header is "n,,".
 */

export type MechanismName = 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'PLAIN';

/** Our preference order: the password never leaves the machine with SCRAM. */
export const MECHANISMS: readonly MechanismName[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

/** One exchange: `start()` is the initial response, `step()` answers each challenge, `finish()` checks the success data. */
export interface SaslExchange {
  start(): Promise<string>;
  step(challenge: string): Promise<string>;
  /** Throws when the server's final message does not prove it knows the password. */
  finish(additionalData: string): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function bytesFromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const utf8ToBase64 = (text: string) => base64FromBytes(encoder.encode(text));
export const base64ToUtf8 = (text: string) => decoder.decode(bytesFromBase64(text));

export class SaslError extends Error {
  override name = 'SaslError';
}

function plain(username: string, password: string): SaslExchange {
  return {
    start: async () => utf8ToBase64(`\0${username}\0${password}`),
    step: async () => {
      throw new SaslError('The server sent a challenge to PLAIN sign-in.');
    },
    finish: async () => {},
  };
}

function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) map.set(part[0]!, part.slice(2));
  }
  return map;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** At most this many PBKDF2 iterations are accepted from a server (a hostile count could freeze the worker). */
export const MAX_SCRAM_ITERATIONS = 1_000_000;

function scram(hash: 'SHA-1' | 'SHA-256', username: string, password: string, random: (n: number) => Uint8Array): SaslExchange {
  const subtle = globalThis.crypto.subtle;
  const bits = hash === 'SHA-1' ? 160 : 256;
  const clientNonce = base64FromBytes(random(18));
  const clientFirstBare = `n=${saslName(username)},r=${clientNonce}`;
  let expectedServerSignature: Uint8Array | undefined;

  const hmac = async (key: Uint8Array, data: string | Uint8Array) => {
    const cryptoKey = await subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', cryptoKey, (typeof data === 'string' ? encoder.encode(data) : data) as BufferSource));
  };

  return {
    start: async () => utf8ToBase64(`n,,${clientFirstBare}`),
    async step(challenge) {
      if (expectedServerSignature) throw new SaslError('The server sent a second SCRAM challenge.');
      const serverFirst = base64ToUtf8(challenge);
      const attributes = parseAttributes(serverFirst);
      const nonce = attributes.get('r') ?? '';
      const salt = attributes.get('s');
      const iterations = Number(attributes.get('i'));
      if (attributes.has('m')) throw new SaslError('The server asked for a SCRAM extension Newsdesk does not know.');
      if (!nonce.startsWith(clientNonce) || nonce.length === clientNonce.length) throw new SaslError('The server answered with a wrong SCRAM nonce.');
      if (!salt || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_SCRAM_ITERATIONS) {
        throw new SaslError('The server sent an unusable SCRAM challenge (salt or iteration count).');
      }
      // SASLprep is approximated by NFKC, which is what it amounts to for passwords people type.
      const passwordKey = await subtle.importKey('raw', encoder.encode(password.normalize('NFKC')), 'PBKDF2', false, ['deriveBits']);
      const salted = new Uint8Array(
        await subtle.deriveBits({ name: 'PBKDF2', salt: bytesFromBase64(salt) as BufferSource, iterations, hash }, passwordKey, bits),
      );
      const clientKey = await hmac(salted, 'Client Key');
      const storedKey = new Uint8Array(await subtle.digest(hash, clientKey as BufferSource));
      const clientFinalWithoutProof = `c=biws,r=${nonce}`;
      const authMessage = `${clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
      const clientSignature = await hmac(storedKey, authMessage);
      const serverKey = await hmac(salted, 'Server Key');
      expectedServerSignature = await hmac(serverKey, authMessage);
      return utf8ToBase64(`${clientFinalWithoutProof},p=${base64FromBytes(xor(clientKey, clientSignature))}`);
    },
    async finish(additionalData) {
      const attributes = parseAttributes(additionalData ? base64ToUtf8(additionalData) : '');
      const verifier = attributes.get('v');
      if (!expectedServerSignature || !verifier || !equalBytes(bytesFromBase64(verifier), expectedServerSignature)) {
        throw new SaslError('The server could not prove that it knows the password (SCRAM server signature missing or wrong).');
      }
    },
  };
}

export function createExchange(
  mechanism: MechanismName,
  username: string,
  password: string,
  random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
): SaslExchange {
  switch (mechanism) {
    case 'SCRAM-SHA-256':
      return scram('SHA-256', username, password, random);
    case 'SCRAM-SHA-1':
      return scram('SHA-1', username, password, random);
    case 'PLAIN':
      return plain(username, password);
  }
}
