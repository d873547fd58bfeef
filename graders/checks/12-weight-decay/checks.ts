import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { makeRng, type Rng } from '../../../reference/random';
import { dataIter } from '../../../reference/01-synthetic-data';
import * as ref from '../../../reference/12-weight-decay';
import { dim, normalTensor, seeded, tensor } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects, training } from '../../lib/checks';
import { expectClose, expectNumberClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor, viaTf } from '../../lib/tf-interop';

const refPenalty = viaTf(ref.l2Penalty);

/** A minibatch, parameters, a learning rate and a weight decay λ (sometimes 0). */
const stepArgs = seeded((rng: Rng) => {
  const d = 1 + rng.int(6);
  const batch = 1 + rng.int(10);
  return {
    w: normalTensor(rng, [d, 1]),
    b: normalTensor(rng, [1]),
    X: normalTensor(rng, [batch, d]),
    y: normalTensor(rng, [batch, 1], 3),
    lr: 0.01 + 0.2 * rng.uniform(),
    lambda: rng.int(4) === 0 ? 0 : 5 * rng.uniform(),
  };
});
type StepArgs = { w: TensorData; b: TensorData; X: TensorData; y: TensorData; lr: number; lambda: number };

async function step(s: Subject, a: StepArgs): Promise<[TensorData, TensorData]> {
  const out = await s.call('weightDecayStep', a.w, a.b, a.X, a.y, a.lr, a.lambda);
  if (!Array.isArray(out) || out.length !== 2) throw new CheckFailure('weightDecayStep should return [w, b]');
  return [expectTensor(out[0], 'w after the step', a.w.shape), expectTensor(out[1], 'b after the step', a.b.shape)];
}

/** The reference step (tf.train.sgd on the penalised loss), in this process. */
function referenceStep(a: StepArgs): [TensorData, TensorData] {
  const inputs = [a.w, a.b, a.X, a.y].map(toTensor);
  const out = ref.weightDecayStep(
    inputs[0] as tf.Tensor2D,
    inputs[1] as tf.Tensor1D,
    inputs[2] as tf.Tensor2D,
    inputs[3] as tf.Tensor2D,
    a.lr,
    a.lambda,
  );
  const data: [TensorData, TensorData] = [fromTensor(out[0]), fromTensor(out[1])];
  tf.dispose([...inputs, ...out]);
  return data;
}

/** d2l 5.5.1: y = 0.05 + Σ_j 0.01 x_j + N(0, 0.01²), x ~ N(0, I) in 200 dimensions, drawn in float64. */
const D2L = { numInputs: 200, nTrain: 20, nTest: 100, lr: 0.003, numEpochs: 100, batchSize: 5 };
function data(rng: Rng, n: number) {
  const X = normalTensor(rng, [n, D2L.numInputs]);
  const y = TensorData.float(
    [n, 1],
    X.rows().map((x) => x.reduce((s, v) => s + 0.01 * v, 0.05) + 0.01 * rng.normal()),
  );
  return { X, y };
}

/** Mean of (xᵀw + b − y)²/2 in float64. */
function meanLoss(w: TensorData, b: TensorData, set: { X: TensorData; y: TensorData }): number {
  const rows = set.X.rows();
  return (
    rows.reduce(
      (acc, x, i) => acc + (x.reduce((s, v, j) => s + v * w.values[j]!, b.values[0]!) - set.y.values[i]!) ** 2 / 2,
      0,
    ) / rows.length
  );
}

type Config = { lambda: number; lr: number; numEpochs: number; batchSize: number; seed: number };
type DataSet = { X: TensorData; y: TensorData };

async function train(s: Subject, rng: Rng, seed: number, lambda: number, numEpochs: number) {
  const trainSet = data(rng, D2L.nTrain);
  const testSet = data(rng, D2L.nTest);
  return run(s, trainSet, testSet, { lambda, lr: D2L.lr, numEpochs, batchSize: D2L.batchSize, seed });
}

