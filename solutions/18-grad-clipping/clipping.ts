import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * Gradient clipping by global norm (梯度裁剪, d2l's grad_clipping): treat all the gradients as one
 * long vector g with norm ‖g‖ = √(Σ over every tensor and entry of g²), and scale them all by
 *   min(1, θ / ‖g‖):
 * below θ nothing changes; above it, every gradient shrinks by the same factor, so the direction
 * of the update is kept and its length becomes θ. theta must be a number > 0 (θ <= 0 or NaN is a
 * HyperparameterError naming it).
 * @returns the clipped gradients as new tensors (even when nothing is clipped: the caller's are
 *   left as they were), and the global norm before clipping (to log)
 */
export function clipByGlobalNorm(grads: tf.Tensor[], theta: number): { grads: tf.Tensor[]; norm: number } {
  // BEGIN SOLUTION
  if (!(theta > 0)) throw new HyperparameterError(`the clipping threshold theta must be > 0, got ${theta}`);
  const norm = tf.tidy(
    () =>
      tf
        .addN(grads.map((g) => g.square().sum()))
        .sqrt()
        .dataSync()[0]!,
  );
  if (norm <= theta) return { grads: grads.map((g) => g.clone()), norm };
  return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm };
  // END SOLUTION
}
