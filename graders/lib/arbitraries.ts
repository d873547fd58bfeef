import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../reference/random';
import { TensorData } from './tensor-data';

/** A dimension: a fixed size or an arbitrary one. */
export type Dim = number | fc.Arbitrary<number>;

export interface ValueRange {
  min?: number;
  max?: number;
  /** Keep |x| >= this, to stay away from kinks such as ReLU at 0. */
  awayFromZero?: number;
}

const asArb = (d: Dim): fc.Arbitrary<number> => (typeof d === 'number' ? fc.constant(d) : d);

/** A dimension between min and max (inclusive). */
export const dim = (min = 1, max = 5): fc.Arbitrary<number> => fc.integer({ min, max });

/** A shape whose dimensions are drawn independently. */
export const shape = (...dims: Dim[]): fc.Arbitrary<number[]> => fc.tuple(...dims.map(asArb));

/** The smallest normal float32; smaller magnitudes are subnormal. */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/**
 * A float32 value: fast-check's float, so it tries 0, -0, the bounds and small numbers first.
 * Subnormals become 0: backends may flush them, and a counterexample of 1e-45 helps nobody.
 */
export function float32({ min = -5, max = 5, awayFromZero = 0 }: ValueRange = {}): fc.Arbitrary<number> {
  const base = fc
    .float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true })
    .map((x) => (Math.abs(x) < FLOAT32_MIN_NORMAL ? 0 : x));
  if (awayFromZero <= 0) return base;
  return base.map((x) =>
    Math.abs(x) >= awayFromZero ? x : Math.fround(x < 0 || Object.is(x, -0) ? -awayFromZero : awayFromZero),
  );
}

/** A float32 tensor of a fixed or arbitrary shape, e.g. `tensor([dim(), 3])`. */
export function tensor(dims: Dim[] | fc.Arbitrary<number[]>, range: ValueRange = {}): fc.Arbitrary<TensorData> {
  const shapeArb = Array.isArray(dims) ? shape(...dims) : dims;
  return shapeArb.chain((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    return fc.array(float32(range), { minLength: size, maxLength: size }).map((v) => TensorData.float(s, v));
  });
}

/**
 * A float tensor of quarter-integers in [min/4, max/4]: spread over the range (fast-check's floats
 * favour 0, tiny numbers and the bounds) and exact in float32, so sums and products of a few of them
 * carry no rounding and a difference from the reference is a real one.
 */
export function quarters(dims: Dim[], min = -20, max = 20): fc.Arbitrary<TensorData> {
  return intTensor(dims, min, max).map((t) => t.map((v) => v / 4));
}

/** An int32 tensor with values in [min, max]. */
export function intTensor(dims: Dim[] | fc.Arbitrary<number[]>, min: number, max: number): fc.Arbitrary<TensorData> {
  const shapeArb = Array.isArray(dims) ? shape(...dims) : dims;
  return shapeArb.chain((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    return fc.array(fc.integer({ min, max }), { minLength: size, maxLength: size }).map((v) => TensorData.int(s, v));
  });
}

/** A seed for a generator: not shrunk, as a smaller seed is an unrelated draw, not a simpler one. */
export const anySeed = fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }));

/**
 * Inputs too large to shrink element by element (data sets, long sequences): drawn from a seeded
 * generator, so a counterexample is replayed by its seed. The seed is printed with the value.
 */
export function seeded<T>(build: (rng: Rng, seed: number) => T): fc.Arbitrary<T> {
  return anySeed.map((seed) => build(makeRng(seed), seed));
}

/** A tensor of standard normal values times `scale`, drawn from a seeded generator. */
export function normalTensor(rng: Rng, shapeOf: readonly number[], scale = 1): TensorData {
  const size = shapeOf.reduce((a, b) => a * b, 1);
  return TensorData.float(
    shapeOf,
    Array.from({ length: size }, () => rng.normal() * scale),
  );
}
