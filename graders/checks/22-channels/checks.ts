import * as fc from 'fast-check';
import * as ref from '../../../reference/22-channels';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference } from '../../lib/checks';
import { expectClose } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refMultiIn = viaTf(ref.corr2dMultiIn);
const refMultiInOut = viaTf(ref.corr2dMultiInOut);

/** d2l 6.4's input of two channels and its two-channel kernel. */
const X = TensorData.of([
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
]);
const K = TensorData.of([
  [
    [0, 1],
    [2, 3],
  ],
  [
    [1, 2],
    [3, 4],
  ],
]);

/** An input [ci, h, w] and kernels [co, ci, kh, kw] no larger than it; `co` null for one kernel [ci, kh, kw]. */
const problem = (channels: { ci: number; co: number | null; maxSide: number; kernel?: number }) =>
  fc.tuple(dim(1, channels.ci), dim(1, channels.maxSide), dim(1, channels.maxSide)).chain(([ci, h, w]) => {
    const side = (n: number) => (channels.kernel === undefined ? dim(1, Math.min(n, 3)) : fc.constant(channels.kernel));
    return fc
      .tuple(side(h), side(w), dim(1, channels.co ?? 1))
      .chain(([kh, kw, co]) =>
        fc.tuple(quarters([ci, h, w]), quarters(channels.co === null ? [ci, kh, kw] : [co, ci, kh, kw])),
      );
  });

/** Y[o, i, j] = Σ_c K[o, c] X[c, i, j] in float64: a 1 × 1 convolution as a matrix product. */
function matrixProduct(X: TensorData, K: TensorData): TensorData {
  const [ci, h, w] = X.shape as [number, number, number];
  const co = K.shape[0]!;
  const Y = new Float64Array(co * h * w);
  for (let o = 0; o < co; o++) {
    for (let c = 0; c < ci; c++)
      for (let p = 0; p < h * w; p++) Y[o * h * w + p]! += K.values[o * ci + c]! * X.values[c * h * w + p]!;
  }
  return TensorData.float([co, h, w], Y);
}

export default defineExercise({
  id: '22-channels',
  title: 'Multiple input and output channels',
  file: 'channels.ts',
  uses: ['19-corr2d'],
  checks: [
    example("d2l's two input channels: corr2dMultiIn(X, K) = [[56, 72], [104, 120]]", async (s) => {
      expectClose(
        await s.call('corr2dMultiIn', X, K),
        TensorData.of([
          [56, 72],
          [104, 120],
        ]),
        "corr2dMultiIn(X, K) for d2l's X and K",
      );
    }),
    example("d2l's three output channels from the kernels K, K + 1, K + 2", async (s) => {
      const K3 = TensorData.float(
        [3, 2, 2, 2],
        [0, 1, 2].flatMap((d) => [...K.values].map((v) => v + d)),
      );
      const expected = TensorData.of([
        [
          [56, 72],
          [104, 120],
        ],
        [
          [76, 100],
          [148, 172],
        ],
        [
          [96, 128],
          [192, 224],
        ],
      ]);
      expectClose(await s.call('corr2dMultiInOut', X, K3), expected, 'corr2dMultiInOut(X, [K, K + 1, K + 2])');
    }),
    reference(
      'corr2dMultiIn matches tf.conv2d with one filter over 1 to 3 input channels',
      problem({ ci: 3, co: null, maxSide: 6 }),
      async (s, [x, k]) => {
        expectClose(await s.call('corr2dMultiIn', x, k), refMultiIn(x, k), 'corr2dMultiIn(X, K)');
      },
    ),
    reference(
      'corr2dMultiInOut matches tf.conv2d with 1 to 3 input and output channels',
      problem({ ci: 3, co: 3, maxSide: 6 }),
      async (s, [x, k]) => {
        expectClose(await s.call('corr2dMultiInOut', x, k), refMultiInOut(x, k), 'corr2dMultiInOut(X, K)');
      },
    ),
    property(
      'a 1 × 1 convolution is a matrix product: corr2dMultiInOut1x1 and corr2dMultiInOut both give Σ_c K[o, c] X[c]',
      problem({ ci: 4, co: 4, maxSide: 5, kernel: 1 }),
      async (s, [x, k]) => {
        const expected = matrixProduct(x, k);
        expectClose(await s.call('corr2dMultiInOut1x1', x, k), expected, 'corr2dMultiInOut1x1(X, K)');
        expectClose(await s.call('corr2dMultiInOut', x, k), expected, 'corr2dMultiInOut(X, K) with a 1 × 1 kernel');
      },
    ),
    gradient('the gradient of corr2dMultiInOut (tfjs autodiff) with respect to X and K matches finite differences', {
      fn: 'corr2dMultiInOut',
      args: problem({ ci: 2, co: 2, maxSide: 4 }).map(([x, k]) => [x, k]),
      wrt: [0, 1],
      forward: (x, k) => refMultiInOut(x as TensorData, k as TensorData),
    }),
  ],
});
