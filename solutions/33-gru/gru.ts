import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The parameters of a gated recurrent unit with h hidden units, d inputs and q outputs:
 *   update gate  W_xz [d, h], W_hz [h, h], b_z [h];   reset gate  W_xr, W_hr, b_r (the same shapes);
 *   candidate    W_xh, W_hh, b_h (the same shapes);   output layer  W_hq [h, q], b_q [q].
 */
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

/**
 * d2l's get_params for the GRU (d = q = vocabSize): weights N(0, 0.01²), each its own draw
 * tf.randomNormal(shape, 0, 0.01, 'float32', seed + k) with k = 1, 2, … in the order
 * W_xz, W_hz, W_xr, W_hr, W_xh, W_hh, W_hq (seeds from seed + 1: tfjs ignores a seed of 0);
 * biases zero. vocabSize and numHiddens must be whole numbers >= 1 and seed a whole number >= 0
 * (seed −1 would draw W_xz with seed + 1 = 0): otherwise a HyperparameterError naming it.
 */
export function getGruParams(vocabSize: number, numHiddens: number, seed: number): GruParams {
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
  const [W_xz, W_hz, b_z] = three();
  const [W_xr, W_hr, b_r] = three();
  const [W_xh, W_hh, b_h] = three();
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
    W_hq: normal([numHiddens, vocabSize]),
    b_q: tf.zeros([vocabSize]),
  };
  // END SOLUTION
}

/**
 * d2l's init_gru_state: [H₀], one hidden state of zeros [batchSize, numHiddens]. Both sizes must
 * be whole numbers >= 1: otherwise a HyperparameterError naming it.
 */
export function initGruState(batchSize: number, numHiddens: number): [tf.Tensor2D] {
  // BEGIN SOLUTION
  for (const [name, v] of [
    ['batchSize', batchSize],
    ['numHiddens', numHiddens],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
  return [tf.zeros([batchSize, numHiddens])];
  // END SOLUTION
}

/**
 * One GRU step from input X [n, d] and hidden state H [n, h]:
 *   R = σ(X W_xr + H W_hr + b_r)                 reset gate
 *   Z = σ(X W_xz + H W_hz + b_z)                 update gate
 *   H̃ = tanh(X W_xh + (R ⊙ H) W_hh + b_h)        candidate hidden state
 *   H' = Z ⊙ H + (1 − Z) ⊙ H̃                     new hidden state
 * Z near 1 keeps the old state; R near 0 makes the candidate forget it.
 */
export function gruCell(X: tf.Tensor2D, H: tf.Tensor2D, params: GruParams): tf.Tensor2D {
  // BEGIN SOLUTION
  const p = params;
  return tf.tidy(() => {
    const Z = tf.sigmoid(X.matMul(p.W_xz).add(H.matMul(p.W_hz)).add(p.b_z));
    const R = tf.sigmoid(X.matMul(p.W_xr).add(H.matMul(p.W_hr)).add(p.b_r));
    const candidate = tf.tanh(X.matMul(p.W_xh).add(R.mul(H).matMul(p.W_hh)).add(p.b_h));
    return Z.mul(H).add(tf.sub(1, Z).mul(candidate));
  });
  // END SOLUTION
}

/**
 * d2l's gru: gruCell over the time steps of inputs [T, n, d] from state [H₀], with the output
 * Y_t = H_t W_hq + b_q of every step. Returns Y [T n, q] in time order and the state [H_T], in a
 * new list (the caller's state list and tensors are left as they are).
 */
export function gru(
  inputs: tf.Tensor3D,
  state: tf.Tensor2D[],
  params: GruParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D] } {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    let H = state[0]!;
    const outputs: tf.Tensor2D[] = [];
    for (const X of tf.unstack(inputs) as tf.Tensor2D[]) {
      H = gruCell(X, H, params);
      outputs.push(H.matMul(params.W_hq).add(params.b_q));
    }
    return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };
  });
  // END SOLUTION
}
