import * as tf from '@tensorflow/tfjs';
import { conv2d } from './ops/conv2d';

/**
 * d2l's corr2d by tf.conv2d (the course's, whose gradient works on every backend): the input as a
 * batch of one single-channel image, the kernel as one filter.
 * @param X [h, w]   @param K [kh, kw]   @returns [h - kh + 1, w - kw + 1]
 */
export function corr2d(X: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [h, w] = X.shape;
    const [kh, kw] = K.shape;
    return conv2d(X.reshape([1, h, w, 1]), K.reshape([kh, kw, 1, 1])).reshape([h - kh + 1, w - kw + 1]);
  });
}
