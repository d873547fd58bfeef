import * as fc from 'fast-check';
import type { Rng } from '../../../reference/random';
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
import { expectClose } from '../../lib/compare';
import {
  additiveAttention64,
  additiveScores64,
  attend64,
  exactM3,
  fromM3,
  m3,
  mat,
  rowLengths,
} from '../../lib/float64/attention';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';

interface Params {
  W_q: TensorData;
  W_k: TensorData;
  w_v: TensorData;
}
interface Case {
  params: Params;
  queries: TensorData;
  keys: TensorData;
  values: TensorData;
  validLens: TensorData | null;
}

/** Weights of scale 0.7 (tanh neither saturated nor linear), queries and keys of different sizes. */
function drawParams(rng: Rng, q: number, k: number, h: number): Params {
  return { W_q: normalTensor(rng, [q, h], 0.7), W_k: normalTensor(rng, [k, h], 0.7), w_v: normalTensor(rng, [h, 1]) };
}

function drawCase(rng: Rng, min = 0, m = 1 + rng.int(5)): Case {
  const [b, n, q, k, h, v] = [
    1 + rng.int(3),
    1 + rng.int(3),
    1 + rng.int(4),
    1 + rng.int(4),
    1 + rng.int(4),
    1 + rng.int(3),
  ];
  return {
    params: drawParams(rng, q, k, h),
    queries: normalTensor(rng, [b, n, q]),
    keys: normalTensor(rng, [b, m, k]),
    values: normalTensor(rng, [b, m, v]),
    validLens: drawLens(rng, anyLensKind(rng), b, n, m, min),
  };
}

function expected(c: Case) {
  const [b, n, m] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!];
  const { W_q, W_k, w_v } = c.params;
  return additiveAttention64(
    mat(W_q),
    mat(W_k),
    mat(w_v),
    m3(c.queries),
    m3(c.keys),
    m3(c.values),
    rowLengths(c.validLens, b, n, m),
  );
}

function attention(s: Subject, c: Case, opts: object = {}) {
  const [b, n, m, v] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!, c.values.shape[2]!];
  return callAttention(
    s,
    'additiveAttention',
    [c.params, c.queries, c.keys, c.values, c.validLens, opts],
    [b, n, v],
    [b, n, m],
  );
}

const P = [0.2, 0.5, 0.8];

