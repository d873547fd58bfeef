/**
 * What the checks of the recurrent exercises (30, 32-36) share: parameter records drawn as
 * TensorData, calling a reference that takes records of tensors, the checks of a getParams, and
 * their gradient check.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../reference/random';
import { anySeed, dim, normalTensor } from './arbitraries';
import { gradient, property, rejects, type Check } from './checks';
import { expectClose, expectTensor } from './compare';
import { CheckFailure, ensure } from './failure';
import { fixedThenRandom } from './fixed-cases';
import { expectGradientClose, numericVjp } from './gradcheck';
import { meanBound, moments, stdRelBound } from './stats';
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

/** One GRU layer's parameters (exercise 33's cell; chapter 7's and 8's layers), in the order drivers pass them. */
export const GRU_LAYER = ['W_xz', 'W_hz', 'b_z', 'W_xr', 'W_hr', 'b_r', 'W_xh', 'W_hh', 'b_h'] as const;

/** Their shapes for d inputs and h hidden units. */
export const gruLayerShapes = (d: number, h: number): Record<(typeof GRU_LAYER)[number], number[]> => ({
  W_xz: [d, h],
  W_hz: [h, h],
  b_z: [h],
  W_xr: [d, h],
  W_hr: [h, h],
  b_r: [h],
  W_xh: [d, h],
  W_hh: [h, h],
  b_h: [h],
});

/** Layers' parameters as one list, layer after layer, each in GRU_LAYER's order (a driver's arguments). */
export const flatGruLayers = (layers: readonly ParamData[]): TensorData[] =>
  layers.flatMap((layer) => GRU_LAYER.map((k) => layer[k]!));

/** The layers back from flatGruLayers' list. */
export const gruLayersOf = (flat: readonly TensorData[]): ParamData[] =>
  Array.from({ length: flat.length / GRU_LAYER.length }, (_, l) =>
    Object.fromEntries(GRU_LAYER.map((k, i) => [k, flat[GRU_LAYER.length * l + i]!])),
  );

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

/** Values compared in the first few elements to tell whether two weights came from one draw. */
const PREFIX = 16;

/**
 * The check that `fn(28, 64, seed)` draws each of `weights` from N(0, 0.01²), gives the same
 * weights for the same seed (seed 0 first: tf.randomNormal treats a seed of 0 as no seed,
 * docs/facts.md), and draws no two weights from one seed (their first values would be equal:
 * a seeded draw of any shape starts with the same numbers). 28 × 64 = 1792 draws or more per
 * matrix: five standard errors are 1.2e-3 on the mean and 8% on the spread.
 */
export function weightDraws(name: string, fn: string, weights: readonly string[]): Check {
  return fixedThenRandom(
    name,
    [0],
    fc.nat(),
    async (s, seed) => {
      const p = (await s.call(fn, 28, 64, seed)) as ParamData;
      const again = (await s.call(fn, 28, 64, seed)) as ParamData;
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
        const u = expectTensor(again[w], w, t.shape);
        ensure(
          u.values.every((x, i) => x === t.values[i]),
          `two calls of ${fn}(28, 64, ${seed}) gave different ${w}` +
            (seed === 0 ? ': tf.randomNormal treats a seed of 0 as no seed, so count seeds up from seed + 1' : ''),
        );
      }
      weights.forEach((a, i) =>
        weights.slice(i + 1).forEach((b) => {
          const [x, y] = [p[a]!.values, p[b]!.values];
          ensure(
            Array.from({ length: Math.min(PREFIX, x.length, y.length) }, (_, k) => x[k] === y[k]).some((same) => !same),
            `${a} and ${b} of ${fn}(28, 64, ${seed}) start with the same ${PREFIX} values: they were drawn from one seed; give each weight its own`,
          );
        }),
      );
    },
    { numRuns: 3 },
  );
}

/**
 * Equal up to float32 rounding of the scale: tf.randomNormal(s, 0, 0.01) and
 * tf.randomNormal(s, 0, 1).mul(0.01) with one seed differ by an ulp (6e-8 relative); another
 * seed or another generator differs by the weights' own size, 1e-2.
 */
const SAME_DRAW = { atol: 1e-9, rtol: 1e-6 };

/**
 * The anchor of a getParams whose task states the exact draw: `fn(V, h, seed)` gives each weight
 * `tf.randomNormal(shape, 0, 0.01, 'float32', seed + k)`, computed here with tfjs, for seed 0
 * first and then random sizes and seeds. `draws(V, h)` lists each weight's shape and k.
 */
export function statedDraws(
  name: string,
  fn: string,
  draws: (V: number, h: number) => Record<string, [shape: [number, number], k: number]>,
): Check {
  return fixedThenRandom(
    name,
    [{ V: 5, h: 3, seed: 0 }],
    fc.record({ V: dim(2, 12), h: dim(1, 8), seed: fc.nat() }),
    async (s, { V, h, seed }) => {
      const p = (await s.call(fn, V, h, seed)) as Record<string, unknown> | null;
      if (p === null || typeof p !== 'object') throw new CheckFailure(`${fn} should return a record of parameters`);
      for (const [w, [shape, k]] of Object.entries(draws(V, h))) {
        const draw = tf.randomNormal(shape, 0, 0.01, 'float32', seed + k);
        const stated = fromTensor(draw);
        draw.dispose();
        expectClose(
          p[w],
          stated,
          `${w} of ${fn}(${V}, ${h}, ${seed}), compared with the task's draw tf.randomNormal([${shape}], 0, 0.01, 'float32', seed + ${k})`,
          SAME_DRAW,
        );
      }
    },
    { kind: 'reference', numRuns: 4, label: (c) => `${fn}(${c.V}, ${c.h}, ${c.seed})` },
  );
}

