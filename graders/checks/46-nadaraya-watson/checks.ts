import * as fc from 'fast-check';
import { X_TEST } from '../../../reference/46-nadaraya-watson';
import type { Rng } from '../../../reference/random';
import { anySeed, normalTensor, seeded } from '../../lib/arbitraries';
import { filled, float64Gradient } from '../../lib/attention';
import { defineExercise, example, property, reference, rejects, training } from '../../lib/checks';
import {
  expectClose,
  expectNumberClose,
  expectRowsAreDistributions,
  expectTensor,
  type Tolerance,
} from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { exact } from '../../lib/float64/attention';
import { meanBound, moments, stdRelBound } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

const f64 = (x: number) => 2 * Math.sin(x) + x ** 0.8;

/** softmax_i(−((q − k_i) w)² / 2) for one query against its keys, in float64. */
function weights64(q: number, keys: ArrayLike<number>, w: number): number[] {
  const s = Array.from(keys, (k) => -(((q - k) * w) ** 2) / 2);
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m));
  const z = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / z);
}

/** Predictions and weights of queries [n] against keys and values [n, m] (or [m], shared), in float64. */
function pool64(w: number, queries: TensorData, keys: TensorData, values: TensorData) {
  const n = queries.size;
  const m = keys.shape.at(-1)!;
  const row = (t: TensorData, i: number) => (t.rank === 1 ? t.values : t.values.subarray(i * m, (i + 1) * m));
  const W = Array.from(queries.values, (q, i) => weights64(q, row(keys, i), w));
  const yHat = W.map((ws, i) => ws.reduce((a, x, j) => a + x * row(values, i)[j]!, 0));
  return { yHat, weights: W, n, m };
}

function leaveOneOut64(x: ArrayLike<number>): number[][] {
  return Array.from(x, (_, i) => Array.from(x).filter((_, j) => j !== i));
}

/** Leave-one-out loss Σ (f(x_i) − y_i)² and its derivative in w, in float64. */
function lossAndGrad(w: number, x: number[], y: number[]): [number, number] {
  let L = 0;
  let g = 0;
  x.forEach((q, i) => {
    const ks = x.filter((_, j) => j !== i);
    const vs = y.filter((_, j) => j !== i);
    const a = weights64(q, ks, w);
    const yh = a.reduce((s, ai, j) => s + ai * vs[j]!, 0);
    // ds_j/dw = −(q − k_j)² w;  dŷ/dw = Σ a_j v_j s'_j − ŷ Σ a_j s'_j
    const ds = ks.map((k) => -((q - k) ** 2) * w);
    const dyh = a.reduce((s, aj, j) => s + aj * vs[j]! * ds[j]!, 0) - yh * a.reduce((s, aj, j) => s + aj * ds[j]!, 0);
    L += (yh - y[i]!) ** 2;
    g += 2 * (yh - y[i]!) * dyh;
  });
  return [L, g];
}

/** d2l's training data, drawn in the checks: 50 points sorted on [0, 5), y = f(x) + N(0, 0.5²). */
function d2lData(rng: Rng, n = 50): { x: number[]; y: number[] } {
  const x = Array.from({ length: n }, () => Math.fround(rng.uniform() * 5)).sort((a, b) => a - b);
  return { x, y: x.map((v) => Math.fround(f64(v) + 0.5 * rng.normal())) };
}

/** Queries, keys and values on [0, 5) with a w: each query its own keys and values [n, m]. */
/**
 * Queries, keys and values with a w: each query its own keys and values [n, m]. With `spread` 5
 * and w up to 2.75 (the comparisons), (x − x_i) w reaches 14 and the softmax is one-hot to float32;
 * the gradient check uses spread 2 and w up to 1.5, where no weight falls below e^−4.5 of another:
 * a gradient carried by weights of 1e-6 is float32 noise (measured: 1.4 % off on a gradient of 8e-6).
 */
const poolCaseOf = (spread: number, wMax: number) =>
  seeded((rng) => {
    const [n, m] = [1 + rng.int(4), 1 + rng.int(6)];
    const u = (k: number) =>
      TensorData.float(
        [k],
        Array.from({ length: k }, () => rng.uniform() * spread),
      );
    return {
      w: TensorData.float([1], [0.25 + rng.uniform() * (wMax - 0.25)]),
      queries: u(n),
      keys: TensorData.float([n, m], u(n * m).values),
      values: normalTensor(rng, [n, m], 2),
    };
  });
