import * as ref from '../../../reference/55-word2vec-prob';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectNumberClose, expectRowsAreDistributions, expectTensor } from '../../lib/compare';
import { cbowLoss64, pairCount, skipGramLoss64 } from '../../lib/float64/word2vec';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refSkipGram = viaTf(ref.skipGramProbs);
const refCbow = viaTf(ref.cbowProbs);

const ints = (rng: Rng, n: number, hi: number) => Array.from({ length: n }, () => rng.int(hi));

/** A vocabulary of N words with d-dimensional vectors V and U, centers and context rows drawn from it. */
const probCase = seeded((rng) => {
  const [N, d, n, k] = [2 + rng.int(6), 1 + rng.int(4), 1 + rng.int(5), 1 + rng.int(4)];
  return {
    V: normalTensor(rng, [N, d]),
    U: normalTensor(rng, [N, d]),
    centers: TensorData.int([n], ints(rng, n, N)),
    contexts: TensorData.int([n, k], ints(rng, n * k, N)),
  };
});

/** A sequence of T words (T = 1 included: no context) and a window m, with vectors of scale 1. */
const lossCase = seeded((rng) => {
  const [N, d, T, m] = [2 + rng.int(5), 1 + rng.int(3), 1 + rng.int(8), 1 + rng.int(3)];
  return { V: normalTensor(rng, [N, d]), U: normalTensor(rng, [N, d]), seq: ints(rng, T, N), m };
});

async function probs(s: Subject, fn: 'skipGramProbs' | 'cbowProbs', V: TensorData, U: TensorData, idx: TensorData) {
  return expectTensor(await s.call(fn, V, U, idx), `${fn}(V, U, ${idx})`, [idx.shape[0]!, V.shape[0]!]);
}

async function loss(
  s: Subject,
  fn: 'skipGramLoss' | 'cbowLoss',
  V: TensorData,
  U: TensorData,
  seq: number[],
  m: number,
) {
  return expectTensor(await s.call(fn, V, U, seq, m), `${fn}(V, U, [${seq}], ${m})`, []).values[0]!;
}

const loss64 = { skipGramLoss: skipGramLoss64, cbowLoss: cbowLoss64 } as const;

/** A loss check's gradient: with respect to V and U, against finite differences of the float64 loss. */
const lossGradient = (fn: 'skipGramLoss' | 'cbowLoss') =>
  gradient(`the gradient of ${fn} with respect to V and U matches finite differences`, {
    fn,
    args: lossCase.filter(({ seq }) => seq.length >= 2).map(({ V, U, seq, m }) => [V, U, seq, m]),
    wrt: [0, 1],
    forward: (V, U, seq, m) =>
      TensorData.float(
        [],
        [loss64[fn]((V as TensorData).rows(), (U as TensorData).rows(), seq as number[], m as number)],
      ),
  });

const zeros = (t: TensorData) => t.map(() => 0);

