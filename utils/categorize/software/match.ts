/**
 * Which project of a community software list a page or link is about: by its forge repository
 * (the page's URL, or the repository of the project's home or DOAP file), by the project's name
 * in the title, or by the project's own host. Plugins and gateways of a project are projects of
 * their own: "Openfire plugin …" and "slidge-whatsapp" do not match Openfire or Slidge.
 */
import type { SoftwareList, SoftwareProject } from './list';
import words from './matching.json';

export interface SoftwareMatch {
  project: SoftwareProject;
  /** How it was recognised: the page is in its repository, names it, or is on its site. */
  by: 'repository' | 'name' | 'home';
  /** The project's repository on a forge, when its home or DOAP file says (https://github.com/dino/dino). */
  repository: string | null;
}

/** What the matcher looks at: the page's address, its title (or a link's text), a release's project. */
export interface SoftwareQuery {
  url: string;
  title: string;
  project?: string | null;
}

interface Indexed {
  project: SoftwareProject;
  /** "github.com/dino/dino", "invent.kde.org/network/kaidan", lower case. */
  repos: string[];
  /** The repository's web address, for the entry. */
  repository: string | null;
  /** Hosts that are the project's own ("gajim.org" from dev.gajim.org). */
  hosts: string[];
  /** Spellings, lower case: "monal im", "monal". */
  names: string[];
}

const SHARED_HOSTS = new Set(words.sharedCodeHosts);
const CODE_SUBDOMAINS = new Set(words.codeSubdomains);
const DERIVATIVE_WORDS = new Set(words.derivativeWords);
const COMMON_NAMES = new Set(words.commonNames.map((n) => n.toLowerCase()));
/** Path segments after which a raw file's address no longer names the repository. */
const FILE_MARKERS = new Set(['-', 'raw', 'blob', 'raw-file', 'plain', 'export', 'src', 'tree', 'releases', 'tags', 'refs', 'wiki', 'issues', 'commits', 'compare', 'files']);

function parse(url: string | null): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u : null;
  } catch {
    return null;
  }
}

/**
 * Whether a page's own site can be taken for the project's home page: not a code host shared
 * by many projects (github.com) and not a project's code subdomain (dev.gajim.org).
 */
export function isProjectSite(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  const host = bareHost(parsed);
  if ([...SHARED_HOSTS].some((shared) => host === shared || host.endsWith(`.${shared}`))) return false;
  return !CODE_SUBDOMAINS.has(host.split('.')[0] ?? '') || host.split('.').length <= 2;
}

function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * The repository a URL lives in: host plus the path up to where files, releases or tags start.
 * `certain` when the address shows it is one (a shared code host, or a raw-file path).
 */
function repositoryOf(url: URL): { key: string; web: string; certain: boolean } | null {
  let host = bareHost(url);
  let segments = url.pathname.split('/').filter(Boolean).map((s) => s.toLowerCase());
  if (host === 'raw.githubusercontent.com') host = 'github.com';
  const end = segments.findIndex((s) => FILE_MARKERS.has(s));
  if (end >= 0) segments = segments.slice(0, end);
  if (host === 'github.com' || host === 'codeberg.org' || host === 'gitlab.com' || host === 'git.sr.ht') segments = segments.slice(0, 2);
  if (segments.length === 0 || segments.length > 4) return null;
  const path = segments.join('/');
  return { key: `${host}/${path}`, web: `https://${host}/${path}`, certain: end > 0 || SHARED_HOSTS.has(host) };
}

/** Candidate repository keys of a page address: every prefix of two to four path segments. */
function repositoryKeys(url: URL): string[] {
  const host = bareHost(url) === 'raw.githubusercontent.com' ? 'github.com' : bareHost(url);
  const segments = url.pathname.split('/').filter(Boolean).map((s) => s.toLowerCase());
  const keys: string[] = [];
  for (let n = 1; n <= Math.min(4, segments.length); n++) {
    if (FILE_MARKERS.has(segments[n - 1]!)) break;
    keys.push(`${host}/${segments.slice(0, n).join('/')}`);
  }
  return keys;
}

/** A project's own host: its home's, or its DOAP file's without "dev."/"git."/"hg." (dev.gajim.org → gajim.org). */
function ownHost(url: URL): string | null {
  let host = bareHost(url);
  if (SHARED_HOSTS.has(host)) return null;
  const labels = host.split('.');
  if (labels.length > 2 && CODE_SUBDOMAINS.has(labels[0]!)) host = labels.slice(1).join('.');
  return SHARED_HOSTS.has(host) ? null : host;
}

/** "Prosody IM" → ["prosody im", "prosody"]; "Libervia (formerly Salut à Toi)" → also "libervia", "salut à toi". */
function spellings(name: string): string[] {
  const out = new Set<string>([name]);
  const paren = /^(.*?)\s*\((?:formerly\s+)?([^)]+)\)\s*$/i.exec(name);
  if (paren) {
    out.add(paren[1]!);
    if (/formerly/i.test(name)) out.add(paren[2]!);
  }
  for (const base of [...out]) {
    for (const suffix of words.nameSuffixes) if (base.endsWith(suffix) && base.length > suffix.length + 2) out.add(base.slice(0, -suffix.length));
    if (/^python-/i.test(base)) out.add(base.slice('python-'.length));
  }
  return [...out].map((n) => n.toLowerCase().trim()).filter((n) => n.length >= 2);
}