/**
 * A bias that saturates two units whatever inputs of scale 0.5 add: `sign` · 100 on unit 0 and
 * −`sign` · 100 on unit 1 (tanh is ±1 and σ is 0 or 1 exactly in float32), `rest` on the others.
 * e^{2a} or e^{−a} written out overflows float32 at |a| > 44 or 88: NaN in the output or in the
 * gradient, where tf.tanh and tf.sigmoid stay exact.
 */
export function saturatingBias(rest: TensorData, sign = 1): TensorData {
  return rest.map((v, j) => (j === 0 ? 100 * sign : j === 1 ? -100 * sign : v));
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

/**
 * bpttGradient where some units saturate (the arguments carry saturatingBias): the output is
 * compared with the float64 forward pass, every gradient must be finite (a sigmoid written as
 * 1 / (1 + e^{−a}) has a NaN gradient at a = −100 though its value is right), and then compared
 * with finite differences, each argument whose gradient reaches 0.01 somewhere (below that the
 * rounding of the outputs is 10% of it: bpttGradient skips such draws). Every argument gets the
 * first two tests, so whether a NaN is caught never depends on the draw. `fixed` argument lists run first, before `numRuns` random ones (one per cell, say).
 */
export function bpttAtSaturation<A extends unknown[]>(
  name: string,
  spec: {
    fn: string;
    args: fc.Arbitrary<A>;
    /** Positions of the tensor arguments differentiated (a function of the arguments when their number varies). */
    wrt: number[] | ((args: A) => number[]);
    forward: (args: A) => TensorData;
    numRuns: number;
    fixed?: A[];
  },
): Check {
  return fixedThenRandom(
    name,
    (spec.fixed ?? []).map((args, i) => [args, i] as [A, number]),
    fc.tuple(spec.args, anySeed),
    async (s, [args, dySeed]) => {
      const wrt = typeof spec.wrt === 'function' ? spec.wrt(args) : spec.wrt;
      const y = spec.forward(args);
      const dy = normalTensor(makeRng(dySeed), y.shape);
      const { value, grads } = await s.vjp(spec.fn, args, wrt, dy);
      expectClose(value, y, `the outputs of ${spec.fn} where units saturate (biases of ±100)`);
      wrt.forEach((w, k) => {
        const g = grads[k]!;
        const bad = g.values.findIndex((x) => !Number.isFinite(x));
        ensure(
          bad < 0,
          `the gradient with respect to argument ${w + 1} has ${formatNumber(g.values[bad]!)} at [${g.index(bad)}] where units saturate: write the activations with tf.tanh and tf.sigmoid, whose gradients stay finite`,
        );
      });
      const numeric = await numericVjp((a) => spec.forward(a as A), args, wrt, dy);
      wrt.forEach((w, k) => {
        if (numeric[k]!.values.some((v) => Math.abs(v) >= 0.01))
          expectGradientClose(grads[k]!, numeric[k]!, `the gradient of ${spec.fn} with respect to argument ${w + 1}`);
      });
    },
    { numRuns: spec.numRuns, kind: 'gradient', label: ([, i]) => `number ${i + 1}` },
  );
}

/**
 * The bounds of a getParams(vocabSize, numHiddens, seed) and its initState(batchSize, numHiddens):
 * sizes are whole numbers >= 1 and the seed a whole number >= 0 (seed −1 would draw the first
 * weight with seed + 1 = 0, which tfjs ignores), else a HyperparameterError naming the argument;
 * sizes of 1 and seed 0 are fine.
 */
export function sizeAndSeedBounds(name: string, getParams: string, initState: string): Check {
  return rejects(name, async (s) => {
    const bad: [string, number[], RegExp][] = [
      [getParams, [0, 4, 1], /vocabSize/],
      [getParams, [4, 0, 1], /numHiddens/],
      [getParams, [4, 2.5, 1], /numHiddens/],
      [getParams, [4, 3, -1], /seed/],
      [getParams, [4, 3, 1.5], /seed/],
      [initState, [0, 3], /batchSize/],
      [initState, [2, 0], /numHiddens/],
    ];
    for (const [fn, args, pattern] of bad)
      await s.rejects(fn, args, pattern, `when called as ${fn}(${args.join(', ')})`, 'HyperparameterError');
    const p = (await s.call(getParams, 1, 1, 0)) as Record<string, unknown> | null;
    ensure(
      p !== null && typeof p === 'object' && Object.values(p).every((t) => t instanceof TensorData),
      `${getParams}(1, 1, 0) should give the parameters of a model of one token and one hidden unit`,
    );
    const st = await s.call(initState, 1, 1);
    ensure(Array.isArray(st) && st.length > 0, `${initState}(1, 1) should give the state of one example of one unit`);
  });
}
