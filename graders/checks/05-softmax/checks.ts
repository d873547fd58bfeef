import * as fc from 'fast-check';
import * as ref from '../../../reference/05-softmax';
import { dim, float32, tensor } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference } from '../../lib/checks';
import { expectClose, expectRowsAreDistributions, expectTensor } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refSoftmax = viaTf(ref.softmax);

/** Logits of rank 1 to 3, each dimension 1 to `maxDim`. */
const logits = (maxDim = 5, range = { min: -10, max: 10 }) =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((rank) => tensor(fc.array(dim(1, maxDim), { minLength: rank, maxLength: rank }), range));

/**
 * Rows offset by +1e4 and -1e4 (both always present), so both overflow and underflow would show,
 * and always a row mixing the extremes, -1e4, +1e4, 0, ... in one row: shifting a row by the same
 * constant leaves it alone whatever the constant, so only this row tells the maximum from the
 * mean, the minimum or the first logit.
 */
const hugeLogits = fc.tuple(dim(3, 5), dim(2, 5)).chain(([rows, cols]) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(-1e4, 0, 1e4), { minLength: rows - 3, maxLength: rows - 3 }),
      fc.array(float32({ min: -5, max: 5 }), { minLength: rows * cols, maxLength: rows * cols }),
    )
    .map(([offsets, v]) => {
      const mixed = [-1e4, 1e4, 0];
      const off = (r: number, c: number) => (r === 2 ? mixed[c % 3]! : [1e4, -1e4, 0, ...offsets][r]!);
      return TensorData.float(
        [rows, cols],
        v.map((x, i) => x + off(Math.floor(i / cols), i % cols)),
      );
    }),
);

export default defineExercise({
  id: '05-softmax',
  title: 'Numerically stable softmax',
  file: 'softmax.ts',
  checks: [
    example("softmax(log [0.1, 0.8, 0.1]) gives back [0.1, 0.8, 0.1] (the notes' example)", async (s) => {
      const p = [0.1, 0.8, 0.1];
      const got = await s.tensor('softmax', TensorData.of([p.map(Math.log)]));
      expectClose(got, TensorData.of([p]), 'softmax(log [[0.1, 0.8, 0.1]])');
    }),
    property('every row is a distribution: entries in [0, 1] that sum to 1', logits(), async (s, X) => {
      const Y = expectTensor(await s.call('softmax', X), 'softmax(X)', X.shape);
      expectRowsAreDistributions(Y, 'softmax(X)');
    }),
    property(
      'adding a constant to every logit of a row leaves that row unchanged',
      logits().chain((X) =>
        fc
          .array(float32({ min: -50, max: 50 }), {
            minLength: X.size / X.shape.at(-1)!,
            maxLength: X.size / X.shape.at(-1)!,
          })
          .map((c) => [X, c] as const),
      ),
      async (s, [X, c]) => {
        const q = X.shape.at(-1)!;
        const shifted = X.map((x, i) => x + c[Math.floor(i / q)]!);
        const Y = await s.tensor('softmax', X);
        // Two NaN (or two constant) results would agree with each other: softmax(X) must be a softmax first.
        expectRowsAreDistributions(Y, 'softmax(X)');
        expectClose(await s.tensor('softmax', shifted), Y, 'softmax(X + c) compared with softmax(X)');
      },
    ),
    property(
      'logits of +1e4 and -1e4, in a row or mixed in one row, give finite probabilities (no overflow, no 0/0)',
      hugeLogits,
      async (s, X) => {
        const Y = expectTensor(await s.call('softmax', X), 'softmax(X)', X.shape);
        expectRowsAreDistributions(Y, 'softmax(X)');
        expectClose(Y, refSoftmax(X), 'softmax(X)');
      },
    ),
    reference('matches tf.softmax on random logits of rank 1 to 3', logits(), async (s, X) => {
      expectClose(await s.tensor('softmax', X), refSoftmax(X), 'softmax(X)');
    }),
    gradient('its gradient (through tfjs autodiff) matches finite differences', {
      fn: 'softmax',
      args: logits(4, { min: -3, max: 3 }).map((X) => [X]),
      wrt: [0],
      forward: (X) => refSoftmax(X as TensorData),
    }),
  ],
});
