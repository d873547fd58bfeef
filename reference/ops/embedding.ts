import * as tf from '@tensorflow/tfjs';

/**
 * An embedding lookup, d2l's nn.Embedding: row X[i] of the weight W [V, e] for every index of X
 * (int32, any shape), so the result has shape [...X.shape, e].
 *
 * tfjs's own gradient of tf.gather needs the UnsortedSegmentSum kernel, which the wasm backend
 * lacks (it throws; on cpu it takes 1.5 s at V = 128 and 640 indices). The gradient here scatters
 * the upstream rows back with tf.scatterND, which sums rows sent to the same index:
 *   dW[v] = Σ over the positions i with X[i] = v of dY[i].
 * 640 rows of 32 into 128: about 1 ms on either backend, against 46 ms for the gradient of a
 * one-hot matrix times W on wasm (.d2l/scratch/emb.mts, 2-core machine under load).
 * selftest/embedding.test.ts holds it against the one-hot form on cpu and wasm.
 */
const lookup = tf.customGrad((w, x, save) => {
  const [W, X] = [w as tf.Tensor2D, x as tf.Tensor];
  (save as tf.GradSaveFunc)([X]);
  return {
    value: tf.gather(W, X),
    gradFunc: (dy, saved) => {
      const [Xs] = saved as [tf.Tensor];
      const [V, e] = W.shape;
      // X is an index, not a variable: its "gradient" is zero.
      return [tf.scatterND(Xs.reshape([-1, 1]), (dy as tf.Tensor).reshape([-1, e]), [V, e]), tf.zerosLike(Xs)];
    },
  };
});

export function embedding(W: tf.Tensor2D, X: tf.Tensor): tf.Tensor {
  return lookup(W, X.cast('int32'));
}
