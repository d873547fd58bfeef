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
  throw new Error('Not implemented: pool2d (23-pooling). The task is in exercises/23-pooling/README.md');
}
