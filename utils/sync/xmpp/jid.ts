/** JIDs (RFC 7622), checked for shape only: the server does the full preparation. */

export interface Jid {
  local: string;
  domain: string;
  resource: string;
}

/** Parse "local@domain/resource"; throws a plain-words Error on a malformed address. */
export function parseJid(text: string): Jid {
  const slash = text.indexOf('/');
  const bare = slash === -1 ? text : text.slice(0, slash);
  const resource = slash === -1 ? '' : text.slice(slash + 1);
  const at = bare.indexOf('@');
  const local = at === -1 ? '' : bare.slice(0, at);
  const domain = (at === -1 ? bare : bare.slice(at + 1)).toLowerCase().replace(/\.$/, '');
  if (!domain || /[\s@/]/.test(domain) || (at !== -1 && !local) || /[\s"&'/:<>@]/.test(local) || (slash !== -1 && !resource)) {
    throw new Error(`"${text}" is not an XMPP address (expected name@example.org).`);
  }
  return { local, domain, resource };
}

export function bareJid(jid: string | Jid): string {
  const { local, domain } = typeof jid === 'string' ? parseJid(jid) : jid;
  return local ? `${local}@${domain}` : domain;
}

/** Compare two addresses the way the server would for ASCII names (domain and local part are case-insensitive). */
export function sameJid(a: string, b: string): boolean {
  try {
    const x = parseJid(a);
    const y = parseJid(b);
    return x.local.toLowerCase() === y.local.toLowerCase() && x.domain === y.domain && x.resource === y.resource;
  } catch {
    return false;
  }
}
