import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/24-conv-backward';
import * as ref19 from '../../../reference/19-corr2d';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { expectGradientClose, numericVjp } from '../../lib/gradcheck';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor, viaTf } from '../../lib/tf-interop';
import { inputAndKernel } from '../../lib/conv';

const refCorr2d = viaTf(ref19.corr2d);

/** The reference's [dX, dK] (tfjs autodiff of corr2d) as data. */
function refBackward(X: TensorData, K: TensorData, dY: TensorData): TensorData[] {
  const grads = tf.tidy(() =>
    ref.corr2dBackward(toTensor(X) as tf.Tensor2D, toTensor(K) as tf.Tensor2D, toTensor(dY) as tf.Tensor2D),
  );
  const out = grads.map(fromTensor);
  tf.dispose(grads);
  return out;
}

/** An input, a kernel and an upstream gradient of the output's shape. */
const problem = inputAndKernel.chain(([X, K]) =>
  fc.tuple(fc.constant(X), fc.constant(K), quarters([X.shape[0]! - K.shape[0]! + 1, X.shape[1]! - K.shape[1]! + 1])),
);

/** Calls corr2dBackward and checks it returns [dX, dK] shaped as X and K. */
async function backward(s: Subject, X: TensorData, K: TensorData, dY: TensorData): Promise<[TensorData, TensorData]> {
  const out = await s.call('corr2dBackward', X, K, dY);
  if (!Array.isArray(out) || out.length !== 2) throw new CheckFailure('corr2dBackward should return [dX, dK]');
  return [expectTensor(out[0], 'dX', X.shape), expectTensor(out[1], 'dK', K.shape)];
}

const oneHot = (h: number, w: number, i: number, j: number) =>
  TensorData.float(
    [h, w],
    Array.from({ length: h * w }, (_, n) => (n === i * w + j ? 1 : 0)),
  );

/**
 * Two stacked 2-D layers X → Y = corr2d(X, K1) → Z = corr2d(Y, K2) with positive kernels (so no
 * gradients cancel), and an output position (i, j) of Z.
 */
const twoLayers = fc
  .record({ kh1: dim(1, 3), kw1: dim(1, 3), kh2: dim(1, 3), kw2: dim(1, 3), extraH: fc.nat(3), extraW: fc.nat(3) })
  .chain(({ kh1, kw1, kh2, kw2, extraH, extraW }) => {
    const [h, w] = [kh1 + kh2 - 1 + extraH, kw1 + kw2 - 1 + extraW];
    return fc.record({
      X: quarters([h, w]),
      K1: quarters([kh1, kw1], 2, 8),
      K2: quarters([kh2, kw2], 2, 8),
      i: fc.nat(extraH),
      j: fc.nat(extraW),
    });
  });

