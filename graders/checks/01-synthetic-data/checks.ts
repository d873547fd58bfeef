import * as fc from 'fast-check';
import { dim, float32 } from '../../lib/arbitraries';
import { defineExercise, example, property } from '../../lib/checks';
import { expectTensor } from '../../lib/compare';
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

const iterArgs = fc.record({ n: dim(1, 60), batchSize: dim(1, 16), seed: fc.integer({ min: 0, max: 2 ** 30 }) });

/** A true weight vector and bias (away from 0: a zero bias cannot tell "adds b" from "forgets b"). */
const dataArgs = fc.record({
  w: fc.array(float32({ min: -5, max: 5, awayFromZero: 0.1 }), { minLength: 1, maxLength: 4 }),
  b: float32({ min: -5, max: 5, awayFromZero: 0.1 }),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
});
const N = 2000;

async function synthetic(s: Subject, w: number[], b: number, n: number, seed: number) {
  const out = (await s.call('syntheticData', TensorData.float([w.length], w), b, n, seed)) as {
    X?: unknown;
    y?: unknown;
  } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('syntheticData should return an object { X, y }');
  return { X: expectTensor(out.X, 'X', [n, w.length]), y: expectTensor(out.y, 'y', [n, 1]) };
}

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
    property(
      'batches have batchSize rows, except a smaller last one with the rest',
      iterArgs,
      async (s, { n, batchSize, seed }) => {
        const sizes = (await batchIndices(s, batchSize, n, seed)).map((b) => b.length);
        const expected = Array.from({ length: Math.ceil(n / batchSize) }, (_, k) =>
          Math.min(batchSize, n - k * batchSize),
        );
        ensure(
          sizes.join() === expected.join(),
          `with n = ${n} and batchSize = ${batchSize} the batch sizes are [${sizes}], expected [${expected}]`,
        );
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
        const a = (await batchIndices(s, batchSize, n, seed)).flat();
        ensure(
          a.some((i, k) => i !== k),
          `the examples come out in their original order 0, 1, 2, … (n = ${n}): shuffle them`,
        );
        const b = (await batchIndices(s, batchSize, n, seed + 1)).flat();
        ensure(a.join() !== b.join(), `seeds ${seed} and ${seed + 1} gave the same order`);
      },
    ),
    property(
      'syntheticData returns X of shape [n, len(w)] and y of shape [n, 1]',
      fc.tuple(dataArgs, dim(1, 50)),
      async (s, [{ w, b, seed }, n]) => {
        await synthetic(s, w, b, n, seed);
      },
    ),
    property(
      'y - Xw - b is noise with mean 0 and standard deviation 0.01',
      dataArgs,
      async (s, { w, b, seed }) => {
        const { X, y } = await synthetic(s, w, b, N, seed);
        const resid = X.rows().map((row, i) => y.values[i]! - row.reduce((acc, x, j) => acc + x * w[j]!, 0) - b);
        const { mean, std } = moments(resid);
        ensure(
          Math.abs(mean) <= meanBound(0.01, N),
          `the noise y - Xw - b has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(0.01, N))})`,
        );
        ensure(
          Math.abs(std / 0.01 - 1) <= stdRelBound(N),
          `the noise y - Xw - b has standard deviation ${formatNumber(std)}, expected 0.01 (±${formatNumber(stdRelBound(N) * 100)}%)`,
        );
      },
      { numRuns: 5 },
    ),
    property(
      'the features X are standard normal',
      dataArgs,
      async (s, { w, b, seed }) => {
        const { X } = await synthetic(s, w, b, N, seed);
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
    example(
      'seed 0 is a seed too: two calls with seed 0 give the same data (tfjs treats a seed of 0 as none)',
      async (s) => {
        const a = await synthetic(s, [2, -3.4], 4.2, 20, 0);
        const b = await synthetic(s, [2, -3.4], 4.2, 20, 0);
        ensure(
          a.X.values.every((x, i) => x === b.X.values[i]) && a.y.values.every((x, i) => x === b.y.values[i]),
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
          a.X.values.every((x, i) => x === again.X.values[i]) && a.y.values.every((x, i) => x === again.y.values[i]),
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
  ],
});