async function run(s: Subject, trainSet: DataSet, testSet: DataSet, config: Config) {
  const { numEpochs } = config;
  const out = (await s.call('trainWeightDecay', trainSet, testSet, config)) as Record<string, unknown> | null;
  if (out === null || typeof out !== 'object')
    throw new CheckFailure('trainWeightDecay should return { w, b, trainLosses, testLosses }');
  const perEpoch = (v: unknown, name: string) => {
    ensure(
      Array.isArray(v) && v.length === numEpochs && v.every((x) => typeof x === 'number'),
      `${name} should hold one number per epoch (${numEpochs})`,
    );
    return v as number[];
  };
  return {
    trainSet,
    testSet,
    w: expectTensor(out.w, 'the trained w', [trainSet.X.shape[1]!, 1]),
    b: expectTensor(out.b, 'the trained b', [1]),
    trainLosses: perEpoch(out.trainLosses, 'trainLosses'),
    testLosses: perEpoch(out.testLosses, 'testLosses'),
  };
}

/**
 * The stated procedure, in this process with tfjs: w = tf.randomNormal([d, 1], 0, 1, 'float32',
 * seed + 1), b = 0, in epoch e the reference step (tf.train.sgd on the penalised loss) over the
 * minibatches of dataIter(batchSize, X, y, seed + e), the losses (float64) after each epoch.
 */
function referenceTraining(trainSet: DataSet, testSet: DataSet, c: Config) {
  const [X, y] = [toTensor(trainSet.X) as tf.Tensor2D, toTensor(trainSet.y) as tf.Tensor2D];
  let w = tf.randomNormal<tf.Rank.R2>([trainSet.X.shape[1]!, 1], 0, 1, 'float32', c.seed + 1);
  let b = tf.zeros<tf.Rank.R1>([1]);
  const trainLosses: number[] = [];
  const testLosses: number[] = [];
  for (let epoch = 0; epoch < c.numEpochs; epoch++) {
    for (const [Xb, yb] of dataIter(c.batchSize, X, y, c.seed + epoch)) {
      const next = ref.weightDecayStep(w, b, Xb, yb, c.lr, c.lambda);
      tf.dispose([w, b, Xb, yb]);
      [w, b] = next;
    }
    const [wd, bd] = [fromTensor(w), fromTensor(b)];
    trainLosses.push(meanLoss(wd, bd, trainSet));
    testLosses.push(meanLoss(wd, bd, testSet));
  }
  const out = { w: fromTensor(w), b: fromTensor(b), trainLosses, testLosses };
  tf.dispose([X, y, w, b]);
  return out;
}

/**
 * A small problem whose every detail shows: 23 examples in minibatches of 5 (the last one short),
 * a true bias of 0.7 (a bias never updated stays far from it), 4 epochs.
 */
function smallProblem(rng: Rng) {
  const wTrue = [1.5, -2, 0.5, 1];
  const make = (n: number) => {
    const X = normalTensor(rng, [n, wTrue.length]);
    const y = TensorData.float(
      [n, 1],
      X.rows().map((x) => x.reduce((acc, v, j) => acc + v * wTrue[j]!, 0.7) + 0.1 * rng.normal()),
    );
    return { X, y };
  };
  return { trainSet: make(23), testSet: make(10) };
}

/**
 * d2l's demo with λ = 0 and λ = 3 (measured over 20 seeds): without decay the final training
 * loss is at most 1e-4 and the test loss 81 to 106 (test/train >= 8e5); with λ = 3 the test loss
 * is 0.08 to 0.19, at least 480 times lower. The checks ask for 100 and 10.
 */
const OVERFIT_RATIO = 100;
const DECAY_GAIN = 10;

