import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';
import { assertKernelFits, conv2d } from './ops/conv2d';

/**
 * corr2d of X zero-padded with ph rows and pw columns in all (⌈p/2⌉ before, ⌊p/2⌋ after, as d2l
 * splits an odd padding), with strides sh, sw: tf.pad, then tf.conv2d with padding 'valid'.
 * @throws HyperparameterError when a stride is not a whole number >= 1 or a padding not one >= 0
 * @throws KernelTooLargeError when the kernel is larger than the padded input
 */
export function corr2dPadStride(
  X: tf.Tensor2D,
  K: tf.Tensor2D,
  ph: number,
  pw: number,
  sh: number,
  sw: number,
): tf.Tensor2D {
  for (const s of [sh, sw])
    if (!Number.isInteger(s) || s < 1)
      throw new HyperparameterError(`the stride must be a whole number >= 1, got ${s}`);
  for (const p of [ph, pw])
    if (!Number.isInteger(p) || p < 0)
      throw new HyperparameterError(`the padding must be a whole number >= 0, got ${p}`);
  const [h, w] = X.shape;
  const [kh, kw] = K.shape;
  assertKernelFits(h + ph, w + pw, kh, kw, 'padded input');
  return tf.tidy(() => {
    const padded = tf.pad(X, [
      [Math.ceil(ph / 2), Math.floor(ph / 2)],
      [Math.ceil(pw / 2), Math.floor(pw / 2)],
    ]);
    const Y = conv2d(padded.reshape([1, h + ph, w + pw, 1]), K.reshape([kh, kw, 1, 1]), [sh, sw]);
    return Y.reshape(Y.shape.slice(1, 3) as [number, number]);
  });
}
