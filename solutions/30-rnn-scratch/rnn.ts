import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The parameters of a recurrent neural network with one hidden layer of h units:
 *   hidden layer  W_xh [d, h], W_hh [h, h], b_h [h];   output layer  W_hq [h, q], b_q [q].
 */
export interface RnnParams {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * d2l's get_params for a character model: inputs and outputs are one-hot over the vocabulary
 * (d = q = vocabSize). Weights are N(0, 0.01²), each from its own seed (tfjs ignores a seed of 0):
 *   W_xh = tf.randomNormal([vocabSize, numHiddens], 0, 0.01, 'float32', seed + 1),
 *   W_hh = tf.randomNormal([numHiddens, numHiddens], 0, 0.01, 'float32', seed + 2),
 *   W_hq = tf.randomNormal([numHiddens, vocabSize], 0, 0.01, 'float32', seed + 3);
 * biases zero. vocabSize and numHiddens must be whole numbers >= 1 and seed a whole number >= 0
 * (seed −1 would draw W_xh with seed + 1 = 0): otherwise a HyperparameterError naming it.
 */
export function getParams(vocabSize: number, numHiddens: number, seed: number): RnnParams {
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
  const normal = (shape: [number, number], k: number) =>
    tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', seed + k);
  return {
    W_xh: normal([vocabSize, numHiddens], 1),
    W_hh: normal([numHiddens, numHiddens], 2),
    b_h: tf.zeros([numHiddens]),
    W_hq: normal([numHiddens, vocabSize], 3),
    b_q: tf.zeros([vocabSize]),
  };
  // END SOLUTION
}

/**
 * d2l's init_rnn_state: the state as a list holding one hidden state H₀ of zeros, [batchSize,
 * numHiddens]. Both sizes must be whole numbers >= 1: otherwise a HyperparameterError naming it.
 */
export function initRnnState(batchSize: number, numHiddens: number): [tf.Tensor2D] {
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
 * d2l's rnn: for each time step t of inputs [T, n, d] (time first, as d2l feeds X.T one-hot),
 *   H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h),    O_t = H_t W_hq + b_q,
 * starting from state [H₀]. Returns Y, the outputs O_1 ... O_T stacked in time order into
 * [T n, q] (rows 0 .. n-1 are step 1, and so on), and the state [H_T] after the last step, in a
 * new list (the caller's state list and tensors are left as they are).
 */
export function rnn(
  inputs: tf.Tensor3D,
  state: tf.Tensor2D[],
  params: RnnParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D] } {
  // BEGIN SOLUTION
  const { W_xh, W_hh, b_h, W_hq, b_q } = params;
  return tf.tidy(() => {
    let H = state[0]!;
    const outputs: tf.Tensor2D[] = [];
    for (const X of tf.unstack(inputs) as tf.Tensor2D[]) {
      H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));
      outputs.push(H.matMul(W_hq).add(b_q));
    }
    return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };
  });
  // END SOLUTION
}
