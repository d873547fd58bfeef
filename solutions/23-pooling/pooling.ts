import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, KernelTooLargeError } from 'd2l-ts/reference/errors';

/** A size for both spatial axes, or [rows, columns]. */
export type Size2 = number | [number, number];

/**
 * Pooling (d2l 6.5) of every channel of X [c, n_h, n_w] on its own, with windows of
 * poolSize = [k_h, k_w] (a number k means [k, k], as nn.MaxPool2d), padding = [p_h, p_w] rows and
 * columns added on every side (nn.MaxPool2d's padding: p_h above and p_h below), and windows
 * starting every stride = [s_h, s_w] rows and columns of the padded input:
 *
 * - mode 'max': the largest element of each window. Pad with -Infinity, so padding never wins,
 *   whatever the input holds.
 * - mode 'avg': the mean of each window. Pad with 0, counted in the mean (every window divides by
 *   k_h · k_w, as PyTorch's default).
 *
 * The output is [c, floor((n_h + 2·p_h − k_h) / s_h) + 1, floor((n_w + 2·p_w − k_w) / s_w) + 1].
 *
 * Bad settings throw a HyperparameterError naming the setting: window sides and strides must be
 * whole numbers ≥ 1, paddings whole numbers from 0 to half the window's side (p_h ≤ k_h / 2, as
 * PyTorch, so every window holds some of the input), and mode 'max' or 'avg'. A window larger than
 * the padded input is a KernelTooLargeError (one exactly as large gives one output). Both errors
 * come from 'd2l-ts/reference/errors'.
 *
 * Build it from tensor operations (a slice per window, max or mean, tf.stack) so that tfjs can
 * differentiate it; tf.stridedSlice has no gradient. Return a new tensor, never X itself.
 */
export function pool2d(
  X: tf.Tensor3D,
  poolSize: Size2,
  stride: Size2,
  padding: Size2,
  mode: 'max' | 'avg',
): tf.Tensor3D {
  // BEGIN SOLUTION
  const pair = (v: Size2): [number, number] => (typeof v === 'number' ? [v, v] : v);
  const [kh, kw] = pair(poolSize);
  const [sh, sw] = pair(stride);
  const [ph, pw] = pair(padding);
  const whole = (v: number, least: number) => Number.isInteger(v) && v >= least;
  if (!whole(kh, 1) || !whole(kw, 1))
    throw new HyperparameterError(`the pool size must be whole numbers >= 1, got ${String(poolSize)}`);
  if (!whole(sh, 1) || !whole(sw, 1))
    throw new HyperparameterError(`the stride must be whole numbers >= 1, got ${String(stride)}`);
  if (!whole(ph, 0) || !whole(pw, 0) || ph > kh / 2 || pw > kw / 2)
    throw new HyperparameterError(
      `the padding must be whole numbers from 0 to half the pool size (${kh}x${kw}), got ${String(padding)}`,
    );
  if (mode !== 'max' && mode !== 'avg') throw new HyperparameterError(`unknown mode '${mode}': use 'max' or 'avg'`);
  const [, n, m] = X.shape;
  if (kh > n + 2 * ph || kw > m + 2 * pw)
    throw new KernelTooLargeError(`the ${kh}x${kw} window is larger than the padded ${n + 2 * ph}x${m + 2 * pw} input`);
  return tf.tidy(() => {
    const padded = tf.pad(
      X,
      [
        [0, 0],
        [ph, ph],
        [pw, pw],
      ],
      mode === 'max' ? -Infinity : 0,
    );
    const [c, h, w] = padded.shape;
    const oh = Math.floor((h - kh) / sh) + 1;
    const ow = Math.floor((w - kw) / sw) + 1;
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < oh; i++) {
      const row: tf.Tensor[] = [];
      for (let j = 0; j < ow; j++) {
        const window = padded.slice([0, i * sh, j * sw], [c, kh, kw]);
        row.push(mode === 'max' ? window.max([1, 2]) : window.mean([1, 2]));
      }
      rows.push(tf.stack(row, 1));
    }
    return tf.stack(rows, 1) as tf.Tensor3D;
  });
  // END SOLUTION
}
