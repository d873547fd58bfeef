import * as tf from '@tensorflow/tfjs';
import { corr2d } from 'd2l-ts/reference/19-corr2d';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/*
 * Channels come first, as in d2l: an input X [c_i, n_h, n_w] has c_i channels of n_h × n_w.
 * Use the course's corr2d (exercise 19), which tfjs can differentiate on every backend. Take
 * channel c with X.slice([c, 0, 0], [1, n_h, n_w]).reshape([n_h, n_w]): tfjs cannot differentiate
 * tf.unstack or tf.split when they give a single tensor (one channel).
 *
 * A kernel must have as many input channels as X: otherwise throw a ShapeMismatchError (from
 * d2l-ts/reference/errors) giving both counts. (d2l's zip would silently drop the extra channels.)
 * A kernel larger than the input gets corr2d's KernelTooLargeError.
 */

/**
 * Multiple input channels (d2l's corr2d_multi_in): one kernel per input channel, each channel
 * correlated with its own kernel, and the results summed (tf.addN):
 *
 *   Y = Σ_c corr2d(X[c], K[c])
 *
 * @param X [c_i, n_h, n_w]   @param K [c_i, k_h, k_w]   @returns [n_h − k_h + 1, n_w − k_w + 1]
 */
export function corr2dMultiIn(X: tf.Tensor3D, K: tf.Tensor3D): tf.Tensor2D {
  // BEGIN SOLUTION
  if (K.shape[0] !== X.shape[0])
    throw new ShapeMismatchError(`the kernel has ${K.shape[0]} input channels, X has ${X.shape[0]}`);
  return tf.tidy(() => {
    const channel = (T: tf.Tensor3D, c: number) =>
      T.slice([c, 0, 0], [1, T.shape[1], T.shape[2]]).reshape([T.shape[1], T.shape[2]]) as tf.Tensor2D;
    const ci = X.shape[0];
    const perChannel = Array.from({ length: ci }, (_, c) => corr2d(channel(X, c), channel(K, c)));
    return tf.addN(perChannel) as tf.Tensor2D;
  });
  // END SOLUTION
}

/**
 * Multiple output channels (d2l's corr2d_multi_in_out): output channel o is corr2dMultiIn(X, K[o]),
 * stacked on the first axis.
 * @param X [c_i, n_h, n_w]   @param K [c_o, c_i, k_h, k_w]   @returns [c_o, n_h − k_h + 1, n_w − k_w + 1]
 */
export function corr2dMultiInOut(X: tf.Tensor3D, K: tf.Tensor4D): tf.Tensor3D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [co, ci, kh, kw] = K.shape;
    const kernels = (o: number) => K.slice([o, 0, 0, 0], [1, ci, kh, kw]).reshape([ci, kh, kw]) as tf.Tensor3D;
    return tf.stack(Array.from({ length: co }, (_, o) => corr2dMultiIn(X, kernels(o)))) as tf.Tensor3D;
  });
  // END SOLUTION
}

/**
 * A 1 × 1 convolution as a matrix product (d2l's corr2d_multi_in_out_1x1): at every pixel, the
 * output channels are K (as a c_o × c_i matrix) times the input channels, so
 *
 *   Y = K.reshape(c_o, c_i) · X.reshape(c_i, n_h · n_w), reshaped to [c_o, n_h, n_w].
 *
 * K must be 1 × 1 with X's c_i input channels: anything else is a ShapeMismatchError.
 *
 * @param X [c_i, n_h, n_w]   @param K [c_o, c_i, 1, 1]   @returns [c_o, n_h, n_w]
 */
export function corr2dMultiInOut1x1(X: tf.Tensor3D, K: tf.Tensor4D): tf.Tensor3D {
  // BEGIN SOLUTION
  if (K.shape[1] !== X.shape[0] || K.shape[2] !== 1 || K.shape[3] !== 1)
    throw new ShapeMismatchError(
      `the kernels are [${K.shape.join(', ')}]: they should be 1 × 1 with X's ${X.shape[0]} input channels`,
    );
  return tf.tidy(() => {
    const [ci, h, w] = X.shape;
    const co = K.shape[0];
    return tf.matMul(K.reshape([co, ci]), X.reshape([ci, h * w])).reshape([co, h, w]) as tf.Tensor3D;
  });
  // END SOLUTION
}
