/**
 * What the checks of chapter 8 (attention, the Transformer) share: valid lengths drawn and shown,
 * calling a layer that returns { output, attentionWeights }, and 13-dropout's mask recomputed in
 * the checks' process.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../reference/random';
import { anySeed, normalTensor } from './arbitraries';
import { type Check, type GradientSpec, property } from './checks';
import { expectClose, expectRowsAreDistributions, expectTensor } from './compare';
import { CheckFailure, ensure } from './failure';
import { type Attention64, fromM3, rowLengths } from './float64/attention';
import { expectGradientClose, numericVjp } from './gradcheck';
import type { Subject } from './subject';
import { formatNumber, TensorData } from './tensor-data';

/** validLens as printed in a message. */
export const showLens = (t: TensorData | null): string => (t === null ? 'null' : JSON.stringify(t.toArray()));

/** Valid lengths from `min` to `keys`: 'none' (null), 1-D [batch] or 2-D [batch, queries]. */
export function drawLens(
  rng: Rng,
  kind: 'none' | '1d' | '2d',
  batch: number,
  queries: number,
  keys: number,
  min = 0,
): TensorData | null {
  const len = () => min + rng.int(keys - min + 1);
  if (kind === 'none') return null;
  return kind === '1d'
    ? TensorData.int([batch], Array.from({ length: batch }, len))
    : TensorData.int([batch, queries], Array.from({ length: batch * queries }, len));
}

/** One of the three kinds of valid lengths, each a third of the time. */
export const anyLensKind = (rng: Rng) => (['none', '1d', '2d'] as const)[rng.int(3)]!;

/** Calls an attention layer that returns { output, attentionWeights } and checks both shapes. */
export async function callAttention(
  s: Subject,
  fn: string,
  args: unknown[],
  outputShape: number[],
  weightsShape: number[],
): Promise<{ output: TensorData; attentionWeights: TensorData }> {
  const out = (await s.call(fn, ...args)) as { output?: unknown; attentionWeights?: unknown } | null;
  if (out === null || typeof out !== 'object' || !('output' in out) || !('attentionWeights' in out))
    throw new CheckFailure(`${fn} should return { output, attentionWeights }`);
  return {
    output: expectTensor(out.output, `the output of ${fn}`, outputShape),
    attentionWeights: expectTensor(out.attentionWeights, `the attention weights of ${fn}`, weightsShape),
  };
}

/** An attention layer's output and weights against float64 ones, each failure naming the valid lengths. */
export function expectAttentionClose(
  got: { output: TensorData; attentionWeights: TensorData },
  expected: Attention64,
  validLens: TensorData | null,
): void {
  expectClose(
    got.attentionWeights,
    fromM3(expected.weights),
    `the attention weights (validLens ${showLens(validLens)})`,
  );
  expectClose(got.output, fromM3(expected.output), `the output (validLens ${showLens(validLens)})`);
}

/** Attention weights [b, n, m]: every row a distribution over the valid keys, exactly 0 beyond them. */
export function expectMaskedDistributions(w: TensorData, validLens: TensorData | null): void {
  expectRowsAreDistributions(w, 'the attention weights');
  const [b, n, m] = w.shape as [number, number, number];
  const lens = rowLengths(validLens, b, n, m);
  const bad = w.values.findIndex((x, i) => {
    const [bi, qi, ki] = w.index(i) as [number, number, number];
    return ki >= lens[bi]![qi]! && x !== 0;
  });
  ensure(
    bad < 0,
    `the weight at [${w.index(bad).join(', ')}] is ${formatNumber(w.values[bad]!)}, beyond its row's valid length (validLens ${showLens(validLens)}): it must be exactly 0`,
  );
}

/**
 * 13-dropout's dropoutLayer(X, p, seed, true) applied to X: u = tf.randomUniform(shape, 0, 1,
 * 'float32', seed + 1), entries with u > p kept and divided by 1 − p.
 */
export function dropped(X: TensorData, p: number, seed: number): TensorData {
  const u = tf.tidy(() => tf.randomUniform([...X.shape], 0, 1, 'float32', seed + 1).dataSync());
  return X.map((x, i) => (u[i]! > p ? x / (1 - p) : 0));
}

/** A float tensor of the given shape filled with one value. */
export const filled = (shape: number[], v: number): TensorData =>
  TensorData.float(shape, new Array<number>(shape.reduce((a, x) => a * x, 1)).fill(v));

/**
 * The step of finite differences taken of a float64 forward pass whose outputs stay float64
 * (graders/lib/float64/attention.ts, exact()): the truncation error is eps² times the third
 * derivative and rounding is of order 1e-16 / eps, both far below the tolerance; gradcheck.ts's
 * eps = 1e-2 is for forward passes rounded to float32, and on the Transformer blocks (gradients
 * up to 17 where layer normalisation divides by a small spread) its truncation error reached 2 %.
 */
export const FLOAT64_EPS = 1e-4;

/**
 * gradient() of graders/lib/checks.ts with finite differences of an exact float64 forward pass
 * (step FLOAT64_EPS), and the same rule (gradcheck.ts) for the comparison.
 */
export function float64Gradient(name: string, spec: Omit<GradientSpec, 'skipBelow'>): Check {
  return property(
    name,
    fc.tuple(spec.args, anySeed),
    async (s, [args, dySeed]) => {
      const y = spec.forward(...args);
      const dy = normalTensor(makeRng(dySeed), y.shape);
      const numeric = await numericVjp((a) => spec.forward(...a), args, spec.wrt, dy, FLOAT64_EPS);
      const { grads } = await s.vjp(spec.fn, args, spec.wrt, dy);
      // The unit of this call's gradients: the largest exact one, or, where every exact gradient is
      // 0 (one valid key: the softmax is constant), the upstream gradient's, through a map of gain ~1.
      const scale =
        Math.max(0, ...numeric.flatMap((g) => Array.from(g.values, Math.abs))) ||
        Math.max(0, ...Array.from(dy.values, Math.abs));
      spec.wrt.forEach((w, k) =>
        expectGradientClose(
          grads[k]!,
          numeric[k]!,
          `the gradient of ${spec.fn} with respect to argument ${w + 1}`,
          scale,
        ),
      );
    },
    { numRuns: spec.numRuns ?? 10, kind: 'gradient' },
  );
}
