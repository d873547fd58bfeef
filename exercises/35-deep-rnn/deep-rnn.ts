import * as tf from '@tensorflow/tfjs';

/** One hidden layer: W_xh [its input size, h], W_hh [h, h], b_h [h]. */
export interface RnnLayer {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/**
 * A deep RNN: L hidden layers, layer 1 reading the inputs and layer l the hidden states of layer
 * l − 1, and the output layer W_hq [h_L, q], b_q [q] on the last one.
 */
export interface DeepRnnParams {
  layers: RnnLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** The initial state of a deep RNN: one hidden state of zeros [batchSize, numHiddens[l]] per layer. */
export function initDeepRnnState(batchSize: number, numHiddens: number[]): tf.Tensor2D[] {
  throw new Error('Not implemented: initDeepRnnState (35-deep-rnn). The task is in exercises/35-deep-rnn/README.md');
}

/**
 * d2l's deep recurrent network (深度循环神经网络): at each time step t, with H_t^(0) = X_t,
 *   H_t^(l) = tanh(H_t^(l−1) W_xh^(l) + H_{t−1}^(l) W_hh^(l) + b_h^(l))   for l = 1 … L,
 *   O_t = H_t^(L) W_hq + b_q,
 * starting from state [H_0^(1), …, H_0^(L)]. Returns Y, the outputs [T n, q] in time order, and
 * the state [H_T^(1), …, H_T^(L)].
 */
export function deepRnn(
  inputs: tf.Tensor3D,
  state: tf.Tensor2D[],
  params: DeepRnnParams,
): { Y: tf.Tensor2D; state: tf.Tensor2D[] } {
  throw new Error('Not implemented: deepRnn (35-deep-rnn). The task is in exercises/35-deep-rnn/README.md');
}
