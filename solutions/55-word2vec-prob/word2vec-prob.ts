import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * Rows `indices` of the table W [N, d], as one-hot rows times W: [k, d] for k indices.
 * (tf.gather picks rows directly, but its gradient needs a kernel the wasm backend lacks,
 * docs/facts.md; a one-hot product has an ordinary matMul gradient.)
 */
function rowsOf(W: tf.Tensor2D, indices: tf.Tensor | number[]): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const idx = Array.isArray(indices) ? tf.tensor1d(indices, 'int32') : indices.reshape([-1]).cast('int32');
    return tf
      .oneHot(idx as tf.Tensor1D, W.shape[0])
      .cast('float32')
      .matMul(W) as tf.Tensor2D;
  });
  // END SOLUTION
}

/**
 * The skip-gram model's conditional probabilities (跳元模型): for each center word c of `centers`
 * [n] (int32 indices into the vocabulary of N words), the distribution over every word o of
 *   P(w_o | w_c) = exp(u_oᵀ v_c) / Σ_{i∈V} exp(u_iᵀ v_c),
 * where row i of V [N, d] is v_i, word i as a center word, and row i of U [N, d] is u_i, word i
 * as a context word. Returns [n, N]: row k is P(· | centers[k]), so it sums to 1.
 */
export function skipGramProbs(V: tf.Tensor2D, U: tf.Tensor2D, centers: tf.Tensor1D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.softmax(rowsOf(V, centers).matMul(U, false, true) as tf.Tensor2D));
  // END SOLUTION
}

/**
 * The continuous bag of words' conditional probabilities (连续词袋模型): for each row of `contexts`
 * [n, k] (int32; the k = 2m context words of one center word), the distribution over every
 * center word c of
 *   P(w_c | w_o1, …, w_ok) = exp(u_cᵀ v̄_o) / Σ_{i∈V} exp(u_iᵀ v̄_o),   v̄_o = (v_o1 + … + v_ok) / k.
 * Here, as in d2l, the roles are the other way round: row i of V [N, d] is v_i, word i as a
 * CONTEXT word, and row i of U [N, d] is u_i, word i as a CENTER word. Returns [n, N].
 */
export function cbowProbs(V: tf.Tensor2D, U: tf.Tensor2D, contexts: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [n, k] = contexts.shape;
    const vBar = rowsOf(V, contexts).reshape([n, k, V.shape[1]]).mean(1) as tf.Tensor2D;
    return tf.softmax(vBar.matMul(U, false, true) as tf.Tensor2D);
  });
  // END SOLUTION
}

/**
 * The skip-gram loss of a text sequence w⁽¹⁾ … w⁽ᵀ⁾ (`sequence`, word indices) with context
 * window m (d2l 14.1.3):
 *   − Σ_{t=1..T} Σ_{−m ≤ j ≤ m, j ≠ 0} log P(w⁽ᵗ⁺ʲ⁾ | w⁽ᵗ⁾),
 * leaving out every time step t + j before 1 or after T (no wrapping round). V holds the center
 * vectors and U the context vectors, as in skipGramProbs. Returns a scalar; a sequence of one
 * word has no context, and its loss is 0. m must be a whole number >= 1: anything else throws a
 * HyperparameterError naming m (from d2l-ts/reference/errors).
 */
export function skipGramLoss(V: tf.Tensor2D, U: tf.Tensor2D, sequence: number[], m: number): tf.Scalar {
  // BEGIN SOLUTION
  if (!Number.isInteger(m) || m < 1)
    throw new HyperparameterError(`m = ${m}: the context window m must be a whole number >= 1`);
  const centers: number[] = [];
  const contexts: number[] = [];
  for (let t = 0; t < sequence.length; t++) {
    for (let j = -m; j <= m; j++) {
      if (j === 0 || t + j < 0 || t + j >= sequence.length) continue;
      centers.push(sequence[t]);
      contexts.push(sequence[t + j]);
    }
  }
  if (centers.length === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const logP = tf.logSoftmax(rowsOf(V, centers).matMul(U, false, true));
    return tf.neg(logP.mul(tf.oneHot(tf.tensor1d(contexts, 'int32'), U.shape[0])).sum()) as tf.Scalar;
  });
  // END SOLUTION
}

/**
 * The CBOW loss of a text sequence with context window m (d2l 14.1.4):
 *   − Σ_{t=1..T} log P(w⁽ᵗ⁾ | w⁽ᵗ⁻ᵐ⁾, …, w⁽ᵗ⁻¹⁾, w⁽ᵗ⁺¹⁾, …, w⁽ᵗ⁺ᵐ⁾),
 * where near the ends of the sequence the context is the words that exist (fewer than 2m), and
 * v̄ averages over them; a word with no context at all (a sequence of one word) adds nothing.
 * V holds the context vectors and U the center vectors, as in cbowProbs. Returns a scalar;
 * m as in skipGramLoss.
 */
export function cbowLoss(V: tf.Tensor2D, U: tf.Tensor2D, sequence: number[], m: number): tf.Scalar {
  // BEGIN SOLUTION
  if (!Number.isInteger(m) || m < 1)
    throw new HyperparameterError(`m = ${m}: the context window m must be a whole number >= 1`);
  const N = V.shape[0];
  // Row r of A averages the context of the r-th center: v̄ = A V.
  const A: number[][] = [];
  const centers: number[] = [];
  for (let t = 0; t < sequence.length; t++) {
    const context: number[] = [];
    for (let j = -m; j <= m; j++) if (j !== 0 && t + j >= 0 && t + j < sequence.length) context.push(sequence[t + j]);
    if (context.length === 0) continue;
    const row = new Array<number>(N).fill(0);
    for (const o of context) row[o] += 1 / context.length;
    A.push(row);
    centers.push(sequence[t]);
  }
  if (centers.length === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const vBar = tf.tensor2d(A).matMul(V);
    const logP = tf.logSoftmax(vBar.matMul(U, false, true));
    return tf.neg(logP.mul(tf.oneHot(tf.tensor1d(centers, 'int32'), U.shape[0])).sum()) as tf.Scalar;
  });
  // END SOLUTION
}
