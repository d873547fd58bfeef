import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from 'd2l-ts/reference/06-cross-entropy';
import { seqDataIterRandom, seqDataIterSequential } from 'd2l-ts/reference/29-seq-sampling';
import { scratchModels, type CellName, type Params, type ScratchModel } from 'd2l-ts/reference/char-lm';
import { EmptyCorpusError, HyperparameterError, SequenceTooShortError } from 'd2l-ts/reference/errors';

/**
 * d2l's grad_clipping (梯度裁剪): when the L2 norm of all gradients together,
 * ‖g‖ = sqrt(Σ over every tensor and element of g²), exceeds theta, scale every gradient by
 * theta / ‖g‖, so the norm becomes theta and the direction is kept; otherwise leave them as they
 * are. Returns new tensors, even when nothing is clipped (d2l changes them in place; here the
 * caller's gradients are left as they were). Zero gradients stay zero. theta must be a number
 * > 0: θ <= 0 or NaN is a HyperparameterError naming theta.
 */
export function gradClipping(grads: tf.Tensor[], theta: number): tf.Tensor[] {
  // BEGIN SOLUTION
  if (!(theta > 0)) throw new HyperparameterError(`the clipping threshold theta must be > 0, got ${theta}`);
  return tf.tidy(() => {
    const norm = Math.sqrt(grads.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0));
    const scale = norm > theta ? theta / norm : 1;
    return grads.map((g) => g.mul(scale));
  });
  // END SOLUTION
}

/** The number of hidden units of a model's parameters (W_hq is [h, vocabSize] for every cell). */
const numHiddens = (params: Params) => params.W_hq!.shape[0]!;

/** scratchModels[cell], or a HyperparameterError for a cell other than 'rnn', 'gru', 'lstm'. */
function modelOf(cell: CellName): ScratchModel {
  // BEGIN SOLUTION
  if (cell !== 'rnn' && cell !== 'gru' && cell !== 'lstm')
    throw new HyperparameterError(`unknown cell "${cell}": use 'rnn', 'gru' or 'lstm'`);
  return scratchModels[cell];
  // END SOLUTION
}

/**
 * d2l's predict_ch8: continue `prefix` by numPreds characters. Start from the model's initial
 * state for a batch of 1; feed the prefix one character at a time to warm the state up (its
 * outputs are not used), then numPreds times take the argmax of the output as the next character
 * and feed it back in. Returns the prefix followed by the prediction.
 * `scratchModels[cell]` (d2l-ts/reference/char-lm) gives the model: beginState(batchSize,
 * numHiddens) and forward(X, state, params) with X int32 [batch, steps]. Characters are tokens:
 * idxToToken[i] is the character of index i, and a character is a code point (exercise 26's
 * char tokens: '😀' is one character). A character not in idxToToken is index 0, '<unk>', and comes
 * back as idxToToken[0] (d2l returns the tokens the model read, so '<unk>' shows it did not know
 * the character). An empty prefix (nothing to start from) is an EmptyCorpusError; numPreds must
 * be a whole number >= 0 (0: the prefix alone), otherwise a HyperparameterError.
 */
export function predictCh8(
  prefix: string,
  numPreds: number,
  cell: CellName,
  params: Params,
  idxToToken: string[],
): string {
  // BEGIN SOLUTION
  const model = modelOf(cell);
  const chars = [...prefix];
  if (chars.length === 0)
    throw new EmptyCorpusError('the prefix is empty: a prediction needs a character to start from');
  if (!Number.isInteger(numPreds) || numPreds < 0)
    throw new HyperparameterError(`numPreds must be a whole number >= 0, got ${numPreds}`);
  const index = (ch: string) => Math.max(idxToToken.indexOf(ch), 0);
  const outputs = [index(chars[0]!)];
  let state = model.beginState(1, numHiddens(params));
  const step = (token: number): tf.Tensor2D => {
    const X = tf.tensor2d([[token]], [1, 1], 'int32');
    const { Y, state: next } = model.forward(X, state, params);
    tf.dispose([X, ...state]);
    state = next;
    return Y;
  };
  for (const ch of chars.slice(1)) {
    step(outputs.at(-1)!).dispose();
    outputs.push(index(ch));
  }
  for (let i = 0; i < numPreds; i++) {
    const Y = step(outputs.at(-1)!);
    outputs.push(tf.tidy(() => Y.argMax(1).dataSync()[0]!));
    Y.dispose();
  }
  tf.dispose(state);
  return outputs.map((i) => idxToToken[i]).join('');
  // END SOLUTION
}

export interface EpochOptions {
  batchSize: number;
  numSteps: number;
  /** The learning rate of SGD. */
  lr: number;
  /** true: random sampling (seqDataIterRandom); false: sequential partitioning (seqDataIterSequential). */
  useRandomIter: boolean;
  /** The gradient-clipping threshold (d2l uses 1). */
  theta: number;
}

