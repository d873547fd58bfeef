import * as tf from '@tensorflow/tfjs';
import { bayesXor, sampleXor } from '../../../fixtures/data/xor-blobs';
import type { MlpParams } from '../../../reference/09-mlp-forward';
import * as ref from '../../../reference/10-mlp-train';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, property, reference, rejects, training } from '../../lib/checks';
import { expectClose, expectNumberClose, expectTensor } from '../../lib/compare';
import { accuracy, affine, mean, rowsOf, softmaxCrossEntropy, type Matrix } from '../../lib/float64/dense';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor } from '../../lib/tf-interop';

interface Params {
  W1: TensorData;
  b1: TensorData;
  W2: TensorData;
  b2: TensorData;
}
const NAMES = ['W1', 'b1', 'W2', 'b2'] as const;

/** The ReLU MLP's logits in float64: relu(X W1 + b1) W2 + b2. */
function logits(p: Params, X: Matrix): Matrix {
  const H = affine(X, rowsOf(p.W1), p.b1.values).map((row) => row.map((v) => Math.max(v, 0)));
  return affine(H, rowsOf(p.W2), p.b2.values);
}

function asParams(v: unknown, what: string, d: number, h: number, q: number): Params {
  if (v === null || typeof v !== 'object')
    throw new CheckFailure(`${what} should be the parameters { W1, b1, W2, b2 }`);
  const o = v as Record<string, unknown>;
  const shapes = { W1: [d, h], b1: [h], W2: [h, q], b2: [q] };
  return Object.fromEntries(
    NAMES.map((k) => [k, expectTensor(o[k], `${k} of ${what}`, shapes[k])]),
  ) as unknown as Params;
}

/** A small classification problem and random parameters (weights of order 1, so ReLU units differ). */
const epochProblem = seeded((rng: Rng, seed) => {
  const [n, d, h, q] = [2 + rng.int(30), 1 + rng.int(4), 1 + rng.int(6), 2 + rng.int(3)];
  const params: Params = {
    W1: normalTensor(rng, [d, h]),
    b1: normalTensor(rng, [h], 0.1),
    W2: normalTensor(rng, [h, q]),
    b2: normalTensor(rng, [q], 0.1),
  };
  const X = normalTensor(rng, [n, d]);
  const y = TensorData.int(
    [n],
    Array.from({ length: n }, () => rng.int(q)),
  );
  return { params, X, y, config: { lr: 0.05 + 0.3 * rng.uniform(), batchSize: 1 + rng.int(12), seed } };
});

/** The reference epoch (tf.train.sgd on variables), run in this process. */
function referenceEpoch(
  p: Params,
  X: TensorData,
  y: TensorData,
  config: { lr: number; batchSize: number; seed: number },
): Params {
  const inputs = Object.fromEntries(NAMES.map((k) => [k, toTensor(p[k])])) as unknown as MlpParams;
  const [Xt, yt] = [toTensor(X) as tf.Tensor2D, toTensor(y) as tf.Tensor1D];
  const out = ref.trainEpoch(inputs, Xt, yt, config);
  const data = Object.fromEntries(NAMES.map((k) => [k, fromTensor(out[k])])) as unknown as Params;
  tf.dispose([...Object.values(inputs), ...Object.values(out), Xt, yt]);
  return data;
}

/**
 * Softmax regression (one linear layer) trained in float64 by full-batch gradient descent, 300
 * steps of lr 0.5 on the mean cross-entropy: the linear model the MLP must beat. Returns its
 * logits function.
 */
