import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/11-kfold';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor } from '../../lib/tf-interop';

/** n examples and a K with 2 <= K <= n. */
const nk = fc
  .integer({ min: 2, max: 60 })
  .chain((n) => fc.record({ n: fc.constant(n), k: fc.integer({ min: 2, max: Math.min(n, 12) }) }));

async function folds(s: Subject, n: number, k: number): Promise<number[][]> {
  const out = await s.call('kFoldIndices', n, k);
  ensure(
    Array.isArray(out) && out.length === k,
    `kFoldIndices(${n}, ${k}) should return ${k} folds (arrays of indices)`,
  );
  return (out as unknown[]).map((f, j) => {
    ensure(
      Array.isArray(f) && f.every((i) => Number.isInteger(i)),
      `fold ${j} of kFoldIndices(${n}, ${k}) should be an array of example indices`,
    );
    return f as number[];
  });
}

/** A pattern that matches a message mentioning every one of `parts` (regular expressions), in any order. */
const mentions = (...parts: string[]) => new RegExp(parts.map((p) => `(?=[\\s\\S]*${p})`).join(''));

const show = (f: number[][]) => `[${f.map((x) => `[${x.length > 8 ? `${x.slice(0, 8)},…` : x}]`).join(', ')}]`;

/** X with row t = [t, -t] and y with row t = t + 0.5: every output row tells which example it is. */
function tagged(n: number) {
  return {
    X: TensorData.float([n, 2], Array.from({ length: n }, (_, t) => [t, -t]).flat()),
    y: TensorData.float(
      [n, 1],
      Array.from({ length: n }, (_, t) => t + 0.5),
    ),
  };
}

/** The examples of a split part, checking X and y rows agree. */
function examplesOf(X: unknown, y: unknown, what: string): number[] {
  const x = expectTensor(X, `X of the ${what} set`);
  const l = expectTensor(y, `y of the ${what} set`);
  ensure(
    x.rank === 2 && x.shape[1] === 2 && l.shape[0] === x.shape[0],
    `the ${what} set has X of shape [${x.shape}] and y of shape [${l.shape}]: expected [m, 2] and [m, 1]`,
  );
  return x.rows().map((row, r) => {
    ensure(
      l.values[r] === row[0]! + 0.5,
      `row ${r} of the ${what} set pairs example ${row[0]} with the label of another example`,
    );
    return row[0]!;
  });
}

/** The examples of the reference split (slices and concatenation) of tagged data, in this process. */
function referenceSplit(k: number, i: number, X: TensorData, y: TensorData): { train: number[]; valid: number[] } {
  const out = tf.tidy(() => ref.getKFoldData(k, i, toTensor(X) as tf.Tensor2D, toTensor(y)));
  const split = {
    train: examplesOf(fromTensor(out.XTrain), fromTensor(out.yTrain), 'reference training'),
    valid: examplesOf(fromTensor(out.XValid), fromTensor(out.yValid), 'reference validation'),
  };
  tf.dispose(Object.values(out));
  return split;
}

