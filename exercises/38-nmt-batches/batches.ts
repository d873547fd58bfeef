import * as tf from '@tensorflow/tfjs';
import { Vocab } from 'd2l-ts/reference/27-vocab';
import { preprocessNmt, tokenizeNmt } from 'd2l-ts/reference/37-nmt-preprocess';
import { HyperparameterError } from 'd2l-ts/reference/errors';
import { makeRng } from 'd2l-ts/reference/random';

/**
 * d2l's vocabulary of one side of the pairs (词表): Vocab(lines, min_freq=2,
 * reserved_tokens=['<pad>', '<bos>', '<eos>']) from d2l-ts/reference/27-vocab. Tokens seen fewer
 * than twice map to <unk> (index 0); <pad> is 1, <bos> 2, <eos> 3.
 */
export function nmtVocab(lines: string[][]): Vocab {
  throw new Error('Not implemented: nmtVocab (38-nmt-batches). The task is in exercises/38-nmt-batches/README.md');
}

/**
 * d2l's truncate_pad (截断和填充): a line of token indices made exactly numSteps long: its first
 * numSteps tokens if it is longer, else the line followed by paddingToken until numSteps.
 * Returns a new array (the caller's line is left as it is). numSteps must be a whole number
 * >= 1, or a HyperparameterError names it.
 */
export function truncatePad(line: number[], numSteps: number, paddingToken: number): number[] {
  throw new Error('Not implemented: truncatePad (38-nmt-batches). The task is in exercises/38-nmt-batches/README.md');
}

/**
 * d2l's build_array_nmt: each line's token indices (vocab.toIndices: <unk> for tokens outside
 * the vocabulary), then <eos>, truncated or padded with <pad> to numSteps. Returns
 *   array     int32 [lines.length, numSteps]
 *   validLen  int32 [lines.length]: the entries of each row that are not <pad>
 * (d2l's (array != pad).sum(1): a truncated line, which loses its <eos>, has numSteps).
 */
export function buildArrayNmt(
  lines: string[][],
  vocab: Vocab,
  numSteps: number,
): { array: tf.Tensor2D; validLen: tf.Tensor1D } {
  throw new Error('Not implemented: buildArrayNmt (38-nmt-batches). The task is in exercises/38-nmt-batches/README.md');
}

/** One minibatch: d2l's (X, X_valid_len, Y, Y_valid_len), all int32. */
export interface NmtBatch {
  X: tf.Tensor2D;
  XValidLen: tf.Tensor1D;
  Y: tf.Tensor2D;
  YValidLen: tf.Tensor1D;
}

/**
 * d2l's load_data_nmt(batch_size, num_steps, num_examples) on the raw text of a fra.txt-format
 * file: preprocessNmt, tokenizeNmt with numExamples (both from d2l-ts/reference/37-nmt-preprocess),
 * a vocabulary for each side (nmtVocab), the source and target arrays (buildArrayNmt), and one
 * epoch of minibatches: the example indices 0 … n − 1 shuffled by makeRng(seed).shuffle (d2l's
 * DataLoader shuffles), then taken batchSize at a time in that order, the last minibatch holding
 * what is left. Source and target rows stay paired. batchSize and numSteps must be whole numbers
 * >= 1, or a HyperparameterError names them.
 */
export function loadDataNmt(
  text: string,
  batchSize: number,
  numSteps: number,
  numExamples: number,
  seed: number,
): { batches: NmtBatch[]; srcVocab: Vocab; tgtVocab: Vocab } {
  throw new Error('Not implemented: loadDataNmt (38-nmt-batches). The task is in exercises/38-nmt-batches/README.md');
}
