import * as tf from '@tensorflow/tfjs';
import { normal01, outputLayer } from './30-rnn-scratch';

/** d2l's LSTM parameters: input (i), forget (f) and output (o) gates, candidate cell (c), output layer (q). */
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

/** d2l's get_lstm_params: weights N(0, 0.01²), biases 0. */
export function getLstmParams(vocabSize: number, numHiddens: number, seed: number): LstmParams {
  const three = (k: number) =>
    [
      normal01([vocabSize, numHiddens], seed + k),
      normal01([numHiddens, numHiddens], seed + k + 1),
      tf.zeros<tf.Rank.R1>([numHiddens]),
    ] as const;
  const [W_xi, W_hi, b_i] = three(1);
  const [W_xf, W_hf, b_f] = three(3);
  const [W_xo, W_ho, b_o] = three(5);
  const [W_xc, W_hc, b_c] = three(7);
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
    W_hq: normal01([numHiddens, vocabSize], seed + 9),
    b_q: tf.zeros([vocabSize]),
  };
}

/** d2l's init_lstm_state: [H_0, C_0], both zeros. */
export function initLstmState(batchSize: number, numHiddens: number): [tf.Tensor2D, tf.Tensor2D] {
  return [tf.zeros([batchSize, numHiddens]), tf.zeros([batchSize, numHiddens])];
}

/**
 * tfjs's tf.basicLSTMCell takes one kernel [d + h, 4h] for the concatenation [X, H] with the
 * gates in the order input, candidate, forget, output, and one bias (forget bias 0 here).
 */
function kernel(p: LstmParams): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  return {
    kernel: tf.concat(
      [tf.concat([p.W_xi, p.W_xc, p.W_xf, p.W_xo], 1), tf.concat([p.W_hi, p.W_hc, p.W_hf, p.W_ho], 1)],
      0,
    ),
    bias: tf.concat([p.b_i, p.b_c, p.b_f, p.b_o]),
  };
}

/** One LSTM step by tf.basicLSTMCell: C' = F ⊙ C + I ⊙ C̃, H' = O ⊙ tanh(C'). */
export function lstmCell(
  X: tf.Tensor2D,
  H: tf.Tensor2D,
  C: tf.Tensor2D,
  params: LstmParams,
): { H: tf.Tensor2D; C: tf.Tensor2D } {
  return tf.tidy(() => {
    const k = kernel(params);
    const [C1, H1] = tf.basicLSTMCell(0, k.kernel, k.bias, X, C, H);
    return { H: H1 as tf.Tensor2D, C: C1 as tf.Tensor2D };
  });
}

/** d2l's lstm: the LSTM over inputs [T, n, d] from state [H_0, C_0]; outputs [T n, q] in time order and [H_T, C_T]. */
export function lstm(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: LstmParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D, tf.Tensor2D] } {
  return tf.tidy(() => {
    const k = kernel(params);
    let [H, C] = state as [tf.Tensor2D, tf.Tensor2D];
    const Hs = (tf.unstack(inputs) as tf.Tensor2D[]).map((X) => {
      const [C1, H1] = tf.basicLSTMCell(0, k.kernel, k.bias, X, C, H);
      [H, C] = [H1 as tf.Tensor2D, C1 as tf.Tensor2D];
      return H;
    });
    return { Y: outputLayer(Hs, params.W_hq, params.b_q), state: [H, C] as [tf.Tensor2D, tf.Tensor2D] };
  });
}
