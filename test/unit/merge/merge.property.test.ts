import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedId, mergeItems } from '../../../utils/merge/items';
import { canonicalJson, mergeVersions } from '../../../utils/merge/versions';
import { HybridClock } from '../../../utils/model/hlc';
import { itemSchema, type NewsItem } from '../../../utils/model/item';
import { stampVersion } from '../../../utils/model/stamp';
import { makeItem } from '../export/fixtures';
import { writeFigures } from '../reliability/report';

/**
 * Merge rules under random histories. Three replicas (contributors) create and edit a handful
 * of items with their own, disagreeing clocks, and exchange their collections at random moments
 * (like backups, or sync messages arriving late, twice, out of order). Properties:
 *   - convergence: after everyone has received everyone's items, all replicas hold the same items;
 *   - order independence: merging the same versions in any order gives the same items;
 *   - idempotence: receiving the same collection again changes nothing;
 *   - nothing lost: every version anyone made is the current one, in its history (it lost a
 *     conflict), or was edited further into one of those — never silently gone.
 */

const IDS = ['a', 'b', 'c'];
const NODES = ['alice', 'bob', 'carol'];

type Op =
  | { kind: 'edit'; replica: number; item: number; entry: string; section: 'articles' | 'clients'; delete: boolean }
  | { kind: 'receive'; to: number; from: number; reverse: boolean }
  | { kind: 'tick'; replica: number; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: fc.nat({ max: 2 }), item: fc.nat({ max: 2 }), entry: fc.constantFrom('one', 'two', 'three', 'four'), section: fc.constantFrom('articles' as const, 'clients' as const), delete: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('receive' as const), to: fc.nat({ max: 2 }), from: fc.nat({ max: 2 }), reverse: fc.boolean() }) },
  // Clocks that disagree: a replica's computer jumps ahead or back by up to five minutes.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), replica: fc.nat({ max: 2 }), ms: fc.integer({ min: -300_000, max: 300_000 }) }) },
);

class Replica {
  items = new Map<string, NewsItem>();
  private offset = 0;
  readonly clock: HybridClock;
  constructor(readonly node: string, world: { t: number }) {
    this.clock = new HybridClock(node, () => world.t + this.offset);
  }
  skew(ms: number) {
    this.offset += ms;
  }
  edit(id: string, entry: string, section: 'articles' | 'clients', deleted: boolean, made: NewsItem[]): void {
    const before = this.items.get(id);
    const base = before ?? makeItem({ id, canonicalUrl: `https://example.org/${id}`, url: `https://example.org/${id}`, contributor: this.node });
    const hlc = this.clock.now();
    let next = stampVersion(before, { ...base, entry, section, deletedAt: null }, hlc, this.node);
    if (deleted) next = { ...next, deletedAt: next.updatedAt };
    expect(itemSchema.safeParse(next).success).toBe(true);
    this.items.set(id, next);
    made.push(next);
  }
  receive(versions: readonly NewsItem[]): ReturnType<typeof mergeItems> {
    const result = mergeItems([...this.items.values()], versions);
    totals.exchanges += 1;
    totals.conflictsReported += result.conflicts.length;
    for (const v of versions) this.clock.observe(v.hlc);
    this.items = new Map(result.items.map((i) => [i.id, i]));
    return result;
  }
  snapshot(): string {
    return canonicalJson([...this.items.values()].sort((x, y) => (x.id < y.id ? -1 : 1)));
  }
}

function run(ops: readonly Op[]) {
  const world = { t: Date.parse('2026-03-01T10:00:00Z') };
  const replicas = NODES.map((n) => new Replica(n, world));
  const made: NewsItem[] = [];
  for (const op of ops) {
    world.t += 1000;
    if (op.kind === 'edit') {
      const replica = replicas[op.replica]!;
      const id = IDS[op.item]!;
      // Replicas may even create the same id independently: versions without a common ancestor,
      // the hardest case for the merge (real ids are random UUIDs).
      replica.edit(id, op.entry, op.section, op.delete, made);
    } else if (op.kind === 'receive') {
      const from = [...replicas[op.from]!.items.values()];
      replicas[op.to]!.receive(op.reverse ? from.reverse() : from);
    } else {
      replicas[op.replica]!.skew(op.ms);
    }
  }
  return { replicas, made };
}

