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
  // BEGIN SOLUTION
  return new Vocab(lines, 2, ['<pad>', '<bos>', '<eos>']);
  // END SOLUTION
}

/**
 * d2l's truncate_pad (截断和填充): a line of token indices made exactly numSteps long: its first
 * numSteps tokens if it is longer, else the line followed by paddingToken until numSteps.
 * Returns a new array (the caller's line is left as it is). numSteps must be a whole number
 * >= 1, or a HyperparameterError names it.
 */
export function truncatePad(line: number[], numSteps: number, paddingToken: number): number[] {
  // BEGIN SOLUTION
  if (!Number.isInteger(numSteps) || numSteps < 1)
    throw new HyperparameterError(`numSteps must be a whole number >= 1, got ${numSteps}`);
  if (line.length > numSteps) return line.slice(0, numSteps);
  return [...line, ...new Array(numSteps - line.length).fill(paddingToken)];
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [pad, eos] = vocab.toIndices(['<pad>', '<eos>']);
  const rows = lines.map((l) => truncatePad([...vocab.toIndices(l), eos], numSteps, pad));
  const validLen = rows.map((row) => row.filter((i) => i !== pad).length);
  return {
    array: tf.tensor2d(rows.flat(), [rows.length, numSteps], 'int32'),
    validLen: tf.tensor1d(validLen, 'int32'),
  };
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize must be a whole number >= 1, got ${batchSize}`);
  const { source, target } = tokenizeNmt(preprocessNmt(text), numExamples);
  const srcVocab = nmtVocab(source);
  const tgtVocab = nmtVocab(target);
  const src = buildArrayNmt(source, srcVocab, numSteps);
  const tgt = buildArrayNmt(target, tgtVocab, numSteps);
  const order = makeRng(seed).shuffle([...source.keys()]);
  const batches: NmtBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    batches.push(
      tf.tidy(() => ({
        X: tf.gather(src.array, idx),
        XValidLen: tf.gather(src.validLen, idx),
        Y: tf.gather(tgt.array, idx),
        YValidLen: tf.gather(tgt.validLen, idx),
      })),
    );
  }
  tf.dispose([src.array, src.validLen, tgt.array, tgt.validLen]);
  return { batches, srcVocab, tgtVocab };
  // END SOLUTION
}
