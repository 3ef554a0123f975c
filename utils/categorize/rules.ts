/**
 * The section rules, in the order suggestSection asks them; the first that knows wins. Each
 * rule sees the capture (a full clip, or only a link's URL and text), the newsletter and what
 * the user chose before.
 */
import { kindFromUrl } from '../adapters/by-url';
import { niceProjectName, releaseFromSlug, releaseFromTitle, versionFromTag } from '../adapters/release/title';
import type { PageCapture, ReleaseInfo, XepInfo } from '../model/capture';
import type { KnownProject, NewsletterPreset, SectionDef } from '../presets/types';
import { collectedSections, findSection } from '../presets/types';
import { categoryKeywords, matchSoftware, namesProject, type SoftwareMatch } from './software/match';
import { softwareListFor } from './software/lists';
import { sectionLabel, onProjectSite, siteKey, type CategoryMemory, type SectionSuggestion } from './common';
import { placeXep, xepUpdateSection } from './xep-section';
// Linear-time matching of the newsletter's own URL patterns (a definition is untrusted); a
// pattern that cannot run matches nothing, so a broken definition never breaks clipping.
import { urlMatches } from '../presets/pattern';

export interface SuggestInput {
  capture: PageCapture;
  preset: NewsletterPreset;
  memory?: CategoryMemory;
}

export type SectionRule = (input: SuggestInput) => SectionSuggestion | null;

// ---------------------------------------------------------------- facts the rules share

/** A bare link (no page read): only its address and text are known. */
function isBareLink(capture: PageCapture): boolean {
  return capture.kind === 'page' && capture.contentMarkdown === '' && !capture.description;
}

/**
 * The release the page announces; for a bare link, the one its text names ("Gajim 1.8.2"),
 * its forge address names (…/releases/tag/0.13.0) or its last path segment names
 * ("…/monal-6.0-released/").
 */
function releaseOf(capture: PageCapture): ReleaseInfo | null {
  if (capture.release) return capture.release;
  if (capture.kind !== 'page') return null;
  const fromTitle = releaseFromTitle(capture.title);
  if (fromTitle) return fromTitle;
  if (!isBareLink(capture)) return null;
  const forge = kindFromUrl(capture.url)?.forge;
  const version = forge ? versionFromTag(forge.tag, forge.repository.name) : null;
  if (forge && version) return { project: niceProjectName(forge.repository.name, capture.title), version, repository: forge.repository };
  return releaseFromSlug(capture.url);
}

/** "1st February 2024: XMPP Summit 26", "3rd - 4th February 2024: …": a listing that opens with its date is an event. */
const DATED_TEXT = /^\d{1,2}(?:st|nd|rd|th)?\.?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?\.?)?\s+\p{L}+\.?,?\s+\d{4}\s*:/u;

/** Words that say a page is about a release even without a version ("Snikket Server - January 2024 release"). */
const RELEASE_WORDS = /\b(?:release[sd]?|released|update[sd]?)\b/i;

const softwareMatches = new WeakMap<PageCapture, SoftwareMatch | null>();

/** The community software list's project the page is about, if the newsletter has a list. */
function softwareOf(capture: PageCapture, preset: NewsletterPreset): SoftwareMatch | null {
  if (softwareMatches.has(capture)) return softwareMatches.get(capture) ?? null;
  const list = softwareListFor(preset);
  const match = list ? matchSoftware({ url: capture.url, title: capture.title, project: releaseOf(capture)?.project ?? null }, list) : null;
  softwareMatches.set(capture, match);
  return match;
}

/** A collected section of the preset, or undefined (memory may name sections that are gone). */
function collected(preset: NewsletterPreset, id: string | undefined): SectionDef | undefined {
  if (!id) return undefined;
  const section = findSection(preset, id);
  return section?.kind === 'collected' ? section : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive; works for names like "Psi+" or "Converse.js". */
function containsWord(haystack: string, word: string): boolean {
  if (!word) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'iu').test(haystack);
}

function keywordIn(section: SectionDef, text: string): string | undefined {
  return (section.hints?.keywords ?? []).find((k) => containsWord(text, k));
}

