import { compareHlc } from '../model/hlc';
import {
  changedMetaFields,
  checkIssueMeta,
  ISSUE_META_LIMITS,
  issueMetaContentOf,
  issueMetaKeyOfRecord,
  issueMetaLabel,
  type IssueMeta,
  type IssueMetaField,
  type LostIssueMeta,
} from '../model/issue-meta';
import type { AsideRecord, RemoteRecord } from './remote';
import { canonicalJson, unionAncestors } from './versions';

/**
 * Versions of an issue's metadata (teaser, extra contributors, occasional blocks), merged as
 * items are (utils/merge/versions.ts), as pure functions: a later edit of what is held
 * fast-forwards; two edits made without seeing each other are concurrent, the higher clock
 * stamp wins and the other version is kept in the record's history and reported. Used by
 * backup imports (planImport), the newsroom (applyRemote) and the CLI.
 */

export type IssueMetaOutcome =
  | { kind: 'same'; result: IssueMeta }
  | { kind: 'older'; result: IssueMeta }
  | { kind: 'fast-forward'; result: IssueMeta; fields: IssueMetaField[] }
  | { kind: 'concurrent'; result: IssueMeta; winner: 'local' | 'incoming'; lost: IssueMeta; fields: IssueMetaField[] };

function contentKey(meta: IssueMeta): string {
  const { ancestors: _a, history: _h, ...rest } = meta;
  return canonicalJson(rest);
}

function known(meta: IssueMeta): Set<string> {
  const stamps = new Set([meta.hlc, ...meta.ancestors]);
  for (const lost of meta.history) {
    stamps.add(lost.hlc);
    for (const stamp of lost.ancestors) stamps.add(stamp);
  }
  return stamps;
}

export function asLostIssueMeta(version: IssueMeta, reason: LostIssueMeta['reason']): LostIssueMeta {
  return {
    ...issueMetaContentOf(version),
    hlc: version.hlc,
    updatedAt: version.updatedAt,
    updatedBy: version.updatedBy,
    reason,
    dismissed: false,
    ancestors: version.ancestors,
  };
}

/** Lost versions by stamp, newest first, a dismissal anywhere kept; one a later version was edited from is dropped. */
export function unionIssueMetaHistory(current: Pick<IssueMeta, 'hlc' | 'ancestors'> | null, ...lists: ReadonlyArray<readonly LostIssueMeta[]>): LostIssueMeta[] {
  const byStamp = new Map<string, LostIssueMeta>();
  for (const list of lists) {
    for (const entry of list) {
      if (entry.hlc === current?.hlc) continue;
      const seen = byStamp.get(entry.hlc);
      byStamp.set(entry.hlc, seen ? { ...seen, dismissed: seen.dismissed || entry.dismissed } : entry);
    }
  }
  const superseded = new Set<string>(current?.ancestors ?? []);
  for (const entry of byStamp.values()) for (const stamp of entry.ancestors) superseded.add(stamp);
  return [...byStamp.values()]
    .filter((entry) => !superseded.has(entry.hlc))
    .sort((a, b) => compareHlc(b.hlc, a.hlc))
    .slice(0, ISSUE_META_LIMITS.history);
}

function withHistory(base: IssueMeta, ...lists: ReadonlyArray<readonly LostIssueMeta[]>): IssueMeta {
  return { ...base, history: unionIssueMetaHistory(base, ...lists) };
}

/** Merge two versions of one issue's metadata (same key). `local` is what this side holds. */
export function mergeIssueMetaVersions(local: IssueMeta, incoming: IssueMeta): IssueMetaOutcome {
  if (local.hlc === incoming.hlc && contentKey(local) === contentKey(incoming)) {
    return { kind: 'same', result: { ...withHistory(local, local.history, incoming.history), ancestors: unionAncestors(local.hlc, local.ancestors, incoming.ancestors) } };
  }
  if (local.hlc !== incoming.hlc) {
    if (known(local).has(incoming.hlc)) return { kind: 'older', result: withHistory(local, local.history, incoming.history) };
    if (known(incoming).has(local.hlc)) {
      const result = withHistory(incoming, local.history, incoming.history);
      const fields = changedMetaFields(local, incoming);
      const lostElsewhere = incoming.history.some((h) => h.hlc === local.hlc);
      if (lostElsewhere && fields.length > 0) return { kind: 'concurrent', result, winner: 'incoming', lost: local, fields };
      return { kind: 'fast-forward', result, fields };
    }
  }
  const order = compareHlc(incoming.hlc, local.hlc) || (contentKey(incoming) > contentKey(local) ? 1 : -1);
  const [winner, loser] = order > 0 ? [incoming, local] : [local, incoming];
  const result = withHistory(winner, [asLostIssueMeta(loser, 'merge')], local.history, incoming.history);
  return { kind: 'concurrent', result, winner: winner === local ? 'local' : 'incoming', lost: loser, fields: changedMetaFields(winner, loser) };
}

function sameMeta(a: IssueMeta, b: IssueMeta): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export interface IssueMetaConflict {
  key: string;
  newsletter: string;
  issue: string;
  kept: IssueMeta;
  lost: IssueMeta;
  lostSide: 'local' | 'incoming';
  fields: IssueMetaField[];
}

export interface IssueMetaMerge {
  /** Every record after the merge. */
  metas: IssueMeta[];
  added: IssueMeta[];
  updated: Array<{ before: IssueMeta; after: IssueMeta; fields: IssueMetaField[] }>;
  skipped: Array<{ incoming: IssueMeta; reason: 'same' | 'older' }>;
  conflicts: IssueMetaConflict[];
  heldBack: Array<{ version: IssueMeta; reason: string }>;
}

