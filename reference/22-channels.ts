import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from './errors';
import { conv2d } from './ops/conv2d';

/** d2l's channels-first X [ci, h, w] as tfjs's batch of one channels-last image [1, h, w, ci]. */
const asBatch = (X: tf.Tensor3D) => X.transpose([1, 2, 0]).expandDims(0) as tf.Tensor4D;

/** A kernel for another number of input channels than X has is a ShapeMismatchError (tf.conv2d's own error is untyped). */
function channelsMatch(X: tf.Tensor3D, ci: number): void {
  if (ci !== X.shape[0]) throw new ShapeMismatchError(`the kernel has ${ci} input channels, X has ${X.shape[0]}`);
}

/** d2l's corr2d_multi_in by tf.conv2d: one filter over all input channels. X [ci, h, w], K [ci, kh, kw] → [oh, ow]. */
export function corr2dMultiIn(X: tf.Tensor3D, K: tf.Tensor3D): tf.Tensor2D {
  channelsMatch(X, K.shape[0]);
  return tf.tidy(() => conv2d(asBatch(X), K.transpose([1, 2, 0]).expandDims(3) as tf.Tensor4D).squeeze([0, 3]));
}

/** d2l's corr2d_multi_in_out by tf.conv2d. X [ci, h, w], K [co, ci, kh, kw] → [co, oh, ow]. */
export function corr2dMultiInOut(X: tf.Tensor3D, K: tf.Tensor4D): tf.Tensor3D {
  channelsMatch(X, K.shape[1]);
  return tf.tidy(() =>
    conv2d(asBatch(X), K.transpose([2, 3, 1, 0]))
      .squeeze([0])
      .transpose([2, 0, 1]),
  );
}
