import type * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/09-mlp-forward';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { sharedValues, statedNormal } from '../../lib/draws';
import { affine, matMul, rowsOf, toTensorData } from '../../lib/float64/dense';
import { CheckFailure, ensure } from '../../lib/failure';
import { meanBound, moments, stdRelBound } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

interface Params {
  W1: TensorData;
  b1: TensorData;
  W2: TensorData;
  b2: TensorData;
}

/** Random parameters and inputs: n examples, d inputs, h hidden units, q outputs (biases not 0). */
const problem = seeded((rng: Rng) => {
  const [n, d, h, q] = [1 + rng.int(5), 1 + rng.int(4), 1 + rng.int(5), 1 + rng.int(3)];
  const params: Params = {
    W1: normalTensor(rng, [d, h]),
    b1: normalTensor(rng, [h]),
    W2: normalTensor(rng, [h, q]),
    b2: normalTensor(rng, [q]),
  };
  return { params, X: normalTensor(rng, [n, d]) };
});

/** The reference forward pass, with the parameters made tensors in this process. */
const refForward = viaTf(
  (W1: tf.Tensor2D, b1: tf.Tensor1D, W2: tf.Tensor2D, b2: tf.Tensor1D, X: tf.Tensor2D, activation: ref.Activation) =>
    ref.mlpForward({ W1, b1, W2, b2 }, X, activation),
);
const forward = (p: Params, X: TensorData, activation: ref.Activation) =>
  refForward(p.W1, p.b1, p.W2, p.b2, X, activation);

async function output(s: Subject, p: Params, X: TensorData, activation: string): Promise<TensorData> {
  return expectTensor(await s.call('mlpForward', p, X, activation), `mlpForward(params, X, '${activation}')`, [
    X.shape[0]!,
    p.W2.shape[1]!,
  ]);
}

/** W = W1 W2 and b = b1 W2 + b2, in float64. */
function collapsed(p: Params): { W: number[][]; b: number[] } {
  const W2 = rowsOf(p.W2);
  const b1W2 = matMul([Array.from(p.b1.values)], W2)[0]!;
  return { W: matMul(rowsOf(p.W1), W2), b: b1W2.map((v, j) => v + p.b2.values[j]!) };
}

async function init(s: Subject, d: number, h: number, q: number, seed: number, sigma?: number): Promise<Params> {
  const out = (await s.call('initParams', d, h, q, seed, ...(sigma === undefined ? [] : [sigma]))) as Record<
    string,
    unknown
  > | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('initParams should return { W1, b1, W2, b2 }');
  return {
    W1: expectTensor(out.W1, 'W1', [d, h]),
    b1: expectTensor(out.b1, 'b1', [h]),
    W2: expectTensor(out.W2, 'W2', [h, q]),
    b2: expectTensor(out.b2, 'b2', [q]),
  };
}

const sizes = fc.record({
  d: fc.integer({ min: 1, max: 6 }),
  h: fc.integer({ min: 1, max: 8 }),
  q: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
});

/** Layers large enough for the statistics of the weights: at least 600 entries each. */
const STAT = { d: 30, h: 40, q: 15 };

