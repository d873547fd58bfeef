import * as tf from '@tensorflow/tfjs';
import { corr2d } from './19-corr2d';
import { ShapeMismatchError } from './errors';
import { assertKernelFits } from './ops/conv2d';

/**
 * The gradients of Σ dY · corr2d(X, K) with respect to X and K, by tfjs's automatic differentiation.
 * @throws KernelTooLargeError for a kernel larger than X, ShapeMismatchError for a dY not shaped as the output
 */
export function corr2dBackward(X: tf.Tensor2D, K: tf.Tensor2D, dY: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  assertKernelFits(X.shape[0], X.shape[1], K.shape[0], K.shape[1]);
  const [oh, ow] = [X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1];
  if (dY.shape[0] !== oh || dY.shape[1] !== ow)
    throw new ShapeMismatchError(`dY is ${dY.shape.join('x')}, but the output of corr2d(X, K) is ${oh}x${ow}`);
  return tf.grads((x: tf.Tensor, k: tf.Tensor) => corr2d(x as tf.Tensor2D, k as tf.Tensor2D))([X, K], dY) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
}
