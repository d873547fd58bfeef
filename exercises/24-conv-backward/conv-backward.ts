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
  throw new Error('Not implemented: corr2dBackward (24-conv-backward). The task is in exercises/24-conv-backward/README.md');
}
