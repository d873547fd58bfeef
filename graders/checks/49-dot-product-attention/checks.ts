import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../../reference/random';
import { anySeed, normalTensor, seeded } from '../../lib/arbitraries';
import {
  anyLensKind,
  callAttention,
  drawLens,
  dropped,
  expectAttentionClose,
  expectMaskedDistributions,
  filled,
  float64Gradient,
} from '../../lib/attention';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { attend64, dotAttention64, exactM3, fromM3, m3, rowLengths } from '../../lib/float64/attention';
import { meanBound } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

interface Case {
  queries: TensorData;
  keys: TensorData;
  values: TensorData;
  validLens: TensorData | null;
}

/** Queries [b, n, d], keys [b, m, d], values [b, m, v] and valid lengths null, [b] or [b, n] (from `min` to m). */
function drawCase(rng: Rng, min = 0, m = 1 + rng.int(5)): Case {
  const [b, n, d, v] = [1 + rng.int(3), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(4)];
  return {
    queries: normalTensor(rng, [b, n, d]),
    keys: normalTensor(rng, [b, m, d]),
    values: normalTensor(rng, [b, m, v]),
    validLens: drawLens(rng, anyLensKind(rng), b, n, m, min),
  };
}

function expected(c: Case) {
  const [b, n, m] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!];
  return dotAttention64(m3(c.queries), m3(c.keys), m3(c.values), rowLengths(c.validLens, b, n, m));
}

function attention(s: Subject, c: Case, opts: object = {}) {
  const [b, n, m, v] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!, c.values.shape[2]!];
  return callAttention(
    s,
    'dotProductAttention',
    [c.queries, c.keys, c.values, c.validLens, opts],
    [b, n, v],
    [b, n, m],
  );
}

/** d2l's example: keys all ones, so every valid key scores the same and the output averages the valid values. */
const d2lExample: Case = {
  queries: TensorData.float([2, 1, 2], [0.5, -1.25, 2, 0.75]),
  keys: filled([2, 10, 2], 1),
  values: TensorData.float(
    [2, 10, 4],
    [...Array(2)].flatMap(() => Array.from({ length: 40 }, (_, i) => i)),
  ),
  validLens: TensorData.int([2], [2, 6]),
};

/** Dropout probabilities the dropout checks use. */
const P = [0.2, 0.5, 0.8];