const poolCase = poolCaseOf(5, 2.75);

async function pooled(s: Subject, fn: string, args: unknown[], n: number, m: number) {
  const out = (await s.call(fn, ...args)) as { yHat?: unknown; attentionWeights?: unknown } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure(`${fn} should return { yHat, attentionWeights }`);
  return {
    yHat: expectTensor(out.yHat, `yHat of ${fn}`, [n]),
    attentionWeights: expectTensor(out.attentionWeights, `the attention weights of ${fn}`, [n, m]),
  };
}

/**
 * The same five gradient steps in float32 (the student's) and in float64 (here): the first step
 * moves w by up to 30 (d2l's lr 0.5 on a summed loss). w0 is drawn from [0.5, 1), not d2l's
 * [0, 1): near w = 0 every weight is 1/49, the gradient is proportional to w, and the steps grow w
 * geometrically, amplifying float32 differences (from w0 = 0.045, w ended 1.4e-3 apart; from
 * w0 = 0.03 the loss hardly moved). Measured over 600 draws of this check's data with the
 * solution (scripts/measure/ch8-nw-margin.ts): |Δw| <= 2.6e-6 (1 + |w|), |Δloss| <= 1.3e-6
 * (1 + loss). Allowed: 5e-5 (1 + |v|), twenty times that, for other orders of summation.
 */
const SAME_STEPS: Tolerance = { atol: 5e-5, rtol: 5e-5 };
const TRAIN = { lr: 0.5, numEpochs: 5 };

