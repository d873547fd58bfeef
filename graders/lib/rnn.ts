/**
 * What the checks of the recurrent exercises (30, 32-36) share: parameter records drawn as
 * TensorData, calling a reference that takes records of tensors, the checks of a getParams, and
 * their gradient check.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import type { Rng } from '../../reference/random';
import { dim, normalTensor } from './arbitraries';
import { gradient, property, type Check } from './checks';
import { expectTensor } from './compare';
import { CheckFailure, ensure } from './failure';
import { meanBound, moments, stdRelBound } from './stats';
import type { Subject } from './subject';
import { formatNumber, TensorData } from './tensor-data';
import { fromTensor, toTensor } from './tf-interop';

/** A record of parameters as the checks hold them. */
export type ParamData = Record<string, TensorData>;

/** TensorData to tf.Tensor through arrays and plain objects. */
function toTf(v: unknown): unknown {
  if (v instanceof TensorData) return toTensor(v);
  if (Array.isArray(v)) return v.map(toTf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTf(x)]));
  return v;
}

function fromTf(v: unknown): unknown {
  if (v instanceof tf.Tensor) return fromTensor(v);
  if (Array.isArray(v)) return v.map(fromTf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromTf(x)]));
  return v;
}

/**
 * Calls a reference whose arguments and result hold tensors anywhere in arrays and records
 * (`{ Y, state: [H] }`), with TensorData in and out and every tensor disposed.
 */
export function callRef<R>(f: (...args: never[]) => unknown, ...args: unknown[]): R {
  const out = tf.tidy(() => f(...(toTf(args) as never[])) as tf.TensorContainer);
  const data = fromTf(out) as R;
  tf.dispose(out);
  return data;
}

/** Normal values times `scale` for each named shape, under the same names. */
export function drawParams<K extends string>(
  rng: Rng,
  shapes: Record<K, number[]>,
  scale: number,
): Record<K, TensorData> {
  return Object.fromEntries(
    Object.entries<number[]>(shapes).map(([name, s]) => [name, normalTensor(rng, s, scale)]),
  ) as Record<K, TensorData>;
}

/** A gate's bias of 30 makes the gate exactly 1 in float32 (σ(30) = 1 − 9e-14), −30 exactly 0, whatever inputs of scale 0.5 add. */
export const gateBias = (h: number, v: number) => TensorData.float([h], new Array(h).fill(v));

/**
 * The check of a getParams `fn(V, h, seed)`: every parameter of `shapes(V, h, V)` (d = q = V, as
 * d2l's language models) with its shape, and the biases (b_*) zero.
 */
export function paramShapes(
  name: string,
  fn: string,
  shapes: (d: number, h: number, q: number) => Record<string, number[]>,
): Check {
  return property(name, fc.record({ V: dim(2, 30), h: dim(1, 16), seed: fc.nat() }), async (s, { V, h, seed }) => {
    const p = (await s.call(fn, V, h, seed)) as Record<string, unknown> | null;
    const expected = shapes(V, h, V);
    if (p === null || typeof p !== 'object')
      throw new CheckFailure(`${fn} should return a record { ${Object.keys(expected).join(', ')} }`);
    for (const [param, shape] of Object.entries(expected)) {
      const t = expectTensor(p[param], param, shape);
      if (param.startsWith('b_'))
        ensure(
          t.values.every((x) => x === 0),
          `${param} should start at zero, got ${t}`,
        );
    }
  });
}

/**
 * The check that `fn(28, 64, seed)` draws each of `weights` from N(0, 0.01²), then `also` (same
 * seed, same weights; or each weight its own seed). 28 × 64 = 1792 draws or more per matrix: five
 * standard errors are 1.2e-3 on the mean and 8% on the spread.
 */
export function weightDraws(
  name: string,
  fn: string,
  weights: readonly string[],
  also: (p: ParamData, seed: number, s: Subject) => Promise<void> | void,
): Check {
  return property(
    name,
    fc.nat(),
    async (s, seed) => {
      const p = (await s.call(fn, 28, 64, seed)) as ParamData;
      for (const w of weights) {
        const t = expectTensor(p[w], w);
        const { mean, std } = moments(t.values);
        ensure(
          Math.abs(mean) <= meanBound(0.01, t.size),
          `${w} has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(0.01, t.size))})`,
        );
        ensure(
          Math.abs(std / 0.01 - 1) <= stdRelBound(t.size),
          `${w} has standard deviation ${formatNumber(std)}, expected 0.01 (±${formatNumber(100 * stdRelBound(t.size))}%)`,
        );
      }
      await also(p, seed, s);
    },
    { numRuns: 3 },
  );
}

/** The output Y and the state of a recurrent layer, flattened into one vector (what a gradient check differentiates). */
export function flatOutput(out: { Y: TensorData; state: TensorData[] }): TensorData {
  return TensorData.float(
    [out.Y.size + out.state.reduce((a, s) => a + s.size, 0)],
    [...out.Y.values, ...out.state.flatMap((s) => [...s.values])],
  );
}

/** Rows [from, to) of a [T n, q] output, i.e. the outputs of time steps from / n to to / n. */
export function rowsOf(Y: TensorData, from: number, to: number): TensorData {
  const q = Y.shape[1]!;
  return new TensorData([to - from, q], 'float32', Y.values.slice(from * q, to * q));
}

/** Time steps [from, to) of inputs [T, n, d]. */
export function stepsOf(inputs: TensorData, from: number, to: number): TensorData {
  const [, n, d] = inputs.shape as [number, number, number];
  return new TensorData([to - from, n, d], 'float32', inputs.values.slice(from * n * d, to * n * d));
}

/** Inputs [T, n, d] reversed in time. */
export function reversedInTime(inputs: TensorData): TensorData {
  const [T, n, d] = inputs.shape as [number, number, number];
  const step = n * d;
  const out = new Float32Array(inputs.size);
  for (let t = 0; t < T; t++) out.set(inputs.values.subarray(t * step, (t + 1) * step), (T - 1 - t) * step);
  return new TensorData(inputs.shape, 'float32', out);
}

/**
 * gradient() of graders/lib/checks.ts for the recurrent layers, its finite differences taken of a
 * float64 forward pass (30-rnn-scratch.float64.ts). Draws where some argument's gradient stays
 * below 0.01 everywhere are skipped: there, the rounding of the outputs to float32 (about 5e-6
 * once differenced) is 10% of the gradient. Measured on the GRU (scratch/ch56/gradmargin.mts):
 * without the skip, 6 of 1,500 correct gradients were rejected; with it none of 1,298 (13% skipped).
 */
export function bpttGradient(
  name: string,
  spec: {
    fn: string;
    args: fc.Arbitrary<TensorData[]>;
    wrt: number[];
    forward: (args: TensorData[]) => TensorData;
    numRuns: number;
  },
): Check {
  return gradient(name, { ...spec, forward: (...args) => spec.forward(args as TensorData[]), skipBelow: 0.01 });
}
