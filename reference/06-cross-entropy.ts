import * as tf from '@tensorflow/tfjs';

/**
 * The notes' formula l = -Σ_j y_j log ŷ_j with y one-hot: the logarithm of every entry, masked
 * to the true class. (tf.gather would pick the entry directly, but its gradient needs a kernel the
 * wasm backend lacks.) Entries outside the true class may be 0; the gradient needs ŷ > 0.
 */
export function crossEntropy(yHat: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const isTrue = tf.oneHot(tf.cast(y, 'int32'), yHat.shape[1]).cast('bool');
    return tf.neg(tf.sum(tf.where(isTrue, tf.log(yHat), tf.zerosLike(yHat)), 1)) as tf.Tensor1D;
  });
}

/** Cross-entropy from logits by tfjs's own loss (reduction NONE). */
export function softmaxCrossEntropy(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf.losses.softmaxCrossEntropy(
        tf.oneHot(tf.cast(y, 'int32'), logits.shape[1]),
        logits,
        undefined,
        0,
        tf.Reduction.NONE,
      ) as tf.Tensor1D,
  );
}
