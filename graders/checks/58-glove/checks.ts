import * as fc from 'fast-check';
import * as ref from '../../../reference/58-glove';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { dot } from '../../lib/float64/word2vec';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const show = (v: unknown) => JSON.stringify(v);
const refCooc = viaTf(ref.cooccurrence);
const refWeight = viaTf(ref.gloveWeight);

/** Sentences of word indices below N (0 to 9 words each), a window and the weighting. */
const coocCase = seeded((rng) => {
  const N = 2 + rng.int(6);
  return {
    corpus: Array.from({ length: 1 + rng.int(4) }, () => Array.from({ length: rng.int(10) }, () => rng.int(N))),
    N,
    windowSize: 1 + rng.int(4),
    distanceWeighted: rng.uniform() < 0.5,
  };
});

async function cooc(s: Subject, corpus: number[][], N: number, w: number, weighted: boolean): Promise<TensorData> {
  return expectTensor(
    await s.call('cooccurrence', corpus, N, w, weighted),
    `cooccurrence(${show(corpus)}, ${N}, ${w}, ${weighted})`,
    [N, N],
  );
}

const h64 = (x: number, c = 100, alpha = 0.75) => (x < c ? (x / c) ** alpha : 1);

function gloveLoss64(V: TensorData, U: TensorData, b: TensorData, c: TensorData, X: TensorData): number {
  const [v, u] = [V.rows(), U.rows()];
  let loss = 0;
  X.rows().forEach((row, i) =>
    row.forEach((x, j) => {
      if (x > 0) loss += h64(x) * (dot(u[j]!, v[i]!) + b.values[i]! + c.values[j]! - Math.log(x)) ** 2;
    }),
  );
  return loss;
}

/** Vectors, biases and counts 0 … 150 (about a third of them 0, some above c = 100). */
const lossCase = seeded((rng) => {
  const [N, d] = [2 + rng.int(5), 1 + rng.int(3)];
  return {
    V: normalTensor(rng, [N, d], 0.5),
    U: normalTensor(rng, [N, d], 0.5),
    b: normalTensor(rng, [N], 0.5),
    c: normalTensor(rng, [N], 0.5),
    X: TensorData.float(
      [N, N],
      Array.from({ length: N * N }, () => (rng.uniform() < 0.35 ? 0 : 1 + rng.int(150))),
    ),
  };
});

async function loss(
  s: Subject,
  V: TensorData,
  U: TensorData,
  b: TensorData,
  c: TensorData,
  X: TensorData,
): Promise<number> {
  return expectTensor(await s.call('gloveLoss', V, U, b, c, X), 'gloveLoss(V, U, b, c, X)', []).values[0]!;
}

