import * as tf from '@tensorflow/tfjs';
import { assertKernelFits } from './ops/conv2d';
import { maxPool } from './ops/max-pool';

/**
 * Pooling of d2l's channels-first X [c, h, w], each channel on its own, with `padding` rows and
 * columns on every side, as tfjs's channels-last [1, h, w, c] pooled with padding 'valid'.
 */
function pooled(
  X: tf.Tensor3D,
  poolSize: number,
  padding: number,
  fill: number,
  pool: (x: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor3D {
  const [, h, w] = X.shape;
  assertKernelFits(h + 2 * padding, w + 2 * padding, poolSize, poolSize, 'padded input');
  return tf.tidy(() => {
    const x = tf
      .pad(
        X.transpose([1, 2, 0]),
        [
          [padding, padding],
          [padding, padding],
          [0, 0],
        ],
        fill,
      )
      .expandDims(0) as tf.Tensor4D;
    return pool(x).squeeze([0]).transpose([2, 0, 1]) as tf.Tensor3D;
  });
}

/** Max pooling (nn.MaxPool2d): padding is -Infinity, so it never wins a window. Its gradient is the course's (right on wasm). */
export function maxPool2d(X: tf.Tensor3D, poolSize: number, stride: number, padding: number): tf.Tensor3D {
  return pooled(X, poolSize, padding, -Infinity, (x) => maxPool(x, poolSize, stride));
}

/** Average pooling (nn.AvgPool2d): padding is 0 and counts in the average, which divides by poolSize² everywhere. */
export function avgPool2d(X: tf.Tensor3D, poolSize: number, stride: number, padding: number): tf.Tensor3D {
  return pooled(X, poolSize, padding, 0, (x) => tf.avgPool(x, poolSize, stride, 'valid'));
}
