import * as tf from '@tensorflow/tfjs';

/**
 * Global-norm clipping in tensor form: the norm of all gradients flattened into one vector, and a
 * factor min(1, θ / norm). The norm as √Σx², not tf.norm: wasm runs tf.norm's Pow one std::pow per
 * entry, 2.4 ms of a 70 ms GRU training step at d2l's size (scripts/bench/rnn.ts).
 */
export function clipByGlobalNorm(grads: tf.Tensor[], theta: number): tf.Tensor[] {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.sum(tf.square(tf.concat(grads.map((g) => g.flatten())))));
    const factor = tf.minimum(1, tf.div(theta, norm));
    return grads.map((g) => g.mul(factor));
  });
}
