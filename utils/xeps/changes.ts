import { parseEntityDeclarations, type EntityTable } from './entities';
import { parseXepHeader, plainText, type RichLine, type XepHeader, type XepRevision } from './header';
import type { MonthHistory } from './history';

/**
 * What happened to the XEPs in a month, from the month's commits: the XSF's own rules
 * (xsf/xeps tools/send-updates.py, which announces each change on the standards list), applied
 * to each XEP's header at the start and at the end of the month, plus the status changes made
 * in between (a Last Call issued and ended within the month is still news):
 *   - a ProtoXEP added to inbox/                         → proposed
 *   - a xep-NNNN.xml added                               → new (and updated, if revised again)
 *   - a new latest version, same status                  → updated
 *   - Deferred → Experimental                            → updated
 *   - Proposed → Experimental (Last Call over)           → nothing, as the XSF's mailer does
 *   - a new <lastcall> while Proposed, or → Proposed     → last-call
 *   - → Deferred / Stable (Draft) / Deprecated / Rejected / Obsolete / Active / Final / Retracted
 * Pure: no I/O, no clock.
 */

export const SUBSECTIONS = [
  'proposed',
  'new',
  'deferred',
  'updated',
  'last-call',
  'stable',
  'active',
  'final',
  'deprecated',
  'rejected',
  'obsolete',
  'retracted',
] as const;
export type Subsection = (typeof SUBSECTIONS)[number];

export interface CommitRef {
  sha: string;
  /** Committer date, ISO 8601 UTC. */
  date: string;
  subject: string;
}

export interface XepChange {
  subsection: Subsection;
  /** "0461"; null for a ProtoXEP. */
  number: string | null;
  title: string;
  abstract: RichLine;
  /** Status after the change, and before it (null: the file is new). */
  status: string | null;
  previousStatus: string | null;
  /** The version the entry names: the latest of the change; null for a status-only change. */
  version: string | null;
  /** The month's new revisions behind this change, newest first (their remarks and initials). */
  revisions: XepRevision[];
  /** For a Last Call: the day it was issued (the commit's UTC day) and the day it ends. */
  lastCall: { begins: string; ends: string } | null;
  /** The source file, e.g. "xep-0461.xml" or "inbox/explicit-mentions.xml". */
  path: string;
  /** For a ProtoXEP: its name in the inbox ("explicit-mentions"). */
  protoName: string | null;
  /** The commits the change came from, oldest first. */
  commits: CommitRef[];
}

export interface SkippedFile {
  path: string;
  /** The commit whose version of the file could not be read (its parent for the month's start). */
  commit: string;
  reason: string;
}

export interface MonthChanges {
  month: string;
  repository: string;
  tip: string;
  /** How many commits the month had on the branch. */
  commitCount: number;
  changes: XepChange[];
  skipped: SkippedFile[];
  /** Files read with something left as written (an undefined entity…). */
  warnings: { path: string; commit: string; message: string }[];
}

/** One readable version of a file in the month; `header` null: the file did not exist. */
interface Snapshot {
  commit: CommitRef | null;
  header: XepHeader | null;
}

export function monthChanges(history: MonthHistory): MonthChanges {
  const entities = history.entities ? parseEntityDeclarations(history.entities) : new Map<string, string>();
  const skipped: SkippedFile[] = [];
  const warnings: MonthChanges['warnings'] = [];
  const timelines = new Map<string, Snapshot[]>();

  const read = (text: string | null, path: string, at: string, commit: CommitRef | null): Snapshot | null => {
    if (text === null) return { commit, header: null };
    const result = parseXepHeader(text, entities as EntityTable);
    if (!result.ok) {
      skipped.push({ path, commit: at, reason: result.reason });
      return null;
    }
    for (const message of result.header.warnings) warnings.push({ path, commit: at, message });
    return { commit, header: result.header };
  };

  for (const commit of history.commits) {
    const ref: CommitRef = { sha: commit.sha, date: commit.date, subject: commit.subject };
    for (const file of commit.xeps) {
      if (!file.loaded) continue;
      let timeline = timelines.get(file.path);
      if (!timeline) {
        timeline = [];
        timelines.set(file.path, timeline);
        const start = read(file.before, file.path, commit.parent ?? commit.sha, null);
        if (start) timeline.push(start);
      }
      const after = read(file.after, file.path, commit.sha, ref);
      if (after) timeline.push(after);
    }
  }

  const changes: XepChange[] = [];
  for (const [path, timeline] of timelines) {
    changes.push(...(path.startsWith('inbox/') ? protoChanges(path, timeline) : xepChanges(path, timeline, warnings)));
  }
  changes.sort(byNewsletterOrder);
  return {
    month: history.month,
    repository: history.repository,
    tip: history.tip,
    commitCount: history.commits.length,
    changes,
    skipped,
    warnings,
  };
}

