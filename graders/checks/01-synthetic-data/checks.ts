import * as fc from 'fast-check';
import { shuffledOrder } from '../../../reference/01-synthetic-data';
import { dim, float32 } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { correlation, correlationBound, statedNormal } from '../../lib/draws';
import { CheckFailure, ensure } from '../../lib/failure';
import { meanBound, moments, stdRelBound } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

/** X with row i = [i, -i] and y with row i = [i + 0.5]: each batch row tells which example it is. */
function tagged(n: number): { X: TensorData; y: TensorData } {
  return {
    X: TensorData.float([n, 2], Array.from({ length: n }, (_, i) => [i, -i]).flat()),
    y: TensorData.float(
      [n, 1],
      Array.from({ length: n }, (_, i) => i + 0.5),
    ),
  };
}

/** Calls dataIter and returns, per batch, the example indices of its X rows (checking its y rows agree). */
async function batchIndices(s: Subject, batchSize: number, n: number, seed: number): Promise<number[][]> {
  const { X, y } = tagged(n);
  const out = await s.call('dataIter', batchSize, X, y, seed);
  if (!Array.isArray(out)) throw new CheckFailure(`dataIter should yield minibatches, but its result is not iterable`);
  return out.map((batch, k) => {
    ensure(Array.isArray(batch) && batch.length === 2, `batch ${k} should be a pair [X_batch, y_batch]`);
    const xb = expectTensor(batch[0], `X of batch ${k}`);
    const yb = expectTensor(batch[1], `y of batch ${k}`);
    ensure(xb.rank === 2 && xb.shape[1] === 2, `X of batch ${k} has shape [${xb.shape}], expected [rows, 2]`);
    ensure(
      yb.rank === 2 && yb.shape[1] === 1 && yb.shape[0] === xb.shape[0],
      `y of batch ${k} has shape [${yb.shape}], expected [${xb.shape[0]}, 1]`,
    );
    return xb.rows().map((row, r) => {
      const i = row[0]!;
      ensure(
        Number.isInteger(i) && i >= 0 && i < n && row[1] === -i,
        `row ${r} of X in batch ${k} is [${row}], which is not a row of X`,
      );
      ensure(
        yb.values[r] === i + 0.5,
        `batch ${k} pairs example ${i} of X with label ${formatNumber(yb.values[r]!)}, which belongs to another example`,
      );
      return i;
    });
  });
}

/** The examples of one pass in the order they came out, after checking each came out once. */
async function order(s: Subject, batchSize: number, n: number, seed: number): Promise<number[]> {
  const seen = (await batchIndices(s, batchSize, n, seed)).flat();
  ensure(
    seen.length === n && new Set(seen).size === n,
    `one pass of dataIter gave ${seen.length} rows (${new Set(seen).size} distinct examples) for n = ${n} examples (batchSize ${batchSize})`,
  );
  return seen;
}

const iterArgs = fc.record({ n: dim(1, 60), batchSize: dim(1, 16), seed: fc.integer({ min: 0, max: 2 ** 30 }) });

/** A true weight vector and bias (away from 0: a zero bias cannot tell "adds b" from "forgets b"). */
const dataArgs = fc.record({
  w: fc.array(float32({ min: -5, max: 5, awayFromZero: 0.1 }), { minLength: 1, maxLength: 4 }),
  b: float32({ min: -5, max: 5, awayFromZero: 0.1 }),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
});
const N = 2000;

/** Calls syntheticData; checks the shape of X, and of y unless only X is asked for. */
async function synthetic(s: Subject, w: number[], b: number, n: number, seed: number, only?: 'X') {
  const out = (await s.call('syntheticData', TensorData.float([w.length], w), b, n, seed)) as {
    X?: unknown;
    y?: unknown;
  } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('syntheticData should return an object { X, y }');
  const X = expectTensor(out.X, 'X', [n, w.length]);
  if (only === 'X') return { X, y: undefined };
  return { X, y: expectTensor(out.y, 'y', [n, 1]) };
}

/** The residual y - Xw - b of each example, in float64. */
const residuals = (X: TensorData, y: TensorData, w: number[], b: number) =>
  X.rows().map((row, i) => y.values[i]! - row.reduce((acc, x, j) => acc + x * w[j]!, 0) - b);