/**
 * d2l's train_epoch_ch8: one pass over the corpus (token indices) in minibatches from
 * iter(corpus, batchSize, numSteps, seed) (d2l-ts/reference/29-seq-sampling). For each [X, Y]:
 *   - the state: a fresh model.beginState(batchSize, numHiddens) for the first minibatch and, with
 *     random sampling, for every minibatch (its subsequences do not continue the last ones); with
 *     sequential partitioning carry the state from the minibatch before, as a constant (d2l's
 *     detach_: no gradient flows into the previous minibatch);
 *   - the loss: the mean softmaxCrossEntropy (d2l-ts/reference/06-cross-entropy) of the outputs
 *     [numSteps batchSize, V] against the labels in the same, time-major order (Y transposed,
 *     then flattened: d2l's Y.T.reshape(-1));
 *   - its gradients with respect to every parameter (tf.valueAndGrads), clipped by gradClipping
 *     with theta, and an SGD step p − lr g (d2l's sgd with batch size 1: the loss is a mean).
 *     tf.valueAndGrads disposes every tensor its function makes but the loss: tf.keep the new
 *     state inside it to carry it to the next minibatch (and dispose it when done).
 * Returns the new parameters (dispose the intermediate ones, not the ones passed in) and the
 * epoch's perplexity, exp(total loss over all tokens / number of tokens).
 * lr and theta must be numbers > 0, batchSize and numSteps whole numbers >= 1, cell one of 'rnn',
 * 'gru', 'lstm': otherwise a HyperparameterError naming it. A corpus too short for one minibatch
 * (the iterators yield none) is a SequenceTooShortError: an epoch of no tokens has no perplexity.
 */
export function trainEpochCh8(
  cell: CellName,
  params: Params,
  corpus: number[],
  opts: EpochOptions,
  seed: number,
): { params: Params; perplexity: number } {
  // BEGIN SOLUTION
  const model = modelOf(cell);
  checkEpochOptions(opts);
  const names = Object.keys(params);
  const iter = opts.useRandomIter ? seqDataIterRandom : seqDataIterSequential;
  let current = params;
  let state: tf.Tensor2D[] | undefined;
  let lossSum = 0;
  let numTokens = 0;
  for (const [X, Y] of iter(corpus, opts.batchSize, opts.numSteps, seed)) {
    if (state === undefined || opts.useRandomIter) {
      if (state) tf.dispose(state);
      state = model.beginState(X.shape[0], numHiddens(current));
    }
    const before = state;
    let after: tf.Tensor2D[] = [];
    const next = tf.tidy(() => {
      const y = Y.transpose().reshape([-1]) as tf.Tensor1D;
      const loss = (...ps: tf.Tensor[]) => {
        const out = model.forward(X, before, Object.fromEntries(names.map((n, i) => [n, ps[i]!])));
        after = out.state.map((s) => tf.keep(s));
        return softmaxCrossEntropy(out.Y, y).mean() as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)(names.map((n) => current[n]!));
      lossSum += value.dataSync()[0]! * y.size;
      numTokens += y.size;
      const clipped = gradClipping(grads, opts.theta);
      return Object.fromEntries(names.map((n, i) => [n, current[n]!.sub(clipped[i]!.mul(opts.lr))]));
    });
    tf.dispose([X, Y, ...before]);
    if (current !== params) tf.dispose(Object.values(current));
    current = next;
    state = after;
  }
  if (state) tf.dispose(state);
  if (numTokens === 0)
    throw new SequenceTooShortError(
      `a corpus of ${corpus.length} tokens gives no minibatch of ${opts.batchSize} subsequences of ${opts.numSteps} tokens`,
    );
  return { params: current, perplexity: Math.exp(lossSum / numTokens) };
  // END SOLUTION
}

/** A HyperparameterError naming the first of lr, theta (> 0), batchSize, numSteps (whole, >= 1) out of its range. */
function checkEpochOptions(opts: EpochOptions): void {
  // BEGIN SOLUTION
  if (!(opts.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${opts.lr}`);
  if (!(opts.theta > 0)) throw new HyperparameterError(`the clipping threshold theta must be > 0, got ${opts.theta}`);
  for (const name of ['batchSize', 'numSteps'] as const)
    if (!Number.isInteger(opts[name]) || opts[name] < 1)
      throw new HyperparameterError(`${name} must be a whole number >= 1, got ${opts[name]}`);
  // END SOLUTION
}

export interface TrainOptions extends EpochOptions {
  numHiddens: number;
  numEpochs: number;
  seed: number;
  /** If given, print the final perplexity and the model's continuation of prefix (50 characters), as d2l does. */
  sample?: { prefix: string; idxToToken: string[] };
}

/**
 * d2l's train_ch8: parameters from scratchModels[cell].getParams(vocabSize, numHiddens, seed),
 * then numEpochs epochs of trainEpochCh8, epoch e with seed + e. Returns the final parameters and
 * the perplexity of each epoch. numHiddens and numEpochs must be whole numbers >= 1 (a
 * HyperparameterError naming it otherwise), as must the options trainEpochCh8 checks.
 */
export function trainCh8(
  cell: CellName,
  corpus: number[],
  vocabSize: number,
  opts: TrainOptions,
): { params: Params; perplexities: number[] } {
  // BEGIN SOLUTION
  for (const name of ['numHiddens', 'numEpochs'] as const)
    if (!Number.isInteger(opts[name]) || opts[name] < 1)
      throw new HyperparameterError(`${name} must be a whole number >= 1, got ${opts[name]}`);
  checkEpochOptions(opts);
  let params = modelOf(cell).getParams(vocabSize, opts.numHiddens, opts.seed);
  const perplexities: number[] = [];
  for (let epoch = 0; epoch < opts.numEpochs; epoch++) {
    const r = trainEpochCh8(cell, params, corpus, opts, opts.seed + epoch);
    tf.dispose(Object.values(params));
    params = r.params;
    perplexities.push(r.perplexity);
  }
  if (opts.sample) {
    const { prefix, idxToToken } = opts.sample;
    console.log(
      `perplexity ${perplexities.at(-1)!.toFixed(2)}; '${prefix}' goes on as '${predictCh8(prefix, 50, cell, params, idxToToken)}'`,
    );
  }
  return { params, perplexities };
  // END SOLUTION
}
