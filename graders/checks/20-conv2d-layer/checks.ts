import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/20-conv2d-layer';
import type { Rng } from '../../../reference/random';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects, training } from '../../lib/checks';
import { expectClose, expectTensor, FLOAT32 } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor, viaTf } from '../../lib/tf-interop';
import { d2lEdgeMap, d2lEdges, inputAndKernel, transpose } from '../../lib/conv';

const refForward = viaTf((weight: tf.Tensor2D, bias: tf.Tensor1D, X: tf.Tensor2D) =>
  ref.conv2dForward({ weight, bias }, X),
);

/**
 * Full-batch gradient descent on Σ (Ŷ − Y)² for d2l's image is a linear iteration: the error in
 * (weight, bias) is multiplied each epoch by a fixed matrix with eigenvalues 1 − lr·λ, λ those of
 * the Hessian 2 · 6 rows · [[3, 2, 3], [2, 3, 3], [3, 3, 7]]: 12, 19.7 and 124.3. d2l's lr 0.03
 * suits the kernel alone (λ = 12 and 60) but diverges with the bias (0.03 · 124.3 > 2); at lr 0.01
 * the factors are 0.88, 0.80 and −0.24, and 40 epochs from any initial weight in [0, 1)² end
 * within 0.0091 of [1, −1] and 1.1e-4 of bias 0 (the worst corner, float64). TOLERANCE is 5 times that.
 */
const EDGE_TRAINING = { lr: 0.01, numEpochs: 40 };
const TOLERANCE = 0.05;

/** Reads { params: { weight, bias }, losses } back from trainConv2D. */
async function train(s: Subject, X: TensorData, Y: TensorData, kernelSize: [number, number], seed: number) {
  const out = (await s.call('trainConv2D', X, Y, { kernelSize, ...EDGE_TRAINING, seed })) as {
    params?: { weight?: unknown; bias?: unknown };
    losses?: unknown;
  } | null;
  if (out === null || typeof out !== 'object' || typeof out.params !== 'object' || out.params === null) {
    throw new CheckFailure('trainConv2D should return { params: { weight, bias }, losses }');
  }
  const weight = expectTensor(out.params.weight, 'the trained weight', kernelSize);
  const bias = expectTensor(out.params.bias, 'the trained bias', [1]);
  const losses = out.losses;
  ensure(
    Array.isArray(losses) && losses.length === EDGE_TRAINING.numEpochs && losses.every((l) => typeof l === 'number'),
    `losses should hold one number per epoch (${EDGE_TRAINING.numEpochs})`,
  );
  return { weight, bias, losses: losses as number[] };
}

/** Trains on X, Y = corr2d(X, K) and expects K back, a bias near 0, and a loss falling every epoch. */
async function expectLearns(s: Subject, X: TensorData, Y: TensorData, K: TensorData, seed: number): Promise<void> {
  const { weight, bias, losses } = await train(s, X, Y, K.shape as [number, number], seed);
  expectClose(weight, K, `the kernel learned after ${EDGE_TRAINING.numEpochs} epochs at lr ${EDGE_TRAINING.lr}`, {
    atol: TOLERANCE,
    rtol: 0,
  });
  expectClose(bias, TensorData.float([1], [0]), 'the bias learned (the data has none)', { atol: TOLERANCE, rtol: 0 });
  // Every mode of the error shrinks each epoch (factors in (-1, 1)), so the loss falls every epoch.
  const rise = losses.findIndex((l, e) => e > 0 && !(l < losses[e - 1]!));
  ensure(
    rise < 0,
    `the loss should fall every epoch, but went from ${formatNumber(losses[rise - 1]!)} to ${formatNumber(losses[rise]!)} in epoch ${rise}`,
  );
}

/** The draw the task states, made here: tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1). */
function statedDraw(kernelSize: [number, number], seed: number): TensorData {
  const w = tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1);
  const data = fromTensor(w);
  w.dispose();
  return data;
}

/** The reference's training run (gradients written out, not autodiff) on the same data and settings. */
function refTrain(X: TensorData, Y: TensorData, config: ref.TrainConfig) {
  const [x, y] = [toTensor(X) as tf.Tensor2D, toTensor(Y) as tf.Tensor2D];
  const out = ref.trainConv2D(x, y, config);
  const result = { weight: fromTensor(out.params.weight), bias: fromTensor(out.params.bias), losses: out.losses };
  tf.dispose([x, y, out.params.weight, out.params.bias]);
  return result;
}