/** Collected level-3 sections under the same heading as `section`, in order. */
function siblings(preset: NewsletterPreset, section: SectionDef): SectionDef[] {
  const index = preset.sections.indexOf(section);
  let start = index;
  while (start > 0 && preset.sections[start - 1]?.level === 3) start--;
  let end = index;
  while (end + 1 < preset.sections.length && preset.sections[end + 1]?.level === 3) end++;
  return preset.sections.slice(start, end + 1).filter((s) => s.kind === 'collected');
}

/** The section software news goes to by default (the one hinted for releases). */
function releaseSection(preset: NewsletterPreset): SectionDef | undefined {
  return collectedSections(preset).find((s) => s.hints?.kinds?.includes('release'));
}

/**
 * The newsletter's own project list; longest name wins ("Snikket Android" beats "Snikket").
 * A plugin or gateway of a project ("Openfire plugin …", "slidge-whatsapp") is not the project.
 */
function findKnownProject(capture: PageCapture, preset: NewsletterPreset, release: ReleaseInfo | null): KnownProject | undefined {
  const names = (p: KnownProject): string[] => [p.name, ...(p.aliases ?? [])];
  const byLength = [...preset.knownProjects].sort(
    (a, b) => Math.max(...names(b).map((n) => n.length)) - Math.max(...names(a).map((n) => n.length)),
  );
  const project = release?.project.trim().toLowerCase() ?? '';
  return (
    byLength.find((p) => names(p).some((n) => n.toLowerCase() === project)) ??
    byLength.find((p) => names(p).some((n) => namesProject(capture.title, n))) ??
    byLength.find((p) => names(p).some((n) => onProjectSite(capture.url, n)))
  );
}

/** The software section a project's categories point to (client → Clients …), by section keywords. */
function sectionForSoftware(preset: NewsletterPreset, match: SoftwareMatch): SectionDef | undefined {
  const group = releaseSection(preset);
  const candidates = group ? siblings(preset, group) : collectedSections(preset);
  for (const keyword of categoryKeywords(match.project)) {
    const section = candidates.find((s) => (s.hints?.keywords ?? []).some((k) => k.toLowerCase() === keyword));
    if (section) return section;
  }
  return undefined;
}

function softwareReason(match: SoftwareMatch, what: string): string {
  const category = match.project.categories.filter((c) => c !== 'integrated-platform')[0] ?? match.project.categories[0] ?? 'project';
  return `${what} of ${match.project.name} (${category} in the community's software list)`;
}

