/**
 * ProtoXEPs: proposals in xmpp.org/extensions/inbox/, rendered like XEPs but without a number.
 * Their page names the future xep-xxxx.html as canonical; only the inbox address exists.
 */
import { canonicalUrl } from '../../extract/url';
import type { PageAdapter } from '../types';
import { isXepUrl, readXep } from '../xep/read';

function isInbox(url: URL | null): boolean {
  return url !== null && /^\/extensions\/inbox\//.test(url.pathname);
}

export const protoXep: PageAdapter = {
  id: 'protoxep',
  kind: 'xep',
  detect: (page) => isXepUrl(page.url) && isInbox(page.location),
  read: (page) => {
    const info = readXep(page.doc, page.url);
    return info ? { xep: { ...info, number: null }, canonicalUrl: canonicalUrl(page.url) } : null;
  },
};
