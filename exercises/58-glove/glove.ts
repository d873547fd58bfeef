import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The global co-occurrence counts x_ij (全局语料统计): for every word w_t = i of every sentence of
 * `corpus` (sentences of word indices < vocabSize) and every other position s of the same
 * sentence with |s − t| <= windowSize, x_ij grows by 1 where j = w_s; with distanceWeighted, by
 * 1 / |s − t| instead (GloVe's weighting, which d2l's exercise 14.5.1 suggests: far words count
 * less). x_ij is the multiplicity of j in the multiset C_i of i's context words, so X [vocabSize,
 * vocabSize] is symmetric. windowSize must be a whole number >= 1: otherwise a HyperparameterError
 * naming windowSize.
 */
export function cooccurrence(
  corpus: number[][],
  vocabSize: number,
  windowSize: number,
  distanceWeighted = false,
): tf.Tensor2D {
  throw new Error('Not implemented: cooccurrence (58-glove). The task is in exercises/58-glove/README.md');
}

/**
 * GloVe's weight h(x) = (x / c)^α for x < c, and 1 for x >= c, element by element (d2l: c = 100,
 * α = 0.75). h(0) = 0, so a pair that never co-occurs costs nothing. c must be > 0 and α >= 0:
 * otherwise a HyperparameterError naming the setting.
 */
export function gloveWeight(X: tf.Tensor, c = 100, alpha = 0.75): tf.Tensor {
  throw new Error('Not implemented: gloveWeight (58-glove). The task is in exercises/58-glove/README.md');
}

/**
 * The GloVe loss (d2l 14.5.2 / 15.5.2):
 *   Σ_{i∈V} Σ_{j∈V} h(x_ij) (u_jᵀ v_i + b_i + c_j − log x_ij)²,
 * with V [N, d] the center vectors v_i, U [N, d] the context vectors u_j, b [N] the center biases,
 * c [N] the context biases and X [N, N] the counts, h with d2l's c = 100 and α = 0.75. Pairs with
 * x_ij = 0 add nothing (h(0) = 0): leave them out so that log 0 = −∞ appears nowhere, neither in the
 * value nor in its gradient. Returns a scalar.
 */
export function gloveLoss(V: tf.Tensor2D, U: tf.Tensor2D, b: tf.Tensor1D, c: tf.Tensor1D, X: tf.Tensor2D): tf.Scalar {
  throw new Error('Not implemented: gloveLoss (58-glove). The task is in exercises/58-glove/README.md');
}