/**
 * A training problem that shows a bias mistake: an input in [0, 1) (an image), Y = corr2d(X, K) + b
 * with a true bias b of 0.5 to 1.5 in size (a loop that never updates the bias cannot reach it), and
 * lr = 1 / trace of the loss's Hessian, 2 Σ_windows (‖window‖² + 1) ≥ its largest eigenvalue: every
 * mode of the error shrinks by a factor in [0, 1) each epoch, so float32 rounding never grows.
 */
function stepProblem(rng: Rng) {
  const seed = rng.int(1e6);
  const [h, w] = [3 + rng.int(4), 3 + rng.int(5)];
  const [kh, kw] = [1 + rng.int(Math.min(h, 3)), 1 + rng.int(Math.min(w, 3))];
  const X = Array.from({ length: h * w }, () => rng.int(8) / 8);
  const K = Array.from({ length: kh * kw }, () => rng.int(9) / 4 - 1);
  const b = (rng.int(2) ? 1 : -1) * (0.5 + rng.int(5) / 4);
  const [oh, ow] = [h - kh + 1, w - kw + 1];
  const Y: number[] = [];
  let trace = 0;
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      let y = b;
      let norm = 1;
      for (let a = 0; a < kh; a++)
        for (let c = 0; c < kw; c++) {
          y += X[(i + a) * w + j + c]! * K[a * kw + c]!;
          norm += X[(i + a) * w + j + c]! ** 2;
        }
      Y.push(y);
      trace += 2 * norm;
    }
  return {
    X: TensorData.float([h, w], X),
    Y: TensorData.float([oh, ow], Y),
    config: { kernelSize: [kh, kw] as [number, number], lr: 1 / trace, numEpochs: 6, seed },
  };
}

/** Reads trainConv2D's result for any settings. */
async function trainWith(s: Subject, X: TensorData, Y: TensorData, config: ref.TrainConfig) {
  const out = (await s.call('trainConv2D', X, Y, config)) as {
    params?: { weight?: unknown; bias?: unknown };
    losses?: unknown;
  } | null;
  if (out === null || typeof out !== 'object' || typeof out.params !== 'object' || out.params === null) {
    throw new CheckFailure('trainConv2D should return { params: { weight, bias }, losses }');
  }
  const losses = out.losses;
  ensure(
    Array.isArray(losses) && losses.length === config.numEpochs && losses.every((l) => typeof l === 'number'),
    `losses should hold one number per epoch (${config.numEpochs}), got ${Array.isArray(losses) ? `${losses.length} entries` : String(losses)}`,
  );
  return {
    weight: expectTensor(out.params.weight, 'the trained weight', config.kernelSize),
    bias: expectTensor(out.params.bias, 'the trained bias', [1]),
    losses: losses as number[],
  };
}

/** trainConv2D against the reference, epoch by epoch: each loss (before its step), then the parameters. */
async function expectSameSteps(s: Subject, X: TensorData, Y: TensorData, config: ref.TrainConfig, what: string) {
  const got = await trainWith(s, X, Y, config);
  const want = refTrain(X, Y, config);
  const near = (a: number, b: number | undefined) =>
    b !== undefined && Math.abs(a - b) <= FLOAT32.atol + FLOAT32.rtol * Math.abs(b);
  want.losses.forEach((l, e) =>
    ensure(
      near(got.losses[e]!, l),
      `${what}: the loss recorded for epoch ${e} is ${formatNumber(got.losses[e]!)}, expected ${formatNumber(l)}, the loss of the parameters before that epoch's step${near(got.losses[e]!, want.losses[e + 1]) ? ' (it is the loss after the step)' : ''}`,
      [`losses ${got.losses.map(formatNumber).join(', ')}`, `expected ${want.losses.map(formatNumber).join(', ')}`],
    ),
  );
  expectClose(got.weight, want.weight, `${what}: the weight after ${config.numEpochs} epochs`);
  expectClose(got.bias, want.bias, `${what}: the bias after ${config.numEpochs} epochs`);
}

