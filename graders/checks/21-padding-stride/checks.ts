import * as fc from 'fast-check';
import * as ref from '../../../reference/21-padding-stride';
import type { Rng } from '../../../reference/random';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectNumberClose, expectTensor } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refCorr2dPadStride = viaTf(ref.corr2dPadStride);

/** Sizes along one axis: input n, kernel k, total padding p, stride s, with the kernel fitting the padded input. */
const axis = fc.record({ n: dim(1, 8), k: dim(1, 5), p: fc.nat(4), s: dim(1, 3) }).filter(({ n, k, p }) => n + p >= k);

/** Windows of size k that fit in n + p elements starting every s: counted one by one. */
function countWindows(n: number, k: number, p: number, s: number): number {
  let count = 0;
  for (let start = 0; start + k <= n + p; start += s) count++;
  return count;
}

/** An input, a kernel and the paddings and strides of both axes. */
const problem = fc.tuple(axis, axis).chain(([r, c]) =>
  fc.record({
    X: quarters([r.n, c.n]),
    K: quarters([r.k, c.k]),
    ph: fc.constant(r.p),
    pw: fc.constant(c.p),
    sh: fc.constant(r.s),
    sw: fc.constant(c.s),
  }),
);

const filled = (h: number, w: number) => TensorData.float([h, w], new Array(h * w).fill(1));

/**
 * A kernel larger than the padded input along the rows, the columns or both; `axis` is one that is
 * too small. The first `edge` draws are one element too large, where the error starts.
 */
function tooLarge(rng: Rng, edge: boolean) {
  const [h, w, ph, pw, which] = [1 + rng.int(5), 1 + rng.int(5), rng.int(3), rng.int(3), rng.int(3)];
  const extra = () => (edge ? 0 : rng.int(2));
  const kh = which === 1 ? 1 : h + ph + 1 + extra();
  const kw = which === 0 ? 1 : w + pw + 1 + extra();
  return {
    X: filled(h, w),
    K: filled(kh, kw),
    ph,
    pw,
    axis: which === 1 ? { n: w, k: kw, p: pw, name: 'columns' } : { n: h, k: kh, p: ph, name: 'rows' },
  };
}

