import * as tf from '@tensorflow/tfjs';

/**
 * Pooling (d2l 6.5) of every channel of X [c, n_h, n_w] on its own, with square windows of
 * poolSize × poolSize, `padding` rows and columns added on every side (as nn.MaxPool2d's padding),
 * and windows starting every `stride` rows and columns of the padded input:
 *
 * - mode 'max': the largest element of each window. Pad with -Infinity, so padding never wins.
 * - mode 'avg': the mean of each window. Pad with 0, counted in the mean (every window divides by
 *   poolSize², as PyTorch's default).
 *
 * The output is [c, floor((n_h + 2·padding − poolSize) / stride) + 1, likewise for n_w]. padding is
 * at most poolSize / 2, so every window holds some of the input.
 *
 * Build it from tensor operations (a slice per window, max or mean, tf.stack) so that tfjs can
 * differentiate it; tf.stridedSlice has no gradient.
 */
export function pool2d(
  X: tf.Tensor3D,
  poolSize: number,
  stride: number,
  padding: number,
  mode: 'max' | 'avg',
): tf.Tensor3D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const p = padding;
    const padded = tf.pad(
      X,
      [
        [0, 0],
        [p, p],
        [p, p],
      ],
      mode === 'max' ? -Infinity : 0,
    );
    const [c, h, w] = padded.shape;
    const oh = Math.floor((h - poolSize) / stride) + 1;
    const ow = Math.floor((w - poolSize) / stride) + 1;
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < oh; i++) {
      const row: tf.Tensor[] = [];
      for (let j = 0; j < ow; j++) {
        const window = padded.slice([0, i * stride, j * stride], [c, poolSize, poolSize]);
        row.push(mode === 'max' ? window.max([1, 2]) : window.mean([1, 2]));
      }
      rows.push(tf.stack(row, 1));
    }
    return tf.stack(rows, 1) as tf.Tensor3D;
  });
  // END SOLUTION
}
