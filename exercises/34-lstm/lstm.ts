import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The parameters of a long short-term memory network with h hidden units, d inputs, q outputs:
 * input gate W_xi [d, h], W_hi [h, h], b_i [h]; forget gate W_xf, W_hf, b_f; output gate W_xo,
 * W_ho, b_o; candidate memory cell W_xc, W_hc, b_c (the same shapes); output layer W_hq [h, q], b_q [q].
 */
export interface LstmParams {
  W_xi: tf.Tensor2D;
  W_hi: tf.Tensor2D;
  b_i: tf.Tensor1D;
  W_xf: tf.Tensor2D;
  W_hf: tf.Tensor2D;
  b_f: tf.Tensor1D;
  W_xo: tf.Tensor2D;
  W_ho: tf.Tensor2D;
  b_o: tf.Tensor1D;
  W_xc: tf.Tensor2D;
  W_hc: tf.Tensor2D;
  b_c: tf.Tensor1D;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * d2l's get_lstm_params (d = q = vocabSize): weights N(0, 0.01²), each its own draw
 * tf.randomNormal(shape, 0, 0.01, 'float32', seed + k) with k = 1, 2, … in the order
 * W_xi, W_hi, W_xf, W_hf, W_xo, W_ho, W_xc, W_hc, W_hq (seeds from seed + 1: tfjs ignores a seed
 * of 0); biases zero. vocabSize and numHiddens must be whole numbers >= 1 and seed a whole number
 * >= 0 (seed −1 would draw W_xi with seed + 1 = 0): otherwise a HyperparameterError naming it.
 */
export function getLstmParams(vocabSize: number, numHiddens: number, seed: number): LstmParams {
  throw new Error('Not implemented: getLstmParams (34-lstm). The task is in exercises/34-lstm/README.md');
}

/**
 * d2l's init_lstm_state: [H₀, C₀], the hidden state and the memory cell, both zeros [batchSize,
 * numHiddens]. Both sizes must be whole numbers >= 1: otherwise a HyperparameterError naming it.
 */
export function initLstmState(batchSize: number, numHiddens: number): [tf.Tensor2D, tf.Tensor2D] {
  throw new Error('Not implemented: initLstmState (34-lstm). The task is in exercises/34-lstm/README.md');
}

/**
 * One LSTM step from input X [n, d], hidden state H and memory cell C [n, h]:
 *   I = σ(X W_xi + H W_hi + b_i),  F = σ(X W_xf + H W_hf + b_f),  O = σ(X W_xo + H W_ho + b_o)
 *   C̃ = tanh(X W_xc + H W_hc + b_c)          candidate memory cell
 *   C' = F ⊙ C + I ⊙ C̃                         memory cell
 *   H' = O ⊙ tanh(C')                          hidden state
 * Returns { H: H', C: C' }.
 */
export function lstmCell(
  X: tf.Tensor2D,
  H: tf.Tensor2D,
  C: tf.Tensor2D,
  params: LstmParams,
): { H: tf.Tensor2D; C: tf.Tensor2D } {
  throw new Error('Not implemented: lstmCell (34-lstm). The task is in exercises/34-lstm/README.md');
}

/**
 * d2l's lstm: lstmCell over the time steps of inputs [T, n, d] from state [H₀, C₀], with the
 * output Y_t = H_t W_hq + b_q of every step. Returns Y [T n, q] in time order and [H_T, C_T], in
 * a new list (the caller's state list and tensors are left as they are).
 */
export function lstm(
  inputs: tf.Tensor3D,
  state: tf.Tensor2D[],
  params: LstmParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D, tf.Tensor2D] } {
  throw new Error('Not implemented: lstm (34-lstm). The task is in exercises/34-lstm/README.md');
}
