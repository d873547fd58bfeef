import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/31-perplexity';
import { dim, float32, intTensor, tensor } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectNumberClose } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { toTensor } from '../../lib/tf-interop';

/** Log-probabilities in [−8, 0] of rank 1 to 3. */
const logProbs = fc
  .integer({ min: 1, max: 3 })
  .chain((rank) => tensor(fc.array(dim(1, 6), { minLength: rank, maxLength: rank }), { min: -8, max: 0 }));
/** Logits [n, V] with labels. */
const logitsAndLabels = fc
  .tuple(dim(1, 8), dim(2, 30))
  .chain(([n, V]) => fc.tuple(tensor([n, V], { min: -6, max: 6 }), intTensor([n], 0, V - 1)));

/** exp(−mean) in float64: the definition, as the oracle. */
const expMeanNeg = (t: TensorData) => Math.exp(-Array.from(t.values).reduce((a, b) => a + b, 0) / t.size);

/**
 * A float32 mean of up to 108 log-probabilities of magnitude <= 8 is off by ~1e-5 absolute at
 * worst, which exp turns into ~1e-5 relative; 1e-4 relative covers it.
 */
const PPL = { atol: 0, rtol: 1e-4 };

/**
 * The perplexity of logits against labels in float64, by the stable log-sum-exp (the row's maximum
 * subtracted before exp): the oracle where float32 would overflow or underflow.
 */
function lmPerplexity64(logits: TensorData, labels: TensorData): number {
  const rows = logits.rows();
  let loss = 0;
  rows.forEach((row, i) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((a, x) => a + Math.exp(x - m), 0));
    loss += lse - row[labels.values[i]!]!;
  });
  return Math.exp(loss / rows.length);
}

/**
 * Logits [n, V] with labels whose row 0 mixes extremes: +150 at 0, −150 at 1, 0 at 2 (its label,
 * probability e^−150: below float32's smallest number), the rest random. A row shifted as a whole
 * by one constant hides a stabilisation by the wrong statistic; this row does not: e^150 overflows
 * float32, and e^−150 underflows it.
 */
const extremeRow = fc
  .tuple(dim(1, 6), dim(3, 12))
  .chain(([n, V]) => fc.tuple(tensor([n, V], { min: -6, max: 6 }), intTensor([n], 0, V - 1)))
  .map(([o, y]) => {
    const V = o.shape[1]!;
    const logits = o.map((v, k) => (k >= V ? v : k === 0 ? 150 : k === 1 ? -150 : k === 2 ? 0 : v));
    return [
      logits,
      TensorData.int(
        y.shape,
        y.values.map((v, i) => (i === 0 ? 2 : v)),
      ),
    ] as const;
  });

const refLm = (logits: TensorData, labels: TensorData) => {
  const [o, y] = [toTensor(logits) as tf.Tensor2D, toTensor(labels) as tf.Tensor1D];
  const p = ref.lmPerplexity(o, y);
  tf.dispose([o, y]);
  return p;
};