export default defineExercise({
  id: '46-nadaraya-watson',
  title: 'Attention pooling: Nadaraya-Watson kernel regression',
  file: 'nadaraya-watson.ts',
  checks: [
    example("f(x) = 2 sin x + x^0.8 at d2l's test points 0, 0.1, ..., 4.9", async (s) => {
      const x = TensorData.float([50], X_TEST);
      expectClose(await s.call('f', x), x.map(f64), 'f(xTest)');
    }),
    property(
      'nwData: xTrain sorted on [0, 5), xTest = 0, 0.1, ..., 4.9 with yTruth = f(xTest), the same seed the same data',
      fc.tuple(fc.integer({ min: 1, max: 60 }), anySeed),
      async (s, [n, seed]) => {
        const d = (await s.call('nwData', n, seed)) as Record<string, unknown> | null;
        if (d === null || typeof d !== 'object')
          throw new CheckFailure('nwData should return { xTrain, yTrain, xTest, yTruth }');
        const x = expectTensor(d.xTrain, 'xTrain', [n]);
        expectTensor(d.yTrain, 'yTrain', [n]);
        ensure(
          x.values.every((v) => v >= 0 && v < 5),
          `xTrain should lie in [0, 5), got ${x}`,
        );
        ensure(
          x.values.every((v, i) => i === 0 || v >= x.values[i - 1]!),
          `xTrain should be sorted ascending, got ${x}`,
        );
        const xTest = expectClose(d.xTest, TensorData.float([50], X_TEST), 'xTest (torch.arange(0, 5, 0.1))');
        expectClose(d.yTruth, xTest.map(f64), 'yTruth = f(xTest)');
        const again = (await s.call('nwData', n, seed)) as Record<string, unknown>;
        expectClose(again.xTrain, x, `xTrain drawn again with seed ${seed}`, { atol: 0, rtol: 0 });
      },
      { numRuns: 10 },
    ),
    // 2000 draws: the mean of x has standard error (5/√12)/√2000 = 0.032; the noise y − f(x) has
    // mean 0 ± 5 · 0.5/√2000 = 0.056 and standard deviation 0.5 within 5/√4000 = 7.9 %.
    property(
      'nwData: xTrain uniform on [0, 5) and noise y − f(x) with mean 0 and standard deviation 0.5, within 5 standard errors over 2000 points',
      anySeed,
      async (s, seed) => {
        const n = 2000;
        const d = (await s.call('nwData', n, seed)) as Record<string, unknown>;
        const x = expectTensor(d.xTrain, 'xTrain', [n]);
        const y = expectTensor(d.yTrain, 'yTrain', [n]);
        const mx = moments(x.values).mean;
        const bx = meanBound(5 / Math.sqrt(12), n);
        ensure(
          Math.abs(mx - 2.5) <= bx,
          `the mean of xTrain is ${formatNumber(mx)}, expected 2.5 (±${formatNumber(bx)}) for U[0, 5)`,
        );
        const noise = Array.from(y.values, (v, i) => v - f64(x.values[i]!));
        const { mean, std } = moments(noise);
        ensure(
          Math.abs(mean) <= meanBound(0.5, n),
          `the noise y − f(x) has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(0.5, n))})`,
        );
        ensure(
          Math.abs(std / 0.5 - 1) <= stdRelBound(n),
          `the noise y − f(x) has standard deviation ${formatNumber(std)}, expected 0.5 (±${formatNumber(100 * stdRelBound(n))}%): torch.normal(0.0, 0.5) takes the standard deviation`,
        );
      },
      { numRuns: 3 },
    ),
    property(
      'averagePooling predicts the mean of yTrain at every query',
      fc.tuple(
        seeded((rng) => normalTensor(rng, [1 + rng.int(20)], 3)),
        fc.integer({ min: 1, max: 50 }),
      ),
      async (s, [y, q]) => {
        const mean = Array.from(y.values).reduce((a, v) => a + v, 0) / y.size;
        expectClose(await s.call('averagePooling', y, q), filled([q], mean), `averagePooling(yTrain, ${q})`);
      },
    ),
    reference(
      'gaussianPooling: weights softmax(−(x − x_i)²/2) and their average of the values, as float64',
      seeded((rng) => {
        const [n, m] = [1 + rng.int(5), 1 + rng.int(8)];
        const u = (k: number) =>
          TensorData.float(
            [k],
            Array.from({ length: k }, () => rng.uniform() * 5),
          );
        return { queries: u(n), keys: u(m), values: normalTensor(rng, [m], 2) };
      }),
      async (s, { queries, keys, values }) => {
        const got = await pooled(s, 'gaussianPooling', [queries, keys, values], queries.size, keys.size);
        const e = pool64(1, queries, keys, values);
        expectClose(got.attentionWeights, TensorData.float([e.n, e.m], e.weights.flat()), 'the attention weights');
        expectRowsAreDistributions(got.attentionWeights, 'the attention weights');
        expectClose(got.yHat, TensorData.float([e.n], e.yHat), 'yHat');
      },
    ),
    property(
      'bmm multiplies matrix by matrix: X_i Y_i for each i',
      seeded((rng) => {
        const [b, n, k, m] = [1 + rng.int(3), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(3)];
        return { X: normalTensor(rng, [b, n, k]), Y: normalTensor(rng, [b, k, m]) };
      }),
      async (s, { X, Y }) => {
        const [b, n, k] = X.shape as [number, number, number];
        const m = Y.shape[2]!;
        const e = Array.from({ length: b * n * m }, (_, idx) => {
          const [i, r, c] = [Math.floor(idx / (n * m)), Math.floor(idx / m) % n, idx % m];
          let a = 0;
          for (let l = 0; l < k; l++) a += X.get(i, r, l) * Y.get(i, l, c);
          return a;
        });
        expectClose(await s.call('bmm', X, Y), TensorData.float([b, n, m], e), 'bmm(X, Y)');
      },
    ),
    example("the notes' example: bmm(ones [2, 1, 4], ones [2, 4, 6]) is [2, 1, 6] of 4s", async (s) => {
      expectClose(
        await s.call('bmm', filled([2, 1, 4], 1), filled([2, 4, 6], 1)),
        filled([2, 1, 6], 4),
        'bmm(ones(2, 1, 4), ones(2, 4, 6))',
      );
    }),
    reference(
      'nwKernelRegression: weights softmax(−((x − x_i) w)²/2) over each query’s own keys, averaged values, as float64',
      poolCase,
      async (s, { w, queries, keys, values }) => {
        const got = await pooled(s, 'nwKernelRegression', [w, queries, keys, values], queries.size, keys.shape[1]!);
        const e = pool64(w.values[0]!, queries, keys, values);
        expectClose(
          got.attentionWeights,
          TensorData.float([e.n, e.m], e.weights.flat()),
          `the attention weights with w = ${formatNumber(w.values[0]!)}`,
        );
        expectClose(got.yHat, TensorData.float([e.n], e.yHat), `yHat with w = ${formatNumber(w.values[0]!)}`);
      },
    ),
    float64Gradient(
      'nwKernelRegression: the gradients with respect to w, the queries, keys and values match finite differences',
      {
        fn: 'driveNwKernelRegression',
        args: poolCaseOf(2, 1.5).map(({ w, queries, keys, values }) => [w, queries, keys, values]),
        wrt: [0, 1, 2, 3],
        forward: (w, queries, keys, values) => {
          const e = pool64(
            (w as TensorData).values[0]!,
            queries as TensorData,
            keys as TensorData,
            values as TensorData,
          );
          return exact([e.n], e.yHat);
        },
      },
    ),
    property(
      'leaveOneOut: row i holds every entry but x_i, in order',
      seeded((rng) => normalTensor(rng, [2 + rng.int(7)])),
      async (s, x) => {
        const n = x.size;
        expectClose(
          await s.call('leaveOneOut', x),
          TensorData.float([n, n - 1], leaveOneOut64(x.values).flat()),
          `leaveOneOut(${x})`,
          { atol: 0, rtol: 0 },
        );
      },
    ),
    training(
      "d2l's training (w from w0 in [0.5, 1), lr 0.5, 5 epochs, summed squared error of leave-one-out predictions) lowers the loss, step by step as gradient descent computed in float64",
      async (s, { rng, note }) => {
        const { x, y } = d2lData(rng);
        const w0 = Math.fround(0.5 + 0.5 * rng.uniform());
        const out = (await s.call('trainNWKernel', TensorData.float([50], x), TensorData.float([50], y), {
          w0,
          ...TRAIN,
        })) as {
          w?: unknown;
          losses?: unknown;
        } | null;
        if (out === null || typeof out !== 'object')
          throw new CheckFailure('trainNWKernel should return { w, losses }');
        ensure(
          Array.isArray(out.losses) && out.losses.length === TRAIN.numEpochs,
          `trainNWKernel should report ${TRAIN.numEpochs} losses, one per epoch, got ${JSON.stringify(out.losses)}`,
        );
        let w = w0;
        const expectedLosses: number[] = [];
        for (let e = 0; e < TRAIN.numEpochs; e++) {
          const [L, g] = lossAndGrad(w, x, y);
          expectedLosses.push(L);
          w -= TRAIN.lr * g;
        }
        const [finalLoss] = lossAndGrad(typeof out.w === 'number' ? out.w : Number.NaN, x, y);
        note(
          `loss ${formatNumber(expectedLosses[0]!)} at w0 = ${formatNumber(w0)}, ${formatNumber(finalLoss)} at the trained w = ${formatNumber(out.w as number)}`,
        );
        ensure(
          finalLoss < expectedLosses[0]!,
          `training from w0 = ${formatNumber(w0)} should lower the loss ${formatNumber(expectedLosses[0]!)}, but at the w it returned (${formatNumber(out.w as number)}) the loss is ${formatNumber(finalLoss)}`,
        );
        (out.losses as unknown[]).forEach((l, e) =>
          expectNumberClose(
            l,
            expectedLosses[e]!,
            `the loss reported for epoch ${e + 1} (before its step)`,
            SAME_STEPS,
          ),
        );
        expectNumberClose(out.w, w, `w after ${TRAIN.numEpochs} epochs from w0 = ${formatNumber(w0)}`, SAME_STEPS);
      },
    ),
    rejects('bmm of matrices that do not fit gets a ShapeMismatchError naming X and Y', async (s) => {
      await s.rejects(
        'bmm',
        [filled([2, 1, 4], 1), filled([2, 3, 6], 1)],
        /X.*Y/,
        'when X is [2, 1, 4] and Y [2, 3, 6]',
        'ShapeMismatchError',
      );
      await s.rejects(
        'bmm',
        [filled([2, 1, 4], 1), filled([3, 4, 6], 1)],
        /X.*Y/,
        'when X holds 2 matrices and Y 3',
        'ShapeMismatchError',
      );
    }),
  ],
});
