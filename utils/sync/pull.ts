import type { DamagedRecord } from '../backup/format';
import { planRemoteIssueMeta } from '../merge/issue-meta';
import { planRemote } from '../merge/remote';
import { issueMetaKeyOfRecord, type IssueMeta } from '../model/issue-meta';
import type { NewsItem } from '../model/item';
import type { NewsroomChannel } from './channel';

/**
 * Every item of a newsroom, read once (the CLI's `newsroom pull` and `export --newsroom`): in
 * batches, each record validated like everything else that comes from the newsroom. Records
 * that do not pass are returned apart with their reasons (a backup carries them as damaged
 * records), never dropped; clocks are judged by whoever imports the result.
 */
export interface PulledNewsroom {
  items: NewsItem[];
  /** The issues' details (teaser, extra contributors, occasional blocks). */
  issueMeta: IssueMeta[];
  damaged: DamagedRecord[];
}

export async function pullNewsroom(channel: NewsroomChannel, options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<PulledNewsroom> {
  const batchSize = options.batchSize ?? 250;
  const ids = await channel.listIds();
  const out: PulledNewsroom = { items: [], issueMeta: [], damaged: [] };
  for (let at = 0; at < ids.length; at += batchSize) {
    const fetched = await channel.fetch(ids.slice(at, at + batchSize));
    const plan = planRemote(new Map(), fetched.filter((r) => issueMetaKeyOfRecord(r.id) === null));
    const meta = planRemoteIssueMeta(new Map(), fetched.filter((r) => issueMetaKeyOfRecord(r.id) !== null));
    out.items.push(...plan.writes);
    out.issueMeta.push(...meta.writes);
    out.damaged.push(...[...plan.aside, ...meta.aside].map((a) => ({ record: a.record, reasons: [`newsroom item “${a.id.slice(0, 100)}”`, ...a.reasons] })));
    options.onProgress?.(Math.min(at + batchSize, ids.length), ids.length);
  }
  return out;
}
