import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The K folds of K-fold cross-validation (K折交叉验证) over n examples, as lists of example
 * indices: fold j holds consecutive indices, the folds in order cover 0 .. n-1 exactly once, and
 * their sizes differ by at most one, the first n mod K folds holding one more. (d2l's
 * get_k_fold_data takes n // K per fold and drops the remainder; here no example is lost.)
 * K must be an integer with 2 <= K <= n, or it is a HyperparameterError naming K and n.
 */
export function kFoldIndices(n: number, k: number): number[][] {
  // BEGIN SOLUTION
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new HyperparameterError(
      `K-fold cross-validation needs an integer K with 2 <= K <= n, got K = ${k} for n = ${n} examples`,
    );
  }
  const base = Math.floor(n / k);
  const extra = n % k;
  const folds: number[][] = [];
  let start = 0;
  for (let j = 0; j < k; j++) {
    const size = base + (j < extra ? 1 : 0);
    folds.push(Array.from({ length: size }, (_, t) => start + t));
    start += size;
  }
  return folds;
  // END SOLUTION
}

/**
 * d2l's get_k_fold_data: the i-th of the K folds of kFoldIndices(n, K) is the validation set,
 * the other folds, in their order, the training set; rows of X and y stay paired.
 * A fold index i outside [0, K) is a HyperparameterError.
 * @param X [n, d]   @param y labels with n rows (any shape [n, ...])
 */
export function getKFoldData(
  k: number,
  i: number,
  X: tf.Tensor2D,
  y: tf.Tensor,
): { XTrain: tf.Tensor2D; yTrain: tf.Tensor; XValid: tf.Tensor2D; yValid: tf.Tensor } {
  // BEGIN SOLUTION
  if (!Number.isInteger(i) || i < 0 || i >= k)
    throw new HyperparameterError(`the fold index i must be an integer in [0, K), got i = ${i} for K = ${k}`);
  const folds = kFoldIndices(X.shape[0], k);
  const train = folds.filter((_, j) => j !== i).flat();
  return tf.tidy(() => {
    const trainIdx = tf.tensor1d(train, 'int32');
    const validIdx = tf.tensor1d(folds[i]!, 'int32');
    return {
      XTrain: tf.gather(X, trainIdx),
      yTrain: tf.gather(y, trainIdx),
      XValid: tf.gather(X, validIdx),
      yValid: tf.gather(y, validIdx),
    };
  });
  // END SOLUTION
}
