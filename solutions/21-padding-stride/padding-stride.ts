import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, KernelTooLargeError } from 'd2l-ts/reference/errors';

/**
 * How many windows of size k fit along an axis of n elements with p elements of padding in all
 * and a stride of s (填充和步幅):
 *
 *   floor((n − k + p + s) / s)
 *
 * The stride s must be a whole number ≥ 1 and the padding p a whole number ≥ 0: otherwise throw a
 * HyperparameterError naming it. When the kernel is larger than the padded input (n + p < k) no
 * window fits: throw a KernelTooLargeError whose message says the kernel is larger. (A kernel as
 * large as the padded input, n + p = k, has one window.) Both errors come from
 * 'd2l-ts/reference/errors'.
 */
export function outputSize(n: number, k: number, p: number, s: number): number {
  // BEGIN SOLUTION
  if (!Number.isInteger(s) || s < 1) throw new HyperparameterError(`the stride must be a whole number >= 1, got ${s}`);
  if (!Number.isInteger(p) || p < 0) throw new HyperparameterError(`the padding must be a whole number >= 0, got ${p}`);
  if (n + p < k)
    throw new KernelTooLargeError(`the kernel (${k}) is larger than the padded input (${n} + ${p} padding)`);
  return Math.floor((n - k + p + s) / s);
  // END SOLUTION
}

/**
 * corr2d with padding and stride. X gets ph rows and pw columns of zeros in all: ⌈ph/2⌉ rows on
 * top and ⌊ph/2⌋ at the bottom, ⌈pw/2⌉ columns on the left and ⌊pw/2⌋ on the right (as d2l
 * splits an odd padding). The windows start at rows 0, sh, 2·sh, ... and columns 0, sw, 2·sw, ...
 * of the padded input; the output has outputSize(n_h, k_h, ph, sh) × outputSize(n_w, k_w, pw, sw)
 * elements. Bad paddings and strides, and a kernel larger than the padded input, get outputSize's
 * errors, before anything is computed.
 *
 * @param X [n_h, n_w]   @param K [k_h, k_w]   @returns [o_h, o_w]
 */
export function corr2dPadStride(
  X: tf.Tensor2D,
  K: tf.Tensor2D,
  ph: number,
  pw: number,
  sh: number,
  sw: number,
): tf.Tensor2D {
  // BEGIN SOLUTION
  const [kh, kw] = K.shape;
  const oh = outputSize(X.shape[0], kh, ph, sh);
  const ow = outputSize(X.shape[1], kw, pw, sw);
  const padded = tf.pad(X, [
    [Math.ceil(ph / 2), Math.floor(ph / 2)],
    [Math.ceil(pw / 2), Math.floor(pw / 2)],
  ]);
  const x = padded.arraySync();
  padded.dispose();
  const k = K.arraySync();
  const Y: number[][] = [];
  for (let i = 0; i < oh; i++) {
    const row: number[] = [];
    for (let j = 0; j < ow; j++) {
      let sum = 0;
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) sum += x[i * sh + a]![j * sw + b]! * k[a]![b]!;
      }
      row.push(sum);
    }
    Y.push(row);
  }
  return tf.tensor2d(Y, [oh, ow]);
  // END SOLUTION
}
