import { sameStatus } from '../adapters/xep/read';
import type { XepInfo, XepRevision } from '../model/capture';
import type { NewsletterPreset, SectionDef } from '../presets/types';
import { collectedSections } from '../presets/types';

/**
 * XEP lifecycle (XEP-0001): a XEP enters Experimental at 0.1.0 and Stable (formerly Draft) at
 * 1.0.0. Without its revision history, only exactly those versions count as "just arrived" in
 * their status: 0.1.1 is an update of an Experimental XEP. Version 1.0 (two parts, older XEPs)
 * counts as 1.0.0.
 */
export function justEnteredStatus(status: string, version: string | null): boolean {
  if (!version) return false;
  const s = status.toLowerCase();
  if (s === 'experimental') return /^0\.1(\.0)?$/.test(version);
  if (s === 'stable' || s === 'draft') return /^1\.0(\.0)?$/.test(version);
  return false;
}

/** The status to file by: ProtoXEPs in the inbox often state no status at all. */
export function effectiveXepStatus(xep: XepInfo, url: string): string | null {
  if (xep.number === null || /\/extensions\/inbox\//i.test(url)) return 'ProtoXEP';
  return xep.status?.trim() || null;
}

/**
 * The revision of this month that moved the XEP into its current status ("Accepted as
 * Experimental by council vote", "Advance to Stable as per Council Vote"), when the revision
 * history says so; null when it does not, or the capture has no history (then the version
 * decides, see justEnteredStatus).
 */
export function enteringRevision(xep: XepInfo, status: string): XepRevision | null {
  return xep.revisions?.find((r) => sameStatus(r.statusChange, status)) ?? null;
}

/** Whether the XEP arrived in `status` this month: by its revision history, else by its version. */
export function enteredStatus(xep: XepInfo, status: string): boolean {
  if (xep.revisions !== undefined && xep.revisions.length > 0) return enteringRevision(xep, status) !== null;
  return justEnteredStatus(status, xep.version);
}

function statusesOf(section: SectionDef): string[] {
  return section.hints?.xepStatuses ?? [];
}

function takes(section: SectionDef, status: string): boolean {
  return statusesOf(section).some((x) => x.toLowerCase() === status.toLowerCase() || sameStatus(x, status));
}

/**
 * The section for a XEP status, driven by the preset's `xepStatuses` hints. When several
 * sections take the same status (Experimental → New and Updated), the most specific one
 * (fewest statuses) is for a XEP that just entered the status, the most general one for an
 * update.
 */
export function xepSection(preset: NewsletterPreset, status: string, version: string | null, entered = justEnteredStatus(status, version)): SectionDef | null {
  const candidates = collectedSections(preset).filter((s) => takes(s, status));
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0] ?? null;
  const bySpecificity = [...candidates].sort((a, b) => statusesOf(a).length - statusesOf(b).length);
  return (entered ? bySpecificity[0] : bySpecificity[bySpecificity.length - 1]) ?? null;
}

/** The section that takes updates of any status: the one with the most XEP statuses. */
export function xepUpdateSection(preset: NewsletterPreset): SectionDef | null {
  const sections = collectedSections(preset).filter((s) => statusesOf(s).length > 0);
  return [...sections].sort((a, b) => statusesOf(b).length - statusesOf(a).length)[0] ?? null;
}

/** A Last Call runs at least 14 days (XEP-0001); the editor announces exactly that. */
export const LAST_CALL_DAYS = 14;

/** Days from `a` to `b` (YYYY-MM-DD); negative when b is earlier. */
function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000;
}

export interface XepPlacement {
  section: SectionDef;
  /** "XEP status Experimental 0.1.0", "accepted as Experimental this month" … */
  reason: string;
  /** Another section this month's news of the XEP belongs in too (accepted, then updated). */
  also: SectionDef[];
}

/** Where a XEP's news goes, and why; null when the preset has no section for its status. */
export function placeXep(preset: NewsletterPreset, xep: XepInfo, url: string): XepPlacement | null {
  const status = effectiveXepStatus(xep, url);
  const version = xep.version ? ` ${xep.version}` : '';
  if (!status) {
    // An announcement of an update says no status: the general "Updated" section.
    const section = xepUpdateSection(preset);
    return section ? { section, reason: `XEP update${version}`, also: [] } : null;
  }
  if (sameStatus(status, 'Proposed') && xep.lastCallEnds && xep.lastUpdated && xep.lastUpdated > xep.lastCallEnds) {
    // A Last Call that ended before the latest revision is old news: the revision is the news.
    const section = xepUpdateSection(preset);
    if (section) return { section, reason: `XEP ${xep.version ?? ''} updated after its Last Call`.replace('  ', ' '), also: [] };
  }
  const entering = xep.revisions?.length ? enteringRevision(xep, status) : null;
  const entered = enteredStatus(xep, status);
  const section = xepSection(preset, status, xep.version, entered);
  if (!section) return null;
  const reason = entering
    ? `XEP ${entering.version} entered ${status} this month`
    : `XEP status ${status}${version}`;
  // Accepted and then updated in the same month: a "New" and an "Updated" entry (the newsletter did this for XEP-0483 in December 2023).
  const updatedSince = entering !== null && xep.revisions !== undefined && xep.revisions[0] !== entering;
  // Revised during its Last Call or in the month before it began: a Last Call and an Updated entry.
  const revised = (xep.revisions?.length ?? 0) > 0 || xep.changes.length > 0;
  const revisedInLastCall =
    revised && sameStatus(status, 'Proposed') && xep.lastCallEnds != null && xep.lastUpdated !== null && daysBetween(xep.lastUpdated, xep.lastCallEnds) <= LAST_CALL_DAYS + 31;
  const general = updatedSince ? xepSection(preset, status, xep.version, false) : revisedInLastCall ? xepUpdateSection(preset) : null;
  return { section, reason, also: general && general !== section ? [general] : [] };
}
