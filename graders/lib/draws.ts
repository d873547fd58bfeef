import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../reference/backend';
import { Z } from './stats';
import type { TensorData } from './tensor-data';
import { fromTensor } from './tf-interop';

/**
 * The random draws a task states, made here in the trusted process, and tests that two draws are
 * independent. Seeded tf.randomNormal gives the same values on every backend (docs/facts.md), so
 * a task that states its draw ("W1 with tf.randomNormal(..., seed + 1)") can be checked value by value.
 */

/**
 * tf.randomNormal(shape, mean, std, 'float32', seed), read back as data. The backend is chosen first
 * (as the subject's is): `npm run progress` runs checks without choosing one (graders/cli/run-exercises.ts
 * calls useBackend only for a caller that asks for its label), and tfjs then refuses every op.
 */
export async function statedNormal(
  shape: readonly number[],
  mean: number,
  std: number,
  seed: number,
): Promise<TensorData> {
  await useBackend();
  const t = tf.randomNormal([...shape], mean, std, 'float32', seed);
  const data = fromTensor(t);
  t.dispose();
  return data;
}

/**
 * How many values of `b` also occur in `a`. Two tensors drawn from continuous distributions with
 * different seeds share a value with probability about size² · 2^-24 (below 1e-3 for the sizes
 * the checks use); drawn with the same seed, they share their whole common prefix.
 */
export function sharedValues(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const seen = new Set<number>();
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) seen.add(a[i]!);
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] !== 0 && seen.has(b[i]!)) n++;
  return n;
}

/** The sample (Pearson) correlation of two equally long series, in float64. */
export function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * How far the sample correlation of n independent pairs may stray from 0: its standard error is
 * about 1/sqrt(n), and the bound is five of them (stats.ts).
 */
export const correlationBound = (n: number) => Z / Math.sqrt(n);
