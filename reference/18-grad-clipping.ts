import * as tf from '@tensorflow/tfjs';

/** Global-norm clipping in tensor form: tf.norm of all gradients flattened into one, and a factor min(1, θ / norm). */
export function clipByGlobalNorm(grads: tf.Tensor[], theta: number): tf.Tensor[] {
  return tf.tidy(() => {
    const norm = tf.norm(tf.concat(grads.map((g) => g.flatten())));
    const factor = tf.minimum(1, tf.div(theta, norm));
    return grads.map((g) => g.mul(factor));
  });
}
