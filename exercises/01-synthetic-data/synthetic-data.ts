import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';
import { makeRng } from 'd2l-ts/reference/random';

/**
 * d2l's synthetic_data: examples of a linear model with Gaussian noise,
 *   X ~ N(0, 1) of shape [numExamples, w.length],   y = X w + b + ε,   ε ~ N(0, 0.01²),
 * with y of shape [numExamples, 1] (a column, as d2l reshapes it).
 * The same seed (a non-negative integer) must give the same data. Draw X with seed + 1 and ε with
 * seed + 2: tfjs treats a seed of 0 as no seed at all, and X and ε must not share one.
 * numExamples must be a positive integer and seed a non-negative integer (a seed of -1 would
 * draw X with the seed 0 that tfjs ignores): otherwise throw a HyperparameterError
 * (from 'd2l-ts/reference/errors') that names the bad value.
 */
export function syntheticData(
  w: tf.Tensor1D,
  b: number,
  numExamples: number,
  seed: number,
): { X: tf.Tensor2D; y: tf.Tensor2D } {
  throw new Error('Not implemented: syntheticData (01-synthetic-data). The task is in exercises/01-synthetic-data/README.md');
}

/**
 * d2l's data_iter: the examples in a shuffled order, as minibatches [X_batch, y_batch] of
 * `batchSize` rows; the last batch holds what is left (it may be smaller, and a batchSize of n or
 * more gives one batch of all n examples). Every example appears exactly once per pass. Shuffle
 * the indices with `makeRng(seed).shuffle(...)`, so the same seed gives the same order.
 * batchSize must be a positive integer: otherwise throw a HyperparameterError naming it (with a
 * batchSize of 0 the loop would never end).
 */
export function* dataIter(
  batchSize: number,
  X: tf.Tensor2D,
  y: tf.Tensor2D,
  seed: number,
): Generator<[tf.Tensor2D, tf.Tensor2D]> {
  throw new Error('Not implemented: dataIter (01-synthetic-data). The task is in exercises/01-synthetic-data/README.md');
}