function softmaxRegression(X: Matrix, y: number[], q: number): (Z: Matrix) => Matrix {
  const d = X[0]!.length;
  const W = Array.from({ length: d }, () => new Array<number>(q).fill(0));
  const b = new Array<number>(q).fill(0);
  for (let step = 0; step < 300; step++) {
    const gW = W.map((row) => row.map(() => 0));
    const gb = b.map(() => 0);
    affine(X, W, b).forEach((o, i) => {
      const m = Math.max(...o);
      const e = o.map((v) => Math.exp(v - m));
      const z = e.reduce((s, v) => s + v, 0);
      e.forEach((v, c) => {
        const g = (v / z - (c === y[i] ? 1 : 0)) / X.length;
        gb[c]! += g;
        X[i]!.forEach((x, j) => (gW[j]![c]! += g * x));
      });
    });
    W.forEach((row, j) => row.forEach((_, c) => (row[c]! -= 0.5 * gW[j]![c]!)));
    b.forEach((_, c) => (b[c]! -= 0.5 * gb[c]!));
  }
  return (Z) => affine(Z, W, b);
}

/**
 * XOR: 1000 training examples, 16 hidden units, lr 0.1, minibatches of 32, 5 epochs, initial
 * weights of standard deviation 0.5. (With d2l's 0.01 the MLP sits on a plateau for its first
 * epochs: the gradient of W1 is proportional to W2. Measured over 20 seeds, 5 epochs reach test
 * accuracy 0.816 at worst with 0.01 and 0.978 with 0.5.)
 */
const CONFIG = { numHiddens: 16, numClasses: 2, lr: 0.1, numEpochs: 5, batchSize: 32, sigma: 0.5 };
const N = 1000;
/** Measured over 20 seeds: 0.004 below the Bayes-optimal accuracy at worst, 0.000 on average. */
const BAYES_GAP = 0.05;
/**
 * No line does better than about 3/4 on XOR (cutting one blob off); the softmax regression the
 * check trains stays at chance, 0.49 to 0.51 on 20 seeds (measured), the MLP at 0.975 or more.
 */
const LINEAR_MARGIN = 0.2;

async function train(s: Subject, rng: Rng, seed: number) {
  const set = sampleXor(rng, N);
  const X = TensorData.float([N, 2], set.X.flat());
  const y = TensorData.int([N], set.y);
  const out = (await s.call('trainMlp', X, y, { ...CONFIG, seed })) as Record<string, unknown> | null;
  if (out === null || typeof out !== 'object')
    throw new CheckFailure('trainMlp should return { params, epochLosses, trainAccuracy }');
  return {
    set,
    params: asParams(out.params, 'the trained params', 2, CONFIG.numHiddens, CONFIG.numClasses),
    epochLosses: out.epochLosses,
    trainAccuracy: out.trainAccuracy,
  };
}

function perEpoch(v: unknown, name: string): number[] {
  ensure(
    Array.isArray(v) && v.length === CONFIG.numEpochs && v.every((x) => typeof x === 'number'),
    `${name} should hold one number per epoch (${CONFIG.numEpochs})`,
  );
  return v as number[];
}

