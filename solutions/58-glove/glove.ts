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
  // BEGIN SOLUTION
  if (!Number.isInteger(windowSize) || windowSize < 1)
    throw new HyperparameterError(`windowSize = ${windowSize}: it must be a whole number >= 1`);
  const X = Array.from({ length: vocabSize }, () => new Array<number>(vocabSize).fill(0));
  for (const line of corpus) {
    for (let t = 0; t < line.length; t++) {
      for (let s = Math.max(0, t - windowSize); s <= Math.min(line.length - 1, t + windowSize); s++) {
        if (s !== t) X[line[t]][line[s]] += distanceWeighted ? 1 / Math.abs(s - t) : 1;
      }
    }
  }
  return tf.tensor2d(X, [vocabSize, vocabSize]);
  // END SOLUTION
}

/**
 * GloVe's weight h(x) = (x / c)^α for x < c, and 1 for x >= c, element by element (d2l: c = 100,
 * α = 0.75). h(0) = 0, so a pair that never co-occurs costs nothing. c must be > 0 and α >= 0:
 * otherwise a HyperparameterError naming the setting.
 */
export function gloveWeight(X: tf.Tensor, c = 100, alpha = 0.75): tf.Tensor {
  // BEGIN SOLUTION
  if (!(c > 0)) throw new HyperparameterError(`c = ${c}: the cut-off c must be > 0`);
  if (!(alpha >= 0)) throw new HyperparameterError(`alpha = ${alpha}: the exponent alpha must be >= 0`);
  return tf.tidy(() => tf.minimum(tf.pow(X.div(c), alpha), 1));
  // END SOLUTION
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
  // BEGIN SOLUTION
  return tf.tidy(() => {
    // log 1 = 0 where x = 0: a finite stand-in that h(0) = 0 then multiplies away.
    const logX = tf.log(tf.where(X.greater(0), X, tf.onesLike(X)));
    const S = V.matMul(U, false, true).add(b.expandDims(1)).add(c.expandDims(0)); // S_ij = u_jᵀ v_i + b_i + c_j
    return gloveWeight(X).mul(S.sub(logX).square()).sum() as tf.Scalar;
  });
  // END SOLUTION
}
