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
  // BEGIN SOLUTION
  const x = X.arraySync();
  const k = K.arraySync();
  const [kh, kw] = K.shape;
  const oh = X.shape[0] - kh + 1;
  const ow = X.shape[1] - kw + 1;
  const Y: number[][] = [];
  for (let i = 0; i < oh; i++) {
    const row: number[] = [];
    for (let j = 0; j < ow; j++) {
      let sum = 0;
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) sum += x[i + a]![j + b]! * k[a]![b]!;
      }
      row.push(sum);
    }
    Y.push(row);
  }
  return tf.tensor2d(Y, [oh, ow]);
  // END SOLUTION
}
