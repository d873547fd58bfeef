/**
 * word2vec's two models with the full softmax (d2l-zh 14.1 / d2l-en 15.1): the skip-gram's
 * P(w_o | w_c) and the CBOW's P(w_c | context), and their losses over a sequence. Rows are
 * picked with tf.gather and normalised with logSumExp (the exercise: one-hot products and
 * softmax), so this is the forward oracle only; d2l trains these models with negative sampling
 * (56-negative-sampling), never with the full softmax.
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** exp(S − logSumExp(S)) over the last axis. */
const normalise = (S: tf.Tensor2D) => tf.exp(S.sub(S.logSumExp(1, true))) as tf.Tensor2D;

/** P(· | centers[k]) for every center: softmax over the vocabulary of U v_c; V center vectors, U context vectors. */
export function skipGramProbs(V: tf.Tensor2D, U: tf.Tensor2D, centers: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => normalise(tf.gather(V, centers.cast('int32')).matMul(U.transpose()) as tf.Tensor2D));
}

/** P(· | contexts[k]): softmax of U v̄, v̄ the mean of the context rows of V (V context vectors, U center vectors). */
export function cbowProbs(V: tf.Tensor2D, U: tf.Tensor2D, contexts: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => normalise(tf.gather(V, contexts.cast('int32')).mean(1).matMul(U.transpose()) as tf.Tensor2D));
}

/** Every (center, context) pair of a sequence with window m, steps outside the sequence left out. */
export function skipGramPairs(sequence: readonly number[], m: number): { centers: number[]; contexts: number[] } {
  if (!Number.isInteger(m) || m < 1)
    throw new HyperparameterError(`m = ${m}: the context window m must be a whole number >= 1`);
  const centers: number[] = [];
  const contexts: number[] = [];
  sequence.forEach((c, t) => {
    for (let s = Math.max(0, t - m); s <= Math.min(sequence.length - 1, t + m); s++)
      if (s !== t) {
        centers.push(c);
        contexts.push(sequence[s]!);
      }
  });
  return { centers, contexts };
}

/** −Σ_t Σ_j log P(w⁽ᵗ⁺ʲ⁾ | w⁽ᵗ⁾): the skip-gram loss of a sequence. */
export function skipGramLoss(V: tf.Tensor2D, U: tf.Tensor2D, sequence: readonly number[], m: number): tf.Scalar {
  const { centers, contexts } = skipGramPairs(sequence, m);
  if (centers.length === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const S = tf.gather(V, tf.tensor1d(centers, 'int32')).matMul(U.transpose()) as tf.Tensor2D;
    const picked = tf
      .gather(U, tf.tensor1d(contexts, 'int32'))
      .mul(tf.gather(V, tf.tensor1d(centers, 'int32')))
      .sum(1);
    return S.logSumExp(1).sub(picked).sum() as tf.Scalar;
  });
}

/** −Σ_t log P(w⁽ᵗ⁾ | its context): the CBOW loss, the context being the words within m that exist. */
export function cbowLoss(V: tf.Tensor2D, U: tf.Tensor2D, sequence: readonly number[], m: number): tf.Scalar {
  const { centers, contexts } = skipGramPairs(sequence, m);
  if (centers.length === 0) return tf.scalar(0);
  // Pairs come grouped by center position: segment the context rows by their position t.
  const positions: number[] = [];
  sequence.forEach((_, t) => {
    const k = Math.min(sequence.length - 1, t + m) - Math.max(0, t - m);
    for (let i = 0; i < k; i++) positions.push(t);
  });
  const used = [...new Set(positions)];
  return tf.tidy(() => {
    const rows = tf.gather(V, tf.tensor1d(contexts, 'int32'));
    const seg = tf.tensor1d(positions, 'int32');
    const sums = tf.unsortedSegmentSum(rows, seg, sequence.length);
    const counts = tf.unsortedSegmentSum(tf.onesLike(seg).cast('float32'), seg, sequence.length);
    const idx = tf.tensor1d(used, 'int32');
    const vBar = tf.gather(sums, idx).div(tf.gather(counts, idx).expandDims(1)) as tf.Tensor2D;
    const S = vBar.matMul(U.transpose());
    const target = tf
      .gather(
        U,
        tf.tensor1d(
          used.map((t) => sequence[t]!),
          'int32',
        ),
      )
      .mul(vBar)
      .sum(1);
    return S.logSumExp(1).sub(target).sum() as tf.Scalar;
  });
}
