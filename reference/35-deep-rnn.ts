import * as tf from '@tensorflow/tfjs';
import { outputLayer } from './30-rnn-scratch';
import { gruCell, type GruParams } from './33-gru';
import { lstmCell, type LstmParams } from './34-lstm';
import { HyperparameterError } from './errors';
import { matMul } from './ops/mat-mul';

/** The cells a deep RNN may stack: exercise 30's tanh layer, 33's GRU, 34's LSTM. */
export type CellName = 'rnn' | 'gru' | 'lstm';
export const CELLS: readonly CellName[] = ['rnn', 'gru', 'lstm'];

/** One hidden layer of an RNN: W_xh [inputs, h], W_hh [h, h], b_h [h]. */
export interface RnnLayer {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/** A GRU layer: exercise 33's parameters without the output layer. */
export type GruLayer = Omit<GruParams, 'W_hq' | 'b_q'>;
/** An LSTM layer: exercise 34's parameters without the output layer. */
export type LstmLayer = Omit<LstmParams, 'W_hq' | 'b_q'>;
export type Layer = RnnLayer | GruLayer | LstmLayer;

/** L stacked hidden layers and the output layer on top of the last. */
export interface DeepRnnParams<L extends Layer = RnnLayer> {
  layers: L[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** The hidden states of one layer over a sequence of inputs (its input and state concatenated, as the notes draw it). */
export function rnnLayer(inputs: tf.Tensor2D[], H0: tf.Tensor2D, layer: RnnLayer): tf.Tensor2D[] {
  const W = tf.concat([layer.W_xh, layer.W_hh], 0);
  let H = H0;
  return inputs.map((X) => (H = tf.tanh(matMul(tf.concat([X, H], 1), W).add(layer.b_h))));
}

/** A layer of any cell over the whole sequence: its hidden state at every step and its final state. */
function runLayer(
  cell: CellName,
  inputs: tf.Tensor2D[],
  state: readonly tf.Tensor2D[],
  layer: Layer,
): { Hs: tf.Tensor2D[]; final: tf.Tensor2D[] } {
  if (cell === 'rnn') {
    const Hs = rnnLayer(inputs, state[0]!, layer as RnnLayer);
    return { Hs, final: [Hs.at(-1)!] };
  }
  if (cell === 'gru') {
    let H = state[0]!;
    const Hs = inputs.map((X) => (H = gruCell(X, H, layer as GruParams)));
    return { Hs, final: [H] };
  }
  let [H, C] = state as [tf.Tensor2D, tf.Tensor2D];
  const Hs = inputs.map((X) => {
    ({ H, C } = lstmCell(X, H, C, layer as LstmParams));
    return H;
  });
  return { Hs, final: [H, C] };
}

function validate(cell: string, layers: number): void {
  if (!CELLS.includes(cell as CellName))
    throw new HyperparameterError(`unknown cell "${cell}": a deep RNN stacks 'rnn', 'gru' or 'lstm' layers`);
  if (layers < 1) throw new HyperparameterError(`a deep RNN needs at least one layer, got ${layers}`);
}

/** The initial state of a deep RNN of a cell: per layer, [H] of zeros (rnn, gru) or [H, C] (lstm). */
export function initDeepRnnState(cell: CellName, batchSize: number, numHiddens: readonly number[]): tf.Tensor2D[][] {
  validate(cell, numHiddens.length);
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw new HyperparameterError(`batchSize must be a whole number >= 1, got ${batchSize}`);
  const bad = numHiddens.find((h) => !(Number.isInteger(h) && h >= 1));
  if (bad !== undefined) throw new HyperparameterError(`every layer needs a whole number of units >= 1, got ${bad}`);
  return numHiddens.map((h) =>
    cell === 'lstm' ? [tf.zeros([batchSize, h]), tf.zeros([batchSize, h])] : [tf.zeros([batchSize, h])],
  );
}

/**
 * d2l's deep RNN, layer by layer: layer l runs over the whole sequence of layer l − 1's hidden
 * states (layer 1 over the inputs [T, n, d]); the output layer reads the last layer's.
 * Returns Y [T n, q] in time order and the final state of every layer ([H] or [H, C]).
 * The form (inputs, [H per layer], params) is the plain-RNN stack of the exercise's first version
 * (selftest/rnn-references.test.ts holds it against float64).
 */
export function deepRnn(
  cell: CellName,
  inputs: tf.Tensor3D,
  state: readonly (readonly tf.Tensor2D[])[],
  params: DeepRnnParams<Layer>,
): { Y: tf.Tensor2D; state: tf.Tensor2D[][] };
export function deepRnn(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: DeepRnnParams,
): { Y: tf.Tensor2D; state: tf.Tensor2D[] };
export function deepRnn(
  ...args:
    | [CellName, tf.Tensor3D, readonly (readonly tf.Tensor2D[])[], DeepRnnParams<Layer>]
    | [tf.Tensor3D, readonly tf.Tensor2D[], DeepRnnParams]
): { Y: tf.Tensor2D; state: tf.Tensor2D[][] | tf.Tensor2D[] } {
  if (typeof args[0] !== 'string') {
    const [inputs, state, params] = args as [tf.Tensor3D, readonly tf.Tensor2D[], DeepRnnParams];
    const out = deepRnn(
      'rnn',
      inputs,
      state.map((H) => [H]),
      params,
    );
    return { Y: out.Y, state: out.state.map((s) => s[0]!) };
  }
  const [cell, inputs, state, params] = args as [
    CellName,
    tf.Tensor3D,
    readonly (readonly tf.Tensor2D[])[],
    DeepRnnParams<Layer>,
  ];
  validate(cell, params.layers.length);
  return tf.tidy(() => {
    let sequence = tf.unstack(inputs) as tf.Tensor2D[];
    const final = params.layers.map((layer, l) => {
      const out = runLayer(cell, sequence, state[l]!, layer);
      sequence = out.Hs;
      return out.final;
    });
    return { Y: outputLayer(sequence, params.W_hq, params.b_q), state: final };
  });
}
