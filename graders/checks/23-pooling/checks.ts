import * as fc from 'fast-check';
import * as ref from '../../../reference/23-pooling';
import { dim, quarters, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, reference, rejects } from '../../lib/checks';
import { expectClose } from '../../lib/compare';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refPool = { max: viaTf(ref.maxPool2d), avg: viaTf(ref.avgPool2d) };

type Size2 = number | [number, number];
const pair = (v: Size2): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * Window sides, strides and channel count drawn per axis (so most windows are not square); each
 * padding 0 or half its window side (the most nn.MaxPool2d allows, so every window holds some
 * input); an input that holds a window once padded. Equal sides are sometimes passed as one number.
 */
const setting = fc
  .record({
    kh: dim(1, 3),
    kw: dim(1, 3),
    sh: dim(1, 3),
    sw: dim(1, 3),
    c: dim(1, 3),
    padH: fc.boolean(),
    padW: fc.boolean(),
    h: fc.nat(4),
    w: fc.nat(4),
    asNumbers: fc.boolean(),
  })
  .map(({ kh, kw, sh, sw, c, padH, padW, h, w, asNumbers }) => {
    const [ph, pw] = [padH ? Math.floor(kh / 2) : 0, padW ? Math.floor(kw / 2) : 0];
    const arg = (a: number, b: number): Size2 => (asNumbers && a === b ? a : [a, b]);
    return {
      k: arg(kh, kw),
      s: arg(sh, sw),
      p: arg(ph, pw),
      shape: [c, Math.max(1, kh - 2 * ph) + h, Math.max(1, kw - 2 * pw) + w],
    };
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

const show = (v: Size2) => (typeof v === 'number' ? String(v) : `[${v.join(', ')}]`);

/** pool2d(X, ...) against the reference of its mode. */
async function agrees(
  s: Subject,
  mode: 'max' | 'avg',
  { X, k, s: stride, p }: { X: TensorData; k: Size2; s: Size2; p: Size2 },
): Promise<void> {
  expectClose(
    await s.call('pool2d', X, k, stride, p, mode),
    refPool[mode](X, k, stride, p),
    `pool2d(X, ${show(k)}, ${show(stride)}, ${show(p)}, '${mode}')`,
  );
}

/**
 * Max pooling in float64, from its definition: the largest input element of each window, the
 * padding never counted (an empty window would be -Infinity; padding <= half a window rules it out).
 */
function maxPoolF64(X: TensorData, k: Size2, stride: Size2, padding: Size2): TensorData {
  const [c, h, w] = X.shape as [number, number, number];
  const [[kh, kw], [sh, sw], [ph, pw]] = [pair(k), pair(stride), pair(padding)];
  const [oh, ow] = [Math.floor((h + 2 * ph - kh) / sh) + 1, Math.floor((w + 2 * pw - kw) / sw) + 1];
  const out: number[] = [];
  for (let ch = 0; ch < c; ch++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        let m = -Infinity;
        for (let a = 0; a < kh; a++)
          for (let b = 0; b < kw; b++) {
            const [r, q] = [i * sh + a - ph, j * sw + b - pw];
            if (r >= 0 && r < h && q >= 0 && q < w) m = Math.max(m, X.get(ch, r, q));
          }
        out.push(m);
      }
  return TensorData.float([c, oh, ow], out);
}

const arange = (shape: number[]) =>
  TensorData.float(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i),
  );

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
    example(
      "d2l's non-square window: nn.MaxPool2d((2, 3), stride=(2, 3), padding=(0, 1)) on arange(16) as 4 × 4 gives [[5, 7], [13, 15]]; the average (padding counted) [[10/6, 3], [7, 50/6]]",
      async (s) => {
        const X = arange([1, 4, 4]);
        expectClose(
          await s.call('pool2d', X, [2, 3], [2, 3], [0, 1], 'max'),
          TensorData.of([
            [
              [5, 7],
              [13, 15],
            ],
          ]),
          "pool2d(X, [2, 3], [2, 3], [0, 1], 'max')",
        );
        expectClose(
          await s.call('pool2d', X, [2, 3], [2, 3], [0, 1], 'avg'),
          TensorData.of([
            [
              [10 / 6, 3],
              [7, 50 / 6],
            ],
          ]),
          "pool2d(X, [2, 3], [2, 3], [0, 1], 'avg')",
        );
      },
    ),
    // Any finite stand-in for -Infinity loses somewhere: -1e30 beats -1e9, float32's lowest beats -3e38, -Infinity beats float32's lowest.
    example(
      'the padding never wins a max-pooling window, whatever the input holds: borders of -1e30, float32’s lowest -3.4028235e38, and -Infinity',
      async (s) => {
        const lowest = -3.4028234663852886e38;
        const X = TensorData.float(
          [2, 3, 3],
          [
            [-1e30, lowest, -Infinity, -2e30, 5, -Infinity, -Infinity, -Infinity, -Infinity],
            [lowest, -1e30, 0.5, -Infinity, -3e38, -2, -1e30, lowest, -Infinity],
          ].flat(),
        );
        for (const [k, st, p] of [
          [2, 1, 1],
          [
            [3, 2],
            [2, 1],
            [1, 1],
          ],
        ] as [Size2, Size2, Size2][]) {
          expectClose(
            await s.call('pool2d', X, k, st, p, 'max'),
            maxPoolF64(X, k, st, p),
            `pool2d(X, ${show(k)}, ${show(st)}, ${show(p)}, 'max') on extreme negatives`,
          );
        }
      },
    ),
    example(
      'the edges of the settings: a 1 × 1 window with stride 1 gives X back (a new tensor); a padding of half the window is allowed; a window as large as the padded input gives one output',
      async (s) => {
        const X = TensorData.float([2, 2, 3], [1, -2, 0.5, 3, -1, 2, -4, 0.25, 1.5, -0.5, 2.5, -3]);
        expectClose(await s.call('pool2d', X, 1, 1, 0, 'max'), X, "pool2d(X, 1, 1, 0, 'max')");
        expectClose(
          await s.call('pool2d', X, [1, 1], [1, 1], [0, 0], 'avg'),
          X,
          "pool2d(X, [1, 1], [1, 1], [0, 0], 'avg')",
        );
        await agrees(s, 'max', { X, k: 2, s: 1, p: 1 });
        await agrees(s, 'avg', { X, k: [2, 2], s: [2, 1], p: [1, 1] });
        expectClose(
          await s.call('pool2d', X, [2, 3], 1, 0, 'max'),
          TensorData.float([2, 1, 1], [3, 2.5]),
          "pool2d(X, [2, 3], 1, 0, 'max'), one window per channel",
        );
        expectClose(
          await s.call('pool2d', X, [4, 3], 2, [1, 0], 'avg'),
          TensorData.float([2, 1, 1], [3.5 / 12, -3.25 / 12]),
          "pool2d(X, [4, 3], 2, [1, 0], 'avg'), one window of the padded 4 × 3 per channel",
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
      forward: (X, k, s, p) => refPool.max(X as TensorData, k as Size2, s as Size2, p as Size2),
    }),
    gradient(
      "average pooling's gradient (tfjs autodiff) spreads 1/k² over each window: it matches finite differences",
      {
        fn: 'pool2d',
        args: problem.map(({ X, k, s, p }) => [X, k, s, p, 'avg']),
        wrt: [0],
        forward: (X, k, s, p) => refPool.avg(X as TensorData, k as Size2, s as Size2, p as Size2),
      },
    ),
    rejects(
      "settings outside nn.MaxPool2d's range get a HyperparameterError naming the setting, and a window larger than the padded input a KernelTooLargeError",
      async (s) => {
        const X = arange([1, 3, 4]);
        // A negative stride first: a solution without the check may loop for ever on a stride of 0
        // (here, with a window as large as the padded input, it has no window to loop over).
        for (const [k, st, p, mode, name] of [
          [0, 1, 0, 'max', /pool ?size|window/i],
          [[2, 0], 1, 0, 'max', /pool ?size|window/i],
          [1.5, 1, 0, 'avg', /pool ?size|window/i],
          [2, -1, 0, 'max', /stride/i],
          [2, [1, 1.5], 0, 'avg', /stride/i],
          [[3, 4], 0, 0, 'max', /stride/i],
          [2, 1, -1, 'max', /padding/i],
          [3, 1, 2, 'max', /padding/i],
          [[2, 3], 1, [1, 2], 'avg', /padding/i],
          [1, 1, 1, 'max', /padding/i],
          [2, 1, 0, 'mean', /mode|mean/i],
        ] as [Size2, Size2, Size2, string, RegExp][]) {
          await s.rejects(
            'pool2d',
            [X, k, st, p, mode],
            name,
            `for poolSize ${show(k)}, stride ${show(st)}, padding ${show(p)}, mode '${mode}'`,
            'HyperparameterError',
          );
        }
        for (const [k, p] of [
          [[4, 2], 0],
          [[2, 5], 0],
          [
            [8, 4],
            [2, 0],
          ],
        ] as [Size2, Size2][]) {
          await s.rejects(
            'pool2d',
            [X, k, 1, p, 'max'],
            /larger/i,
            `for a ${pair(k).join('x')} window on a 3x4 input padded by ${show(p)}`,
            'KernelTooLargeError',
          );
        }
      },
    ),
  ],
});
