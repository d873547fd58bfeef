import * as fc from 'fast-check';
import type * as tf from '@tensorflow/tfjs';
import * as ref from '../../../reference/20-conv2d-layer';
import { dim, quarters } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, training } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';
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
