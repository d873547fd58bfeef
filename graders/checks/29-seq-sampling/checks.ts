import * as fc from 'fast-check';
import * as ref from '../../../reference/29-seq-sampling';
import { dim } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import type { TensorData } from '../../lib/tensor-data';

type Iterator = 'seqDataIterRandom' | 'seqDataIterSequential';
interface Batch {
  X: number[][];
  Y: number[][];
}

/** The corpus 0, 1, ..., n - 1: each token says where it stands, so a minibatch shows where it was cut. */
const tagged = (n: number) => Array.from({ length: n }, (_, i) => i);

async function batches(
  s: Subject,
  fn: Iterator,
  corpus: number[],
  batchSize: number,
  numSteps: number,
  seed: number,
): Promise<Batch[]> {
  const out = await s.call(fn, corpus, batchSize, numSteps, seed);
  if (!Array.isArray(out)) throw new CheckFailure(`${fn} should be a generator of [X, Y] minibatches`);
  return out.map((b, k) => {
    ensure(Array.isArray(b) && b.length === 2, `minibatch ${k} of ${fn} should be a pair [X, Y]`);
    const [X, Y] = [0, 1].map((i) =>
      expectTensor(b[i], `${i ? 'Y' : 'X'} of minibatch ${k}`, [batchSize, numSteps]),
    ) as [TensorData, TensorData];
    ensure(
      X.dtype === 'int32' && Y.dtype === 'int32',
      `minibatch ${k} holds ${X.dtype} tensors: token indices are int32`,
    );
    return { X: X.rows(), Y: Y.rows() };
  });
}

const show = (v: unknown) => JSON.stringify(v);
const seed = fc.integer({ min: 0, max: 2 ** 30 });

/** Sizes where several minibatches come out; the corpus at least one subsequence long. */
const sizes = fc
  .record({ n: dim(2, 120), batchSize: dim(1, 4), numSteps: dim(1, 6), seed })
  .filter(({ n, numSteps }) => n >= numSteps + 1);

function expectShiftedRuns(bs: Batch[], fn: Iterator): void {
  bs.forEach(({ X, Y }, k) =>
    X.forEach((row, r) => {
      ensure(
        row.every((x, t) => x === row[0]! + t),
        `row ${r} of X in minibatch ${k} of ${fn} is ${show(row)}: not consecutive tokens of the corpus`,
      );
      ensure(
        Y[r]!.every((y, t) => y === row[t]! + 1),
        `row ${r} of minibatch ${k}: X = ${show(row)} but Y = ${show(Y[r])}; the labels are the inputs shifted one token on`,
      );
    }),
  );
}

/** 100 seeds per run: an offset of probability 1/k (k <= 5) is missed with probability (1 - 1/k)^100 <= 2e-10. */
const SEEDS = 100;

async function offsetsSeen(
  s: Subject,
  fn: Iterator,
  numSteps: number,
  n: number,
  batchSize: number,
  first: number,
): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let k = 0; k < SEEDS; k++) {
    const bs = await batches(s, fn, tagged(n), batchSize, numSteps, first + k);
    seen.add(Math.min(...bs.map((b) => Math.min(...b.X.map((row) => row[0]!)))));
  }
  return seen;
}

const exactly = (seen: Set<number>, hi: number) =>
  [...seen].sort((a, b) => a - b).join() === Array.from({ length: hi + 1 }, (_, i) => i).join();

function expectSameAsReference(
  got: Batch[],
  expected: [import('@tensorflow/tfjs').Tensor2D, import('@tensorflow/tfjs').Tensor2D][],
  fn: string,
): void {
  const want = expected.map(([X, Y]) => ({ X: X.arraySync(), Y: Y.arraySync() }));
  expected.flat().forEach((t) => t.dispose());
  ensure(got.length === want.length, `${fn} yielded ${got.length} minibatches, the reference ${want.length}`);
  const k = got.findIndex((b, i) => show(b) !== show(want[i]));
  ensure(k < 0, `minibatch ${k} of ${fn} is ${show(got[k])}, the reference's ${show(want[k])}`);
}

