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
  // BEGIN SOLUTION
  for (const [name, v] of [
    ['vocabSize', vocabSize],
    ['numHiddens', numHiddens],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new HyperparameterError(
      `seed must be a whole number >= 0 (seed + 1 must not be 0, which tfjs ignores), got ${seed}`,
    );
  let k = seed;
  const normal = (shape: [number, number]) => tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k);
  const three = () =>
    [normal([vocabSize, numHiddens]), normal([numHiddens, numHiddens]), tf.zeros<tf.Rank.R1>([numHiddens])] as const;
  const [W_xi, W_hi, b_i] = three();
  const [W_xf, W_hf, b_f] = three();
  const [W_xo, W_ho, b_o] = three();
  const [W_xc, W_hc, b_c] = three();
  return {
    W_xi,
    W_hi,
    b_i,
    W_xf,
    W_hf,
    b_f,
    W_xo,
    W_ho,
    b_o,
    W_xc,
    W_hc,
    b_c,
    W_hq: normal([numHiddens, vocabSize]),
    b_q: tf.zeros([vocabSize]),
  };
  // END SOLUTION
}

/**
 * d2l's init_lstm_state: [H₀, C₀], the hidden state and the memory cell, both zeros [batchSize,
 * numHiddens]. Both sizes must be whole numbers >= 1: otherwise a HyperparameterError naming it.
 */
export function initLstmState(batchSize: number, numHiddens: number): [tf.Tensor2D, tf.Tensor2D] {
  // BEGIN SOLUTION
  for (const [name, v] of [
    ['batchSize', batchSize],
    ['numHiddens', numHiddens],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
  return [tf.zeros([batchSize, numHiddens]), tf.zeros([batchSize, numHiddens])];
  // END SOLUTION
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
  // BEGIN SOLUTION
  const p = params;
  return tf.tidy(() => {
    const I = tf.sigmoid(X.matMul(p.W_xi).add(H.matMul(p.W_hi)).add(p.b_i));
    const F = tf.sigmoid(X.matMul(p.W_xf).add(H.matMul(p.W_hf)).add(p.b_f));
    const O = tf.sigmoid(X.matMul(p.W_xo).add(H.matMul(p.W_ho)).add(p.b_o));
    const candidate = tf.tanh(X.matMul(p.W_xc).add(H.matMul(p.W_hc)).add(p.b_c));
    const C1 = F.mul(C).add(I.mul(candidate)) as tf.Tensor2D;
    return { H: O.mul(tf.tanh(C1)), C: C1 };
  });
  // END SOLUTION
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
  // BEGIN SOLUTION
  return tf.tidy(() => {
    let [H, C] = state as [tf.Tensor2D, tf.Tensor2D];
    const outputs: tf.Tensor2D[] = [];
    for (const X of tf.unstack(inputs) as tf.Tensor2D[]) {
      ({ H, C } = lstmCell(X, H, C, params));
      outputs.push(H.matMul(params.W_hq).add(params.b_q));
    }
    return { Y: tf.concat(outputs, 0), state: [H, C] as [tf.Tensor2D, tf.Tensor2D] };
  });
  // END SOLUTION
}
