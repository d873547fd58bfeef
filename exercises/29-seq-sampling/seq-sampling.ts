import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, SequenceTooShortError } from 'd2l-ts/reference/errors';
import { makeRng } from 'd2l-ts/reference/random';

/**
 * d2l's seq_data_iter_random (随机采样): minibatches of random subsequences of a long corpus.
 *   1. rng = makeRng(seed); drop the first offset = rng.int(numSteps) tokens (uniform in
 *      [0, numSteps - 1], Python's random.randint(0, num_steps - 1)), so every pass cuts differently;
 *   2. cut the rest into numSubseqs = ⌊(length − 1) / numSteps⌋ subsequences of numSteps tokens
 *      (the −1 leaves room for the last label) and shuffle their start positions with rng.shuffle;
 *   3. yield [X, Y] for each full batch of batchSize starts (a last, partial batch is dropped):
 *      X [batchSize, numSteps] the subsequences, Y the same shifted one token on (the labels),
 *      both int32 tensors.
 * Consecutive minibatches are not adjacent in the corpus. batchSize and numSteps must be whole
 * numbers ≥ 1: otherwise throw a HyperparameterError naming the one that is not. A corpus shorter
 * than numSteps + 1 tokens (numSteps tokens included) holds no subsequence with its label: throw a
 * SequenceTooShortError saying how many tokens it has and needs. A corpus long enough for a
 * subsequence but not a batch yields nothing. Leave the caller's corpus as it is.
 */
export function* seqDataIterRandom(
  corpus: number[],
  batchSize: number,
  numSteps: number,
  seed: number,
): Generator<[tf.Tensor2D, tf.Tensor2D]> {
  throw new Error('Not implemented: seqDataIterRandom (29-seq-sampling). The task is in exercises/29-seq-sampling/README.md');
}

/**
 * d2l's seq_data_iter_sequential (顺序分区): minibatches whose rows continue one another.
 *   1. drop the first offset = makeRng(seed).int(numSteps + 1) tokens (uniform in [0, numSteps],
 *      Python's random.randint(0, num_steps));
 *   2. take numTokens = ⌊(length − offset − 1) / batchSize⌋ · batchSize tokens as X and the same
 *      shifted by one as Y, each laid out as batchSize rows of numTokens / batchSize;
 *   3. yield [X[:, i : i + numSteps], Y[:, i : i + numSteps]] for i = 0, numSteps, 2 numSteps, ...
 *      while a full numSteps columns remain, as int32 tensors [batchSize, numSteps].
 * Row b of each minibatch continues row b of the one before. Bad sizes and too short a corpus:
 * as above.
 */
export function* seqDataIterSequential(
  corpus: number[],
  batchSize: number,
  numSteps: number,
  seed: number,
): Generator<[tf.Tensor2D, tf.Tensor2D]> {
  throw new Error('Not implemented: seqDataIterSequential (29-seq-sampling). The task is in exercises/29-seq-sampling/README.md');
}
