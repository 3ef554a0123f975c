/** XMPP failures as one typed error with a plain-words message and a code to switch on. */

export type XmppErrorCode =
  /** A ws:// service that is not on loopback, or only ws:// discovered: nothing was sent. */
  | 'insecure'
  /** Sign-in refused (wrong password, disabled account, no safe mechanism, server could not prove itself). Do not retry without the user. */
  | 'refused'
  /** The request needs a sign-in or rights this account lacks (stanza error not-authorized). */
  | 'not-authorized'
  /** Not a member of the node (whitelist), or not its owner. */
  | 'forbidden'
  /** No such node, or no such item. */
  | 'item-not-found'
  /** The node already exists. */
  | 'conflict'
  /** The node's configuration is not what publish-options required. */
  | 'precondition-not-met'
  /** An item or stanza over the size limit (ours or the server's). */
  | 'too-large'
  /** The service does not exist or does not offer this. */
  | 'service-unavailable'
  /** The server did not answer in time. */
  | 'timeout'
  /** The connection ended before the answer came (in-flight requests fail with this). */
  | 'connection-lost'
  /** The request was malformed or not accepted (bad-request, not-acceptable, not-allowed…). */
  | 'bad-request'
  /** The server failed (internal-server-error, or any other condition). */
  | 'server-error'
  /** The server broke the protocol, or sent something we refuse to parse. */
  | 'protocol-error';

export class XmppError extends Error {
  override name = 'XmppError';
  readonly code: XmppErrorCode;
  /** The XMPP condition as the server named it (e.g. "forbidden", "precondition-not-met"). */
  readonly condition?: string;
  /** The server's own text, if it sent one. */
  readonly serverText?: string;
  constructor(code: XmppErrorCode, message: string, details: { condition?: string; serverText?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.condition !== undefined) this.condition = details.condition;
    if (details.serverText !== undefined) this.serverText = details.serverText;
  }
}

export function isXmppError(error: unknown, code?: XmppErrorCode): error is XmppError {
  return error instanceof XmppError && (code === undefined || error.code === code);
}

/** Stanza error condition (RFC 6120 §8.3.3) → our code. */
export function codeForCondition(condition: string): XmppErrorCode {
  switch (condition) {
    case 'not-authorized':
    case 'payment-required':
    case 'registration-required':
      return 'not-authorized';
    case 'forbidden':
      return 'forbidden';
    case 'item-not-found':
    case 'recipient-unavailable':
    case 'remote-server-not-found':
      return 'item-not-found';
    case 'conflict':
      return 'conflict';
    case 'precondition-not-met':
      return 'precondition-not-met';
    case 'policy-violation':
    case 'resource-constraint':
      return 'too-large';
    case 'service-unavailable':
    case 'feature-not-implemented':
      return 'service-unavailable';
    case 'remote-server-timeout':
      return 'timeout';
    case 'bad-request':
    case 'not-acceptable':
    case 'not-allowed':
    case 'jid-malformed':
    case 'unexpected-request':
      return 'bad-request';
    default:
      return 'server-error';
  }
}
