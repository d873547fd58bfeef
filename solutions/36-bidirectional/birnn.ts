import * as tf from '@tensorflow/tfjs';

/** One RNN layer: W_xh [d, h], W_hh [h, h], b_h [h]. */
export interface RnnLayer {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/** A bidirectional RNN: a forward layer, a backward layer, and the output layer W_hq [2h, q], b_q [q] on both. */
export interface BiRnnParams {
  fwd: RnnLayer;
  bwd: RnnLayer;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * d2l's bidirectional RNN (双向循环神经网络) with φ = tanh, from the initial states
 * state = [→H_0, ←H_{T+1}] (d2l's Hs = (f_H, b_H): the forward layer's state before step 1 and the
 * backward layer's before step T), zeros when state is not given:
 *   forward   →H_t = φ(X_t W_xh^(f) + →H_{t−1} W_hh^(f) + b_h^(f)),   t = 1 … T
 *   backward  ←H_t = φ(X_t W_xh^(b) + ←H_{t+1} W_hh^(b) + b_h^(b)),   t = T … 1
 *   H_t = [→H_t, ←H_t]   (concatenated: [n, 2h])          O_t = H_t W_hq + b_q
 * Returns outputs, the H_t stacked in time order [T, n, 2h], and Y, the O_t in time order [T n, q].
 */
export function birnn(
  inputs: tf.Tensor3D,
  params: BiRnnParams,
  state?: [tf.Tensor2D, tf.Tensor2D],
): { outputs: tf.Tensor3D; Y: tf.Tensor2D } {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const steps = tf.unstack(inputs) as tf.Tensor2D[];
    const run = (layer: RnnLayer, order: tf.Tensor2D[], H0: tf.Tensor2D | undefined) => {
      let H = H0 ?? tf.zeros<tf.Rank.R2>([inputs.shape[1], layer.W_hh.shape[0]]);
      return order.map((X) => (H = tf.tanh(X.matMul(layer.W_xh).add(H.matMul(layer.W_hh)).add(layer.b_h))));
    };
    const forward = run(params.fwd, steps, state?.[0]);
    // The backward layer reads the steps from the last; its states are put back in time order.
    const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();
    const H = steps.map((_, t) => tf.concat([forward[t]!, backward[t]!], 1));
    const Y = tf.concat(
      H.map((Ht) => Ht.matMul(params.W_hq).add(params.b_q)),
      0,
    ) as tf.Tensor2D;
    return { outputs: tf.stack(H) as tf.Tensor3D, Y };
  });
  // END SOLUTION
}
