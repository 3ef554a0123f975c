import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockSkewError, compareHlc, formatHlc, HybridClock, MAX_SKEW_MS, parseHlc } from '../../../utils/model/hlc';

describe('hybrid logical clock', () => {
  it('formats stamps that sort as the clock orders them, and parses them back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799999 }), fc.nat({ max: 36 ** 4 - 1 }), fc.integer({ min: 0, max: 253402300799999 }), fc.nat({ max: 36 ** 4 - 1 }), (w1, c1, w2, c2) => {
        const a = formatHlc({ wall: w1, counter: c1, node: 'a' });
        const b = formatHlc({ wall: w2, counter: c2, node: 'a' });
        expect(parseHlc(a)).toEqual({ wall: w1, counter: c1, node: 'a' });
        const order = w1 - w2 || c1 - c2;
        expect(Math.sign(compareHlc(a, b))).toBe(Math.sign(order));
      }),
    );
  });

  it('never issues a stamp lower than one it issued or observed, whatever the computer’s clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.record({ jump: fc.integer({ min: -7_200_000, max: 7_200_000 }) }), fc.record({ observe: fc.integer({ min: -600_000, max: 600_000 }) })), { maxLength: 60 }), (steps) => {
        let t = Date.parse('2026-01-01T00:00:00Z');
        const clock = new HybridClock('n1', () => t);
        let last = clock.now();
        for (const step of steps) {
          if ('jump' in step) t += step.jump;
          else {
            const remote = formatHlc({ wall: t + step.observe, counter: 3, node: 'n2' });
            clock.observe(remote);
            expect(compareHlc(clock.now(), remote)).toBe(1);
          }
          const next = clock.now();
          expect(compareHlc(next, last)).toBe(1);
          last = next;
        }
      }),
    );
  });

  it('refuses to observe a stamp far ahead of this computer’s clock, saying how far', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const clock = new HybridClock('n1', () => now);
    expect(clock.trusts(formatHlc({ wall: now + MAX_SKEW_MS, counter: 0, node: 'x' }))).toBe(true);
    expect(() => clock.observe('9999-12-31T23:59:59.999Z~0000~evil')).toThrow(ClockSkewError);
    expect(() => clock.observe('9999-12-31T23:59:59.999Z~0000~evil')).toThrow(/7,97\d years ahead/);
    expect(parseHlc(clock.now())?.wall).toBe(now);
  });
});