const indexes = new WeakMap<SoftwareList, Indexed[]>();

function indexOf(list: SoftwareList): Indexed[] {
  const cached = indexes.get(list);
  if (cached) return cached;
  const entries = list.projects.map((project): Indexed => {
    const home = parse(project.url);
    const doap = parse(project.doap);
    const fromHome = home ? repositoryOf(home) : null;
    const fromDoap = doap ? repositoryOf(doap) : null;
    // A home on a shared code host is the repository itself; a home of its own is a host.
    const hosts = [home, doap].map((u) => (u ? ownHost(u) : null)).filter((h): h is string => h !== null);
    const repository = [fromHome, fromDoap].find((r) => r?.certain)?.web ?? null;
    const repos = [fromHome, fromDoap].filter((r) => r !== null).map((r) => r.key);
    return { project, repos, repository, hosts: [...new Set(hosts)], names: spellings(project.name) };
  });
  // A spelling two projects share ("snikket" of Snikket App and Snikket Server) identifies neither.
  const counts = new Map<string, number>();
  for (const entry of entries) for (const name of entry.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const entry of entries) {
    const own = entry.project.name.toLowerCase();
    entry.names = entry.names.filter((n) => n === own || counts.get(n) === 1);
  }
  indexes.set(list, entries);
  return entries;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}+]+/gu, '');
}

/**
 * Where `name` occurs in `text` as a name of its own: not inside a longer word, not part of a
 * compound ("slidge-whatsapp"), not followed by "plugin", "gateway" … (a project of its own).
 */
const NAME_PATTERNS = new Map<string, RegExp>();

export function namesProject(text: string, name: string): boolean {
  if (!text || !name || !text.toLowerCase().includes(name.toLowerCase())) return false;
  let re = NAME_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
    NAME_PATTERNS.set(name, re);
  }
  re.lastIndex = 0;
  for (const match of text.matchAll(re)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (/^[-_.]\p{L}/u.test(after) || /\p{L}[-_.]$/u.test(before)) continue;
    const next = /^\s+([\p{L}-]+)/u.exec(after)?.[1]?.toLowerCase();
    if (next && DERIVATIVE_WORDS.has(next)) continue;
    return true;
  }
  return false;
}

function byName(entries: readonly Indexed[], query: SoftwareQuery): Indexed | null {
  const title = query.title.replace(/\s+/g, ' ').trim();
  const exact = new Set([squash(title), squash(query.project ?? '')].filter(Boolean));
  let best: { entry: Indexed; length: number } | null = null;
  for (const entry of entries) {
    for (const name of entry.names) {
      const common = COMMON_NAMES.has(name) || name.startsWith('xmpp ');
      const hit = exact.has(squash(name)) || (!common && (namesProject(title, name) || namesProject(query.project ?? '', name)));
      if (hit && (!best || name.length > best.length)) best = { entry, length: name.length };
    }
  }
  return best?.entry ?? null;
}

/** The project `query` is about, or null when the list has none or two fit equally. */
export function matchSoftware(query: SoftwareQuery, list: SoftwareList): SoftwareMatch | null {
  const entries = indexOf(list);
  const url = parse(query.url);
  const result = (entry: Indexed, by: SoftwareMatch['by']): SoftwareMatch => ({ project: entry.project, by, repository: entry.repository });

  if (url) {
    const keys = new Set(repositoryKeys(url));
    const inRepo = entries.filter((e) => e.repos.some((r) => keys.has(r)));
    if (inRepo.length === 1) return result(inRepo[0]!, 'repository');
  }
  const named = byName(entries, query);
  if (named) return result(named, 'name');
  if (url) {
    const host = bareHost(url);
    const onHost = entries.filter((e) => e.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
    if (onHost.length === 1) return result(onHost[0]!, 'home');
    // Several projects on one host (Gajim and python-nbxmpp on gajim.org): the one named like the host.
    const label = host.split('.').slice(-2, -1)[0] ?? '';
    const likeHost = onHost.filter((e) => squash(e.project.name) === label || e.names.some((n) => squash(n) === label));
    if (likeHost.length === 1) return result(likeHost[0]!, 'home');
  }
  return null;
}

/**
 * The section keywords a project's categories stand for, most telling category first:
 * client → "client", server/component → "server", library/tool → "library". An
 * integrated platform alone counts as a server when its name says so, else as a client.
 */
export function categoryKeywords(project: SoftwareProject): string[] {
  const map = words.categories as Readonly<Record<string, string[]>>;
  const ordered = words.categoryOrder.filter((c) => project.categories.includes(c));
  if (ordered.length === 1 && ordered[0] === 'integrated-platform') {
    return /\bserver\b/i.test(project.name) ? ['server'] : ['client', 'app'];
  }
  return ordered.filter((c) => c !== 'integrated-platform').flatMap((c) => map[c] ?? []);
}
