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
  throw new Error('Not implemented: kFoldIndices (11-kfold). The task is in exercises/11-kfold/README.md');
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
  throw new Error('Not implemented: getKFoldData (11-kfold). The task is in exercises/11-kfold/README.md');
}
