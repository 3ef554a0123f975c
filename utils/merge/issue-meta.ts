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
import { canonicalJson, mergeVersionsOf, unionLost, type MergeOutcome, type VersionedKind } from './versions';

/**
 * Versions of an issue's metadata (teaser, extra contributors, occasional blocks), merged as
 * items are (utils/merge/versions.ts), as pure functions: a later edit of what is held
 * fast-forwards; two edits made without seeing each other are concurrent, the higher clock
 * stamp wins and the other version is kept in the record's history and reported. Used by
 * backup imports (planImport), the newsroom (applyRemote) and the CLI.
 */

export type IssueMetaOutcome = MergeOutcome<IssueMeta, IssueMetaField>;

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

/** An issue's details' lost versions (see unionLost in versions.ts). */
export function unionIssueMetaHistory(current: Pick<IssueMeta, 'hlc' | 'ancestors'> | null, ...lists: ReadonlyArray<readonly LostIssueMeta[]>): LostIssueMeta[] {
  return unionLost(current, ISSUE_META_LIMITS.history, ...lists);
}

const issueMetaKind: VersionedKind<IssueMeta, LostIssueMeta, IssueMetaField> = {
  asLost: asLostIssueMeta,
  changedFields: changedMetaFields,
  historyLimit: ISSUE_META_LIMITS.history,
};

/** Merge two versions of one issue's metadata (same key). `local` is what this side holds. */
export function mergeIssueMetaVersions(local: IssueMeta, incoming: IssueMeta): IssueMetaOutcome {
  return mergeVersionsOf(issueMetaKind, local, incoming);
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
