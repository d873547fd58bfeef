/**
 * d2l's RNNModelScratch for the three cells of chapters 5 and 6: a character language model is
 * a cell's parameters, its initial state, and a forward pass from token indices to logits.
 * Exercise 32 trains any of them: `scratchModels[cell]`.
 */
import * as tf from '@tensorflow/tfjs';
import { getParams, initRnnState, rnn } from './30-rnn-scratch';
import { getGruParams, gru, initGruState } from './33-gru';
import { getLstmParams, initLstmState, lstm } from './34-lstm';

export type CellName = 'rnn' | 'gru' | 'lstm';
export const CELLS: readonly CellName[] = ['rnn', 'gru', 'lstm'];

/** A model's parameters by name (W_xh, b_h, ...): what training updates. */
export type Params = Record<string, tf.Tensor>;

export interface ScratchModel {
  /** Parameters for a vocabulary of vocabSize tokens (inputs and outputs) and numHiddens hidden units. */
  getParams(vocabSize: number, numHiddens: number, seed: number): Params;
  /** The initial state: [H] for the RNN and the GRU, [H, C] for the LSTM, all zeros. */
  beginState(batchSize: number, numHiddens: number): tf.Tensor2D[];
  /**
   * X: int32 token indices [batchSize, numSteps]. Returns the logits [numSteps * batchSize,
   * vocabSize], rows in time order (all of step 0, then step 1, ...), and the state after the last step.
   */
  forward(X: tf.Tensor2D, state: readonly tf.Tensor2D[], params: Params): { Y: tf.Tensor2D; state: tf.Tensor2D[] };
}

type Unrolled<P> = (
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: P,
) => { Y: tf.Tensor2D; state: tf.Tensor2D[] };

/** The cell applied to one-hot inputs F.one_hot(X.T, vocab_size), as d2l's RNNModelScratch.__call__. */
function scratch<P>(
  get: (v: number, h: number, seed: number) => P,
  begin: (n: number, h: number) => tf.Tensor2D[],
  cell: Unrolled<P>,
): ScratchModel {
  return {
    getParams: (v, h, seed) => get(v, h, seed) as Params,
    beginState: begin,
    forward: (X, state, params) =>
      tf.tidy(() => {
        const inputs = tf.oneHot(X.transpose(), params.W_hq!.shape[1]!).cast('float32') as tf.Tensor3D;
        return cell(inputs, state, params as P);
      }),
  };
}

export const scratchModels: Record<CellName, ScratchModel> = {
  rnn: scratch(getParams, initRnnState, rnn),
  gru: scratch(getGruParams, initGruState, gru),
  lstm: scratch(getLstmParams, initLstmState, lstm),
};

/**
 * ln P(row[t + 1] | row[0 … t]) under the model, for every row (all of one length, run together
 * from a fresh state) and every t: out[b][t]. The measure of a language model on held-out text.
 */
export function nextTokenLogProbs(cell: CellName, params: Params, rows: readonly number[][]): number[][] {
  const model = scratchModels[cell];
  const [n, L] = [rows.length, rows[0]!.length];
  const lp = tf.tidy(() => {
    const X = tf.tensor2d(
      rows.map((r) => r.slice(0, -1)),
      [n, L - 1],
      'int32',
    );
    const logits = model.forward(X, model.beginState(n, params.W_hq!.shape[0]!), params).Y;
    // Row t n + b of the logits scores token t + 1 of row b.
    const next = tf.tensor1d(
      Array.from({ length: (L - 1) * n }, (_, k) => rows[k % n]![Math.floor(k / n) + 1]!),
      'int32',
    );
    return tf.sum(tf.logSoftmax(logits).mul(tf.oneHot(next, logits.shape[1])), 1);
  });
  const v = lp.dataSync();
  lp.dispose();
  return rows.map((_, b) => Array.from({ length: L - 1 }, (_, t) => v[t * n + b]!));
}
