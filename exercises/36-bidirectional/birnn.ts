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
  throw new Error('Not implemented: birnn (36-bidirectional). The task is in exercises/36-bidirectional/README.md');
}
