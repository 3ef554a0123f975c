/**
 * Hybrid logical clock (Kulkarni et al., 2014): wall time + counter + node id. Every version of
 * an item carries one stamp; stamps order versions across contributors even when their
 * computers' clocks disagree, because a node never issues a stamp lower than one it has seen.
 *
 * A stamp is a string that sorts in clock order:
 *   "2026-12-01T16:25:01.123Z~0000~k3x9q2"   (ISO wall time, base-36 counter, node id)
 * ISO times have a fixed width for years 0000–9999, so string order is clock order.
 *
 * Trust: a stamp from elsewhere more than MAX_SKEW_MS ahead of this computer's clock is not
 * observed (it would drag every later local stamp into the future and win every merge); the
 * callers hold such versions back and say so.
 */

export const MAX_SKEW_MS = 10 * 60_000;
/**
 * This node's own persisted stamp is trusted much further ahead: it only ever rose through
 * local changes and trusted observations, so being ahead means the computer's clock went back
 * (the case stamps exist for). Only an absurd lead (a damaged record) is dropped.
 */
export const MAX_OWN_LEAD_MS = 30 * 86_400_000;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([0-9a-z]{4})~([a-z0-9-]{1,32})$/;
/** A node id: what `newNodeId` makes, or any short lower-case id (tests, imports of old data). */
export const NODE_ID_PATTERN = /^[a-z0-9-]{1,32}$/;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc({ wall, counter, node }: HlcParts): string {
  return `${new Date(wall).toISOString()}~${counter.toString(36).padStart(COUNTER_WIDTH, '0')}~${node}`;
}

export function parseHlc(stamp: string): HlcParts | null {
  const m = HLC_PATTERN.exec(stamp);
  if (!m) return null;
  const wall = Date.parse(m[1]!);
  if (Number.isNaN(wall)) return null;
  return { wall, counter: parseInt(m[2]!, 36), node: m[3]! };
}

export function isHlc(stamp: string): boolean {
  return parseHlc(stamp) !== null;
}

/** The wall time of a stamp as an ISO string ("updatedAt" of the version it stamps). */
export function hlcTime(stamp: string): string {
  const parts = parseHlc(stamp);
  if (!parts) throw new Error(`Not a clock stamp: "${stamp}"`);
  return new Date(parts.wall).toISOString();
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stamp for data written before stamps existed: its own time, counter 0, a fixed node. */
export function legacyHlc(iso: string, node = 'legacy'): string {
  const wall = Date.parse(iso);
  return formatHlc({ wall: Number.isNaN(wall) ? 0 : wall, counter: 0, node });
}

/** A random node id for this browser profile (or CLI run). */
export function newNodeId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}

export class ClockSkewError extends Error {
  override name = 'ClockSkewError';
}

/** How far ahead of `now` a stamp is, in words: "3 hours", "7,974 years". */
export function describeAhead(stampWall: number, now: number): string {
  const ms = stampWall - now;
  const units: Array<[number, string]> = [
    [365.25 * 86_400_000, 'year'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n.toLocaleString('en')} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.max(1, Math.round(ms / 1000))} seconds`;
}

/**
 * One node's clock. `physicalNow` is the computer's clock; `last` the highest stamp this node
 * issued or observed (persisted by the caller so a restart cannot go back).
 */
export class HybridClock {
  private wall: number;
  private counter: number;

  constructor(
    readonly node: string,
    private readonly physicalNow: () => number = Date.now,
    last?: string | null,
  ) {
    if (!NODE_ID_PATTERN.test(node)) throw new Error(`Not a node id: "${node}"`);
    const parts = last ? parseHlc(last) : null;
    const usable = parts && parts.wall <= physicalNow() + MAX_OWN_LEAD_MS ? parts : null;
    this.wall = usable?.wall ?? 0;
    this.counter = usable?.counter ?? 0;
  }

  /** The highest stamp issued or observed, for persisting. */
  get last(): string {
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  /** A new stamp for a local change, higher than every stamp issued or observed before. */
  now(): string {
    const pt = this.physicalNow();
    if (pt > this.wall) {
      this.wall = pt;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.last;
  }

  /**
   * Whether a stamp from elsewhere is close enough to this node's time to be trusted: no more
   * than MAX_SKEW_MS ahead of the computer's clock, or of the clock's own state (which is ahead
   * when the computer's clock was set back).
   */
  trusts(stamp: string): boolean {
    const parts = parseHlc(stamp);
    return parts !== null && parts.wall <= this.horizon();
  }

  private horizon(): number {
    return Math.max(this.physicalNow(), this.wall) + MAX_SKEW_MS;
  }

  /**
   * Take a stamp from elsewhere into account, so that the next local stamp is higher.
   * Throws ClockSkewError for a stamp too far ahead (the caller holds that version back).
   */
  observe(stamp: string): void {
    const parts = parseHlc(stamp);
    if (!parts) throw new Error(`Not a clock stamp: "${stamp}"`);
    if (parts.wall > this.horizon()) {
      throw new ClockSkewError(`Its clock is ${describeAhead(parts.wall, this.physicalNow())} ahead of this computer's.`);
    }
    if (parts.wall > this.wall || (parts.wall === this.wall && parts.counter > this.counter)) {
      this.wall = parts.wall;
      this.counter = parts.counter;
    }
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      // 1.6 million stamps in one millisecond: borrow the next millisecond.
      this.wall++;
      this.counter = 0;
    }
  }
}
