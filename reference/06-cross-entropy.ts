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

/**
 * Cross-entropy from logits: -log softmax(o)[y] by tfjs's own log-softmax, masked to the true class.
 * Not tf.losses.softmaxCrossEntropy: it forms o - logsumexp(o), and at logits of 1e4 logsumexp is
 * rounded to float32's spacing there (2^-10), so the loss and the gradient softmax(o) - onehot(y)
 * came out up to 4e-4 off. tf.logSoftmax subtracts the row maximum first (exact), then the log of a
 * sum in [1, q], and its gradient is dy - Σdy · exp(logSoftmax): both stay within float32's
 * rounding of the values themselves (fixtures/golden/06-cross-entropy.py, at FLOAT32).
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const isTrue = tf.oneHot(tf.cast(y, 'int32'), logits.shape[1]).cast('bool');
    return tf.neg(tf.sum(tf.where(isTrue, tf.logSoftmax(logits), tf.zerosLike(logits)), 1)) as tf.Tensor1D;
  });
}
