/**
 * Release and tag pages on code forges, driven by each forge's data file (<forge>-release/
 * forge.json): the notes sit in one rendered-Markdown box among a lot of chrome (asset lists,
 * avatars, commit counters). Reading that box directly gives the notes as the maintainers wrote
 * them, where a generic extractor would keep the chrome or nest the notes inside a list item.
 */
import { clean } from '../../extract/text';
import type { PageAdapter, PageContext, Reading } from '../types';
import type { Repository } from './fields';
import { niceProjectName, releaseFromTitle, versionFromTag } from './title';

export interface ForgeData {
  forge: string;
  /** Hosts known to run this forge (all of them, for anyHost: false). */
  hosts: string[];
  /** The path pattern is distinctive enough to trust on any host (self-hosted instances). */
  anyHost: boolean;
  /** A release or tag page: named groups owner, repo, tag. */
  releasePath: string;
  /** Any page of a repository: named groups owner, repo. */
  repoPath: string;
  /** Raw-file URLs of a repository (DOAP files live there): named groups owner, repo, and host when it varies. */
  rawUrls: string[];
  /** Selectors of the rendered notes, most specific first. */
  notes: string[];
  /** Selectors of the release author's name. */
  author: string[];
}

/** Selectors every forge page is tried with after its own: forge markup changes over the years. */
const COMMON_NOTES = [
  '[data-test-selector="body-content"]',
  '.release-entry .markdown-body, [data-hpc] .markdown-body',
  '#release-list .markup, .release-list .markup, .release-entry .markup',
  '[data-testid="release-description"]',
  '.release-block .md, .js-release-block .md',
  '.tag-message .md, .tag-message pre, .content .tag-message',
  '.markdown-body',
];
const COMMON_AUTHOR = [
  '#release-list .author a',
  '.release-list .author a',
  '[data-testid="release-author-name"]',
  '.release-block .author a',
  '.Box-body a.Link--muted[href^="/"]',
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function onKnownHost(data: ForgeData, host: string): boolean {
  const bare = host.toLowerCase().replace(/^www\./, '');
  return data.hosts.some((h) => bare === h || bare.endsWith(`.${h}`));
}

export interface ForgeReleasePath {
  repository: Repository;
  tag: string;
}

/** The repository and tag a release URL names, or null when `url` is not one of this forge's. */
export function forgeReleasePath(data: ForgeData, url: URL | null): ForgeReleasePath | null {
  if (!url || !/^https?:$/.test(url.protocol)) return null;
  if (!data.anyHost && !onKnownHost(data, url.hostname)) return null;
  const match = new RegExp(data.releasePath).exec(url.pathname);
  const owner = match?.groups?.['owner']?.replace(/\/$/, '');
  const repo = match?.groups?.['repo'];
  const tag = match?.groups?.['tag'];
  if (!owner || !repo || !tag) return null;
  const host = url.hostname.toLowerCase();
  return {
    repository: { forge: data.forge, host, owner: decode(owner), name: decode(repo), url: `${url.protocol}//${url.host}/${owner}/${repo}` },
    tag: decode(tag),
  };
}

function firstWithText(doc: Document, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    if (el && clean(el.textContent).length > 0) return el;
  }
  return null;
}

/** Who published the release, as the forge shows it next to "released this". */
function forgeAuthor(doc: Document, selectors: readonly string[]): string | null {
  const el = doc.querySelector([...selectors, ...COMMON_AUTHOR].join(', '));
  const name = clean(el?.getAttribute('data-username') ?? el?.textContent).replace(/^@/, '');
  return name && name.length <= 60 ? name : null;
}

/** A page adapter for one forge's release pages. */
export function forgeReleaseAdapter(id: string, data: ForgeData): PageAdapter {
  return {
    id,
    kind: 'release',
    detect: (page: PageContext) => forgeReleasePath(data, page.location) !== null,
    read: (page: PageContext): Reading | null => {
      const path = forgeReleasePath(data, page.location);
      if (!path) return null;
      const version = versionFromTag(path.tag, path.repository.name);
      // A tag without a version (nightly, latest) is no release: another adapter reads the page.
      if (!version) return null;
      const fromTitle = releaseFromTitle(page.title);
      const release =
        fromTitle && fromTitle.version === version
          ? { ...fromTitle, repository: path.repository }
          : { project: niceProjectName(path.repository.name, page.title), version, repository: path.repository };
      const author = page.meta.authors.length === 0 ? forgeAuthor(page.doc, data.author) : null;
      const contentRoot = firstWithText(page.doc, [...data.notes, ...COMMON_NOTES]);
      // A plain-text tag message (SourceHut, a GitLab tag) is Markdown-ish text, not code.
      const plain = contentRoot?.nodeName === 'PRE' ? contentRoot : contentRoot?.children.length === 1 && contentRoot.firstElementChild?.nodeName === 'PRE' ? contentRoot.firstElementChild : null;
      return {
        release,
        contentRoot,
        ...(plain ? { contentMarkdown: (plain.textContent ?? '').replace(/\r\n?/g, '\n').trim() } : {}),
        authors: author ? { names: [author], source: 'forge' } : null,
      };
    },
  };
}
