import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, SequenceTooShortError } from './errors';
import { makeRng } from './random';

/** Whole sizes >= 1, and a corpus of a subsequence and its label at least. */
function longEnough(corpus: readonly number[], numSteps: number, batchSize: number): void {
  for (const [name, v] of [
    ['batchSize', batchSize],
    ['numSteps', numSteps],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
  if (corpus.length < numSteps + 1) {
    throw new SequenceTooShortError(
      `num_steps = ${numSteps} needs a corpus of at least ${numSteps + 1} tokens (a subsequence and its label, shifted by one), but it has ${corpus.length}`,
    );
  }
}

/**
 * d2l's seq_data_iter_random: drop the first `offset` tokens (offset = rng.int(numSteps), uniform
 * in [0, numSteps - 1]), cut the rest into subsequences of numSteps tokens, shuffle their starts
 * (rng.shuffle) and yield them batchSize at a time with their labels, shifted by one token.
 */
export function* seqDataIterRandom(
  corpus: readonly number[],
  batchSize: number,
  numSteps: number,
  seed: number,
): Generator<[tf.Tensor2D, tf.Tensor2D]> {
  longEnough(corpus, numSteps, batchSize);
  const rng = makeRng(seed);
  const offset = rng.int(numSteps);
  const numSubseqs = Math.floor((corpus.length - offset - 1) / numSteps);
  const starts = rng.shuffle(Array.from({ length: numSubseqs }, (_, i) => offset + i * numSteps));
  const all = tf.tensor1d(corpus as number[], 'int32');
  try {
    for (let i = 0; i + batchSize <= numSubseqs; i += batchSize) {
      const batch = starts.slice(i, i + batchSize);
      yield tf.tidy(() => {
        // Row b of the batch reads the positions batch[b], batch[b] + 1, ..., batch[b] + numSteps - 1.
        const pos = tf.tensor2d(batch, [batchSize, 1], 'int32').add(tf.range(0, numSteps, 1, 'int32').expandDims(0));
        return [
          tf.gather(all, pos).as2D(batchSize, numSteps),
          tf.gather(all, pos.add(tf.scalar(1, 'int32'))).as2D(batchSize, numSteps),
        ];
      });
    }
  } finally {
    all.dispose();
  }
}

/**
 * d2l's seq_data_iter_sequential: drop offset = rng.int(numSteps + 1) tokens (uniform in
 * [0, numSteps]), lay the next whole multiple of batchSize tokens out as batchSize rows, and walk
 * along the rows numSteps columns at a time: row b of one batch continues row b of the last.
 */
export function* seqDataIterSequential(
  corpus: readonly number[],
  batchSize: number,
  numSteps: number,
  seed: number,
): Generator<[tf.Tensor2D, tf.Tensor2D]> {
  longEnough(corpus, numSteps, batchSize);
  const offset = makeRng(seed).int(numSteps + 1);
  const numTokens = Math.floor((corpus.length - offset - 1) / batchSize) * batchSize;
  const [Xs, Ys] = tf.tidy(() => {
    const all = tf.tensor1d(corpus as number[], 'int32');
    return [
      all.slice(offset, numTokens).reshape([batchSize, -1]),
      all.slice(offset + 1, numTokens).reshape([batchSize, -1]),
    ] as tf.Tensor2D[];
  });
  try {
    const numBatches = Math.floor(Xs!.shape[1] / numSteps);
    for (let i = 0; i < numBatches * numSteps; i += numSteps) {
      yield [Xs!.slice([0, i], [batchSize, numSteps]), Ys!.slice([0, i], [batchSize, numSteps])];
    }
  } finally {
    tf.dispose([Xs!, Ys!]);
  }
}