/** A ProtoXEP is news once: when its file appears in the inbox. */
function protoChanges(path: string, timeline: Snapshot[]): XepChange[] {
  const first = timeline[0];
  const added = timeline.find((s) => s.header !== null && s.commit !== null);
  if (!first || first.header !== null || !added?.header) return [];
  const latest = [...timeline].reverse().find((s) => s.header !== null) ?? added;
  const header = latest.header!;
  return [
    {
      subsection: 'proposed',
      number: null,
      title: header.title,
      abstract: header.abstract,
      status: header.status,
      previousStatus: null,
      version: header.revisions[0]?.version ?? null,
      revisions: [],
      lastCall: null,
      path,
      protoName: path.replace(/^inbox\//, '').replace(/\.xml$/, ''),
      commits: [added.commit!],
    },
  ];
}

type Status = 'protoxep' | 'experimental' | 'proposed' | 'stable' | 'active' | 'final' | 'retracted' | 'obsolete' | 'deferred' | 'rejected' | 'deprecated';

/** The XSF's status names; "Draft" was renamed "Stable" in 2021 and means the same. */
function normalizeStatus(status: string | null): Status | null {
  const s = (status ?? '').trim().toLowerCase();
  if (s === 'draft') return 'stable';
  if (s === 'proto' || s === 'protoxep') return 'protoxep';
  const known: Status[] = ['experimental', 'proposed', 'stable', 'active', 'final', 'retracted', 'obsolete', 'deferred', 'rejected', 'deprecated'];
  return known.find((k) => k === s) ?? null;
}

const ACTION_OF_STATUS: Record<Status, Subsection | null> = {
  protoxep: null,
  experimental: 'new',
  proposed: 'last-call',
  stable: 'stable',
  active: 'active',
  final: 'final',
  retracted: 'retracted',
  obsolete: 'obsolete',
  deferred: 'deferred',
  rejected: 'rejected',
  deprecated: 'deprecated',
};

/** send-updates.py's diff_infos: what the step from `old` to `next` announces. */
function action(old: XepHeader, next: XepHeader): Subsection | null {
  const from = normalizeStatus(old.status);
  const to = normalizeStatus(next.status);
  if (from !== to) {
    if (to === null) return null;
    if (from === 'deferred' && to === 'experimental') return 'updated';
    if (from === 'proposed' && to === 'experimental') return null;
    return ACTION_OF_STATUS[to];
  }
  if (from === 'proposed' && (old.lastcalls[0] ?? null) !== (next.lastcalls[0] ?? null)) return 'last-call';
  if ((old.revisions[0]?.version ?? null) !== (next.revisions[0]?.version ?? null)) return 'updated';
  return null;
}

function xepChanges(path: string, timeline: Snapshot[], warnings: MonthChanges['warnings']): XepChange[] {
  const present = timeline.filter((s): s is Snapshot & { header: XepHeader } => s.header !== null);
  if (present.length === 0) return [];
  const number = /xep-(\d{4})\.xml$/.exec(path)![1]!;
  const changes: XepChange[] = [];
  const first = timeline[0]!;
  let base: Snapshot & { header: XepHeader };

  if (first.header === null) {
    // Added this month: announced with its first version, as the XSF's mailer does.
    const added = present[0]!;
    base = added;
    const to = normalizeStatus(added.header.status);
    if (to === null) {
      warnings.push({ path, commit: added.commit?.sha ?? '', message: `the new XEP's status "${added.header.status ?? ''}" is not a XEP status; listed as New` });
    }
    const subsection = to === 'protoxep' ? 'proposed' : to === null ? 'new' : (ACTION_OF_STATUS[to] ?? 'new');
    changes.push(change(subsection, number, path, added.header, null, latestOnly(added.header), [added.commit!]));
  } else {
    base = present[0]!;
  }

  // Each step within the month is announced as the XSF's mailer would; a status change stays
  // news even if a later step undid it.
  const steps = present.slice(present.indexOf(base));
  const kinds = steps.map((s, i) => (i === 0 ? null : action(steps[i - 1]!.header, s.header)));
  // A revision made during a Last Call and followed by the return to Experimental is the Last
  // Call's feedback being worked in: the XSF announces the return (not at all), not the revision.
  const backToExperimental = (from: number) =>
    steps.some((s, j) => j > from && normalizeStatus(steps[j - 1]!.header.status) === 'proposed' && normalizeStatus(s.header.status) === 'experimental');
  const byKind = new Map<Subsection, XepChange>();
  const updates: number[] = [];
  for (let i = 1; i < steps.length; i++) {
    const kind = kinds[i];
    const before = steps[i - 1]!;
    const after = steps[i]!;
    if (kind === null || kind === undefined) continue;
    if (kind === 'updated') {
      if (!backToExperimental(i)) updates.push(i);
      continue;
    }
    if (kind === 'last-call') {
      const ends = after.header.lastcalls[0];
      byKind.set(kind, {
        ...change(kind, number, path, after.header, before.header.status, [], [after.commit!]),
        lastCall: ends ? { begins: after.commit!.date.slice(0, 10), ends } : null,
      });
    } else {
      byKind.set(kind, change(kind, number, path, after.header, before.header.status, newRevisions(before.header, after.header), [after.commit!]));
    }
  }
  const lastUpdate = updates[updates.length - 1];
  if (lastUpdate !== undefined) {
    // One entry for the month: its latest version, with every revision new since the start.
    const state = steps[lastUpdate]!.header;
    const fresh = newRevisions(base.header, state);
    if (fresh.length > 0) byKind.set('updated', change('updated', number, path, state, base.header.status, fresh, updates.map((i) => steps[i]!.commit!)));
  }
  changes.push(...byKind.values());
  return changes;
}

/**
 * Revisions of `after` that `before` does not have, newest first. A revision whose version was
 * only respelt ("1.1rc1" → "1.1.0-rc.1": same date, initials and remark) is not new.
 */
function newRevisions(before: XepHeader, after: XepHeader): XepRevision[] {
  const versions = new Set(before.revisions.map((r) => r.version));
  const contents = new Set(before.revisions.map(revisionContent));
  return after.revisions.filter((r) => !versions.has(r.version) && !contents.has(revisionContent(r)));
}

function revisionContent(r: XepRevision): string {
  return JSON.stringify([r.date, r.initials, r.remark.map(plainText)]);
}

function latestOnly(header: XepHeader): XepRevision[] {
  return header.revisions.slice(0, 1);
}

function change(
  subsection: Subsection,
  number: string,
  path: string,
  header: XepHeader,
  previousStatus: string | null,
  revisions: XepRevision[],
  commits: CommitRef[],
): XepChange {
  return {
    subsection,
    number,
    title: header.title,
    abstract: header.abstract,
    status: header.status,
    previousStatus,
    version: revisions[0]?.version ?? null,
    revisions,
    lastCall: null,
    path,
    protoName: null,
    commits,
  };
}

/** Subsection order of the newsletter; within one, by XEP number, ProtoXEPs in order of arrival. */
function byNewsletterOrder(a: XepChange, b: XepChange): number {
  const section = SUBSECTIONS.indexOf(a.subsection) - SUBSECTIONS.indexOf(b.subsection);
  if (section !== 0) return section;
  if (a.number !== null && b.number !== null) return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  const at = (c: XepChange) => c.commits[0]?.date ?? '';
  return at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.path < b.path ? -1 : 1;
}
