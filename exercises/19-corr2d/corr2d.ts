import * as tf from '@tensorflow/tfjs';

/**
 * Two-dimensional cross-correlation (互相关运算), d2l's corr2d. The kernel slides over the input
 * from the top-left corner, left to right and top to bottom; each output element is the sum of
 * the window it covers times the kernel, element by element:
 *
 *   Y[i, j] = Σ_a Σ_b X[i + a, j + b] · K[a, b]
 *
 * Write it with loops over plain numbers (X.arraySync()), as d2l does, and return a new tensor.
 *
 * @param X input, shape [n_h, n_w]
 * @param K kernel, shape [k_h, k_w], no larger than X
 * @returns Y, shape [n_h − k_h + 1, n_w − k_w + 1]
 */
export function corr2d(X: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D {
  throw new Error('Not implemented: corr2d (19-corr2d). The task is in exercises/19-corr2d/README.md');
}
