import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../reference/random';
import { dim, float32, seeded, tensor } from './arbitraries';

const isSubnormal = (x: number) => x !== 0 && Math.abs(x) < 2 ** -126;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 2000) => fc.sample(arb, { seed: 3, numRuns });

describe('float32', () => {
  test('never yields a subnormal, though fast-check draws them in that range', () => {
    const range = { min: Math.fround(-1e-36), max: Math.fround(1e-36) };
    expect(sample(fc.float(range)).some(isSubnormal)).toBe(true);
    expect(sample(float32(range)).filter(isSubnormal)).toEqual([]);
    expect(sample(float32()).filter(isSubnormal)).toEqual([]);
  });

  test('yields float32 values within min and max', () => {
    const xs = sample(float32({ min: 0.5, max: 2 }));
    expect(xs.filter((x) => x < 0.5 || x > 2 || Math.fround(x) !== x)).toEqual([]);
  });

  test('keeps |x| >= awayFromZero, on both sides of zero', () => {
    const xs = sample(float32({ min: -1, max: 1, awayFromZero: 0.25 }));
    expect(xs.filter((x) => Math.abs(x) < 0.25)).toEqual([]);
    expect(xs.some((x) => x < 0) && xs.some((x) => x > 0)).toBe(true);
  });
});

describe('tensor', () => {
  test('yields float32 tensors of the requested shape', () => {
    for (const t of sample(tensor([dim(1, 3), 4]), 100)) {
      expect(t.dtype).toBe('float32');
      expect(t.shape[1]).toBe(4);
      expect(t.shape[0]).toBeGreaterThanOrEqual(1);
      expect(t.shape[0]).toBeLessThanOrEqual(3);
    }
  });
});

describe('seeded', () => {
  test('builds each value from its seed, so the seed replays it', () => {
    for (const [seed, u] of sample(
      seeded((rng, s) => [s, rng.uniform()] as const),
      50,
    )) {
      expect(makeRng(seed).uniform()).toBe(u);
    }
  });
});
