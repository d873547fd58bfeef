import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from './18-grad-clipping';
import { seqDataIterRandom, seqDataIterSequential } from './29-seq-sampling';
import { CELLS, scratchModels, type CellName, type Params, type ScratchModel } from './char-lm';
import { EmptyCorpusError, HyperparameterError, SequenceTooShortError } from './errors';

/** θ must be a number > 0. */
function checkTheta(theta: number): void {
  if (!(theta > 0)) throw new HyperparameterError(`theta must be > 0, got ${theta}`);
}

/** d2l's grad_clipping: when the global L2 norm of all gradients exceeds theta, scale them all by theta / norm (exercise 18's reference). */
export function gradClipping(grads: tf.Tensor[], theta: number): tf.Tensor[] {
  checkTheta(theta);
  return clipByGlobalNorm(grads, theta);
}

function modelOf(cell: CellName): ScratchModel {
  if (!CELLS.includes(cell)) throw new HyperparameterError(`unknown cell "${cell}"`);
  return scratchModels[cell];
}

/** A whole number >= 1, or a HyperparameterError naming it. */
function positiveInteger(name: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1)) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
}

const hiddenSize = (params: Params) => params.W_hq!.shape[0]!;

/**
 * d2l's predict_ch8: warm the state up on the prefix, then append numPreds tokens, each the
 * argmax of the model's output fed back in.
 */
export function predictCh8(
  prefix: string,
  numPreds: number,
  cell: CellName,
  params: Params,
  idxToToken: readonly string[],
): string {
  const model = modelOf(cell);
  if (prefix.length === 0) throw new EmptyCorpusError('an empty prefix: nothing to start from');
  if (!(Number.isInteger(numPreds) && numPreds >= 0))
    throw new HyperparameterError(`numPreds must be a whole number >= 0, got ${numPreds}`);
  const index = new Map(idxToToken.map((t, i) => [t, i]));
  const outputs = Array.from(prefix, (ch) => index.get(ch) ?? 0);
  let state = model.beginState(1, hiddenSize(params));
  const advance = (tokens: number[]) => {
    const X = tf.tensor2d([tokens], [1, tokens.length], 'int32');
    const { Y, state: next } = model.forward(X, state, params);
    tf.dispose([X, ...state]);
    state = next;
    return Y;
  };
  // The whole prefix but its last token in one forward pass: only the state matters.
  if (outputs.length > 1) advance(outputs.slice(0, -1)).dispose();
  for (let i = 0; i < numPreds; i++) {
    const Y = advance([outputs.at(-1)!]);
    outputs.push(tf.tidy(() => Y.argMax(1).dataSync()[0]!));
    Y.dispose();
  }
  tf.dispose(state);
  return outputs.map((i) => idxToToken[i]).join('');
}

export interface EpochOptions {
  batchSize: number;
  numSteps: number;
  lr: number;
  /** Random sampling (a fresh state per minibatch) or sequential partitioning (the state carried on). */
  useRandomIter: boolean;
  /** The gradient-clipping threshold (d2l: 1). */
  theta: number;
}

/**
 * d2l's train_epoch_ch8 with SGD (batch size 1: the loss is already a mean): returns the new
 * parameters and the perplexity exp(mean loss over every token of the epoch).
 */
export function trainEpochCh8(
  cell: CellName,
  params: Params,
  corpus: readonly number[],
  opts: EpochOptions,
  seed: number,
): { params: Params; perplexity: number } {
  const model = modelOf(cell);
  if (!(opts.lr > 0)) throw new HyperparameterError(`lr must be > 0, got ${opts.lr}`);
  checkTheta(opts.theta);
  positiveInteger('batchSize', opts.batchSize);
  positiveInteger('numSteps', opts.numSteps);
  const names = Object.keys(params);
  let current = params;
  let state: tf.Tensor2D[] | undefined;
  let lossSum = 0;
  let tokens = 0;
  const iter = opts.useRandomIter ? seqDataIterRandom : seqDataIterSequential;
  for (const [X, Y] of iter(corpus, opts.batchSize, opts.numSteps, seed)) {
    if (!state || opts.useRandomIter) {
      tf.dispose(state);
      state = model.beginState(X.shape[0], hiddenSize(current));
    }
    const from = state;
    let next: tf.Tensor2D[] = [];
    const updated = tf.tidy(() => {
      const y = Y.transpose().reshape([-1]);
      const { value, grads } = tf.valueAndGrads((...ps: tf.Tensor[]) => {
        const out = model.forward(X, from, Object.fromEntries(names.map((n, i) => [n, ps[i]!])));
        // The state goes on to the next minibatch as a constant (d2l's detach_).
        next = out.state.map((s) => tf.keep(s));
        return tf.losses.softmaxCrossEntropy(tf.oneHot(y, out.Y.shape[1]), out.Y) as tf.Scalar;
      })(names.map((n) => current[n]!));
      lossSum += value.dataSync()[0]! * y.size;
      tokens += y.size;
      const clipped = gradClipping(grads, opts.theta);
      return Object.fromEntries(names.map((n, i) => [n, current[n]!.sub(clipped[i]!.mul(opts.lr))]));
    });
    tf.dispose([X, Y, ...from]);
    if (current !== params) tf.dispose(Object.values(current));
    current = updated;
    state = next;
  }
  tf.dispose(state);
  if (tokens === 0)
    throw new SequenceTooShortError(
      `${corpus.length} tokens make no minibatch of ${opts.batchSize} × ${opts.numSteps} tokens`,
    );
  return { params: current, perplexity: Math.exp(lossSum / tokens) };
}

export interface TrainOptions extends EpochOptions {
  numHiddens: number;
  numEpochs: number;
  seed: number;
}

/**
 * d2l's train_ch8: parameters from the cell's getParams (seeded with seed), then numEpochs epochs,
 * epoch e drawing its minibatches with seed + e. onEpoch sees each epoch's perplexity.
 */
export function trainCh8(
  cell: CellName,
  corpus: readonly number[],
  vocabSize: number,
  opts: TrainOptions,
  onEpoch?: (epoch: number, perplexity: number, params: Params) => void,
): { params: Params; perplexities: number[] } {
  positiveInteger('numHiddens', opts.numHiddens);
  positiveInteger('numEpochs', opts.numEpochs);
  let params = modelOf(cell).getParams(vocabSize, opts.numHiddens, opts.seed);
  const perplexities: number[] = [];
  for (let epoch = 0; epoch < opts.numEpochs; epoch++) {
    const r = trainEpochCh8(cell, params, corpus, opts, opts.seed + epoch);
    tf.dispose(Object.values(params));
    params = r.params;
    perplexities.push(r.perplexity);
    onEpoch?.(epoch, r.perplexity, params);
  }
  return { params, perplexities };
}
