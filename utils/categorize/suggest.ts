import type { PageCapture } from '../model/capture';
// A pattern that cannot run matches nothing: a broken definition must not break clipping.
import { urlMatches } from '../presets/pattern';
import type { KnownProject, NewsletterPreset, SectionDef } from '../presets/types';
import { collectedSections, findSection } from '../presets/types';
import { effectiveXepStatus, xepSection } from './xep-section';

/** What the user chose before: host (without www.) → section id, lower-cased project → section id. */
export interface CategoryMemory {
  sites: Readonly<Record<string, string>>;
  projects: Readonly<Record<string, string>>;
}

export interface SectionSuggestion {
  section: string;
  /** Short and human, shown next to the picker: "you filed gajim.org under Clients before". */
  reason: string;
}

/** Host without "www.", lower case; '' for something that is not a URL. Storage keys corrections by it. */
export function siteKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

function label(section: SectionDef): string {
  return section.label ?? section.heading;
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

/** Longest name wins, so "Snikket Android" beats "Snikket" and "Psi+" beats "Psi". */
function findKnownProject(capture: PageCapture, preset: NewsletterPreset): KnownProject | undefined {
  const names = (p: KnownProject): string[] => [p.name, ...(p.aliases ?? [])];
  const byLength = [...preset.knownProjects].sort(
    (a, b) => Math.max(...names(b).map((n) => n.length)) - Math.max(...names(a).map((n) => n.length)),
  );
  const project = capture.release?.project.trim().toLowerCase() ?? '';
  return (
    byLength.find((p) => names(p).some((n) => n.toLowerCase() === project)) ??
    byLength.find((p) => names(p).some((n) => containsWord(capture.title, n))) ??
    byLength.find((p) => names(p).some((n) => onProjectSite(capture.url, n)))
  );
}

/**
 * True when the URL is on the project's own site: alias "prosody.im" matches blog.prosody.im,
 * alias "igniterealtime.org/projects/smack" only that part of the host.
 */
export function onProjectSite(url: string, alias: string): boolean {
  const match = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(\/\S*)?$/i.exec(alias);
  if (!match) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const aliasHost = match[1]!.toLowerCase();
  const onHost = host === aliasHost || host.endsWith(`.${aliasHost}`);
  return onHost && parsed.pathname.toLowerCase().startsWith((match[2] ?? '/').toLowerCase());
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

function suggestRelease(capture: PageCapture, preset: NewsletterPreset): SectionSuggestion | null {
  const known = findKnownProject(capture, preset);
  const knownSection = collected(preset, known?.section);
  if (known && knownSection) {
    return { section: knownSection.id, reason: `release of a known project (${known.name})` };
  }
  const fallback = collectedSections(preset).find((s) => s.hints?.kinds?.includes('release'));
  if (!fallback) return null;
  const text = [capture.release?.project ?? '', capture.title, capture.description ?? ''].join(' \n ');
  // The fallback (clients) is also a sibling; its broad keywords ("app") must not outvote
  // an explicit "server" or "library".
  for (const section of siblings(preset, fallback).filter((s) => s !== fallback)) {
    const keyword = keywordIn(section, text);
    if (keyword) return { section: section.id, reason: `release that mentions "${keyword}"` };
  }
  return { section: fallback.id, reason: 'release' };
}

/**
 * Propose a section for a clipped page. Rules, first match wins: XEP status; what the user
 * chose before for this project or site; release of a known project / release keywords;
 * URL patterns; page kind; event keywords; the preset's default.
 */
export function suggestSection(
  capture: PageCapture,
  preset: NewsletterPreset,
  memory?: CategoryMemory,
): SectionSuggestion {
  const isXep = capture.kind === 'xep' && capture.xep !== null;

  if (isXep && capture.xep) {
    const status = effectiveXepStatus(capture.xep, capture.url);
    const section = status ? xepSection(preset, status, capture.xep.version) : null;
    if (section && status) {
      const version = capture.xep.version ? ` ${capture.xep.version}` : '';
      return { section: section.id, reason: `XEP status ${status}${version}` };
    }
  }

  if (memory && !isXep) {
    const project = capture.release?.project.trim();
    const byProject = project ? collected(preset, memory.projects[project.toLowerCase()]) : undefined;
    if (project && byProject) {
      return { section: byProject.id, reason: `you filed ${project} under ${label(byProject)} before` };
    }
    const site = siteKey(capture.url);
    const bySite = site ? collected(preset, memory.sites[site]) : undefined;
    if (bySite) return { section: bySite.id, reason: `you filed ${site} under ${label(bySite)} before` };
  }

  if (capture.kind === 'release' || capture.release) {
    const release = suggestRelease(capture, preset);
    if (release) return release;
  }

  const sections = collectedSections(preset);
  for (const section of sections) {
    if ((section.hints?.urlPatterns ?? []).some((p) => urlMatches(p, capture.url))) {
      return { section: section.id, reason: `link looks like ${label(section)}` };
    }
  }

  const byKind = sections.find((s) => s.hints?.kinds?.includes(capture.kind));
  if (byKind) return { section: byKind.id, reason: `${capture.kind} page` };

  const events = sections.find((s) => s.hints?.kinds?.includes('event'));
  if (events) {
    const keyword = keywordIn(events, `${capture.title} \n ${capture.description ?? ''}`);
    if (keyword) return { section: events.id, reason: `mentions "${keyword}"` };
  }

  return { section: preset.defaultSection, reason: 'default' };
}
