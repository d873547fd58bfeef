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
  throw new Error('Not implemented: clipByGlobalNorm (18-grad-clipping). The task is in exercises/18-grad-clipping/README.md');
}
