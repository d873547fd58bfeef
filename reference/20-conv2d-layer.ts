import * as tf from '@tensorflow/tfjs';
import { corr2d } from './19-corr2d';

/** The notes' Conv2D: a kernel and a scalar bias, the two trained parameters of a convolutional layer. */
export interface Conv2DParams {
  weight: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Conv2D.forward: corr2d(X, weight) + bias. */
export function conv2dForward(params: Conv2DParams, X: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => corr2d(X, params.weight).add(params.bias));
}