function exchangeAll(replicas: Replica[]): void {
  for (let round = 0; round < 2; round++) {
    for (const to of replicas) for (const from of replicas) if (to !== from) to.receive([...from.items.values()]);
  }
}

const RUNS = { numRuns: Number(process.env.RELIABILITY_MERGE_RUNS ?? 300), seed: 20261201 };
const totals = { histories: 0, versionsMade: 0, exchanges: 0, conflictsReported: 0, versionsLost: 0, replicasDiverged: 0 };
afterAll(() => writeFigures('merge', { title: 'merge of three replicas with disagreeing clocks (property test)', figures: { ...totals } }));

describe('merge (property-based, three replicas with disagreeing clocks)', () => {
  it('converges: after a full exchange every replica holds the same items', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const { replicas, made } = run(ops);
        exchangeAll(replicas);
        const [first, ...rest] = replicas.map((r) => r.snapshot());
        totals.histories += 1;
        totals.versionsMade += made.length;
        totals.replicasDiverged += rest.filter((other) => other !== first).length;
        for (const other of rest) expect(other).toBe(first);
      }),
      RUNS,
    );
  });

  it('loses nothing: every version made is current, an ancestor of it, or in its history', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const { replicas, made } = run(ops);
        exchangeAll(replicas);
        const final = replicas[0]!.items;
        for (const version of made) {
          const item = final.get(version.id)!;
          // Current, edited further (an ancestor of the current version or of a lost one), or lost and kept.
          const accounted =
            item.hlc === version.hlc ||
            item.ancestors.includes(version.hlc) ||
            item.history.some((h) => h.hlc === version.hlc || h.ancestors.includes(version.hlc));
          if (!accounted) totals.versionsLost += 1;
          expect(accounted, `${version.id} ${version.entry} (${version.hlc}) lost`).toBe(true);
          const lost = item.history.find((h) => h.hlc === version.hlc);
          if (lost) expect([lost.entry, lost.section, lost.deletedAt]).toEqual([version.entry, version.section, version.deletedAt]);
        }
      }),
      RUNS,
    );
  });

  it('is idempotent and order independent', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const { replicas } = run(ops);
        const [a, b, c] = replicas.map((r) => [...r.items.values()]);
        const abc = mergeItems([], [...a!, ...b!, ...c!]).items;
        const key = (items: NewsItem[]) => canonicalJson([...items].sort((x, y) => (x.id < y.id ? -1 : 1)));
        expect(key(mergeItems([], [...c!, ...b!, ...a!]).items)).toBe(key(abc));
        expect(key(mergeItems(mergeItems(b!, c!).items, a!).items)).toBe(key(abc));
        const again = mergeItems(abc, [...a!, ...b!, ...c!]);
        expect(again.added).toEqual([]);
        expect(again.updated).toEqual([]);
        expect(again.conflicts).toEqual([]);
      }),
      RUNS,
    );
  });

  it('reports every concurrent loser with different content as a conflict, and no fast-forward as one', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const { replicas } = run(ops);
        const [a, b] = replicas.map((r) => [...r.items.values()]);
        const result = mergeItems(a!, b!);
        for (const incoming of b!) {
          const local = a!.find((i) => i.id === incoming.id);
          if (!local) continue;
          const outcome = mergeVersions(local, incoming);
          const reported = result.conflicts.some((c) => c.id === incoming.id);
          expect(reported).toBe(outcome.kind === 'concurrent' && outcome.fields.length > 0);
        }
      }),
      RUNS,
    );
  });
});

