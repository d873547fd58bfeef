import * as fc from 'fast-check';
import * as ref from '../../../reference/23-pooling';
import { dim, quarters, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, reference } from '../../lib/checks';
import { expectClose } from '../../lib/compare';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refPool = { max: viaTf(ref.maxPool2d), avg: viaTf(ref.avgPool2d) };

/**
 * A window size, stride and channel count; padding 0 or half the window (the most nn.MaxPool2d
 * allows, so every window holds some input); an input that holds a window once padded.
 */
const setting = fc
  .record({ k: dim(1, 3), s: dim(1, 3), c: dim(1, 3), padded: fc.boolean(), h: fc.nat(4), w: fc.nat(4) })
  .map(({ k, s, c, padded, h, w }) => {
    const p = padded ? Math.floor(k / 2) : 0;
    const least = Math.max(1, k - 2 * p);
    return { k, s, p, shape: [c, least + h, least + w] };
  });

/** Values in [-5, 2], mostly negative: windows of negatives at the border, where zero padding would win. */
const problem = setting.chain(({ shape, ...rest }) => quarters(shape, -20, 8).map((X) => ({ X, ...rest })));

/**
 * For finite differences: the values are 0.1 apart (a shuffled grid around 0), so no window has a
 * tie and the step 1e-2 never changes which element is a window's maximum.
 */
const tieFree = setting.chain(({ k, s, p, shape }) =>
  seeded((rng) => {
    const size = shape[0]! * shape[1]! * shape[2]!;
    const values = rng.shuffle(Array.from({ length: size }, (_, i) => (i - size / 2) / 10));
    return [TensorData.float(shape, values), k, s, p] as unknown[];
  }),
);

/** pool2d(X, ...) against the reference of its mode. */
async function agrees(
  s: Subject,
  mode: 'max' | 'avg',
  { X, k, s: stride, p }: { X: TensorData; k: number; s: number; p: number },
): Promise<void> {
  expectClose(
    await s.call('pool2d', X, k, stride, p, mode),
    refPool[mode](X, k, stride, p),
    `pool2d(X, ${k}, ${stride}, ${p}, '${mode}')`,
  );
}

export default defineExercise({
  id: '23-pooling',
  title: 'Max and average pooling with padding and stride',
  file: 'pooling.ts',
  checks: [
    example(
      "d2l's 2 × 2 pooling of [[0, 1, 2], [3, 4, 5], [6, 7, 8]]: max [[4, 5], [7, 8]], average [[2, 3], [5, 6]]",
      async (s) => {
        const X = TensorData.of([
          [
            [0, 1, 2],
            [3, 4, 5],
            [6, 7, 8],
          ],
        ]);
        expectClose(
          await s.call('pool2d', X, 2, 1, 0, 'max'),
          TensorData.of([
            [
              [4, 5],
              [7, 8],
            ],
          ]),
          "pool2d(X, 2, 1, 0, 'max')",
        );
        expectClose(
          await s.call('pool2d', X, 2, 1, 0, 'avg'),
          TensorData.of([
            [
              [2, 3],
              [5, 6],
            ],
          ]),
          "pool2d(X, 2, 1, 0, 'avg')",
        );
      },
    ),
    example(
      "d2l's padding and stride on arange(16) as 4 × 4: 3 × 3 windows give [[10]]; with padding 1 and stride 2 [[5, 7], [13, 15]], and [[6, 8], [14, 16]] for a second channel X + 1",
      async (s) => {
        const X = TensorData.float(
          [1, 4, 4],
          Array.from({ length: 16 }, (_, i) => i),
        );
        expectClose(await s.call('pool2d', X, 3, 3, 0, 'max'), TensorData.of([[[10]]]), "pool2d(X, 3, 3, 0, 'max')");
        const two = TensorData.float(
          [2, 4, 4],
          Array.from({ length: 32 }, (_, i) => (i % 16) + Math.floor(i / 16)),
        );
        expectClose(
          await s.call('pool2d', two, 3, 2, 1, 'max'),
          TensorData.of([
            [
              [5, 7],
              [13, 15],
            ],
            [
              [6, 8],
              [14, 16],
            ],
          ]),
          "pool2d([X, X + 1], 3, 2, 1, 'max')",
        );
      },
    ),
    reference(
      'max pooling matches tf.maxPool over generated sizes, windows, strides and paddings (padding never wins)',
      problem,
      (s, v) => agrees(s, 'max', v),
    ),
    reference(
      'average pooling matches tf.avgPool of the zero-padded input (padding counts in the mean)',
      problem,
      (s, v) => agrees(s, 'avg', v),
    ),
    gradient("max pooling's gradient (tfjs autodiff) goes to each window's maximum: it matches finite differences", {
      fn: 'pool2d',
      args: tieFree.map((a) => [...a, 'max']),
      wrt: [0],
      forward: (X, k, s, p) => refPool.max(X as TensorData, k as number, s as number, p as number),
    }),
    gradient(
      "average pooling's gradient (tfjs autodiff) spreads 1/k² over each window: it matches finite differences",
      {
        fn: 'pool2d',
        args: problem.map(({ X, k, s, p }) => [X, k, s, p, 'avg']),
        wrt: [0],
        forward: (X, k, s, p) => refPool.avg(X as TensorData, k as number, s as number, p as number),
      },
    ),
  ],
});
