import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** ||w||² / 2 by tfjs's norm. */
export function l2Penalty(w: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.norm(w).square().mul(0.5));
}

/**
 * One step of tf.train.sgd(lr) on the penalised minibatch loss, mean over the batch of
 * (ŷ − y)²/2 plus λ/2 ||w||²: plain SGD on a different loss, with no decay factor written anywhere.
 */
export function weightDecayStep(
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  X: tf.Tensor2D,
  y: tf.Tensor2D,
  lr: number,
  lambda: number,
): [tf.Tensor2D, tf.Tensor1D] {
  if (!(lr > 0) || !(lambda >= 0))
    throw new HyperparameterError(`need lr > 0 and lambda >= 0, got lr = ${lr}, lambda = ${lambda}`);
  const [wv, bv] = [tf.variable(w), tf.variable(b)];
  const optimizer = tf.train.sgd(lr);
  optimizer.minimize(
    () => tf.losses.meanSquaredError(y, X.matMul(wv).add(bv)).mul(0.5).add(l2Penalty(wv).mul(lambda)) as tf.Scalar,
    false,
    [wv, bv],
  );
  const out: [tf.Tensor2D, tf.Tensor1D] = [wv.clone(), bv.clone()];
  tf.dispose([wv, bv]);
  optimizer.dispose();
  return out;
}
