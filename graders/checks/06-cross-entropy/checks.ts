import * as fc from 'fast-check';
import * as ref from '../../../reference/06-cross-entropy';
import { makeRng } from '../../../reference/random';
import { dim, normalTensor, tensor } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectFinite, expectTensor } from '../../lib/compare';
import { CheckFailure } from '../../lib/failure';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refCrossEntropy = viaTf(ref.crossEntropy);
const refSoftmaxCrossEntropy = viaTf(ref.softmaxCrossEntropy);

/** Labels in [0, q) for n examples. */
const labels = (n: number, q: number) =>
  fc.array(fc.integer({ min: 0, max: q - 1 }), { minLength: n, maxLength: n }).map((v) => TensorData.int([n], v));

/** n rows of q logits with their labels. */
const logitsAndLabels = (range = { min: -10, max: 10 }) =>
  fc.tuple(dim(1, 6), dim(2, 6)).chain(([n, q]) => fc.tuple(tensor([n, q], range), labels(n, q)));

/** Rows of softmax(o) in float64, rounded to float32: probabilities from an independent computation. */
function softmaxRows(o: TensorData): TensorData {
  return TensorData.float(
    o.shape,
    o.rows().flatMap((row) => {
      const m = Math.max(...row);
      const e = row.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / z);
    }),
  );
}

/**
 * Two rows added to o, each mixing -1e4, 1e4 and 0, with labels 0 (2e4 below the maximum) and 1
 * (the maximum): only the row maximum stabilises a row that spans 2e4 (a whole row shifted by one
 * constant is stabilised by any statistic of it).
 */
function withMixedRows(o: TensorData, y: TensorData): readonly [TensorData, TensorData] {
  const q = o.shape[1]!;
  const mixed = [-1e4, 1e4, 0];
  const rows = [0, 1].map((r) => Array.from({ length: q }, (_, j) => mixed[(j + r) % 3]!));
  return [
    TensorData.float([o.shape[0]! + 2, q], [...o.values, ...rows.flat()]),
    TensorData.int([y.size + 2], [...y.values, 0, 0]),
  ] as const;
}

/** Logits with entries offset by -1e4, 0 or +1e4, and the two mixed rows: the true class may lie 2e4 below the maximum. */
const hugeLogits = logitsAndLabels({ min: -20, max: 20 }).chain(([o, y]) =>
  fc.array(fc.constantFrom(-1e4, 0, 1e4), { minLength: o.size, maxLength: o.size }).map((off) =>
    withMixedRows(
      o.map((x, i) => x + off[i]!),
      y,
    ),
  ),
);