export default defineExercise({
  id: '11-kfold',
  title: 'K-fold cross-validation',
  file: 'kfold.ts',
  checks: [
    example('10 examples in 3 folds: [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]', async (s) => {
      const got = await folds(s, 10, 3);
      ensure(
        JSON.stringify(got) === '[[0,1,2,3],[4,5,6],[7,8,9]]',
        `kFoldIndices(10, 3) = ${show(got)}, expected [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]`,
      );
    }),
    property(
      'the folds partition the examples: each index 0 .. n-1 in exactly one fold, none missing',
      nk,
      async (s, { n, k }) => {
        const seen = new Map<number, number>();
        (await folds(s, n, k)).forEach((f, j) =>
          f.forEach((t) => {
            ensure(t >= 0 && t < n, `fold ${j} holds index ${t}, outside 0 .. ${n - 1}`);
            ensure(!seen.has(t), `example ${t} is in fold ${seen.get(t)} and in fold ${j}: folds must not overlap`);
            seen.set(t, j);
          }),
        );
        const missing = Array.from({ length: n }, (_, t) => t).filter((t) => !seen.has(t));
        ensure(missing.length === 0, `examples ${missing.slice(0, 10).join(', ')} are in no fold (n = ${n}, K = ${k})`);
      },
    ),
    property(
      'fold sizes differ by at most 1, the first n mod K folds holding the extra examples',
      nk,
      async (s, { n, k }) => {
        const sizes = (await folds(s, n, k)).map((f) => f.length);
        const expected = Array.from({ length: k }, (_, j) => Math.floor(n / k) + (j < n % k ? 1 : 0));
        ensure(
          sizes.join() === expected.join(),
          `with n = ${n} and K = ${k} the fold sizes are [${sizes}], expected [${expected}]`,
        );
      },
    ),
    reference(
      'each fold is a run of consecutive indices, in order, as the reference splits them',
      nk,
      async (s, { n, k }) => {
        const got = await folds(s, n, k);
        const expected = ref.kFoldIndices(n, k);
        ensure(
          JSON.stringify(got) === JSON.stringify(expected),
          `kFoldIndices(${n}, ${k}) = ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    property(
      'getKFoldData holds out fold i for validation and trains on the other folds, in order, rows with their labels',
      nk.chain(({ n, k }) =>
        fc.record({ n: fc.constant(n), k: fc.constant(k), i: fc.integer({ min: 0, max: k - 1 }) }),
      ),
      async (s, { n, k, i }) => {
        const { X, y } = tagged(n);
        const out = (await s.call('getKFoldData', k, i, X, y)) as Record<string, unknown> | null;
        if (out === null || typeof out !== 'object')
          throw new CheckFailure('getKFoldData should return { XTrain, yTrain, XValid, yValid }');
        const expected = referenceSplit(k, i, X, y);
        const valid = examplesOf(out.XValid, out.yValid, 'validation');
        const train = examplesOf(out.XTrain, out.yTrain, 'training');
        ensure(
          valid.join() === expected.valid.join(),
          `getKFoldData(${k}, ${i}, X, y) validates on examples [${valid.slice(0, 12)}], expected fold ${i}: [${expected.valid.slice(0, 12)}] (n = ${n})`,
        );
        ensure(
          train.join() === expected.train.join(),
          `getKFoldData(${k}, ${i}, X, y) trains on examples [${train.slice(0, 12)}…], expected the other folds in order: [${expected.train.slice(0, 12)}…] (n = ${n})`,
        );
      },
    ),
    // The edges inside the valid range: K = 2 and K = n (one example per fold), i = 0 and i = K - 1.
    example(
      'the edges of the valid range work: K = 2, K = n (one example per fold), i = 0 and i = K - 1',
      async (s) => {
        for (const [n, k] of [
          [2, 2],
          [7, 7],
          [7, 2],
        ] as const) {
          const got = await folds(s, n, k);
          const expected = ref.kFoldIndices(n, k);
          ensure(
            JSON.stringify(got) === JSON.stringify(expected),
            `kFoldIndices(${n}, ${k}) = ${show(got)}, expected ${show(expected)}`,
          );
        }
        const { X, y } = tagged(4);
        for (const i of [0, 3]) {
          const out = (await s.call('getKFoldData', 4, i, X, y)) as Record<string, unknown> | null;
          if (out === null || typeof out !== 'object')
            throw new CheckFailure('getKFoldData should return { XTrain, yTrain, XValid, yValid }');
          const valid = examplesOf(out.XValid, out.yValid, 'validation');
          const train = examplesOf(out.XTrain, out.yTrain, 'training');
          const expected = [0, 1, 2, 3].filter((t) => t !== i);
          ensure(
            valid.join() === `${i}` && train.join() === expected.join(),
            `getKFoldData(4, ${i}, X, y) with n = 4 validates on [${valid}] and trains on [${train}], expected [${i}] and [${expected}]`,
          );
        }
      },
    ),
    // The task allows labels of any shape [n, ...]: a vector, and a rank-3 tensor.
    example(
      'labels of any shape [n, ...] keep their shape and stay with their rows: y of shape [7] and [7, 2, 2]',
      async (s) => {
        const { X } = tagged(7);
        const folds = ref.kFoldIndices(7, 3);
        const rowsOf = (y: TensorData, idx: number[]) => {
          const size = y.size / y.shape[0]!;
          return TensorData.float(
            [idx.length, ...y.shape.slice(1)],
            idx.flatMap((t) => Array.from(y.values.slice(t * size, (t + 1) * size))),
          );
        };
        for (const y of [
          TensorData.float(
            [7],
            Array.from({ length: 7 }, (_, t) => t + 0.5),
          ),
          TensorData.float(
            [7, 2, 2],
            Array.from({ length: 28 }, (_, k) => Math.floor(k / 4) * 10 + (k % 4)),
          ),
        ]) {
          const out = (await s.call('getKFoldData', 3, 1, X, y)) as Record<string, unknown> | null;
          if (out === null || typeof out !== 'object')
            throw new CheckFailure('getKFoldData should return { XTrain, yTrain, XValid, yValid }');
          const train = folds.filter((_, j) => j !== 1).flat();
          expectClose(
            out.yValid,
            rowsOf(y, folds[1]!),
            `yValid of getKFoldData(3, 1, X, y) for y of shape [${y.shape}]`,
            {
              atol: 0,
              rtol: 0,
            },
          );
          expectClose(out.yTrain, rowsOf(y, train), `yTrain of getKFoldData(3, 1, X, y) for y of shape [${y.shape}]`, {
            atol: 0,
            rtol: 0,
          });
        }
      },
    ),
    // Each bad setting just past the edge of its range, and the message must name the setting and its value.
    rejects(
      'K = n + 1, K = 1, a fractional K, and a fold index i = -1, i = K or a fractional i give a HyperparameterError naming it',
      async (s) => {
        const { X, y } = tagged(5);
        await s.rejects(
          'kFoldIndices',
          [5, 6],
          mentions('\\bK\\b', '6', '\\bn\\b'),
          'when K = 6 = n + 1',
          'HyperparameterError',
        );
        await s.rejects('kFoldIndices', [5, 1], mentions('\\bK\\b', '1'), 'when K = 1', 'HyperparameterError');
        await s.rejects('kFoldIndices', [5, 2.5], mentions('\\bK\\b', '2\\.5'), 'when K = 2.5', 'HyperparameterError');
        await s.rejects(
          'getKFoldData',
          [3, 3, X, y],
          mentions('\\bi\\b', '3'),
          'when i = K = 3',
          'HyperparameterError',
        );
        await s.rejects('getKFoldData', [3, -1, X, y], mentions('\\bi\\b', '-1'), 'when i = -1', 'HyperparameterError');
        await s.rejects(
          'getKFoldData',
          [3, 0.5, X, y],
          mentions('\\bi\\b', '0\\.5'),
          'when i = 0.5',
          'HyperparameterError',
        );
        await s.rejects(
          'getKFoldData',
          [6, 0, X, y],
          mentions('\\bK\\b', '6'),
          'when K = 6 for n = 5 examples',
          'HyperparameterError',
        );
      },
    ),
  ],
});
