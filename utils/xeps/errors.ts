/** Why a month's history could not be read, in words an editor can act on. */
export type XepSourceErrorKind =
  | 'offline'
  | 'rate-limited'
  | 'not-found'
  | 'unauthorized'
  | 'server'
  | 'bad-response'
  | 'git'
  | 'git-missing';

export class XepSourceError extends Error {
  override name = 'XepSourceError';

  constructor(
    readonly kind: XepSourceErrorKind,
    message: string,
    /** For 'rate-limited': when the limit resets (ISO 8601, UTC), if the forge said. */
    readonly resetsAt: string | null = null,
  ) {
    super(message);
  }
}