export default defineExercise({
  id: '49-dot-product-attention',
  title: 'Scaled dot-product attention',
  file: 'dot-product-attention.ts',
  uses: ['47-masked-softmax', '13-dropout'],
  checks: [
    example(
      "d2l's example: keys all ones and valid lengths [2, 6] average the first 2 and the first 6 values, [[2, 3, 4, 5]] and [[10, 11, 12, 13]], in evaluation even with dropout 0.5",
      async (s) => {
        const { output } = await attention(s, d2lExample, { dropout: 0.5, training: false, seed: 3 });
        expectClose(
          output,
          TensorData.float([2, 1, 4], [2, 3, 4, 5, 10, 11, 12, 13]),
          "the output of d2l's example (keys ones [2, 10, 2], values arange(40) as [10, 4], twice)",
        );
      },
    ),
    reference(
      'output and attention weights match softmax(Q Kᵀ / √d) V computed in float64, with null, 1-D and 2-D valid lengths',
      seeded((rng) => drawCase(rng)),
      async (s, c) => expectAttentionClose(await attention(s, c), expected(c), c.validLens),
    ),
    property(
      'the attention weights are a distribution over the valid keys, exactly 0 beyond them',
      seeded((rng) => drawCase(rng, 1)),
      async (s, c) => expectMaskedDistributions((await attention(s, c)).attentionWeights, c.validLens),
    ),
    // Each score is q·k/√d with q, k of d independent N(0, 1) entries: mean 0, variance 1, and
    // E[s⁴] = 3 + 6/d, so the mean of n squared scores has standard error sqrt((2 + 6/d)/n). With
    // n = 2000 and d >= 16 five standard errors are 0.17: without the 1/√d the variance is d >= 16,
    // dividing by d gives 1/d <= 1/16.
    property(
      'scores of unit-variance queries and keys have variance 1 (the 1/√d), within 5 standard errors over 2000 pairs',
      fc.tuple(fc.integer({ min: 16, max: 96 }), anySeed),
      async (s, [d, seed]) => {
        const n = 2000;
        const rng = makeRng(seed);
        const [Q, K] = [normalTensor(rng, [n, 1, d]), normalTensor(rng, [n, 1, d])];
        const scores = expectTensor(await s.call('scaledDotProductScores', Q, K), 'scaledDotProductScores(Q, K)', [
          n,
          1,
          1,
        ]);
        const meanSquare = Array.from(scores.values).reduce((a, x) => a + x * x, 0) / n;
        const bound = meanBound(Math.sqrt(2 + 6 / d), n);
        ensure(
          Math.abs(meanSquare - 1) <= bound,
          `the ${n} scores of queries and keys of depth ${d} with N(0, 1) entries have variance ${formatNumber(meanSquare)}, expected 1 (±${formatNumber(bound)})`,
        );
      },
      { numRuns: 5 },
    ),
    property(
      'in evaluation dropout does nothing: output = attentionWeights · V, whatever the dropout probability',
      fc.tuple(
        seeded((rng) => drawCase(rng)),
        fc.constantFrom(...P),
        anySeed,
      ),
      async (s, [c, p, seed]) => {
        const got = await attention(s, c, { dropout: p, training: false, seed });
        const e = expected(c);
        expectClose(got.attentionWeights, fromM3(e.weights), `the attention weights in evaluation with dropout ${p}`);
        expectClose(got.output, fromM3(e.output), `the output in evaluation with dropout ${p}`);
      },
    ),
    property(
      "in training the output is dropout(attentionWeights) · V with 13-dropout's mask from the seed, and the weights returned are those before dropout",
      // Eight keys, no mask: some weights are dropped and some kept in every draw.
      fc.tuple(
        seeded((rng) => ({ ...drawCase(rng, 1, 8), validLens: null })),
        fc.constantFrom(...P),
        anySeed,
      ),
      async (s, [c, p, seed]) => {
        const got = await attention(s, c, { dropout: p, training: true, seed });
        const w = fromM3(expected(c).weights);
        expectClose(got.attentionWeights, w, `the attention weights returned in training (before dropout, p = ${p})`);
        expectClose(
          got.output,
          fromM3(attend64(m3(dropped(w, p, seed)), m3(c.values))),
          `the output in training with dropout ${p} and seed ${seed}, compared with dropoutLayer(attentionWeights, ${p}, ${seed}, true) · V`,
        );
      },
      { numRuns: 10 },
    ),
    float64Gradient('the gradients with respect to the queries, keys and values match finite differences', {
      fn: 'driveDotProductAttention',
      args: seeded((rng) => {
        const c = drawCase(rng, 1);
        return [c.queries, c.keys, c.values, c.validLens];
      }),
      wrt: [0, 1, 2],
      forward: (queries, keys, values, validLens) =>
        exactM3(
          expected({
            queries: queries as TensorData,
            keys: keys as TensorData,
            values: values as TensorData,
            validLens: validLens as TensorData | null,
          }).output,
        ),
    }),
    rejects(
      'queries and keys of different depth, or keys and values of different counts, get a ShapeMismatchError naming them',
      async (s) => {
        const t = (...shape: number[]) => filled(shape, 0.5);
        const depth = /quer.*key|key.*quer/i;
        await s.rejects(
          'scaledDotProductScores',
          [t(2, 3, 4), t(2, 5, 3)],
          depth,
          'when the queries have depth 4 and the keys depth 3',
          'ShapeMismatchError',
        );
        await s.rejects(
          'dotProductAttention',
          [t(2, 3, 4), t(2, 5, 3), t(2, 5, 6), null],
          depth,
          'when the queries have depth 4 and the keys depth 3',
          'ShapeMismatchError',
        );
        await s.rejects(
          'dotProductAttention',
          [t(2, 3, 4), t(2, 5, 4), t(2, 6, 2), null],
          /key.*value|value.*key/i,
          'when there are 5 keys and 6 values',
          'ShapeMismatchError',
        );
      },
    ),
  ],
});
