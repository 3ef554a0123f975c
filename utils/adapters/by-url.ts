/**
 * What the address alone says about a page, for when only a link is known (a page that could
 * not be read, a link in a past issue): the adapters' URL rules, without reading any DOM.
 * Light on purpose: no content extraction is imported here.
 */
import data from './fediverse/servers.json';
import forgejo from './forgejo-release/forge.json';
import github from './github-release/forge.json';
import gitlab from './gitlab-release/forge.json';
import type { PageKind } from './index';
import { forgeReleasePath, type ForgeData, type ForgeReleasePath } from './release/forge';
import sourcehut from './sourcehut-release/forge.json';
import { isVideoUrl } from './video/read';
import { isMailArchiveUrl } from './mailing-list/read';
import { isXepUrl } from './xep/read';

const FORGES: readonly [string, ForgeData][] = [
  ['github-release', github as ForgeData],
  ['gitlab-release', gitlab as ForgeData],
  ['forgejo-release', forgejo as ForgeData],
  ['sourcehut-release', sourcehut as ForgeData],
];
const STATUS_PATHS = data.statusPaths.map((p) => new RegExp(p));

export interface UrlKind {
  adapter: string;
  kind: PageKind;
  /** A forge release's repository and tag, when the address is one. */
  forge?: ForgeReleasePath;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The adapter and kind the address points to, or null when only the page could tell. */
export function kindFromUrl(url: string): UrlKind | null {
  const location = parse(url);
  if (!location || !/^https?:$/.test(location.protocol)) return null;
  if (isXepUrl(url)) return /^\/extensions\/inbox\//.test(location.pathname) ? { adapter: 'protoxep', kind: 'xep' } : { adapter: 'xep', kind: 'xep' };
  for (const [adapter, forge] of FORGES) {
    const path = forgeReleasePath(forge, location);
    if (path) return { adapter, kind: 'release', forge: path };
  }
  if (/(^|\.)f-droid\.org$/.test(location.hostname) && /\/packages\/[\w.]+\/?$/.test(location.pathname)) return { adapter: 'fdroid', kind: 'release' };
  if (location.hostname === 'play.google.com' && /^\/store\/apps\/details/.test(location.pathname)) return { adapter: 'google-play', kind: 'release' };
  if (location.hostname === 'apps.apple.com' && /\/app\//.test(location.pathname)) return { adapter: 'app-store', kind: 'release' };
  if (isVideoUrl(url)) return { adapter: 'video', kind: 'video' };
  if (isMailArchiveUrl(location)) return { adapter: 'mailing-list', kind: 'mailing-list' };
  if (STATUS_PATHS.some((re) => re.test(location.pathname))) return { adapter: 'fediverse', kind: 'social' };
  return null;
}
