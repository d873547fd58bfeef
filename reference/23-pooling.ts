import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';
import { assertKernelFits, pair, type Stride } from './ops/conv2d';
import { maxPool } from './ops/max-pool';

/** The settings nn.MaxPool2d accepts: whole windows and strides >= 1, paddings from 0 to half the window. */
function checkSettings(poolSize: Stride, stride: Stride, padding: Stride): void {
  const whole = (v: number, least: number) => Number.isInteger(v) && v >= least;
  const [kh, kw] = pair(poolSize);
  const [ph, pw] = pair(padding);
  if (!whole(kh, 1) || !whole(kw, 1))
    throw new HyperparameterError(`the pool size must be whole numbers >= 1, got ${String(poolSize)}`);
  if (!pair(stride).every((s) => whole(s, 1)))
    throw new HyperparameterError(`the stride must be whole numbers >= 1, got ${String(stride)}`);
  if (!whole(ph, 0) || !whole(pw, 0) || ph > kh / 2 || pw > kw / 2)
    throw new HyperparameterError(`the padding must be from 0 to half the pool size, got ${String(padding)}`);
}

/**
 * Pooling of d2l's channels-first X [c, h, w], each channel on its own, with `padding` rows and
 * columns on every side ([rows, columns], or one number for both), as tfjs's channels-last
 * [1, h, w, c] pooled with padding 'valid'.
 */
function pooled(
  X: tf.Tensor3D,
  poolSize: Stride,
  stride: Stride,
  padding: Stride,
  fill: number,
  pool: (x: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor3D {
  checkSettings(poolSize, stride, padding);
  const [, h, w] = X.shape;
  const [kh, kw] = pair(poolSize);
  const [ph, pw] = pair(padding);
  assertKernelFits(h + 2 * ph, w + 2 * pw, kh, kw, 'padded input');
  return tf.tidy(() => {
    const x = tf
      .pad(
        X.transpose([1, 2, 0]),
        [
          [ph, ph],
          [pw, pw],
          [0, 0],
        ],
        fill,
      )
      .expandDims(0) as tf.Tensor4D;
    return pool(x).squeeze([0]).transpose([2, 0, 1]) as tf.Tensor3D;
  });
}

/** Max pooling (nn.MaxPool2d): padding is -Infinity, so it never wins a window. Its gradient is the course's (right on wasm). */
export function maxPool2d(X: tf.Tensor3D, poolSize: Stride, stride: Stride, padding: Stride): tf.Tensor3D {
  return pooled(X, poolSize, stride, padding, -Infinity, (x) => maxPool(x, poolSize, stride));
}

/** Average pooling (nn.AvgPool2d): padding is 0 and counts in the average, which divides by k_h · k_w everywhere. */
export function avgPool2d(X: tf.Tensor3D, poolSize: Stride, stride: Stride, padding: Stride): tf.Tensor3D {
  return pooled(X, poolSize, stride, padding, 0, (x) => tf.avgPool(x, pair(poolSize), pair(stride), 'valid'));
}
