import * as tf from '@tensorflow/tfjs';

/**
 * Per-example gather: out[b, j, …] = X[b, idx[b, j], …] for X [n, m, …] and int32 idx [n, k], so
 * out has shape [n, k, …]. d2l's MaskLM picks the encodings at the prediction positions this way
 * (X[batch_idx, pred_positions]), and the skip-gram picks the scores of the context and noise words
 * from a center's scores over the vocabulary.
 *
 * tf.gather(X, idx, 1, 1) would compute it, but on wasm (tfjs 4.22) a gather with batchDims = 1
 * fails with "memory access out of bounds" (.d2l/scratch/bg.mts, 512 × 522 scores), and its
 * gradient needs UnsortedSegmentSum, which wasm lacks (docs/facts.md). So the first two axes are
 * flattened and the rows b · m + idx[b, j] gathered; the gradient scatters the upstream rows back
 * with tf.scatterND, which sums the rows picked more than once:
 *   dX[b, i] = Σ over j with idx[b, j] = i of dY[b, j].
 */
const pick = tf.customGrad((x, r, save) => {
  // r: the flat row of every pick, [n · k] int32, b · m + idx[b, j].
  const [X, rows] = [x as tf.Tensor, r as tf.Tensor1D];
  (save as tf.GradSaveFunc)([rows]);
  const [n, m, ...rest] = X.shape as number[];
  const width = rest.reduce((a, b) => a * b, 1);
  const k = rows.shape[0] / n!;
  return {
    value: tf.gather(X.reshape([n! * m!, width]), rows).reshape([n!, k, ...rest]),
    gradFunc: (dy, saved) => {
      const [R] = saved as [tf.Tensor1D];
      const dX = tf
        .scatterND(R.expandDims(1), (dy as tf.Tensor).reshape([n! * k, width]), [n! * m!, width])
        .reshape(X.shape);
      return [dX, tf.zerosLike(R)];
    },
  };
});

export function batchGather(X: tf.Tensor, idx: tf.Tensor2D): tf.Tensor {
  const [n, m] = X.shape as number[];
  const rows = tf.tidy(() =>
    idx
      .cast('int32')
      .add(tf.range(0, n! * m!, m!, 'int32').expandDims(1))
      .reshape([-1]),
  );
  const out = pick(X, rows);
  rows.dispose();
  return out;
}