/** A project's home, README or repository root: the page of the project, not a post about it. */
function isProjectPage(url: string): boolean {
  try {
    const path = new URL(url).pathname.toLowerCase();
    return /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?$/.test(path) || /\/(?:-\/)?(?:blob|src)\/[^/]+(?:\/branch)?\/[^/]+\/readme(?:\.\w+)?$/.test(path) || /\/readme(?:\.\w+)?$/.test(path);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- the rules

/** XEPs by status: from the page or the editor's announcement; a bare XEP link by its address. */
const xepRule: SectionRule = ({ capture, preset }) => {
  let xep: XepInfo | null = capture.xep;
  const byUrl = xep ? null : kindFromUrl(capture.url);
  if (!xep && byUrl?.adapter === 'protoxep') xep = { number: null, title: capture.title, version: null, status: 'ProtoXEP', abstract: null, lastUpdated: null, changes: [], initials: null };
  if (!xep && byUrl?.kind === 'xep') {
    // A link to a XEP says nothing of its status: the general section for XEP news.
    const section = xepUpdateSection(preset);
    return section ? { section: section.id, reason: 'link to a XEP (its status is on the page)' } : null;
  }
  if (!xep && byUrl?.kind === 'mailing-list' && /\blast call\b/i.test(capture.title)) {
    xep = { number: null, title: capture.title, version: null, status: 'Proposed', abstract: null, lastUpdated: null, changes: [], initials: null };
    const section = collectedSections(preset).find((s) => (s.hints?.xepStatuses ?? []).every((x) => x.toLowerCase() === 'proposed') && s.hints?.xepStatuses?.length);
    return section ? { section: section.id, reason: 'Last Call announcement' } : null;
  }
  if (!xep) return null;
  const placement = placeXep(preset, xep, capture.url);
  if (!placement) return null;
  return { section: placement.section.id, reason: placement.reason, ...(placement.also.length ? { also: placement.also.map((s) => s.id) } : {}) };
};

const errorRule: SectionRule = ({ capture, preset }) =>
  capture.kind === 'error' ? { section: preset.defaultSection, reason: 'error page: check the address' } : null;

/** The user's own earlier choice for this project or site. */
const memoryRule: SectionRule = ({ capture, preset, memory }) => {
  if (!memory || capture.xep) return null;
  const project = releaseOf(capture)?.project.trim() ?? softwareOf(capture, preset)?.project.name ?? null;
  const byProject = project ? collected(preset, memory.projects[project.toLowerCase()]) : undefined;
  if (project && byProject) return { section: byProject.id, reason: `you filed ${project} under ${sectionLabel(byProject)} before` };
  const site = siteKey(capture.url);
  const bySite = site ? collected(preset, memory.sites[site]) : undefined;
  return bySite ? { section: bySite.id, reason: `you filed ${site} under ${sectionLabel(bySite)} before` } : null;
};

/**
 * A release: the newsletter's own list of projects, then the community's software list, then
 * words in the title ("gateway", "library"), else the release section.
 */
const releaseRule: SectionRule = ({ capture, preset }) => {
  const release = releaseOf(capture);
  const namedRelease = !release && isBareLink(capture) && RELEASE_WORDS.test(capture.title) && softwareOf(capture, preset) !== null;
  if (capture.kind !== 'release' && !release && !namedRelease) return null;
  // The newsletter's own list by the release's name, then the community's list by repository
  // or name, then either by the page's host ("Fluux Messenger 0.14.0" on process-one.net is
  // Fluux Messenger's, not ejabberd's).
  const known = findKnownProject(capture, preset, release);
  const knownSection = collected(preset, known?.section);
  const knownByName = known && release && [known.name, ...(known.aliases ?? [])].some((n) => n.toLowerCase() === release.project.trim().toLowerCase());
  if (known && knownSection && knownByName) return { section: knownSection.id, reason: `release of a known project (${known.name})` };
  const software = softwareOf(capture, preset);
  const softwareSection = software ? sectionForSoftware(preset, software) : undefined;
  if (software && softwareSection && software.by !== 'home') return { section: softwareSection.id, reason: softwareReason(software, 'release') };
  if (known && knownSection) return { section: knownSection.id, reason: `release of a known project (${known.name})` };
  if (software && softwareSection) return { section: softwareSection.id, reason: softwareReason(software, 'release') };
  const fallback = releaseSection(preset);
  if (!fallback) return null;
  const text = [release?.project ?? '', capture.title, capture.description ?? ''].join(' \n ');
  // The fallback (clients) is also a sibling; its broad keywords ("app") must not outvote
  // an explicit "server" or "library".
  for (const section of siblings(preset, fallback).filter((s) => s !== fallback)) {
    const keyword = keywordIn(section, text);
    if (keyword) return { section: section.id, reason: `release that mentions "${keyword}"` };
  }
  return { section: fallback.id, reason: 'release' };
};

/** A project's own page (home, README, repository), not a post: its software section. */
const projectPageRule: SectionRule = ({ capture, preset }) => {
  if (capture.kind !== 'page' && capture.kind !== 'article') return null;
  // A bare link whose text is just a project's name points to that project, wherever it goes.
  const namedOnly = (name: string): boolean => isBareLink(capture) && squash(capture.title) === squash(name);
  const software = softwareOf(capture, preset);
  if (software && (software.by === 'repository' || isProjectPage(capture.url) || namedOnly(software.project.name))) {
    const section = sectionForSoftware(preset, software);
    if (section) return { section: section.id, reason: softwareReason(software, 'project page') };
  }
  const known = findKnownProject(capture, preset, null);
  const knownSection = collected(preset, known?.section);
  if (known && knownSection && (isProjectPage(capture.url) || [known.name, ...(known.aliases ?? [])].some(namedOnly))) {
    return { section: knownSection.id, reason: `project page of ${known.name}` };
  }
  // A repository on a code forge (its README, its tree) is software news, even of a project no list knows.
  const repository = isBareLink(capture) && isRepositoryPage(capture.url);
  const fallback = releaseSection(preset);
  if (!repository || !fallback) return null;
  const group = siblings(preset, fallback);
  for (const section of group.filter((s) => s !== fallback)) {
    const keyword = keywordIn(section, capture.title);
    if (keyword) return { section: section.id, reason: `code repository that mentions "${keyword}"` };
  }
  // A repository no list knows, linked without a release, is most often a new tool or library.
  const tools = group.find((s) => (s.hints?.keywords ?? []).some((k) => /^(tool|library)$/i.test(k))) ?? fallback;
  return { section: tools.id, reason: 'code repository of a project the lists do not know' };
};

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}+]+/gu, '');
}

