import * as tf from '@tensorflow/tfjs';

/** (ŷ - y)² / 2 per example, y reshaped to ŷ's shape: d2l's squared_loss. */
export function squaredLoss(yHat: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.squaredDifference(yHat, tf.reshape(y, yHat.shape)).mul(0.5));
}

/** param - lr * grad / batchSize for each parameter: d2l's sgd, returning the new parameters. */
export function sgd(params: tf.Tensor[], grads: tf.Tensor[], lr: number, batchSize: number): tf.Tensor[] {
  return params.map((p, i) => tf.tidy(() => tf.sub(p, tf.mul(grads[i]!, lr / batchSize))));
}
