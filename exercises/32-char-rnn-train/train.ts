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
  throw new Error('Not implemented: gradClipping (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
}

/** The number of hidden units of a model's parameters (W_hq is [h, vocabSize] for every cell). */
const numHiddens = (params: Params) => params.W_hq!.shape[0]!;

/** scratchModels[cell], or a HyperparameterError for a cell other than 'rnn', 'gru', 'lstm'. */
function modelOf(cell: CellName): ScratchModel {
  throw new Error('Not implemented: modelOf (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
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
  throw new Error('Not implemented: predictCh8 (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
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
  throw new Error('Not implemented: trainEpochCh8 (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
}

/** A HyperparameterError naming the first of lr, theta (> 0), batchSize, numSteps (whole, >= 1) out of its range. */
function checkEpochOptions(opts: EpochOptions): void {
  throw new Error('Not implemented: checkEpochOptions (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
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
  throw new Error('Not implemented: trainCh8 (32-char-rnn-train). The task is in exercises/32-char-rnn-train/README.md');
}