export default defineExercise({
  id: '58-glove',
  title: 'GloVe: co-occurrence counts, the weight h(x) and the loss',
  file: 'glove.ts',
  checks: [
    example(
      "d2l's multiset: w_i seen twice with contexts k, j, m, k and k, l, k, j gives x_ij = 2, x_ik = 4, x_il = 1, x_im = 1",
      async (s) => {
        // i = 0, j = 1, k = 2, l = 3, m = 4: "k j i m k" and "k l i k j" with a window of 2.
        const X = await cooc(
          s,
          [
            [2, 1, 0, 4, 2],
            [2, 3, 0, 2, 1],
          ],
          5,
          2,
          false,
        );
        ensure(
          show(X.rows()[0]) === show([0, 2, 4, 1, 1]),
          `row i of X is ${show(X.rows()[0])}, expected [x_ii, x_ij, x_ik, x_il, x_im] = [0, 2, 4, 1, 1]`,
        );
      },
    ),
    property(
      'X is symmetric (x_ij = x_ji), and without distance weights its entries add up to twice the number of pairs within the window',
      coocCase,
      async (s, { corpus, N, windowSize }) => {
        const X = await cooc(s, corpus, N, windowSize, false);
        for (let i = 0; i < N; i++)
          for (let j = 0; j < N; j++)
            ensure(
              X.get(i, j) === X.get(j, i),
              `x_${i}${j} = ${X.get(i, j)} but x_${j}${i} = ${X.get(j, i)}: co-occurrence is symmetric`,
            );
        const pairs = corpus.reduce(
          (n, line) =>
            n +
            Array.from({ length: line.length }, (_, t) => Math.min(windowSize, line.length - 1 - t)).reduce(
              (a, b) => a + b,
              0,
            ),
          0,
        );
        const total = Array.from(X.values).reduce((a, b) => a + b, 0);
        ensure(
          total === 2 * pairs,
          `the counts add up to ${total}; ${pairs} pairs lie within ${windowSize} of each other in ${show(corpus)}, each counted both ways: ${2 * pairs}`,
        );
      },
    ),
    reference(
      'cooccurrence matches the reference, with and without distance weights 1 / |s − t|',
      coocCase,
      async (s, { corpus, N, windowSize, distanceWeighted }) => {
        expectClose(
          await cooc(s, corpus, N, windowSize, distanceWeighted),
          refCooc(corpus, N, windowSize, distanceWeighted),
          `cooccurrence(${show(corpus)}, ${N}, ${windowSize}, ${distanceWeighted})`,
        );
      },
    ),
    example(
      'h(0) = 0, h(50) = 0.5^0.75, h(100) = 1, h(1000) = 1 (c = 100, α = 0.75); with c = 10, α = 1: h(5) = 0.5',
      async (s) => {
        const X = TensorData.float([4], [0, 50, 100, 1000]);
        expectClose(
          await s.tensor('gloveWeight', X),
          TensorData.float([4], [0, 0.5 ** 0.75, 1, 1]),
          'gloveWeight([0, 50, 100, 1000])',
        );
        expectClose(
          await s.tensor('gloveWeight', TensorData.float([2], [5, 30]), 10, 1),
          TensorData.float([2], [0.5, 1]),
          'gloveWeight([5, 30], 10, 1)',
        );
      },
    ),
    reference(
      'gloveWeight matches the reference on counts from 0 to 300, for several c and α',
      fc.record({
        x: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }),
        c: fc.constantFrom(1, 10, 100, 150),
        alpha: fc.constantFrom(0.5, 0.75, 1),
      }),
      async (s, { x, c, alpha }) => {
        const X = TensorData.float([x.length], x);
        expectClose(
          await s.tensor('gloveWeight', X, c, alpha),
          refWeight(X, c, alpha),
          `gloveWeight(${show(x)}, ${c}, ${alpha})`,
        );
      },
    ),
    reference(
      'gloveLoss is Σ over x_ij > 0 of h(x_ij)(u_jᵀ v_i + b_i + c_j − log x_ij)², zero counts adding nothing',
      lossCase,
      async (s, { V, U, b, c, X }) => {
        const got = await loss(s, V, U, b, c, X);
        const expected = gloveLoss64(V, U, b, c, X);
        ensure(
          Number.isFinite(got) && Math.abs(got - expected) <= 1e-5 + 1e-4 * Math.abs(expected),
          `gloveLoss is ${formatNumber(got)}, expected ${formatNumber(expected)}${Number.isFinite(got) ? '' : ' (a zero count must add nothing: log 0 = −∞ times h(0) = 0 is NaN)'}`,
          [`X = ${X}`],
        );
      },
    ),
    property(
      'the loss vanishes when the model fits every nonzero count: x_ij = exp(u_jᵀ v_i + b_i + c_j)',
      lossCase,
      async (s, { V, U, b, c, X }) => {
        const [v, u] = [V.rows(), U.rows()];
        const N = b.size;
        const fitted = X.map((x, k) => {
          const [i, j] = [Math.floor(k / N), k % N];
          return x > 0 ? Math.exp(dot(u[j]!, v[i]!) + b.values[i]! + c.values[j]!) : 0;
        });
        const got = await loss(s, V, U, b, c, fitted);
        // Each log of a float32 count is off by at most 6e-8: squared, far below 1e-6.
        ensure(
          Math.abs(got) <= 1e-6,
          `gloveLoss is ${formatNumber(got)} for counts the model fits exactly, expected 0`,
          [`X = ${fitted}`],
        );
      },
    ),
    gradient(
      'the gradient of gloveLoss with respect to V, U, b and c matches finite differences (zero counts included)',
      {
        fn: 'gloveLoss',
        args: lossCase.map(({ V, U, b, c, X }) => [V, U, b, c, X]),
        wrt: [0, 1, 2, 3],
        forward: (V, U, b, c, X) =>
          TensorData.float(
            [],
            [gloveLoss64(V as TensorData, U as TensorData, b as TensorData, c as TensorData, X as TensorData)],
          ),
      },
    ),
    rejects('a window or a cut-off outside its range is a HyperparameterError naming it', async (s) => {
      for (const w of [0, 1.5])
        await s.rejects(
          'cooccurrence',
          [[[0, 1]], 2, w],
          /windowSize/,
          `when windowSize = ${w}`,
          'HyperparameterError',
        );
      for (const c of [0, -1])
        await s.rejects(
          'gloveWeight',
          [TensorData.float([1], [3]), c],
          /\bc\b/,
          `when c = ${c}`,
          'HyperparameterError',
        );
      await s.rejects(
        'gloveWeight',
        [TensorData.float([1], [3]), 100, -0.5],
        /alpha/,
        'when alpha = −0.5',
        'HyperparameterError',
      );
    }),
  ],
});
