import type { XepInfo } from '../model/capture';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { collectedSections } from '../presets/types';

/**
 * XEP lifecycle (XEP-0001): a XEP enters Experimental at 0.1.0 and Stable (formerly Draft) at
 * 1.0.0. At exactly those versions it "just arrived" in its status; any other version is an
 * update within the status. Version 1.0 (two parts, older XEPs) counts as 1.0.0.
 */
export function justEnteredStatus(status: string, version: string | null): boolean {
  if (!version) return false;
  const s = status.toLowerCase();
  if (s === 'experimental') return /^0\.1(\.\d+)?$/.test(version);
  if (s === 'stable' || s === 'draft') return /^1\.0(\.0)?$/.test(version);
  return false;
}

/** The status to file by: ProtoXEPs in the inbox often state no status at all. */
export function effectiveXepStatus(xep: XepInfo, url: string): string | null {
  if (xep.number === null || /\/extensions\/inbox\//i.test(url)) return 'ProtoXEP';
  return xep.status?.trim() || null;
}

/**
 * The section for a XEP, driven by the preset's `xepStatuses` hints. When several sections
 * take the same status (Experimental → New and Updated), the most specific one (fewest
 * statuses) is for a XEP that just entered the status, the most general one for an update.
 */
export function xepSection(preset: NewsletterPreset, status: string, version: string | null): SectionDef | null {
  const wanted = status.toLowerCase();
  const candidates = collectedSections(preset).filter((s) =>
    (s.hints?.xepStatuses ?? []).some((x) => x.toLowerCase() === wanted),
  );
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0] ?? null;
  const count = (s: SectionDef): number => s.hints?.xepStatuses?.length ?? 0;
  const bySpecificity = [...candidates].sort((a, b) => count(a) - count(b));
  const pick = justEnteredStatus(status, version) ? bySpecificity[0] : bySpecificity[bySpecificity.length - 1];
  return pick ?? null;
}
