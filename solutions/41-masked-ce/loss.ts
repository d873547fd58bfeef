import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/**
 * d2l's sequence_mask: X [n, T, ...] with every entry at a time step t >= validLen[i] of
 * sequence i replaced by value (d2l's mask is arange(T)[None, :] < valid_len[:, None], applied to
 * the first two axes; an entry of X [n, T, k] is a whole row of k values). A valid length of 0
 * masks the whole sequence, one of T or more masks nothing. Returns a new tensor.
 *   sequenceMask([[1, 2, 3], [4, 5, 6]], [1, 2]) = [[1, 0, 0], [4, 5, 0]]
 */
export function sequenceMask<T extends tf.Tensor>(X: T, validLen: tf.Tensor1D, value = 0): T {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [, T] = X.shape as number[];
    const steps = tf.range(0, T, 1, 'int32');
    let keep: tf.Tensor = steps.expandDims(0).less(validLen.cast('int32').expandDims(1));
    while (keep.rank < X.rank) keep = keep.expandDims(-1);
    return tf.where(tf.broadcastTo(keep, X.shape), X, tf.fill(X.shape, value, X.dtype)) as T;
  });
  // END SOLUTION
}

/**
 * d2l's MaskedSoftmaxCELoss (损失函数): pred [n, T, V] are the decoder's logits, label [n, T] the
 * target indices, validLen [n] how many steps of each target count. For each sequence i:
 *   loss_i = (1/T) Σ_{t < validLen[i]} −log softmax(pred[i, t])[label[i, t]]
 * the per-token cross-entropy weighted by sequenceMask(ones, validLen) and averaged over all T
 * steps (d2l's weighted_loss.mean(dim=1): divided by T, not by the valid length). Returns [n].
 * Use a stable log-softmax (tf.logSoftmax): logits far apart must not give −log 0.
 * label or validLen not matching pred's batch and steps: a ShapeMismatchError naming them.
 */
export function maskedSoftmaxCELoss(pred: tf.Tensor3D, label: tf.Tensor2D, validLen: tf.Tensor1D): tf.Tensor1D {
  // BEGIN SOLUTION
  const [n, T, V] = pred.shape;
  if (label.shape[0] !== n || label.shape[1] !== T || validLen.shape[0] !== n)
    throw new ShapeMismatchError(
      `pred is [${pred.shape}]: label must be [${n}, ${T}] and validLen [${n}], got label [${label.shape}] and validLen [${validLen.shape}]`,
    );
  return tf.tidy(() => {
    const weights = sequenceMask(tf.ones([n, T]), validLen);
    const logProbs = tf.logSoftmax(pred);
    const unweighted = logProbs
      .mul(tf.oneHot(label.cast('int32'), V))
      .sum(2)
      .neg();
    return unweighted.mul(weights).mean(1) as tf.Tensor1D;
  });
  // END SOLUTION
}
