/**
 * What the checks of the recurrent exercises (30, 32-36) share: parameter records drawn as
 * TensorData, calling a reference that takes records of tensors, and their gradient check.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../reference/random';
import { normalTensor } from '../lib/arbitraries';
import { property, type Check } from '../lib/checks';
import { expectGradientClose, numericVjp } from '../lib/gradcheck';
import { TensorData } from '../lib/tensor-data';
import { fromTensor, toTensor } from '../lib/tf-interop';

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

/** Normal values times `scale` for each named shape. */
export function drawParams(rng: Rng, shapes: Record<string, number[]>, scale: number): ParamData {
  return Object.fromEntries(Object.entries(shapes).map(([name, s]) => [name, normalTensor(rng, s, scale)]));
}

/** The output Y and the state of a recurrent layer, flattened into one vector (what a gradient check differentiates). */
export function flatOutput(out: { Y: TensorData; state: TensorData[] }): TensorData {
  return TensorData.float([out.Y.size + out.state.reduce((a, s) => a + s.size, 0)], [...out.Y.values, ...out.state.flatMap((s) => [...s.values])]);
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
 * gradient() of graders/lib/checks.ts for the recurrent layers: tfjs's gradient of the student's
 * function, with a random upstream gradient, against central differences, here of a float64
 * forward pass (30-rnn-scratch.float64.ts). Draws where some argument's gradient stays below 0.01
 * everywhere are skipped (fc.pre): there, the rounding of the outputs to float32 (about 5e-6 once
 * differenced) is 10% of the gradient. Measured on the GRU (scratch/ch56/gradmargin.mts): without
 * the skip, 6 of 1,500 correct gradients were rejected; with it none of 1,298 (13% skipped).
 */
export function bpttGradient(name: string, spec: { fn: string; args: fc.Arbitrary<TensorData[]>; wrt: number[]; forward: (args: TensorData[]) => TensorData; numRuns: number }): Check {
  return property(
    name,
    fc.tuple(spec.args, fc.noShrink(fc.integer({ min: 0, max: 2 ** 31 - 1 }))),
    async (s, [args, dySeed]) => {
      const dy = normalTensor(makeRng(dySeed), spec.forward(args).shape);
      const numeric = await numericVjp((a) => spec.forward(a as TensorData[]), args, spec.wrt, dy);
      fc.pre(numeric.every((g) => g.values.some((v) => Math.abs(v) >= 0.01)));
      const { grads } = await s.vjp(spec.fn, args, spec.wrt, dy);
      spec.wrt.forEach((w, k) => expectGradientClose(grads[k]!, numeric[k]!, `the gradient of ${spec.fn} with respect to argument ${w + 1}`));
    },
    { numRuns: spec.numRuns, kind: 'gradient' },
  );
}