export default defineExercise({
  id: '24-conv-backward',
  title: 'The backward pass of a convolution',
  file: 'conv-backward.ts',
  checks: [
    example(
      "the notes' X and K with dY of ones: dK = the sum of the windows [[8, 12], [20, 24]], dX = [[0, 1, 1], [2, 6, 4], [2, 5, 3]]",
      async (s) => {
        const [dX, dK] = await backward(
          s,
          TensorData.of([
            [0, 1, 2],
            [3, 4, 5],
            [6, 7, 8],
          ]),
          TensorData.of([
            [0, 1],
            [2, 3],
          ]),
          TensorData.of([
            [1, 1],
            [1, 1],
          ]),
        );
        expectClose(
          dK,
          TensorData.of([
            [8, 12],
            [20, 24],
          ]),
          'dK',
        );
        expectClose(
          dX,
          TensorData.of([
            [0, 1, 1],
            [2, 6, 4],
            [2, 5, 3],
          ]),
          'dX',
        );
      },
    ),
    example(
      'the edges of the shapes: a kernel as large as X (one output) gives dX = dY·K and dK = dY·X; a 1 × 1 kernel [[c]] gives dX = c·dY and dK = [[Σ X·dY]]',
      async (s) => {
        const X = TensorData.of([
          [1, -2, 0.5],
          [3, 0.25, -1],
        ]);
        const K = TensorData.of([
          [2, 1, -1],
          [0.5, 4, 3],
        ]);
        const [dX, dK] = await backward(s, X, K, TensorData.of([[-1.5]]));
        expectClose(
          dX,
          K.map((v) => -1.5 * v),
          'dX for a kernel as large as X and dY = [[-1.5]]',
        );
        expectClose(
          dK,
          X.map((v) => -1.5 * v),
          'dK for a kernel as large as X and dY = [[-1.5]]',
        );
        const dY = TensorData.of([
          [0.5, -1, 2],
          [1, 0.25, -0.5],
        ]);
        // Σ X·dY = 0.5 + 2 + 1 + 3 + 0.0625 + 0.5.
        for (const c of [1, -2]) {
          const [dX1, dK1] = await backward(s, X, TensorData.of([[c]]), dY);
          expectClose(
            dX1,
            dY.map((v) => c * v),
            `dX for the kernel [[${c}]] (a new tensor, even when it equals dY)`,
          );
          expectClose(dK1, TensorData.of([[7.0625]]), `dK for the kernel [[${c}]]`);
        }
      },
    ),
    property(
      'dX and dK match central differences of corr2d with a random upstream gradient dY',
      problem,
      async (s, [X, K, dY]) => {
        const [dX, dK] = await backward(s, X, K, dY);
        const [nX, nK] = await numericVjp(([x, k]) => refCorr2d(x as TensorData, k as TensorData), [X, K], [0, 1], dY);
        expectGradientClose(dX, nX!, 'dX');
        expectGradientClose(dK, nK!, 'dK');
      },
      { kind: 'gradient', numRuns: 10 },
    ),
    reference("dX and dK match tfjs's automatic differentiation of tf.conv2d", problem, async (s, [X, K, dY]) => {
      const [dX, dK] = await backward(s, X, K, dY);
      const [eX, eK] = refBackward(X, K, dY);
      expectClose(dX, eX!, 'dX');
      expectClose(dK, eK!, 'dK');
    }),
    property(
      'the receptive field (感受野): Y[i, j] reaches back to the k_h × k_w window of X at (i, j), with the weights K; through a second layer Z[i, j] reaches (k_h1 + k_h2 − 1) × (k_w1 + k_w2 − 1) elements',
      twoLayers,
      async (s, { X, K1, K2, i, j }) => {
        const Y = refCorr2d(X, K1);
        const [h, w] = X.shape as [number, number];
        const [kh1, kw1] = K1.shape as [number, number];
        const placed = TensorData.float(
          [h, w],
          Array.from({ length: h * w }, (_, n) => {
            const [a, b] = [Math.floor(n / w) - i, (n % w) - j];
            return a >= 0 && a < kh1 && b >= 0 && b < kw1 ? K1.get(a, b) : 0;
          }),
        );
        const [dXofY] = await backward(s, X, K1, oneHot(Y.shape[0]!, Y.shape[1]!, i, j));
        expectClose(
          dXofY,
          placed,
          `dX for dY one-hot at Y[${i}, ${j}] (K placed on the window at (${i}, ${j}), 0 elsewhere)`,
        );

        const [rows, cols] = [K1.shape[0]! + K2.shape[0]! - 1, K1.shape[1]! + K2.shape[1]! - 1];
        const [dY] = await backward(
          s,
          Y,
          K2,
          oneHot(Y.shape[0]! - K2.shape[0]! + 1, Y.shape[1]! - K2.shape[1]! + 1, i, j),
        );
        const [dX] = await backward(s, X, K1, dY);
        const outside = [...dX.values].findIndex((v, n) => {
          const [a, b] = [Math.floor(n / w) - i, (n % w) - j];
          return (v !== 0) !== (a >= 0 && a < rows && b >= 0 && b < cols);
        });
        ensure(
          outside < 0,
          `through two layers (kernels ${K1.shape.join('x')} and ${K2.shape.join('x')}), Z[${i}, ${j}] should reach exactly the ${rows}x${cols} window of X at (${i}, ${j}), but dX is ${dX.values[outside] === 0 ? '0' : 'not 0'} at [${dX.index(outside).join(', ')}]`,
          [`dX = ${dX}`],
        );
      },
    ),
    rejects(
      "a dY not shaped as corr2d's output (one row or column off, or transposed) is a ShapeMismatchError giving both shapes; a kernel larger than X a KernelTooLargeError",
      async (s) => {
        const X = TensorData.float([4, 5], new Array(20).fill(1));
        const K = TensorData.float([2, 2], [1, 2, 3, 4]);
        // The output is 3 × 4.
        for (const [h, w] of [
          [2, 4],
          [3, 5],
          [4, 3],
        ]) {
          await s.rejects(
            'corr2dBackward',
            [X, K, TensorData.float([h!, w!], new Array(h! * w!).fill(1))],
            new RegExp(`(?=.*\\b${h}\\s*[x×,]\\s*${w}\\b)(?=.*\\b3\\s*[x×,]\\s*4\\b)`),
            `for a ${h}x${w} dY when corr2d(X, K) is 3x4 (saying both shapes)`,
            'ShapeMismatchError',
          );
        }
        for (const [kh, kw] of [
          [5, 2],
          [2, 6],
        ]) {
          await s.rejects(
            'corr2dBackward',
            [X, TensorData.float([kh!, kw!], new Array(kh! * kw!).fill(1)), TensorData.float([1, 1], [1])],
            /larger/i,
            `for a ${kh}x${kw} kernel on a 4x5 input`,
            'KernelTooLargeError',
          );
        }
      },
    ),
  ],
});
