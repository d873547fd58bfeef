import { CheckFailure } from './failure';
import { formatNumber, TensorData } from './tensor-data';

/**
 * Tolerance of a comparison: element a matches b when |a - b| <= atol + rtol * |b|.
 * FLOAT32 suits one or a few float32 ops (unit roundoff 6e-8, times the depth of the computation);
 * pass a looser one, with a reason, for long float32 reductions.
 */
export interface Tolerance {
  atol: number;
  rtol: number;
}
export const FLOAT32: Tolerance = { atol: 1e-5, rtol: 1e-4 };

export function describeValue(v: unknown): string {
  if (v instanceof TensorData) return `a ${v.describe()}`;
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof Map) return `a Map of ${v.size}`;
  if (typeof v === 'number') return `the number ${formatNumber(v)}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
const indexText = (t: TensorData, i: number) => (t.rank === 0 ? 'the scalar' : `element [${t.index(i).join(', ')}]`);

/** Asserts that `v` is a tensor (and optionally of a shape); `what` names it in messages, e.g. "softmax(X)". */
export function expectTensor(v: unknown, what: string, shape?: readonly number[]): TensorData {
  if (!(v instanceof TensorData)) throw new CheckFailure(`${what} should be a tensor, but it is ${describeValue(v)}`);
  if (shape) expectShape(v, shape, what);
  return v;
}

export function expectShape(t: TensorData, shape: readonly number[], what: string): void {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new CheckFailure(`${what} has shape ${shapeText(t.shape)}, expected ${shapeText(shape)}`);
  }
}

/** Asserts every element is finite, naming the first that is not. */
export function expectFinite(t: TensorData, what: string): void {
  const i = t.values.findIndex((x) => !Number.isFinite(x));
  if (i >= 0)
    throw new CheckFailure(`${what} has ${formatNumber(t.values[i]!)} at ${indexText(t, i)}`, [`${what} = ${t}`]);
}

/**
 * Compares a tensor with an expected one: same shape, then every element within tolerance.
 * A failure names the worst element and how many differ, and shows both tensors.
 */
export function expectClose(got: unknown, expected: TensorData, what: string, tol: Tolerance = FLOAT32): TensorData {
  const g = expectTensor(got, what, expected.shape);
  let worst = -1;
  let worstExcess = 0;
  let bad = 0;
  for (let i = 0; i < g.size; i++) {
    const a = g.values[i]!;
    const b = expected.values[i]!;
    const excess = elementExcess(a, b, tol);
    if (excess > 0) {
      bad++;
      if (excess > worstExcess || worst < 0) {
        worst = i;
        worstExcess = excess;
      }
    }
  }
  if (worst >= 0) {
    const a = g.values[worst]!;
    const b = expected.values[worst]!;
    const allowed = tol.atol + tol.rtol * Math.abs(b);
    throw new CheckFailure(
      `${what} is wrong at ${indexText(g, worst)}: expected ${formatNumber(b)}, got ${formatNumber(a)}` +
        (Number.isFinite(a) ? ` (off by ${formatNumber(Math.abs(a - b))}, allowed ${formatNumber(allowed)})` : '') +
        `; ${bad} of ${g.size} elements differ`,
      [`expected ${expected}`, `got      ${g}`],
    );
  }
  return g;
}

/** How far |a - b| exceeds its tolerance (> 0: mismatch). Non-finite values must match exactly. */
function elementExcess(a: number, b: number, tol: Tolerance): number {
  if (Number.isFinite(a) && Number.isFinite(b)) return Math.abs(a - b) - (tol.atol + tol.rtol * Math.abs(b));
  return a === b || (Number.isNaN(a) && Number.isNaN(b)) ? 0 : Infinity;
}

/** Compares a plain number. */
export function expectNumberClose(got: unknown, expected: number, what: string, tol: Tolerance = FLOAT32): number {
  if (typeof got !== 'number') throw new CheckFailure(`${what} should be a number, but it is ${describeValue(got)}`);
  if (elementExcess(got, expected, tol) > 0) {
    throw new CheckFailure(`${what} should be ${formatNumber(expected)}, got ${formatNumber(got)}`);
  }
  return got;
}

/**
 * Asserts every row (the last axis) is a probability distribution: entries in [0, 1] summing to 1
 * within `sumTol` (a float32 sum of q terms is off by about q * 6e-8).
 */
export function expectRowsAreDistributions(t: TensorData, what: string, sumTol = 1e-5): void {
  expectFinite(t, what);
  const bad = t.values.findIndex((x) => x < 0 || x > 1);
  if (bad >= 0)
    throw new CheckFailure(`${what} has ${formatNumber(t.values[bad]!)} at ${indexText(t, bad)}, outside [0, 1]`, [
      `${what} = ${t}`,
    ]);
  t.rows().forEach((row, r) => {
    const sum = row.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > sumTol) {
      throw new CheckFailure(`row ${r} of ${what} sums to ${formatNumber(sum)}, expected 1 (±${sumTol})`, [
        `${what} = ${t}`,
      ]);
    }
  });
}
