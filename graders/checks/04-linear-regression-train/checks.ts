import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, property, training } from '../../lib/checks';
import { expectNumberClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

/** d2l's setting: 1000 examples, lr 0.03, 3 epochs, minibatches of 10. */
const D2L = { n: 1000, lr: 0.03, numEpochs: 3, batchSize: 10 };
/** d2l reports errors in w and b below 1e-3 after these 3 epochs; 0.01 leaves room for unlucky seeds. */
const TOLERANCE = 0.01;

/** y = Xw + b + N(0, 0.01²) drawn in float64 here, independently of the student's exercise 01. */
function data(rng: Rng, w: number[], b: number, n: number) {
  const X = normalTensor(rng, [n, w.length]);
  const y = TensorData.float(
    [n, 1],
    X.rows().map((row) => row.reduce((s, x, j) => s + x * w[j]!, b) + 0.01 * rng.normal()),
  );
  return { X, y };
}

async function train(s: Subject, X: TensorData, y: TensorData, seed: number) {
  const out = (await s.call('trainLinearRegression', X, y, {
    lr: D2L.lr,
    numEpochs: D2L.numEpochs,
    batchSize: D2L.batchSize,
    seed,
  })) as {
    w?: unknown;
    b?: unknown;
    epochLosses?: unknown;
  } | null;
  if (out === null || typeof out !== 'object')
    throw new CheckFailure('trainLinearRegression should return { w, b, epochLosses }');
  const w = expectTensor(out.w, 'the trained w', [X.shape[1]!, 1]);
  const b = expectTensor(out.b, 'the trained b', [1]);
  return { w, b, epochLosses: out.epochLosses };
}

function expectRecovered(w: TensorData, b: TensorData, trueW: number[], trueB: number): void {
  const errW = Math.max(...trueW.map((t, j) => Math.abs(w.values[j]! - t)));
  const errB = Math.abs(b.values[0]! - trueB);
  ensure(
    errW <= TOLERANCE && errB <= TOLERANCE,
    `after training, w = [${[...w.values].map(formatNumber)}] and b = ${formatNumber(b.values[0]!)}; the data came from w = [${trueW.map(formatNumber)}], b = ${formatNumber(trueB)} (allowed error ${TOLERANCE})`,
  );
}

export default defineExercise({
  id: '04-linear-regression-train',
  title: 'Training linear regression from scratch',
  file: 'train.ts',
  uses: ['01-synthetic-data', '03-squared-loss-sgd'],
  callTimeoutMs: 60_000,
  checks: [
    training(
      "recovers d2l's w = [2, -3.4] and b = 4.2 from 1000 examples (lr 0.03, 3 epochs, batches of 10)",
      async (s, { rng, seed }) => {
        const { X, y } = data(rng, [2, -3.4], 4.2, D2L.n);
        const { w, b } = await train(s, X, y, seed);
        expectRecovered(w, b, [2, -3.4], 4.2);
      },
    ),
    training(
      'reports after each epoch the mean squared loss over all the data, falling to the noise floor 0.01²/2',
      async (s, { rng, seed }) => {
        const { X, y } = data(rng, [2, -3.4], 4.2, D2L.n);
        const { w, b, epochLosses } = await train(s, X, y, seed);
        ensure(
          Array.isArray(epochLosses) && epochLosses.length === D2L.numEpochs,
          `epochLosses should hold one number per epoch (${D2L.numEpochs})`,
        );
        const losses = epochLosses as unknown[];
        // The oracle: the mean of (ŷ - y)²/2 over the data, for the returned w and b, in float64.
        const mse =
          X.rows().reduce(
            (acc, row, i) =>
              acc + (row.reduce((s2, x, j) => s2 + x * w.values[j]!, b.values[0]!) - y.values[i]!) ** 2 / 2,
            0,
          ) / D2L.n;
        // float32 against float64: 3.7e-6 relative at worst over 40 seeds (measured).
        expectNumberClose(
          losses.at(-1),
          mse,
          'the loss reported after the last epoch (the mean squared loss of the returned w, b)',
          { atol: 1e-9, rtol: 1e-4 },
        );
        // The noise alone gives 0.01²/2 = 5e-5; three epochs of d2l's setting end within 10% of it.
        ensure(
          mse < 1e-4,
          `the mean squared loss after training is ${formatNumber(mse)}, expected near the noise floor 5e-5 (below 1e-4)`,
        );
        ensure(
          (losses[0] as number) > mse,
          `the loss did not fall: epoch losses [${losses.map((l) => formatNumber(l as number))}]`,
        );
      },
    ),
    property(
      'recovers any true w with 1 to 5 features and any b',
      seeded((rng, seed) => {
        const w = Array.from({ length: 1 + rng.int(5) }, () => Math.fround(3 * rng.normal()));
        const b = Math.fround(3 * rng.normal());
        return { w, b, seed, ...data(rng, w, b, D2L.n) };
      }),
      async (s, { w: trueW, b: trueB, X, y, seed }) => {
        const { w, b } = await train(s, X, y, seed);
        expectRecovered(w, b, trueW, trueB);
      },
      { numRuns: 3 },
    ),
  ],
});
