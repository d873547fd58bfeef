/**
 * Exercise 41's building blocks: d2l's sequence_mask and MaskedSoftmaxCELoss (d2l-zh 9.7.3,
 * d2l-en 10.7.3), the loss every translation model of chapters 7 and 8 trains with:
 *   sequenceMask(X, validLen, value = 0)        entries of X [n, T, ...] at steps t >= validLen[i] set to value
 *   maskedSoftmaxCELoss(pred, label, validLen)  [n]: per sequence, the mean over all T steps of the
 *                                               cross-entropy, weighted 1 before validLen and 0 after
 * The mean divides by T, not by the valid length (d2l's .mean(dim=1) over the weighted losses), so
 * a sequence's loss is its valid tokens' summed cross-entropy over T.
 */
import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from './errors';

/** 1 where t < validLen[i], else 0: [n, T] float32. */
function weights(validLen: tf.Tensor1D, T: number): tf.Tensor2D {
  return tf
    .less(tf.range(0, T, 1, 'int32').expandDims(0), validLen.cast('int32').expandDims(1))
    .cast('float32') as tf.Tensor2D;
}

/** d2l's sequence_mask: X [n, T, ...] with every entry at a step t >= validLen[i] of row i replaced by value. */
export function sequenceMask<T extends tf.Tensor>(X: T, validLen: tf.Tensor1D, value = 0): T {
  if (X.rank < 2 || validLen.rank !== 1 || validLen.shape[0] !== X.shape[0])
    throw new ShapeMismatchError(
      `sequenceMask needs X of shape [n, T, ...] and validLen of shape [n]; got X [${X.shape.join(', ')}] and validLen [${validLen.shape.join(', ')}]`,
    );
  return tf.tidy(() => {
    let keep = weights(validLen, X.shape[1]!) as tf.Tensor;
    while (keep.rank < X.rank) keep = keep.expandDims(-1);
    return tf.where(tf.broadcastTo(keep.cast('bool'), X.shape), X, tf.fill(X.shape, value, X.dtype)) as T;
  });
}

/**
 * d2l's MaskedSoftmaxCELoss(pred, label, valid_len): pred [n, T, V] logits, label [n, T] indices,
 * validLen [n]. tfjs's softmax cross-entropy with the mask as its weights, unreduced, then the
 * mean over the T steps: [n].
 */
export function maskedSoftmaxCELoss(pred: tf.Tensor3D, label: tf.Tensor2D, validLen: tf.Tensor1D): tf.Tensor1D {
  const [n, T, V] = pred.shape;
  if (label.shape[0] !== n || label.shape[1] !== T || validLen.shape[0] !== n)
    throw new ShapeMismatchError(
      `pred [${pred.shape.join(', ')}] needs label [${n}, ${T}] and validLen [${n}]; got label [${label.shape.join(', ')}] and validLen [${validLen.shape.join(', ')}]`,
    );
  return tf.tidy(() => {
    const losses = tf.losses.softmaxCrossEntropy(
      tf.oneHot(label.cast('int32'), V),
      pred,
      weights(validLen, T),
      0,
      tf.Reduction.NONE,
    );
    return losses.mean(1) as tf.Tensor1D;
  });
}