export default defineExercise({
  id: '09-mlp-forward',
  title: 'A one-hidden-layer multilayer perceptron',
  file: 'mlp.ts',
  uses: ['08-activations'],
  checks: [
    example(
      'ReLU switches off the hidden unit with a negative input: X = [[1, -2]] gives 4 with ReLU, 1 without an activation',
      async (s) => {
        const p: Params = {
          W1: TensorData.of([
            [1, 1],
            [0, 1],
          ]),
          b1: TensorData.of([0.5, 0]),
          W2: TensorData.of([[2], [3]]),
          b2: TensorData.of([1]),
        };
        const X = TensorData.of([[1, -2]]);
        // H = relu([1.5, -1]) = [1.5, 0], O = 1.5 * 2 + 0 * 3 + 1 = 4; without σ, 1.5 * 2 - 1 * 3 + 1 = 1.
        expectClose(await output(s, p, X, 'relu'), TensorData.of([[4]]), "mlpForward(params, [[1, -2]], 'relu')");
        expectClose(
          await output(s, p, X, 'identity'),
          TensorData.of([[1]]),
          "mlpForward(params, [[1, -2]], 'identity')",
        );
      },
    ),
    property(
      'with the identity activation the MLP is the single linear layer W = W1 W2, b = b1 W2 + b2 (the notes)',
      problem,
      async (s, { params, X }) => {
        const { W, b } = collapsed(params);
        expectClose(
          await output(s, params, X, 'identity'),
          toTensorData(affine(rowsOf(X), W, b)),
          "mlpForward(params, X, 'identity') against X W + b",
        );
      },
    ),
    property('collapseLinear gives W = W1 W2 and b = b1 W2 + b2', problem, async (s, { params }) => {
      const out = (await s.call('collapseLinear', params)) as Record<string, unknown> | null;
      if (out === null || typeof out !== 'object') throw new CheckFailure('collapseLinear should return { W, b }');
      const { W, b } = collapsed(params);
      expectClose(out.W, toTensorData(W), 'W of collapseLinear(params)');
      expectClose(out.b, TensorData.float([b.length], b), 'b of collapseLinear(params)');
    }),
    reference(
      'with ReLU, sigmoid and tanh it matches the reference (tfjs fused matMul with bias and activation)',
      fc.tuple(problem, fc.constantFrom<ref.Activation>('relu', 'sigmoid', 'tanh')),
      async (s, [{ params, X }, activation]) => {
        expectClose(
          await output(s, params, X, activation),
          forward(params, X, activation),
          `mlpForward(params, X, '${activation}')`,
        );
      },
    ),
    property(
      'initParams gives W1 [d, h], b1 [h], W2 [h, q], b2 [q], biases 0, the same for the same seed',
      sizes,
      async (s, { d, h, q, seed }) => {
        const p = await init(s, d, h, q, seed);
        for (const b of ['b1', 'b2'] as const) {
          const i = p[b].values.findIndex((v) => v !== 0);
          ensure(i < 0, `${b}[${i}] = ${formatNumber(p[b].values[i]!)}: biases start at 0`);
        }
        const again = await init(s, d, h, q, seed);
        ensure(
          p.W1.values.every((v, i) => v === again.W1.values[i]) &&
            p.W2.values.every((v, i) => v === again.W2.values[i]),
          `two calls with seed ${seed} gave different weights`,
        );
      },
    ),
    // W1 and W2 each hold >= 600 draws of N(0, sigma²): their mean is within 5 standard errors
    // (5 sigma / sqrt(n)) of 0 and their standard deviation within 5 / sqrt(2n) relative of sigma.
    property(
      'initParams draws the weights from N(0, sigma²), sigma = 0.01 by default',
      fc.tuple(fc.integer({ min: 0, max: 2 ** 30 }), fc.constantFrom(undefined, 0.1, 1)),
      async (s, [seed, sigma]) => {
        const p = await init(s, STAT.d, STAT.h, STAT.q, seed, sigma);
        const std = sigma ?? 0.01;
        for (const w of ['W1', 'W2'] as const) {
          const n = p[w].size;
          const m = moments(p[w].values);
          ensure(
            Math.abs(m.mean) <= meanBound(std, n),
            `${w} has mean ${formatNumber(m.mean)}, expected 0 (±${formatNumber(meanBound(std, n))}) for sigma ${std}`,
          );
          ensure(
            Math.abs(m.std / std - 1) <= stdRelBound(n),
            `${w} has standard deviation ${formatNumber(m.std)}, expected sigma = ${std} (±${formatNumber(100 * stdRelBound(n))}%)`,
          );
        }
      },
      { numRuns: 5 },
    ),
    // The task states the draw: W1 = tf.randomNormal([d, h], 0, sigma, 'float32', seed + 1), W2 the
    // same with [h, q] and seed + 2, made here with tfjs.
    reference(
      'initParams draws W1 with tf.randomNormal(seed + 1) and W2 with seed + 2, as the task states',
      fc.tuple(sizes, fc.constantFrom(undefined, 0.1, 1)),
      async (s, [{ d, h, q, seed }, sigma]) => {
        const p = await init(s, d, h, q, seed, sigma);
        const std = sigma ?? 0.01;
        expectClose(p.W1, await statedNormal([d, h], 0, std, seed + 1), `W1 for seed ${seed}, sigma ${std}`);
        expectClose(p.W2, await statedNormal([h, q], 0, std, seed + 2), `W2 for seed ${seed}, sigma ${std}`);
      },
    ),
    // Drawn with different seeds, W1 and W2 share a value with probability below 1e-3 at these
    // sizes; drawn with the same seed, they share their common prefix.
    property(
      'W1 and W2 share no draws (different seeds), and seed 0 gives the same weights twice',
      sizes.map((v) => ({ ...v, d: v.d + 2, h: v.h + 2, q: v.q + 1 })),
      async (s, { d, h, q, seed }) => {
        for (const sd of [seed, 0]) {
          const p = await init(s, d, h, q, sd, 1);
          const shared = sharedValues(p.W1.values, p.W2.values);
          ensure(
            shared === 0,
            `with seed ${sd}, ${shared} of the ${p.W2.size} values of W2 also occur in W1: draw the layers with different seeds (seed + 1, seed + 2)`,
          );
        }
        const a = await init(s, d, h, q, 0);
        const b = await init(s, d, h, q, 0);
        ensure(
          a.W1.values.every((v, i) => v === b.W1.values[i]) && a.W2.values.every((v, i) => v === b.W2.values[i]),
          'two calls of initParams with seed 0 gave different weights (tfjs takes a seed of 0 for none: draw with seed + 1, seed + 2)',
        );
      },
      { numRuns: 5 },
    ),
    example('the edges are valid: layers of one unit, and sigma = 0 (all weights 0)', async (s) => {
      const one = await init(s, 1, 1, 1, 3);
      expectClose(one.W1, await statedNormal([1, 1], 0, 0.01, 4), 'W1 of initParams(1, 1, 1, 3)');
      const zero = await init(s, 3, 4, 2, 3, 0);
      for (const w of ['W1', 'W2'] as const)
        expectClose(
          zero[w],
          zero[w].map(() => 0),
          `${w} of initParams(3, 4, 2, 3, sigma = 0)`,
          { atol: 0, rtol: 0 },
        );
    }),
    rejects(
      'a layer size that is not a positive integer, a negative sigma or seed, or an unknown activation give a HyperparameterError',
      async (s) => {
        const p: Params = {
          W1: TensorData.of([[1]]),
          b1: TensorData.of([0]),
          W2: TensorData.of([[1]]),
          b2: TensorData.of([0]),
        };
        await s.rejects(
          'mlpForward',
          [p, TensorData.of([[1]]), 'softplus'],
          /softplus/,
          "when the activation is 'softplus'",
          'HyperparameterError',
        );
        const good = [3, 4, 2, 1];
        const names = ['numInputs', 'numHiddens', 'numOutputs'];
        for (const [k, name] of names.entries())
          for (const bad of [0, -1, 1.5])
            await s.rejects(
              'initParams',
              good.map((v, i) => (i === k ? bad : v)),
              new RegExp(name.slice(3), 'i'),
              `when ${name} is ${bad}`,
              'HyperparameterError',
            );
        await s.rejects('initParams', [...good, -0.1], /sigma/, 'when sigma is -0.1', 'HyperparameterError');
        // seed -1 is where seed + 1 becomes the 0 that tfjs ignores.
        await s.rejects('initParams', [3, 4, 2, -1], /seed/, 'when seed is -1', 'HyperparameterError');
      },
    ),
  ],
});
