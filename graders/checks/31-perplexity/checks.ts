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
    rejects('no tokens get an EmptyCorpusError saying there are none, not NaN', async (s) => {
      await s.rejects(
        'perplexity',
        [TensorData.float([0], [])],
        /empty|no tokens|nothing/i,
        'when there are no log-probabilities',
        'EmptyCorpusError',
      );
      await s.rejects(
        'lmPerplexity',
        [TensorData.float([0, 5], []), TensorData.int([0], [])],
        /empty|no tokens|nothing/i,
        'when there are no tokens',
        'EmptyCorpusError',
      );
    }),
  ],
});
