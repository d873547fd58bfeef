import * as tf from '@tensorflow/tfjs';
import { KernelTooLargeError, ShapeMismatchError } from 'd2l-ts/reference/errors';

/**
 * The backward pass of Y = corr2d(X, K), by hand. Given the upstream gradient dY = ∂L/∂Y, each
 * output Y[i, j] = Σ_a Σ_b X[i + a, j + b] · K[a, b] sends dY[i, j] back to what it read:
 *
 *   ∂L/∂X[i + a, j + b] += dY[i, j] · K[a, b]
 *   ∂L/∂K[a, b]         += dY[i, j] · X[i + a, j + b]
 *
 * So dK is itself a correlation, corr2d(X, dY), and dX spreads K over each window, weighted by
 * dY: an input element gets gradient only from the outputs whose window (receptive field, 感受野)
 * covers it. Write it with loops over plain numbers (arraySync), as exercise 19.
 *
 * A kernel larger than X has no output to take a gradient of: throw a KernelTooLargeError. A dY
 * of any other shape than the output's is a ShapeMismatchError giving both shapes (both errors
 * from d2l-ts/reference/errors). Return new tensors: never dY itself, even where dX equals it.
 *
 * @param X [n_h, n_w]   @param K [k_h, k_w]   @param dY [n_h − k_h + 1, n_w − k_w + 1]
 * @returns [dX, dK], shaped as X and K
 */
export function corr2dBackward(X: tf.Tensor2D, K: tf.Tensor2D, dY: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  // BEGIN SOLUTION
  const [kh, kw] = K.shape;
  const [oh, ow] = [X.shape[0] - kh + 1, X.shape[1] - kw + 1];
  if (oh < 1 || ow < 1)
    throw new KernelTooLargeError(`the ${kh}x${kw} kernel is larger than the ${X.shape.join('x')} input`);
  if (dY.shape[0] !== oh || dY.shape[1] !== ow)
    throw new ShapeMismatchError(`dY is ${dY.shape.join('x')}, but the output of corr2d(X, K) is ${oh}x${ow}`);
  const x = X.arraySync();
  const k = K.arraySync();
  const dy = dY.arraySync();
  const dX = x.map((row) => row.map(() => 0));
  const dK = k.map((row) => row.map(() => 0));
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          dX[i + a]![j + b]! += dy[i]![j]! * k[a]![b]!;
          dK[a]![b]! += dy[i]![j]! * x[i + a]![j + b]!;
        }
      }
    }
  }
  return [tf.tensor2d(dX, X.shape), tf.tensor2d(dK, K.shape)];
  // END SOLUTION
}