/** A repository's page on a code forge: its root, README or a file tree. */
function isRepositoryPage(url: string): boolean {
  const byUrl = kindFromUrl(url);
  if (byUrl?.forge) return false; // a release page, not the repository
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    const forgeHost = /^(github\.com|gitlab\.com|codeberg\.org|git\.sr\.ht|salsa\.debian\.org|invent\.kde\.org|framagit\.org|gitlab\.gnome\.org|sourceforge\.net)$/.test(host) || /\/-\/(?:blob|tree)\//.test(u.pathname);
    return forgeHost && u.pathname.split('/').filter(Boolean).length >= 2;
  } catch {
    return false;
  }
}

/** What a bare link's address says about its kind (a video site, a forge release …). */
const urlKindRule: SectionRule = ({ capture, preset }) => {
  if (!isBareLink(capture)) return null;
  const byUrl = kindFromUrl(capture.url);
  if (!byUrl) return null;
  const section = collectedSections(preset).find((s) => s.hints?.kinds?.includes(byUrl.kind));
  return section ? { section: section.id, reason: `link to a ${byUrl.kind} (${byUrl.adapter})` } : null;
};

/** Event words in the title ("Summit", "Sprint", "Meetup") beat an address pattern. */
const eventTitleRule: SectionRule = ({ capture, preset }) => {
  if (capture.kind === 'video' || capture.kind === 'release' || capture.kind === 'social') return null;
  const events = collectedSections(preset).find((s) => s.hints?.kinds?.includes('event'));
  if (!events) return null;
  if (isBareLink(capture) && DATED_TEXT.test(capture.title)) return { section: events.id, reason: 'a listing that opens with its date' };
  const keyword = keywordIn(events, capture.title);
  return keyword ? { section: events.id, reason: `title mentions "${keyword}"` } : null;
};

const urlPatternRule: SectionRule = ({ capture, preset }) => {
  for (const section of collectedSections(preset)) {
    if ((section.hints?.urlPatterns ?? []).some((p) => urlMatches(p, capture.url))) {
      return { section: section.id, reason: `link looks like ${sectionLabel(section)}` };
    }
  }
  return null;
};

const kindRule: SectionRule = ({ capture, preset }) => {
  const byKind = collectedSections(preset).find((s) => s.hints?.kinds?.includes(capture.kind));
  return byKind ? { section: byKind.id, reason: `${capture.kind} page` } : null;
};

const eventWordsRule: SectionRule = ({ capture, preset }) => {
  const events = collectedSections(preset).find((s) => s.hints?.kinds?.includes('event'));
  const keyword = events ? keywordIn(events, `${capture.title} \n ${capture.description ?? ''}`) : undefined;
  return events && keyword ? { section: events.id, reason: `mentions "${keyword}"` } : null;
};

export const SECTION_RULES: readonly SectionRule[] = [
  xepRule,
  errorRule,
  memoryRule,
  releaseRule,
  projectPageRule,
  urlKindRule,
  eventTitleRule,
  urlPatternRule,
  kindRule,
  eventWordsRule,
];
