import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** (ŷ - y)² / 2 per example, y reshaped to ŷ's shape: d2l's squared_loss. */
export function squaredLoss(yHat: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.squaredDifference(yHat, tf.reshape(y, yHat.shape)).mul(0.5));
}

/** param - lr * grad / batchSize for each parameter: d2l's sgd, returning the new parameters (lr > 0, batchSize >= 1). */
export function sgd(params: tf.Tensor[], grads: tf.Tensor[], lr: number, batchSize: number): tf.Tensor[] {
  if (!(lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${lr}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize must be a positive integer, got ${batchSize}`);
  return params.map((p, i) => tf.tidy(() => tf.sub(p, tf.mul(grads[i]!, lr / batchSize))));
}
