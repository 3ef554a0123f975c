import type { DamagedRecord } from '../backup/format';
import { planRemote } from '../merge/remote';
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
  damaged: DamagedRecord[];
}

export async function pullNewsroom(channel: NewsroomChannel, options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<PulledNewsroom> {
  const batchSize = options.batchSize ?? 250;
  const ids = await channel.listIds();
  const out: PulledNewsroom = { items: [], damaged: [] };
  for (let at = 0; at < ids.length; at += batchSize) {
    const plan = planRemote(new Map(), await channel.fetch(ids.slice(at, at + batchSize)));
    out.items.push(...plan.writes);
    out.damaged.push(...plan.aside.map((a) => ({ record: a.record, reasons: [`newsroom item “${a.id.slice(0, 100)}”`, ...a.reasons] })));
    options.onProgress?.(Math.min(at + batchSize, ids.length), ids.length);
  }
  return out;
}
