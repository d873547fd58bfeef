import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/25-autoregressive';
import { makeRng } from '../../../reference/random';
import { dim, float32, normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects, training } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { meanBound, moments, stdRelBound, Z } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, viaTf } from '../../lib/tf-interop';

const refFit = viaTf(ref.fitAutoregressive);
const refKStep = viaTf(ref.kStepPredictions);

/** d2l 8.1: 1000 points, τ = 4, the first 600 rows for training, predictions up to 64 steps ahead. */
const D2L = { T: 1000, tau: 4, nTrain: 600, maxSteps: 64 };
const STEPS = [1, 4, 16, 64];

async function series(s: Subject, T: number, seed: number): Promise<{ time: TensorData; x: TensorData }> {
  const out = (await s.call('sineSeries', T, seed)) as { time?: unknown; x?: unknown } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('sineSeries should return { time, x }');
  return { time: expectTensor(out.time, 'time', [T]), x: expectTensor(out.x, 'x', [T]) };
}

async function lags(s: Subject, x: TensorData, tau: number): Promise<{ features: TensorData; labels: TensorData }> {
  const out = (await s.call('lagFeatures', x, tau)) as { features?: unknown; labels?: unknown } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('lagFeatures should return { features, labels }');
  const n = x.size - tau;
  return {
    features: expectTensor(out.features, 'features', [n, tau]),
    labels: expectTensor(out.labels, 'labels', [n, 1]),
  };
}

/** A series of 6 to 40 values and a lag τ shorter than it. */
const seriesAndTau = fc.integer({ min: 6, max: 40 }).chain((T) =>
  fc.tuple(
    fc.array(float32({ min: -2, max: 2 }), { minLength: T, maxLength: T }).map((v) => TensorData.float([T], v)),
    dim(1, 5),
  ),
);

/** Features with a few rows beyond nTrain, labels, and a model w; well-conditioned (normal features). */
const fitCase = seeded((rng) => {
  const tau = 1 + rng.int(5);
  const nTrain = tau + 5 + rng.int(15);
  const n = nTrain + 1 + rng.int(5);
  return { tau, nTrain, features: normalTensor(rng, [n, tau]), labels: normalTensor(rng, [n, 1]) };
});

/** A series, τ, a number of steps ahead that fits, and a model w with entries in [−0.5, 0.5]. */
const kStepCase = fc
  .tuple(seriesAndTau, dim(1, 6))
  .filter(([[x, tau], maxSteps]) => x.size - tau - maxSteps + 1 >= 1)
  .chain(([[x, tau], maxSteps]) =>
    fc
      .array(float32({ min: -0.5, max: 0.5 }), { minLength: tau + 1, maxLength: tau + 1 })
      .map((wv) => ({ x, tau, maxSteps, w: TensorData.float([tau + 1, 1], wv) })),
  );

/** The series the task states, made here: sin(0.01 t) for t = 1 … T plus tf.randomNormal([T], 0, 0.2, 'float32', seed + 1). */
function statedSeries(T: number, seed: number): TensorData {
  const x = tf.tidy(() => tf.sin(tf.range(1, T + 1).mul(0.01)).add(tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)));
  const data = fromTensor(x);
  x.dispose();
  return data;
}

/** Lag-1 autocorrelation of a sample, in float64: about N(0, 1/n) for independent draws. */
function lag1(xs: number[]): number {
  const { mean } = moments(xs);
  let num = 0;
  let den = 0;
  xs.forEach((v, i) => {
    den += (v - mean) ** 2;
    if (i > 0) num += (v - mean) * (xs[i - 1]! - mean);
  });
  return num / den;
}

const series1d = (values: number[]) => TensorData.float([values.length], values);