export default defineExercise({
  id: '55-word2vec-prob',
  title: 'word2vec: skip-gram and CBOW probabilities',
  file: 'word2vec-prob.ts',
  checks: [
    example('with u = 0, ln 2, ln 3 and v_c = 1, P(· | w_c) is 1/6, 2/6, 3/6 for both models', async (s) => {
      const U = TensorData.of([[0], [Math.log(2)], [Math.log(3)]]);
      const expected = TensorData.of([[1 / 6, 2 / 6, 3 / 6]]);
      expectClose(
        await probs(s, 'skipGramProbs', TensorData.of([[5], [1], [7]]), U, TensorData.int([1], [1])),
        expected,
        'skipGramProbs with v_c = 1',
      );
      // v̄ = (0 + 2) / 2 = 1: the CBOW averages its two context vectors.
      expectClose(
        await probs(s, 'cbowProbs', TensorData.of([[0], [5], [2]]), U, TensorData.int([1, 2], [0, 2])),
        expected,
        'cbowProbs with context vectors 0 and 2 (mean 1)',
      );
    }),
    property(
      'skip-gram: each row P(· | w_c) is a distribution over the vocabulary (sums to 1)',
      probCase,
      async (s, { V, U, centers }) => {
        expectRowsAreDistributions(await probs(s, 'skipGramProbs', V, U, centers), 'skipGramProbs(V, U, centers)');
      },
    ),
    reference('skipGramProbs matches the reference', probCase, async (s, { V, U, centers }) => {
      expectClose(
        await probs(s, 'skipGramProbs', V, U, centers),
        refSkipGram(V, U, centers),
        'skipGramProbs(V, U, centers)',
      );
    }),
    property(
      'CBOW: each row P(· | context) is a distribution over the vocabulary (sums to 1)',
      probCase,
      async (s, { V, U, contexts }) => {
        expectRowsAreDistributions(await probs(s, 'cbowProbs', V, U, contexts), 'cbowProbs(V, U, contexts)');
      },
    ),
    property(
      'CBOW averages its context: a context of k copies of one word gives that word alone, and the order of the context does not matter',
      probCase,
      async (s, { V, U, contexts }) => {
        const [n, k] = contexts.shape as [number, number];
        const first = TensorData.int(
          [n, 1],
          contexts.rows().map((r) => r[0]!),
        );
        const copies = TensorData.int(
          [n, 3],
          contexts.rows().flatMap((r) => [r[0]!, r[0]!, r[0]!]),
        );
        expectClose(
          await probs(s, 'cbowProbs', V, U, copies),
          await probs(s, 'cbowProbs', V, U, first),
          'cbowProbs with each context word three times, compared with the word once',
        );
        const reversed = TensorData.int(
          [n, k],
          contexts.rows().flatMap((r) => [...r].reverse()),
        );
        expectClose(
          await probs(s, 'cbowProbs', V, U, reversed),
          await probs(s, 'cbowProbs', V, U, contexts),
          'cbowProbs with each context reversed, compared with the context in order',
        );
      },
    ),
    reference('cbowProbs matches the reference', probCase, async (s, { V, U, contexts }) => {
      expectClose(await probs(s, 'cbowProbs', V, U, contexts), refCbow(V, U, contexts), 'cbowProbs(V, U, contexts)');
    }),
    reference(
      'skipGramLoss is −Σ_t Σ_{0<|j|≤m} log P(w⁽ᵗ⁺ʲ⁾ | w⁽ᵗ⁾), steps outside the sequence left out',
      lossCase,
      async (s, { V, U, seq, m }) => {
        expectNumberClose(
          await loss(s, 'skipGramLoss', V, U, seq, m),
          skipGramLoss64(V.rows(), U.rows(), seq, m),
          `skipGramLoss(V, U, [${seq}], ${m})`,
        );
      },
    ),
    property(
      'with U = 0 every word is equally likely: the skip-gram loss is (the number of center–context pairs) · log N',
      lossCase,
      async (s, { V, U, seq, m }) => {
        const pairs = pairCount(seq.length, m);
        expectNumberClose(
          await loss(s, 'skipGramLoss', V, zeros(U), seq, m),
          pairs * Math.log(U.shape[0]!),
          `skipGramLoss with U = 0 on a sequence of ${seq.length} words with m = ${m} (${pairs} pairs, N = ${U.shape[0]})`,
        );
      },
    ),
    lossGradient('skipGramLoss'),
    reference(
      'cbowLoss is −Σ_t log P(w⁽ᵗ⁾ | the context words within m that exist)',
      lossCase,
      async (s, { V, U, seq, m }) => {
        expectNumberClose(
          await loss(s, 'cbowLoss', V, U, seq, m),
          cbowLoss64(V.rows(), U.rows(), seq, m),
          `cbowLoss(V, U, [${seq}], ${m})`,
        );
      },
    ),
    property(
      'with U = 0 the CBOW loss is (the number of words with a context) · log N, the ends of the sequence included',
      lossCase,
      async (s, { V, U, seq, m }) => {
        const centers = seq.length >= 2 ? seq.length : 0;
        expectNumberClose(
          await loss(s, 'cbowLoss', V, zeros(U), seq, m),
          centers * Math.log(U.shape[0]!),
          `cbowLoss with U = 0 on a sequence of ${seq.length} words (N = ${U.shape[0]})`,
        );
      },
    ),
    lossGradient('cbowLoss'),
    rejects('a context window m that is not a whole number >= 1 is a HyperparameterError naming m', async (s) => {
      const V = TensorData.of([[1], [2]]);
      for (const fn of ['skipGramLoss', 'cbowLoss'])
        for (const m of [0, -1, 1.5])
          await s.rejects(fn, [V, V, [0, 1, 0], m], /\bm\b/, `when m = ${m}`, 'HyperparameterError');
    }),
  ],
});
