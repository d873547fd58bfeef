import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * Rows `indices` of the table W [N, d], as one-hot rows times W: [k, d] for k indices.
 * (tf.gather picks rows directly, but its gradient needs a kernel the wasm backend lacks,
 * docs/facts.md; a one-hot product has an ordinary matMul gradient.)
 */
function rowsOf(W: tf.Tensor2D, indices: tf.Tensor | number[]): tf.Tensor2D {
  throw new Error('Not implemented: rowsOf (55-word2vec-prob). The task is in exercises/55-word2vec-prob/README.md');
}

/**
 * The skip-gram model's conditional probabilities (跳元模型): for each center word c of `centers`
 * [n] (int32 indices into the vocabulary of N words), the distribution over every word o of
 *   P(w_o | w_c) = exp(u_oᵀ v_c) / Σ_{i∈V} exp(u_iᵀ v_c),
 * where row i of V [N, d] is v_i, word i as a center word, and row i of U [N, d] is u_i, word i
 * as a context word. Returns [n, N]: row k is P(· | centers[k]), so it sums to 1.
 */
export function skipGramProbs(V: tf.Tensor2D, U: tf.Tensor2D, centers: tf.Tensor1D): tf.Tensor2D {
  throw new Error('Not implemented: skipGramProbs (55-word2vec-prob). The task is in exercises/55-word2vec-prob/README.md');
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
  throw new Error('Not implemented: cbowProbs (55-word2vec-prob). The task is in exercises/55-word2vec-prob/README.md');
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
  throw new Error('Not implemented: skipGramLoss (55-word2vec-prob). The task is in exercises/55-word2vec-prob/README.md');
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
  throw new Error('Not implemented: cbowLoss (55-word2vec-prob). The task is in exercises/55-word2vec-prob/README.md');
}