export default defineExercise({
  id: '06-cross-entropy',
  title: 'Cross-entropy loss',
  file: 'cross-entropy.ts',
  checks: [
    example("d2l's example: ŷ = [[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]], y = [0, 2] gives [-ln 0.1, -ln 0.5]", async (s) => {
      const got = await s.tensor(
        'crossEntropy',
        TensorData.of([
          [0.1, 0.3, 0.6],
          [0.3, 0.2, 0.5],
        ]),
        TensorData.int([2], [0, 2]),
      );
      expectClose(got, TensorData.float([2], [-Math.log(0.1), -Math.log(0.5)]), 'crossEntropy(ŷ, y)');
    }),
    property(
      'crossEntropy is non-negative, and 0 exactly when the true class gets probability 1',
      logitsAndLabels().map(([o, y]) => [softmaxRows(o), y] as const),
      async (s, [p, y]) => {
        const loss = expectTensor(await s.call('crossEntropy', p, y), 'crossEntropy(ŷ, y)', [p.shape[0]!]);
        const neg = loss.values.findIndex((l) => l < 0);
        if (neg >= 0)
          throw new CheckFailure(
            `crossEntropy gave ${formatNumber(loss.values[neg]!)} for example ${neg}: a loss is never negative`,
          );
        const q = p.shape[1]!;
        const perfect = TensorData.float(
          p.shape,
          [...y.values].flatMap((c) => Array.from({ length: q }, (_, j) => (j === c ? 1 : 0))),
        );
        expectClose(
          await s.call('crossEntropy', perfect, y),
          TensorData.float([y.size], new Array(y.size).fill(0)),
          'crossEntropy of a perfect prediction',
          { atol: 1e-7, rtol: 0 },
        );
      },
    ),
    reference(
      'crossEntropy matches the reference on random predictions',
      logitsAndLabels().map(([o, y]) => [softmaxRows(o), y] as const),
      async (s, [p, y]) => {
        expectClose(await s.call('crossEntropy', p, y), refCrossEntropy(p, y), 'crossEntropy(ŷ, y)');
      },
    ),
    reference(
      "softmaxCrossEntropy matches the reference (tfjs's log-softmax) on random logits",
      logitsAndLabels(),
      async (s, [o, y]) => {
        expectClose(
          await s.call('softmaxCrossEntropy', o, y),
          refSoftmaxCrossEntropy(o, y),
          'softmaxCrossEntropy(o, y)',
        );
      },
    ),
    property(
      'softmaxCrossEntropy of logits up to ±1e4 apart is finite and correct (log-sum-exp with the maximum taken out)',
      hugeLogits,
      async (s, [o, y]) => {
        const loss = expectTensor(await s.call('softmaxCrossEntropy', o, y), 'softmaxCrossEntropy(o, y)', [
          o.shape[0]!,
        ]);
        expectFinite(loss, 'softmaxCrossEntropy(o, y)');
        // Losses reach 2e4, where float32 resolves steps of 2e-3.
        expectClose(loss, refSoftmaxCrossEntropy(o, y), 'softmaxCrossEntropy(o, y)', { atol: 4e-3, rtol: 1e-5 });
      },
    ),
    // The closed form, in float64: d(loss_i)/d(o_ij) = softmax(o_i)_j - [j = y_i], times the upstream dy_i.
    // Every run also has the two rows mixing ±1e4.
    property(
      'the gradient of softmaxCrossEntropy with respect to the logits is softmax(o) - onehot(y), for small logits and rows mixing ±1e4',
      fc.tuple(logitsAndLabels({ min: -5, max: 5 }), fc.integer()),
      async (s, [[o0, y0], seed]) => {
        const [o, y] = withMixedRows(o0, y0);
        const n = o.shape[0]!;
        const q = o.shape[1]!;
        const dy = normalTensor(makeRng(seed), [n]);
        const { grads } = await s.vjp('softmaxCrossEntropy', [o, y], [0], dy);
        const p = softmaxRows(o);
        const expected = p.map(
          (x, k) => dy.values[Math.floor(k / q)]! * (x - (k % q === y.values[Math.floor(k / q)] ? 1 : 0)),
        );
        expectClose(grads[0], expected, 'the gradient of softmaxCrossEntropy with respect to the logits', {
          atol: 1e-6,
          rtol: 1e-4,
        });
      },
    ),
    example(
      'a true class of probability 1e-30 costs -log 1e-30 = 69.08 (the log of the probability itself, no clipping)',
      async (s) => {
        const p = TensorData.of([
          [1e-30, 1, 0],
          [0.5, 0.25, 0.25],
        ]);
        const got = await s.call('crossEntropy', p, TensorData.int([2], [0, 2]));
        expectClose(got, TensorData.float([2], [-Math.log(p.values[0]!), Math.log(4)]), 'crossEntropy(ŷ, y)');
      },
    ),
    rejects('labels 0 and q - 1 are classes; a label of -1 or q gives an IndexOutOfRangeError', async (s) => {
      const p = softmaxRows(
        TensorData.of([
          [1, 2, 3],
          [0.5, -1, 2],
        ]),
      );
      const o = TensorData.of([
        [1, 2, 3],
        [0.5, -1, 2],
      ]);
      const edges = TensorData.int([2], [0, 2]);
      expectClose(
        await s.call('crossEntropy', p, edges),
        refCrossEntropy(p, edges),
        'crossEntropy(ŷ, [0, 2]) with q = 3',
      );
      expectClose(
        await s.call('softmaxCrossEntropy', o, edges),
        refSoftmaxCrossEntropy(o, edges),
        'softmaxCrossEntropy(o, [0, 2]) with q = 3',
      );
      for (const bad of [-1, 3])
        for (const [fn, x] of [
          ['crossEntropy', p],
          ['softmaxCrossEntropy', o],
        ] as const)
          await s.rejects(
            fn,
            [x, TensorData.int([2], [1, bad])],
            new RegExp(`${bad}`),
            `when a label is ${bad} for q = 3 classes`,
            'IndexOutOfRangeError',
          );
    }),
    gradient('the gradient of crossEntropy with respect to ŷ matches finite differences', {
      fn: 'crossEntropy',
      // Probabilities of at least 0.2: the step 1e-2 of finite differences must be small next to them.
      args: fc
        .tuple(dim(1, 5), dim(2, 5))
        .chain(([n, q]) => fc.tuple(tensor([n, q], { min: 0.2, max: 1 }), labels(n, q))),
      wrt: [0],
      forward: (p, y) => refCrossEntropy(p as TensorData, y as TensorData),
    }),
  ],
});
