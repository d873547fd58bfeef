import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/13-dropout';
import { makeRng } from '../../../reference/random';
import { anySeed, dim, float32, normalTensor, tensor } from '../../lib/arbitraries';
import { defineExercise, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { meanBound, moments, Z } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refDropout = viaTf(ref.dropoutLayer);

const seedArb = fc.integer({ min: 0, max: 2 ** 30 });
/** Inputs away from 0, so a kept entry is never mistaken for a dropped one. */
const inputs = fc
  .integer({ min: 1, max: 3 })
  .chain((rank) =>
    tensor(fc.array(dim(1, 6), { minLength: rank, maxLength: rank }), { min: -5, max: 5, awayFromZero: 0.1 }),
  );
/** A dropout probability strictly between 0 and 1. */
const prob = fc.double({ min: 0.05, max: 0.95, noNaN: true });

async function dropout(s: Subject, X: TensorData, p: number, seed: number, training = true): Promise<TensorData> {
  return expectTensor(
    await s.call('dropoutLayer', X, p, seed, training),
    `dropoutLayer(X, ${formatNumber(p)}, ${seed}${training ? '' : ', false'})`,
    X.shape,
  );
}

/** The statistical checks look at N = 10 000 entries. */
const N = 10_000;
/** A fixed 6 × 5 input: rows and columns tell a mask shared by rows from one drawn per entry. */
const FIXED = TensorData.float(
  [6, 5],
  Array.from({ length: 30 }, (_, i) => i + 1),
);
const big = (c: number) => TensorData.float([100, 100], new Array<number>(N).fill(c));

export default defineExercise({
  id: '13-dropout',
  title: 'Dropout',
  file: 'dropout.ts',
  checks: [
    property(
      'p = 0 keeps X as it is, and p = 1 drops everything (zeros, no division by 0)',
      fc.tuple(inputs, seedArb),
      async (s, [X, seed]) => {
        expectClose(await dropout(s, X, 0, seed), X, 'dropoutLayer(X, 0, seed)', { atol: 0, rtol: 0 });
        expectClose(
          await dropout(s, X, 1, seed),
          X.map(() => 0),
          'dropoutLayer(X, 1, seed)',
          { atol: 0, rtol: 0 },
        );
      },
    ),
    // The ends of [0, 1] every time: p = 1 in evaluation is the identity too, not zeros.
    property(
      'in evaluation (training = false) dropout does nothing, for any p in [0, 1], p = 0 and p = 1 included',
      fc.tuple(inputs, prob, seedArb),
      async (s, [X, p, seed]) => {
        for (const q of [p, 0, 1])
          expectClose(await dropout(s, X, q, seed, false), X, `dropoutLayer(X, ${formatNumber(q)}, seed, false)`, {
            atol: 0,
            rtol: 0,
          });
      },
    ),
    property(
      'every entry is either dropped (0) or kept and scaled to x / (1 - p)',
      fc.tuple(inputs, prob, seedArb),
      async (s, [X, p, seed]) => {
        const out = await dropout(s, X, p, seed);
        const bad = out.values.findIndex(
          (v, i) => v !== 0 && Math.abs(v - X.values[i]! / (1 - p)) > 1e-5 * Math.abs(X.values[i]! / (1 - p)),
        );
        ensure(
          bad < 0,
          `entry ${bad} is ${formatNumber(out.values[bad]!)} for x = ${formatNumber(X.values[bad]!)} and p = ${formatNumber(p)}: expected 0 or x / (1 - p) = ${formatNumber(X.values[bad]! / (1 - p))}`,
        );
      },
    ),
    // Each output is c m / (1 - p) with m ~ Bernoulli(1 - p): mean c, standard deviation
    // c sqrt(p / (1 - p)). The mean of N = 10 000 is within 5 standard errors of c.
    property(
      'E[out] = x: over 10 000 entries the mean output is x within 5 standard errors (inverted dropout)',
      fc.tuple(prob, float32({ min: 0.5, max: 3 }), seedArb),
      async (s, [p, c, seed]) => {
        const out = await dropout(s, big(c), p, seed);
        const m = moments(out.values).mean;
        const bound = meanBound(c * Math.sqrt(p / (1 - p)), N);
        ensure(
          Math.abs(m - c) <= bound,
          `with x = ${formatNumber(c)} everywhere and p = ${formatNumber(p)}, the mean output is ${formatNumber(m)}, expected ${formatNumber(c)} (±${formatNumber(bound)})`,
        );
      },
      { numRuns: 10 },
    ),
    // The share of kept entries is a binomial proportion: standard error sqrt(p (1 - p) / N).
    property(
      'the share of kept entries is 1 - p, within 5 standard errors over 10 000 entries',
      fc.tuple(prob, seedArb),
      async (s, [p, seed]) => {
        const out = await dropout(s, big(1), p, seed);
        const kept = out.values.filter((v) => v !== 0).length / N;
        const bound = Z * Math.sqrt((p * (1 - p)) / N);
        ensure(
          Math.abs(kept - (1 - p)) <= bound,
          `with p = ${formatNumber(p)} it kept ${formatNumber(kept)} of the entries, expected 1 - p = ${formatNumber(1 - p)} (±${formatNumber(bound)})`,
        );
      },
      { numRuns: 10 },
    ),
    property(
      'the same seed drops the same entries, another seed others',
      fc.tuple(prob, seedArb),
      async (s, [p, drawn]) => {
        const X = big(1);
        // Seed 0 every time: tf.randomNormal would ignore it (docs/facts.md), so it must be reproducible too.
        for (const seed of [drawn, 0]) {
          const [a, b, c] = [
            await dropout(s, X, p, seed),
            await dropout(s, X, p, seed),
            await dropout(s, X, p, seed + 1),
          ];
          ensure(
            a.values.every((v, i) => v === b.values[i]),
            `two calls with seed ${seed} dropped different entries`,
          );
          ensure(
            a.values.some((v, i) => v !== c.values[i]),
            `seeds ${seed} and ${seed + 1} dropped the same entries`,
          );
        }
      },
    ),
    // tf.dropout keeps u + (1 - p) >= 1 in float32, the exercise u > p: they may differ only
    // where u lies within float32 rounding (1e-7) of p; such entries are skipped.
    reference(
      'it drops the entries tf.dropout drops with seed + 1',
      fc.tuple(inputs, prob, seedArb),
      async (s, drawn) => {
        // Besides the drawn input, a fixed matrix at seed 0: every entry gets its own draw (no mask
        // shared by rows), seed 0 is honoured, and training is the default.
        for (const [X, p, seed] of [drawn, [FIXED, 0.5, 0] as const]) {
          // The fixed case leaves out the training flag: it defaults to true.
          const got =
            X === FIXED
              ? expectTensor(await s.call('dropoutLayer', X, p, seed), `dropoutLayer(X, ${p}, ${seed})`, X.shape)
              : await dropout(s, X, p, seed);
          const expected = refDropout(X, p, seed, true);
          const u = tf.tidy(() => tf.randomUniform([...X.shape], 0, 1, 'float32', seed + 1).dataSync());
          const near = (i: number) => Math.abs(u[i]! - p) < 1e-6;
          expectClose(
            got.map((v, i) => (near(i) ? 0 : v)),
            expected.map((v, i) => (near(i) ? 0 : v)),
            `dropoutLayer(X of shape [${X.shape}], ${formatNumber(p)}, ${seed})`,
          );
        }
      },
    ),
    // d out_i / d x_i = m_i / (1 - p): the upstream gradient flows through kept entries only.
    property(
      'the gradient flows only through the kept entries, scaled by 1 / (1 - p)',
      fc.tuple(inputs, prob, seedArb, anySeed),
      async (s, [X, p, seed, dySeed]) => {
        const dy = normalTensor(makeRng(dySeed), X.shape);
        // At p = 0 nothing is dropped, so the gradient is dy itself: a fixed case that does not take
        // the mask from the student's own output (an all-zero output would vouch for a zero gradient).
        const whole = await s.vjp('dropoutLayer', [X, 0, seed, true], [0], dy);
        expectClose(whole.grads[0], dy, 'the gradient of dropoutLayer with respect to X at p = 0 (dy itself)');
        const { value, grads } = await s.vjp('dropoutLayer', [X, p, seed, true], [0], dy);
        const expected = value.map((v, i) => (v === 0 ? 0 : dy.values[i]! / (1 - p)));
        expectClose(
          grads[0],
          expected,
          `the gradient of dropoutLayer with respect to X (p = ${formatNumber(p)}; 0 where the output is 0)`,
        );
      },
      { kind: 'gradient', numRuns: 10 },
    ),
    rejects('p outside [0, 1] gives a HyperparameterError, in evaluation too', async (s) => {
      const X = TensorData.of([1, 2, 3]);
      for (const training of [true, false])
        for (const p of [-0.1, 1.5, Number.NaN])
          await s.rejects(
            'dropoutLayer',
            [X, p, 0, training],
            /\bp\b|probab|dropout/i,
            `when p = ${p}${training ? '' : ' in evaluation'}`,
            'HyperparameterError',
          );
    }),
  ],
});
