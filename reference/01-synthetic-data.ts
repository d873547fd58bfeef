import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';
import { makeRng } from './random';

/** y = X w + b + N(0, 0.01²) with X ~ N(0, 1): d2l's synthetic_data. (tfjs ignores a seed of 0, hence seed + 1.) */
export function syntheticData(
  w: tf.Tensor1D,
  b: number,
  numExamples: number,
  seed: number,
): { X: tf.Tensor2D; y: tf.Tensor2D } {
  if (!Number.isInteger(numExamples) || numExamples < 1)
    throw new HyperparameterError(`numExamples must be a positive integer, got ${numExamples}`);
  // A seed of -1 would draw X with seed 0, which tfjs takes for no seed.
  if (!Number.isInteger(seed) || seed < 0)
    throw new HyperparameterError(`seed must be a non-negative integer, got ${seed}`);
  return tf.tidy(() => {
    const X = tf.randomNormal<tf.Rank.R2>([numExamples, w.size], 0, 1, 'float32', seed + 1);
    const y = tf.add(
      tf.dot(X, w).expandDims(1),
      tf.randomNormal([numExamples, 1], b, 0.01, 'float32', seed + 2),
    ) as tf.Tensor2D;
    return { X, y };
  });
}

/** The order dataIter visits the examples in: makeRng(seed).shuffle of 0 … n − 1. */
export function shuffledOrder(n: number, seed: number): number[] {
  return makeRng(seed).shuffle([...Array(n).keys()]);
}

/** Shuffled minibatches, the last one possibly smaller: d2l's data_iter. Labels may be of any rank. */
export function* dataIter<Y extends tf.Tensor>(
  batchSize: number,
  X: tf.Tensor2D,
  y: Y,
  seed: number,
): Generator<[tf.Tensor2D, Y]> {
  // A batch size of 0 would never move on.
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = shuffledOrder(X.shape[0], seed);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    yield tf.tidy(() => [tf.gather(X, idx), tf.gather(y, idx) as Y]);
  }
}