export default defineExercise({
  id: '01-synthetic-data',
  title: 'Synthetic data and a minibatch iterator',
  file: 'synthetic-data.ts',
  checks: [
    property(
      'dataIter yields every example exactly once per pass, each with its own label',
      iterArgs,
      async (s, { n, batchSize, seed }) => {
        const seen = (await batchIndices(s, batchSize, n, seed)).flat();
        const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.includes(i));
        ensure(
          missing.length === 0,
          `examples ${missing.slice(0, 10).join(', ')} never appear (n = ${n}, batchSize = ${batchSize})`,
        );
        ensure(seen.length === n, `${seen.length} rows came out for ${n} examples: some appear twice`);
      },
    ),
    // Each run also tries batchSize = n and n + 3, where all n examples make one batch.
    property(
      'batches have batchSize rows, except a smaller last one with the rest; batchSize >= n gives one batch',
      iterArgs,
      async (s, { n, batchSize, seed }) => {
        for (const bs of [batchSize, n, n + 3]) {
          const sizes = (await batchIndices(s, bs, n, seed)).map((b) => b.length);
          const expected = Array.from({ length: Math.ceil(n / bs) }, (_, k) => Math.min(bs, n - k * bs));
          ensure(
            sizes.join() === expected.join(),
            `with n = ${n} and batchSize = ${bs} the batch sizes are [${sizes}], expected [${expected}]`,
          );
        }
      },
    ),
    property('the same seed gives the same batches', iterArgs, async (s, { n, batchSize, seed }) => {
      const a = (await batchIndices(s, batchSize, n, seed)).flat();
      const b = (await batchIndices(s, batchSize, n, seed)).flat();
      ensure(
        a.join() === b.join(),
        `two passes with seed ${seed} gave different orders: [${a.slice(0, 12)}…] and [${b.slice(0, 12)}…]`,
      );
    }),
    // With n >= 10, a fair shuffle keeps the original order, or repeats another seed's order,
    // with probability 1/n! <= 2.8e-7 per run.
    property(
      'the order is shuffled: not the original one, and different for another seed',
      fc.record({ n: dim(10, 60), batchSize: dim(1, 16), seed: fc.integer({ min: 0, max: 2 ** 30 }) }),
      async (s, { n, batchSize, seed }) => {
        const a = await order(s, batchSize, n, seed);
        ensure(
          a.some((i, k) => i !== k),
          `the examples come out in their original order 0, 1, 2, … (n = ${n}): shuffle them`,
        );
        const b = await order(s, batchSize, n, seed + 1);
        ensure(a.join() !== b.join(), `seeds ${seed} and ${seed + 1} gave the same order`);
      },
    ),
    reference(
      'dataIter visits the examples in the order makeRng(seed).shuffle gives, as the task states',
      iterArgs,
      async (s, { n, batchSize, seed }) => {
        const got = await order(s, batchSize, n, seed);
        const expected = shuffledOrder(n, seed);
        const k = got.findIndex((i, j) => i !== expected[j]);
        ensure(
          k < 0,
          `with seed ${seed}, example ${got[k]} comes out in position ${k}; makeRng(${seed}).shuffle of 0 … ${n - 1} puts example ${expected[k]} there`,
          [
            `expected order [${expected.slice(0, 20)}${n > 20 ? ', …' : ''}]`,
            `got      [${got.slice(0, 20)}${n > 20 ? ', …' : ''}]`,
          ],
        );
      },
    ),
    property(
      'syntheticData returns X of shape [n, len(w)] and y of shape [n, 1]',
      fc.tuple(dataArgs, dim(1, 50)),
      async (s, [{ w, b, seed }, n]) => {
        await synthetic(s, w, b, n, seed);
      },
    ),
    // The spread first: noise of the wrong spread has a mean that strays by as much, and the
    // message should name the spread.
    property(
      'y - Xw - b is noise with standard deviation 0.01 and mean 0',
      dataArgs,
      async (s, { w, b, seed }) => {
        const { X, y } = await synthetic(s, w, b, N, seed);
        const { mean, std } = moments(residuals(X, y!, w, b));
        ensure(
          Math.abs(std / 0.01 - 1) <= stdRelBound(N),
          `the noise y - Xw - b has standard deviation ${formatNumber(std)}, expected 0.01 (±${formatNumber(stdRelBound(N) * 100)}%)`,
        );
        ensure(
          Math.abs(mean) <= meanBound(0.01, N),
          `the noise y - Xw - b has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(0.01, N))})`,
        );
      },
      { numRuns: 5 },
    ),
    property(
      'the features X are standard normal',
      dataArgs,
      async (s, { w, b, seed }) => {
        const { X } = await synthetic(s, w, b, N, seed, 'X');
        const { mean, std } = moments(X.values);
        ensure(
          Math.abs(mean) <= meanBound(1, X.size),
          `X has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(1, X.size))})`,
        );
        ensure(
          Math.abs(std - 1) <= stdRelBound(X.size),
          `X has standard deviation ${formatNumber(std)}, expected 1 (±${formatNumber(stdRelBound(X.size))})`,
        );
      },
      { numRuns: 5 },
    ),
    // Noise drawn from the features' own draw (the same seed) has the right mean and spread and
    // still is no noise: with one feature it is 0.01 X itself. So each run also tries one feature.
    property(
      'the noise is independent of the features: uncorrelated with every column of X',
      dataArgs,
      async (s, { w, b, seed }) => {
        for (const ws of [w, w.slice(0, 1)]) {
          const { X, y } = await synthetic(s, ws, b, N, seed);
          const noise = residuals(X, y!, ws, b);
          const bound = correlationBound(N);
          ws.forEach((_, j) => {
            const r = correlation(
              X.rows().map((row) => row[j]!),
              noise,
            );
            ensure(
              Math.abs(r) <= bound,
              `with ${ws.length} feature${ws.length === 1 ? '' : 's'}, the noise y - Xw - b has correlation ${formatNumber(r)} with column ${j} of X, expected 0 (±${formatNumber(bound)}): draw it independently of X`,
            );
          });
        }
      },
      { numRuns: 5 },
    ),
    example(
      'seed 0 is a seed too: two calls with seed 0 give the same data (tfjs treats a seed of 0 as none)',
      async (s) => {
        const a = await synthetic(s, [2, -3.4], 4.2, 20, 0);
        const b = await synthetic(s, [2, -3.4], 4.2, 20, 0);
        ensure(
          a.X.values.every((x, i) => x === b.X.values[i]) && a.y!.values.every((x, i) => x === b.y!.values[i]),
          'two calls of syntheticData with seed 0 gave different data',
        );
      },
    ),
    property(
      'syntheticData with the same seed gives the same data, with another seed other data',
      fc.tuple(dataArgs, dim(2, 30)),
      async (s, [{ w, b, seed }, n]) => {
        const a = await synthetic(s, w, b, n, seed);
        const again = await synthetic(s, w, b, n, seed);
        ensure(
          a.X.values.every((x, i) => x === again.X.values[i]) && a.y!.values.every((x, i) => x === again.y!.values[i]),
          `two calls with seed ${seed} gave different data`,
        );
        const other = await synthetic(s, w, b, n, seed + 2);
        ensure(
          a.X.values.some((x, i) => x !== other.X.values[i]),
          `seeds ${seed} and ${seed + 2} gave the same X`,
        );
      },
      { numRuns: 10 },
    ),
    // The task states the draw: X = tf.randomNormal([n, d], 0, 1, 'float32', seed + 1), and the noise
    // tf.randomNormal([n, 1], 0, 0.01, 'float32', seed + 2), made here with tfjs. y is then compared
    // in float64: its float32 rounding (a sum of d + 2 terms) stays below 4e-7 of the sum of their
    // magnitudes, so 1e-6 of it is allowed; any other noise is off by about 0.01.
    reference(
      'syntheticData draws X with tf.randomNormal(seed + 1) and the noise with seed + 2, as the task states',
      fc.tuple(dataArgs, dim(1, 40)),
      async (s, [{ w, b, seed }, n]) => {
        const { X, y } = await synthetic(s, w, b, n, seed);
        expectClose(X, await statedNormal([n, w.length], 0, 1, seed + 1), `X for seed ${seed}`);
        const noise = await statedNormal([n, 1], 0, 0.01, seed + 2);
        X.rows().forEach((row, i) => {
          const terms = [...row.map((x, j) => x * w[j]!), b, noise.values[i]!];
          const expected = terms.reduce((acc, t) => acc + t, 0);
          const allowed = 1e-6 * terms.reduce((acc, t) => acc + Math.abs(t), 0);
          const got = y!.values[i]!;
          ensure(
            Math.abs(got - expected) <= allowed,
            `y[${i}] for seed ${seed} is ${formatNumber(got)}, expected X[${i}] w + b + ε[${i}] = ${formatNumber(expected)} with ε = tf.randomNormal([${n}, 1], 0, 0.01, 'float32', seed + 2) (off by ${formatNumber(Math.abs(got - expected))})`,
          );
        });
      },
      { numRuns: 10 },
    ),
    example('the edges are valid: one example, seed 0, a batch size of 1, a batch size larger than n', async (s) => {
      await synthetic(s, [1.5], -2, 1, 0);
      const sizes = async (bs: number, n: number) => (await batchIndices(s, bs, n, 7)).map((b) => b.length).join();
      for (const [bs, n, expected] of [
        [1, 3, '1,1,1'],
        [1, 1, '1'],
        [5, 1, '1'],
        [4, 3, '3'],
      ] as const) {
        const got = await sizes(bs, n);
        ensure(
          got === expected,
          `dataIter with batchSize ${bs} on ${n} example${n === 1 ? '' : 's'} gave batches of [${got}] rows, expected [${expected}]`,
        );
      }
    }),
    rejects(
      'a numExamples or batchSize that is not a positive integer, or a negative seed, gives a HyperparameterError',
      async (s) => {
        const w = TensorData.float([2], [2, -3.4]);
        for (const n of [0, -3, 2.5])
          await s.rejects(
            'syntheticData',
            [w, 4.2, n, 1],
            /numExamples|examples/i,
            `when numExamples = ${n}`,
            'HyperparameterError',
          );
        // seed = -1 is where seed + 1 becomes the 0 that tfjs ignores.
        for (const seed of [-1, 0.5])
          await s.rejects('syntheticData', [w, 4.2, 5, seed], /seed/i, `when seed = ${seed}`, 'HyperparameterError');
        const { X, y } = tagged(4);
        // 1.5 first: an iterator that checks nothing loops for ever on 0 and -1, but not on 1.5.
        for (const bs of [1.5, 0, -1])
          await s.rejects('dataIter', [bs, X, y, 1], /batch/i, `when batchSize = ${bs}`, 'HyperparameterError');
      },
    ),
  ],
});
