import * as tf from '@tensorflow/tfjs';
import { gruCell, type GruParams } from 'd2l-ts/reference/33-gru';
import { lstmCell, type LstmParams } from 'd2l-ts/reference/34-lstm';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/** The cells a deep RNN may stack: exercise 30's tanh layer, 33's GRU, 34's LSTM. */
export type CellName = 'rnn' | 'gru' | 'lstm';

/** A tanh RNN layer: W_xh [its input size, h], W_hh [h, h], b_h [h]. */
export interface RnnLayer {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/** A GRU layer: exercise 33's parameters without the output layer (W_xz, W_hz, b_z, …, W_xh, W_hh, b_h). */
export type GruLayer = Omit<GruParams, 'W_hq' | 'b_q'>;
/** An LSTM layer: exercise 34's parameters without the output layer (W_xi, W_hi, b_i, …, W_xc, W_hc, b_c). */
export type LstmLayer = Omit<LstmParams, 'W_hq' | 'b_q'>;

/**
 * A deep RNN: L ≥ 1 hidden layers of one cell, layer 1 reading the inputs and layer l the hidden
 * states of layer l − 1, and the output layer W_hq [h_L, q], b_q [q] on the last one.
 */
export interface DeepRnnParams {
  layers: (RnnLayer | GruLayer | LstmLayer)[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * The initial state of a deep RNN: per layer l, the cell's initial state of zeros
 * [batchSize, numHiddens[l]]: [H] for 'rnn' and 'gru', [H, C] for 'lstm' (exercises 30, 33, 34).
 * An unknown cell, no layers, or a batch or layer size that is not a whole number >= 1 is a
 * HyperparameterError naming it.
 */
export function initDeepRnnState(cell: CellName, batchSize: number, numHiddens: number[]): tf.Tensor2D[][] {
  // BEGIN SOLUTION
  checkCell(cell, numHiddens.length);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize must be a whole number >= 1, got ${batchSize}`);
  const bad = numHiddens.find((h) => !Number.isInteger(h) || h < 1);
  if (bad !== undefined) throw new HyperparameterError(`every layer needs a whole number of units >= 1, got ${bad}`);
  return numHiddens.map((h) => {
    const zeros = () => tf.zeros<tf.Rank.R2>([batchSize, h]);
    return cell === 'lstm' ? [zeros(), zeros()] : [zeros()];
  });
  // END SOLUTION
}

/** A HyperparameterError unless cell is one of 'rnn', 'gru', 'lstm' and there is at least one layer. */
function checkCell(cell: string, numLayers: number): void {
  // BEGIN SOLUTION
  if (cell !== 'rnn' && cell !== 'gru' && cell !== 'lstm')
    throw new HyperparameterError(`unknown cell "${cell}": a deep RNN stacks 'rnn', 'gru' or 'lstm' layers`);
  if (numLayers < 1) throw new HyperparameterError(`a deep RNN needs at least one layer, got ${numLayers}`);
  // END SOLUTION
}

/**
 * One time step of one layer: its new state from its input X [n, d_l] and its state ([H] or
 * [H, C]). 'rnn': H' = tanh(X W_xh + H W_hh + b_h); 'gru' and 'lstm': exercise 33's gruCell and
 * 34's lstmCell (import them from d2l-ts/reference/33-gru and d2l-ts/reference/34-lstm).
 */
function layerStep(
  cell: CellName,
  X: tf.Tensor2D,
  state: tf.Tensor2D[],
  layer: RnnLayer | GruLayer | LstmLayer,
): tf.Tensor2D[] {
  // BEGIN SOLUTION
  if (cell === 'gru') return [gruCell(X, state[0]!, layer as GruParams)];
  if (cell === 'lstm') {
    const { H, C } = lstmCell(X, state[0]!, state[1]!, layer as LstmParams);
    return [H, C];
  }
  const l = layer as RnnLayer;
  return [tf.tanh(X.matMul(l.W_xh).add(state[0]!.matMul(l.W_hh)).add(l.b_h))];
  // END SOLUTION
}

/**
 * d2l's deep recurrent network (深度循环神经网络) of a cell: at each time step t, with H_t^(0) = X_t,
 * layer l = 1 … L takes one step of the cell from its own state of step t − 1 with input
 * H_t^(l−1), the hidden state of the layer below at the same step; O_t = H_t^(L) W_hq + b_q.
 * For 'rnn' that step is H_t^(l) = tanh(H_t^(l−1) W_xh^(l) + H_{t−1}^(l) W_hh^(l) + b_h^(l)).
 * state holds each layer's state ([H] or [H, C]). Returns Y, the outputs [T n, q] in time order,
 * and the final state of every layer, in new lists (the caller's are left as they are).
 * An unknown cell or no layers is a HyperparameterError.
 */
export function deepRnn(
  cell: CellName,
  inputs: tf.Tensor3D,
  state: tf.Tensor2D[][],
  params: DeepRnnParams,
): { Y: tf.Tensor2D; state: tf.Tensor2D[][] } {
  // BEGIN SOLUTION
  checkCell(cell, params.layers.length);
  return tf.tidy(() => {
    const S = [...state];
    const outputs: tf.Tensor2D[] = [];
    for (const X of tf.unstack(inputs) as tf.Tensor2D[]) {
      let below = X;
      params.layers.forEach((layer, l) => {
        S[l] = layerStep(cell, below, S[l]!, layer);
        below = S[l]![0]!;
      });
      outputs.push(below.matMul(params.W_hq).add(params.b_q));
    }
    return { Y: tf.concat(outputs, 0), state: S };
  });
  // END SOLUTION
}
