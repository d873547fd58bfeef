import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's dropout_layer, inverted dropout (暂退法): in training, each entry of X is dropped (set to 0)
 * with probability p and the kept ones are divided by 1 − p, so that E[out] = X:
 *   out_i = x_i · m_i / (1 − p),   m_i = [u_i > p],   u_i ~ U(0, 1).
 * Draw u with tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1): the course's convention for
 * tfjs's random ops (tf.randomNormal would ignore a seed of 0).
 * p = 0 returns X unchanged and p = 1 all zeros (no division by 0); in evaluation
 * (training = false) dropout does nothing, for every p in [0, 1]. "Unchanged" is a new tensor
 * (X.clone()), never X itself. p outside [0, 1] is a HyperparameterError naming it, in
 * evaluation too.
 */
export function dropoutLayer(X: tf.Tensor, p: number, seed: number, training = true): tf.Tensor {
  // BEGIN SOLUTION
  if (!(p >= 0 && p <= 1)) throw new HyperparameterError(`the dropout probability p must be in [0, 1], got ${p}`);
  if (!training || p === 0) return X.clone();
  if (p === 1) return tf.zerosLike(X);
  return tf.tidy(() => {
    const mask = tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).greater(p);
    return X.mul(mask.cast('float32')).div(1 - p);
  });
  // END SOLUTION
}
