/** Types and small helpers the section rules and their callers share. */
import type { SectionDef } from '../presets/types';

/** What the user chose before: host (without www.) → section id, lower-cased project → section id. */
export interface CategoryMemory {
  sites: Readonly<Record<string, string>>;
  projects: Readonly<Record<string, string>>;
}

export interface SectionSuggestion {
  section: string;
  /** Short and human, shown next to the picker: "you filed gajim.org under Clients before". */
  reason: string;
  /** Other sections this page's news belongs in too (a XEP accepted and updated in one month). */
  also?: string[];
}

/** Host without "www.", lower case; '' for something that is not a URL. Storage keys corrections by it. */
export function siteKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
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

export function sectionLabel(section: SectionDef): string {
  return section.label ?? section.heading;
}

