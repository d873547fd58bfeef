import * as fc from 'fast-check';
import * as ref from '../../../reference/19-corr2d';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { d2lEdgeMap, d2lEdges, inputAndKernel, transpose } from '../../lib/conv';
import { expectClose, expectTensor } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refCorr2d = viaTf(ref.corr2d);

/** The rows and columns of a matrix from (top, left) on. */
function crop(t: TensorData, top: number, left: number): TensorData {
  const [h, w] = t.shape as [number, number];
  return TensorData.float(
    [h - top, w - left],
    t
      .rows()
      .slice(top)
      .flatMap((row) => row.slice(left)),
  );
}

export default defineExercise({
  id: '19-corr2d',
  title: 'Two-dimensional cross-correlation',
  file: 'corr2d.ts',
  checks: [
    example(
      "the notes' example: [[0, 1, 2], [3, 4, 5], [6, 7, 8]] ⋆ [[0, 1], [2, 3]] = [[19, 25], [37, 43]]",
      async (s) => {
        const got = await s.tensor(
          'corr2d',
          TensorData.of([
            [0, 1, 2],
            [3, 4, 5],
            [6, 7, 8],
          ]),
          TensorData.of([
            [0, 1],
            [2, 3],
          ]),
        );
        expectClose(
          got,
          TensorData.of([
            [19, 25],
            [37, 43],
          ]),
          "corr2d(X, K) for the notes' X and K",
        );
      },
    ),
    example(
      "d2l's edge detection: the kernel [[1, -1]] gives 1 at white-to-black edges, -1 at black-to-white, and nothing on the transposed image",
      async (s) => {
        const K = TensorData.of([[1, -1]]);
        expectClose(await s.tensor('corr2d', d2lEdges, K), d2lEdgeMap, "corr2d(X, [[1, -1]]) for d2l's striped X");
        expectClose(
          await s.tensor('corr2d', transpose(d2lEdges), K),
          TensorData.float([8, 5], new Array(40).fill(0)),
          'corr2d(Xᵀ, [[1, -1]]) (horizontal edges only)',
        );
      },
    ),
    // The edges of the size rule, always: a kernel as large as X (one window) and a 1 × 1 kernel (as many as pixels).
    example(
      'a kernel the size of X has one window, Y = [[Σ X·K]]; a 1 × 1 kernel scales X: [[1]] gives X back, [[-2]] gives -2X',
      async (s) => {
        const X = TensorData.of([
          [1, -2, 0.5],
          [3, 0.25, -1],
        ]);
        const K = TensorData.of([
          [2, 1, -1],
          [0.5, 4, 3],
        ]);
        expectClose(await s.call('corr2d', X, K), TensorData.of([[-1]]), 'corr2d(X, K) for K shaped as X [2, 3]');
        expectClose(await s.call('corr2d', X, TensorData.of([[1]])), X, 'corr2d(X, [[1]]), a new tensor equal to X');
        expectClose(
          await s.call('corr2d', X, TensorData.of([[-2]])),
          X.map((v) => -2 * v),
          'corr2d(X, [[-2]])',
        );
      },
    ),
    property('the output has shape (n_h − k_h + 1) × (n_w − k_w + 1)', inputAndKernel, async (s, [X, K]) => {
      expectTensor(await s.call('corr2d', X, K), 'corr2d(X, K)', [
        X.shape[0]! - K.shape[0]! + 1,
        X.shape[1]! - K.shape[1]! + 1,
      ]);
    }),
    // 平移不变性: the same kernel at every position, so moving the image moves the output.
    property(
      'translation: cutting the first rows and columns off X cuts them off the output (the kernel is the same everywhere)',
      inputAndKernel.chain(([X, K]) =>
        fc.tuple(fc.constant(X), fc.constant(K), fc.nat(X.shape[0]! - K.shape[0]!), fc.nat(X.shape[1]! - K.shape[1]!)),
      ),
      async (s, [X, K, top, left]) => {
        const Y = expectTensor(await s.call('corr2d', X, K), 'corr2d(X, K)', [
          X.shape[0]! - K.shape[0]! + 1,
          X.shape[1]! - K.shape[1]! + 1,
        ]);
        expectClose(
          await s.call('corr2d', crop(X, top, left), K),
          crop(Y, top, left),
          `corr2d of X without its first ${top} rows and ${left} columns, against corr2d(X, K) without them`,
        );
      },
    ),
    reference('matches tf.conv2d on random inputs and kernels', inputAndKernel, async (s, [X, K]) => {
      expectClose(await s.call('corr2d', X, K), refCorr2d(X, K), 'corr2d(X, K)');
    }),
  ],
});
