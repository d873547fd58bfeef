import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's squared_loss: (ŷ - y)² / 2 for each example, with y reshaped to ŷ's shape first
 * (a label vector of shape [n] against predictions of shape [n, 1] would otherwise broadcast
 * to an [n, n] matrix).
 */
export function squaredLoss(yHat: tf.Tensor, y: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: squaredLoss (03-squared-loss-sgd). The task is in exercises/03-squared-loss-sgd/README.md');
}

/**
 * d2l's sgd: each parameter minus lr * grad / batchSize. The gradient is that of the loss
 * *summed* over the minibatch, so dividing by the batch size makes the step size independent of
 * it. tfjs tensors are immutable: return new parameters, in order, and leave the ones passed in to
 * the caller (do not dispose them, and return a new tensor even where the gradient is 0).
 * The learning rate must be > 0 and the batch size a positive integer: otherwise throw a
 * HyperparameterError (from 'd2l-ts/reference/errors') that names the bad value.
 */
export function sgd(params: tf.Tensor[], grads: tf.Tensor[], lr: number, batchSize: number): tf.Tensor[] {
  throw new Error('Not implemented: sgd (03-squared-loss-sgd). The task is in exercises/03-squared-loss-sgd/README.md');
}

/**
 * One minibatch SGD step of linear regression ŷ = Xw + b: the loss is the sum of squaredLoss
 * over the batch (as d2l's l.sum().backward()), its gradients with respect to w and b come from
 * tf.grads, and sgd divides by the batch size. Returns [w, b] after the step (new tensors: w and
 * b stay the caller's). A learning rate that is not > 0 is a HyperparameterError, as in sgd.
 *
 * @param w [d, 1]   @param b [1]   @param X [batch, d]   @param y [batch, 1]
 */
export function linregStep(
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  X: tf.Tensor2D,
  y: tf.Tensor2D,
  lr: number,
): [tf.Tensor2D, tf.Tensor1D] {
  throw new Error('Not implemented: linregStep (03-squared-loss-sgd). The task is in exercises/03-squared-loss-sgd/README.md');
}