export default defineExercise({
  id: '31-perplexity',
  title: 'Perplexity',
  file: 'perplexity.ts',
  uses: ['06-cross-entropy'],
  checks: [
    example('probabilities 1/2, 1/4, 1/8 have perplexity 4: the geometric mean of 1/P', async (s) => {
      expectNumberClose(
        await s.call('perplexity', TensorData.of([Math.log(1 / 2), Math.log(1 / 4), Math.log(1 / 8)])),
        4,
        'perplexity of probabilities 1/2, 1/4, 1/8',
        PPL,
      );
    }),
    reference(
      'perplexity is exp of the mean negative log-probability (natural logarithm), on random log-probabilities',
      logProbs,
      async (s, lp) => {
        expectNumberClose(await s.call('perplexity', lp), expMeanNeg(lp), `perplexity(${lp})`, PPL);
      },
    ),
    property(
      'a model that gives every token probability 1 has perplexity 1',
      fc.tuple(dim(1, 8), dim(2, 30)).chain(([n, V]) => intTensor([n], 0, V - 1).map((y) => ({ n, V, y }))),
      async (s, { n, V, y }) => {
        expectNumberClose(
          await s.call('perplexity', TensorData.float([n], new Array(n).fill(0))),
          1,
          'perplexity of log-probabilities 0',
          PPL,
        );
        // Logit 40 at the label, 0 elsewhere: P(label) = 1 − (V − 1) e^−40 rounds to 1 in float32.
        const logits = TensorData.float(
          [n, V],
          Array.from({ length: n * V }, (_, k) => (k % V === y.values[Math.floor(k / V)] ? 40 : 0)),
        );
        expectNumberClose(
          await s.call('lmPerplexity', logits, y),
          1,
          'lmPerplexity of a model certain of every label',
          PPL,
        );
      },
    ),
    property(
      'a model uniform over V tokens has perplexity V, whatever the labels',
      fc
        .tuple(dim(1, 8), dim(2, 30))
        .chain(([n, V]) => fc.tuple(fc.constant(V), intTensor([n], 0, V - 1), float32({ min: -5, max: 5 }))),
      async (s, [V, y, c]) => {
        const n = y.size;
        expectNumberClose(
          await s.call('lmPerplexity', TensorData.float([n, V], new Array(n * V).fill(c)), y),
          V,
          `lmPerplexity of logits all equal to ${c} over ${V} tokens`,
          PPL,
        );
        expectNumberClose(
          await s.call('perplexity', TensorData.float([n], new Array(n).fill(-Math.log(V)))),
          V,
          `perplexity of log-probabilities ln(1/${V})`,
          PPL,
        );
      },
    ),
    reference('lmPerplexity matches the reference on random logits', logitsAndLabels, async (s, [o, y]) => {
      expectNumberClose(await s.call('lmPerplexity', o, y), refLm(o, y), 'lmPerplexity(logits, labels)', PPL);
    }),
    example('one token is enough: probability 1/2 has perplexity 2, and labels 0 and V − 1 are tokens', async (s) => {
      expectNumberClose(
        await s.call('perplexity', TensorData.of([Math.log(1 / 2)])),
        2,
        'perplexity of one token of probability 1/2',
        PPL,
      );
      const logits = TensorData.of([[0, Math.log(3)]]);
      expectNumberClose(
        await s.call('lmPerplexity', logits, TensorData.int([1], [1])),
        4 / 3,
        'lmPerplexity of one token, label V − 1 = 1 with probability 3/4',
        PPL,
      );
      expectNumberClose(
        await s.call('lmPerplexity', logits, TensorData.int([1], [0])),
        4,
        'lmPerplexity of one token, label 0 with probability 1/4',
        PPL,
      );
    }),
    example(
      'at the extremes: 2,000 tokens of probability 1/8 have perplexity 8, log-probabilities −100 and −120 have e^110 (beyond float32), a probability of 0 gives ∞',
      async (s) => {
        // 8^−2000 underflows float32 and float64 alike: the mean of the logarithms does not.
        expectNumberClose(
          await s.call('perplexity', TensorData.float([2000], new Array(2000).fill(-Math.log(8)))),
          8,
          'perplexity of 2,000 tokens of probability 1/8',
          PPL,
        );
        // The mean −110 is exact in float32; e^110 = 5.9e47 is a float64 number, Infinity in float32.
        expectNumberClose(
          await s.call('perplexity', TensorData.of([-100, -120])),
          Math.exp(110),
          'perplexity of log-probabilities −100 and −120',
          PPL,
        );
        expectNumberClose(
          await s.call('perplexity', TensorData.of([-1, -Infinity, -2])),
          Infinity,
          'perplexity when one token has probability 0 (log-probability −∞)',
        );
      },
    ),
    reference(
      'lmPerplexity stays exact when a row mixes logits of +150 and −150 and its label has probability e^−150',
      extremeRow,
      async (s, [o, y]) => {
        expectNumberClose(
          await s.call('lmPerplexity', o, y),
          lmPerplexity64(o, y),
          'lmPerplexity(logits, labels) with row 0 = [150, −150, 0, …] and label 2 (float64 oracle)',
          PPL,
        );
      },
      { numRuns: 5 },
    ),
    rejects('no tokens, whatever the shape, get an EmptyCorpusError saying there are none, not NaN', async (s) => {
      for (const shape of [[0], [2, 0], [0, 3]]) {
        await s.rejects(
          'perplexity',
          [TensorData.float(shape, [])],
          /empty|no tokens|nothing/i,
          `when the log-probabilities have shape [${shape}] (no tokens)`,
          'EmptyCorpusError',
        );
      }
      await s.rejects(
        'lmPerplexity',
        [TensorData.float([0, 5], []), TensorData.int([0], [])],
        /empty|no tokens|nothing/i,
        'when there are no tokens',
        'EmptyCorpusError',
      );
    }),
    rejects('a label outside [0, V), −1 or V, gets an IndexOutOfRangeError naming it', async (s) => {
      const logits = TensorData.of([
        [0, 1, 2],
        [2, 1, 0],
      ]);
      for (const bad of [3, -1]) {
        await s.rejects(
          'lmPerplexity',
          [logits, TensorData.int([2], [1, bad])],
          new RegExp(`(^|[^0-9])${bad}([^0-9]|$)`),
          `when a label is ${bad} and V = 3 (saying which label)`,
          'IndexOutOfRangeError',
        );
      }
    }),
  ],
});
