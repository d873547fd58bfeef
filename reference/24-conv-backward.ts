import * as tf from '@tensorflow/tfjs';
import { corr2d } from './19-corr2d';

/** The gradients of Σ dY · corr2d(X, K) with respect to X and K, by tfjs's automatic differentiation. */
export function corr2dBackward(X: tf.Tensor2D, K: tf.Tensor2D, dY: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  return tf.grads((x: tf.Tensor, k: tf.Tensor) => corr2d(x as tf.Tensor2D, k as tf.Tensor2D))([X, K], dY) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
}
