import * as tf from '@tensorflow/tfjs';
import { lastRows, normal01, outputRows } from './30-rnn-scratch';
import { matMul } from './ops/mat-mul';
import { lstmSequence } from './ops/recurrent';

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

/** All four gates' weights side by side, in the order input, forget, output, candidate: W_x [d, 4h], W_h [h, 4h], b [4h]. */
function gateWeights(p: LstmParams): { Wx: tf.Tensor2D; Wh: tf.Tensor2D; b: tf.Tensor1D } {
  return {
    Wx: tf.concat([p.W_xi, p.W_xf, p.W_xo, p.W_xc], 1),
    Wh: tf.concat([p.W_hi, p.W_hf, p.W_ho, p.W_hc], 1),
    b: tf.concat([p.b_i, p.b_f, p.b_o, p.b_c]),
  };
}

/**
 * One LSTM step: I, F, O = σ(·) and C̃ = tanh(·) of X W_x + H W_h + b, all four gates from one
 * product of [X, H] with the stacked weights; C' = F ⊙ C + I ⊙ C̃, H' = O ⊙ tanh(C').
 * (tf.basicLSTMCell computes the same, but its gradient multiplies transposed operands, which
 * wasm runs slowly: with it the LSTM trained 8x slower than the GRU. ops/mat-mul.ts.)
 */
export function lstmCell(
  X: tf.Tensor2D,
  H: tf.Tensor2D,
  C: tf.Tensor2D,
  params: LstmParams,
): { H: tf.Tensor2D; C: tf.Tensor2D } {
  return tf.tidy(() => {
    const { Wx, Wh, b } = gateWeights(params);
    const h = H.shape[1];
    const A = matMul(tf.concat([X, H], 1), tf.concat([Wx, Wh], 0)).add(b);
    const gate = (k: number, f: (x: tf.Tensor) => tf.Tensor) => f(A.slice([0, k * h], [-1, h]));
    const [I, F, O, Ct] = [gate(0, tf.sigmoid), gate(1, tf.sigmoid), gate(2, tf.sigmoid), gate(3, tf.tanh)];
    const C1 = tf.add(tf.mul(F, C), tf.mul(I, Ct));
    return { H: tf.mul(O, tf.tanh(C1)) as tf.Tensor2D, C: C1 as tf.Tensor2D };
  });
}

/**
 * d2l's lstm: the LSTM over inputs [T, n, d] from state [H_0, C_0]; outputs [T n, q] in time order
 * and [H_T, C_T]. The same steps as lstmCell's, run as one op over the sequence (ops/recurrent.ts).
 */
export function lstm(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: LstmParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D, tf.Tensor2D] } {
  return tf.tidy(() => {
    const { Wx, Wh, b } = gateWeights(params);
    const [H0, C0] = state as [tf.Tensor2D, tf.Tensor2D];
    const n = inputs.shape[1];
    const out = lstmSequence(inputs, H0, C0, Wx, Wh, b);
    const Hall = out.slice([0, 0], [out.shape[0] - n, -1]) as tf.Tensor2D;
    return {
      Y: outputRows(Hall, params.W_hq, params.b_q),
      state: [lastRows(Hall, n), lastRows(out, n)] as [tf.Tensor2D, tf.Tensor2D],
    };
  });
}
