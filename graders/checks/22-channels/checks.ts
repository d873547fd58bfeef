import * as fc from 'fast-check';
import * as ref from '../../../reference/22-channels';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose } from '../../lib/compare';
import { expectGradientClose, numericVjp } from '../../lib/gradcheck';
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
    example(
      'the edges of the shapes: one input channel is corr2d; a kernel as large as X leaves one window, the sum over channels',
      async (s) => {
        const one = TensorData.float([1, 3, 3], [...X.values].slice(0, 9));
        expectClose(
          await s.call('corr2dMultiIn', one, TensorData.float([1, 2, 2], [...K.values].slice(0, 4))),
          TensorData.of([
            [19, 25],
            [37, 43],
          ]),
          "corr2dMultiIn of d2l's first channel alone with its kernel",
        );
        // Σ_c Σ X[c] · ones = 36 + 45.
        expectClose(
          await s.call('corr2dMultiInOut', X, TensorData.float([1, 2, 3, 3], new Array(18).fill(1))),
          TensorData.of([[[81]]]),
          "corr2dMultiInOut(X, ones [1, 2, 3, 3]) on d2l's X",
        );
      },
    ),
    rejects(
      "a kernel for one channel more or fewer than X has is a ShapeMismatchError giving both counts, as is a kernel that is not 1 × 1 in corr2dMultiInOut1x1; a kernel larger than X is corr2d's KernelTooLargeError",
      async (s) => {
        const ones = (shape: number[]) => TensorData.float(shape, new Array(shape.reduce((a, b) => a * b, 1)).fill(1));
        for (const ci of [1, 3]) {
          await s.rejects(
            'corr2dMultiIn',
            [X, ones([ci, 2, 2])],
            new RegExp(`(?=.*\\b${ci}\\b)(?=.*\\b2\\b)`),
            `for kernels of ${ci} channels and an X of 2 (saying both counts)`,
            'ShapeMismatchError',
          );
          await s.rejects(
            'corr2dMultiInOut',
            [X, ones([2, ci, 2, 2])],
            new RegExp(`(?=.*\\b${ci}\\b)(?=.*\\b2\\b)`),
            `for kernels of ${ci} input channels and an X of 2 (saying both counts)`,
            'ShapeMismatchError',
          );
          await s.rejects(
            'corr2dMultiInOut1x1',
            [X, ones([2, ci, 1, 1])],
            /channel/i,
            `for 1 × 1 kernels of ${ci} input channels and an X of 2`,
            'ShapeMismatchError',
          );
        }
        await s.rejects(
          'corr2dMultiInOut1x1',
          [X, ones([2, 2, 2, 2])],
          /1 ?[×x] ?1/,
          'for 2 × 2 kernels',
          'ShapeMismatchError',
        );
        await s.rejects(
          'corr2dMultiInOut',
          [X, ones([1, 2, 4, 3])],
          /larger/i,
          'for a 4 × 3 kernel on a 3 × 3 input',
          'KernelTooLargeError',
        );
      },
    ),
    // tf.unstack and tf.split cannot be differentiated when they give one tensor: a one-channel input, always tried.
    example(
      'the gradient of corr2dMultiInOut through an input of one channel (tfjs autodiff) matches finite differences',
      async (s) => {
        const x = TensorData.float([1, 3, 4], [0.5, -1, 2, 0.25, 1.5, -0.75, 1, -2, 0.75, 1.25, -0.5, 3]);
        const k = TensorData.float([2, 1, 2, 2], [1, -0.5, 0.25, 2, -1, 0.75, 1.5, -0.25]);
        const dy = TensorData.float([2, 2, 3], [1, -2, 0.5, 0.25, 1.5, -1, -0.75, 2, 1, -1.25, 0.5, 0.75]);
        const { grads } = await s.vjp('corr2dMultiInOut', [x, k], [0, 1], dy);
        const numeric = await numericVjp(
          ([a, b]) => refMultiInOut(a as TensorData, b as TensorData),
          [x, k],
          [0, 1],
          dy,
        );
        expectGradientClose(grads[0]!, numeric[0]!, 'the gradient with respect to X [1, 3, 4]');
        expectGradientClose(grads[1]!, numeric[1]!, 'the gradient with respect to K [2, 1, 2, 2]');
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