export interface IssueMetaMergeOptions {
  /** Why a version cannot be applied now (its clock is far ahead), or null. */
  holdBack?: (version: { hlc: string; updatedAt: string; updatedBy: string }) => string | null;
}

function conflictOf(outcome: Extract<IssueMetaOutcome, { kind: 'concurrent' }>, original: IssueMeta | undefined): IssueMetaConflict {
  const { result } = outcome;
  return {
    key: result.key,
    newsletter: result.newsletter,
    issue: result.issue,
    kept: result,
    lost: outcome.lost,
    lostSide: original && original.hlc === outcome.lost.hlc ? 'local' : 'incoming',
    fields: outcome.fields,
  };
}

/** Metadata of backups merged into what this side holds, record by record (matched by key). */
export function mergeIssueMetas(local: readonly IssueMeta[], incoming: readonly IssueMeta[], options: IssueMetaMergeOptions = {}): IssueMetaMerge {
  const state = new Map(local.map((m) => [m.key, m]));
  const original = new Map(state);
  const out: Pick<IssueMetaMerge, 'skipped' | 'conflicts' | 'heldBack'> = { skipped: [], conflicts: [], heldBack: [] };
  for (const version of incoming) {
    const held = options.holdBack?.(version) ?? null;
    if (held) {
      out.heldBack.push({ version, reason: held });
      continue;
    }
    const current = state.get(version.key);
    if (!current) {
      state.set(version.key, version);
      continue;
    }
    const outcome = mergeIssueMetaVersions(current, version);
    if (outcome.kind === 'same' || outcome.kind === 'older') out.skipped.push({ incoming: version, reason: outcome.kind });
    if (outcome.kind === 'concurrent' && outcome.fields.length > 0) out.conflicts.push(conflictOf(outcome, original.get(version.key)));
    state.set(version.key, outcome.result);
  }
  const added: IssueMeta[] = [];
  const updated: IssueMetaMerge['updated'] = [];
  for (const [key, meta] of state) {
    const before = original.get(key);
    if (!before) added.push(meta);
    else if (before !== meta && !sameMeta(before, meta)) updated.push({ before, after: meta, fields: changedMetaFields(before, meta) });
  }
  return { metas: [...state.values()], added, updated, ...out };
}

/** The newsroom's metadata records merged into this browser's (see utils/merge/remote.ts for items). */
export interface RemoteIssueMetaPlan {
  writes: IssueMeta[];
  /** Merged records the newsroom lacks: send them. */
  queue: IssueMeta[];
  /** Keys whose stored record the newsroom already holds exactly. */
  settled: string[];
  conflicts: IssueMetaConflict[];
  aside: AsideRecord[];
  observed: string[];
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * `records` are newsroom records whose id is a metadata id (issueMetaRecordId); `local` holds
 * this browser's readable records of (at least) their keys. Each payload is validated on its
 * own and must be the record its id names; far-ahead clocks are held back; nothing is queued in
 * answer to a record kept aside.
 */
export function planRemoteIssueMeta(local: ReadonlyMap<string, IssueMeta>, records: readonly RemoteRecord[], options: IssueMetaMergeOptions = {}): RemoteIssueMetaPlan {
  const plan: RemoteIssueMetaPlan = { writes: [], queue: [], settled: [], conflicts: [], aside: [], observed: [], added: 0, updated: 0, unchanged: 0 };
  const state = new Map<string, IssueMeta>();
  const node = new Map<string, IssueMeta>();
  for (const record of records) {
    const aside = (kind: AsideRecord['kind'], reasons: string[]) =>
      plan.aside.push({ kind, id: record.id, label: issueMetaLabel(record.json), record: record.json ?? null, reasons });
    if (record.problem !== undefined) {
      aside('unreadable', [record.problem]);
      continue;
    }
    const checked = checkIssueMeta(record.json);
    if (!checked.ok) {
      aside('unreadable', checked.reasons);
      continue;
    }
    const version = checked.meta;
    if (issueMetaKeyOfRecord(record.id) !== version.key) {
      aside('unreadable', [`Its payload is the details of “${version.key}”, not of the newsroom record “${record.id.slice(0, 100)}” it was published as.`]);
      continue;
    }
    const held = options.holdBack?.(version) ?? null;
    if (held) {
      aside('held-back', [held]);
      continue;
    }
    plan.observed.push(version.hlc);
    const before = state.get(version.key) ?? local.get(version.key);
    node.set(version.key, version);
    if (!before) {
      state.set(version.key, version);
      continue;
    }
    if (before.hlc === version.hlc && sameMeta(before, version)) {
      state.set(version.key, before);
      node.set(version.key, before);
      continue;
    }
    const outcome = mergeIssueMetaVersions(before, version);
    if (outcome.kind === 'concurrent' && outcome.fields.length > 0) plan.conflicts.push(conflictOf(outcome, local.get(version.key)));
    state.set(version.key, outcome.result);
  }
  for (const [key, result] of state) {
    const before = local.get(key);
    if (!before) {
      plan.added++;
      plan.writes.push(result);
    } else if (before === result || sameMeta(before, result)) plan.unchanged++;
    else {
      plan.updated++;
      plan.writes.push(result);
    }
    const theirs = node.get(key);
    if (theirs && (theirs === result || sameMeta(theirs, result))) plan.settled.push(key);
    else plan.queue.push(result);
  }
  return plan;
}
