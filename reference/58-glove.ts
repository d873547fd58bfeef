/**
 * GloVe (d2l-zh 14.5 / d2l-en 15.5): co-occurrence counts, the weight h(x) and the loss. d2l gives
 * no code. The counts are scattered with tf.scatterND (which sums repeated pairs); the loss runs
 * over the nonzero counts only, gathered, as GloVe's minibatches of nonzero x_ij do.
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** x_ij: how often (or, distance-weighted, how close) j is within windowSize of i in a sentence. */
export function cooccurrence(
  corpus: readonly (readonly number[])[],
  vocabSize: number,
  windowSize: number,
  distanceWeighted = false,
): tf.Tensor2D {
  if (!Number.isInteger(windowSize) || windowSize < 1)
    throw new HyperparameterError(`windowSize = ${windowSize}: it must be a whole number >= 1`);
  const pairs: number[][] = [];
  const weights: number[] = [];
  for (const line of corpus)
    for (let t = 0; t < line.length; t++)
      for (let k = 1; k <= windowSize && t + k < line.length; k++) {
        // Each pair within the window once, counted both ways.
        pairs.push([line[t]!, line[t + k]!], [line[t + k]!, line[t]!]);
        const w = distanceWeighted ? 1 / k : 1;
        weights.push(w, w);
      }
  if (pairs.length === 0) return tf.zeros([vocabSize, vocabSize]);
  return tf.tidy(() =>
    tf.scatterND(tf.tensor2d(pairs, [pairs.length, 2], 'int32'), tf.tensor1d(weights), [vocabSize, vocabSize]),
  );
}

/** h(x) = (x / c)^α below c, 1 from c on. */
export function gloveWeight(X: tf.Tensor, c = 100, alpha = 0.75): tf.Tensor {
  if (!(c > 0)) throw new HyperparameterError(`c = ${c}: the cut-off c must be > 0`);
  if (!(alpha >= 0)) throw new HyperparameterError(`alpha = ${alpha}: the exponent alpha must be >= 0`);
  return tf.tidy(() => tf.where(X.less(c), tf.pow(X.div(c), alpha), tf.onesLike(X)));
}

/** Σ over the nonzero x_ij of h(x_ij) (u_jᵀ v_i + b_i + c_j − log x_ij)². */
export function gloveLoss(V: tf.Tensor2D, U: tf.Tensor2D, b: tf.Tensor1D, c: tf.Tensor1D, X: tf.Tensor2D): tf.Scalar {
  const x = X.arraySync();
  const is: number[] = [];
  const js: number[] = [];
  const xs: number[] = [];
  x.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v > 0) {
        is.push(i);
        js.push(j);
        xs.push(v);
      }
    }),
  );
  if (xs.length === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const [I, J, Xnz] = [tf.tensor1d(is, 'int32'), tf.tensor1d(js, 'int32'), tf.tensor1d(xs)];
    const fit = tf.gather(V, I).mul(tf.gather(U, J)).sum(1).add(tf.gather(b, I)).add(tf.gather(c, J));
    return gloveWeight(Xnz)
      .mul(fit.sub(tf.log(Xnz)).square())
      .sum() as tf.Scalar;
  });
}
