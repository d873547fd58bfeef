import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** Fold j of n examples in K folds starts at j * floor(n / K) + min(j, n mod K): the first n mod K folds are one longer. */
export function kFoldIndices(n: number, k: number): number[][] {
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new HyperparameterError(`K-fold needs 2 <= K <= n, got K = ${k}, n = ${n}`);
  const start = (j: number) => j * Math.floor(n / k) + Math.min(j, n % k);
  return Array.from({ length: k }, (_, j) => Array.from({ length: start(j + 1) - start(j) }, (_, t) => start(j) + t));
}

/** Fold i as validation set, the rest (in order) as training set, by slicing and concatenating. */
export function getKFoldData(
  k: number,
  i: number,
  X: tf.Tensor2D,
  y: tf.Tensor,
): { XTrain: tf.Tensor2D; yTrain: tf.Tensor; XValid: tf.Tensor2D; yValid: tf.Tensor } {
  const folds = kFoldIndices(X.shape[0], k);
  if (!Number.isInteger(i) || i < 0 || i >= k) throw new HyperparameterError(`fold index ${i} outside [0, ${k})`);
  const [from, to] = [folds[i]![0]!, folds[i]!.at(-1)! + 1];
  const part = <T extends tf.Tensor>(t: T, a: number, b: number) => tf.slice(t, a, b - a) as T;
  return tf.tidy(() => ({
    XTrain: tf.concat([part(X, 0, from), part(X, to, X.shape[0])]),
    yTrain: tf.concat([part(y, 0, from), part(y, to, X.shape[0])]),
    XValid: part(X, from, to),
    yValid: part(y, from, to),
  }));
}
