import * as tf from '@tensorflow/tfjs';
import { matMul } from './ops/mat-mul';
import { rnnSequence } from './ops/recurrent';

/** The parameters of d2l's scratch RNN: hidden layer W_xh, W_hh, b_h and output layer W_hq, b_q. */
export interface RnnParams {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** N(0, 0.01²) weights of a shape, as d2l's normal(shape); seeds count up from seed + 1 (tfjs ignores 0). */
export function normal01(shape: [number, number], seed: number): tf.Tensor2D {
  return tf.randomNormal(shape, 0, 0.01, 'float32', seed);
}

/** d2l's get_params: inputs and outputs of vocabulary size, weights N(0, 0.01²), biases 0. */
export function getParams(vocabSize: number, numHiddens: number, seed: number): RnnParams {
  return {
    W_xh: normal01([vocabSize, numHiddens], seed + 1),
    W_hh: normal01([numHiddens, numHiddens], seed + 2),
    b_h: tf.zeros([numHiddens]),
    W_hq: normal01([numHiddens, vocabSize], seed + 3),
    b_q: tf.zeros([vocabSize]),
  };
}

/** d2l's init_rnn_state: the state is a list holding one hidden state of zeros. */
export function initRnnState(batchSize: number, numHiddens: number): [tf.Tensor2D] {
  return [tf.zeros([batchSize, numHiddens])];
}

/** The output layer over all time steps at once: the hidden states [n, h] in time order, stacked to [T n, h], times W_hq plus b_q. */
export function outputLayer(Hs: tf.Tensor2D[], W_hq: tf.Tensor2D, b_q: tf.Tensor1D): tf.Tensor2D {
  return matMul(tf.concat(Hs, 0), W_hq).add(b_q);
}

/** The output layer on hidden states already stacked in time order, [T n, h]: times W_hq plus b_q. */
export function outputRows(Hall: tf.Tensor2D, W_hq: tf.Tensor2D, b_q: tf.Tensor1D): tf.Tensor2D {
  return matMul(Hall, W_hq).add(b_q);
}

/** The last n rows of states stacked in time order [T n, h]: the state after the last step. */
export function lastRows(Hall: tf.Tensor2D, n: number): tf.Tensor2D {
  return Hall.slice([Hall.shape[0] - n, 0], [n, -1]);
}

/**
 * d2l's rnn: H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h) over the time steps of inputs [T, n, d],
 * from state [H_0]; outputs Y = H_t W_hq + b_q for every step, stacked in time order to [T n, q].
 * As the notes draw it, the input and the hidden state go through one layer with the weights
 * [W_xh; W_hh] stacked; ops/recurrent.ts runs that layer over the whole sequence as one op (the
 * inputs' share for all steps in one product, back-propagation through time by hand), which is
 * what makes the full-size training of exercise 32 take minutes.
 */
export function rnn(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: RnnParams,
): { Y: tf.Tensor2D; state: [tf.Tensor2D] } {
  return tf.tidy(() => {
    const Hall = rnnSequence(inputs, state[0]!, params.W_xh, params.W_hh, params.b_h);
    return {
      Y: outputRows(Hall, params.W_hq, params.b_q),
      state: [lastRows(Hall, inputs.shape[1])] as [tf.Tensor2D],
    };
  });
}
