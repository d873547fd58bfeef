import * as tf from '@tensorflow/tfjs';
import { IndexOutOfRangeError } from 'd2l-ts/reference/errors';

/**
 * d2l's cross_entropy: for each example, -log of the probability the model gave its true class,
 *   l(y, ŷ) = -Σ_j y_j log ŷ_j = -log ŷ[i, y_i]   (y one-hot, so one term survives).
 *
 * Take the log of the probability itself, however small: -log 1e-30 is 69.1 (clipping it to 1e-7
 * would say 16.1). A label outside [0, q) is not a class: throw an IndexOutOfRangeError (from
 * 'd2l-ts/reference/errors') that names it (tf.oneHot would silently give it a row of zeros).
 *
 * @param yHat predicted probabilities, shape [n, q] (rows of softmax outputs)
 * @param y true classes, int32, shape [n]
 * @returns the loss of each example, shape [n]
 */
export function crossEntropy(yHat: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  throw new Error('Not implemented: crossEntropy (06-cross-entropy). The task is in exercises/06-cross-entropy/README.md');
}

/**
 * Cross-entropy straight from the logits o, without forming softmax:
 *   -log softmax(o)[y] = log Σ_k exp(o_k) - o_y.
 * Compute log Σ exp with the row maximum m taken out, m + log Σ_k exp(o_k - m), so that logits
 * of ±1e4 give finite losses; softmax followed by log would give log(0) = -Infinity. m must be the
 * maximum: a row may mix logits of -1e4 and 1e4. A label outside [0, q) is an IndexOutOfRangeError,
 * as in crossEntropy.
 *
 * @param logits shape [n, q]   @param y int32 classes, shape [n]   @returns shape [n]
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  throw new Error('Not implemented: softmaxCrossEntropy (06-cross-entropy). The task is in exercises/06-cross-entropy/README.md');
}