export default defineExercise({
  id: '10-mlp-train',
  title: 'Training an MLP: beyond linear decision boundaries',
  file: 'train.ts',
  uses: ['01-synthetic-data', '03-squared-loss-sgd', '06-cross-entropy', '09-mlp-forward'],
  callTimeoutMs: 60_000,
  checks: [
    property(
      'evaluate gives the mean softmax cross-entropy and the accuracy of the ReLU MLP',
      epochProblem,
      async (s, { params, X, y }) => {
        const out = (await s.call('evaluate', params, X, y)) as Record<string, unknown> | null;
        if (out === null || typeof out !== 'object')
          throw new CheckFailure('evaluate should return { loss, accuracy }');
        const O = logits(params, rowsOf(X));
        expectNumberClose(out.loss, mean(softmaxCrossEntropy(O, y.values)), 'the loss of evaluate(params, X, y)');
        // float32 and float64 logits may order a near-tie differently: one example either way.
        expectNumberClose(out.accuracy, accuracy(O, y.values), 'the accuracy of evaluate(params, X, y)', {
          atol: 1 / y.size + 1e-6,
          rtol: 0,
        });
      },
    ),
    reference(
      'one trainEpoch equals the reference epoch: the same minibatches, one SGD step on the mean loss of each',
      epochProblem,
      async (s, { params, X, y, config }) => {
        const [d, h] = params.W1.shape as [number, number];
        const q = params.W2.shape[1]!;
        const got = asParams(
          await s.call('trainEpoch', params, X, y, config),
          'trainEpoch(params, X, y, config)',
          d,
          h,
          q,
        );
        const expected = referenceEpoch(params, X, y, config);
        for (const k of NAMES)
          expectClose(
            got[k],
            expected[k],
            `${k} after one epoch (n = ${y.size}, batchSize ${config.batchSize}, lr ${formatNumber(config.lr)})`,
          );
      },
    ),
    training(
      `on XOR it gets within ${BAYES_GAP} of the Bayes-optimal test accuracy, at least ${LINEAR_MARGIN} above softmax regression`,
      async (s, { rng, seed, note }) => {
        const { set, params } = await train(s, rng, seed);
        const test = sampleXor(rng, N);
        const acc = accuracy(logits(params, test.X), test.y);
        const bayes = test.X.filter((x, i) => bayesXor(x) === test.y[i]).length / N;
        const linear = accuracy(softmaxRegression(set.X, set.y, 2)(test.X), test.y);
        const where = `on ${N} fresh test examples: the trained MLP ${formatNumber(acc)}, the Bayes-optimal classifier ${formatNumber(bayes)}, softmax regression ${formatNumber(linear)}`;
        ensure(
          acc >= bayes - BAYES_GAP,
          `the MLP is too far from the best possible accuracy ${where} (allowed gap ${BAYES_GAP})`,
        );
        ensure(acc >= linear + LINEAR_MARGIN, `the MLP does no better than a linear model ${where}`);
        note(`accuracy ${where}`);
      },
    ),
    training(
      'reports after each epoch the loss and accuracy on the training set, and the loss falls',
      async (s, { rng, seed }) => {
        const { set, params, epochLosses, trainAccuracy } = await train(s, rng, seed);
        const losses = perEpoch(epochLosses, 'epochLosses');
        const accs = perEpoch(trainAccuracy, 'trainAccuracy');
        const O = logits(params, set.X);
        const loss = mean(softmaxCrossEntropy(O, set.y));
        // float32 forward passes over 1000 examples against float64: 1.05e-6 relative at worst over 20 seeds
        // (measured), and the same accuracy; float32 and float64 may still order a near-tie differently: 2 examples.
        expectNumberClose(
          losses.at(-1),
          loss,
          'the loss reported after the last epoch (the mean cross-entropy of the returned params)',
          { atol: 1e-5, rtol: 1e-3 },
        );
        expectNumberClose(accs.at(-1), accuracy(O, set.y), 'the training accuracy reported after the last epoch', {
          atol: 2 / N,
          rtol: 0,
        });
        ensure(losses[0]! > loss, `the loss did not fall: epoch losses [${losses.map(formatNumber)}]`);
      },
    ),
    rejects('a learning rate that is not positive, or a batch size of 0, gives a HyperparameterError', async (s) => {
      const params: Params = {
        W1: TensorData.of([[1]]),
        b1: TensorData.of([0]),
        W2: TensorData.of([[1, -1]]),
        b2: TensorData.of([0, 0]),
      };
      const X = TensorData.of([[1], [2]]);
      const y = TensorData.int([2], [0, 1]);
      await s.rejects(
        'trainEpoch',
        [params, X, y, { lr: -0.1, batchSize: 1, seed: 0 }],
        /lr|learning rate/i,
        'when lr = -0.1',
        'HyperparameterError',
      );
      await s.rejects(
        'trainEpoch',
        [params, X, y, { lr: 0.1, batchSize: 0, seed: 0 }],
        /batch/i,
        'when batchSize = 0',
        'HyperparameterError',
      );
      await s.rejects(
        'trainMlp',
        [X, y, { ...CONFIG, lr: -1, numEpochs: 1, seed: 0 }],
        /lr|learning rate/i,
        'when lr = -1',
        'HyperparameterError',
      );
    }),
  ],
});