export default defineExercise({
  id: '25-autoregressive',
  title: 'Autoregressive models and k-step-ahead prediction',
  file: 'autoregressive.ts',
  uses: ['02-linear-closed-form'],
  checks: [
    // 1000 draws: five standard errors are 0.032 on the mean and 11% on the spread.
    property(
      'sineSeries: time = 1 … T, and x − sin(0.01 t) is noise of mean 0 and standard deviation 0.2',
      fc.nat(),
      async (s, seed) => {
        const { time, x } = await series(s, D2L.T, seed);
        ensure(
          time.values.every((t, i) => t === i + 1),
          `time should be 1, 2, …, ${D2L.T}, got ${time}`,
        );
        const noise = Array.from(x.values, (v, i) => v - Math.sin(0.01 * (i + 1)));
        const { mean, std } = moments(noise);
        ensure(
          Math.abs(mean) <= meanBound(0.2, D2L.T),
          `x − sin(0.01 t) has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(0.2, D2L.T))})`,
        );
        ensure(
          Math.abs(std / 0.2 - 1) <= stdRelBound(D2L.T),
          `x − sin(0.01 t) has standard deviation ${formatNumber(std)}, expected 0.2 (±${formatNumber(100 * stdRelBound(D2L.T))}%)`,
        );
        // Independent noise: the lag-1 autocorrelation of 1000 draws has standard error 1/√1000, five of them 0.16.
        const r = lag1(noise);
        ensure(
          Math.abs(r) <= Z / Math.sqrt(D2L.T),
          `the noise x − sin(0.01 t) is correlated with itself one step on (autocorrelation ${formatNumber(r)}, expected 0 ± ${formatNumber(Z / Math.sqrt(D2L.T))}): draw ε_t independently for every t`,
        );
      },
      { numRuns: 5 },
    ),
    // Seeded tf.randomNormal is the same on every backend (docs/facts.md); the sine may be computed in float32 or float64.
    reference(
      "sineSeries's x is exactly sin(0.01 t) plus the stated draw tf.randomNormal([T], 0, 0.2, 'float32', seed + 1), seed 0 included",
      fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 30 })),
      async (s, [T, seed]) => {
        for (const sd of [0, seed]) {
          const { x } = await series(s, T, sd);
          expectClose(
            x,
            statedSeries(T, sd),
            `sineSeries(${T}, ${sd}).x against sin(0.01 t) + tf.randomNormal([${T}], 0, 0.2, 'float32', ${sd + 1})`,
          );
        }
      },
      { numRuns: 5 },
    ),
    property(
      'sineSeries with the same seed gives the same series, with another seed another',
      fc.nat(),
      async (s, seed) => {
        const [a, b, c] = [await series(s, 50, seed), await series(s, 50, seed), await series(s, 50, seed + 1)];
        ensure(
          a.x.values.every((v, i) => v === b.x.values[i]),
          `two calls with seed ${seed} gave different series`,
        );
        ensure(
          a.x.values.some((v, i) => v !== c.x.values[i]),
          `seeds ${seed} and ${seed + 1} gave the same series`,
        );
      },
      { numRuns: 5 },
    ),
    property(
      'lagFeatures: row i is x_i … x_{i+τ−1} and its label is the next value, x_{i+τ}',
      seriesAndTau,
      async (s, [x, tau]) => {
        const { features, labels } = await lags(s, x, tau);
        features.rows().forEach((row, i) => {
          ensure(
            row.every((v, j) => v === x.values[i + j]),
            `row ${i} of the features is [${row.map(formatNumber)}], expected x[${i} … ${i + tau - 1}] = [${Array.from(x.values.slice(i, i + tau), formatNumber)}]`,
          );
          ensure(
            labels.values[i] === x.values[i + tau],
            `label ${i} is ${formatNumber(labels.values[i]!)}, expected x[${i + tau}] = ${formatNumber(x.values[i + tau]!)}`,
          );
        });
      },
    ),
    property(
      'fitAutoregressive is least squares on the first nTrain rows: the residual is orthogonal to [features, 1], later rows do not matter',
      fitCase,
      async (s, { tau, nTrain, features, labels }) => {
        const w = expectTensor(await s.call('fitAutoregressive', features, labels, nTrain), 'w', [tau + 1, 1]);
        // Aᵀ(y − A w) in float64 over the training rows, against the scale of Aᵀy: the reference's w leaves 1e-6
        // (scratch/ch56/margin25.mts); 1e-4 leaves room for a solver of the normal equations in float32.
        const rows = features
          .rows()
          .slice(0, nTrain)
          .map((r) => [...r, 1]);
        const resid = rows.map((r, i) => labels.values[i]! - r.reduce((a, v, j) => a + v * w.values[j]!, 0));
        const scale = Math.max(
          1,
          ...rows[0]!.map((_, j) => Math.abs(rows.reduce((a, r, i) => a + r[j]! * labels.values[i]!, 0))),
        );
        rows[0]!.forEach((_, j) => {
          const dot = rows.reduce((a, r, i) => a + r[j]! * resid[i]!, 0);
          ensure(
            Math.abs(dot) <= 1e-4 * scale,
            `the residual y − [X, 1] w is not orthogonal to column ${j} of [X, 1] (dot product ${formatNumber(dot)}): not the least-squares w${j === tau ? ' (the bias column)' : ''}`,
          );
        });
        const changed = labels.map((v, i) => (i < nTrain ? v : v + 100));
        expectClose(
          await s.call('fitAutoregressive', features, changed, nTrain),
          w,
          'w after changing the labels of rows past nTrain',
        );
      },
      { numRuns: 10 },
    ),
    reference(
      'fitAutoregressive matches the reference',
      fitCase,
      async (s, { nTrain, features, labels }) => {
        // Normal equations against the reference's QR on these well-conditioned cases: 7e-6 relative at worst (scratch/ch56/margin25.mts).
        expectClose(await s.call('fitAutoregressive', features, labels, nTrain), refFit(features, labels, nTrain), 'w');
      },
      { numRuns: 10 },
    ),
    property(
      'kStepPredictions: τ columns of observations, then each column the model applied to the τ before it',
      kStepCase,
      async (s, { x, tau, maxSteps, w }) => {
        const rows = x.size - tau - maxSteps + 1;
        const P = expectTensor(await s.call('kStepPredictions', x, w, tau, maxSteps), 'the predictions', [
          rows,
          tau + maxSteps,
        ]);
        P.rows().forEach((row, r) => {
          for (let j = 0; j < tau; j++)
            ensure(
              row[j] === x.values[r + j],
              `column ${j} of row ${r} is ${formatNumber(row[j]!)}, expected the observation x[${r + j}] = ${formatNumber(x.values[r + j]!)}`,
            );
          for (let j = tau; j < tau + maxSteps; j++) {
            const expected = row.slice(j - tau, j).reduce((a, v, i) => a + v * w.values[i]!, w.values[tau]!);
            ensure(
              Math.abs(row[j]! - expected) <= 1e-5 + 1e-4 * Math.abs(expected),
              `column ${j} of row ${r} is ${formatNumber(row[j]!)}, but the model applied to columns ${j - tau} … ${j - 1} of the same row gives ${formatNumber(expected)}`,
            );
          }
        });
        expectClose(P, refKStep(x, w, tau, maxSteps), 'the predictions');
      },
    ),
    // Measured over 40 seeds (scratch/ch56/ar.mts): against the noise-free sin(0.01 t) the errors are about 0.010, 0.014,
    // 0.028 and 0.20, each at least 1.25 times the one before.
    training(
      "k-step-ahead errors grow with k (1, 4, 16, 64) on d2l's series: the predictions feed on their own errors",
      async (s, { seed }) => {
        const { x } = await series(s, D2L.T, seed);
        const { features, labels } = await lags(s, x, D2L.tau);
        const w = expectTensor(await s.call('fitAutoregressive', features, labels, D2L.nTrain), 'w', [D2L.tau + 1, 1]);
        const P = expectTensor(await s.call('kStepPredictions', x, w, D2L.tau, D2L.maxSteps), 'the predictions', [
          D2L.T - D2L.tau - D2L.maxSteps + 1,
          D2L.tau + D2L.maxSteps,
        ]);
        const mse = STEPS.map(
          (k) =>
            P.rows().reduce((a, row, r) => a + (row[D2L.tau + k - 1]! - Math.sin(0.01 * (r + D2L.tau + k))) ** 2, 0) /
            P.shape[0]!,
        );
        const text = STEPS.map((k, i) => `${k}: ${formatNumber(mse[i]!)}`).join(', ');
        ensure(
          mse.every((m, i) => i === 0 || m > mse[i - 1]!),
          `the mean squared errors against sin(0.01 t) of the k-step-ahead predictions are ${text}: they should grow with k`,
        );
        ensure(
          mse[0]! < 0.04,
          `the one-step-ahead predictions are off by ${formatNumber(mse[0]!)} (mean squared) from sin(0.01 t), more than the noise itself (0.2² = 0.04)`,
        );
      },
    ),
    example(
      'the edges of the sizes: τ + 1 values give one row of features; nTrain from τ + 1 to every row; τ + maxSteps values give one row of predictions',
      async (s) => {
        const x = series1d([0.5, -1, 2, 0.25, 1.5]);
        const { features, labels } = await lags(s, x, 4);
        expectClose(features, TensorData.of([[0.5, -1, 2, 0.25]]), 'the features of 5 values with τ = 4');
        expectClose(labels, TensorData.of([[1.5]]), 'the labels of 5 values with τ = 4');
        const rng = makeRng(25);
        const [F, y] = [normalTensor(rng, [9, 3]), normalTensor(rng, [9, 1])];
        for (const nTrain of [4, 9]) {
          expectClose(
            await s.call('fitAutoregressive', F, y, nTrain),
            refFit(F, y, nTrain),
            `w with τ = 3, nTrain = ${nTrain} of 9 rows`,
          );
        }
        const w = TensorData.float([3, 1], [0.5, -0.25, 0.1]);
        expectClose(
          await s.call('kStepPredictions', series1d([1, 2, 3, 4, 5]), w, 2, 3),
          refKStep(series1d([1, 2, 3, 4, 5]), w, 2, 3),
          'kStepPredictions of 5 values with τ = 2 and 3 steps ahead (one row)',
        );
      },
    ),
    rejects(
      'a series no longer than τ, or shorter than τ + maxSteps (by one value, or empty of rows), gets a SequenceTooShortError saying how long it is',
      async (s) => {
        await s.rejects(
          'lagFeatures',
          [series1d([1, 2, 3, 4]), 4],
          /\b4\b/,
          'when the series has 4 values and τ = 4',
          'SequenceTooShortError',
        );
        await s.rejects(
          'kStepPredictions',
          [series1d([1, 2, 3, 4, 5, 6, 7, 8, 9]), TensorData.float([3, 1], [0.5, 0.5, 0]), 2, 8],
          /\b9\b/,
          'when the series has 9 values, τ = 2 and 8 steps ahead (10 needed)',
          'SequenceTooShortError',
        );
      },
    ),
    rejects(
      'settings outside their range get a HyperparameterError naming them: T, τ and maxSteps below 1 or fractional, nTrain below τ + 1 or above the rows; a w not [τ + 1, 1] a ShapeMismatchError',
      async (s) => {
        for (const T of [0, 2.5]) await s.rejects('sineSeries', [T, 1], /\bT\b/, `for T = ${T}`, 'HyperparameterError');
        const x = series1d([0.5, -1, 2, 0.25, 1.5, 3, -2, 1]);
        for (const tau of [0, 1.5])
          await s.rejects('lagFeatures', [x, tau], /τ|tau/i, `for τ = ${tau}`, 'HyperparameterError');
        const F = TensorData.float([6, 2], [1, 0.5, -1, 2, 0.25, 3, -2, 1, 1.5, -0.5, 2, 0.75]);
        const y = TensorData.float([6, 1], [1, 2, -1, 0.5, 3, -2]);
        for (const nTrain of [2, 7, 0, 4.5])
          await s.rejects(
            'fitAutoregressive',
            [F, y, nTrain],
            /nTrain/,
            `for nTrain = ${nTrain} with τ = 2 and 6 rows`,
            'HyperparameterError',
          );
        const w = TensorData.float([3, 1], [0.5, -0.25, 0.1]);
        for (const [tau, steps, name] of [
          [2, 0, /maxSteps/],
          [2, 1.5, /maxSteps/],
          [0, 2, /τ|tau/i],
        ] as const)
          await s.rejects(
            'kStepPredictions',
            [x, tau === 0 ? TensorData.float([1, 1], [0.5]) : w, tau, steps],
            name,
            `for τ = ${tau} and maxSteps = ${steps}`,
            'HyperparameterError',
          );
        for (const shape of [
          [2, 1],
          [3, 2],
        ])
          await s.rejects(
            'kStepPredictions',
            [x, TensorData.float(shape, new Array(shape[0]! * shape[1]!).fill(0.5)), 2, 2],
            /\[3, 1\]|3 ?x ?1/,
            `for w of shape [${shape.join(', ')}] with τ = 2 (saying it needs [3, 1])`,
            'ShapeMismatchError',
          );
      },
    ),
    rejects(
      'features whose columns are linearly dependent (a constant or a linear series) get leastSquares’s SingularMatrixError, not NaN',
      async (s) => {
        for (const [what, values] of [
          ['a constant series', new Array(12).fill(1.5)],
          ['a linear series', Array.from({ length: 12 }, (_, t) => 0.5 * t - 1)],
        ] as const) {
          const F = TensorData.float(
            [9, 3],
            Array.from({ length: 27 }, (_, n) => values[Math.floor(n / 3) + (n % 3)]!),
          );
          const y = TensorData.float([9, 1], values.slice(3));
          await s.rejects(
            'fitAutoregressive',
            [F, y, 9],
            /rank|singular|dependent/i,
            `for the τ = 3 features of ${what}`,
            'SingularMatrixError',
          );
        }
      },
    ),
  ],
});