export default defineExercise({
  id: '20-conv2d-layer',
  title: 'A convolutional layer that learns its kernel',
  file: 'conv2d-layer.ts',
  uses: ['19-corr2d'],
  checks: [
    example(
      "d2l's edge detector as a layer: weight [[1, -1]] on the striped image marks the edges, and a bias of 0.5 adds 0.5 everywhere",
      async (s) => {
        const weight = TensorData.of([[1, -1]]);
        expectClose(
          await s.call('conv2dForward', { weight, bias: TensorData.of([0]) }, d2lEdges),
          d2lEdgeMap,
          'conv2dForward({ weight: [[1, -1]], bias: [0] }, X)',
        );
        expectClose(
          await s.call('conv2dForward', { weight, bias: TensorData.of([0.5]) }, d2lEdges),
          d2lEdgeMap.map((v) => v + 0.5),
          'conv2dForward({ weight: [[1, -1]], bias: [0.5] }, X)',
        );
      },
    ),
    reference(
      'conv2dForward is corr2d(X, weight) + bias on random inputs',
      fc.tuple(inputAndKernel, quarters([1])),
      async (s, [[X, weight], bias]) => {
        expectClose(
          await s.call('conv2dForward', { weight, bias }, X),
          refForward(weight, bias, X),
          'conv2dForward({ weight, bias }, X)',
        );
      },
    ),
    property(
      'initConv2D draws the weight uniformly from [0, 1) in the kernel shape, a bias of [0], the same for the same seed and not for another',
      fc.tuple(dim(2, 4), dim(2, 4), fc.integer({ min: 0, max: 1e6 })),
      async (s, [kh, kw, seed]) => {
        const init = async (sd: number) => {
          const p = (await s.call('initConv2D', [kh, kw], sd)) as { weight?: unknown; bias?: unknown } | null;
          if (p === null || typeof p !== 'object') throw new CheckFailure('initConv2D should return { weight, bias }');
          return {
            weight: expectTensor(p.weight, `initConv2D([${kh}, ${kw}], ${sd}).weight`, [kh, kw]),
            bias: expectTensor(p.bias, `initConv2D([${kh}, ${kw}], ${sd}).bias`, [1]),
          };
        };
        const { weight, bias } = await init(seed);
        const outside = weight.values.findIndex((v) => !(v >= 0 && v < 1));
        ensure(outside < 0, `the weight has ${formatNumber(weight.values[outside]!)}, outside [0, 1)`, [
          `weight = ${weight}`,
        ]);
        // kh·kw >= 4 independent uniform draws are all equal with probability 0.
        ensure(new Set(weight.values).size > 1, 'every entry of the weight is the same: it should be drawn at random', [
          `weight = ${weight}`,
        ]);
        expectClose(bias, TensorData.float([1], [0]), 'the initial bias', { atol: 0, rtol: 0 });
        expectClose((await init(seed)).weight, weight, `a second initConv2D with seed ${seed}`, { atol: 0, rtol: 0 });
        const other = (await init(seed + 1)).weight;
        ensure(
          other.values.some((v, i) => v !== weight.values[i]),
          `seeds ${seed} and ${seed + 1} give the same weight`,
        );
      },
      { numRuns: 5 },
    ),
    // Seeded tf.randomUniform gives the same values on every backend (docs/facts.md): compared exactly.
    reference(
      "initConv2D's weight is exactly the stated draw tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1), seed 0 included",
      fc.tuple(dim(1, 4), dim(1, 4), fc.integer({ min: 1, max: 1e6 })),
      async (s, [kh, kw, seed]) => {
        for (const sd of [0, seed]) {
          const p = (await s.call('initConv2D', [kh, kw], sd)) as { weight?: unknown } | null;
          if (p === null || typeof p !== 'object') throw new CheckFailure('initConv2D should return { weight, bias }');
          expectClose(
            p.weight,
            statedDraw([kh, kw], sd),
            `initConv2D([${kh}, ${kw}], ${sd}).weight against tf.randomUniform([${kh}, ${kw}], 0, 1, 'float32', ${sd + 1})`,
            { atol: 0, rtol: 0 },
          );
        }
      },
      { numRuns: 5 },
    ),
    // FLOAT32 on losses and parameters: over 300 such problems on cpu and wasm the solution (autodiff) equals the
    // reference bit for bit, and a variant (mean squared error times n, tf.grads, add(−lr·g)) is within 2e-7
    // relative on the losses and exact on the parameters; the contraction keeps it so over the 6 epochs.
    training(
      'each epoch is one step of both parameters from the same gradients, its loss recorded before the step: the reference run step by step, on data with a nonzero bias',
      async (s, { rng }) => {
        for (let run = 0; run < 3; run++) {
          const { X, Y, config } = stepProblem(rng);
          await expectSameSteps(
            s,
            X,
            Y,
            config,
            `on a ${X.shape.join('x')} input with a ${config.kernelSize.join('x')} kernel and bias`,
          );
        }
      },
    ),
    example(
      'the edges of the settings: 0 epochs return the initial parameters and no losses; a kernel as large as X, and a learning rate of 1e-6, train as the reference',
      async (s) => {
        const X = TensorData.of([
          [0.5, 1, 0.25, 0],
          [0.75, 0, 1, 0.5],
          [0, 0.25, 0.5, 1],
        ]);
        const zero = await trainWith(s, X, TensorData.float([2, 3], [1, 2, 3, 4, 5, 6]), {
          kernelSize: [2, 2],
          lr: 0.01,
          numEpochs: 0,
          seed: 7,
        });
        expectClose(zero.weight, statedDraw([2, 2], 7), 'the weight after 0 epochs (the initial draw)', {
          atol: 0,
          rtol: 0,
        });
        expectClose(zero.bias, TensorData.float([1], [0]), 'the bias after 0 epochs', { atol: 0, rtol: 0 });
        await expectSameSteps(
          s,
          X,
          TensorData.of([[2]]),
          { kernelSize: [3, 4], lr: 0.01, numEpochs: 3, seed: 3 },
          'a 3x4 kernel on the 3x4 input',
        );
        await expectSameSteps(
          s,
          X,
          TensorData.float([2, 3], [1, 2, 3, 4, 5, 6]),
          { kernelSize: [2, 2], lr: 1e-6, numEpochs: 2, seed: 5 },
          'lr 1e-6',
        );
      },
    ),
    rejects(
      'settings outside their range throw: lr ≤ 0, numEpochs negative or fractional, a kernel side below 1 (HyperparameterError), a kernel one larger than X (KernelTooLargeError)',
      async (s) => {
        const X = TensorData.float([3, 4], new Array(12).fill(0.5));
        const Y = TensorData.float([2, 3], new Array(6).fill(1));
        const config = { kernelSize: [2, 2], lr: 0.01, numEpochs: 2, seed: 1 };
        for (const [change, pattern] of [
          [{ lr: 0 }, /learning rate|lr/i],
          [{ lr: -0.01 }, /learning rate|lr/i],
          [{ numEpochs: -1 }, /numEpochs|epoch/i],
          [{ numEpochs: 1.5 }, /numEpochs|epoch/i],
        ] as const) {
          await s.rejects(
            'trainConv2D',
            [X, Y, { ...config, ...change }],
            pattern,
            `when ${Object.entries(change).map(([k, v]) => `${k} = ${v}`)}`,
            'HyperparameterError',
          );
        }
        for (const kernelSize of [
          [0, 2],
          [2, 1.5],
        ]) {
          await s.rejects(
            'initConv2D',
            [kernelSize, 1],
            /kernel/i,
            `for kernelSize [${kernelSize.join(', ')}]`,
            'HyperparameterError',
          );
        }
        for (const kernelSize of [
          [4, 2],
          [2, 5],
        ]) {
          await s.rejects(
            'trainConv2D',
            [X, TensorData.float([1, 1], [1]), { ...config, kernelSize }],
            /larger/i,
            `for a ${kernelSize.join('x')} kernel on a 3x4 input`,
            'KernelTooLargeError',
          );
        }
      },
    ),
    training(
      "learns d2l's edge kernel [[1, -1]] from the striped image X and Y = corr2d(X, [[1, -1]])",
      async (s, { seed }) => {
        await expectLearns(s, d2lEdges, d2lEdgeMap, TensorData.of([[1, -1]]), seed);
      },
    ),
    training('learns the horizontal edge kernel [[1], [-1]] from the transposed image', async (s, { seed }) => {
      await expectLearns(s, transpose(d2lEdges), transpose(d2lEdgeMap), TensorData.of([[1], [-1]]), seed);
    }),
  ],
});