export default defineExercise({
  id: '29-seq-sampling',
  title: 'Random sampling and sequential partitioning of a long sequence',
  file: 'seq-sampling.ts',
  checks: [
    property(
      'random sampling: each label row is its input row shifted one token on',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        expectShiftedRuns(
          await batches(s, 'seqDataIterRandom', tagged(n), batchSize, numSteps, sd),
          'seqDataIterRandom',
        );
      },
    ),
    property(
      'random sampling covers the corpus: disjoint subsequences, all cut at one offset, as many full batches as fit',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        const starts = (await batches(s, 'seqDataIterRandom', tagged(n), batchSize, numSteps, sd)).flatMap((b) =>
          b.X.map((row) => row[0]!),
        );
        const offset = starts.length ? Math.min(...starts) % numSteps : 0;
        ensure(
          starts.every((j) => (j - offset) % numSteps === 0),
          `the subsequences start at ${show(starts)}: they overlap or are cut at different offsets (numSteps ${numSteps})`,
        );
        ensure(
          new Set(starts).size === starts.length,
          `the subsequence starting at ${starts.find((j, i) => starts.indexOf(j) !== i)} comes out twice`,
        );
        const numSubseqs = Math.floor((n - offset - 1) / numSteps);
        const expected = Math.floor(numSubseqs / batchSize) * batchSize;
        ensure(
          starts.length === expected ||
            (starts.length === 0 && Math.floor(Math.floor((n - numSteps) / numSteps) / batchSize) === 0),
          `${starts.length} subsequences came out of a corpus of ${n} tokens cut at offset ${offset}; ⌊(n − offset − 1) / numSteps⌋ = ${numSubseqs} fit, in ${expected / batchSize} full batches of ${batchSize}`,
        );
      },
    ),
    property(
      "random sampling's offset is uniform in [0, numSteps − 1], and the subsequences are shuffled",
      fc.record({ numSteps: dim(2, 5), first: seed }),
      async (s, { numSteps, first }) => {
        // With one subsequence per batch every subsequence comes out: the first starts at the offset.
        const seen = await offsetsSeen(s, 'seqDataIterRandom', numSteps, 2 * numSteps + 1, 1, first);
        ensure(
          exactly(seen, numSteps - 1),
          `over ${SEEDS} seeds the offsets drawn were {${[...seen].sort((a, b) => a - b)}}; d2l draws random.randint(0, num_steps − 1), here {0, …, ${numSteps - 1}}`,
        );
        // A fair shuffle of 5 or more starts keeps them in order with probability 1/120 per seed.
        const orders = await Promise.all(
          [0, 1, 2].map((k) => batches(s, 'seqDataIterRandom', tagged(6 * numSteps + 1), 1, numSteps, first + k)),
        );
        ensure(
          orders.some((bs) => bs.some((b, i) => i > 0 && b.X[0]![0]! < bs[i - 1]!.X[0]![0]!)),
          'the subsequences come out in corpus order for three seeds: shuffle their starts',
        );
      },
      { numRuns: 3 },
    ),
    reference(
      'random sampling matches the reference for the same seed (rng.int for the offset, then rng.shuffle)',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        // Seed 0 every time: makeRng takes it as any other seed (unlike tf.randomNormal).
        for (const seed of [sd, 0])
          expectSameAsReference(
            await batches(s, 'seqDataIterRandom', tagged(n), batchSize, numSteps, seed),
            [...ref.seqDataIterRandom(tagged(n), batchSize, numSteps, seed)],
            `seqDataIterRandom (seed ${seed})`,
          );
      },
    ),
    property(
      'sequential partitioning: labels are the inputs shifted one token on',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        expectShiftedRuns(
          await batches(s, 'seqDataIterSequential', tagged(n), batchSize, numSteps, sd),
          'seqDataIterSequential',
        );
      },
    ),
    property(
      'sequential partitioning: row b of each minibatch continues row b of the one before, rows of ⌊(n − offset − 1) / batchSize⌋ tokens',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        const bs = await batches(s, 'seqDataIterSequential', tagged(n), batchSize, numSteps, sd);
        if (bs.length === 0) {
          ensure(
            Math.floor((n - numSteps - 1) / batchSize) < numSteps,
            `no minibatch came out of ${n} tokens, batchSize ${batchSize}, numSteps ${numSteps}`,
          );
          return;
        }
        const offset = bs[0]!.X[0]![0]!;
        const rowLength = Math.floor((n - offset - 1) / batchSize);
        bs[0]!.X.forEach((row, r) =>
          ensure(
            row[0] === offset + r * rowLength,
            `row ${r} of the first minibatch starts at token ${row[0]}, expected ${offset + r * rowLength} (offset ${offset}, rows of ${rowLength} tokens)`,
          ),
        );
        bs.forEach(
          (b, k) =>
            k > 0 &&
            b.X.forEach((row, r) =>
              ensure(
                row[0] === bs[k - 1]!.X[r]!.at(-1)! + 1,
                `row ${r} of minibatch ${k} starts at token ${row[0]}, but row ${r} of minibatch ${k - 1} ended at ${bs[k - 1]!.X[r]!.at(-1)}: consecutive minibatches must be adjacent`,
              ),
            ),
        );
        ensure(
          bs.length === Math.floor(rowLength / numSteps),
          `${bs.length} minibatches came out of rows of ${rowLength} tokens; ⌊${rowLength} / ${numSteps}⌋ = ${Math.floor(rowLength / numSteps)} fit`,
        );
      },
    ),
    property(
      "sequential partitioning's offset is uniform in [0, numSteps]",
      fc.record({ numSteps: dim(1, 4), batchSize: dim(1, 3), first: seed }),
      async (s, { numSteps, batchSize, first }) => {
        // Long enough for a minibatch at every offset.
        const seen = await offsetsSeen(
          s,
          'seqDataIterSequential',
          numSteps,
          (batchSize + 1) * numSteps + 1,
          batchSize,
          first,
        );
        ensure(
          exactly(seen, numSteps),
          `over ${SEEDS} seeds the offsets drawn were {${[...seen].sort((a, b) => a - b)}}; d2l draws random.randint(0, num_steps), here {0, …, ${numSteps}}`,
        );
      },
      { numRuns: 3 },
    ),
    reference(
      'sequential partitioning matches the reference for the same seed',
      sizes,
      async (s, { n, batchSize, numSteps, seed: sd }) => {
        for (const seed of [sd, 0])
          expectSameAsReference(
            await batches(s, 'seqDataIterSequential', tagged(n), batchSize, numSteps, seed),
            [...ref.seqDataIterSequential(tagged(n), batchSize, numSteps, seed)],
            `seqDataIterSequential (seed ${seed})`,
          );
      },
    ),
    example(
      'a corpus of numSteps + 1 tokens is long enough (one subsequence and its label, at offset 0): no error, and the reference’s minibatches for seeds 0 to 5',
      async (s) => {
        for (const fn of ['seqDataIterRandom', 'seqDataIterSequential'] as const) {
          for (const [numSteps, batchSize] of [
            [4, 1],
            [1, 1],
            [3, 2],
          ] as const) {
            for (let seed = 0; seed < 6; seed++) {
              const reference = fn === 'seqDataIterRandom' ? ref.seqDataIterRandom : ref.seqDataIterSequential;
              expectSameAsReference(
                await batches(s, fn, tagged(numSteps + 1), batchSize, numSteps, seed),
                [...reference(tagged(numSteps + 1), batchSize, numSteps, seed)],
                `${fn}(0 … ${numSteps}, ${batchSize}, ${numSteps}, ${seed})`,
              );
            }
          }
        }
      },
    ),
    rejects(
      'a corpus shorter than numSteps + 1 tokens (numSteps tokens, fewer, or none) gets a SequenceTooShortError saying how long it is and needs to be',
      async (s) => {
        for (const fn of ['seqDataIterRandom', 'seqDataIterSequential'] as const) {
          for (const [n, numSteps] of [
            [5, 5],
            [10, 12],
            [1, 1],
          ]) {
            await s.rejects(
              fn,
              [tagged(n!), 2, numSteps, 0],
              new RegExp(`^(?=.*\\b${n}\\b)(?=.*\\b${numSteps! + 1}\\b)`, 's'),
              `when numSteps = ${numSteps} and the corpus has ${n} tokens (saying how many it has, and needs)`,
              'SequenceTooShortError',
            );
          }
          await s.rejects(
            fn,
            [[], 1, 3, 0],
            /\b0\b/,
            'when the corpus is empty (saying it has 0 tokens)',
            'SequenceTooShortError',
          );
        }
      },
    ),
    rejects('a batchSize or numSteps below 1 or fractional gets a HyperparameterError naming it', async (s) => {
      for (const fn of ['seqDataIterRandom', 'seqDataIterSequential'] as const) {
        for (const [batchSize, numSteps, name] of [
          [0, 3, 'batchSize'],
          [1.5, 3, 'batchSize'],
          [2, 0, 'numSteps'],
          [2, -1, 'numSteps'],
          [2, 2.5, 'numSteps'],
        ] as const) {
          await s.rejects(
            fn,
            [tagged(40), batchSize, numSteps, 1],
            new RegExp(name),
            `for batchSize = ${batchSize} and numSteps = ${numSteps}`,
            'HyperparameterError',
          );
        }
      }
    }),
  ],
});
