import * as fc from 'fast-check';
import * as ref from '../../../reference/03-squared-loss-sgd';
import { makeRng } from '../../../reference/random';
import { anySeed, dim, float32, normalTensor, seeded, shape, tensor } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure } from '../../lib/failure';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refSquaredLoss = viaTf(ref.squaredLoss);

/**
 * Parameters of random shapes, their gradients, a learning rate and a batch size; the last two
 * parameters always get a gradient of 0 and of 1e-30 (an optimizer must step by nothing there, and
 * still return a new tensor).
 */
const sgdArgs = fc.array(shape(dim(1, 4), dim(1, 4)), { minLength: 1, maxLength: 3 }).chain((shapes) =>
  fc
    .record({
      params: fc.tuple(...shapes.map((s) => tensor(s)), tensor([2, 3]), tensor([3])),
      grads: fc.tuple(...shapes.map((s) => tensor(s))),
      lr: float32({ min: 1e-3, max: 1 }),
      batchSize: fc.integer({ min: 1, max: 64 }),
    })
    .map(({ params, grads, ...rest }) => ({
      params: params as TensorData[],
      grads: [
        ...grads,
        TensorData.float([2, 3], new Array(6).fill(0)),
        TensorData.float([3], new Array(3).fill(1e-30)),
      ],
      ...rest,
    })),
);

/**
 * Predictions and labels as large as 1e4 that differ by little (ŷ² - 2ŷy + y² loses everything
 * there), and always one row with both extremes, ŷ = -1e4 against y = 1e4.
 */