export default defineExercise({
  id: '48-additive-attention',
  title: 'Additive attention',
  file: 'additive-attention.ts',
  uses: ['47-masked-softmax', '13-dropout'],
  checks: [
    example(
      "d2l's example: queries [2, 1, 20], keys all ones [2, 10, 2], h = 8, valid lengths [2, 6]: every valid key scores the same, so the output averages the valid values, [[2, 3, 4, 5]] and [[10, 11, 12, 13]], in evaluation even with dropout 0.1",
      async (s, { rng }) => {
        const c: Case = {
          params: drawParams(rng, 20, 2, 8),
          queries: normalTensor(rng, [2, 1, 20]),
          keys: filled([2, 10, 2], 1),
          values: TensorData.float(
            [2, 10, 4],
            [...Array(2)].flatMap(() => Array.from({ length: 40 }, (_, i) => i)),
          ),
          validLens: TensorData.int([2], [2, 6]),
        };
        const { output } = await attention(s, c, { dropout: 0.1, training: false, seed: 1 });
        expectClose(output, TensorData.float([2, 1, 4], [2, 3, 4, 5, 10, 11, 12, 13]), "the output of d2l's example");
      },
    ),
    reference(
      'additiveScores: a(q, k) = w_vᵀ tanh(W_q q + W_k k) for every query and key, as float64',
      seeded((rng) => drawCase(rng)),
      async (s, c) => {
        const [b, n, m] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!];
        const { W_q, W_k, w_v } = c.params;
        expectClose(
          await s.call('additiveScores', c.params, c.queries, c.keys),
          fromM3(additiveScores64(mat(W_q), mat(W_k), mat(w_v), m3(c.queries), m3(c.keys))),
          `additiveScores of queries [${b}, ${n}, ${c.queries.shape[2]}] and keys [${b}, ${m}, ${c.keys.shape[2]}]`,
        );
      },
    ),
    reference(
      'output and attention weights match w_vᵀ tanh(W_q q + W_k k), masked softmax and average computed in float64',
      seeded((rng) => drawCase(rng)),
      async (s, c) => expectAttentionClose(await attention(s, c), expected(c), c.validLens),
    ),
    property(
      'the attention weights are a distribution over the valid keys, exactly 0 beyond them',
      seeded((rng) => drawCase(rng, 1)),
      async (s, c) => expectMaskedDistributions((await attention(s, c)).attentionWeights, c.validLens),
    ),
    property(
      'in evaluation dropout does nothing; in training the output is dropout(attentionWeights) · V with the mask of 13-dropout from the seed',
      fc.tuple(
        seeded((rng) => ({ ...drawCase(rng, 1, 8), validLens: null })),
        fc.constantFrom(...P),
        anySeed,
      ),
      async (s, [c, p, seed]) => {
        const e = expected(c);
        const w = fromM3(e.weights);
        const evaluation = await attention(s, c, { dropout: p, training: false, seed });
        expectClose(evaluation.output, fromM3(e.output), `the output in evaluation with dropout ${p}`);
        const training = await attention(s, c, { dropout: p, training: true, seed });
        expectClose(
          training.attentionWeights,
          w,
          `the attention weights returned in training (before dropout, p = ${p})`,
        );
        expectClose(
          training.output,
          fromM3(attend64(m3(dropped(w, p, seed)), m3(c.values))),
          `the output in training with dropout ${p} and seed ${seed}, compared with dropoutLayer(attentionWeights, ${p}, ${seed}, true) · V`,
        );
      },
      { numRuns: 10 },
    ),
    float64Gradient(
      'the gradients with respect to the queries, keys, values, W_q, W_k and w_v match finite differences',
      {
        fn: 'driveAdditiveAttention',
        args: seeded((rng) => {
          const c = drawCase(rng, 1, 1 + rng.int(4));
          return [c.queries, c.keys, c.values, c.params.W_q, c.params.W_k, c.params.w_v, c.validLens];
        }),
        wrt: [0, 1, 2, 3, 4, 5],
        forward: (queries, keys, values, W_q, W_k, w_v, validLens) =>
          exactM3(
            expected({
              params: { W_q, W_k, w_v } as Params,
              queries: queries as TensorData,
              keys: keys as TensorData,
              values: values as TensorData,
              validLens: validLens as TensorData | null,
            }).output,
          ),
      },
    ),
    rejects(
      'a W_q or W_k that does not fit the queries or keys, or keys and values of different counts, get a ShapeMismatchError naming them',
      async (s) => {
        const t = (...shape: number[]) => filled(shape, 0.5);
        const params = { W_q: t(4, 3), W_k: t(2, 3), w_v: t(3, 1) };
        await s.rejects(
          'additiveAttention',
          [params, t(2, 1, 5), t(2, 6, 2), t(2, 6, 3), null],
          /W_q/,
          'when W_q has 4 rows and the queries 5 features',
          'ShapeMismatchError',
        );
        await s.rejects(
          'additiveAttention',
          [params, t(2, 1, 4), t(2, 6, 3), t(2, 6, 3), null],
          /W_k/,
          'when W_k has 2 rows and the keys 3 features',
          'ShapeMismatchError',
        );
        await s.rejects(
          'additiveAttention',
          [params, t(2, 1, 4), t(2, 6, 2), t(2, 5, 3), null],
          /key.*value|value.*key/i,
          'when there are 6 keys and 5 values',
          'ShapeMismatchError',
        );
      },
    ),
  ],
});
