import * as tf from '@tensorflow/tfjs';
import { lastRows, normal01, outputRows } from './30-rnn-scratch';
import { matMul } from './ops/mat-mul';
import { gruSequence } from './ops/recurrent';

/** d2l's GRU parameters: update gate (z), reset gate (r), candidate state (h), output layer (q). */
export interface GruParams {
  W_xz: tf.Tensor2D;
  W_hz: tf.Tensor2D;
  b_z: tf.Tensor1D;
  W_xr: tf.Tensor2D;
  W_hr: tf.Tensor2D;
  b_r: tf.Tensor1D;
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** d2l's GRU get_params: weights N(0, 0.01²), biases 0, inputs and outputs of vocabulary size. */
export function getGruParams(vocabSize: number, numHiddens: number, seed: number): GruParams {
  const three = (k: number) =>
    [
      normal01([vocabSize, numHiddens], seed + k),
      normal01([numHiddens, numHiddens], seed + k + 1),
      tf.zeros<tf.Rank.R1>([numHiddens]),
    ] as const;
  const [W_xz, W_hz, b_z] = three(1);
  const [W_xr, W_hr, b_r] = three(3);
  const [W_xh, W_hh, b_h] = three(5);
  return {
    W_xz,
    W_hz,
    b_z,
    W_xr,
    W_hr,
    b_r,
    W_xh,
    W_hh,
    b_h,
    W_hq: normal01([numHiddens, vocabSize], seed + 7),
    b_q: tf.zeros([vocabSize]),
  };
}

/** d2l's init_gru_state: [H_0] of zeros. */
export function initGruState(batchSize: number, numHiddens: number): [tf.Tensor2D] {
  return [tf.zeros([batchSize, numHiddens])];
}

/**
 * Both gates from one layer on the concatenation [X, H]: its weights are [W_xz W_xr; W_hz W_hr]
 * and its bias [b_z, b_r]; the sigmoid of its output holds Z in the first h columns, R in the rest.
 */
function gateLayer(p: GruParams): { W: tf.Tensor2D; b: tf.Tensor1D } {
  return {
    W: tf.concat([tf.concat([p.W_xz, p.W_xr], 1), tf.concat([p.W_hz, p.W_hr], 1)], 0),
    b: tf.concat([p.b_z, p.b_r]),
  };
}

/** H' = Z ⊙ H + (1 - Z) ⊙ H̃ with H̃ = tanh(X W_xh + (R ⊙ H) W_hh + b_h). */
function step(X: tf.Tensor2D, H: tf.Tensor2D, p: GruParams, gates: { W: tf.Tensor2D; b: tf.Tensor1D }): tf.Tensor2D {
  const h = H.shape[1];
  const ZR = tf.sigmoid(matMul(tf.concat([X, H], 1), gates.W).add(gates.b));
  const Z = ZR.slice([0, 0], [-1, h]);
  const R = ZR.slice([0, h], [-1, h]);
  const candidate = tf.tanh(
    matMul(X, p.W_xh)
      .add(matMul(R.mul(H), p.W_hh))
      .add(p.b_h),
  );
  return tf.add(Z.mul(H), tf.scalar(1).sub(Z).mul(candidate));
}

/** One GRU time step: the new hidden state from input X [n, d] and hidden state H [n, h]. */
export function gruCell(X: tf.Tensor2D, H: tf.Tensor2D, params: GruParams): tf.Tensor2D {
  return tf.tidy(() => step(X, H, params, gateLayer(params)));
}

/**
 * d2l's gru: the GRU over inputs [T, n, d] from state [H_0]; outputs [T n, q] in time order and [H_T].
 * The same steps as gruCell's, run as one op over the sequence (ops/recurrent.ts).
 */
export function gru(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: GruParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D] } {
  return tf.tidy(() => {
    const p = params;
    const Hall = gruSequence(
      inputs,
      state[0]!,
      tf.concat([p.W_xz, p.W_xr], 1),
      tf.concat([p.W_hz, p.W_hr], 1),
      tf.concat([p.b_z, p.b_r]),
      p.W_xh,
      p.W_hh,
      p.b_h,
    );
    return { Y: outputRows(Hall, p.W_hq, p.b_q), state: [lastRows(Hall, inputs.shape[1])] as [tf.Tensor2D] };
  });
}
