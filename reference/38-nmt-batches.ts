/**
 * Exercise 38's building blocks: d2l's machine-translation data pipeline (d2l-zh 9.5.3-9.5.4,
 * d2l-en 10.5.3-10.5.4) from the text of a fra.txt-format file to minibatches. Chapters 7 and 8
 * import it:
 *   nmtVocab(lines)                           d2l's Vocab with min_freq 2 and <pad> <bos> <eos>
 *   truncatePad(line, numSteps, pad)          the first numSteps tokens, or the line padded to numSteps
 *   buildArrayNmt(lines, vocab, numSteps)     { array [n, numSteps] int32, validLen [n] int32 }: each line
 *                                             as indices (<unk> outside the vocabulary), <eos> appended,
 *                                             truncated or padded; validLen counts the tokens that are not <pad>
 *   nmtArrays(text, numSteps, numExamples?)   { data, srcVocab, tgtVocab }: d2l's load_data_nmt without its iterator
 *   nmtBatches(data, batchSize, seed)         the minibatches of one epoch, { X, XValidLen, Y, YValidLen }
 *   loadDataNmt(text, batchSize, numSteps, numExamples, seed)
 *                                             { batches, srcVocab, tgtVocab }: d2l's load_data_nmt, one epoch
 * Minibatch order: makeRng(seed).shuffle of the example indices (d2l's load_array shuffles with
 * torch's DataLoader), then consecutive slices of batchSize; the last one may be shorter. A
 * training loop asks for epoch e's minibatches with seed + e. Node-free, so students may import it.
 * The text is d2l's raw read_data_nmt output; for the course's corpus,
 * readTranslationCorpus('train') in fixtures/data/translation-corpus.ts (scripts and checks only).
 */
import * as tf from '@tensorflow/tfjs';
import { Vocab } from './27-vocab';
import { preprocessNmt, tokenizeNmt } from './37-nmt-preprocess';
import { HyperparameterError } from './errors';
import { makeRng } from './random';

/** d2l's reserved tokens of the translation vocabularies, after <unk> (index 0): <pad> 1, <bos> 2, <eos> 3. */
export const NMT_RESERVED = ['<pad>', '<bos>', '<eos>'] as const;

/** numSteps, batchSize: whole numbers >= 1, named in the error. */
export function checkPositiveInteger(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 1))
    throw new HyperparameterError(`${name} must be a whole number >= 1, got ${value}`);
}

/** d2l's vocabulary of one side of the pairs: Vocab(lines, min_freq=2, reserved_tokens=['<pad>', '<bos>', '<eos>']). */
export function nmtVocab(lines: readonly (readonly string[])[]): Vocab {
  return new Vocab(lines, 2, NMT_RESERVED);
}

/** d2l's truncate_pad: line[:numSteps] if longer, else line + [paddingToken] * (numSteps - len(line)). */
export function truncatePad(line: readonly number[], numSteps: number, paddingToken: number): number[] {
  checkPositiveInteger(numSteps, 'numSteps');
  return Array.from({ length: numSteps }, (_, i) => (i < line.length ? line[i]! : paddingToken));
}

/**
 * d2l's build_array_nmt, in tensor form: the indices with <eos> appended as one ragged-to-dense
 * matrix (tf.pad of each row, then a slice to numSteps), and the valid lengths as the count of
 * entries that are not <pad>.
 */
export function buildArrayNmt(
  lines: readonly (readonly string[])[],
  vocab: Vocab,
  numSteps: number,
): { array: tf.Tensor2D; validLen: tf.Tensor1D } {
  checkPositiveInteger(numSteps, 'numSteps');
  const pad = vocab.tokenToIdx.get('<pad>')!;
  const eos = vocab.tokenToIdx.get('<eos>')!;
  return tf.tidy(() => {
    const rows = lines.map((l) => {
      const ids = tf.tensor1d([...vocab.toIndices(l), eos], 'int32');
      const padded = tf.pad(ids, [[0, Math.max(0, numSteps - ids.size)]], pad);
      return padded.slice(0, numSteps);
    });
    const array = (rows.length ? tf.stack(rows) : tf.zeros([0, numSteps], 'int32')) as tf.Tensor2D;
    const validLen = tf.notEqual(array, pad).cast('int32').sum(1) as tf.Tensor1D;
    return { array, validLen };
  });
}

/** The four arrays of d2l's load_data_nmt: sources and targets [n, numSteps] int32 with their valid lengths [n]. */
export interface NmtData {
  src: tf.Tensor2D;
  srcValidLen: tf.Tensor1D;
  tgt: tf.Tensor2D;
  tgtValidLen: tf.Tensor1D;
}

/** One minibatch, d2l's (X, X_valid_len, Y, Y_valid_len). */
export interface NmtBatch {
  X: tf.Tensor2D;
  XValidLen: tf.Tensor1D;
  Y: tf.Tensor2D;
  YValidLen: tf.Tensor1D;
}

/** d2l's load_data_nmt up to its arrays: preprocess, tokenize numExamples pairs, the two vocabularies, the arrays. */
export function nmtArrays(
  text: string,
  numSteps: number,
  numExamples?: number,
): { data: NmtData; srcVocab: Vocab; tgtVocab: Vocab } {
  checkPositiveInteger(numSteps, 'numSteps');
  const { source, target } = tokenizeNmt(preprocessNmt(text), numExamples);
  const srcVocab = nmtVocab(source);
  const tgtVocab = nmtVocab(target);
  const src = buildArrayNmt(source, srcVocab, numSteps);
  const tgt = buildArrayNmt(target, tgtVocab, numSteps);
  return {
    data: { src: src.array, srcValidLen: src.validLen, tgt: tgt.array, tgtValidLen: tgt.validLen },
    srcVocab,
    tgtVocab,
  };
}

/** The minibatches of one epoch: the examples in makeRng(seed)'s shuffled order, batchSize at a time. */
export function nmtBatches(data: NmtData, batchSize: number, seed: number): NmtBatch[] {
  checkPositiveInteger(batchSize, 'batchSize');
  const order = makeRng(seed).shuffle([...Array(data.src.shape[0]).keys()]);
  const batches: NmtBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
    batches.push({
      X: tf.gather(data.src, idx),
      XValidLen: tf.gather(data.srcValidLen, idx),
      Y: tf.gather(data.tgt, idx),
      YValidLen: tf.gather(data.tgtValidLen, idx),
    });
    idx.dispose();
  }
  return batches;
}

/** d2l's load_data_nmt(batch_size, num_steps, num_examples): one epoch's minibatches (seeded) and the two vocabularies. */
export function loadDataNmt(
  text: string,
  batchSize: number,
  numSteps: number,
  numExamples: number,
  seed: number,
): { batches: NmtBatch[]; srcVocab: Vocab; tgtVocab: Vocab } {
  checkPositiveInteger(batchSize, 'batchSize');
  const { data, srcVocab, tgtVocab } = nmtArrays(text, numSteps, numExamples);
  const batches = nmtBatches(data, batchSize, seed);
  tf.dispose(Object.values(data));
  return { batches, srcVocab, tgtVocab };
}