describe('merge (examples)', () => {
  const v = (id: string, entry: string, hlc: string, extra: Partial<NewsItem> = {}) =>
    makeItem({ id, title: `Post ${id}`, canonicalUrl: `https://example.org/${id}`, url: `https://example.org/${id}`, entry, hlc, ...extra });

  it('a later edit of what is stored is an update, not a conflict; an older version is skipped', () => {
    const old = v('x', 'old', '2026-03-01T10:00:00.000Z~0000~alice');
    const newer = { ...v('x', 'new', '2026-03-02T10:00:00.000Z~0000~bob'), ancestors: [old.hlc] };
    const forward = mergeItems([old], [newer]);
    expect(forward.updated).toHaveLength(1);
    expect(forward.conflicts).toEqual([]);
    const back = mergeItems([newer], [old]);
    expect(back.skipped).toEqual([{ incoming: old, reason: 'older' }]);
    expect(back.items).toEqual([newer]);
  });

  it('a local edit that loses to a concurrent incoming one is reported and kept in history (defect 3)', () => {
    const base = v('x', 'base', '2026-03-01T10:00:00.000Z~0000~alice');
    const mine = { ...v('x', 'mine', '2026-03-02T10:00:00.000Z~0000~alice'), ancestors: [base.hlc] };
    const theirs = { ...v('x', 'theirs', '2026-03-03T10:00:00.000Z~0000~bob'), ancestors: [base.hlc] };
    const result = mergeItems([mine], [theirs]);
    expect(result.items[0]?.entry).toBe('theirs');
    expect(result.conflicts).toEqual([expect.objectContaining({ id: 'x', lostSide: 'local', fields: ['entry'] })]);
    expect(result.items[0]?.history.map((h) => h.entry)).toEqual(['mine']);
  });

  it('two different pages under one id are both kept; the arriving one gets the same derived id every time (defect 3)', () => {
    const here = v('same', 'page one', '2026-03-01T10:00:00.000Z~0000~alice', { canonicalUrl: 'https://one.example/', url: 'https://one.example/' });
    const there = v('same', 'page two', '2026-03-01T11:00:00.000Z~0000~bob', { canonicalUrl: 'https://two.example/', url: 'https://two.example/' });
    const once = mergeItems([here], [there]);
    expect(once.items.map((i) => i.canonicalUrl).sort()).toEqual(['https://one.example/', 'https://two.example/']);
    expect(once.renamed).toEqual([{ from: 'same', to: derivedId('same', 'https://two.example/'), canonicalUrl: 'https://two.example/', otherUrl: 'https://one.example/' }]);
    const twice = mergeItems(once.items, [there]);
    expect(twice.items).toHaveLength(2);
    expect(twice.added).toEqual([]);
  });

  it('two contributors clipping the same page keep two items, listed as a possible duplicate', () => {
    const alice = v('a1', 'Alice’s words', '2026-03-01T10:00:00.000Z~0000~alice', { canonicalUrl: 'https://e.example/p', url: 'https://e.example/p', contributor: 'Alice' });
    const bob = v('b1', 'bob’s words', '2026-03-02T10:00:00.000Z~0000~bob', { canonicalUrl: 'https://e.example/p', url: 'https://e.example/p', contributor: 'bob' });
    const result = mergeItems([alice], [bob]);
    expect(result.items).toHaveLength(2);
    expect(result.duplicates).toEqual([{ canonicalUrl: 'https://e.example/p', newsletter: 'xmpp', issue: '2023-10', ids: ['a1', 'b1'] }]);
  });

  it('a createdAt of 1970 does not steal the credit; the item keeps its contributor (defect 4)', () => {
    const mine = v('x', 'mine', '2026-03-01T10:00:00.000Z~0000~alice', { contributor: 'Alice' });
    const forged = { ...v('x', 'forged', '2026-03-01T09:00:00.000Z~0000~mallory', { contributor: 'Mallory', createdAt: '1970-01-01T00:00:00.000Z' }) };
    const result = mergeItems([mine], [forged]);
    expect(result.items[0]).toMatchObject({ contributor: 'Alice', entry: 'mine' });
  });

  it('a version stamped far in the future is held back, not applied (defect 4)', () => {
    const mine = v('x', 'mine', '2026-03-01T10:00:00.000Z~0000~alice');
    const future = { ...v('x', 'deleted forever', '9999-01-01T00:00:00.000Z~0000~mallory'), deletedAt: '9999-01-01T00:00:00.000Z' };
    const now = Date.parse('2026-03-02T00:00:00Z');
    const clock = new HybridClock('editor', () => now);
    const result = mergeItems([mine], [future], { holdBack: (x) => (clock.trusts(x.hlc) ? null : 'Its clock is far ahead.') });
    expect(result.items).toEqual([mine]);
    expect(result.heldBack).toEqual([{ version: future, reason: 'Its clock is far ahead.' }]);
  });
});
