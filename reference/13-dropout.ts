import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/**
 * Inverted dropout by tfjs's own tf.dropout, which keeps an entry where floor(u + 1 − p) = 1,
 * u = tf.randomUniform(shape, 0, 1, 'float32', seed): the units u > p keeps, up to float32
 * rounding within 1e-7 of p. Seeded with seed + 1, as the exercise asks.
 */
export function dropoutLayer(X: tf.Tensor, p: number, seed: number, training = true): tf.Tensor {
  if (!(p >= 0 && p <= 1)) throw new HyperparameterError(`dropout p must be in [0, 1], got ${p}`);
  if (!training) return X.clone();
  return p === 1 ? tf.zerosLike(X) : tf.dropout(X, p, undefined, seed + 1);
}