const largeLoss = fc
  .array(fc.tuple(fc.constantFrom(1e4, -1e4, 5e3, -3e3, 1e3), float32({ min: -2, max: 2 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((rows) => {
    const pairs = [[1e4 + 0.5, 1e4] as const, [-1e4, 1e4] as const, ...rows.map(([big, d]) => [big + d, big] as const)];
    return {
      yHat: TensorData.float(
        [pairs.length, 1],
        pairs.map(([p]) => p),
      ),
      y: TensorData.float(
        [pairs.length],
        pairs.map(([, l]) => l),
      ),
    };
  });

/** A tiny parameter set for the argument checks of sgd and linregStep. */
const tiny = {
  params: [TensorData.of([0, 1])],
  grads: [TensorData.of([1, 0.5])],
  w: TensorData.of([[1], [-1]]),
  b: TensorData.of([0.5]),
  X: TensorData.of([
    [1, 2],
    [3, 4],
  ]),
  y: TensorData.of([[1], [2]]),
};

/** A linear-regression minibatch and parameters, drawn from a seed. */
const stepArgs = seeded((rng) => {
  const d = 1 + rng.int(4);
  const batch = 1 + rng.int(16);
  return {
    w: normalTensor(rng, [d, 1]),
    b: normalTensor(rng, [1]),
    X: normalTensor(rng, [batch, d]),
    y: normalTensor(rng, [batch, 1], 3),
    lr: 0.01 + rng.uniform() * 0.3,
  };
});

export default defineExercise({
  id: '03-squared-loss-sgd',
  title: 'Squared loss and a minibatch SGD step',
  file: 'squared-loss-sgd.ts',
  checks: [
    example('squaredLoss([[1], [2]], [3, 1]) = [[2], [0.5]] (labels reshaped to the predictions)', async (s) => {
      const got = await s.tensor('squaredLoss', TensorData.of([[1], [2]]), TensorData.of([3, 1]));
      expectClose(got, TensorData.of([[2], [0.5]]), 'squaredLoss([[1], [2]], [3, 1])');
    }),
    gradient('the gradient of squaredLoss with respect to the predictions matches finite differences', {
      fn: 'squaredLoss',
      args: dim(1, 6).chain((n) => fc.tuple(tensor([n, 1]), tensor([n]))),
      wrt: [0],
      forward: (yHat, y) => refSquaredLoss(yHat as TensorData, y as TensorData),
    }),
    // The float64 oracle from the float32 inputs: (ŷ - y)²/2 and, times an upstream dy, ŷ - y.
    property(
      'squaredLoss and its gradient stay exact for predictions and labels as large as 1e4 that differ by little',
      fc.tuple(largeLoss, anySeed),
      async (s, [{ yHat, y }, dySeed]) => {
        const expected = yHat.map((p, i) => (p - y.values[i]!) ** 2 / 2);
        expectClose(await s.call('squaredLoss', yHat, y), expected, 'squaredLoss(ŷ, y) for large ŷ and y');
        const dy = normalTensor(makeRng(dySeed), yHat.shape);
        const { grads } = await s.vjp('squaredLoss', [yHat, y], [0], dy);
        expectClose(
          grads[0],
          yHat.map((p, i) => dy.values[i]! * (p - y.values[i]!)),
          'the gradient of squaredLoss with respect to ŷ, for large ŷ and y',
        );
      },
    ),
    property(
      'sgd moves every parameter by -lr * grad / batchSize',
      sgdArgs,
      async (s, { params, grads, lr, batchSize }) => {
        const out = await s.call('sgd', params, grads, lr, batchSize);
        if (!Array.isArray(out) || out.length !== params.length) {
          throw new CheckFailure(`sgd should return the ${params.length} updated parameters as an array`);
        }
        params.forEach((p, i) => {
          const expected = p.map((x, j) => x - (lr * grads[i]!.values[j]!) / batchSize);
          expectClose(out[i], expected, `parameter ${i} after sgd (lr ${lr}, batchSize ${batchSize})`);
        });
      },
    ),
    // The oracle, in float64: the gradient of the summed loss with respect to w is
    // sum_i x_i (x_iᵀw + b - y_i), with respect to b sum_i (x_iᵀw + b - y_i).
    property(
      'one linregStep equals w - lr/|B| times the sum over the batch of the per-example gradients',
      stepArgs,
      async (s, { w, b, X, y, lr }) => {
        const out = await s.call('linregStep', w, b, X, y, lr);
        if (!Array.isArray(out) || out.length !== 2) throw new CheckFailure('linregStep should return [w, b]');
        const B = X.shape[0]!;
        const errors = X.rows().map(
          (row, i) => row.reduce((acc, x, j) => acc + x * w.values[j]!, 0) + b.values[0]! - y.values[i]!,
        );
        const gw = w.map((_, j) => X.rows().reduce((acc, row, i) => acc + row[j]! * errors[i]!, 0));
        const gb = errors.reduce((a, e) => a + e, 0);
        expectClose(
          expectTensor(out[0], 'w after the step', w.shape),
          w.map((x, j) => x - (lr / B) * gw.values[j]!),
          'w after the step',
        );
        expectClose(
          expectTensor(out[1], 'b after the step', b.shape),
          TensorData.float([1], [b.values[0]! - (lr / B) * gb]),
          'b after the step',
        );
      },
    ),
    example('the edges are valid: a learning rate of 1e-7 and a batch size of 1', async (s) => {
      const out = await s.call('sgd', tiny.params, tiny.grads, 1e-7, 1);
      if (!Array.isArray(out) || out.length !== 1) throw new CheckFailure('sgd should return the 1 updated parameter');
      expectClose(out[0], TensorData.of([-1e-7, 1 - 5e-8]), 'sgd([[0, 1]], [[1, 0.5]], lr = 1e-7, batchSize = 1)', {
        atol: 1e-12,
        rtol: 1e-6,
      });
    }),
    rejects(
      'a learning rate that is not > 0, or a batch size that is not a positive integer, gives a HyperparameterError',
      async (s) => {
        for (const lr of [0, -0.1])
          await s.rejects(
            'sgd',
            [tiny.params, tiny.grads, lr, 4],
            /lr|learning rate/i,
            `when lr = ${lr}`,
            'HyperparameterError',
          );
        for (const batchSize of [0, -2, 2.5])
          await s.rejects(
            'sgd',
            [tiny.params, tiny.grads, 0.1, batchSize],
            /batch/i,
            `when batchSize = ${batchSize}`,
            'HyperparameterError',
          );
        await s.rejects(
          'linregStep',
          [tiny.w, tiny.b, tiny.X, tiny.y, 0],
          /lr|learning rate/i,
          'when lr = 0',
          'HyperparameterError',
        );
      },
    ),
  ],
});