export default defineExercise({
  id: '12-weight-decay',
  title: 'Weight decay',
  file: 'weight-decay.ts',
  uses: ['01-synthetic-data', '03-squared-loss-sgd'],
  callTimeoutMs: 60_000,
  checks: [
    example('l2Penalty([3, 4]) = (9 + 16) / 2 = 12.5', async (s) => {
      expectClose(
        await s.tensor('l2Penalty', TensorData.of([3, 4])),
        TensorData.float([], [12.5]),
        'l2Penalty([3, 4])',
      );
    }),
    property(
      'l2Penalty(w) = ||w||² / 2 for weights of any shape',
      fc.integer({ min: 1, max: 2 }).chain((rank) => tensor(fc.array(dim(1, 5), { minLength: rank, maxLength: rank }))),
      async (s, w) => {
        expectClose(await s.tensor('l2Penalty', w), refPenalty(w), 'l2Penalty(w)');
      },
    ),
    // The notes' update, in float64: with e_i = x_iᵀw + b − y_i,
    // w ← (1 − ηλ) w − η/|B| Σ x_i e_i and b ← b − η/|B| Σ e_i.
    property(
      "one step is the notes' w ← (1 − ηλ) w − η/|B| Σ x(wᵀx + b − y), and b is not decayed",
      stepArgs,
      async (s, a) => {
        const [w, b] = await step(s, a);
        const B = a.X.shape[0]!;
        const e = a.X.rows().map(
          (x, i) => x.reduce((acc, v, j) => acc + v * a.w.values[j]!, a.b.values[0]!) - a.y.values[i]!,
        );
        const expectedW = a.w.map(
          (wj, j) => (1 - a.lr * a.lambda) * wj - (a.lr / B) * a.X.rows().reduce((acc, x, i) => acc + x[j]! * e[i]!, 0),
        );
        const expectedB = TensorData.float([1], [a.b.values[0]! - (a.lr / B) * e.reduce((x, y) => x + y, 0)]);
        const why = `(lr ${formatNumber(a.lr)}, λ ${formatNumber(a.lambda)}, batch of ${B})`;
        expectClose(w, expectedW, `w after the step ${why}`);
        expectClose(b, expectedB, `b after the step ${why}`);
      },
    ),
    reference(
      'one step equals an SGD step (tf.train.sgd) on the penalised loss, mean of (ŷ − y)²/2 plus λ/2 ||w||²',
      stepArgs,
      async (s, a) => {
        const [w, b] = await step(s, a);
        const [ew, eb] = referenceStep(a);
        expectClose(w, ew, `w after the step (λ ${formatNumber(a.lambda)})`);
        expectClose(b, eb, `b after the step (λ ${formatNumber(a.lambda)})`);
      },
    ),
    training(
      `d2l's demo (200 features, 20 examples): without decay it overfits (test loss > ${OVERFIT_RATIO}× training loss); λ = 3 lowers the test loss at least ${DECAY_GAIN}×`,
      async (s, { seed, note }) => {
        // The same data for both runs: only λ differs.
        const plain = await train(s, makeRng(seed), seed, 0, D2L.numEpochs);
        const decayed = await train(s, makeRng(seed), seed, 3, D2L.numEpochs);
        const [trainLoss, testLoss] = [
          meanLoss(plain.w, plain.b, plain.trainSet),
          meanLoss(plain.w, plain.b, plain.testSet),
        ];
        const decayedTest = meanLoss(decayed.w, decayed.b, decayed.testSet);
        ensure(
          testLoss > OVERFIT_RATIO * trainLoss,
          `with λ = 0 the training loss is ${formatNumber(trainLoss)} and the test loss ${formatNumber(testLoss)}: expected overfitting, a test loss over ${OVERFIT_RATIO} times the training loss`,
        );
        ensure(
          decayedTest * DECAY_GAIN < testLoss,
          `with λ = 3 the test loss is ${formatNumber(decayedTest)}, with λ = 0 ${formatNumber(testLoss)}: weight decay should lower it at least ${DECAY_GAIN}×`,
        );
        note(
          `λ = 0: training loss ${formatNumber(trainLoss)}, test loss ${formatNumber(testLoss)}; λ = 3: test loss ${formatNumber(decayedTest)}`,
        );
      },
    ),
    training(
      'reports after each epoch the mean squared loss of the current model on the training and the test set',
      async (s, { rng, seed }) => {
        const r = await train(s, rng, seed, 3, 10);
        // float32 sums over 200 features against float64: 8.5e-7 relative at worst over 40 seeds (measured).
        for (const [name, losses, set] of [
          ['trainLosses', r.trainLosses, r.trainSet],
          ['testLosses', r.testLosses, r.testSet],
        ] as const) {
          expectNumberClose(
            losses.at(-1),
            meanLoss(r.w, r.b, set),
            `the last of ${name} (the mean squared loss of the returned w, b)`,
            { atol: 1e-6, rtol: 1e-3 },
          );
        }
        ensure(
          r.trainLosses[0]! > r.trainLosses.at(-1)!,
          `the training loss did not fall: [${r.trainLosses.map(formatNumber)}]`,
        );
      },
    ),
    // The float32 training of the student against the reference's, step for step: each step is a
    // few float32 operations on 4 features (6e-8 relative), and SGD with lr 0.05 on this problem
    // is a contraction, so the 20 steps stay within FLOAT32 of each other (measured over 40 seeds:
    // at most 1.2 % of FLOAT32's allowance); the losses compare as in the check above.
    training(
      'follows the stated procedure step for step: w ~ N(0, 1) drawn with seed + 1, b = 0, the minibatches of dataIter with seed + epoch (a short last one included), the losses after each epoch; seed 0 too, and twice the same',
      async (s, { rng, seed }) => {
        const { trainSet, testSet } = smallProblem(rng);
        for (const c of [
          { lambda: 0.5, lr: 0.05, numEpochs: 4, batchSize: 5, seed },
          { lambda: 0.5, lr: 0.05, numEpochs: 4, batchSize: 5, seed: 0 },
        ]) {
          const got = await run(s, trainSet, testSet, c);
          const expected = referenceTraining(trainSet, testSet, c);
          const at = `(seed ${c.seed}, λ ${c.lambda}, lr ${c.lr}, 23 examples in minibatches of 5)`;
          for (const name of ['trainLosses', 'testLosses'] as const)
            got[name].forEach((loss, e) =>
              expectNumberClose(loss, expected[name][e]!, `${name}[${e}], after epoch ${e + 1} ${at}`, {
                atol: 1e-6,
                rtol: 1e-3,
              }),
            );
          expectClose(got.w, expected.w, `the trained w ${at}`);
          expectClose(got.b, expected.b, `the trained b ${at}`);
          if (c.seed === 0) {
            const again = await run(s, trainSet, testSet, c);
            ensure(
              again.w.values.every((v, i) => v === got.w.values[i]) && again.b.values[0] === got.b.values[0],
              'two runs with seed 0 trained different weights: seed 0 must be reproducible too (tf.randomNormal ignores a seed of 0, hence seed + 1)',
            );
          }
        }
      },
    ),
    // λ = 0 is plain SGD: the edge of λ >= 0 is allowed.
    example('λ = 0 is allowed and gives a plain SGD step', async (s) => {
      const a = {
        w: TensorData.of([[0.5], [-1]]),
        b: TensorData.of([0.25]),
        X: TensorData.of([
          [1, 2],
          [-1, 0.5],
          [3, -2],
        ]),
        y: TensorData.of([[1], [-2], [0.5]]),
        lr: 0.1,
        lambda: 0,
      };
      const [w, b] = await step(s, a);
      const e = a.X.rows().map(
        (x, i) => x.reduce((acc, v, j) => acc + v * a.w.values[j]!, a.b.values[0]!) - a.y.values[i]!,
      );
      expectClose(
        w,
        a.w.map((wj, j) => wj - (a.lr / 3) * a.X.rows().reduce((acc, x, i) => acc + x[j]! * e[i]!, 0)),
        'w after a step with λ = 0',
      );
      expectClose(
        b,
        TensorData.of([a.b.values[0]! - (a.lr / 3) * e.reduce((p, q) => p + q, 0)]),
        'b after a step with λ = 0',
      );
    }),
    rejects(
      'a negative λ or a learning rate that is not positive (0 included) gives a HyperparameterError',
      async (s) => {
        const [w, b, X, y] = [TensorData.of([[1]]), TensorData.of([0]), TensorData.of([[1]]), TensorData.of([[2]])];
        for (const lambda of [-1, -1e-3])
          await s.rejects(
            'weightDecayStep',
            [w, b, X, y, 0.1, lambda],
            /lambda|λ|decay/i,
            `when λ = ${lambda}`,
            'HyperparameterError',
          );
        for (const lr of [0, -0.1])
          await s.rejects(
            'weightDecayStep',
            [w, b, X, y, lr, 1],
            /\blr\b|learning rate/i,
            `when lr = ${lr}`,
            'HyperparameterError',
          );
        await s.rejects(
          'trainWeightDecay',
          [
            { X, y },
            { X, y },
            { lambda: 0.5, lr: 0, numEpochs: 1, batchSize: 1, seed: 0 },
          ],
          /\blr\b|learning rate/i,
          'when lr = 0',
          'HyperparameterError',
        );
        await s.rejects(
          'trainWeightDecay',
          [
            { X, y },
            { X, y },
            { lambda: -3, lr: 0.01, numEpochs: 1, batchSize: 1, seed: 0 },
          ],
          /lambda|λ|decay/i,
          'when λ = -3',
          'HyperparameterError',
        );
      },
    ),
  ],
});
