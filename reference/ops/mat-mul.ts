import * as tf from '@tensorflow/tfjs';

/**
 * A · B for 2-D tensors, with a gradient made of plain products and explicit transposes:
 *   dA = dY · Bᵀ,   dB = Aᵀ · dY.
 * tfjs's own gradient calls matMul with transposeA / transposeB, which the wasm backend runs 3-5
 * times slower than tf.transpose followed by a plain product (32 × 284 by 284 × 512: 4.3 and
 * 10 ms against 1.4 and 1.9 ms, scratch/ch56/mm.mts), and the recurrent layers' backward passes
 * are mostly such products. With it, d2l's GRU language-model training step runs at 6,060 tokens/s
 * on wasm instead of 1,840 (scripts/bench/rnn.ts, 2-core machine).
 */
export const matMul = tf.customGrad((a, b, save) => {
  const [A, B] = [a as tf.Tensor2D, b as tf.Tensor2D];
  (save as tf.GradSaveFunc)([A, B]);
  return {
    value: tf.matMul(A, B),
    gradFunc: (dy, saved) => {
      const [As, Bs] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(Bs)), tf.matMul(tf.transpose(As), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