export default defineExercise({
  id: '21-padding-stride',
  title: 'Padding and stride',
  file: 'padding-stride.ts',
  checks: [
    example(
      "d2l's shapes on an 8 × 8 input: 3 × 3 with padding 2 keeps 8 × 8, 5 × 3 with paddings 4, 2 too, stride 2 halves it, and 3 × 5 with paddings 0, 2 and strides 3, 4 gives 2 × 2",
      async (s) => {
        const X = TensorData.float(
          [8, 8],
          Array.from({ length: 64 }, (_, i) => i % 7),
        );
        for (const [kh, kw, ph, pw, sh, sw, out] of [
          [3, 3, 2, 2, 1, 1, [8, 8]],
          [5, 3, 4, 2, 1, 1, [8, 8]],
          [3, 3, 2, 2, 2, 2, [4, 4]],
          [3, 5, 0, 2, 3, 4, [2, 2]],
        ] as const) {
          expectTensor(
            await s.call('corr2dPadStride', X, filled(kh, kw), ph, pw, sh, sw),
            `corr2dPadStride(X, ${kh}x${kw} kernel, padding ${ph}, ${pw}, stride ${sh}, ${sw})`,
            out,
          );
        }
      },
    ),
    example(
      'an odd padding puts the extra row on top and the extra column on the left: [[1, 2], [3, 4]] with paddings 1, 1 and the kernel [[1]]',
      async (s) => {
        const got = await s.call(
          'corr2dPadStride',
          TensorData.of([
            [1, 2],
            [3, 4],
          ]),
          TensorData.of([[1]]),
          1,
          1,
          1,
          1,
        );
        expectClose(
          got,
          TensorData.of([
            [0, 0, 0],
            [0, 1, 2],
            [0, 3, 4],
          ]),
          'corr2dPadStride([[1, 2], [3, 4]], [[1]], 1, 1, 1, 1)',
        );
      },
    ),
    property(
      'outputSize(n, k, p, s) = floor((n − k + p + s) / s), the number of windows that fit',
      axis,
      async (s, { n, k, p, s: stride }) => {
        expectNumberClose(
          await s.call('outputSize', n, k, p, stride),
          countWindows(n, k, p, stride),
          `outputSize(${n}, ${k}, ${p}, ${stride})`,
          { atol: 0, rtol: 0 },
        );
      },
    ),
    reference(
      'shapes and values agree with tf.conv2d (tf.pad, then strides) over generated sizes, paddings and strides',
      problem,
      async (s, { X, K, ph, pw, sh, sw }) => {
        expectClose(
          await s.call('corr2dPadStride', X, K, ph, pw, sh, sw),
          refCorr2dPadStride(X, K, ph, pw, sh, sw),
          `corr2dPadStride(X, K, ${ph}, ${pw}, ${sh}, ${sw})`,
        );
      },
    ),
    example(
      "the edges of the sizes: no padding and stride 1 is exercise 19's corr2d; a kernel as large as the padded input, or a stride longer than the input, leaves one window",
      async (s) => {
        const X = TensorData.of([
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ]);
        expectClose(
          await s.call(
            'corr2dPadStride',
            X,
            TensorData.of([
              [0, 1],
              [2, 3],
            ]),
            0,
            0,
            1,
            1,
          ),
          TensorData.of([
            [19, 25],
            [37, 43],
          ]),
          "corr2dPadStride of the notes' X and K, no padding, stride 1",
        );
        // The 5 × 4 kernel of ones on X padded to 5 × 4 (rows ⌈2/2⌉ above, ⌊2/2⌋ below, a column on the left): the sum of X.
        expectClose(
          await s.call('corr2dPadStride', X, filled(5, 4), 2, 1, 1, 1),
          TensorData.of([[36]]),
          'corr2dPadStride(X, 5x4 ones, 2, 1, 1, 1)',
        );
        expectClose(
          await s.call('corr2dPadStride', X, filled(2, 2), 0, 0, 4, 3),
          TensorData.of([[8]]),
          'corr2dPadStride(X, 2x2 ones, 0, 0, 4, 3), strides longer than X',
        );
        for (const [n, k, p, stride] of [
          [3, 5, 2, 1],
          [4, 4, 0, 2],
          [3, 2, 0, 7],
        ] as const) {
          expectNumberClose(await s.call('outputSize', n, k, p, stride), 1, `outputSize(${n}, ${k}, ${p}, ${stride})`, {
            atol: 0,
            rtol: 0,
          });
        }
      },
    ),
    rejects(
      'a kernel larger than the padded input, by one element or more, gets a KernelTooLargeError that says so',
      async (s, { rng }) => {
        for (let i = 0; i < 6; i++) {
          const { X, K, ph, pw, axis } = tooLarge(rng, i < 3);
          await s.rejects(
            'outputSize',
            [axis.n, axis.k, axis.p, 1],
            /larger/i,
            `for ${axis.n} ${axis.name} padded by ${axis.p} and a kernel of ${axis.k}`,
            'KernelTooLargeError',
          );
          await s.rejects(
            'corr2dPadStride',
            [X, K, ph, pw, 1, 1],
            /larger/i,
            `for a ${X.shape.join('x')} input padded by ${ph}, ${pw} and a ${K.shape.join('x')} kernel`,
            'KernelTooLargeError',
          );
        }
      },
    ),
    rejects(
      'a stride below 1 or fractional, or a padding below 0 or fractional, gets a HyperparameterError naming it',
      async (s) => {
        // outputSize first: a corr2dPadStride that takes a stride of 0 may loop for ever.
        for (const [p, stride, name] of [
          [0, 0, 'stride'],
          [1, -1, 'stride'],
          [0, 1.5, 'stride'],
          [-1, 1, 'padding'],
          [1.5, 1, 'padding'],
        ] as const) {
          await s.rejects(
            'outputSize',
            [5, 2, p, stride],
            new RegExp(name, 'i'),
            `for padding ${p} and stride ${stride}`,
            'HyperparameterError',
          );
        }
        const [X, K] = [filled(4, 4), filled(2, 2)];
        for (const [ph, pw, sh, sw, name] of [
          [0, 0, 1, 0, 'stride'],
          [0, 0, 0.5, 1, 'stride'],
          [0, -2, 1, 1, 'padding'],
          [1.5, 0, 1, 1, 'padding'],
        ] as const) {
          await s.rejects(
            'corr2dPadStride',
            [X, K, ph, pw, sh, sw],
            new RegExp(name, 'i'),
            `for paddings ${ph}, ${pw} and strides ${sh}, ${sw}`,
            'HyperparameterError',
          );
        }
      },
    ),
  ],
});
